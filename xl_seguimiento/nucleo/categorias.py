"""Categoría de un avance o de un índice según los umbrales (METODOLOGÍA §5)."""

from .modelo import Categoria
from .parametros import PARAMETROS, Parametros


def categoria(valor: float | None, parametros: Parametros = PARAMETROS) -> Categoria:
    """Bajo (< 75), Intermedio (75 a < 95), Alto (95 a 150), Atípico (> 150) o Sin información."""
    if valor is None:
        return Categoria.SIN_INFORMACION
    if valor < parametros.umbral_bajo:
        return Categoria.BAJO
    if valor < parametros.umbral_alto:
        return Categoria.INTERMEDIO
    if valor <= parametros.umbral_atipico:
        return Categoria.ALTO
    return Categoria.ATIPICO
