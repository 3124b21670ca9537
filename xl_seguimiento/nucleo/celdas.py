"""Cuadrículas de valores, que comparten todas las capas (las direcciones A1 están en `a1`)."""

from collections.abc import Sequence

__all__ = ["Cuadricula"]

Cuadricula = Sequence[Sequence[object]]  # filas desde A1
