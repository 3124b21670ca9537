"""Modo por lotes de punta a punta: libros buenos, uno roto, consolidado y código de salida."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from apoyo import libreoffice_a_csv, sinteticos

from xl_seguimiento.app.lote import procesar_uno
from xl_seguimiento.maqueta.columnas import COLUMNAS_USUARIO
from xl_seguimiento.maqueta.consolidado import COLUMNAS_ALERTAS, ResultadoLibro, maquetas_consolidado
from xl_seguimiento.nucleo.modelo import TipoAlerta
from xl_seguimiento.nucleo.parametros import PARAMETROS
from xl_seguimiento.xlsx.escritura.edicion import escribir_libro_nuevo


def ejecutar(*argumentos):
    return subprocess.run(
        [sys.executable, "-m", "xl_seguimiento.app.cli", "alertas", *map(str, argumentos)],
        capture_output=True,
        text=True,
    )


@pytest.fixture
def carpeta(tmp_path, libro_muestra):
    shutil.copy(libro_muestra, tmp_path / "produce.xlsx")
    shutil.copy(libro_muestra.with_suffix(".xlsm"), tmp_path / "produce_macros.xlsm")
    sinteticos().generar(tmp_path / "sintetico.xlsx", 200)
    (tmp_path / "notas.txt").write_text("no es un libro")
    return tmp_path


def test_un_libro_roto_no_detiene_a_los_demas(carpeta):
    (carpeta / "roto.xlsx").write_bytes(b"esto no es un zip")
    antes = {p.name: p.read_bytes() for p in carpeta.iterdir()}
    proceso = ejecutar(carpeta)
    assert proceso.returncode == 2
    assert "roto.xlsx" in proceso.stderr and "no es un libro de Excel" in proceso.stderr
    assert "Libros procesados: 3 de 4" in proceso.stdout
    assert (
        "Hojas «Alertas» y «Tablero» escritas en la copia de cada libro procesado "
        "(LIBRO_alertas.xlsx, a su lado)" in proceso.stdout
    )
    assert "✓ produce.xlsx: índice 66.9 (calculado con 32 de 41 indicadores), Bajo" in proceso.stdout
    for nombre in ("produce_alertas.xlsx", "produce_macros_alertas.xlsm", "sintetico_alertas.xlsx"):
        assert (carpeta / nombre).exists()
    assert {
        p.name: p.read_bytes() for p in carpeta.iterdir() if p.name in antes
    } == antes  # entradas intactas
    consolidado = openpyxl.load_workbook(carpeta / "consolidado_alertas.xlsx")
    filas = {f[0]: f for f in consolidado["Consolidado"].iter_rows(min_row=2, values_only=True)}
    assert set(filas) == {"produce.xlsx", "produce_macros.xlsm", "sintetico.xlsx", "roto.xlsx"}
    assert filas["produce.xlsx"][3] == pytest.approx(66.857, abs=1e-3)
    assert filas["produce.xlsx"][4:6] == (32, 41)
    assert filas["sintetico.xlsx"][5] == 200
    assert filas["produce.xlsx"][-1] == "OK" and "no es un libro de Excel" in filas["roto.xlsx"][-1]
    assert filas["roto.xlsx"][1:-1] == (None,) * 12  # un libro con error no tiene índice ni cuentas
    # las del libro de muestra (README), con 4 retrocesos y 5 bajos persistentes contados a mano
    assert filas["produce.xlsx"][7:13] == (24, 16, 12, 6, 4, 5)
    alertas = list(consolidado["Alertas"].iter_rows(min_row=2, values_only=True))
    assert len(alertas) == sum(sum(f[7:13]) for f in filas.values() if f[-1] == "OK")
    # Las mismas etiquetas que la hoja «Alertas» de cada libro, con el archivo delante.
    assert ("produce.xlsx", "Servicio", "SS.04.03.01", "Bajo avance") in {(*a[:3], a[5]) for a in alertas}
    (tabla,) = consolidado["Alertas"].tables.values()
    assert tabla.ref == f"A1:M{len(alertas) + 1}"
    assert consolidado["Consolidado"].tables["TablaConsolidado"].ref == "A1:N5"  # 7 datos, 6 tipos, estado


def test_lote_en_sitio_dice_donde_quedaron_las_hojas(carpeta):
    proceso = ejecutar(carpeta / "produce.xlsx", carpeta / "sintetico.xlsx", "--en-sitio")
    assert proceso.returncode == 0, proceso.stderr
    assert (
        "Hojas «Alertas» y «Tablero» escritas en cada libro procesado (copiado antes a "
        "LIBRO.respaldo.xlsx)" in proceso.stdout
    )
    assert openpyxl.load_workbook(carpeta / "sintetico.xlsx").sheetnames[-2:] == ["Alertas", "Tablero"]


def test_lote_correcto_en_json(carpeta):
    proceso = ejecutar(
        carpeta / "produce.xlsx", carpeta / "sintetico.xlsx", "--json", "-o", carpeta / "todo.xlsx"
    )
    assert proceso.returncode == 0, proceso.stderr
    documento = json.loads(proceso.stdout)
    assert [d["estado"] for d in documento["libros"]] == ["ok", "ok"]
    assert documento["libros"][0]["indice"]["total"] == 41
    assert documento["libros"][1]["indice"]["total"] == 200
    assert (carpeta / "todo.xlsx").exists()
    assert "2/2" in proceso.stderr  # progreso


def test_generador_sintetico(tmp_path):
    from xl_seguimiento.nucleo.motor import analizar_libro
    from xl_seguimiento.xlsx.lectura.calamine import leer_hojas

    ruta = sinteticos().generar(tmp_path / "n.xlsx", 1500, semilla=7)
    informe = analizar_libro(leer_hojas(ruta))
    assert informe.indice.total == 1500
    assert len(informe.objetivos) == 15  # 2 indicadores × 5 servicios × 10 lineamientos = 100 por objetivo
    tipos = {a.tipo for a in informe.alertas}
    assert {
        "bajo_avance",
        "sin_informacion",
        "avance_atipico",
        "inconsistencia",
    } <= tipos  # la mezcla los produce


def test_libreoffice_abre_el_consolidado(carpeta, tmp_path_factory):
    assert ejecutar(carpeta).returncode == 0
    hojas = libreoffice_a_csv(carpeta / "consolidado_alertas.xlsx", tmp_path_factory.mktemp("csv"))
    assert set(hojas) == {"Consolidado", "Alertas"}
    assert "produce.xlsx,Reporte de seguimiento" in hojas["Consolidado"]
    assert "produce.xlsx,Servicio,SS.04.03.01," in hojas["Alertas"]


def test_consolidado_sin_alertas_lleva_una_fila_que_lo_dice(tmp_path):
    sin_alertas = ResultadoLibro(
        "a.xlsx", titulo="Política A", anio=2024, indice=100.0, con_dato=3, total=3, categoria="Alto"
    )
    destino = tmp_path / "consolidado.xlsx"
    escribir_libro_nuevo(destino, maquetas_consolidado([sin_alertas]))
    libro = openpyxl.load_workbook(destino)
    assert libro.sheetnames == ["Consolidado", "Alertas"]
    assert [c.value for c in libro["Consolidado"][2]] == [
        "a.xlsx", "Política A", 2024, 100, 3, 3, "Alto", 0, 0, 0, 0, 0, 0, "OK",
    ]  # fmt: skip
    assert [c.value for c in libro["Alertas"][2]][
        len(COLUMNAS_ALERTAS) - len(COLUMNAS_USUARIO) - 1
    ] == "Sin alertas"


def test_el_documento_json_solo_se_arma_si_se_pide(tmp_path, libro_muestra):
    libro = shutil.copy(libro_muestra, tmp_path / "produce.xlsx")
    sin_documento = procesar_uno(libro, PARAMETROS, None, False)
    con_documento = procesar_uno(libro, PARAMETROS, None, False, con_documento=True)
    assert sin_documento.documento is None
    assert len(con_documento.documento["indicadores"]) == 41
    assert (
        sin_documento.alertas == con_documento.alertas and len(sin_documento.alertas) == 58 + 9
    )  # 9 de tendencia
    assert sin_documento.cuentas[0] == 24 and sum(sin_documento.cuentas) == 58 + 9  # 24 de bajo avance


def test_el_resumen_por_lotes_trae_los_avisos_de_cada_libro(tmp_path, libro_muestra):
    """Un encabezado de año ilegible (O5, «Valores obtenidos» 2024) se avisa bajo su libro, no solo en las hojas."""
    libro = openpyxl.load_workbook(libro_muestra)
    libro.active["O5"] = "2023-2024"
    libro.save(tmp_path / "con_nota.xlsx")
    shutil.copy(libro_muestra, tmp_path / "produce.xlsx")
    resultado = ejecutar(tmp_path)
    assert resultado.returncode == 0, resultado.stderr
    lineas = resultado.stdout.splitlines()
    bajo_con_nota = lineas[lineas.index(next(x for x in lineas if "con_nota.xlsx" in x)) + 1]
    assert bajo_con_nota.startswith("  Aviso: ") and "«Matriz de seguimiento!O5»" in bajo_con_nota
    assert sum("Aviso:" in x for x in lineas) == 1  # la muestra intacta no avisa nada


def test_un_libro_nombrado_dos_veces_se_procesa_una_vez(tmp_path, libro_muestra):
    """Antes: las alertas contadas dos veces (48 de bajo avance) y dos filas en el consolidado."""
    libro = shutil.copy(libro_muestra, tmp_path / "produce.xlsx")
    resultado = ejecutar(libro, tmp_path / "." / "produce.xlsx", tmp_path, "-o", tmp_path / "dup.xlsx")
    assert resultado.returncode == 0, resultado.stderr
    assert "Libros procesados: 1 de 1" in resultado.stdout and "Bajo avance: 24" in resultado.stdout
    assert openpyxl.load_workbook(tmp_path / "dup.xlsx")["Consolidado"].max_row == 2  # encabezado y un libro


@pytest.mark.parametrize("salida", ["x.xlsx", "y_alertas.xlsx", "consolidado.xlsm", "consolidado.txt"])
def test_el_consolidado_no_pisa_un_libro_ni_la_salida_de_uno(tmp_path, libro_muestra, salida):
    """Antes, `-o x.xlsx` reemplazaba el libro de entrada x.xlsx por el consolidado, sin respaldo."""
    for nombre in ("x", "y"):
        shutil.copy(libro_muestra, tmp_path / f"{nombre}.xlsx")
    antes = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    resultado = ejecutar(tmp_path, "-o", tmp_path / salida)
    assert resultado.returncode == 2
    assert "consolidado" in resultado.stderr and "Error inesperado" not in resultado.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == antes  # nada escrito


def test_las_filas_del_consolidado_se_arman_en_cada_proceso_y_quedan_en_el_orden_de_los_libros(carpeta):
    """Las filas de cada libro en la hoja «Alertas» del consolidado, armadas en el proceso de su libro
    (columnas de valores simples), quedan en el orden de los libros (no en el de llegada), con su
    archivo y las cuentas por tipo; en la hoja, cada fila con el alto que muestra entero su texto
    ajustado (en la muestra, el mensaje de más de una línea)."""
    from xl_seguimiento.app.lote import buscar_libros, procesar_lote
    from xl_seguimiento.maqueta.consolidado import ANCHOS_ALERTAS
    from xl_seguimiento.maqueta.hoja import alto_de_fila, lineas

    libros = buscar_libros([carpeta])
    resultados = procesar_lote(libros, PARAMETROS, None, False, 2, lambda *_: None)
    assert [r.archivo for r in resultados] == [str(libro) for libro in libros]
    for resultado in resultados:
        assert len(resultado.alertas) == sum(resultado.cuentas) > 0
        tipos = [fila[5].valor for fila in resultado.alertas]
        assert resultado.cuentas == tuple(map(tipos.count, (t.etiqueta for t in TipoAlerta)))
        for fila in resultado.alertas:
            assert fila[0].valor == Path(resultado.archivo).name
            assert all(type(c.valor) in (str, float, int, type(None)) for c in fila)  # sin enums
    _, hoja = maquetas_consolidado(resultados)
    assert list(hoja.filas)[1:] == [f for r in resultados for f in r.alertas]
    altos = dict(hoja.altos)
    for i, fila in enumerate(hoja.filas, start=1):
        assert altos.get(i) == alto_de_fila(fila, ANCHOS_ALERTAS)
    largos = [i for i, f in enumerate(hoja.filas, start=1) if lineas(str(f[7].valor), ANCHOS_ALERTAS[7]) > 1]
    assert largos and set(largos) <= dict(hoja.altos).keys()
