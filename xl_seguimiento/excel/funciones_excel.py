"""Declaración de las funciones de Excel: categoría, ayuda de cada argumento y errores en español.

Cada función se declara una sola vez con `funcion_excel`. De esa declaración salen los
decoradores de xlwings (que en Windows registran la función) y, al construir el complemento,
sus envolturas VBA y su ayuda en el asistente de funciones (`complemento`).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import xlwings as xw

__all__ = ["CATEGORIA", "Argumento", "ErrorArgumento", "decorar_xlwings", "es_funcion_excel", "funcion_excel"]

CATEGORIA = "Seguimiento"
ERROR_INESPERADO = "Error: no se pudo calcular con estos argumentos"


class ErrorArgumento(ValueError):
    """Argumento no válido de una función de Excel; su mensaje, breve y en español, va a la celda."""


@dataclass(frozen=True)
class Argumento:
    """Ayuda de un argumento; `rango`: llega como matriz de 2 dimensiones, con los errores como texto."""

    ayuda: str
    rango: bool = False

    def opciones(self) -> dict[str, Any]:
        return {"ndim": 2, "err_to_str": True} if self.rango else {}


def funcion_excel(**argumentos: Argumento) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declara una función de Excel con la ayuda de cada argumento; su docstring es su descripción."""

    def declarar(funcion: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(funcion)
        def en_celda(*valores: Any) -> Any:
            try:
                return funcion(*valores)
            except ErrorArgumento as error:
                return f"Error: {error}"
            except Exception:  # a la celda va un texto en español, nunca la traza de Python
                return ERROR_INESPERADO

        en_celda.argumentos_excel = argumentos  # type: ignore[attr-defined]
        return decorar_xlwings(en_celda, xw.func, xw.arg)

    return declarar


def es_funcion_excel(objeto: object) -> bool:
    return callable(objeto) and hasattr(objeto, "argumentos_excel")


def decorar_xlwings(funcion: Callable[..., Any], func: Callable[..., Any], arg: Callable[..., Any]) -> Any:
    """Aplica a `funcion` los decoradores `func`/`arg` de xlwings según su declaración."""
    argumentos: dict[str, Argumento] = funcion.argumentos_excel  # type: ignore[attr-defined]
    for nombre, argumento in argumentos.items():
        funcion = arg(nombre, doc=argumento.ayuda, **argumento.opciones())(funcion)
    return func(category=CATEGORIA)(funcion)
