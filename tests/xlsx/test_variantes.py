"""El libro de muestra guardado por otros programas da las mismas alertas, y la lectura no se rinde.

openpyxl y LibreOffice reescriben todo el paquete a su manera (textos compartidos en vez de texto en
línea, otros estilos, otras relaciones): la orden `alertas` debe dar el mismo resultado que con el
original. Los libros que python-calamine no abre se leen con el lector de respaldo.
"""

import json
import re
import shutil
import zipfile

import openpyxl
import pytest
from apoyo import LIBRO_MUESTRA, libreoffice_convertir, reempaquetar
from python_calamine import CalamineWorkbook

from xl_seguimiento.app import cli
from xl_seguimiento.nucleo.errores import ErrorSeguimiento
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas
from xl_seguimiento.xlsx.lectura.respaldo import leer_hojas_respaldo


def resultado_json(libro, carpeta, capsys):
    codigo = cli.main(["alertas", str(libro), "-o", str(carpeta / f"salida{libro.suffix}"), "--json"])
    salida = capsys.readouterr()
    assert codigo == 0, salida.err
    return json.loads(salida.out)


@pytest.fixture(scope="module")
def variantes(tmp_path_factory):
    """La muestra guardada por openpyxl y por LibreOffice (sin pasar por este proyecto)."""
    carpeta = tmp_path_factory.mktemp("variantes")
    por_openpyxl = carpeta / "muestra_openpyxl.xlsx"
    openpyxl.load_workbook(LIBRO_MUESTRA).save(por_openpyxl)
    entrada_lo = tmp_path_factory.mktemp("lo_entrada") / "muestra_libreoffice.xlsx"
    shutil.copy(LIBRO_MUESTRA, entrada_lo)
    proceso = libreoffice_convertir(entrada_lo, carpeta, "xlsx")
    por_libreoffice = carpeta / "muestra_libreoffice.xlsx"
    assert por_libreoffice.is_file(), proceso.stdout + proceso.stderr
    return {"openpyxl": por_openpyxl, "LibreOffice": por_libreoffice}


def aplicacion(libro):
    with zipfile.ZipFile(libro) as paquete:
        return re.search(rb"<Application>([^<]*)", paquete.read("docProps/app.xml")).group(1).decode()


@pytest.mark.parametrize("programa", ["openpyxl", "LibreOffice"])
def test_muestra_guardada_por_otro_programa_da_las_mismas_alertas(variantes, programa, tmp_path, capsys):
    variante = variantes[programa]
    assert programa.casefold() in aplicacion(variante).casefold()  # de verdad la escribió ese programa
    assert partes(variante)["xl/styles.xml"] != partes(LIBRO_MUESTRA)["xl/styles.xml"]
    original = resultado_json(LIBRO_MUESTRA, tmp_path, capsys)
    assert resultado_json(variante, tmp_path, capsys) == original
    assert len(original["alertas"]) > 50


def sin_fechas(filas):
    """Las fechas quedan fuera de la comparación: calamine las convierte y el respaldo no (no se usan)."""
    return [[v if isinstance(v, str | float | bool) else "(fecha)" for v in fila] for fila in filas]


@pytest.mark.parametrize("programa", ["original", "openpyxl", "LibreOffice"])
def test_lector_de_respaldo_lee_lo_mismo_que_calamine(variantes, programa):
    libro = LIBRO_MUESTRA if programa == "original" else variantes[programa]
    calamine = CalamineWorkbook.from_path(str(libro))
    esperado = {
        n: calamine.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in calamine.sheet_names
    }
    with zipfile.ZipFile(libro) as paquete:
        respaldo = dict(leer_hojas_respaldo(paquete))
    assert {n: sin_fechas(f) for n, f in respaldo.items()} == {n: sin_fechas(f) for n, f in esperado.items()}


def partes(libro):
    with zipfile.ZipFile(libro) as paquete:
        return {n: paquete.read(n) for n in paquete.namelist()}


