"""Los minigráficos del Tablero: el grupo x14 de la hoja, con un minigráfico por indicador.

XlsxWriter escribe el grupo (sus colores y opciones) con el primer minigráfico; los demás se
agregan aquí como elementos, con los rangos relativos (sin «$»), como los escribe XlsxWriter.
"""

from collections.abc import Sequence

from lxml import etree

from ...maqueta.tablero import HOJA_TABLERO, Minigrafico
from ..opc.constantes import NS_X14, NS_XM

__all__ = ["agregar_minigraficos"]

_MINIGRAFICO = f"{{{NS_X14}}}sparkline"
_FORMULA = f"{{{NS_XM}}}f"
_CELDA = f"{{{NS_XM}}}sqref"


def agregar_minigraficos(extension: etree._Element, minigraficos: Sequence[Minigrafico]) -> None:
    """Agrega los minigráficos al primer grupo <x14:sparklines> del bloque `extension` (<extLst>)."""
    grupo = next(extension.iter(f"{{{NS_X14}}}sparklines"))
    for minigrafico in minigraficos:
        elemento = etree.SubElement(grupo, _MINIGRAFICO)
        etree.SubElement(elemento, _FORMULA).text = minigrafico.datos.a1(HOJA_TABLERO)
        etree.SubElement(elemento, _CELDA).text = minigrafico.celda
