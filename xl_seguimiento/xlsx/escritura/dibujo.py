"""Gráficos nativos y minigráficos del Tablero: las partes DrawingML las escribe XlsxWriter.

XlsxWriter arma, en memoria, un libro con una hoja del mismo nombre y los mismos gráficos; de ahí
se toman el dibujo, sus gráficos y el bloque x14 de minigráficos, que la edición (`edicion`) traslada
al libro del usuario con nombres libres. Los gráficos leen los datos de las celdas de la hoja.
XlsxWriter solo recibe lo que mueve o cambia un gráfico (`Lienzo`); lo que escribió para un lienzo
se recuerda: en un lote, muchos libros tienen los mismos gráficos.
"""

import io
import zipfile
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from ...maqueta.tablero import HOJA_TABLERO, Grafico, Minigrafico, Serie, Tablero
from ...nucleo.a1 import leer_celda
from ..opc.xml_seguro import hijos, leer_xml
from .minigraficos import con_minigraficos

__all__ = ["Dibujo", "GraficosConDatos", "dibujar", "graficos_con_datos"]

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
ALTO_POR_OMISION = 15.0  # puntos de una fila sin alto propio (Calibri 11)
DIBUJOS_RECORDADOS = 32  # los últimos dibujos de XlsxWriter que se recuerdan (`_partes_de_xlsxwriter`)


class Dibujo(NamedTuple):
    """Las partes del dibujo de una hoja: el dibujo, sus relaciones (id → gráfico) y el bloque x14."""

    dibujo: bytes
    graficos: dict[str, bytes]  # id de relación en el dibujo → parte del gráfico
    minigraficos: bytes  # el <extLst> de la hoja con los minigráficos, o b""


def dibujar(tablero: Tablero) -> Dibujo:
    """Escribe con XlsxWriter los gráficos y minigráficos del tablero y devuelve sus partes."""
    ultima = _ultima_fila_de_graficos(tablero)  # las de más abajo no mueven ningún gráfico
    lienzo = Lienzo(
        tablero.hoja.anchos,
        tuple((fila, alto) for fila, alto in tablero.hoja.altos if fila <= ultima),
        tablero.graficos,
        tablero.minigraficos[:1],
    )
    dibujo, graficos, hoja = _partes_de_xlsxwriter(lienzo)
    extension = hijos(leer_xml(hoja, "sheet1.xml"), "extLst")
    return Dibujo(
        dibujo,
        dict(graficos),
        con_minigraficos(extension[0], tablero.minigraficos[1:]) if extension else b"",
    )


class Lienzo(NamedTuple):
    """Lo que XlsxWriter usa para escribir los gráficos y anclarlos a las celdas que cubren: los anchos
    y los altos de la hoja, los gráficos y los minigráficos (XlsxWriter escribe el primero)."""

    anchos: tuple[int, ...]
    altos: tuple[tuple[int, float], ...]
    graficos: tuple[Grafico, ...]
    minigraficos: tuple[Minigrafico, ...]


@lru_cache(maxsize=DIBUJOS_RECORDADOS)
def _partes_de_xlsxwriter(lienzo: Lienzo) -> tuple[bytes, tuple[tuple[str, bytes], ...], bytes]:
    """El dibujo, sus gráficos (id de relación → parte) y la hoja que escribe XlsxWriter.

    Se recuerdan los últimos: en un lote, los libros con los mismos objetivos, años y topes de los
    ejes tienen los mismos gráficos (leen los valores de las celdas)."""
    with zipfile.ZipFile(io.BytesIO(_libro_xlsxwriter(lienzo))) as paquete:
        return (
            paquete.read("xl/drawings/drawing1.xml"),
            tuple(_graficos_del_paquete(paquete).items()),
            paquete.read("xl/worksheets/sheet1.xml"),
        )


class GraficosConDatos(NamedTuple):
    """Los gráficos del tablero fuera de Excel (un documento de Word): cada uno con sus valores en
    caché (c:numCache, c:strCache), en el orden del tablero, y el libro con la hoja de sus datos."""

    graficos: tuple[bytes, ...]
    libro: bytes  # un .xlsx con la hoja «Tablero» a la que apuntan las referencias de los gráficos


def graficos_con_datos(tablero: Tablero, fecha: datetime) -> GraficosConDatos:
    """Los mismos gráficos que `dibujar`, con los valores de las celdas del tablero en caché.

    `fecha` es la de creación del libro de datos: con la misma fecha, los mismos bytes.
    """
    hoja = tablero.hoja
    lienzo = Lienzo(hoja.anchos, hoja.altos, tablero.graficos, tablero.minigraficos[:1])
    libro = _libro_xlsxwriter(lienzo, (fecha, tablero))
    with zipfile.ZipFile(io.BytesIO(libro)) as paquete:
        return GraficosConDatos(tuple(_graficos_del_paquete(paquete).values()), libro)


