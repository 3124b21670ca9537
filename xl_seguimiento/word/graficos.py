"""Los gráficos del Tablero como gráficos nativos de Word: partes DrawingML en el paquete del .docx.

Cada gráfico es la parte que escribe XlsxWriter para el Tablero (`xlsx.escritura.dibujo`), con sus valores
en caché, y lleva incrustado el libro con la hoja «Tablero» de donde salen sus series
(c:externalData), como los gráficos que hace Word: se dibuja sin abrir nada (los valores van en
caché) y «Editar datos» tiene un libro que abrir.
"""

from datetime import datetime

from lxml import etree

from ..maqueta.tablero import Tablero
from ..xlsx.escritura.dibujo import graficos_con_datos
from ..xlsx.opc.constantes import (
    NS_GRAFICO,
    NS_R,
    REL_PAQUETE_INCRUSTADO,
    TIPO_ARCHIVO_XLSX,
    TIPO_GRAFICO,
)
from ..xlsx.opc.xml_seguro import leer_xml

__all__ = ["GRAFICO_URI", "TIPO_GRAFICO", "partes_de_graficos"]

C = NS_GRAFICO
R = NS_R
GRAFICO_URI = C  # el uri de a:graphicData de un gráfico
TIPO_LIBRO = TIPO_ARCHIVO_XLSX
REL_PAQUETE = REL_PAQUETE_INCRUSTADO
ID_LIBRO = "rId1"  # la única relación de cada gráfico: su libro de datos


def partes_de_graficos(paquete, tablero: Tablero, fecha: datetime) -> list:
    """Las partes de los gráficos del tablero (en su orden), cada una con su libro de datos, en `paquete`
    (un OpcPackage de python-docx); el documento las relaciona con `relate_to(parte, REL_GRAFICO)`."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    dibujados = graficos_con_datos(tablero, fecha)
    partes = []
    for n, xml in enumerate(dibujados.graficos, start=1):
        libro = Part(
            PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
            TIPO_LIBRO,
            dibujados.libro,
            paquete,
        )
        grafico = Part(PackURI(f"/word/charts/chart{n}.xml"), TIPO_GRAFICO, _con_libro(xml), paquete)
        if grafico.relate_to(libro, REL_PAQUETE) != ID_LIBRO:
            raise AssertionError("la relación del libro de datos no es la primera del gráfico")
        partes.append(grafico)
    return partes


def _con_libro(xml: bytes) -> bytes:
    """El gráfico con su c:externalData, donde lo pide el esquema: antes de c:printSettings."""
    raiz = leer_xml(xml, "gráfico")
    externo = etree.Element(f"{{{C}}}externalData", nsmap={"c": C, "r": R})
    externo.set(f"{{{R}}}id", ID_LIBRO)
    etree.SubElement(externo, f"{{{C}}}autoUpdate", val="0")
    impresion = raiz.find(f"{{{C}}}printSettings")
    if impresion is not None:
        impresion.addprevious(externo)
    else:
        raiz.append(externo)
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8", standalone=True)
