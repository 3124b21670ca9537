"""Libros reales de otros productores: cada uno que openpyxl o LibreOffice abre recibe su hoja «Alertas».

Los libros de tests/fixtures/corpus/ vienen de colecciones públicas de datos de prueba (su origen,
productor y licencia están en MANIFIESTO.tsv) y se eligieron por lo que tienen de difícil; se les
suman los que se escriben aquí con openpyxl, XlsxWriter, pandas y LibreOffice. La corrida completa
sobre más de dos mil libros es `python3 tests/corpus.py CARPETA` (ver docs/CORPUS.md).
"""

import csv

import pytest
from apoyo import RAIZ, soffice
from corpus import generar_propios, libros_en, recorrer

CARPETA = RAIZ / "tests" / "fixtures" / "corpus"
with (CARPETA / "MANIFIESTO.tsv").open(encoding="utf-8") as _archivo:
    MANIFIESTO = {fila["archivo"]: fila for fila in csv.DictReader(_archivo, delimiter="\t")}
PROPIOS = (
    "muestra_openpyxl.xlsx",
    "nuevo_openpyxl.xlsx",
    "tabla_xlsxwriter.xlsx",
    "pandas_openpyxl.xlsx",
    "pandas_xlsxwriter.xlsx",
    "muestra_libreoffice.xlsx",
)


@pytest.fixture(scope="module")
def resultados(tmp_path_factory):
    soffice()  # sin LibreOffice, la prueba se omite (y en CI falla)
    trabajo = tmp_path_factory.mktemp("corpus")
    libros = libros_en([CARPETA]) + generar_propios(trabajo / "propios")
    return {r.archivo.rsplit("/", 1)[-1]: r for r in recorrer(libros, trabajo, procesos=2)}


def test_el_manifiesto_nombra_cada_libro_con_su_origen():
    en_carpeta = {p.name for p in CARPETA.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm")}
    assert en_carpeta == set(MANIFIESTO)
    for fila in MANIFIESTO.values():
        assert fila["repositorio"] and fila["commit"] and fila["ruta"] and fila["licencia"]


@pytest.mark.parametrize("archivo", [*MANIFIESTO, *PROPIOS])
def test_libro_real(resultados, archivo):
    resultado = resultados[archivo]
    esperado = MANIFIESTO.get(archivo, {}).get("desenlace", "escrito y válido")
    assert (resultado.desenlace, resultado.defectos) == (esperado, []), resultado.mensaje
    if esperado != "escrito y válido":  # nadie lo abre: un mensaje en español que lo nombra
        assert "«" in resultado.mensaje and "Traceback" not in resultado.mensaje
