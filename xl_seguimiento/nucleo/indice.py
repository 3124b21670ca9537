"""Índice de gestión (METODOLOGÍA §4): promedio de avances con tope, sin contar los ND, con cobertura.

La regla es columnar: `indices_por_grupo` promedia de una vez los avances de muchos grupos (los
servicios, objetivos... de un año) y `indice_gestion`, la de las funciones de Excel, es el caso
de un solo grupo. Las sumas se acumulan en el orden de las filas, como una suma a mano.
"""

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from .modelo import Indice
from .parametros import PARAMETROS

Columna = npt.NDArray[np.float64]
Enteros = npt.NDArray[np.intp]


def indices_por_grupo(
    avances: Columna, grupos: Enteros, cantidad: int, tope: float, pesos: Columna | None = None
) -> tuple[Columna, Enteros, Enteros]:
    """Índice de cada uno de `cantidad` grupos, y su cobertura (avances con dato y total).

    Promedio (ponderado si hay pesos) de min(A, tope) sobre los avances con dato del grupo; los
    ND (NaN) no cuentan. `grupos` dice el grupo (0 … cantidad-1) de cada avance. Un grupo sin
    avances con dato, o con pesos que suman 0 o menos, tiene índice NaN.
    """
    con_dato = ~np.isnan(avances)
    de_grupo = grupos[con_dato]
    topados = np.minimum(avances[con_dato], tope)
    cuantos = np.bincount(de_grupo, minlength=cantidad)
    total = np.bincount(grupos, minlength=cantidad)
    if pesos is None:
        numerador, denominador = _sumas(de_grupo, topados, cantidad), cuantos.astype(np.float64)
    else:
        pesos_con_dato = pesos[con_dato]
        numerador = _sumas(de_grupo, topados * pesos_con_dato, cantidad)
        denominador = _sumas(de_grupo, pesos_con_dato, cantidad)
    with np.errstate(divide="ignore", invalid="ignore"):
        valor = np.where((cuantos > 0) & (denominador > 0), numerador / denominador, np.nan)
    return valor, cuantos, total


def _sumas(grupos: Enteros, valores: Columna, cantidad: int) -> Columna:
    """La suma de los valores de cada grupo, acumulada en el orden de las filas (como a mano)."""
    return np.bincount(grupos, valores, cantidad).astype(np.float64, copy=False)


def indice_gestion(
    avances: Iterable[float | None], tope: float = PARAMETROS.tope, pesos: Iterable[float] | None = None
) -> Indice:
    """Promedio (ponderado si hay pesos) de min(A, tope) sobre los avances con dato."""
    columna = np.array([np.nan if a is None else a for a in avances], dtype=np.float64)
    peso = None if pesos is None else np.fromiter(pesos, dtype=np.float64, count=len(columna))
    valor, cuantos, total = indices_por_grupo(columna, np.zeros(len(columna), dtype=np.intp), 1, tope, peso)
    return a_indice(valor, cuantos, total, 0)


def a_indice(valores: Columna, con_dato: Enteros, total: Enteros, i: int) -> Indice:
    """El Indice del grupo `i` de lo que devuelve `indices_por_grupo`."""
    return a_indices(valores[i : i + 1], con_dato[i : i + 1], total[i : i + 1])[0]


def a_indices(valores: Columna, con_dato: Enteros, total: Enteros) -> list[Indice]:
    """El Indice de cada grupo de lo que devuelve `indices_por_grupo` (NaN: sin valor)."""
    return [
        Indice(None if v != v else v, c, t)
        for v, c, t in zip(valores.tolist(), con_dato.tolist(), total.tolist(), strict=True)
    ]
