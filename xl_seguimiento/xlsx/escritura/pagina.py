"""La configuración de página de una hoja (`maqueta.hoja.Pagina`) como XML de SpreadsheetML.

Funciones puras: datos de página → trozos de la parte de la hoja, en el lugar que les da el esquema
(CT_Worksheet: sheetPr, dimension, sheetViews, …, hyperlinks, printOptions, pageMargins, pageSetup,
headerFooter, rowBreaks, …, drawing, …, tableParts, extLst), y los nombres definidos del libro
(`_xlnm.Print_Titles`, `_xlnm.Print_Area`), que llevan `localSheetId`: el lugar de la hoja en <sheets>.
"""

from lxml import etree

from ...maqueta.hoja import Pagina, Secciones
from ..opc.xml_seguro import agregar, hijo_en_orden, hijos, texto_xml

__all__ = [
    "MARGENES_POR_OMISION",
    "NOMBRES_IMPRESION",
    "codigo_secciones",
    "nombres_definidos",
    "poner_nombres",
    "xml_impresion",
    "xml_propiedades",
    "xml_vista",
]

PAPEL_A4 = 9  # ST_PaperSize (y XlPaperSize de Excel): A4
COLUMNA_MAXIMA = 16383  # el «max» de un salto de fila: toda la hoja, desde 0
# Lo que escribía el proyecto antes de configurar la página (y escribe en una hoja sin Pagina).
MARGENES_POR_OMISION = (
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
)
NOMBRES_IMPRESION = ("_xlnm.Print_Titles", "_xlnm.Print_Area")
# Hijos de <workbook> hasta <definedNames>, en el orden del esquema (CT_Workbook).
ORDEN_LIBRO = (
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
)


def xml_propiedades(pagina: Pagina | None) -> str:
    """<sheetPr>: ajustar a páginas (el ancho y alto los dice <pageSetup>)."""
    return '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if pagina else ""


def xml_vista(pagina: Pagina | None) -> str:
    """<sheetViews> con las filas de arriba inmovilizadas: se desplaza desde la fila `inmovilizar`."""
    if pagina is None or pagina.inmovilizar <= 1:
        return ""
    celda = f"A{pagina.inmovilizar}"
    return (
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{pagina.inmovilizar - 1}" topLeftCell="{celda}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{celda}" sqref="{celda}"/></sheetView></sheetViews>'
    )


def xml_impresion(pagina: Pagina | None) -> str:
    """printOptions, pageMargins, pageSetup, headerFooter y rowBreaks, en ese orden."""
    if pagina is None:
        return MARGENES_POR_OMISION
    m = pagina.margenes
    partes = [
        '<printOptions horizontalCentered="1"/>',
        f'<pageMargins left="{m.izquierda:g}" right="{m.derecha:g}" top="{m.arriba:g}" bottom="{m.abajo:g}" '
        f'header="{m.encabezado:g}" footer="{m.pie:g}"/>',
        f'<pageSetup paperSize="{PAPEL_A4}" orientation="{"landscape" if pagina.apaisada else "portrait"}" '
        'fitToWidth="1" fitToHeight="0"/>',
    ]
    encabezado, pie = codigo_secciones(pagina.encabezado), codigo_secciones(pagina.pie)
    if encabezado or pie:
        partes.append(
            "<headerFooter>"
            + (f"<oddHeader>{texto_xml(encabezado)}</oddHeader>" if encabezado else "")
            + (f"<oddFooter>{texto_xml(pie)}</oddFooter>" if pie else "")
            + "</headerFooter>"
        )
    if pagina.saltos:
        partes.append(f'<rowBreaks count="{len(pagina.saltos)}" manualBreakCount="{len(pagina.saltos)}">')
        partes.extend(f'<brk id="{fila}" max="{COLUMNA_MAXIMA}" man="1"/>' for fila in pagina.saltos)
        partes.append("</rowBreaks>")
    return "".join(partes)


def codigo_secciones(secciones: Secciones) -> str:
    """Las tres secciones de un encabezado o pie en un texto de SpreadsheetML: «&LA&CB&RC» (sin las vacías)."""
    return "".join(
        f"{codigo}{texto}" for codigo, texto in zip(("&L", "&C", "&R"), secciones, strict=True) if texto
    )


def nombres_definidos(pagina: Pagina | None, hoja: str) -> list[tuple[str, str]]:
    """(nombre, fórmula) de las filas que se repiten y del área de impresión de la hoja."""
    if pagina is None:
        return []
    citada = "'" + hoja.replace("'", "''") + "'"
    nombres = []
    if pagina.filas_titulo:
        desde, hasta = pagina.filas_titulo
        nombres.append((NOMBRES_IMPRESION[0], f"{citada}!${desde}:${hasta}"))
    nombres.append((NOMBRES_IMPRESION[1], f"{citada}!{pagina.area_absoluta}"))
    return nombres


def poner_nombres(libro: etree._Element, indice: int, nombres: list[tuple[str, str]]) -> bool:
    """Deja en <definedNames> del libro los nombres de impresión de la hoja número `indice` (desde 0):
    quita los que esa hoja ya tenía (una hoja reemplazada no los duplica) y agrega `nombres`. Los
    demás nombres del libro quedan como estaban. Devuelve si cambió algo."""
    existente = hijos(libro, "definedNames")
    if not nombres and not existente:
        return False
    definidos = existente[0] if existente else hijo_en_orden(libro, "definedNames", ORDEN_LIBRO)
    antes = [
        (d.get("name"), d.text)
        for d in hijos(definidos, "definedName")
        if d.get("localSheetId") == str(indice) and d.get("name") in NOMBRES_IMPRESION
    ]
    if sorted(antes) == sorted(nombres):
        return False
    for d in hijos(definidos, "definedName"):
        if d.get("localSheetId") == str(indice) and d.get("name") in NOMBRES_IMPRESION:
            definidos.remove(d)
    for nombre, formula in nombres:
        agregar(definidos, "definedName", {"name": nombre, "localSheetId": str(indice)}).text = formula
    if not len(definidos):  # un <definedNames> vacío no es válido
        libro.remove(definidos)
    return True
