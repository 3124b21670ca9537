"""Parámetros de la metodología: cada umbral y regla configurable, con nombre, en un solo lugar."""

from dataclasses import dataclass
from enum import StrEnum


class Ponderacion(StrEnum):
    """Cómo se promedian los avances para un índice (METODOLOGÍA §4)."""

    INDICADOR = "indicador"  # promedio simple de los indicadores con dato
    SERVICIO = "servicio"  # promedio de los índices de cada servicio
    RELEVANCIA = "relevancia"  # promedio ponderado por la columna de relevancia del libro


@dataclass(frozen=True)
class Parametros:
    """Umbrales de categoría (§5), tope e índice (§4), tolerancias de auditoría (§6) y escala (§3)."""

    umbral_bajo: float = 75.0  # bajo: avance < umbral_bajo
    umbral_alto: float = 95.0  # intermedio: [umbral_bajo, umbral_alto); alto: desde umbral_alto
    umbral_atipico: float = 150.0  # atípico: avance > umbral_atipico
    tope: float = 100.0  # A* = min(A, tope) en el índice
    ponderacion: Ponderacion = Ponderacion.INDICADOR
    tolerancia_auditoria: float = 1.0  # puntos de diferencia aceptados frente a lo registrado
    limite_fraccion: float = 1.5  # un porcentaje <= límite está como fracción; > límite, en puntos

    def __post_init__(self) -> None:
        if not self.umbral_bajo <= self.umbral_alto <= self.umbral_atipico:
            raise ValueError("Los umbrales deben cumplir bajo <= alto <= atípico.")
        if self.tope <= 0:
            raise ValueError("El tope del índice debe ser positivo.")


PARAMETROS = Parametros()