def _libro_xlsxwriter(lienzo: Lienzo, con_valores: tuple[datetime, Tablero] | None = None) -> bytes:
    """El libro de XlsxWriter con la hoja del tablero y sus gráficos; `con_valores` (la fecha de
    creación del libro y el tablero), también los valores de sus celdas (XlsxWriter los pone en la
    caché de cada serie)."""
    import xlsxwriter

    salida = io.BytesIO()
    with xlsxwriter.Workbook(salida, {"in_memory": True}) as libro:
        hoja = libro.add_worksheet(HOJA_TABLERO)
        # Los anchos y altos de la hoja: XlsxWriter ancla cada gráfico a las celdas que cubre con ellos.
        for j, ancho in enumerate(lienzo.anchos):
            hoja.set_column(j, j, ancho)
        for fila, alto in lienzo.altos:
            hoja.set_row(fila - 1, alto)
        if con_valores is not None:
            fecha, tablero = con_valores
            libro.set_properties({"created": fecha, "author": "xl-seguimiento"})
            _escribir_valores(hoja, tablero)
        for grafico in lienzo.graficos:
            hoja.insert_chart(grafico.ancla, _grafico(libro, grafico))
        for primero in lienzo.minigraficos:  # el grupo con su primer minigráfico; los demás, después
            hoja.add_sparkline(
                primero.celda, {"range": primero.datos.a1(HOJA_TABLERO, True), "markers": True}
            )
    return salida.getvalue()


def _ultima_fila_de_graficos(tablero: Tablero) -> int:
    """La última fila (desde 1) que puede cubrir un gráfico, con una de margen: la de su ancla y las
    que siguen hasta sumar su alto, con el alto de cada fila en píxeles (puntos × 4/3; 20 sin alto)."""
    altos = dict(tablero.hoja.altos)
    ultima = 0
    for grafico in tablero.graficos:
        fila = (leer_celda(grafico.ancla)[0] or 0) + 1
        cubierto = 0
        while cubierto <= grafico.alto:
            cubierto += int(altos.get(fila, ALTO_POR_OMISION) * 4 / 3)
            fila += 1
        ultima = max(ultima, fila)
    return ultima


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
        r.get("Id", ""): _rotulos_solo_valor(paquete.read("xl/" + r.get("Target", "").removeprefix("../")))
        for r in hijos(rels, "Relationship")
    }


def _rotulos_solo_valor(grafico: bytes) -> bytes:
    """Los rótulos de datos dicen solo el valor: XlsxWriter escribe `showVal` y omite los demás, y
    LibreOffice toma los que faltan como verdaderos («OP.01; Índice; 78.0»). Se escriben en 0, en el
    orden del esquema (CT_DLbls: …, showLegendKey, showVal, showCatName, showSerName, showPercent, showBubbleSize)."""
    if b"<c:dLbls>" not in grafico:
        return grafico
    raiz = leer_xml(grafico, "gráfico")
    for valor in list(raiz.iter(f"{{{C}}}showVal")):
        rotulos = valor.getparent()
        if rotulos is None:
            continue
        presentes = {etree.QName(h).localname for h in rotulos}
        if "showLegendKey" not in presentes:
            valor.addprevious(etree.Element(f"{{{C}}}showLegendKey", val="0"))
        ultimo = valor
        for nombre in ("showCatName", "showSerName", "showPercent", "showBubbleSize"):
            if nombre not in presentes:
                ultimo.addnext(etree.Element(f"{{{C}}}{nombre}", val="0"))
            ultimo = next(h for h in rotulos if etree.QName(h).localname == nombre)
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8", standalone=True)


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
        posicion = "above" if grafico.tipo == "linea" else "outside_end"
        etiquetas = (
            {"data_labels": {"value": True, "num_format": "0.0", "position": posicion}}
            if serie.etiquetas
            else {}
        )
        dibujo.add_series({"name": serie.nombre, **_rangos(serie), **formato, **etiquetas})
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
    dibujo.set_title({"name": grafico.titulo, "name_font": {"size": 12}})
    dibujo.set_legend({"position": "bottom"})
    dibujo.set_size({"width": grafico.ancho, "height": grafico.alto})
    if grafico.eje_categorias:
        dibujo.set_x_axis({"name": grafico.eje_categorias})
    eje_valores: dict[str, object] = {"name": grafico.eje_valores} if grafico.eje_valores else {}
    if grafico.minimo is not None:
        eje_valores["min"] = grafico.minimo
    if grafico.maximo is not None:
        eje_valores["max"] = grafico.maximo
    if eje_valores:
        dibujo.set_y_axis(eje_valores)
    return dibujo


def _rangos(serie: Serie) -> dict[str, str]:
    """Las categorías y los valores de una serie como los pide XlsxWriter: "'Tablero'!$A$7:$A$9"."""
    return {
        "categories": serie.categorias.a1(HOJA_TABLERO, absoluto=True),
        "values": serie.valores.a1(HOJA_TABLERO, absoluto=True),
    }
