"""Parámetros de la metodología: cada umbral y regla configurable, declarado una sola vez.

Cada campo de `Parametros` lleva su etiqueta en la hoja «Alertas», su opción de la línea de
comandos, su ayuda y su unidad (`Descripcion`); las opciones, el bloque «Parámetros» de la hoja y
el JSON se generan de aquí, así que agregar un parámetro es agregar una línea.
"""

import math
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

__all__ = ["PARAMETROS", "Descripcion", "Parametros", "Ponderacion", "descripciones"]

METADATO = "parametro"


class Ponderacion(StrEnum):
    """Cómo se promedian los avances para un índice (METODOLOGÍA §4)."""

    INDICADOR = "indicador"  # promedio simple de los indicadores con dato
    SERVICIO = "servicio"  # promedio de los índices de cada servicio
    RELEVANCIA = "relevancia"  # promedio ponderado por la columna de relevancia del libro


@dataclass(frozen=True)
class Descripcion:
    """Lo que se dice de un parámetro: etiqueta en la hoja, opción, ayuda y unidad."""

    etiqueta: str
    opcion: str
    ayuda: str
    unidad: str = ""


def _parametro(defecto: Any, etiqueta: str, opcion: str, ayuda: str, unidad: str = "") -> Any:
    return field(default=defecto, metadata={METADATO: Descripcion(etiqueta, opcion, ayuda, unidad)})


@dataclass(frozen=True)
class Parametros:
    """Umbrales de categoría (§5), tope e índice (§4), tolerancias de auditoría (§6) y escala (§3)."""

    umbral_bajo: float = _parametro(
        75.0, "Umbral de avance bajo (menor a)", "--umbral-bajo", "avance bajo: menor a este valor", "%"
    )
    umbral_alto: float = _parametro(
        95.0, "Umbral de avance alto (desde)", "--umbral-alto", "avance alto: desde este valor", "%"
    )
    umbral_atipico: float = _parametro(
        150.0,
        "Umbral de avance atípico (mayor a)",
        "--umbral-atipico",
        "avance atípico: mayor a este valor",
        "%",
    )
    tope: float = _parametro(
        100.0, "Tope del avance en el índice", "--tope", "tope del avance en el índice", "%"
    )
    ponderacion: Ponderacion = _parametro(
        Ponderacion.INDICADOR,
        "Ponderación del índice",
        "--ponderacion",
        "cómo se promedian los avances en el índice (relevancia: con la columna «Relevancia» del libro)",
    )
    tolerancia_auditoria: float = _parametro(
        1.0,
        "Tolerancia de auditoría (puntos)",
        "--tolerancia",
        "puntos de diferencia aceptados frente a lo registrado",
        "puntos",
    )
    caida_retroceso: float = _parametro(
        20.0,
        "Caída para alerta de retroceso (puntos)",
        "--caida-retroceso",
        "retroceso: el avance con tope cae al menos esto desde el año anterior con dato",
        "puntos",
    )
    limite_fraccion: float = _parametro(
        1.5,
        "Límite de fracción de un porcentaje",
        "--limite-fraccion",
        "un porcentaje hasta este valor se lee como fracción (0.53 es 53 %); por encima, en puntos",
    )

    def __post_init__(self) -> None:
        for campo in fields(self):
            object.__setattr__(self, campo.name, _validado(getattr(self, campo.name), campo.default, campo))
        if not self.umbral_bajo <= self.umbral_alto <= self.umbral_atipico:
            raise ValueError(
                "Los umbrales deben cumplir bajo <= alto <= atípico (--umbral-bajo, --umbral-alto, "
                f"--umbral-atipico); se dieron {self.umbral_bajo:g}, {self.umbral_alto:g} y {self.umbral_atipico:g}."
            )
        if self.tope <= 0:
            raise ValueError(f"El tope del índice (--tope) debe ser mayor que 0, no {self.tope:g}.")

    def como_dict(self) -> dict[str, float | str]:
        """Nombre → valor (las opciones como texto), en el orden de declaración: el bloque del JSON."""
        return {nombre: _simple(getattr(self, nombre)) for nombre, _ in descripciones()}

    def filas(self) -> list[tuple[str, float | str]]:
        """(etiqueta, valor) de cada parámetro, en el orden de declaración: el bloque de la hoja."""
        return [(d.etiqueta, _simple(getattr(self, nombre))) for nombre, d in descripciones()]


def _validado(valor: object, defecto: object, campo: Any) -> Any:
    """El valor de un campo, del tipo de su valor por omisión: una opción por su nombre, un número finito."""
    descripcion: Descripcion = campo.metadata[METADATO]
    nombre = f"«{descripcion.etiqueta}» ({descripcion.opcion})"
    if isinstance(defecto, StrEnum):
        opciones = type(defecto)
        try:
            return opciones(str(valor).strip().casefold())
        except ValueError:
            validas = ", ".join(o.value for o in opciones)
            raise ValueError(f"{nombre} debe ser una de: {validas}; no «{valor}».") from None
    if isinstance(valor, bool) or not isinstance(valor, int | float):
        raise ValueError(f"{nombre} debe ser un número, no «{valor}» ({type(valor).__name__}).")
    if not math.isfinite(valor):
        raise ValueError(f"{nombre} debe ser un número finito, no {valor}.")
    return float(valor)


def descripciones() -> list[tuple[str, Descripcion]]:
    """(nombre del campo, descripción) de cada parámetro, en el orden de declaración."""
    return [(f.name, f.metadata[METADATO]) for f in fields(Parametros)]


def _simple(valor: float | StrEnum) -> float | str:
    return str(valor) if isinstance(valor, StrEnum) else float(valor)


PARAMETROS = Parametros()
