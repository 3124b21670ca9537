"""La salida más chica que se ve igual (issue 25, punto 4): celdas sin su referencia «r».

Una celda escrita justo después de la anterior de su fila (o la primera de la fila, en A) va sin
`r`: Excel, LibreOffice, openpyxl y calamine la ponen en la columna siguiente. En el libro de
muestra y en uno sintético de 10 000 indicadores, cada hoja escrita se compara con la misma hoja
con `r` en todas sus celdas (la forma de antes): leídas con openpyxl (valores, tipos, formatos
numéricos, fuentes, rellenos, alineación, vínculos, combinadas, validaciones, formatos
condicionales, altos, anchos, impresión y gráficos) y con calamine, e impresas por LibreOffice. Los
valores leídos con calamine son además los de la maqueta, en su fila y su columna: así la regla de
la columna siguiente no se da por buena sin mirarla.
"""

import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from apoyo import LIBRO_MUESTRA, RAIZ, reempaquetar, sinteticos, soffice
from lxml import etree
from python_calamine import CalamineWorkbook

from xl_seguimiento.maqueta.hoja import Maqueta
from xl_seguimiento.maqueta.seguimiento import seguir
from xl_seguimiento.nucleo.a1 import leer_celda, referencia
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas
from xl_seguimiento.xlsx.lectura.respaldo import leer_hojas_respaldo

sys.path.insert(0, str(RAIZ / "workbook"))
from imagenes import FECHA, pdf_de_la_hoja

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HOJAS = ("Alertas", "Tablero")


def con_referencias(libro: Path, destino: Path) -> Path:
    """El libro con la referencia `r` en todas las celdas de sus hojas, como se escribía antes."""
    reemplazos: dict[str, bytes | None] = {}
    with zipfile.ZipFile(libro) as paquete:
        for nombre in paquete.namelist():
            if nombre.startswith("xl/worksheets/sheet"):
                raiz = etree.fromstring(paquete.read(nombre), etree.XMLParser(huge_tree=True))
                if _poner_referencias(raiz):
                    reemplazos[nombre] = etree.tostring(
                        raiz, xml_declaration=True, encoding="UTF-8", standalone=True
                    )
    assert reemplazos  # las dos hojas escritas
    return reempaquetar(libro, destino, reemplazos)


def _poner_referencias(raiz: etree._Element) -> bool:
    """Pone `r` en cada celda que no la tiene: la columna que sigue a la anterior de su fila."""
    puestas = False
    for fila in raiz.iter(f"{{{NS}}}row"):
        columna = -1
        for celda in fila.iter(f"{{{NS}}}c"):
            if (r := celda.get("r")) is not None:
                columna = leer_celda(r)[1]
                continue
            columna += 1
            otros = dict(celda.attrib)  # la referencia primero, como se escribía
            celda.attrib.clear()
            celda.set("r", referencia(int(fila.get("r", "")) - 1, columna))
            celda.attrib.update(otros)
            puestas = True
    return puestas


def lectura_openpyxl(libro: Path) -> dict[str, dict[str, object]]:
    """Todo lo que openpyxl lee de cada hoja escrita: celda por celda, con sus formatos, y lo de la hoja."""
    hojas = openpyxl.load_workbook(libro)
    return {nombre: _hoja_openpyxl(hojas[nombre]) for nombre in HOJAS}


def _hoja_openpyxl(hoja) -> dict[str, object]:
    celdas = {
        c.coordinate: (
            c.value,
            c.data_type,
            c.number_format,
            (c.font.b, c.font.i, c.font.u, c.font.sz, c.font.color.rgb if c.font.color else None),
            (c.fill.fill_type, c.fill.fgColor.rgb),
            (c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text),
            c.hyperlink.location if c.hyperlink else None,
        )
        for fila in hoja.iter_rows()
        for c in fila
    }
    return {
        "celdas": celdas,
        "combinadas": sorted(str(r) for r in hoja.merged_cells.ranges),
        "validaciones": [
            (str(v.sqref), v.type, v.operator, v.formula1) for v in hoja.data_validations.dataValidation
        ],
        "condicionales": [
            (str(f.sqref), [(r.type, r.operator, r.formula, r.dxfId) for r in f.rules])
            for f in hoja.conditional_formatting
        ],
        "altos": {i: (d.height, d.customHeight) for i, d in hoja.row_dimensions.items()},
        "anchos": {letra: d.width for letra, d in hoja.column_dimensions.items()},
        "impresion": (
            hoja.print_area,
            hoja.print_title_rows,
            hoja.page_setup.orientation,
            hoja.page_setup.fitToWidth,
            hoja.freeze_panes,
        ),
        "graficos": len(hoja._charts),
    }


