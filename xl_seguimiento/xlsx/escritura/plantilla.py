"""Un libro sin hojas, el punto de partida de un libro nuevo (el consolidado del modo por lotes).

Cada hoja se le agrega con la misma edición que la hoja «Alertas», que crea también la hoja de
estilos. Las partes se guardan con fecha fija: el mismo consolidado da los mismos bytes.
"""

import io
import zipfile

from ..opc import zipcrudo
from ..opc.constantes import (
    CONTENT_TYPES,
    DECLARACION_XML,
    NS_PRINCIPAL,
    NS_R,
    NS_REL_PAQUETE,
    NS_TIPOS,
    REL_DOCUMENTO,
    REL_TEMA,
    TIPO_LIBRO,
    TIPO_RELS,
    TIPO_TEMA,
)

__all__ = ["libro_vacio"]


def _partes() -> dict[str, str]:
    """Las partes del libro sin hojas, por nombre.

    Lleva el tema de Office de XlsxWriter (el de Excel 2007 a 2019, con Calibri, la fuente de los
    estilos): el SDK de Open XML exige la relación de tema del libro, y Excel, openpyxl y XlsxWriter
    siempre la escriben. Se importa aquí porque solo el consolidado lo usa.
    """
    from xlsxwriter.theme import THEME_XML_2007

    return {
        CONTENT_TYPES: DECLARACION_XML + f'<Types xmlns="{NS_TIPOS}">'
        f'<Default Extension="rels" ContentType="{TIPO_RELS}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TIPO_LIBRO}"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{TIPO_TEMA}"/></Types>',
        "_rels/.rels": DECLARACION_XML + f'<Relationships xmlns="{NS_REL_PAQUETE}">'
        f'<Relationship Id="rId1" Type="{REL_DOCUMENTO}" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": DECLARACION_XML
        + f'<workbook xmlns="{NS_PRINCIPAL}" xmlns:r="{NS_R}"><sheets></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": DECLARACION_XML + f'<Relationships xmlns="{NS_REL_PAQUETE}">'
        f'<Relationship Id="rId1" Type="{REL_TEMA}" Target="theme/theme1.xml"/></Relationships>',
        "xl/theme/theme1.xml": THEME_XML_2007,
    }


def libro_vacio() -> bytes:
    """El paquete (zip) del libro sin hojas."""
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as paquete:
        for nombre, xml in _partes().items():
            paquete.writestr(
                zipfile.ZipInfo(nombre, date_time=zipcrudo.FECHA_FIJA), xml, zipfile.ZIP_DEFLATED
            )
    return salida.getvalue()
