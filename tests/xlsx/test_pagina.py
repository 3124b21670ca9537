"""Configuración de página: el XML de cada trozo, lo que openpyxl lee de vuelta y lo que imprime LibreOffice."""

import re
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from apoyo import RAIZ, soffice, tabla_basica
from lxml import etree

from xl_seguimiento.app import cli
from xl_seguimiento.maqueta.hoja import (
    FORMATOS,
    Celda,
    Maqueta,
    Pagina,
    alto_de_fila,
    encabezado_pagina,
    lineas,
)
from xl_seguimiento.maqueta.hoja_alertas import ANCHOS, maquetar
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.xlsx.escritura.estilos import agregar_estilos, hoja_de_estilos_vacia
from xl_seguimiento.xlsx.escritura.hoja import trozos_hoja
from xl_seguimiento.xlsx.escritura.pagina import (
    nombres_definidos,
    poner_nombres,
    xml_impresion,
    xml_propiedades,
    xml_vista,
)
from xl_seguimiento.xlsx.opc.constantes import TRANSICIONAL

sys.path.insert(0, str(RAIZ / "workbook"))
from imagenes import pdf_de_la_hoja

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PAGINA = Pagina(
    area="A1:L80",
    filas_titulo=(26, 26),
    inmovilizar=27,
    encabezado=("", "Política && más — año 2024", ""),
    pie=("Impreso el &D", "", "Página &P de &N"),
    saltos=(29,),
)


def test_xml_de_cada_trozo():
    assert xml_propiedades(PAGINA) == '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    assert xml_vista(PAGINA) == (
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="26" topLeftCell="A27" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A27" sqref="A27"/></sheetView></sheetViews>'
    )
    assert xml_impresion(PAGINA) == (
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.25" right="0.25" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        "<headerFooter><oddHeader>&amp;CPolítica &amp;&amp; más — año 2024</oddHeader>"
        "<oddFooter>&amp;LImpreso el &amp;D&amp;RPágina &amp;P de &amp;N</oddFooter></headerFooter>"
        '<rowBreaks count="1" manualBreakCount="1"><brk id="29" max="16383" man="1"/></rowBreaks>'
    )
    assert nombres_definidos(PAGINA, "Hoja d'él") == [
        ("_xlnm.Print_Titles", "'Hoja d''él'!$26:$26"),
        ("_xlnm.Print_Area", "'Hoja d''él'!$A$1:$L$80"),
    ]


def test_sin_pagina_lo_de_antes():
    assert xml_propiedades(None) == xml_vista(None) == ""
    assert xml_impresion(None).startswith('<pageMargins left="0.7"')
    assert nombres_definidos(None, "Alertas") == []


def test_encabezado_escapa_y_recorta():
    assert encabezado_pagina("A & B") == "A && B"
    largo = encabezado_pagina("x" * 300)
    assert len(largo) == 120 and largo.endswith("…")


def test_lineas_por_parrafo():
    assert lineas("", 10) == 1
    assert lineas("a" * 10, 10) == 1  # 1.05 caracteres por unidad de ancho
    assert lineas("a" * 11, 10) == 2
    assert lineas("a" * 10, 10, por_unidad=0.9) == 2  # la negrita
    assert lineas("uno\ndos", 40) == 2  # una justificación en dos líneas: las dos se ven
    assert lineas("uno\u2028dos\r\n" + "a" * 43, 40) == 4  # todo salto de línea; 43 > 42 por línea
    assert lineas("uno\n", 40) == 1  # el salto final no agrega una línea vacía
    assert lineas("\t" * 43, 40) == 2  # un tabulador no es un salto de línea


def test_nombres_de_impresion_se_reemplazan_y_los_demas_quedan():
    libro = etree.fromstring(
        f'<workbook xmlns="{NS}"><sheets><sheet name="A"/><sheet name="Alertas"/></sheets>'
        '<definedNames><definedName name="Suyo">A!$A$1</definedName>'
        '<definedName name="_xlnm.Print_Area" localSheetId="0">A!$A$1:$B$2</definedName>'
        '<definedName name="_xlnm.Print_Area" localSheetId="1">Alertas!$A$1:$B$2</definedName>'
        "</definedNames><calcPr/></workbook>"
    )
    nombres = nombres_definidos(PAGINA, "Alertas")
    assert poner_nombres(libro, 1, nombres)
    assert not poner_nombres(libro, 1, nombres)  # otra vez: nada cambia, nada se duplica
    definidos = [(d.get("name"), d.get("localSheetId"), d.text) for d in libro.iter(f"{{{NS}}}definedName")]
    assert definidos == [
        ("Suyo", None, "A!$A$1"),
        ("_xlnm.Print_Area", "0", "A!$A$1:$B$2"),
        ("_xlnm.Print_Titles", "1", "'Alertas'!$26:$26"),
        ("_xlnm.Print_Area", "1", "'Alertas'!$A$1:$L$80"),
    ]
    sin_nombres = etree.fromstring(f'<workbook xmlns="{NS}"><sheets/><calcPr/></workbook>')
    assert poner_nombres(sin_nombres, 0, nombres)
    assert [etree.QName(h).localname for h in sin_nombres] == ["sheets", "definedNames", "calcPr"]


