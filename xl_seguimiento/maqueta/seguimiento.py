"""El seguimiento de un libro, de principio a fin y sin archivos: la única cadena del proyecto.

De las cuadrículas del libro, lo escrito antes por el usuario (sus anotaciones), los parámetros
y el año, a: el informe, la conciliación de las anotaciones con sus alertas, la maqueta de la
hoja «Alertas» y el tablero. La línea de órdenes (un libro o por lotes), la API, el botón
«Generar alertas» y el reporte (orden y botón) la llaman; cada uno solo lee y escribe.

Las maquetas se arman al pedirlas: quien solo quiere el informe o el reporte no las paga.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..nucleo.celdas import Cuadricula
from ..nucleo.modelo import Informe
from ..nucleo.motor import analizar_libro
from ..nucleo.parametros import PARAMETROS, Parametros
from .anotaciones import Anotacion, Conciliacion, conciliar
from .hoja import Maqueta
from .hoja_alertas import maquetar
from .tablero import Tablero, maquetar_tablero

__all__ = ["Seguimiento", "seguir"]


@dataclass
class Seguimiento:
    """El resultado de `seguir`: el informe y las anotaciones conciliadas; las maquetas, al pedirlas."""

    informe: Informe
    conciliacion: Conciliacion
    nombre_libro: str

    @cached_property
    def alertas(self) -> Maqueta:
        """La maqueta de la hoja «Alertas»."""
        return maquetar(self.informe, self.nombre_libro, self.conciliacion)

    @cached_property
    def tablero(self) -> Tablero:
        """El tablero: su hoja, sus gráficos y sus minigráficos."""
        return maquetar_tablero(self.informe)


def seguir(
    hojas: Iterable[tuple[str, Cuadricula]],
    anotaciones: Iterable[Anotacion] = (),
    parametros: Parametros = PARAMETROS,
    anio: int | None = None,
    nombre_libro: str = "",
) -> Seguimiento:
    """Analiza las hojas y concilia lo escrito antes por el usuario con las alertas de ahora.

    `hojas`: (nombre, filas desde A1) en el orden del libro; se recorren solo hasta la tabla.
    `nombre_libro`: el que nombra la hoja «Alertas» en su título.
    """
    informe = analizar_libro(hojas, parametros, anio)
    return Seguimiento(informe, conciliar(informe, anotaciones), nombre_libro)
