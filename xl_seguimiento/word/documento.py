"""El reporte de seguimiento en Word: traduce la maqueta del reporte (`maqueta.reporte`) con python-docx.

A4 con márgenes de 2 cm, el nombre de la política en el encabezado y «Página N de M» al pie
(salvo en la portada); títulos con los estilos integrados de Word («Heading 1», «Heading 2»), así
que el panel de navegación y una tabla de contenido automática los encuentran; tablas cuyo
encabezado se repite en cada página; gráficos nativos (`graficos`). El mismo reporte da los
mismos bytes: fechas fijas en las propiedades y en el zip.
"""

import io
import zipfile
from datetime import datetime, time
from pathlib import Path
from xml.sax.saxutils import quoteattr

from ..maqueta.hoja import FORMATOS, Celda
from ..maqueta.reporte import GraficoReporte, Parrafo, Reporte, SaltoDePagina, TablaReporte, Titulo
from ..xlsx.opc.atomico import escritura_atomica
from ..xlsx.opc.constantes import NS_DIBUJO_WORD, NS_DRAWINGML, NS_GRAFICO, NS_R, NS_WORD, REL_GRAFICO
from ..xlsx.opc.zipcrudo import FECHA_FIJA
from .graficos import GRAFICO_URI, partes_de_graficos

__all__ = ["documento_docx", "escribir_docx", "reporte_por_omision"]

SUFIJO_REPORTE = "_reporte"

ANCHO_GRAFICO_CM, ALTO_GRAFICO_CM = 16.0, 8.5
COLOR_ENCABEZADO = "D9E1F2"  # relleno del encabezado de las tablas
ESTILO_TABLA = "Texto de tabla"  # estilo de párrafo de las celdas (8 pt)
IDIOMA = "es-PE"  # del texto (ortografía de Word) y de las propiedades del documento
ESTILOS_PARRAFO = {
    "titulo_portada": "Title",
    "subtitulo_portada": "Subtitle",
    "portada": "Normal",
    "nota": "Normal",
    "": "Normal",
}
INLINE = (
    '<wp:inline distT="0" distB="0" distL="0" distR="0" '
    f'xmlns:wp="{NS_DIBUJO_WORD}" xmlns:a="{NS_DRAWINGML}" xmlns:c="{NS_GRAFICO}" xmlns:r="{NS_R}">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name="Gráfico {id}" descr="{titulo}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="{uri}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
    "</wp:inline>"
)


def reporte_por_omision(libro: Path) -> Path:
    """LIBRO_reporte.docx al lado del libro."""
    return libro.with_name(f"{libro.stem}{SUFIJO_REPORTE}.docx")


def escribir_docx(reporte: Reporte, destino: Path) -> None:
    """Escribe el reporte en `destino` (un archivo temporal que se renombra: nunca queda a medias)."""
    datos = documento_docx(reporte)
    with escritura_atomica(destino) as temporal:
        temporal.write_bytes(datos)


def documento_docx(reporte: Reporte) -> bytes:
    """Los bytes del .docx del reporte."""
    import docx

    documento = docx.Document()
    fecha = datetime.combine(reporte.fecha, time())
    _sin_partes_de_la_plantilla(documento)
    _propiedades(documento, reporte.titulo, fecha)
    _pagina(documento, reporte.titulo)
    _estilos(documento)
    graficos = partes_de_graficos(documento.part.package, reporte.tablero, fecha)
    for bloque in reporte.bloques:
        if isinstance(bloque, Titulo):
            documento.add_heading(bloque.texto, level=bloque.nivel)
        elif isinstance(bloque, Parrafo):
            _parrafo(documento, bloque)
        elif isinstance(bloque, TablaReporte):
            _tabla(documento, bloque)
        elif isinstance(bloque, GraficoReporte):
            _grafico(documento, graficos[bloque.indice], reporte.tablero.graficos[bloque.indice].titulo)
        elif isinstance(bloque, SaltoDePagina):
            _salto(documento, bloque.apaisada)
    salida = io.BytesIO()
    documento.save(salida)
    return _con_fechas_fijas(salida.getvalue())


