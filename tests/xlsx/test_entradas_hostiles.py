"""Archivos rotos u hostiles: un mensaje claro en español, salida distinta de cero y la entrada intacta."""

import io
import shutil
import zipfile

import pytest
from apoyo import reempaquetar
from python_calamine import CalamineWorkbook

from xl_seguimiento.app import cli
from xl_seguimiento.xlsx.lectura.respaldo import leer_hojas_respaldo
from xl_seguimiento.xlsx.lectura.tablas_hoja import tablas_de_hoja
from xl_seguimiento.xlsx.opc import atomico
from xl_seguimiento.xlsx.opc import validacion as archivos


@pytest.fixture
def copia(tmp_path, libro_muestra):
    destino = tmp_path / "libro.xlsx"
    shutil.copy(libro_muestra, destino)
    return destino


def correr(capsys, *argumentos):
    codigo = cli.main(["alertas", *map(str, argumentos)])
    return codigo, capsys.readouterr().err


def permiso_denegado(*args, **kwargs):
    """Lo que hace el sistema con una carpeta sin permiso o un archivo abierto en Excel (Windows)."""
    raise PermissionError(13, "Permission denied")


def sin_cambios(ruta, accion):
    antes = ruta.read_bytes()
    resultado = accion()
    assert ruta.read_bytes() == antes
    return resultado


BOMBA_XML = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>&lol3;</sheets></workbook>"""


def test_bomba_de_entidades_xml(copia, tmp_path, capsys):
    hostil = reempaquetar(copia, tmp_path / "hostil.xlsx", {"xl/workbook.xml": BOMBA_XML})
    codigo, error = sin_cambios(hostil, lambda: correr(capsys, hostil))
    assert codigo == 2
    assert "hostil.xlsx" in error and "Traceback" not in error


def test_bomba_zip_por_razon_de_compresion(copia, tmp_path, capsys):
    hostil = reempaquetar(copia, tmp_path / "bomba.xlsx", {"xl/media/relleno.bin": b"\0" * (40 * 1024**2)})
    codigo, error = sin_cambios(hostil, lambda: correr(capsys, hostil))
    assert codigo == 2
    assert "bomba zip" in error and "bomba.xlsx" in error


def test_libro_desmedido(copia, monkeypatch, capsys):
    monkeypatch.setattr(archivos, "MAXIMO_DESCOMPRIMIDO", 1024)
    codigo, error = sin_cambios(copia, lambda: correr(capsys, copia))
    assert codigo == 2 and "demasiado grande" in error


def test_zip_danado(copia, tmp_path, capsys):
    datos = bytearray(copia.read_bytes())
    truncado = tmp_path / "truncado.xlsx"
    truncado.write_bytes(bytes(datos[: len(datos) // 2]))
    codigo, error = correr(capsys, truncado)
    assert codigo == 2 and "truncado.xlsx" in error
    roto = tmp_path / "roto.xlsx"
    with zipfile.ZipFile(copia) as z:
        hoja = z.getinfo("xl/worksheets/sheet1.xml")
        inicio = hoja.header_offset + 30 + len(hoja.filename)
    datos[inicio + 100 : inicio + 140] = b"\xff" * 40
    roto.write_bytes(bytes(datos))
    codigo, error = sin_cambios(roto, lambda: correr(capsys, roto))
    assert codigo == 2 and "roto.xlsx" in error and "Traceback" not in error


def test_archivo_bloqueado(copia, monkeypatch, capsys):
    abrir = type(copia).open

    def bloqueado(self, *args, **kwargs):
        return permiso_denegado() if self == copia else abrir(self, *args, **kwargs)

    monkeypatch.setattr(type(copia), "open", bloqueado)
    codigo, error = correr(capsys, copia)
    assert codigo == 2 and "bloqueado por otro programa" in error and "libro.xlsx" in error


def test_carpeta_de_salida_sin_permiso(copia, monkeypatch, capsys):
    monkeypatch.setattr(atomico.tempfile, "mkstemp", permiso_denegado)
    codigo, error = sin_cambios(copia, lambda: correr(capsys, copia))
    assert codigo == 2 and "no hay permiso de escritura" in error
    assert not copia.with_name("libro_alertas.xlsx").exists()


def test_salida_abierta_en_otro_programa(copia, monkeypatch, capsys):
    monkeypatch.setattr(atomico.os, "replace", permiso_denegado)
    codigo, error = sin_cambios(copia, lambda: correr(capsys, copia))
    assert codigo == 2 and "abierto en otro programa" in error
    assert [p.name for p in copia.parent.iterdir()] == ["libro.xlsx"]  # ni salida ni temporales


def test_textos_como_formula_se_escriben_como_texto(tmp_path, capsys):
    import openpyxl
    from libros_ricos import construir_libro_rico

    fila = ["ISS.05.01.01.01", '=HYPERLINK("http://ejemplo","clic")', "+cmd|' /C calc'!A0", "CALIDAD",
            "ascendente", "no acumulado", 2021, 0, "", "", 10, "", "", 2, "@SUM(1)"]  # fmt: skip
    libro = construir_libro_rico(tmp_path / "formulas.xlsx", [fila])
    codigo, error = correr(capsys, libro)
    assert codigo == 0, error
    salida = tmp_path / "formulas_alertas.xlsx"
    with zipfile.ZipFile(salida) as z:
        xml = z.read("xl/worksheets/sheet3.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    hoja = openpyxl.load_workbook(salida)["Alertas"]
    denominaciones = [c.value for c in hoja["C"] if isinstance(c.value, str)]
    assert '=HYPERLINK("http://ejemplo","clic")' in denominaciones
    assert all(c.data_type == "s" for c in hoja["C"] if isinstance(c.value, str))


def test_carpeta_sin_libros(tmp_path, capsys):
    (tmp_path / "notas.txt").write_text("nada")
    codigo, error = correr(capsys, tmp_path)
    assert codigo == 2 and "No hay libros .xlsx o .xlsm" in error and str(tmp_path) in error


def test_bytes_sueltos_no_son_un_libro(tmp_path, capsys):
    ruta = tmp_path / "datos.xlsx"
    ruta.write_bytes(io.BytesIO(b"PK\x03\x04 basura").getvalue())
    codigo, error = correr(capsys, ruta)
    assert codigo == 2 and "datos.xlsx" in error


def test_sin_tipos_de_contenido(copia, tmp_path, capsys):
    """Sin [Content_Types].xml la orden lo rechaza con su nombre; los lectores de partes, que hallan el
    libro por _rels/.rels, leen igual: la hoja, la misma que lee calamine del libro entero, y sus tablas."""
    sin_tipos = reempaquetar(copia, tmp_path / "sin tipos.xlsx", {"[Content_Types].xml": None})
    codigo, error = sin_cambios(sin_tipos, lambda: correr(capsys, sin_tipos))
    assert codigo == 2 and "sin tipos.xlsx" in error and "[Content_Types].xml" in error
    with zipfile.ZipFile(sin_tipos) as paquete:
        hojas = dict(leer_hojas_respaldo(paquete))
    calamine = CalamineWorkbook.from_path(str(copia)).get_sheet_by_name("Matriz de seguimiento")
    assert len(hojas["Matriz de seguimiento"]) == len(calamine.to_python(skip_empty_area=False)) == 105
    assert tablas_de_hoja(sin_tipos, "Matriz de seguimiento") == []