def lectura_calamine(libro: Path) -> dict[str, list[list[object]]]:
    paquete = CalamineWorkbook.from_path(str(libro))
    return {n: paquete.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in HOJAS}


def valores_de_la_maqueta(maqueta: Maqueta, alto: int, ancho: int) -> list[list[object]]:
    """La cuadrícula de valores de la maqueta, como la lee calamine (vacías: "")."""
    cuadricula: list[list[object]] = [[""] * ancho for _ in range(alto)]
    for i, fila in enumerate(maqueta.filas):
        for j, celda in enumerate(fila):
            if celda.valor is not None and celda.valor != "":
                cuadricula[i][j] = celda.valor
    return cuadricula


def _leido(valor: object) -> object:
    """Una fecha leída por calamine (con hora 0) como la fecha de la maqueta."""
    return valor.date() if isinstance(valor, datetime) else valor


@pytest.fixture(scope="module", params=["muestra", "10000"])
def salidas(request, tmp_path_factory) -> tuple[Path, Path, dict[str, Maqueta]]:
    """La salida escrita (sin `r` donde se deduce), la misma con `r` en todas las celdas y las maquetas."""
    carpeta = tmp_path_factory.mktemp(f"equivalencia_{request.param}")
    if request.param == "muestra":
        libro = LIBRO_MUESTRA
    else:
        libro = sinteticos().generar(carpeta / "sintetico.xlsx", int(request.param))
    seguimiento = seguir(leer_hojas(libro), nombre_libro=libro.name)
    nueva = carpeta / "nueva.xlsx"
    escribir_sin_perdidas(libro, nueva, seguimiento.alertas, seguimiento.tablero)
    maquetas = {"Alertas": seguimiento.alertas, "Tablero": seguimiento.tablero.hoja}
    return nueva, con_referencias(nueva, carpeta / "con_referencias.xlsx"), maquetas


def test_solo_las_hojas_escritas_cambian_y_son_mas_chicas(salidas):
    nueva, antigua, _ = salidas
    with zipfile.ZipFile(nueva) as compacta, zipfile.ZipFile(antigua) as de_antes:
        assert compacta.namelist() == de_antes.namelist()
        cambiadas = [n for n in compacta.namelist() if compacta.read(n) != de_antes.read(n)]
        assert len(cambiadas) == len(HOJAS)  # ni los gráficos, ni los estilos, ni la hoja del usuario
        for nombre in cambiadas:
            assert compacta.getinfo(nombre).file_size < de_antes.getinfo(nombre).file_size


def test_openpyxl_lee_lo_mismo(salidas):
    nueva, antigua, _ = salidas
    assert lectura_openpyxl(nueva) == lectura_openpyxl(antigua)


def test_calamine_lee_lo_mismo_y_lo_de_la_maqueta(salidas):
    nueva, antigua, maquetas = salidas
    leidas = lectura_calamine(nueva)
    assert leidas == lectura_calamine(antigua)
    for nombre, maqueta in maquetas.items():
        cuadricula = [[_leido(v) for v in fila] for fila in leidas[nombre]]
        assert len(cuadricula) == len(maqueta.filas)
        assert cuadricula == valores_de_la_maqueta(maqueta, len(cuadricula), len(cuadricula[0]))


def test_el_lector_de_respaldo_lee_lo_mismo(salidas):
    """El lector propio (si calamine no puede abrir un libro) también deduce la columna de cada celda."""
    nueva, antigua, _ = salidas

    def leidas(libro: Path) -> dict[str, object]:
        with zipfile.ZipFile(libro) as paquete:
            return {n: [list(f) for f in c] for n, c in leer_hojas_respaldo(paquete) if n in HOJAS}

    assert leidas(nueva) == leidas(antigua) != {}


@pytest.mark.parametrize("hoja", HOJAS)
def test_libreoffice_imprime_lo_mismo(salidas, hoja, tmp_path):
    """El texto de cada página del PDF de LibreOffice (y con él, cuántas páginas) es el mismo."""
    orden = soffice()
    nueva, antigua, _ = salidas
    textos = []
    for libro in (nueva, antigua):
        carpeta = tmp_path / libro.stem
        carpeta.mkdir()
        pdf = pdf_de_la_hoja(orden, libro, hoja, carpeta, FECHA)
        textos.append(
            subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
        )
    assert textos[0] == textos[1]
    assert textos[0].count(b"\f") > 0