@pytest.fixture
def salida(salida_muestra):
    return salida_muestra


def test_openpyxl_lee_la_configuracion(salida, tmp_path):
    libro = openpyxl.load_workbook(salida)
    for nombre in ("Alertas", "Tablero"):
        hoja = libro[nombre]
        assert hoja.page_setup.orientation == "landscape" and hoja.page_setup.paperSize == 9
        assert (hoja.page_setup.fitToWidth, hoja.page_setup.fitToHeight) == (1, 0)
        assert hoja.sheet_properties.pageSetUpPr.fitToPage
        assert hoja.page_margins.left == 0.25
        assert "&P de &N" in hoja.oddFooter.right.text and "&D" in hoja.oddFooter.left.text
        assert "año 2024" in hoja.oddHeader.center.text
        assert hoja.print_area
    alertas, tablero = libro["Alertas"], libro["Tablero"]
    fila = next(c.row for c in alertas["A"] if c.value == "Nivel" and alertas[f"G{c.row}"].value == "Detalle")
    assert alertas.print_title_rows == f"${fila}:${fila}"
    assert (fila, alertas.freeze_panes) == (
        5,
        "A6",
    )  # desplazándose, el encabezado de la tabla queda a la vista
    assert tablero.freeze_panes == "A2"
    assert [b.id for b in tablero.row_breaks.brk] == [29]
    # Nada del texto generado se derrama en una columna del usuario: todo lo largo va ajustado.
    for celda in alertas["G"][fila:]:
        if celda.value:
            assert celda.alignment.wrap_text, celda.coordinate
    nd = next(c for c in alertas["F"] if c.value == "ND")
    assert nd.alignment.horizontal == "right"
    # Una sola vez cada nombre de impresión, aunque el libro se vuelva a escribir.
    otra = tmp_path / "otra.xlsx"
    assert cli.main(["alertas", str(salida), "-o", str(otra)]) == 0
    with zipfile.ZipFile(otra) as paquete:
        nombres = re.findall(
            rb'<definedName name="(_xlnm\.\w+)" localSheetId="(\d)"', paquete.read("xl/workbook.xml")
        )
    assert sorted(nombres) == sorted(
        [
            (b"_xlnm.Print_Titles", b"1"),
            (b"_xlnm.Print_Area", b"1"),
            (b"_xlnm.Print_Titles", b"2"),
            (b"_xlnm.Print_Area", b"2"),
        ]
    )


def _paginas(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"Pages:\s+(\d+)", info)[1])
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(total), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    tamanos = [tuple(map(float, t)) for t in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    textos = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        for n in range(1, total + 1)
    ]  # fmt: skip
    return tamanos, textos


