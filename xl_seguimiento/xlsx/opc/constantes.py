"""Los nombres de OOXML en un solo lugar: espacios de nombres, tipos de contenido y de relación.

Hoja del árbol: no importa nada. Un libro transicional (el habitual) y uno estricto (ISO/IEC 29500
Strict) difieren en el espacio principal y en el de las relaciones (`Dialecto`); OPC y los tipos de
contenido son iguales en los dos. Los tipos de relación se comparan por su último tramo, que es
igual en los dos dialectos.
"""

from typing import NamedTuple

CONTENT_TYPES = "[Content_Types].xml"
DECLARACION_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# OPC (ECMA-376 parte 2)
NS_TIPOS = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL_PAQUETE = "http://schemas.openxmlformats.org/package/2006/relationships"
TIPO_RELS = "application/vnd.openxmlformats-package.relationships+xml"

# SpreadsheetML y relaciones, transicional
NS_PRINCIPAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# DrawingML (gráficos) y WordprocessingML (el reporte en Word)
NS_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_GRAFICO = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_DIBUJO_WORD = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# La cinta de un complemento (MS-CUSTOMUI): espacio de nombres de customUI → su tipo de relación
# (MS-OI29500): el de 2006 con customUI de Office 2007, el de 2007 con customUI14 (2010 en adelante).
REL_CINTA = {
    "http://schemas.microsoft.com/office/2006/01/customui": (
        "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
    ),
    "http://schemas.microsoft.com/office/2009/07/customui": (
        "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
    ),
}
# Extensiones de Excel 2010 (minigráficos)
NS_X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
NS_XM = "http://schemas.microsoft.com/office/excel/2006/main"

# Tipos de relación (transicionales; `Dialecto.relacion` da los de cada dialecto)
REL_DOCUMENTO = NS_R + "/officeDocument"
REL_HOJA = NS_R + "/worksheet"
REL_TABLA = NS_R + "/table"
REL_ESTILOS = NS_R + "/styles"
REL_DIBUJO = NS_R + "/drawing"
REL_GRAFICO = NS_R + "/chart"
REL_TEMA = NS_R + "/theme"
REL_TEXTOS = NS_R + "/sharedStrings"
REL_PAQUETE_INCRUSTADO = NS_R + "/package"
# Tramos de las relaciones hacia hojas con celdas (los gráficos no tienen celdas)
TRAMOS_HOJA_CON_CELDAS = ("worksheet", "macrosheet", "xlIntlMacrosheet", "dialogsheet")

# Tipos de contenido
TIPO_LIBRO = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
TIPO_HOJA = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TIPO_TABLA = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
TIPO_ESTILOS = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
TIPO_DIBUJO = "application/vnd.openxmlformats-officedocument.drawing+xml"
TIPO_GRAFICO = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
TIPO_TEMA = "application/vnd.openxmlformats-officedocument.theme+xml"
TIPO_ARCHIVO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # un .xlsx incrustado
# Tipos de la parte principal de un libro (.xlsx, plantilla; con macros; complemento).
TIPOS_LIBRO = (
    TIPO_LIBRO,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.ms-excel.addin.macroEnabled.main+xml",
)


class Dialecto(NamedTuple):
    """Los espacios de nombres de un libro: transicional o estricto.

    Las partes nuevas se escriben en el mismo dialecto que el libro.
    """

    principal: str
    relaciones: str  # espacio del atributo r:id y raíz de los tipos de relación

    def relacion(self, tramo: str) -> str:
        return f"{self.relaciones}/{tramo}"


TRANSICIONAL = Dialecto(NS_PRINCIPAL, NS_R)
ESTRICTO = Dialecto(
    "http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships"
)


def tramo(tipo: str) -> str:
    """El último tramo de un tipo de relación («…/worksheet» → «worksheet»)."""
    return tipo.rsplit("/", 1)[-1]
