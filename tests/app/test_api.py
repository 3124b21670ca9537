"""La API de analistas: `analizar`, `escribir_alertas`, `Parametros` y `Informe.a_dataframe()`."""

import subprocess
import sys
import zipfile

import pytest
from apoyo import LIBRO_MUESTRA
from python_calamine import CalamineWorkbook

import xl_seguimiento
from xl_seguimiento import ErrorSeguimiento, Informe, Parametros, analizar, escribir_alertas


def test_la_api_es_lo_que_exporta_la_raiz():
    assert {"analizar", "escribir_alertas", "Parametros", "Informe", "Alerta", "ErrorSeguimiento"} <= set(
        xl_seguimiento.__all__
    )
    assert all(hasattr(xl_seguimiento, nombre) for nombre in xl_seguimiento.__all__)
    assert "main" not in xl_seguimiento.__all__  # el botón vive en xl_seguimiento.excel


def test_analizar_un_libro_y_su_cuadricula_da_lo_mismo(informe_muestra):
    desde_ruta = analizar(LIBRO_MUESTRA)
    assert isinstance(desde_ruta, Informe)
    assert desde_ruta.alertas == informe_muestra.alertas
    calamine = CalamineWorkbook.from_path(str(LIBRO_MUESTRA))
    cuadricula = calamine.get_sheet_by_name(calamine.sheet_names[0]).to_python(skip_empty_area=False)
    desde_cuadricula = analizar(cuadricula)
    assert [a.mensaje for a in desde_cuadricula.alertas] == [a.mensaje for a in informe_muestra.alertas]
    assert (desde_cuadricula.indice.con_dato, desde_cuadricula.indice.total) == (32, 41)


def test_parametros_cambian_el_resultado():
    exigente = analizar(LIBRO_MUESTRA, Parametros(umbral_bajo=90.0))
    normal = analizar(LIBRO_MUESTRA)
    bajos = [a for a in exigente.alertas if a.tipo.etiqueta == "Bajo avance"]
    assert len(bajos) > len([a for a in normal.alertas if a.tipo.etiqueta == "Bajo avance"])
    assert analizar(LIBRO_MUESTRA, anio=2023).anio == 2023


def test_escribir_alertas_da_la_misma_salida_que_la_linea_de_comandos(tmp_path):
    origen = tmp_path / "libro.xlsx"
    origen.write_bytes(LIBRO_MUESTRA.read_bytes())
    informe = escribir_alertas(origen)
    salida_api = tmp_path / "libro_alertas.xlsx"
    assert informe.anio == 2024 and salida_api.is_file()
    salida_cli = tmp_path / "cli.xlsx"
    subprocess.run(
        [sys.executable, "-m", "xl_seguimiento", "alertas", str(origen), "-o", str(salida_cli)], check=True
    )
    with zipfile.ZipFile(salida_api) as a, zipfile.ZipFile(salida_cli) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


def test_analizar_un_archivo_que_no_es_libro_da_un_error_en_espanol(tmp_path):
    falso = tmp_path / "notas.xlsx"
    falso.write_text("no soy un libro", encoding="utf-8")
    with pytest.raises(ErrorSeguimiento, match="no es un libro de Excel"):
        analizar(falso)


def test_a_dataframe_una_fila_por_indicador():
    informe = analizar(LIBRO_MUESTRA)
    tabla = informe.a_dataframe()
    assert len(tabla) == 41 and tabla.index.is_unique
    fila = tabla.loc["ISS.01.04.02.02"]
    assert fila["Avance Tipo 1 (%)"] == pytest.approx(2.5 / 3.4 * 100)  # VO / LE del extracto, a mano
    assert (fila["Objetivo"], fila["Lineamiento"], fila["Servicio"]) == ("OP.01", "LN.01.04", "SS.01.04.02")
    assert fila["Sentido"] == "ascendente"
    assert {"LE 2024", "VO 2024", "Categoría", "Alertas", "Responsable"} <= set(tabla.columns)
    con_alerta = {a.codigo for a in informe.alertas if a.nivel == "indicador"}
    assert set(tabla.index[tabla["Alertas"] != ""]) == con_alerta


def test_importar_la_api_no_importa_pandas_ni_el_motor():
    codigo = "import sys, xl_seguimiento; print(sorted(m for m in sys.modules if m.startswith(('pandas', 'xl_seguimiento.xlsx', 'openpyxl'))))"
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True).stdout
    assert salida.strip() == "[]"


def test_los_errores_llevan_archivo_y_hoja_como_datos(tmp_path):
    falta = tmp_path / "no_existe.xlsx"
    with pytest.raises(ErrorSeguimiento) as error:
        analizar(falta)
    assert error.value.archivo == str(falta) and error.value.hoja is None
    with pytest.raises(ErrorSeguimiento) as error:
        analizar(LIBRO_MUESTRA, anio=2031)
    assert error.value.hoja == "Matriz de seguimiento" and "2031" in str(error.value)
    origen = tmp_path / "libro.xlsx"
    origen.write_bytes(LIBRO_MUESTRA.read_bytes())
    with pytest.raises(ErrorSeguimiento) as error:
        escribir_alertas(origen, anio=2031)  # el motor no conoce el archivo: la escritura lo agrega
    assert error.value.archivo == str(origen) and error.value.hoja == "Matriz de seguimiento"
    assert str(error.value).startswith(f"«{origen}»: El año 2031")


def test_a_dataframe_sin_pandas_dice_como_instalarlo(informe_muestra, monkeypatch):
    """El paquete no está en un índice público: el consejo no puede ser «pip install "xl-seguimiento[pandas]"»."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ErrorSeguimiento) as error:
        informe_muestra.a_dataframe()
    assert "«py -m pip install pandas»" in str(error.value) and "xl-seguimiento[" not in str(error.value)
