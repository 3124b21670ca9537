"""El botón «Generar reporte», probado contra las clases reales de xlwings (create_autospec)."""

import datetime
import shutil
import subprocess
import sys
from unittest.mock import create_autospec

import docx
import pytest
import xlwings as xw
from apoyo import LIBRO_MUESTRA

from xl_seguimiento import escribir_reporte
from xl_seguimiento.excel.boton_reporte import generar_reporte
from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.reporte import PENDIENTE
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
from xl_seguimiento.xlsx.lectura.calamine import leer_hoja, leer_hojas

FECHA = datetime.date(2026, 12, 6)


@pytest.fixture(scope="module")
def cuadricula_muestra():
    return dict(leer_hojas(LIBRO_MUESTRA))["Matriz de seguimiento"]


def hoja_falsa(nombre, cuadricula):
    """Una hoja (autospec) que entrega `cuadricula` en una lectura masiva."""
    hoja = create_autospec(xw.Sheet, instance=True)
    hoja.name = nombre
    hoja.used_range.last_cell.row = len(cuadricula)
    hoja.used_range.last_cell.column = max(len(f) for f in cuadricula)
    rango = create_autospec(xw.Range, instance=True)
    rango.options.return_value.value = cuadricula
    hoja.range.return_value = rango
    return hoja


def libro_en(carpeta, hojas):
    """Un libro (autospec) guardado en `carpeta` como seguimiento.xlsx, con esas hojas."""
    libro = create_autospec(xw.Book, instance=True)
    libro.name = "seguimiento.xlsx"
    libro.fullname = str(carpeta / "seguimiento.xlsx")
    libro.sheets.__iter__.side_effect = lambda: iter(hojas)
    return libro


def test_escribe_junto_al_libro_el_mismo_reporte_que_la_api(tmp_path, cuadricula_muestra):
    origen = hoja_falsa("Matriz de seguimiento", cuadricula_muestra)
    libro = libro_en(tmp_path, [origen])
    generar_reporte(libro, FECHA)
    reporte = tmp_path / "seguimiento_reporte.docx"
    libro.app.alert.assert_called_once_with(
        f"Reporte de seguimiento escrito en «{reporte}».", title="xl-seguimiento"
    )
    origen.range.assert_called_once()  # una lectura masiva
    origen.range.return_value.options.assert_called_once_with(ndim=2, err_to_str=True)
    libro.sheets.add.assert_not_called()  # el libro no se toca
    escribir_reporte(shutil.copy(LIBRO_MUESTRA, tmp_path / "copia.xlsx"), tmp_path / "api.docx", fecha=FECHA)
    assert reporte.read_bytes() == (tmp_path / "api.docx").read_bytes()


def test_trae_lo_escrito_en_la_hoja_alertas_del_libro_abierto(tmp_path, cuadricula_muestra, informe_muestra):
    salida = tmp_path / "anterior.xlsx"
    escribir_sin_perdidas(LIBRO_MUESTRA, salida, maquetar(informe_muestra, "seguimiento.xlsx"))
    anterior = [list(f) for f in leer_hoja(salida, "Alertas")]
    encabezado = [*COLUMNAS_DETALLE, *COLUMNAS_USUARIO]
    inicio = next(i for i, f in enumerate(anterior) if f[: len(encabezado)] == encabezado)
    fila = next(f for f in anterior[inicio:] if f[1] == "ISS.01.04.02.02" and f[4] == "Bajo avance")
    fila[len(COLUMNAS_DETALLE)] = "Sin transferencias a tiempo"  # escrito en Excel, aún sin guardar
    libro = libro_en(
        tmp_path, [hoja_falsa("Matriz de seguimiento", cuadricula_muestra), hoja_falsa("Alertas", anterior)]
    )
    generar_reporte(libro, FECHA)
    (tabla,) = [
        t
        for t in docx.Document(str(tmp_path / "seguimiento_reporte.docx")).tables
        if [c.text for c in t.rows[0].cells[:4]]
        == ["Código", "Tipo de alerta", "Detalle", COLUMNAS_USUARIO[0]]
    ]
    justificaciones = {(f.cells[0].text, f.cells[1].text): f.cells[3].text for f in tabla.rows[1:]}
    assert justificaciones.pop(("ISS.01.04.02.02", "Bajo avance")) == "Sin transferencias a tiempo"
    assert set(justificaciones.values()) == {PENDIENTE}


def test_libro_nuevo_sin_guardar_dice_por_que_no(tmp_path, cuadricula_muestra):
    libro = libro_en(tmp_path, [hoja_falsa("Matriz de seguimiento", cuadricula_muestra)])
    libro.fullname = "Libro1"  # lo que da Excel para un libro que nunca se guardó
    generar_reporte(libro, FECHA)
    (mensaje,), opciones = libro.app.alert.call_args
    assert mensaje.startswith("Libro «seguimiento.xlsx»: el libro no está guardado en una carpeta")
    assert "«Generar reporte»" in mensaje and opciones == {"title": "xl-seguimiento"}


def test_carpeta_donde_no_se_puede_escribir_dice_por_que_no(tmp_path, cuadricula_muestra):
    carpeta = tmp_path / "sin_permiso"  # no existe: mkstemp falla como en una carpeta de solo lectura
    libro = libro_en(carpeta, [hoja_falsa("Matriz de seguimiento", cuadricula_muestra)])
    generar_reporte(libro, FECHA)
    (mensaje,), _ = libro.app.alert.call_args
    assert mensaje == (
        f"Libro «seguimiento.xlsx»: No se puede escribir en la carpeta «{carpeta}»: no existe o no hay "
        "permiso de escritura."
    )
    assert not carpeta.exists()


def test_error_inesperado_nombra_el_libro(tmp_path, cuadricula_muestra):
    origen = hoja_falsa("Matriz de seguimiento", cuadricula_muestra)
    origen.range.return_value.options.side_effect = RuntimeError("COM error")
    libro = libro_en(tmp_path, [origen])
    generar_reporte(libro, FECHA)
    (mensaje,), _ = libro.app.alert.call_args
    assert mensaje.startswith("No se pudo generar el reporte del libro «seguimiento.xlsx». Guarde el libro")
    assert mensaje.endswith("Detalle técnico: RuntimeError: COM error")
    assert not (tmp_path / "seguimiento_reporte.docx").exists()


def test_reporte_sin_poder_importar_avisa_en_espanol(monkeypatch, capsys):
    import xl_seguimiento.excel

    monkeypatch.setitem(sys.modules, "xl_seguimiento.excel.boton_reporte", None)
    with pytest.raises(SystemExit) as salida:
        xl_seguimiento.excel.reporte()
    assert salida.value.code == 1
    assert capsys.readouterr().err.startswith("xl-seguimiento no pudo arrancar en este Python")


def test_el_boton_no_carga_python_docx_al_arrancar():
    proceso = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import xl_seguimiento.excel.boton_reporte"],
        capture_output=True,
        text=True,
    )
    modulos = {linea.split("|")[-1].strip() for linea in proceso.stderr.splitlines()}
    assert "xl_seguimiento.excel.boton_reporte" in modulos
    assert not {"docx", "pandas", "openpyxl"} & modulos
