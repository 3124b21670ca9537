"""El libro con macros evaluado sin Excel: el paquete `formulas` llama a nuestras UDF.

Las fórmulas =AVANCE(...), =INDICE_GESTION(...) y =COBERTURA_INDICE(...) del .xlsm de muestra
deben dar lo mismo que el motor.
"""

import zipfile

import formulas
import numpy as np
import openpyxl
import pytest
from apoyo import RAIZ, cargar_constructor
from formulas.functions import is_not_empty, wrap_func
from formulas.tokens.operand import XlError

from xl_seguimiento.excel import udfs

LIBRO_XLSM = RAIZ / "workbook" / "seguimiento_produce_2024.xlsm"
HOJA = "MATRIZ DE SEGUIMIENTO"


def como_excel(argumento):
    """Lo que `formulas` pasa (matrices numpy, EMPTY, XlError) como lo pasaría xlwings."""
    if not isinstance(argumento, np.ndarray):
        return argumento

    def celda(v):
        if not is_not_empty(v):
            return None
        return str(v) if isinstance(v, XlError) else v

    return [[celda(v) for v in fila] for fila in np.atleast_2d(argumento).tolist()]


def registrar(nombre):
    funcion = getattr(udfs, nombre)

    def adaptada(*argumentos):
        resultado = funcion(*map(como_excel, argumentos))
        return np.asarray(resultado, dtype=object) if isinstance(resultado, list) else resultado

    formulas.get_functions()[nombre] = wrap_func(adaptada)


@pytest.fixture(scope="module")
def calculado():
    for nombre in ("AVANCE", "INDICE_GESTION", "COBERTURA_INDICE", "CATEGORIA_AVANCE"):
        registrar(nombre)
    solucion = formulas.ExcelModel().loads(str(LIBRO_XLSM)).finish().calculate()
    prefijo = f"'[{LIBRO_XLSM.name}]{HOJA}'!".upper()
    return {
        k.upper().removeprefix(prefijo): v.value for k, v in solucion.items() if k.upper().startswith(prefijo)
    }


def formulas_de(columna):
    hoja = openpyxl.load_workbook(LIBRO_XLSM)["Matriz de seguimiento"]
    return {c.row: (c.value, hoja[f"B{c.row}"].value) for c in hoja[columna] if str(c.value).startswith("=")}


def test_cada_avance_por_formula_es_el_del_motor(calculado, resultados_muestra):
    celdas = formulas_de("S")
    avances = {r: v for r, v in celdas.items() if v[0].startswith("=AVANCE(")}
    assert len(avances) == 41
    for fila, (_, codigo) in avances.items():
        (valor,) = np.ravel(calculado[f"S{fila}"])
        esperado = resultados_muestra[codigo].avance.valor
        assert valor == ("ND" if esperado is None else pytest.approx(esperado)), codigo


def test_indice_y_cobertura_por_formula(calculado, informe_muestra):
    celdas = formulas_de("S")
    fila_indice = next(r for r, (f, _) in celdas.items() if f.startswith("=INDICE_GESTION("))
    fila_cobertura = next(r for r, (f, _) in celdas.items() if f.startswith("=COBERTURA_INDICE("))
    assert np.ravel(calculado[f"S{fila_indice}"])[0] == pytest.approx(informe_muestra.indice.valor)
    assert np.ravel(calculado[f"S{fila_cobertura}"])[0] == "32 de 41"


def test_xlsm_lleva_vba_y_configuracion_de_xlwings():
    with zipfile.ZipFile(LIBRO_XLSM) as paquete:
        assert "xl/vbaProject.bin" in paquete.namelist()
        tipos = paquete.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in tipos
    conf = openpyxl.load_workbook(LIBRO_XLSM, keep_vba=True)["xlwings.conf"]
    ajustes = {fila[0].value: fila[1].value for fila in conf.iter_rows()}
    assert ajustes["UDF Modules"] == "xl_seguimiento.excel.udfs"


def test_xlsm_reproducible(tmp_path):

    nuevo = cargar_constructor().construir_xlsm(salida=tmp_path / "m.xlsm")

    def celdas(ruta):
        libro = openpyxl.load_workbook(ruta, keep_vba=True)
        return {
            (h.title, c.coordinate, c.value)
            for h in libro
            for f in h.iter_rows()
            for c in f
            if c.value is not None
        }

    assert celdas(nuevo) == celdas(LIBRO_XLSM)
