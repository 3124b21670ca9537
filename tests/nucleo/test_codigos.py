"""Códigos de la jerarquía: nivel, partes y orden natural."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_seguimiento.nucleo.codigos import (
    PREFIJOS,
    Nivel,
    clave_orden,
    es_indicador,
    leer_codigo,
    leer_codigos,
    lineamiento_de,
    nombre_corto,
    objetivo_de,
    servicios_de,
)


@pytest.mark.parametrize(
    ("codigo", "indicador"),
    [
        ("ISS.01.04.01.02", True),
        ("IOP.02.01", True),
        ("SS.01.04.01", False),
        ("LN.01.04", False),
        ("OP.03", False),
    ],
)
def test_es_indicador_es_el_nivel_indicador(codigo, indicador):
    assert es_indicador(codigo) is indicador is (PREFIJOS[codigo.split(".")[0]] is Nivel.INDICADOR)


def test_partes_del_codigo():
    assert clave_orden("ISS.01.10.02.03") == (1, 10, 2, 3) > clave_orden("ISS.01.9.02.03")
    assert lineamiento_de("ISS.01.04.01.02") == lineamiento_de("SS.01.04.01") == "LN.01.04"
    assert lineamiento_de("IOP.01.02") is None and lineamiento_de("OP.01") is None
    assert objetivo_de("IOP.07.02") == objetivo_de("LN.07.01") == "OP.07"
    assert nombre_corto("SS.01.04.01") == "01.04.01"


@pytest.mark.parametrize(
    ("texto", "codigo"),
    [
        ("ISS.01.04.01.02", "ISS.01.04.01.02"),  # ya normalizado: tal cual
        ("OP.1", "OP.1"),
        ("IOP.01.02", "IOP.01.02"),
        ("iss.01.04.01.02", "ISS.01.04.01.02"),
        (" ISS . 01.04 .01.02 ", "ISS.01.04.01.02"),
        ("ISS.01.04.01", None),  # partes de menos o de más para su prefijo
        ("OP.1.2", None),
        ("LN.01.02.03", None),
        ("SSS.01.02.03", None),
        ("Código", None),
        (12.0, None),
    ],
)
def test_leer_codigo(texto, codigo):
    assert leer_codigo(texto) == codigo


def test_leer_codigos_como_leer_codigo_celda_por_celda():
    celdas = [
        "ISS.01.04.01.02",
        " iss . 1 . 4 . 1 . 2 ",
        "SS.01.04.01",
        "OP.1",
        "ISS.01.04",
        None,
        3.0,
        "Código",
        "",
    ]
    assert leer_codigos(celdas) == [leer_codigo(c) for c in celdas]
    assert leer_codigos(celdas)[:4] == ["ISS.01.04.01.02", "ISS.1.4.1.2", "SS.01.04.01", "OP.1"]


def test_servicio_de_cada_indicador():
    assert servicios_de(["ISS.01.04.01.02", "IOP.01.02", "ISS.10.1.12.3"]) == [
        "SS.01.04.01",
        None,
        "SS.10.1.12",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["OP", "LN", "SS", "ISS", "IOP", "SSS", "IS", "op"]),
    st.lists(st.text(alphabet="0129", min_size=1, max_size=3), min_size=0, max_size=6),
)
def test_un_codigo_escrito_como_se_normaliza_vale_solo_con_las_partes_de_su_prefijo(prefijo, partes):
    """El camino rápido (la expresión canónica) da lo mismo que leer el código parte por parte."""
    texto = ".".join([prefijo, *partes])
    esperado = texto if len(partes) == {"OP": 1, "LN": 2, "SS": 3, "ISS": 4, "IOP": 2}.get(prefijo) else None
    if prefijo == "op" and len(partes) == 1:
        esperado = "OP." + partes[0]  # en minúsculas no es el camino rápido, pero se normaliza
    assert leer_codigo(texto) == esperado
    assert leer_codigos([texto]) == [esperado]