def con_cambios(origen, destino, cambios):
    """Copia de un libro con partes editadas (una función por parte) o agregadas (bytes)."""
    viejas = partes(origen)
    return reempaquetar(origen, destino, {p: c(viejas[p]) if callable(c) else c for p, c in cambios.items()})


def dimension_sin_fila(datos):
    return re.sub(rb'<dimension ref="([A-Z]+\d+):([A-Z]+)\d+"', rb'<dimension ref="\1:\2"', datos)


def indice_fuera_de_rango(datos):
    """La celda del título apunta a un texto compartido que no existe (Excel la muestra vacía)."""
    return re.sub(rb'(<c r="B1"[^>]*t="s"[^>]*><v>)\d+', rb"\g<1>99999", datos)


MACROS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData><row r="1"><c r="A1">'
    b"<f>RETURN()</f></c></row></sheetData></xm:macrosheet>"
)


def estado_show(datos):
    """state="show" en la primera hoja (Excel y LibreOffice lo aceptan; el esquema dice "visible")."""
    if b'state="visible"' in datos:
        return datos.replace(b'state="visible"', b'state="show"', 1)
    return datos.replace(b"<sheet ", b'<sheet state="show" ', 1)


# Una hoja de macros de Excel 4 (xl/macrosheets/) al final del libro.
HOJA_DE_MACROS = {
    "xl/workbook.xml": lambda d: d.replace(
        b"</sheets>", b'<sheet name="Macro1" sheetId="9" r:id="rId99"/></sheets>'
    ),
    "xl/_rels/workbook.xml.rels": lambda d: d.replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" '
        b'Target="macrosheets/sheet1.xml"/></Relationships>',
    ),
    "[Content_Types].xml": lambda d: d.replace(
        b"</Types>",
        b'<Override PartName="/xl/macrosheets/sheet1.xml" '
        b'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
    ),
    "xl/macrosheets/sheet1.xml": MACROS,
}


# Libros válidos para Excel o LibreOffice que python-calamine no abre (sobre la muestra de LibreOffice,
# que usa textos compartidos).
CASOS = {
    "estado show": {"xl/workbook.xml": estado_show},
    "dimensión sin fila": {"xl/worksheets/sheet1.xml": dimension_sin_fila},
    "índice de texto fuera de rango": {"xl/worksheets/sheet1.xml": indice_fuera_de_rango},
    "hoja de macros": HOJA_DE_MACROS,
}


@pytest.mark.parametrize("caso", CASOS)
def test_libro_que_calamine_no_abre_igual_da_alertas(variantes, caso, tmp_path, capsys):
    libro = con_cambios(variantes["LibreOffice"], tmp_path / "variante.xlsx", CASOS[caso])
    with pytest.raises(Exception):  # noqa: B017 (calamine lanza sus propias excepciones)
        calamine = CalamineWorkbook.from_path(str(libro))
        [calamine.get_sheet_by_name(n).to_python() for n in calamine.sheet_names]
    original = resultado_json(LIBRO_MUESTRA, tmp_path, capsys)
    assert resultado_json(libro, tmp_path, capsys)["alertas"] == original["alertas"]


def test_sin_lector_que_pueda_el_mensaje_es_en_espanol(variantes, tmp_path, capsys):
    libro = con_cambios(
        variantes["LibreOffice"],
        tmp_path / "variante.xlsx",
        {"xl/_rels/workbook.xml.rels": lambda d: re.sub(rb'Id="rId\d+"', b'Id="rIdX"', d)},
    )
    codigo = cli.main(["alertas", str(libro)])
    error = capsys.readouterr().err
    assert codigo == 2
    assert "variante.xlsx" in error and "Traceback" not in error
    assert "Relationship" not in error and "not found" not in error  # nada del inglés de calamine
    with pytest.raises(ErrorSeguimiento, match=r"variante\.xlsx.*xl/workbook\.xml.*no está en el paquete"):
        list(leer_hojas(libro))
