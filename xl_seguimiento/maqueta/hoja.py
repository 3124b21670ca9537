"""Hojas como datos: celdas con estilo, los estilos de las hojas que escribe el proyecto y su tabla.

Los escritores (el paquete .xlsx y Excel en vivo con xlwings) solo traducen una `Maqueta`.
"""

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ..nucleo.a1 import Rango
from ..nucleo.modelo import Categoria, TipoAlerta

__all__ = [
    "COLOR_TIPO",
    "FORMATOS",
    "VACIA",
    "Celda",
    "Fila",
    "Formato",
    "Maqueta",
    "Validacion",
    "encabezado",
]

COLOR_ENTRADA = "FFF2CC"  # relleno de las celdas donde escribe el usuario
# Color de relleno (RGB) por tipo de alerta.
COLOR_TIPO = {
    TipoAlerta.BAJO_AVANCE: "F8CBAD",
    TipoAlerta.SIN_INFORMACION: "D9D9D9",
    TipoAlerta.AVANCE_ATIPICO: "FFE699",
    TipoAlerta.INCONSISTENCIA: "BDD7EE",
    TipoAlerta.RETROCESO: "F4B183",
    TipoAlerta.BAJO_PERSISTENTE: "E06666",
}
# Color por categoría: las que tienen alerta, el de su alerta en la hoja «Alertas».
COLOR_CATEGORIA = {
    Categoria.BAJO: COLOR_TIPO[TipoAlerta.BAJO_AVANCE],
    Categoria.INTERMEDIO: "DDEBF7",
    Categoria.ALTO: "C6E0B4",
    Categoria.ATIPICO: COLOR_TIPO[TipoAlerta.AVANCE_ATIPICO],
    Categoria.SIN_INFORMACION: COLOR_TIPO[TipoAlerta.SIN_INFORMACION],
}


@dataclass(frozen=True)
class Formato:
    """Formato visible de un estilo; lo aplican los dos escritores (el del archivo, en `xlsx`, y Excel en vivo con xlwings)."""

    negrita: bool = False
    tamano: float | None = None
    cursiva: bool = False
    color: str = ""  # RGB de la fuente
    subrayado: bool = False
    relleno: str = ""  # RGB del relleno
    numero: str = ""  # formato numérico
    ajustar: bool = False  # ajustar texto, alineado arriba


FORMATOS = {
    "titulo": Formato(negrita=True, tamano=14),
    "nota": Formato(cursiva=True, color="595959"),
    "seccion": Formato(negrita=True),
    "encabezado": Formato(negrita=True),
    "etiqueta": Formato(negrita=True),
    "decimal": Formato(numero="0.0"),
    "parrafo": Formato(ajustar=True),
    "vinculo": Formato(color="0563C1", subrayado=True),
    **{f"tipo:{tipo}": Formato(relleno=color) for tipo, color in COLOR_TIPO.items()},
    "entrada": Formato(relleno=COLOR_ENTRADA),  # celdas del usuario: lo escrito se conserva
    "entrada_fecha": Formato(relleno=COLOR_ENTRADA, numero="dd/mm/yyyy"),
    **{f"categoria:{c}": Formato(relleno=color) for c, color in COLOR_CATEGORIA.items()},
    **{
        f"cifra:{c}": Formato(negrita=True, tamano=28, relleno=color, numero="0.0")
        for c, color in COLOR_CATEGORIA.items()
    },
}


class Celda(NamedTuple):
    """Un valor con su estilo ('titulo', 'encabezado', 'decimal', 'tipo:bajo_avance'...) y vínculo.

    Tupla con nombre: la hoja puede tener cientos de miles de celdas y se crean rápido.
    """

    valor: str | float | int | date | None
    estilo: str = ""
    vinculo: str = ""  # destino interno: "'Hoja'!B12"


Fila = tuple[Celda, ...]
VACIA = Celda(None)  # la celda vacía (con estilo, si hace falta, se escribe Celda(None, estilo))


@dataclass(frozen=True)
class Maqueta:
    """Una hoja completa: su nombre, filas desde A1, su tabla de Excel (filas desde 1) y anchos de columna."""

    nombre: str
    filas: tuple[Fila, ...]
    fila_tabla: int  # fila del encabezado de la tabla: sus celdas nombran las columnas
    fila_fin_tabla: int
    tabla: str  # nombre de la tabla de Excel
    anchos: tuple[int, ...] = ()
    combinadas: tuple[str, ...] = ()  # rangos combinados ('A20:G20')
    altos: tuple[tuple[int, float], ...] = ()  # (fila, alto en puntos)
    validaciones: tuple["Validacion", ...] = ()
    condicionales: tuple["Condicional", ...] = ()

    @property
    def columnas_tabla(self) -> tuple[str, ...]:
        return tuple(str(c.valor) for c in self.filas[self.fila_tabla - 1])

    @property
    def rango_tabla(self) -> str:
        return Rango(self.fila_tabla - 1, 0, self.fila_fin_tabla - 1, len(self.columnas_tabla) - 1).a1()


@dataclass(frozen=True)
class Validacion:
    """Validación de datos de un rango ('K20:K80'): una lista de valores o una fecha."""

    rango: str
    lista: tuple[str, ...] = ()  # vacía: se pide una fecha


@dataclass(frozen=True)
class Condicional:
    """Formato condicional de un rango: las celdas iguales a `valor` toman el relleno del estilo."""

    rango: str
    valor: str
    estilo: str  # un estilo de FORMATOS con relleno


def encabezado(columnas: tuple[str, ...]) -> Fila:
    """La fila de encabezados de una tabla."""
    return tuple(Celda(c, "encabezado") for c in columnas)
