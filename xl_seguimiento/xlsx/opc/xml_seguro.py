"""Partes XML del paquete leídas y escritas con lxml, que conserva prefijos y declaraciones.

Sin entidades, DTD ni red: OOXML no admite DTD, y un documento con DOCTYPE se rechaza.
"""

import re
from collections.abc import Iterable, Sequence

from lxml import etree

from ...nucleo.errores import ErrorSeguimiento
from ...nucleo.imprimible import imprimible

__all__ = [
    "ErrorParte",
    "agregar",
    "atributo_xml",
    "atributos_xml",
    "cadena_excel",
    "desde_cadena_excel",
    "hijo_en_orden",
    "hijos",
    "leer_xml",
    "nombre_local",
    "texto_xml",
    "textos_xml",
    "xml_bytes",
]

_LECTOR = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=False
)


_CONTROLES = "\x00-\x08\x0b\x0c\x0e-\x1f"  # los que XML 1.0 no admite
# XML 1.0 tampoco admite los no caracteres ni un sustituto suelto (UTF-16 roto, que puede venir de Excel
# por COM y UTF-8 no codifica); calamine no decodifica su «_xHHHH_»: se quitan.
_NO_CARACTERES = re.compile("[\ufffe\uffff\ud800-\udfff]")
# En una pasada: un «_» que empieza un «_xHHHH_» escrito tal cual (también si su «_» final es el del
# escape de un control que le sigue) y cada control.
_A_ESCAPAR = re.compile(f"_(?=x[0-9A-Fa-f]{{4}}(?:_|[{_CONTROLES}]))|[{_CONTROLES}]")
_ESCAPE_EXCEL = re.compile("_x([0-9A-Fa-f]{4})_")
# Escapes propios (xml.sax.saxutils importa urllib y http: 30 ms más en cada clic).
ENTIDADES_TEXTO = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}  # un \r literal se leería \n
_ESCAPES_TEXTO = str.maketrans(ENTIDADES_TEXTO)
_ENTIDADES_ATRIBUTO = {**ENTIDADES_TEXTO, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_ESCAPES_ATRIBUTO = str.maketrans(_ENTIDADES_ATRIBUTO)
_ESCAPAR_ATRIBUTO = re.compile("[" + re.escape("".join(_ENTIDADES_ATRIBUTO)) + "]")


def cadena_excel(texto: str) -> str:
    """El texto como cadena de Excel (ST_Xstring, ECMA-376 Parte 1 §22.9.2.19), como lo guarda Excel.

    Un «_xHHHH_» literal va como «_x005F_xHHHH_» y cada carácter de control que XML 1.0 no admite,
    como «_xHHHH_» («\x01» → «_x0001_»): Excel y calamine los decodifican, y el texto vuelve igual.
    Tabulador, salto de línea y retorno quedan como están. Los no caracteres U+FFFE y U+FFFF y los
    sustitutos sueltos (U+D800 a U+DFFF) se quitan: calamine solo decodifica «_x0000_» a «_x00FF_», y
    su escape volvería como texto.
    """
    if not texto.isprintable():
        texto = _NO_CARACTERES.sub("", texto)
    return _A_ESCAPAR.sub(_escape, texto) if "_x" in texto or not texto.isprintable() else texto


def _escape(caracter: re.Match[str]) -> str:
    """«_xHHHH_» de un carácter: «_» → «_x005F_», «\x01» → «_x0001_»."""
    return f"_x{ord(caracter[0]):04X}_"


def desde_cadena_excel(texto: str) -> str:
    """El texto de una cadena de Excel leída tal cual del XML, con sus «_xHHHH_» decodificados."""
    return _ESCAPE_EXCEL.sub(lambda m: chr(int(m[1], 16)), texto) if "_x" in texto else texto


def texto_xml(texto: str) -> str:
    """Una cadena de Excel escapada para ir dentro de un elemento XML (`cadena_excel`)."""
    if "_x" in texto or not texto.isprintable():  # sin llamar a cadena_excel: la mitad del tiempo
        texto = cadena_excel(texto)
    # Se busca antes de traducir, con métodos de str (en un texto de 100 caracteres, 0.1 µs; con una
    # expresión regular, 1 µs): traducir un texto no ASCII cuesta unos 5 µs aunque no haya nada que
    # escapar, y una hoja puede tener cientos de miles de celdas de texto.
    especial = "&" in texto or "<" in texto or ">" in texto or "\r" in texto  # las claves de ENTIDADES_TEXTO
    return texto.translate(_ESCAPES_TEXTO) if especial else texto


def atributo_xml(texto: str) -> str:
    """Una cadena de Excel (`cadena_excel`) escapada para ir entre comillas dobles en un atributo."""
    texto = cadena_excel(texto)
    # Se busca antes de traducir: traducir cuesta lo mismo aunque no haya nada que escapar.
    return texto.translate(_ESCAPES_ATRIBUTO) if _ESCAPAR_ATRIBUTO.search(texto) else texto


def textos_xml(textos: Sequence[str]) -> Sequence[str]:
    """`texto_xml` de cada texto de una columna, buscando sobre la columna entera lo que haya que
    escapar (lo usual: nada, y la columna vuelve tal cual)."""
    junto = " ".join(textos)  # un espacio no forma «_x» ni se escapa
    if _con_escapes_excel(junto):  # cadenas de Excel con escapes: texto por texto
        return list(map(texto_xml, textos))
    if "&" in junto or "<" in junto or ">" in junto:  # imprimibles: sin \r ni \n, que separa aquí
        return "\n".join(textos).translate(_ESCAPES_TEXTO).split("\n")
    return textos


def atributos_xml(textos: Sequence[str]) -> Sequence[str]:
    """`atributo_xml` de cada texto de una columna; la búsqueda, sobre la columna entera."""
    junto = " ".join(textos)
    if _con_escapes_excel(junto) or _ESCAPAR_ATRIBUTO.search(junto):
        return list(map(atributo_xml, textos))
    return textos


def _con_escapes_excel(texto: str) -> bool:
    """Si `texto` puede tener algo que `cadena_excel` cambia: un «_x» o un carácter no imprimible.

    En un texto largo (una columna entera), cada búsqueda cuesta: «_x» se busca solo si hay algún
    «_» (una búsqueda de un carácter es la más rápida)."""
    return ("_" in texto and "_x" in texto) or not imprimible(texto)


DOCTYPE = "trae una declaración DOCTYPE (entidades XML), que los libros de Excel no admiten; no se procesa"


class ErrorParte(ErrorSeguimiento):
    """Una parte del paquete que no se puede usar; `parte` la nombra, el mensaje dice por qué."""

    def __init__(self, parte: str, motivo: str) -> None:
        super().__init__(f"la parte {parte} {motivo}")
        self.parte = parte
        self.motivo = motivo


def leer_xml(datos: bytes, parte: str) -> etree._Element:
    """La raíz de una parte; la codificación sale de su declaración o su BOM (UTF-8 o UTF-16)."""
    try:
        raiz = etree.fromstring(datos, _LECTOR)
    except etree.XMLSyntaxError as error:
        if b"<!DOCTYPE" in datos[:4096]:  # entidades que habría que expandir: no se expanden
            raise ErrorParte(parte, DOCTYPE) from error
        linea, columna = error.position
        raise ErrorParte(parte, f"no es XML bien formado (línea {linea}, columna {columna})") from error
    info = raiz.getroottree().docinfo
    if info.internalDTD is not None:
        raise ErrorParte(parte, DOCTYPE)
    return raiz


def xml_bytes(raiz: etree._Element) -> bytes:
    """La parte en UTF-8 con su declaración; `standalone="yes"` si la tenía (lxml no distingue "no" de
    su ausencia, que significan lo mismo sin DTD)."""
    arbol = raiz.getroottree()
    if arbol.docinfo.standalone:
        return etree.tostring(arbol, xml_declaration=True, encoding="UTF-8", standalone=True)
    return etree.tostring(arbol, xml_declaration=True, encoding="UTF-8")


def nombre_local(elemento: etree._Element) -> str:
    """El nombre sin espacio de nombres; '' para comentarios e instrucciones de proceso."""
    return etree.QName(elemento).localname if isinstance(elemento.tag, str) else ""


def hijos(padre: etree._Element, local: str) -> list[etree._Element]:
    """Los hijos directos con ese nombre local, en cualquier espacio de nombres (o en ninguno).

    El filtro «{*}» lo aplica lxml, sin un `nombre_local` de Python por hijo; comentarios e
    instrucciones de proceso no pasan, como con `nombre_local`.
    """
    return list(padre.iterchildren(f"{{*}}{local}"))


def agregar(
    padre: etree._Element,
    local: str,
    atributos: dict[str, str] | None = None,
    prefijos: dict[str, str] | None = None,
) -> etree._Element:
    """Un hijo nuevo al final, en el espacio de nombres del padre (lxml usa el prefijo ya declarado).

    `prefijos` (prefijo → espacio) se declaran en el hijo solo si el padre no los tiene a la vista.
    """
    nuevos = None
    if prefijos:  # `nsmap` arma un diccionario cada vez: solo si hay prefijos que declarar
        a_la_vista = set(padre.nsmap.values())
        nuevos = {p: e for p, e in prefijos.items() if e not in a_la_vista}
    return etree.SubElement(padre, _en_espacio(padre, local), atributos or {}, nsmap=nuevos or None)


def hijo_en_orden(padre: etree._Element, local: str, orden: Sequence[str]) -> etree._Element:
    """El hijo `local` del padre; si falta, se crea en el lugar que le da el orden del esquema."""
    existentes = hijos(padre, local)
    if existentes:
        return existentes[0]
    anteriores = set(orden[: orden.index(local)])
    posicion = _despues_del_ultimo(padre, anteriores)
    nuevo = etree.Element(_en_espacio(padre, local))
    padre.insert(posicion, nuevo)
    return nuevo


def _despues_del_ultimo(padre: etree._Element, nombres: Iterable[str]) -> int:
    buscados = set(nombres)
    posicion = 0
    for i, hijo in enumerate(padre):
        if nombre_local(hijo) in buscados:
            posicion = i + 1
    return posicion


def _en_espacio(padre: etree._Element, local: str) -> str:
    espacio = etree.QName(padre).namespace
    return f"{{{espacio}}}{local}" if espacio else local
