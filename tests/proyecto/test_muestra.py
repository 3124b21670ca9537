"""El libro de muestra versionado es el que produce su script a partir del extracto."""

import openpyxl
from apoyo import LIBRO_MUESTRA, TSV_EXTRACTO, cargar_constructor


def celdas(ruta):
    hoja = openpyxl.load_workbook(ruta).active
    return {
        (c.coordinate, c.value, c.number_format)
        for fila in hoja.iter_rows()
        for c in fila
        if c.value is not None
    }, {str(r) for r in hoja.merged_cells.ranges}


def test_muestra_reproducible(tmp_path):
    nueva = cargar_constructor().construir(TSV_EXTRACTO, tmp_path / "muestra.xlsx")
    assert celdas(nueva) == celdas(LIBRO_MUESTRA)


def test_muestra_mezcla_formas_de_porcentaje():
    hoja = openpyxl.load_workbook(LIBRO_MUESTRA).active
    valores = [c for fila in hoja.iter_rows() for c in fila]
    assert any(c.value == "53%" for c in valores)  # texto
    assert any(isinstance(c.value, float) and c.number_format.endswith("%") for c in valores)  # número
    assert {"H4:I4", "J4:L4", "M4:O4"} <= {str(r) for r in hoja.merged_cells.ranges}  # grupos combinados
