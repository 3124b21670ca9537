"""El complemento construido: zip válido, cinta en español, VBA igual a macros/ y acciones existentes."""

import importlib
import re
import zipfile

import pytest
from conftest import RAIZ
from defusedxml import ElementTree
from oletools.olevba import VBA_Parser

from xl_seguimiento import complemento
from xl_seguimiento.errores import ErrorSeguimiento

NS = {"ui": "http://schemas.microsoft.com/office/2006/01/customui"}
COMPLEMENTO = RAIZ / "workbook" / "xl_seguimiento.xlam"


@pytest.fixture(scope="module")
def construido(tmp_path_factory):
    return complemento.construir(tmp_path_factory.mktemp("xlam") / "xl_seguimiento.xlam")


@pytest.fixture(scope="module")
def vba(construido):
    return {
        nombre: codigo.replace("\r\n", "\n")
        for _, _, nombre, codigo in VBA_Parser(str(construido)).extract_macros()
    }


def test_construccion_reproducible(construido):
    assert construido.read_bytes() == COMPLEMENTO.read_bytes()


def test_zip_valido_y_solo_cambian_tres_partes(construido):
    with zipfile.ZipFile(construido) as nuevo, zipfile.ZipFile(complemento.plantilla()) as plantilla:
        assert nuevo.testzip() is None
        assert nuevo.namelist() == plantilla.namelist()
        distintas = {n for n in nuevo.namelist() if nuevo.read(n) != plantilla.read(n)}
    assert distintas == {"customUI/customUI.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"}


def test_cinta_en_espanol(construido):
    with zipfile.ZipFile(construido) as paquete:
        raiz = ElementTree.fromstring(paquete.read("customUI/customUI.xml"))
        relaciones = paquete.read("_rels/.rels").decode()
    assert "customUI/customUI.xml" in relaciones
    (pestana,) = raiz.findall(".//ui:tab", NS)
    (boton,) = raiz.findall(".//ui:button", NS)
    assert pestana.get("label") == "Seguimiento"
    assert boton.get("label") == "Generar alertas"
    assert "hoja «Alertas»" in boton.get("supertip")


def test_cada_accion_de_la_cinta_es_una_macro_existente(construido, vba):
    with zipfile.ZipFile(construido) as paquete:
        raiz = ElementTree.fromstring(paquete.read("customUI/customUI.xml"))
    acciones = [e.get("onAction") for e in raiz.iter() if e.get("onAction")]
    assert acciones
    for accion in acciones:
        modulo, macro = accion.split(".")
        assert re.search(rf"^Sub {macro}\(control As IRibbonControl\)", vba[f"{modulo}.bas"], re.MULTILINE)


def test_vba_igual_a_macros(vba):
    en_repo = {
        p.name: p.read_text(encoding="utf-8")
        for p in (RAIZ / "macros").iterdir()
        if p.suffix in (".bas", ".cls")
    }
    assert vba == en_repo


def test_runpython_llama_a_una_funcion_que_existe(vba):
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in vba["RibbonMyAddin.bas"]
    modulo = complemento.NOMBRE.removesuffix(".xlam")  # el VBA toma el nombre del archivo
    assert callable(importlib.import_module(modulo).main)


def test_configuracion_activa_con_modulos_udf(construido):
    with zipfile.ZipFile(construido) as paquete:
        libro = paquete.read("xl/workbook.xml").decode()
        hoja = paquete.read("xl/worksheets/sheet1.xml").decode()
    assert '<sheet name="myaddin.conf"' in libro
    assert "<t>xl_seguimiento.udfs</t>" in hoja
    udfs = importlib.import_module("xl_seguimiento.udfs")
    for funcion in ("AVANCE", "INDICE_GESTION", "COBERTURA_INDICE", "CATEGORIA_AVANCE"):
        assert callable(getattr(udfs, funcion))


def test_instalar_fuera_de_windows_es_error_claro(monkeypatch):
    monkeypatch.setattr(complemento.sys, "platform", "linux")
    with pytest.raises(ErrorSeguimiento, match="solo funciona en Windows"):
        complemento.instalar(COMPLEMENTO)


def test_instalar_en_windows_copia_a_xlstart(monkeypatch, tmp_path):
    monkeypatch.setattr(complemento.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path))
    destino = complemento.instalar(COMPLEMENTO)
    assert destino == tmp_path / "Microsoft" / "Excel" / "XLSTART" / "xl_seguimiento.xlam"
    assert destino.read_bytes() == COMPLEMENTO.read_bytes()
