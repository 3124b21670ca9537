"""Excel en vivo (xlwings): el botón «Generar alertas» corre el mismo motor que la CLI.

Revisa el libro antes de cambiar nada, lo lee con una lectura masiva por hoja y reemplaza
«Alertas» y «Tablero» todo o nada (`reemplazo`), con la pantalla, los eventos y el cálculo de
Excel detenidos mientras escribe y devueltos a su estado al terminar, pase lo que pase.
"""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from ..maqueta.anotaciones import leer_anotaciones
from ..maqueta.seguimiento import seguir
from ..maqueta.tablero import HOJA_TABLERO
from ..nucleo.celdas import Cuadricula
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.motor import HOJA_ALERTAS
from ..nucleo.recoleccion import sin_recoleccion
from .escritura import escribir_maqueta, escribir_tablero
from .reemplazo import Escritura, comprobar_libro, comprobar_propias, reemplazar

TITULO_MENSAJE = "xl-seguimiento"
AVISO_CALCULO_MANUAL = (
    "El libro está en cálculo manual: antes de leerlo se recalculó (como al pulsar F9), así que las "
    "alertas usan los valores al día de sus fórmulas, =AVANCE() incluida. El modo de cálculo sigue en manual."
)
# Mientras se escribe: sin repintar, sin las macros de eventos del usuario (Change, NewSheet), sin
# recalcular y sin preguntas de Excel; `app.properties` lo devuelve todo a su estado al salir.
ESTADO_DURANTE = {
    "screen_updating": False,
    "enable_events": False,
    "calculation": "manual",
    "display_alerts": False,
}


def generar_alertas(libro=None) -> None:
    """Punto de entrada del botón: analiza el libro que llamó y reemplaza sus hojas «Alertas» y «Tablero».

    Todo error termina en un mensaje en español que nombra el libro y dice qué hacer; el libro
    queda como estaba.
    """
    if libro is None:
        libro = libro_que_llamo()
    fallo = f"No se pudieron generar las alertas del libro «{libro.name}». El libro quedó como estaba. Cierre"
    with errores_en_un_mensaje(libro, fallo):
        manual = libro.app.calculation == "manual"
        with libro.app.properties(**ESTADO_DURANTE):
            generar(libro, recalcular=manual)
        if manual:
            libro.app.alert(
                f"Libro «{libro.name}»: alertas generadas. {AVISO_CALCULO_MANUAL}", title=TITULO_MENSAJE
            )


@contextmanager
def errores_en_un_mensaje(libro, fallo: str) -> Iterator[None]:
    """Todo error termina en un mensaje en español que nombra el libro, nunca en una traza de Python.

    `fallo`: lo que no se pudo hacer y el comienzo del consejo, que sigue con «… Excel, vuelva a abrirlo…».
    """
    try:
        yield
    except ErrorSeguimiento as error:
        libro.app.alert(f"Libro «{libro.name}»: {error}", title=TITULO_MENSAJE)
    except Exception as error:
        libro.app.alert(
            f"{fallo} Excel, vuelva a abrirlo e intente de nuevo; si se repite, informe este problema con el "
            f"libro. Detalle técnico: {type(error).__name__}: {error}",
            title=TITULO_MENSAJE,
        )


@sin_recoleccion()  # el núcleo, las maquetas y la escritura: sin recorrer lo vivo una y otra vez
def generar(libro, recalcular: bool = False) -> None:
    """Revisar, (recalcular,) leer, analizar y reemplazar las dos hojas."""
    anteriores = comprobar_libro(libro)
    if recalcular:
        libro.app.calculate()
    hojas = list(
        leer_hojas_excel(libro)
    )  # una lectura: la tabla y las hojas «Alertas» y «Tablero» anteriores
    cuadriculas = dict(hojas)
    comprobar_propias(anteriores, cuadriculas)
    alertas = anteriores.get(HOJA_ALERTAS)
    previas = leer_anotaciones(cuadriculas[alertas.name]) if alertas is not None else []
    seguimiento = seguir(hojas, previas, nombre_libro=libro.name)
    maqueta, tablero = seguimiento.alertas, seguimiento.tablero
    reemplazar(
        libro,
        anteriores,
        [
            Escritura(
                HOJA_ALERTAS, maqueta.tabla, lambda hoja, tabla: escribir_maqueta(hoja, maqueta, tabla)
            ),
            Escritura(
                HOJA_TABLERO, tablero.hoja.tabla, lambda hoja, tabla: escribir_tablero(hoja, tablero, tabla)
            ),
        ],
    )[0].activate()


def libro_que_llamo():
    """El libro desde el que se pulsó el botón (xw.Book.caller), o un aviso en español si no se puede abrir."""
    try:
        import xlwings as xw

        return xw.Book.caller()
    except Exception:  # p. ej., un libro en OneDrive o SharePoint cuya ruta local no se encuentra
        avisar_sin_libro(
            f"xl-seguimiento no pudo leer el libro «{nombre_del_libro_que_llamo()}» desde Excel. "
            "Guarde el libro, ciérrelo, vuelva a abrirlo y pulse otra vez «Generar alertas». Si está en "
            "OneDrive o SharePoint, guarde una copia en una carpeta de este equipo (por ejemplo, "
            "Documentos) y use esa copia."
        )


def nombre_del_libro_que_llamo() -> str:
    """El nombre que RunPython pasa en la línea de órdenes (--wb=NOMBRE)."""
    return next((a.removeprefix("--wb=") for a in sys.argv if a.startswith("--wb=")), "activo")


def avisar_sin_libro(mensaje: str) -> NoReturn:
    """Sin un libro al que hablar: el mensaje va a la salida de errores, que xlwings muestra en un cuadro."""
    print(mensaje, file=sys.stderr)
    raise SystemExit(1)


def leer_hojas_excel(libro) -> Iterator[tuple[str, Cuadricula]]:
    """Cada hoja como cuadrícula desde A1, con una sola lectura masiva por hoja."""
    for hoja in libro.sheets:
        ultima = hoja.used_range.last_cell
        valores = hoja.range((1, 1), (ultima.row, ultima.column)).options(ndim=2, err_to_str=True).value
        yield hoja.name, valores