def test_libreoffice_imprime_apaisado_a_una_pagina_de_ancho(salida, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.skip("falta pdfinfo (poppler-utils)")
    orden = soffice()
    tamanos, textos = _paginas(pdf_de_la_hoja(orden, salida, "Alertas", tmp_path))
    assert all(ancho > alto for ancho, alto in tamanos)  # A4 apaisado: 841.9 x 595.3
    assert len(tamanos) < 17  # antes, 17 páginas verticales con las columnas partidas
    # Una página de ancho: cada página lleva la última columna («Estado»), y desde que aparece la
    # tabla de detalle, su encabezado arriba de cada página.
    con_tabla = [n for n, t in enumerate(textos) if "Justificación (causas)" in t]
    assert con_tabla and con_tabla == list(range(con_tabla[0], len(textos)))
    assert all("Estado" in t for t in textos[con_tabla[0] :])
    assert all(f"Página {n} de {len(textos)}" in t for n, t in enumerate(textos, start=1))
    tamanos, textos = _paginas(pdf_de_la_hoja(orden, salida, "Tablero", tmp_path))
    assert all(ancho > alto for ancho, alto in tamanos)
    # La primera página: la cifra y los tres gráficos enteros (títulos y ejes); la tabla, desde la segunda.
    for texto in (
        "Índice por objetivo prioritario",
        "Indicadores por categoría en cada objetivo",
        "Índice de la política por año",
        "Índice (%)",
        "Indicadores",
        "Año",
        "66.9",
        "0.0",  # el rótulo del índice 0.0 de OP.04
    ):
        assert texto in textos[0], texto
    assert "ISS.01.03.02.01" not in textos[0] and "ISS.01.03.02.01" in textos[1]
    assert "Denominación" in textos[1]
    for texto in ("Índice por objetivo prioritario", "Índice de la política por año"):
        assert all(texto not in t for t in textos[1:]), texto  # ningún gráfico sigue en otra página


def test_cada_grafico_termina_antes_del_salto_de_pagina(salida):
    xdr = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
    with zipfile.ZipFile(salida) as paquete:
        (parte,) = [n for n in paquete.namelist() if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
        dibujo = etree.fromstring(paquete.read(parte))
    hasta = [int(f.text) for f in dibujo.iter(f"{{{xdr}}}to") for f in f.iter(f"{{{xdr}}}row")]
    assert len(hasta) == 3 and max(hasta) < 29  # filas desde 0: la última, la 29, es la del salto


def test_alertas_inmovilizada_bajo_el_encabezado_de_la_tabla_y_repetido_al_imprimir(informe_muestra):
    """La tabla de detalle va arriba: título, dos notas y el vínculo a lo de abajo, luego su encabezado.
    Lo inmovilizado cabe en una pantalla (menos de 120 puntos, unas 8 filas) y el vínculo lleva a
    ALERTAS IDENTIFICADAS, debajo de la tabla (y de las justificaciones que ya no tienen alerta)."""
    for maqueta in (maquetar(analizar_libro([("Matriz", tabla_basica())])), maquetar(informe_muestra)):
        assert maqueta.fila_tabla == 5 and maqueta.pagina.inmovilizar == 6
        assert maqueta.pagina.filas_titulo == (5, 5)
        altos = dict(maqueta.altos)
        assert sum(altos.get(i, 15.0) for i in range(1, 6)) < 120
        (vinculo,) = maqueta.filas[3]
        fila = int(vinculo.vinculo.removeprefix("'Alertas'!A"))
        assert fila > maqueta.fila_fin_tabla + 1 and f"desde la fila {fila}:" in vinculo.valor
        assert maqueta.filas[fila - 1] == (Celda("ALERTAS IDENTIFICADAS", "seccion"),)


def test_alto_de_fila_segun_el_texto_y_el_ancho_de_su_columna(informe_muestra):
    muestra = maquetar(informe_muestra)
    altos = dict(muestra.altos)
    for i, fila in enumerate(
        muestra.filas[muestra.fila_tabla : muestra.fila_fin_tabla], start=muestra.fila_tabla + 1
    ):
        detalle = str(fila[6].valor)
        esperado = 15.0 * max(
            lineas(str(c.valor), ANCHOS[j], 0.9 if FORMATOS[c.estilo].negrita else 1.05)
            for j, c in enumerate(fila)
            if isinstance(c.valor, str)
        )
        assert altos.get(i, 15.0) == min(409.0, esperado), (i, detalle)


def test_la_hoja_pone_la_pagina_en_el_orden_del_esquema():
    """La parte de la hoja (`escritura.hoja`) lleva cada trozo en su lugar de CT_Worksheet."""
    maqueta = Maqueta("Hoja", ((Celda("Código"),), (Celda("A"),)), 1, 2, "Tabla", (10,), pagina=PAGINA)
    indices = agregar_estilos(hoja_de_estilos_vacia(TRANSICIONAL.principal), "xl/styles.xml")
    xml = b"".join(trozos_hoja(maqueta, indices, TRANSICIONAL, "rId1", "rId2", b"")).decode()
    orden = ("<sheetPr>", "<sheetViews>", "<cols>", "<sheetData>", "<printOptions ", "<pageMargins ")
    orden += ("<pageSetup ", "<headerFooter>", "<rowBreaks ", "<drawing ", "<tableParts ")
    posiciones = [xml.index(trozo) for trozo in orden]
    assert posiciones == sorted(posiciones)
    assert xml_propiedades(PAGINA) + xml_vista(PAGINA) + "<cols>" in xml
    assert xml_impresion(PAGINA) + '<drawing r:id="rId2"/>' in xml


def test_alto_de_fila_cuenta_el_texto_de_mas_lineas_de_cualquier_celda():
    """Columnas de 10 (10 caracteres por línea; 9 en negrita): el alto lo da la celda de más líneas,
    venga antes o después de otra larga, un párrafo contado por su largo o con saltos de línea."""
    anchos = (10, 10, 10)
    assert alto_de_fila((Celda("a" * 25, "ajustado"), Celda("b" * 11, "ajustado")), anchos) == 45.0
    assert alto_de_fila((Celda("b" * 11, "ajustado"), Celda("a" * 25, "ajustado")), anchos) == 45.0
    assert alto_de_fila((Celda("a" * 20, "ajustado"), Celda("x\ny\nz\nw", "ajustado")), anchos) == 60.0
    assert alto_de_fila((Celda("a" * 10, "ajustado"), Celda("b" * 10, "encabezado_ajustado")), anchos) == 30.0
    assert alto_de_fila((Celda("a" * 10, "ajustado"), Celda("b" * 50), Celda(123456789012.5)), anchos) is None
    assert alto_de_fila((Celda("a" * 10_000, "ajustado"),), anchos) == 409.0
