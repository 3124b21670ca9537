"""Qué hojas «Alertas» y «Tablero» escribió xl-seguimiento: solo esas se reemplazan.

«Alertas» y «Tablero» son palabras comunes: un libro de un ministerio puede tener las suyas. Una
hoja es nuestra si lleva la marca (el nombre definido `MARCA`, de alcance de hoja, que escribe el
botón) o, para las que escribieron la línea de órdenes y las versiones anteriores, sin marca, si su
contenido es el nuestro: en «Alertas», la fila de encabezados de la tabla de detalle con las
columnas del usuario (la misma que lee `anotaciones`); en «Tablero», el título «Tablero — » en A1
y la tabla de índices por objetivo con sus umbrales, o (sin leer sus celdas, para la línea de
órdenes) su tabla de Excel de indicadores, `TablaTablero…` con sus columnas. Una hoja del mismo nombre sin marca ni ese
contenido nunca se reemplaza: se pide cambiarle el nombre.
"""

from collections.abc import Iterable

from ..nucleo.celdas import Cuadricula
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.motor import HOJA_ALERTAS
from .columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO
from .tablero import (
    COLUMNAS_FIN,
    COLUMNAS_INICIO,
    ENCABEZADO_OBJETIVOS,
    HOJA_TABLERO,
    TABLA_TABLERO,
    TITULO_TABLERO,
)

__all__ = [
    "HOJAS_PROPIAS",
    "MARCA",
    "comprobar_hojas_propias",
    "es_propia",
    "es_tabla_del_tablero",
    "mensaje_hoja_ajena",
]

MARCA = "xlSeguimiento"  # nombre definido de alcance de hoja en las hojas que escribe el botón
HOJAS_PROPIAS = (HOJA_ALERTAS, HOJA_TABLERO)
_FIRMA_ALERTAS = (*COLUMNAS_DETALLE, *COLUMNAS_USUARIO)


def es_propia(nombre: str, cuadricula: Cuadricula, marcada: bool = False) -> bool:
    """Si la hoja `nombre` la escribió xl-seguimiento: por su marca o por su contenido."""
    if marcada:
        return True
    clave = nombre.casefold()
    if clave == HOJA_ALERTAS.casefold():
        return _tiene_fila(cuadricula, _FIRMA_ALERTAS)
    if clave == HOJA_TABLERO.casefold():
        primera = str(cuadricula[0][0]) if cuadricula and cuadricula[0] else ""
        return primera.startswith(TITULO_TABLERO) and _tiene_fila(cuadricula, ENCABEZADO_OBJETIVOS)
    return False


def es_tabla_del_tablero(nombre: str, columnas: tuple[str, ...]) -> bool:
    """Si una tabla de Excel es la de indicadores de un Tablero nuestro: su nombre y sus columnas."""
    return (
        nombre.casefold().startswith(TABLA_TABLERO.casefold())
        and columnas[: len(COLUMNAS_INICIO)] == COLUMNAS_INICIO
        and columnas[-len(COLUMNAS_FIN) :] == COLUMNAS_FIN
    )


def mensaje_hoja_ajena(nombre: str) -> str:
    """Qué hacer cuando el libro ya tiene una hoja «Alertas» o «Tablero» que no es nuestra."""
    return (
        f"El libro ya tiene una hoja «{nombre}» que no escribió xl-seguimiento, y no se va a reemplazar. "
        f"Cámbiele el nombre (por ejemplo, «{nombre} propio») y vuelva a generar las alertas. "
        "No se cambió nada en el libro."
    )


def comprobar_hojas_propias(hojas: Iterable[tuple[str, Cuadricula]]) -> None:
    """Un ErrorSeguimiento si alguna hoja «Alertas» o «Tablero» de `hojas` no es nuestra."""
    nombres = {n.casefold() for n in HOJAS_PROPIAS}
    for nombre, cuadricula in hojas:
        if nombre.casefold() in nombres and not es_propia(nombre, cuadricula):
            raise ErrorSeguimiento(mensaje_hoja_ajena(nombre), hoja=nombre)


def _tiene_fila(cuadricula: Cuadricula, encabezados: tuple[str, ...]) -> bool:
    """Si alguna fila empieza con `encabezados` (después de sus celdas vacías: las tablas de datos del
    Tablero empiezan en B)."""
    for fila in cuadricula:
        textos = [str(c).strip() for c in fila]
        while textos and textos[0] in ("", "None"):
            textos.pop(0)
        if tuple(textos[: len(encabezados)]) == encabezados:
            return True
    return False
