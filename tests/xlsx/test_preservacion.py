"""Escribir sin pérdidas: todo lo que el libro traía sigue ahí, byte a byte, y se abre en LibreOffice."""

import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from apoyo import libreoffice_a_csv, reempaquetar
from libros_ricos import FORMULAS_CON_CACHE, construir_libro_rico
from oletools.olevba import VBA_Parser
from python_calamine import CalamineWorkbook

from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO

PUEDEN_CAMBIAR = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}


def ejecutar(*argumentos):
    proceso = subprocess.run(
        [sys.executable, "-m", "xl_seguimiento.app.cli", "alertas", *map(str, argumentos)],
        capture_output=True,
        text=True,
    )
    assert proceso.returncode == 0, proceso.stderr
    return proceso


def partes(ruta):
    with zipfile.ZipFile(ruta) as paquete:
        return {n: paquete.read(n) for n in paquete.namelist()}


@pytest.fixture(scope="module", params=[".xlsx", ".xlsm"])
def escrito(request, tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("rico")
    origen = construir_libro_rico(carpeta / f"rico{request.param}")
    antes = origen.read_bytes()
    ejecutar(origen)
    salida = origen.with_name(f"rico_alertas{request.param}")
    assert origen.read_bytes() == antes  # la entrada no se toca
    return origen, salida


def test_partes_intactas_byte_a_byte(escrito):
    origen, salida = escrito
    viejas, nuevas = partes(origen), partes(salida)
    assert set(viejas) <= set(nuevas)
    cambiadas = {n for n in viejas if viejas[n] != nuevas[n]}
    assert cambiadas <= PUEDEN_CAMBIAR
    agregadas = set(nuevas) - set(viejas)
    # «Alertas»: hoja, relaciones y tabla; «Tablero»: lo mismo más su dibujo y sus tres gráficos. El
    # libro ya trae dibujos y un gráfico: las partes nuevas toman los primeros nombres libres.
    assert agregadas == {
        "xl/worksheets/sheet3.xml",
        "xl/worksheets/_rels/sheet3.xml.rels",
        "xl/tables/table1.xml",
        "xl/worksheets/sheet4.xml",
        "xl/worksheets/_rels/sheet4.xml.rels",
        "xl/tables/table2.xml",
        *(f"xl/drawings/{n}" for n in ("drawing3.xml", "_rels/drawing3.xml.rels")),
        *(f"xl/charts/chart{n}.xml" for n in (2, 3, 4)),
    }


def test_estilos_solo_se_agregan(escrito):
    origen, salida = escrito
    viejo, nuevo = partes(origen)["xl/styles.xml"].decode(), partes(salida)["xl/styles.xml"].decode()
    for elemento in ("font", "fill", "xf", "numFmt", "border", "dxf"):
        patron = rf"<{elemento}\b.*?(?:/>|</{elemento}>)"
        antes, despues = re.findall(patron, viejo, re.DOTALL), re.findall(patron, nuevo, re.DOTALL)
        assert despues[: len(antes)] == antes, elemento


def cuentas_de_estilos(ruta) -> dict[str, int]:
    texto = partes(ruta)["xl/styles.xml"].decode()
    listas = ("numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs")
    return {
        lista: int(m[1]) if (m := re.search(rf'<{lista} count="(\d+)"', texto)) else 0 for lista in listas
    }


def test_volver_a_escribir_en_sitio_no_agrega_estilos(tmp_path, libro_muestra):
    """Cada corrida reusa los formatos idénticos que ya están en styles.xml (antes: cellXfs 6, 58, 110, 162)."""
    libro = tmp_path / "libro.xlsx"
    libro.write_bytes(libro_muestra.read_bytes())
    cuentas = []
    for _ in range(3):
        ejecutar(libro, "--en-sitio")
        cuentas.append(cuentas_de_estilos(libro))
    assert cuentas[0]["cellXfs"] > cuentas_de_estilos(libro_muestra)["cellXfs"]
    assert cuentas[1] == cuentas[0] and cuentas[2] == cuentas[0]


def test_vba_y_boton_se_conservan(tmp_path):
    origen = construir_libro_rico(tmp_path / "macros.xlsm")
    ejecutar(origen)
    salida = tmp_path / "macros_alertas.xlsm"
    assert "xl/drawings/vmlDrawing2.vml" in partes(salida)  # el botón de formulario
    assert partes(salida)["xl/vbaProject.bin"] == partes(origen)["xl/vbaProject.bin"]
    assert "macroEnabled" in partes(salida)["[Content_Types].xml"].decode()
    modulos = {nombre for _, _, nombre, _ in VBA_Parser(str(salida)).extract_macros()}
    assert "Module1.bas" in modulos


def test_formulas_conservan_su_valor_en_cache(escrito):
    _, salida = escrito
    filas = (
        CalamineWorkbook.from_path(str(salida)).get_sheet_by_name("Matriz").to_python(skip_empty_area=False)
    )
    for celda, (_, valor) in FORMULAS_CON_CACHE.items():
        columna, fila = ord(celda[0]) - 65, int(celda[1:]) - 1
        assert filas[fila][columna] == valor


def test_hoja_alertas_legible_con_openpyxl(escrito):
    _, salida = escrito
    libro = openpyxl.load_workbook(salida, keep_vba=salida.suffix == ".xlsm")
    assert libro.sheetnames == ["Matriz", "Notas", "Alertas", "Tablero"]
    hoja = libro["Alertas"]
    assert "TablaAlertas" in hoja.tables
    assert hoja["A1"].value.startswith("Alertas de seguimiento")
    assert hoja["A1"].font.b is True


def test_segunda_ejecucion_reemplaza_sin_tocar_lo_demas(escrito, tmp_path):
    _, salida = escrito
    otra = tmp_path / f"otra{salida.suffix}"
    ejecutar(salida, "-o", otra)
    primera, segunda = partes(salida), partes(otra)
    assert set(primera) == set(segunda)
    cambiadas = {n for n in primera if primera[n] != segunda[n]}
    generadas = set(primera) - set(partes(escrito[0]))  # las hojas «Alertas» y «Tablero» se regeneran
    assert cambiadas <= PUEDEN_CAMBIAR | generadas
    assert openpyxl.load_workbook(otra).sheetnames == ["Matriz", "Notas", "Alertas", "Tablero"]


def test_libreoffice_abre_el_libro_y_muestra_las_alertas(escrito, tmp_path):
    _, salida = escrito
    texto = libreoffice_a_csv(salida, tmp_path)["Alertas"]
    assert "ALERTAS IDENTIFICADAS" in texto
    assert "Servicio,SS.04.03.01" in texto
    assert "el servicio 04.03.01 presenta ambos indicadores con avance bajo" in texto


def test_hoja_alertas_con_otras_mayusculas_se_reemplaza(tmp_path, libro_muestra):
    origen = tmp_path / "minusculas.xlsx"
    libro = openpyxl.load_workbook(libro_muestra)
    vieja = libro.create_sheet("ALERTAS")  # una «Alertas» nuestra de una versión vieja: su tabla de detalle
    vieja.append(["versión vieja"])
    vieja.append([*COLUMNAS_DETALLE, *COLUMNAS_USUARIO])
    libro.save(origen)
    ejecutar(origen)
    nombres = openpyxl.load_workbook(tmp_path / "minusculas_alertas.xlsx").sheetnames
    assert [n.casefold() for n in nombres] == ["matriz de seguimiento", "alertas", "tablero"]


def sin_estilos(origen, destino, relacion_colgante=False):
    """Copia del libro sin styles.xml (es opcional: algunos sistemas exportan así)."""
    viejas = partes(origen)
    reemplazos: dict[str, bytes | None] = {
        "xl/styles.xml": None,
        "[Content_Types].xml": re.sub(
            rb'<Override PartName="/xl/styles.xml"[^>]*/>', b"", viejas["[Content_Types].xml"]
        ),
        **{n: re.sub(rb' s="\d+"', b"", d) for n, d in viejas.items() if n.startswith("xl/worksheets/")},
    }
    if not relacion_colgante:
        rels = viejas["xl/_rels/workbook.xml.rels"]
        reemplazos["xl/_rels/workbook.xml.rels"] = re.sub(rb"<Relationship [^>]*/styles\"[^>]*/>", b"", rels)
    return reempaquetar(origen, destino, reemplazos)


@pytest.mark.parametrize("relacion_colgante", [False, True])
def test_libro_sin_estilos_recibe_una_hoja_de_estilos(tmp_path, libro_muestra, relacion_colgante):
    origen = sin_estilos(libro_muestra, tmp_path / "exportado.xlsx", relacion_colgante)
    assert "xl/styles.xml" not in partes(origen)
    ejecutar(origen)
    salida = tmp_path / "exportado_alertas.xlsx"
    nuevas = partes(salida)
    assert b"/styles" in nuevas["xl/_rels/workbook.xml.rels"]
    assert nuevas["xl/_rels/workbook.xml.rels"].count(b"/styles") == 1
    assert nuevas["[Content_Types].xml"].count(b'PartName="/xl/styles.xml"') == 1
    hoja = openpyxl.load_workbook(salida)["Alertas"]
    assert hoja["A1"].font.b and hoja["A1"].font.sz == 14  # el título con su estilo
    assert nuevas["xl/worksheets/sheet1.xml"] == partes(origen)["xl/worksheets/sheet1.xml"]
