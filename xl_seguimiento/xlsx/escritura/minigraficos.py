"""Los minigráficos del Tablero: el grupo x14 de la hoja, con un minigráfico por indicador.

XlsxWriter escribe el grupo (sus colores y opciones) con el primer minigráfico; los demás se
agregan aquí como texto (hay uno por indicador: cientos de miles de elementos lxml costarían
segundos), con los rangos relativos (sin «$»), como los escribe XlsxWriter.
"""

from collections.abc import Sequence

from lxml import etree

from ...maqueta.tablero import HOJA_TABLERO, Minigrafico
from ...nucleo.a1 import hoja_citada, letras_columna
from ..opc.constantes import NS_X14, NS_XM

__all__ = ["xml_minigraficos"]

_MARCA = "minigraficos"  # un comentario en el lugar de los minigráficos agregados


def xml_minigraficos(extension: etree._Element, minigraficos: Sequence[Minigrafico]) -> bytes:
    """El bloque `extension` (<extLst>) serializado, con los minigráficos al final de su primer grupo
    <x14:sparklines>, con los prefijos que el bloque declara para x14 y xm."""
    grupo = next(extension.iter(f"{{{NS_X14}}}sparklines"))
    prefijos = {espacio: prefijo for prefijo, espacio in grupo.nsmap.items()}
    marca = etree.Comment(_MARCA)
    grupo.append(marca)
    try:
        xml = etree.tostring(extension)
    finally:
        grupo.remove(marca)
    texto = _texto_minigraficos(minigraficos, _con_prefijo(prefijos[NS_X14]), _con_prefijo(prefijos[NS_XM]))
    return xml.replace(f"<!--{_MARCA}-->".encode(), texto.encode("utf-8"), 1)


def _con_prefijo(prefijo: str | None) -> str:
    """Lo que va antes del nombre local de un elemento: «x14:», o nada en el espacio por omisión."""
    return f"{prefijo}:" if prefijo else ""


def _texto_minigraficos(minigraficos: Sequence[Minigrafico], x14: str, xm: str) -> str:
    """Cada minigráfico como <x14:sparkline><xm:f>'Tablero'!C22:D22</xm:f><xm:sqref>F22</xm:sqref>…
    (`x14` y `xm`: los prefijos con sus «:»; el nombre de la hoja no lleva nada que escapar en XML)."""
    hoja = hoja_citada(HOJA_TABLERO)
    return "".join(
        f"<{x14}sparkline><{xm}f>{hoja}!{letras_columna(m.columna)}{m.fila + 1}:"
        f"{letras_columna(m.columna_fin)}{m.fila + 1}</{xm}f>"
        f"<{xm}sqref>{letras_columna(m.columna_celda)}{m.fila + 1}</{xm}sqref></{x14}sparkline>"
        for m in minigraficos
    )
