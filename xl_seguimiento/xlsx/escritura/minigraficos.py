"""Los minigráficos del Tablero: el grupo x14 de la hoja, con un minigráfico por indicador.

XlsxWriter escribe el grupo (sus colores y opciones) con el primer minigráfico; los demás se
agregan aquí, con los rangos relativos (sin «$»), como los escribe XlsxWriter. Hay uno por
indicador: se escriben como texto, con los prefijos del grupo, los mismos bytes que daría lxml.
"""

from collections.abc import Sequence
from itertools import chain, repeat
from operator import attrgetter

from lxml import etree

from ...maqueta.tablero import HOJA_TABLERO, Minigrafico
from ...nucleo.a1 import hoja_citada, letras_columna
from ..opc.constantes import NS_X14, NS_XM
from ..opc.xml_seguro import ENTIDADES_TEXTO

__all__ = ["con_minigraficos"]

_GRUPO = f"{{{NS_X14}}}sparklines"
_MARCA = "minigraficos"  # instrucción de proceso que marca dónde van; XlsxWriter no escribe ninguna
_ESCAPES = str.maketrans(ENTIDADES_TEXTO)
_COLUMNAS, _FILA = attrgetter("columna", "columna_fin", "columna_celda"), attrgetter("fila")


def con_minigraficos(extension: etree._Element, minigraficos: Sequence[Minigrafico]) -> bytes:
    """El bloque `extension` (<extLst>) serializado, con los minigráficos al final de su primer grupo
    <x14:sparklines> (sus prefijos x14 y xm, los que estén a la vista en el grupo)."""
    grupo = next(extension.iter(_GRUPO))
    prefijos = {espacio: f"{prefijo}:" if prefijo else "" for prefijo, espacio in grupo.nsmap.items()}
    x14, xm = prefijos[NS_X14], prefijos[NS_XM]
    hoja = hoja_citada(HOJA_TABLERO).translate(_ESCAPES)
    # Lo que va entre los números de fila, por columnas (todos los minigráficos suelen tener las mismas).
    columnas = list(map(_COLUMNAS, minigraficos))
    tramos = {
        c: (
            f"<{x14}sparkline><{xm}f>{hoja}!{desde}",
            f":{hasta}",
            f"</{xm}f><{xm}sqref>{celda}",
            f"</{xm}sqref></{x14}sparkline>",
        )
        for c in set(columnas)
        for desde, hasta, celda in [map(letras_columna, c)]
    }
    a, b, c, d = (
        map(repeat, next(iter(tramos.values()), ("",) * 4))  # uno (o ninguno), repetido
        if len(tramos) <= 1
        else zip(*map(tramos.__getitem__, columnas), strict=True)
    )
    filas = list(map(str, map((1).__add__, map(_FILA, minigraficos))))  # desde 1
    texto = "".join(
        chain.from_iterable(zip(a, filas, b, filas, c, filas, d, strict=False))
    )  # repeat: sin fin
    marca = etree.ProcessingInstruction(_MARCA)
    grupo.append(marca)
    try:
        return etree.tostring(extension).replace(etree.tostring(marca), texto.encode(), 1)
    finally:
        grupo.remove(marca)
