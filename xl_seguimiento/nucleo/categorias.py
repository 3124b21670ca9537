"""Categoría de un avance o de un índice según los umbrales (METODOLOGÍA §5), por columnas."""

import numpy as np
import numpy.typing as npt

from .modelo import Categoria
from .parametros import PARAMETROS, Parametros

CATEGORIAS = tuple(Categoria)  # el código de cada categoría es su posición aquí
_BAJO, _INTERMEDIO, _ALTO, _ATIPICO, _SIN_INFORMACION = (
    CATEGORIAS.index(c)
    for c in (
        Categoria.BAJO,
        Categoria.INTERMEDIO,
        Categoria.ALTO,
        Categoria.ATIPICO,
        Categoria.SIN_INFORMACION,
    )
)


def codigos_categoria(valores: npt.ArrayLike, parametros: Parametros = PARAMETROS) -> npt.NDArray[np.int8]:
    """Categoría de cada valor (posición en CATEGORIAS): Bajo (< 75), Intermedio (75 a < 95),
    Alto (95 a 150), Atípico (> 150) o Sin información (NaN)."""
    valor = np.asarray(valores, dtype=np.float64)
    codigo = np.full(valor.shape, _SIN_INFORMACION, dtype=np.int8)
    codigo[valor <= parametros.umbral_atipico] = _ALTO
    codigo[valor < parametros.umbral_alto] = _INTERMEDIO
    codigo[valor < parametros.umbral_bajo] = _BAJO
    codigo[valor > parametros.umbral_atipico] = _ATIPICO
    return codigo


def categoria(valor: float | None, parametros: Parametros = PARAMETROS) -> Categoria:
    """La categoría de un solo avance o índice (None es Sin información)."""
    return CATEGORIAS[codigos_categoria(np.nan if valor is None else valor, parametros).item()]
