"""Lectura de valores de celda, cada forma de METODOLOGÍA §2."""

import math
from datetime import datetime

import numpy as np
import pytest

from xl_seguimiento.nucleo.valores import VACIO, MotivoND, Valor, leer_valor, leer_valores


@pytest.mark.parametrize(
    ("celda", "esperado", "porcentaje"),
    [
        ("53%", 0.53, True),
        ("3,10%", 0.031, True),
        ("100.00%", 1.0, True),
        ("12 %", 0.12, True),
        ("3,10", 3.1, False),
        ("12,5%", 0.125, True),
        ("2,5", 2.5, False),
        ("2.50", 2.5, False),
        ("0,500", 0.5, False),  # un grupo de miles no empieza con 0: solo puede ser decimal
        (".500", 0.5, False),
        ("2.5000", 2.5, False),
        ("1234.567", 1234.567, False),  # cuatro cifras antes del punto: no es separador de miles
        ("1.234,5", 1234.5, False),  # con los dos separadores, el último es el decimal
        ("1,234.5", 1234.5, False),
        ("2.500,00", 2500.0, False),
        ("1.234.567", 1234567.0, False),  # repetido, solo puede separar miles
        ("1,234,567", 1234567.0, False),
        ("2.5", 2.5, False),
        ("-5", -5.0, False),
        (0.53, 0.53, False),  # celda numérica con formato de porcentaje: ya es la fracción
        (2000, 2000.0, False),
        (" 2417 ", 2417.0, False),
    ],
)
def test_numeros_y_porcentajes(celda, esperado, porcentaje):
    valor = leer_valor(celda)
    assert valor.numero == pytest.approx(esperado)
    assert valor.porcentaje is porcentaje
    assert valor.motivo is None


@pytest.mark.parametrize("celda", ["2.500", "2,500", "1,234", "12.345", "-2.500", "2.500%", " 2,500 "])
def test_punto_o_coma_con_tres_cifras_es_ambiguo(celda):
    """«2.500» puede ser 2,5 o 2 500 (separador de miles): no se elige una lectura."""
    valor = leer_valor(celda)
    assert valor.numero is None
    assert valor.motivo is MotivoND.AMBIGUO
    assert valor.texto == celda.strip()


@pytest.mark.parametrize("celda", [2.5, 2500, 2500.0])
def test_celdas_numericas_no_son_ambiguas(celda):
    assert leer_valor(celda).numero == float(celda)


@pytest.mark.parametrize("celda", ["ND", "N.D.", "n.d.", "S/D", "s.i.", "-", "—", "Sin dato", "sin dato"])
def test_marcas_declaradas_nd(celda):
    valor = leer_valor(celda)
    assert valor.numero is None
    assert valor.motivo is MotivoND.DECLARADO


@pytest.mark.parametrize("celda", [None, "", "   "])
def test_vacio(celda):
    assert leer_valor(celda).motivo is MotivoND.VACIO


@pytest.mark.parametrize("celda", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", math.nan])
def test_errores_de_excel(celda):
    assert leer_valor(celda).motivo is MotivoND.ERROR


@pytest.mark.parametrize("celda", ["abc", "1,2,3", "1.23,4", "cinco", True, datetime(2024, 1, 1)])
def test_texto_no_numerico_no_se_adivina(celda):
    valor = leer_valor(celda)
    assert valor.numero is None
    assert valor.motivo is MotivoND.TEXTO


def test_leer_valores_de_una_columna_es_leer_valor_de_cada_celda():
    """La columna sale de la tabla de lo ya leído; un booleano (True == 1.0, mismo hash) o un tipo
    sin hash no deben salir de ahí con el Valor de otro."""
    leer_valor(1.0), leer_valor("53%")  # ya leídos: la columna los toma de la tabla
    columna = [1.0, True, 1, "53%", None, np.True_, datetime(2024, 1, 2), "ND", 0.0, False]
    esperado = [
        Valor(1.0),
        Valor(None, MotivoND.TEXTO, "True"),
        Valor(1.0),
        Valor(0.53, texto="53%", porcentaje=True),
        VACIO,
        Valor(None, MotivoND.TEXTO, "True"),
        Valor(None, MotivoND.TEXTO, "2024-01-02 00:00:00"),
        Valor(None, MotivoND.DECLARADO, "ND"),
        Valor(0.0),
        Valor(None, MotivoND.TEXTO, "False"),
    ]
    assert leer_valores(columna) == esperado
    assert [leer_valor(c) for c in columna] == esperado
    assert leer_valores([1.0, "53%", None]) == [esperado[0], esperado[3], VACIO]  # todo ya leído
    assert leer_valores([[1], 2.0]) == [Valor(None, MotivoND.TEXTO, "[1]"), Valor(2.0)]  # sin hash


def test_leer_valores_con_celdas_nunca_leidas_entre_las_ya_leidas():
    """Lo que no está en la tabla de lo ya leído se lee con leer_valor, en su lugar en la columna."""
    leer_valor(1.0), leer_valor("ND")
    nuevos = ["  7,25 % de algo nunca visto", 7.123456789e-9, "2.500", "#VALUE!"]
    columna = [1.0, nuevos[0], "ND", nuevos[1], None, nuevos[2], 1.0, nuevos[3]]
    esperado = [
        Valor(1.0),
        Valor(None, MotivoND.TEXTO, "7,25 % de algo nunca visto"),
        Valor(None, MotivoND.DECLARADO, "ND"),
        Valor(7.123456789e-9),
        VACIO,
        Valor(None, MotivoND.AMBIGUO, "2.500"),
        Valor(1.0),
        Valor(None, MotivoND.ERROR, "#VALUE!"),
    ]
    assert leer_valores(tuple(columna)) == esperado
    assert leer_valores(tuple(columna)) == esperado  # la segunda vez, todo de la tabla
