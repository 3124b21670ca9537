"""Frase de la situación de un servicio: cuántos de sus indicadores tienen cada tipo de alerta.

Las frases esperadas están escritas a mano con las reglas de redacción del extracto
(«presenta ambos…», «tiene uno de sus dos…»), para los casos que el extracto no trae.
"""

import pytest

from xl_seguimiento.nucleo.categorias import CATEGORIAS, categoria
from xl_seguimiento.nucleo.modelo import (
    Avance,
    Categoria,
    Indicador,
    ResultadoIndicador,
    Situacion,
    TipoAlerta,
)
from xl_seguimiento.nucleo.situacion import situaciones

BAJO, ALTO, ATIPICO, ND = 40.0, 100.0, 180.0, None


def resultados(*avances: float | None) -> list[ResultadoIndicador]:
    return [
        ResultadoIndicador(
            Indicador(f"ISS.01.01.01.{i:02d}", "Indicador", "", "B1", None),
            Avance(valor),
            categoria(valor),
        )
        for i, valor in enumerate(avances, start=1)
    ]


def situacion(grupo: list[ResultadoIndicador]) -> Situacion:
    """La frase de un solo grupo (un servicio con esos indicadores)."""
    return situaciones([CATEGORIAS.index(r.categoria) for r in grupo], [0] * len(grupo), 1)[0]


@pytest.mark.parametrize(
    ("avances", "singular"),
    [
        ((BAJO, BAJO, ND, ALTO, ALTO), "tiene 2 indicadores con avance bajo y un indicador sin información"),
        (
            (BAJO, ATIPICO, ND, ALTO),
            "tiene un indicador con avance bajo, un indicador con avance tipo 1 mayor a 150 y un "
            "indicador sin información, lo que sugiere errores de planeamiento",
        ),
        ((BAJO,) * 11 + (ALTO,), "tiene 11 de sus 12 indicadores con avance bajo"),
        ((BAJO,) * 3, "presenta sus 3 indicadores con avance bajo"),
        ((ND,), "presenta su único indicador sin información"),
    ],
)
def test_frases_de_varios_tipos_y_cantidades(avances, singular):
    frase = situacion(resultados(*avances))
    assert frase.singular == singular
    assert frase.plural == singular.replace("tiene ", "tienen ", 1).replace("presenta ", "presentan ", 1)


def test_sin_alertas_la_frase_queda_vacia():
    frase = situacion(resultados(ALTO, 90.0))
    assert frase.vacia and frase.singular == ""


def test_los_tipos_van_en_el_orden_de_las_frases():
    assert situacion(resultados(ND, ATIPICO, BAJO)).tipos == (
        TipoAlerta.BAJO_AVANCE,
        TipoAlerta.AVANCE_ATIPICO,
        TipoAlerta.SIN_INFORMACION,
    )


def test_situaciones_de_varios_grupos_por_columnas():
    """Cada grupo cuenta solo sus indicadores, estén donde estén en las columnas; un grupo sin
    indicadores con alerta queda con la frase vacía."""
    bajo, alto, nd = (
        CATEGORIAS.index(c) for c in (Categoria.BAJO, Categoria.ALTO, Categoria.SIN_INFORMACION)
    )
    frases = situaciones([bajo, alto, nd, bajo, alto], [2, 0, 2, 2, 1], 3)
    assert [f.singular for f in frases] == [
        "",
        "",
        "tiene 2 indicadores con avance bajo y un indicador sin información",
    ]
