"""Cuadrículas de valores y direcciones de celda de Excel (A1), que comparten todas las capas."""

from collections.abc import Sequence
from functools import lru_cache

__all__ = ["Cuadricula", "letras_columna", "referencia"]

Cuadricula = Sequence[Sequence[object]]  # filas desde A1


def referencia(fila: int, columna: int) -> str:
    """Referencia de Excel de una celda (fila y columna desde 0): (11, 1) → 'B12'."""
    return f"{letras_columna(columna)}{fila + 1}"


@lru_cache(maxsize=1024)
def letras_columna(columna: int) -> str:
    """Letras de Excel de una columna desde 0: 0 → 'A', 27 → 'AB'."""
    letras = ""
    columna += 1
    while columna:
        columna, resto = divmod(columna - 1, 26)
        letras = chr(65 + resto) + letras
    return letras
