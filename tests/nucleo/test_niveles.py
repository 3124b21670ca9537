"""Los índices de todos los años de una vez, frente a los de cada año por separado."""

import numpy as np
import pytest

from xl_seguimiento.nucleo.indice import indices_por_grupo
from xl_seguimiento.nucleo.jerarquia import POLITICA, Niveles, arbol
from xl_seguimiento.nucleo.parametros import Parametros, Ponderacion

CODIGOS = [
    "ISS.01.01.01.01", "ISS.01.01.01.02", "IOP.01.01", "ISS.01.01.02.01", "ISS.01.02.01.01",
    "ISS.02.01.01.01", "IOP.02.01", "IOP.02.02", "ISS.02.01.01.02", "ISS.03.01.01.01",
]  # fmt: skip


@pytest.mark.parametrize("ponderacion", list(Ponderacion))
def test_indices_de_varios_anios_como_cada_anio_solo(ponderacion):
    azar = np.random.default_rng(3)
    columnas = [azar.uniform(0, 200, len(CODIGOS)) for _ in range(3)]
    for columna in columnas:
        columna[azar.random(len(CODIGOS)) < 0.3] = np.nan  # algunos ND
    relevancias = azar.uniform(0.5, 3, len(CODIGOS)).tolist()
    niveles = Niveles.de(arbol(CODIGOS), relevancias, Parametros(ponderacion=ponderacion))
    juntos = niveles.indices(columnas)
    for anio, columna in enumerate(columnas):
        solo = niveles.indices([columna])[0]
        for nivel in range(4):
            for de_juntos, de_solo in zip(juntos[anio][nivel], solo[nivel], strict=True):
                np.testing.assert_array_equal(de_juntos, de_solo)


def test_indice_de_la_politica_de_cada_anio_a_mano():
    """Por indicador: el promedio de los avances con dato (con tope) de cada año, sin mezclar años."""
    columnas = [np.array([50.0, np.nan, 200.0, 80.0] + [np.nan] * 6), np.full(len(CODIGOS), 90.0)]
    niveles = Niveles.de(arbol(CODIGOS), [1.0] * len(CODIGOS), Parametros())
    primero, segundo = (del_anio[POLITICA] for del_anio in niveles.indices(columnas))
    tope = Parametros().tope
    assert primero[0][0] == pytest.approx((50 + min(200, tope) + 80) / 3)
    assert (primero[1][0], primero[2][0]) == (3, len(CODIGOS))
    assert (segundo[0][0], segundo[1][0]) == (90.0, len(CODIGOS))
    assert indices_por_grupo(columnas[1], np.zeros(len(CODIGOS), dtype=np.intp), 1, tope)[0][0] == 90.0
