"""Direcciones A1: enteros adentro, texto en el borde, y de vuelta."""

import ast
from datetime import date, datetime

import pytest
from apoyo import RAIZ

from xl_seguimiento.nucleo.a1 import (
    Rango,
    columna_de_letras,
    hoja_citada,
    leer_celda,
    letras_columna,
    referencia,
    referencias,
    serie_de_fecha,
)


@pytest.mark.parametrize("columna", [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383])
def test_letras_y_columna_van_y_vuelven(columna):
    assert columna_de_letras(letras_columna(columna)) == columna


def test_referencias_y_rangos():
    assert referencia(11, 1) == "B12"
    assert referencia(11, 27, absoluta=True) == "$AB$12"
    assert Rango(1, 0, 4, 0).a1() == "A2:A5"
    assert Rango(1, 0, 4, 3).a1("Tablero", absoluto=True) == "'Tablero'!$A$2:$D$5"
    assert Rango(6, 2, 6, 2).a1() == "C7:C7"  # siempre con los dos extremos


def test_leer_una_celda():
    assert leer_celda("AB12") == (11, 27)
    assert leer_celda("$ab$12") == (11, 27)
    assert leer_celda("C") == (None, 2)


def test_hojas_citadas():
    assert hoja_citada("Matriz de seguimiento") == "'Matriz de seguimiento'"
    assert hoja_citada("Hoja de Ana's") == "'Hoja de Ana''s'"


def test_series_de_fecha_como_excel():
    assert serie_de_fecha(date(2026, 3, 1)) == 46082.0
    assert serie_de_fecha(date(1900, 3, 1)) == 61.0
    assert serie_de_fecha(date(1900, 2, 28)) == 59.0  # Excel cuenta el 29/02/1900, que no existió
    assert serie_de_fecha(datetime(2026, 3, 1, 12)) == 46082.5


def test_a1_es_una_hoja_del_arbol():
    arbol = ast.parse((RAIZ / "xl_seguimiento" / "nucleo" / "a1.py").read_text(encoding="utf-8"))
    importados = {n.module for n in ast.walk(arbol) if isinstance(n, ast.ImportFrom)}
    assert importados <= {"datetime", "functools", "typing"}


def test_referencias_de_una_columna():
    assert referencias([11, 12, 0], 1) == ["B12", "B13", "B1"]
    assert referencias([4], 27) == ["AB5"] == [referencia(4, 27)]
    assert referencias([], 3) == []


def test_referencias_de_varias_columnas_una_tras_otra():
    assert referencias([11, 12], 1, 27) == ["B12", "B13", "AB12", "AB13"]
    assert referencias([0], 0, 1, 2) == ["A1", "B1", "C1"]
    assert referencias([5, 9]) == []
