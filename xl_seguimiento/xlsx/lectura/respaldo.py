"""Lector de respaldo: los valores de las hojas leídos en flujo con lxml, cuando python-calamine no puede.

Es tolerante con lo que Excel y LibreOffice abren aunque se aparte del esquema: `state="show"`,
dimensiones sin fila, hojas de macros, índices de textos compartidos fuera de rango (celda vacía)
y filas o celdas sin referencia (siguen a la anterior). Entrega lo mismo que python-calamine:
filas desde A1, '' en las celdas vacías, números como float, textos y booleanos; las fechas
quedan como número de serie (el motor no las usa).
"""

import io
import zipfile
from collections.abc import Iterator
from typing import IO

from lxml import etree

from ...nucleo.a1 import leer_celda
from ...nucleo.celdas import Cuadricula
from ..opc.constantes import REL_TEXTOS, TRAMOS_HOJA_CON_CELDAS, tramo
from ..opc.paquete import Paquete
from ..opc.xml_seguro import ErrorParte, desde_cadena_excel, hijos, nombre_local

__all__ = ["leer_hojas_respaldo"]

_LECTURA_SEGURA = {"resolve_entities": False, "no_network": True, "load_dtd": False}


def leer_hojas_respaldo(zip_: zipfile.ZipFile) -> Iterator[tuple[str, Cuadricula]]:
    """Cada hoja de datos del libro como (nombre, filas desde A1), en el orden del libro."""
    paquete = Paquete(zip_)
    parte_libro = paquete.parte_libro()
    relaciones = paquete.relaciones(parte_libro)
    compartidos = [_textos(paquete, r.parte) for r in relaciones.de_tipo(REL_TEXTOS)]
    textos = compartidos[0] if compartidos else []
    for hojas in hijos(paquete.xml(parte_libro), "sheets"):
        for hoja in hijos(hojas, "sheet"):
            id_rel = next((str(v) for k, v in hoja.attrib.items() if etree.QName(k).localname == "id"), "")
            relacion = relaciones.por_id(id_rel)
            nombre = paquete.nombre(relacion.parte) if relacion is not None else None
            if relacion is None or nombre is None:
                raise ErrorParte(
                    parte_libro, f"nombra la hoja «{hoja.get('name')}», que no está en el paquete"
                )
            if tramo(relacion.tipo) in TRAMOS_HOJA_CON_CELDAS:  # los gráficos no tienen celdas
                yield hoja.get("name", ""), _cuadricula(io.BytesIO(paquete.leer(nombre)), nombre, textos)


def _textos(paquete: Paquete, parte: str) -> list[str]:
    """Los textos compartidos, en orden (el texto fonético <rPh> no cuenta)."""
    nombre = paquete.nombre(parte)
    if nombre is None:
        return []
    return [_texto(si) for si in _elementos(io.BytesIO(paquete.leer(nombre)), nombre, "si")]


def _texto(elemento: etree._Element) -> str:
    """El texto de un <si> o <is>, con los «_xHHHH_» de Excel decodificados (como calamine)."""
    return "".join(
        desde_cadena_excel(t.text or "")
        for t in elemento.iter("{*}t")
        if not any(nombre_local(a) == "rPh" for a in t.iterancestors())
    )


def _elementos(flujo: IO[bytes], parte: str, *locales: str) -> Iterator[etree._Element]:
    """Los elementos con esos nombres locales, al cerrarse, liberando lo ya leído."""
    try:
        for _, elemento in etree.iterparse(flujo, tag=[f"{{*}}{n}" for n in locales], **_LECTURA_SEGURA):
            yield elemento
            if nombre_local(elemento) == locales[0]:
                elemento.clear(keep_tail=False)
    except etree.XMLSyntaxError as error:
        linea, columna = error.position
        raise ErrorParte(parte, f"no es XML bien formado (línea {linea}, columna {columna})") from error


def _cuadricula(flujo: IO[bytes], parte: str, textos: list[str]) -> list[list[object]]:
    filas: dict[int, dict[int, object]] = {}
    fila = columna = 0
    fila_actual = None
    for elemento in _elementos(flujo, parte, "row", "c"):
        padre = elemento.getparent()
        if nombre_local(elemento) == "row" or padre is None:  # la fila se cierra después de sus celdas
            continue
        if padre is not fila_actual:  # primera celda de una fila: sin r, sigue a la anterior
            fila_actual, columna = padre, 0
            fila = int(padre.get("r", "")) if padre.get("r", "").isdigit() else fila + 1
        referencia = elemento.get("r", "")
        columna, fila = _posicion(referencia, fila) if referencia else (columna + 1, fila)
        valor = _valor(elemento, textos)
        if valor != "":
            filas.setdefault(fila, {})[columna] = valor
    alto = max(filas, default=0)
    ancho = max((max(c) for c in filas.values()), default=0)
    return [[filas.get(i, {}).get(j, "") for j in range(1, ancho + 1)] for i in range(1, alto + 1)]


def _posicion(referencia: str, fila: int) -> tuple[int, int]:
    """(columna, fila) desde 1 de una referencia como 'AB12' (sin número: la fila dada)."""
    leida, columna = leer_celda(referencia)
    return columna + 1, fila if leida is None else leida + 1


def _valor(celda: etree._Element, textos: list[str]) -> object:
    tipo = celda.get("t", "n")
    if tipo == "inlineStr":
        return "".join(_texto(es) for es in hijos(celda, "is"))
    v = next((h.text or "" for h in hijos(celda, "v")), "")
    if v == "":
        return ""
    if tipo == "s":
        indice = int(v) if v.strip().isdigit() else -1
        return textos[indice] if 0 <= indice < len(textos) else ""
    if tipo == "b":
        return v.strip() in ("1", "true")
    if tipo in ("str", "e", "d"):
        return v
    try:
        return float(v)
    except ValueError:
        return v
