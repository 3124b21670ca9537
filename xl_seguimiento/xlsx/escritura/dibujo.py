"""Gráficos nativos y minigráficos del Tablero: las partes DrawingML las escribe XlsxWriter.

XlsxWriter arma, en memoria, un libro con una hoja del mismo nombre y los mismos gráficos; de ahí
se toman el dibujo, sus gráficos y el bloque x14 de minigráficos, que la edición (`edicion`) traslada
al libro del usuario con nombres libres. Los gráficos leen los datos de las celdas de la hoja.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from ...maqueta.tablero import HOJA_TABLERO, Grafico, Serie, Tablero
from ..opc.xml_seguro import hijos, leer_xml
from .minigraficos import agregar_minigraficos

__all__ = ["Dibujo", "GraficosConDatos", "dibujar", "graficos_con_datos"]

ESCALA = {"x_scale": 1.6, "y_scale": 1.2}


@dataclass(frozen=True)
class Dibujo:
    """Las partes del dibujo de una hoja: el dibujo, sus relaciones (id → gráfico) y el bloque x14."""

    dibujo: bytes
    graficos: dict[str, bytes]  # id de relación en el dibujo → parte del gráfico
    minigraficos: bytes  # el <extLst> de la hoja con los minigráficos, o b""


def dibujar(tablero: Tablero) -> Dibujo:
    """Escribe con XlsxWriter los gráficos y minigráficos del tablero y devuelve sus partes."""
    with zipfile.ZipFile(io.BytesIO(_libro_xlsxwriter(tablero))) as paquete:
        graficos = _graficos_del_paquete(paquete)
        hoja_xml = leer_xml(paquete.read("xl/worksheets/sheet1.xml"), "sheet1.xml")
        extension = hijos(hoja_xml, "extLst")
        if extension:
            agregar_minigraficos(extension[0], tablero.minigraficos[1:])
        return Dibujo(
            paquete.read("xl/drawings/drawing1.xml"),
            graficos,
            etree.tostring(extension[0]) if extension else b"",
        )


@dataclass(frozen=True)
class GraficosConDatos:
    """Los gráficos del tablero fuera de Excel (un documento de Word): cada uno con sus valores en
    caché (c:numCache, c:strCache), en el orden del tablero, y el libro con la hoja de sus datos."""

    graficos: tuple[bytes, ...]
    libro: bytes  # un .xlsx con la hoja «Tablero» a la que apuntan las referencias de los gráficos


def graficos_con_datos(tablero: Tablero, fecha: datetime) -> GraficosConDatos:
    """Los mismos gráficos que `dibujar`, con los valores de las celdas del tablero en caché.

    `fecha` es la de creación del libro de datos: con la misma fecha, los mismos bytes.
    """
    libro = _libro_xlsxwriter(tablero, fecha)
    with zipfile.ZipFile(io.BytesIO(libro)) as paquete:
        return GraficosConDatos(tuple(_graficos_del_paquete(paquete).values()), libro)


def _libro_xlsxwriter(tablero: Tablero, fecha: datetime | None = None) -> bytes:
    """El libro de XlsxWriter con la hoja del tablero y sus gráficos; con `fecha`, también los
    valores de sus celdas (XlsxWriter los pone en la caché de cada serie)."""
    import xlsxwriter

    salida = io.BytesIO()
    with xlsxwriter.Workbook(salida, {"in_memory": True}) as libro:
        hoja = libro.add_worksheet(HOJA_TABLERO)
        if fecha is not None:
            libro.set_properties({"created": fecha, "author": "xl-seguimiento"})
            _escribir_valores(hoja, tablero)
        for grafico in tablero.graficos:
            hoja.insert_chart(grafico.ancla, _grafico(libro, grafico), ESCALA)
        if tablero.minigraficos:  # el grupo con su primer minigráfico; los demás se agregan abajo
            primero = tablero.minigraficos[0]
            hoja.add_sparkline(
                primero.celda, {"range": primero.datos.a1(HOJA_TABLERO, True), "markers": True}
            )
    return salida.getvalue()


def _escribir_valores(hoja, tablero: Tablero) -> None:
    """Los valores de la maqueta del tablero; «ND» queda vacío (un hueco en el gráfico, no un cero)."""
    for i, fila in enumerate(tablero.hoja.filas):
        for j, celda in enumerate(fila):
            if celda.valor is not None and celda.valor != "ND":
                hoja.write(i, j, celda.valor)


def _graficos_del_paquete(paquete: zipfile.ZipFile) -> dict[str, bytes]:
    """Id de relación en el dibujo → parte del gráfico, en el orden en que se insertaron."""
    rels = leer_xml(paquete.read("xl/drawings/_rels/drawing1.xml.rels"), "drawing1.xml.rels")
    return {
        r.get("Id", ""): paquete.read("xl/" + r.get("Target", "").removeprefix("../"))
        for r in hijos(rels, "Relationship")
    }


def _grafico(libro, grafico: Grafico):
    tipo = {
        "columna": {"type": "column"},
        "columna_apilada": {"type": "column", "subtype": "stacked"},
        "linea": {"type": "line"},
    }[grafico.tipo]
    dibujo = libro.add_chart(tipo)
    for serie in grafico.series:
        color = {"color": f"#{serie.color}"}
        formato = (
            {"line": color, "marker": {"type": "circle", "fill": color}}
            if grafico.tipo == "linea"
            else {"fill": color}
        )
        dibujo.add_series({"name": serie.nombre, **_rangos(serie), **formato})
    if grafico.umbrales:
        lineas = libro.add_chart({"type": "line"})
        for serie in grafico.umbrales:
            lineas.add_series(
                {
                    "name": serie.nombre,
                    **_rangos(serie),
                    "line": {"color": f"#{serie.color}", "dash_type": "dash"},
                }
            )
        dibujo.combine(lineas)
    dibujo.set_title({"name": grafico.titulo})
    dibujo.set_legend({"position": "bottom"})
    return dibujo


def _rangos(serie: Serie) -> dict[str, str]:
    """Las categorías y los valores de una serie como los pide XlsxWriter: "'Tablero'!$A$7:$A$9"."""
    return {
        "categories": serie.categorias.a1(HOJA_TABLERO, absoluto=True),
        "values": serie.valores.a1(HOJA_TABLERO, absoluto=True),
    }