def _sin_partes_de_la_plantilla(documento) -> None:
    """Quita dos partes de la plantilla de python-docx: la miniatura (una página que no es la del
    reporte) y la copia de los estilos para Word 2010 (stylesWithEffects), que Word 2013 y
    posteriores no usan y que, sin los estilos que se agregan aquí, las reglas del Open XML SDK
    señalan como contenido que Word podría no leer."""
    parte = documento.part
    for rid, relacion in list(parte.rels.items()):
        if relacion.reltype.endswith("/stylesWithEffects"):
            parte.drop_rel(rid)
    paquete = parte.package.rels
    for rid, relacion in list(paquete.items()):
        if relacion.reltype.endswith("/thumbnail"):
            del paquete[rid]


def _propiedades(documento, titulo: str, fecha: datetime) -> None:
    """Propiedades del documento con la fecha del reporte, no la de hoy: mismos datos, mismos bytes."""
    propiedades = documento.core_properties
    propiedades.title = titulo
    propiedades.subject = "Reporte de seguimiento"
    propiedades.author = propiedades.last_modified_by = "xl-seguimiento"
    propiedades.created = propiedades.modified = fecha
    propiedades.revision = 1
    propiedades.language = IDIOMA
    propiedades.keywords = propiedades.comments = ""


def _pagina(documento, titulo: str) -> None:
    """A4 vertical, márgenes de 2 cm, el título en el encabezado y el número de página al pie; la
    portada, sin ellos."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    seccion = documento.sections[0]
    seccion.page_width, seccion.page_height = Cm(21), Cm(29.7)
    for margen in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(seccion, margen, Cm(2))
    seccion.different_first_page_header_footer = True
    seccion.header.paragraphs[0].text = titulo
    pie = seccion.footer.paragraphs[0]
    pie.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pie.add_run("Página ")
    _campo(pie, "PAGE", "1")
    pie.add_run(" de ")
    _campo(pie, "NUMPAGES", "1")


def _salto(documento, apaisada: bool | None) -> None:
    """Un salto de página o, si cambia la orientación, una sección nueva con el mismo encabezado y pie."""
    if apaisada is None:
        documento.add_page_break()
        return
    from docx.enum.section import WD_ORIENT, WD_SECTION

    seccion = documento.add_section(WD_SECTION.NEW_PAGE)  # copia la anterior: márgenes, encabezado y pie
    seccion.different_first_page_header_footer = False  # solo la portada va sin ellos
    ancho, alto = sorted((seccion.page_width, seccion.page_height), reverse=apaisada)
    seccion.orientation = WD_ORIENT.LANDSCAPE if apaisada else WD_ORIENT.PORTRAIT
    seccion.page_width, seccion.page_height = ancho, alto


def _campo(parrafo, instruccion: str, valor: str) -> None:
    """Un campo simple de Word (PAGE, NUMPAGES) con su último valor."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    parrafo._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="{instruccion}"><w:r><w:t>{valor}</w:t></w:r></w:fldSimple>'
        )
    )


