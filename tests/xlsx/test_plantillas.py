"""Filas escritas con plantilla: el mismo XML que celda a celda, o de vuelta al camino celda a celda."""

from datetime import date

import pytest

from xl_seguimiento.maqueta.hoja import VACIA, Celda
from xl_seguimiento.xlsx.escritura.hoja import _agregar_celdas, _por_plantilla

ATRIBUTOS = {"": "", "ajustado": ' s="1"', "decimal": ' s="2"', "entrada": ' s="3"'}
LETRAS = ["A", "B", "C", "D"]


def _celda_a_celda(fila: tuple[Celda, ...]) -> tuple[str, list[str]]:
    partes: list[str] = []
    vinculos: list[str] = []
    _agregar_celdas(partes, vinculos, fila, 7, LETRAS, ATRIBUTOS, {})
    return "".join(partes), vinculos


def _con_plantilla(fila: tuple[Celda, ...]) -> tuple[str | None, list[str]]:
    vinculos: list[str] = []
    return _por_plantilla(fila, 7, LETRAS, ATRIBUTOS, {}, vinculos), vinculos


@pytest.mark.parametrize(
    "fila",
    [
        (Celda("Indicador", "ajustado"), Celda("OP.01", "ajustado", "'Matriz'!B9"), Celda(45.25, "decimal")),
        (Celda("Política — año", "ajustado"), Celda(3), Celda(None, "entrada"), VACIA),
    ],
)
def test_plantilla_da_el_mismo_xml(fila: tuple[Celda, ...]) -> None:
    xml, vinculos = _con_plantilla(fila)
    assert xml is not None
    assert (xml, vinculos) == _celda_a_celda(fila)


def test_xml_de_una_fila_con_plantilla() -> None:
    xml, vinculos = _con_plantilla((Celda("OP.01", "ajustado", "'M'!B9"), Celda(1.5, "decimal"), VACIA))
    assert xml == '<c s="1" t="inlineStr"><is><t>OP.01</t></is></c><c s="2"><v>1.5</v></c>'
    assert vinculos == ['<hyperlink ref="A7" location="\'M\'!B9"/>']


@pytest.mark.parametrize(
    "fila",
    [
        (Celda(" borde", "ajustado"),),  # xml:space
        (Celda("borde ", "ajustado"),),
        (Celda("R&D"),),
        (Celda("<b>"),),
        (Celda("a>b"), Celda("c")),
        (Celda("x_x0041_"),),  # cadena de Excel
        (Celda("dos\nlíneas", "ajustado"),),
        (Celda(""), Celda("b")),
        (Celda("a"), Celda("", "ajustado")),
        (Celda(date(2024, 3, 1), "entrada"),),
        (Celda(True),),
        (VACIA, Celda("tras una omitida: lleva r")),
    ],
)
def test_sin_plantilla_va_celda_a_celda(fila: tuple[Celda, ...]) -> None:
    """Lo que la plantilla no escribe igual vuelve al camino celda a celda (None)."""
    assert _con_plantilla(fila) == (None, [])
