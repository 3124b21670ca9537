"""El reporte de seguimiento (.docx) de la muestra, leído por python-docx, LibreOffice y las reglas del Open XML SDK.

Escenario: «alertas» escribe LIBRO_alertas.xlsx; una persona escribe con openpyxl la justificación
de una alerta en sus columnas amarillas; «reporte» escribe el .docx. Los párrafos de ALERTAS
IDENTIFICADAS se comparan con los de la hoja «Alertas» leída con openpyxl, y las cifras, con las
de la muestra (índice 66.9, calculado con 32 de 41 indicadores, categoría Bajo).
"""

import datetime
import io
import re
import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest
from apoyo import libreoffice_convertir
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

from xl_seguimiento import escribir_alertas, escribir_reporte
from xl_seguimiento.app import cli
from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO
from xl_seguimiento.maqueta.hoja import COLOR_CATEGORIA
from xl_seguimiento.maqueta.reporte import COLUMNAS_OBJETIVO, PENDIENTE
from xl_seguimiento.nucleo.modelo import Categoria

FECHA = "2026-12-06"
JUSTIFICADA = ("ISS.01.04.02.02", "Bajo avance")
ESCRITO = (
    "La meta se reprogramó por el cierre de locales",
    "Reprogramar la capacitación",
    "DGDE",
    datetime.datetime(2025, 3, 31),
    "En curso",
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
TITULOS_1 = [
    "1. Resumen",
    "2. Avance por objetivo prioritario",
    "3. Alertas, causas y medidas",
    "4. Tendencias",
    "Anexos",
]


def escribir_en_alertas(ruta, clave, valores):
    """Escribe con openpyxl, como una persona, en las columnas del usuario de la alerta `clave`."""
    libro = openpyxl.load_workbook(ruta)
    hoja = libro["Alertas"]
    encabezado = [*COLUMNAS_DETALLE, *COLUMNAS_USUARIO]
    filas = list(hoja.iter_rows())
    inicio = next(i for i, f in enumerate(filas) if [c.value for c in f[:12]] == encabezado)
    fila = next(f for f in filas[inicio + 1 :] if (f[1].value, f[4].value) == clave)
    for j, valor in enumerate(valores):
        fila[len(COLUMNAS_DETALLE) + j].value = valor
    libro.save(ruta)


def parrafos_de_la_hoja(ruta) -> list[str]:
    """Los párrafos de ALERTAS IDENTIFICADAS tal como quedaron en la hoja «Alertas»."""
    columna = [f[0] for f in openpyxl.load_workbook(ruta)["Alertas"].iter_rows(values_only=True)]
    inicio = columna.index("ALERTAS IDENTIFICADAS") + 1
    fin = columna.index(None, inicio)
    return columna[inicio:fin]


@pytest.fixture(scope="module")
def escenario(tmp_path_factory, libro_muestra):
    carpeta = tmp_path_factory.mktemp("reporte")
    libro = shutil.copy(libro_muestra, carpeta / "seguimiento.xlsx")
    escribir_alertas(libro)
    alertas = carpeta / "seguimiento_alertas.xlsx"
    escribir_en_alertas(alertas, JUSTIFICADA, ESCRITO)
    assert cli.main(["reporte", str(libro), "--fecha", FECHA]) == 0
    return carpeta, carpeta / "seguimiento_reporte.docx", alertas


@pytest.fixture(scope="module")
def documento(escenario):
    return docx.Document(str(escenario[1]))


@pytest.fixture(scope="module")
def texto_pdf(escenario):
    """El texto del PDF que exporta LibreOffice, sin encabezados ni pies de página, en una línea."""
    carpeta, reporte, _ = escenario
    proceso = libreoffice_convertir(reporte, carpeta, "pdf")
    pdf = reporte.with_suffix(".pdf")
    assert pdf.is_file(), proceso.stdout + proceso.stderr
    texto = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    titulo = docx.Document(str(reporte)).sections[0].header.paragraphs[0].text
    lineas = [
        linea
        for linea in texto.replace("\f", "\n").splitlines()
        if linea.strip() != titulo and not re.fullmatch(r"Página \d+ de \d+", linea.strip())
    ]
    return " ".join(" ".join(lineas).split())


def tabla_con(documento, primeras):
    return [t for t in documento.tables if [c.text for c in t.rows[0].cells[: len(primeras)]] == primeras]


def test_portada_y_titulos_con_los_estilos_de_word(documento):
    parrafos = documento.paragraphs
    assert parrafos[0].style.name == "Title"
    assert parrafos[0].text.startswith("Reporte de seguimiento de la política nacional — Ministerio")
    assert [p.text for p in parrafos[1:4]] == [
        "Reporte de seguimiento",
        "Año 2024",
        "Generado el 6 de diciembre de 2026",
    ]
    assert [p.text for p in parrafos if p.style.name == "Heading 1"] == TITULOS_1
    objetivos = [p.text for p in parrafos if p.style.name == "Heading 2" and p.text.startswith("2.")]
    assert objetivos == [f"2.{k}. Objetivo prioritario OP.0{n}" for k, n in ((1, 1), (2, 2), (3, 4))]
    assert any(
        p.text
        == "Índice de gestión de la política: 66.9 (calculado con 32 de 41 indicadores), categoría Bajo."
        for p in parrafos
    )


def test_el_texto_esta_en_espanol_para_la_ortografia_de_word(documento):
    """Sin esto Word en español subraya todo el reporte: la plantilla de python-docx dice en-US."""
    idiomas = documento.styles.element.xpath("w:docDefaults//w:lang/@w:val")
    assert idiomas == ["es-PE"] and documento.core_properties.language == "es-PE"
    assert not documento.element.xpath("//w:lang[@w:val!='es-PE']")  # ningún párrafo en otro idioma


def test_pagina_a4_con_titulo_en_el_encabezado_y_numero_de_pagina(documento):
    secciones = documento.sections
    # Vertical; las secciones 2 y 3 (tablas de ocho columnas), apaisadas; desde la 4, vertical otra vez.
    assert [(round(s.page_width.cm, 1), round(s.page_height.cm, 1)) for s in secciones] == [
        (21.0, 29.7),
        (29.7, 21.0),
        (21.0, 29.7),
    ]
    assert [s.different_first_page_header_footer for s in secciones] == [True, False, False]  # la portada
    assert all(s.header.is_linked_to_previous for s in secciones[1:])
    seccion = secciones[0]
    assert seccion.header.paragraphs[0].text.startswith("Reporte de seguimiento de la política nacional")
    instrucciones = seccion.footer._element.xpath(".//w:fldSimple/@w:instr")
    assert instrucciones == ["PAGE", "NUMPAGES"]


def test_tablas_de_objetivos_con_los_41_indicadores_y_colores_de_categoria(documento):
    tablas = tabla_con(documento, list(COLUMNAS_OBJETIVO))
    assert len(tablas) == 3
    filas = [f for t in tablas for f in t.rows[1:] if len({c._tc for c in f.cells}) == len(COLUMNAS_OBJETIVO)]
    assert len(filas) == 41
    rellenos = {f.cells[7].text: f.cells[7]._tc.xpath("./w:tcPr/w:shd/@w:fill") for f in filas}
    assert rellenos == {c: [COLOR_CATEGORIA[Categoria(c)]] for c in rellenos}
    assert {"Bajo", "Intermedio", "Alto", "Atípico", "Sin información"} <= set(rellenos)
    fila = next(f for f in filas if f.cells[0].text == "ISS.01.03.02.01")
    assert [c.text for c in fila.cells[1:]] == [
        "Porcentaje de empresas que acceden a capacitaciones en gestión ambiental",
        "DGAAMI", "0", "53%", "44%", "83.0", "Intermedio",
    ]  # fmt: skip
    # Rótulos de lineamiento y servicio, a todo el ancho, antes de sus indicadores.
    rotulos = [f.cells[0].text for t in tablas for f in t.rows[1:] if len({c._tc for c in f.cells}) == 1]
    assert rotulos[0] == "Lineamiento LN.01.03"
    assert rotulos[1:3] == [
        "Servicio SS.01.03.02",  # sin nombre en la muestra
        "Servicio SS.01.03.03 — Asistencia técnica en Buenas Prácticas de Manufactura (BPM) para las empresas",
    ]


def test_cada_tabla_repite_su_encabezado_en_cada_pagina(documento):
    assert len(documento.tables) >= 10
    for tabla in documento.tables:
        assert tabla.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_resumen_cuenta_indicadores_por_categoria_y_alertas_por_tipo(documento):
    (categorias,) = tabla_con(documento, ["Categoría", "Indicadores"])
    cuenta = {f.cells[0].text: int(f.cells[1].text) for f in categorias.rows[1:]}
    assert sum(cuenta.values()) == 41
    assert cuenta["Sin información"] == 41 - 32
    (tipos,) = tabla_con(documento, ["Tipo de alerta", "Alertas"])
    assert {f.cells[0].text: int(f.cells[1].text) for f in tipos.rows[1:]} == {
        "Bajo avance": 24,
        "Sin información": 16,
        "Avance atípico": 12,
        "Inconsistencia": 6,
        "Retroceso": 4,
        "Bajo avance persistente": 5,
    }  # fmt: skip (los de la hoja «Alertas» de la muestra)


def test_la_justificacion_escrita_en_la_hoja_aparece_junto_a_su_alerta(documento):
    (tabla,) = tabla_con(documento, ["Código", "Tipo de alerta", "Detalle", *COLUMNAS_USUARIO])
    filas = [[c.text for c in f.cells] for f in tabla.rows[1:]]
    assert len(filas) == 67
    (justificada,) = [f for f in filas if tuple(f[:2]) == JUSTIFICADA]
    assert justificada[3:] == [*ESCRITO[:3], "31/03/2025", "En curso"]
    otras = [f for f in filas if tuple(f[:2]) != JUSTIFICADA]
    assert {f[3] for f in otras} == {PENDIENTE}


def test_pdf_de_libreoffice_con_cada_parrafo_igual_al_de_la_hoja(escenario, texto_pdf):
    parrafos = parrafos_de_la_hoja(escenario[2])
    assert len(parrafos) == 4 and parrafos[0].startswith("OP 01: El objetivo prioritario 1")
    for parrafo in parrafos:
        assert " ".join(parrafo.split()) in texto_pdf
    for titulo in TITULOS_1:
        assert titulo in texto_pdf
    assert "La meta se reprogramó por el cierre de locales" in texto_pdf


def test_pdf_de_libreoffice_con_los_tres_graficos(texto_pdf):
    for titulo in (
        "Índice por objetivo prioritario",
        "Indicadores por categoría en cada objetivo",
        "Índice de la política por año",
    ):
        assert texto_pdf.count(titulo) == 1, titulo
    assert "Umbral bajo" in texto_pdf and "Umbral alto" in texto_pdf  # las leyendas


def test_graficos_nativos_con_sus_valores_y_su_libro_de_datos(escenario):
    with zipfile.ZipFile(escenario[1]) as paquete:
        nombres = paquete.namelist()
        tipos = etree.fromstring(paquete.read("[Content_Types].xml"))
        cuerpo = etree.fromstring(paquete.read("word/document.xml"))
        graficos = [etree.fromstring(paquete.read(f"word/charts/chart{n}.xml")) for n in (1, 2, 3)]
        libro = paquete.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")
    assert sorted(n for n in nombres if n.startswith("word/charts/chart")) == [
        f"word/charts/chart{n}.xml" for n in (1, 2, 3)
    ]
    assert len(cuerpo.findall(f".//{{{C}}}chart")) == 3  # en línea, en el cuerpo del documento
    assert sum(o.get("ContentType", "").endswith("drawingml.chart+xml") for o in tipos) == 3
    indices = [
        float(v) for v in graficos[0].xpath("(.//c:ser)[1]/c:val//c:pt/c:v/text()", namespaces={"c": C})
    ]
    assert [round(v, 1) for v in indices] == [78.0, 62.6, 0.0]  # OP.01, OP.02 y OP.04
    for grafico in graficos:
        assert grafico.find(f"{{{C}}}externalData") is not None
    hoja = openpyxl.load_workbook(io.BytesIO(libro))["Tablero"]
    fila = next(c.row for c in hoja["B"] if c.value == "Objetivo")  # la tabla de datos del primer gráfico
    assert [hoja[f"B{f}"].value for f in range(fila + 1, fila + 4)] == ["OP.01", "OP.02", "OP.04"]


def test_las_reglas_del_open_xml_sdk_no_encuentran_nada(escenario, tmp_path):
    validador = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=100)
    resultado = validador.validate(str(escenario[1]))
    assert resultado.is_valid, [str(e) for e in resultado.errors]
    # Las reglas sí señalan el documento vacío de python-docx (sus estilos de Word 2010 no concuerdan).
    docx.Document().save(tmp_path / "vacio.docx")
    assert not validador.validate(str(tmp_path / "vacio.docx")).is_valid


