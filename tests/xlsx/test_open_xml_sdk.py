"""Las reglas del SDK de Open XML (openxml-audit, en Python puro): lo que se escribe no agrega hallazgos.

El SDK es lo más cercano, sin Excel, a lo que Excel repara al abrir. Se validan la entrada y la
salida, y los hallazgos se comparan por (regla, parte, ruta): falla todo hallazgo que la entrada
no traía. Un libro nuevo (el consolidado) no tiene entrada: no puede tener ninguno.
"""

from pathlib import Path

import pytest
from apoyo import LIBRO_MUESTRA, RAIZ
from corpus import maqueta_de_muestra
from openxml_audit import OpenXmlValidator

from xl_seguimiento.app import cli
from xl_seguimiento.excel import complemento
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas

CORPUS = RAIZ / "tests" / "fixtures" / "corpus"
# Productores distintos (ver MANIFIESTO.tsv): Excel, LibreOffice, WPS, FlexCel, Hancom (con
# mc:AlternateContent en styles.xml) y un libro en Open XML estricto.
LIBROS_CORPUS = (
    "exceljs_test-issue-1842.xlsx",
    "closedxml_autofilter.xlsx",
    "poi_stress020.xlsx",
    "phpspreadsheet_issue.3654.xlsx",
    "poi_style-alternate-content.xlsx",
    "poi_57914.xlsx",
)
# Un aviso de compatibilidad, no una regla del SDK: «Excel pasará las cadenas en línea a cadenas
# compartidas al guardar». Excel las abre sin reparar nada; la hoja se escribe en flujo con cadenas
# en línea a propósito (como openpyxl al guardar un libro leído). Ver docs/NOTAS_EXCEL.md.
ACEPTADOS = {"Excel_InlineStrCells"}

Hallazgo = tuple[str, str, str]


@pytest.fixture(scope="module")
def validador() -> OpenXmlValidator:
    return OpenXmlValidator()


def hallazgos(validador: OpenXmlValidator, libro: Path) -> dict[Hallazgo, str]:
    """Cada hallazgo por (regla, parte, ruta), con su descripción para el mensaje de la prueba."""
    resultado = validador.validate(libro)
    return {(e.id, e.part_uri, e.path): e.description for e in resultado.errors if e.id not in ACEPTADOS}


def nuevos(validador: OpenXmlValidator, entrada: Path | None, salida: Path) -> list[str]:
    previos = hallazgos(validador, entrada) if entrada else {}
    return [
        f"{clave}: {texto}" for clave, texto in hallazgos(validador, salida).items() if clave not in previos
    ]


@pytest.mark.parametrize("libro", [LIBRO_MUESTRA, LIBRO_MUESTRA.with_suffix(".xlsm")], ids=lambda p: p.suffix)
def test_salida_de_la_muestra(validador, tmp_path, libro):
    salida = tmp_path / f"salida{libro.suffix}"
    assert cli.main(["alertas", str(libro), "-o", str(salida)]) == 0
    assert nuevos(validador, libro, salida) == []


def test_consolidado_por_lotes(validador, tmp_path):
    """Un libro escrito desde cero: antes le faltaba el tema («required relationship type …/theme»)."""
    carpeta = tmp_path / "lote"
    carpeta.mkdir()
    for nombre in ("a.xlsx", "b.xlsx"):
        (carpeta / nombre).write_bytes(LIBRO_MUESTRA.read_bytes())
    consolidado = tmp_path / "consolidado.xlsx"
    assert cli.main(["alertas", str(carpeta), "-o", str(consolidado), "--procesos", "1"]) == 0
    assert nuevos(validador, None, consolidado) == []


def test_complemento(validador, tmp_path):
    construido = complemento.construir(tmp_path / "xl_seguimiento.xlam")
    assert nuevos(validador, complemento.plantilla(), construido) == []


@pytest.fixture(scope="module")
def maqueta():
    return maqueta_de_muestra()


@pytest.mark.parametrize("nombre", LIBROS_CORPUS)
def test_libros_de_otros_productores(validador, tmp_path, maqueta, nombre):
    salida = tmp_path / nombre
    escribir_sin_perdidas(CORPUS / nombre, salida, maqueta)
    assert nuevos(validador, CORPUS / nombre, salida) == []
