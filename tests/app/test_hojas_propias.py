"""Una hoja «Tablero» o «Alertas» del usuario nunca se reemplaza: ni la CLI ni el modo por lotes."""

import openpyxl
import pytest
from openpyxl.worksheet.table import Table

from xl_seguimiento.app import procesar
from xl_seguimiento.app.lote import procesar_uno
from xl_seguimiento.app.nombres import salida_por_omision
from xl_seguimiento.app.procesar import procesar_libro
from xl_seguimiento.nucleo.errores import ErrorSeguimiento
from xl_seguimiento.nucleo.parametros import PARAMETROS
from xl_seguimiento.xlsx.lectura.calamine import leer_hoja
from xl_seguimiento.xlsx.lectura.tablas_hoja import tablas_de_hoja


@pytest.fixture(params=["Tablero", "alertas"])
def con_hoja_propia(request, tmp_path, libro_muestra):
    """El libro de muestra con una hoja del usuario llamada como una de las nuestras."""
    libro = openpyxl.load_workbook(libro_muestra)
    libro.create_sheet(request.param).append(["Mi tablero del ministerio", 42])
    ruta = tmp_path / "con_hoja_propia.xlsx"
    libro.save(ruta)
    return ruta, request.param


def test_cli_no_reemplaza_una_hoja_del_usuario(con_hoja_propia):
    ruta, nombre = con_hoja_propia
    destino = salida_por_omision(ruta)
    with pytest.raises(ErrorSeguimiento) as error:
        procesar_libro(ruta, destino)
    assert f"ya tiene una hoja «{nombre.capitalize()}» que no escribió xl-seguimiento" in str(error.value)
    assert str(ruta) in str(error.value) and not destino.exists()


def test_lote_informa_la_hoja_del_usuario_y_no_escribe(con_hoja_propia):
    ruta, _ = con_hoja_propia
    resultado = procesar_uno(ruta, PARAMETROS, None, en_sitio=True)
    assert resultado.error is not None and "Cámbiele el nombre" in resultado.error
    assert leer_hoja(ruta, "Tablero") in (None, [["Mi tablero del ministerio", 42.0]])


def test_las_hojas_de_una_ejecucion_anterior_se_reemplazan(tmp_path, libro_muestra):
    """Las que escribió la CLI (sin marca: se reconocen por su contenido) se reemplazan sin aviso."""
    primera = tmp_path / "primera.xlsx"
    procesar_libro(libro_muestra, primera)
    segunda = tmp_path / "segunda.xlsx"
    procesar_libro(primera, segunda)
    assert leer_hoja(segunda, "Tablero") == leer_hoja(primera, "Tablero")


def test_el_tablero_propio_se_reconoce_por_su_tabla_sin_leer_celdas(tmp_path, libro_muestra, monkeypatch):
    salida = tmp_path / "salida.xlsx"
    procesar_libro(libro_muestra, salida)
    ((nombre, columnas),) = tablas_de_hoja(salida, "TABLERO")
    assert nombre == "TablaTablero" and columnas[:2] == ("Código", "Denominación")
    assert tablas_de_hoja(salida, "No existe") is None

    def sin_leer(*_):
        raise AssertionError("no hace falta leer las celdas del Tablero")

    monkeypatch.setattr(procesar.LibroAbierto, "hoja", sin_leer)
    procesar.comprobar_tablero_propio(procesar.LibroAbierto(salida))


def test_un_tablero_del_usuario_con_otra_tabla_no_se_reemplaza(tmp_path, libro_muestra):
    libro = openpyxl.load_workbook(libro_muestra)
    hoja = libro.create_sheet("Tablero")
    hoja.append(["Código", "Meta"])
    hoja.append(["A", 1])
    hoja.add_table(Table(displayName="TablaTableroPropia", ref="A1:B2"))
    ruta = tmp_path / "con_tabla.xlsx"
    libro.save(ruta)
    assert tablas_de_hoja(ruta, "Tablero") == [("TablaTableroPropia", ("Código", "Meta"))]
    with pytest.raises(ErrorSeguimiento, match="ya tiene una hoja «Tablero» que no escribió"):
        procesar_libro(ruta, tmp_path / "salida.xlsx")


def test_un_libro_sin_tablero_no_se_vuelve_a_abrir_para_buscarlo(tmp_path, libro_muestra, monkeypatch):
    """Sin una hoja «Tablero» (sin distinguir mayúsculas) no hay tablas que leer; con «TABLERO», sí."""
    leidas = []
    monkeypatch.setattr(procesar, "tablas_de_hoja", lambda ruta, nombre: leidas.append(ruta))
    procesar.comprobar_tablero_propio(procesar.LibroAbierto(libro_muestra))
    assert leidas == []
    libro = openpyxl.load_workbook(libro_muestra)
    libro.create_sheet("TABLERO").append(["Mi tablero", 1])
    ruta = tmp_path / "con_tablero.xlsx"
    libro.save(ruta)
    with pytest.raises(ErrorSeguimiento, match="ya tiene una hoja «Tablero» que no escribió"):
        procesar.comprobar_tablero_propio(procesar.LibroAbierto(ruta))
    assert leidas == [ruta]