def test_mismos_datos_mismos_bytes(escenario, tmp_path):
    carpeta, reporte, _ = escenario
    libro = carpeta / "seguimiento.xlsx"
    fecha = datetime.date.fromisoformat(FECHA)
    escribir_reporte(libro, tmp_path / "otra_vez.docx", fecha=fecha)
    assert (tmp_path / "otra_vez.docx").read_bytes() == reporte.read_bytes()
    escribir_reporte(libro, tmp_path / "otro_dia.docx", fecha=fecha + datetime.timedelta(days=1))
    assert (tmp_path / "otro_dia.docx").read_bytes() != reporte.read_bytes()


def test_api_escribe_junto_al_libro_y_devuelve_el_informe(tmp_path, libro_muestra):
    libro = shutil.copy(libro_muestra, tmp_path / "politica.xlsx")
    informe = escribir_reporte(libro)
    assert (tmp_path / "politica_reporte.docx").is_file()
    assert (informe.indice.con_dato, informe.indice.total, str(informe.categoria)) == (32, 41, "Bajo")


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (["no_existe.xlsx"], "«no_existe.xlsx»"),
        (["LIBRO.xlsx", "-o", "reporte.pdf"], "«reporte.pdf» debe ser un documento .docx"),
        (
            ["LIBRO.xlsx", "--desde", "previo.xlsx"],
            "No existe «previo.xlsx», el libro (o la carpeta) de --desde",
        ),
    ],
)
def test_errores_en_espanol_con_codigo_2(argumentos, mensaje, tmp_path, libro_muestra, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(libro_muestra, tmp_path / "LIBRO.xlsx")
    assert cli.main(["reporte", *argumentos]) == 2
    error = capsys.readouterr().err
    assert error.startswith("Error: ") and mensaje in error


def test_con_desde_trae_lo_escrito_en_otro_libro(escenario, tmp_path, libro_muestra):
    """`--desde PREVIO.xlsx`: la justificación viene de otro libro (aquí no hay LIBRO_alertas.xlsx)."""
    libro = shutil.copy(libro_muestra, tmp_path / "nuevo.xlsx")
    previo = shutil.copy(escenario[2], tmp_path / "previo.xlsx")
    assert cli.main(["reporte", str(libro), "--desde", str(previo), "--fecha", FECHA]) == 0
    (tabla,) = tabla_con(
        docx.Document(str(tmp_path / "nuevo_reporte.docx")), ["Código", "Tipo de alerta", "Detalle"]
    )
    escritos = {(f.cells[0].text, f.cells[1].text): f.cells[3].text for f in tabla.rows[1:]}
    assert escritos[JUSTIFICADA] == ESCRITO[0]
    assert cli.main(["reporte", str(libro), "-o", str(tmp_path / "sin_desde.docx"), "--fecha", FECHA]) == 0
    (tabla,) = tabla_con(
        docx.Document(str(tmp_path / "sin_desde.docx")), ["Código", "Tipo de alerta", "Detalle"]
    )
    assert {f.cells[3].text for f in tabla.rows[1:]} == {PENDIENTE}


def test_la_fecha_como_se_escribe_en_peru(escenario, tmp_path):
    """`--fecha 06/12/2026` (DD/MM/AAAA) da el mismo documento que `--fecha 2026-12-06`."""
    carpeta, reporte, _ = escenario
    dia, mes, anio = reversed(FECHA.split("-"))
    destino = tmp_path / "peru.docx"
    assert (
        cli.main(
            [
                "reporte",
                str(carpeta / "seguimiento.xlsx"),
                "-o",
                str(destino),
                "--fecha",
                f"{dia}/{mes}/{anio}",
            ]
        )
        == 0
    )
    assert destino.read_bytes() == reporte.read_bytes()


def test_la_ayuda_del_reporte_no_habla_de_lotes(capsys):
    with pytest.raises(SystemExit):
        cli.main(["reporte", "--help"])
    assert "lotes" not in capsys.readouterr().out


def test_el_reporte_no_rechaza_una_hoja_alertas_del_usuario(tmp_path, libro_muestra):
    """El reporte no reemplaza nada: una hoja «Alertas» propia del ministerio no lo detiene."""
    libro = openpyxl.load_workbook(libro_muestra)
    libro.create_sheet("Alertas")["A1"] = "Alertas del ministerio, escritas a mano"
    libro.save(tmp_path / "propio.xlsx")
    assert cli.main(["reporte", str(tmp_path / "propio.xlsx"), "--fecha", FECHA]) == 0
    assert (tmp_path / "propio_reporte.docx").is_file()


def test_la_api_acepta_la_carpeta_de_salidas_anteriores_como_la_orden(escenario, tmp_path, libro_muestra):
    """`escribir_reporte(desde=CARPETA)`: la salida anterior del libro en esa carpeta, como `--desde CARPETA`."""
    libro = shutil.copy(libro_muestra, tmp_path / "nuevo.xlsx")
    anteriores = tmp_path / "marzo"
    anteriores.mkdir()
    shutil.copy(escenario[2], anteriores / "nuevo_alertas.xlsx")
    escribir_reporte(libro, tmp_path / "api.docx", desde=anteriores, fecha=datetime.date.fromisoformat(FECHA))
    (tabla,) = tabla_con(docx.Document(str(tmp_path / "api.docx")), ["Código", "Tipo de alerta", "Detalle"])
    escritos = {(f.cells[0].text, f.cells[1].text): f.cells[3].text for f in tabla.rows[1:]}
    assert escritos[JUSTIFICADA] == ESCRITO[0]