def _estilos(documento) -> None:
    """Texto en español del Perú (la ortografía de Word), letra de 10 pt en el cuerpo y 8 pt en las celdas."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    # La plantilla de python-docx marca todo el texto como inglés (en-US) en las propiedades por omisión.
    predeterminado = documento.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    predeterminado.set(qn("w:val"), IDIOMA)
    documento.styles["Normal"].font.size = Pt(10)
    tabla = documento.styles.add_style(ESTILO_TABLA, WD_STYLE_TYPE.PARAGRAPH)
    tabla.base_style = documento.styles["Normal"]
    tabla.font.size = Pt(8)
    tabla.paragraph_format.space_after = Pt(0)


def _parrafo(documento, bloque: Parrafo) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    parrafo = documento.add_paragraph(style=ESTILOS_PARRAFO[bloque.estilo])
    texto = parrafo.add_run(bloque.texto)
    if bloque.estilo == "nota":
        texto.italic = True
        texto.font.color.rgb = RGBColor.from_string("595959")
    elif bloque.estilo == "portada":
        texto.font.size = Pt(14)
    elif bloque.estilo == "titulo_portada":
        parrafo.paragraph_format.space_before = Pt(160)  # la portada empieza a un tercio de la página
    elif bloque.estilo == "subtitulo_portada":
        texto.font.size = Pt(20)
    if bloque.estilo in ("titulo_portada", "subtitulo_portada", "portada"):
        parrafo.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _tabla(documento, bloque: TablaReporte) -> None:
    """Encabezado repetido en cada página, anchos fijos, rótulos de grupo a todo el ancho y rellenos por estilo."""
    from docx.shared import Cm

    tabla = documento.add_table(rows=1 + len(bloque.filas), cols=len(bloque.columnas))
    tabla.style = documento.styles["Table Grid"]
    tabla.autofit = False
    estilo = documento.styles[ESTILO_TABLA].style_id  # una vez: buscarlo por nombre en cada celda es lento
    filas = tabla.rows
    _repetir_encabezado(filas[0])
    for celda, texto in zip(filas[0].cells, bloque.columnas, strict=True):
        _escribir_celda(celda, Celda(texto, "encabezado"), estilo, COLOR_ENCABEZADO)
    for fila, celdas in zip(filas[1:], bloque.filas, strict=True):
        destino = fila.cells
        if len(celdas) == 1:  # rótulo de grupo: una celda a todo el ancho
            destino = [destino[0].merge(destino[-1])]
        for celda, contenido in zip(destino, celdas, strict=False):
            relleno = FORMATOS[contenido.estilo].relleno if contenido.estilo else ""
            _escribir_celda(celda, contenido, estilo, relleno)
    for columna, ancho in zip(tabla.columns, bloque.anchos, strict=True):
        columna.width = Cm(ancho)  # la rejilla de la tabla (LibreOffice la usa)
        for celda in columna.cells:
            celda.width = Cm(ancho)  # cada celda (Word la usa)


def _repetir_encabezado(fila) -> None:
    from docx.oxml import OxmlElement

    fila._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _escribir_celda(celda, contenido: Celda, estilo: str, relleno: str) -> None:
    """El texto de una celda con el estilo de párrafo `estilo` (su id), su negrita o cursiva y su relleno."""
    parrafo = celda.paragraphs[0]
    parrafo._p.style = estilo
    texto = parrafo.add_run("" if contenido.valor is None else str(contenido.valor))
    formato = FORMATOS.get(contenido.estilo)
    if formato is not None and formato.negrita:
        texto.bold = True
    if formato is not None and formato.cursiva:
        texto.italic = True
    if relleno:
        _rellenar(celda, relleno)


def _rellenar(celda, color: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    celda._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{color}"/>')
    )


def _grafico(documento, parte, titulo: str) -> None:
    """Un gráfico nativo en su propio párrafo, centrado."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm

    rid = documento.part.relate_to(parte, REL_GRAFICO)
    numero = int(parte.partname.rsplit("chart", 1)[1].removesuffix(".xml"))
    inline = INLINE.format(
        cx=int(Cm(ANCHO_GRAFICO_CM)),
        cy=int(Cm(ALTO_GRAFICO_CM)),
        id=numero,
        titulo=quoteattr(titulo)[1:-1],
        uri=GRAFICO_URI,
        rid=rid,
    )
    parrafo = documento.add_paragraph()
    parrafo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dibujo = parse_xml(f'<w:drawing xmlns:w="{NS_WORD}">{inline}</w:drawing>')
    parrafo.add_run()._r.append(dibujo)


def _con_fechas_fijas(docx: bytes) -> bytes:
    """El mismo paquete con la fecha fija en cada entrada del zip (python-docx pone la hora de guardar)."""
    salida = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as entrada,
        zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as zip_,
    ):
        for info in entrada.infolist():
            zip_.writestr(
                zipfile.ZipInfo(info.filename, date_time=FECHA_FIJA), entrada.read(info), zipfile.ZIP_DEFLATED
            )
    return salida.getvalue()
