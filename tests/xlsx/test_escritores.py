"""Cada escritor de partes contra el XML esperado, como las pruebas de XlsxWriter.

Un cambio en una parte se ve aquí, en su propio texto, antes que en un libro entero.
"""

from dataclasses import replace
from datetime import date, datetime

from lxml import etree

from xl_seguimiento.maqueta.hoja import VACIA, Celda, Condicional, Formato, Maqueta, Validacion, encabezado
from xl_seguimiento.maqueta.tablero import Grafico, Minigrafico, Serie, Tablero
from xl_seguimiento.nucleo.a1 import Rango
from xl_seguimiento.xlsx.escritura.dibujo import dibujar
from xl_seguimiento.xlsx.escritura.estilos import agregar_estilos, hoja_de_estilos_vacia
from xl_seguimiento.xlsx.escritura.hoja import trozos_hoja
from xl_seguimiento.xlsx.escritura.minigraficos import con_minigraficos
from xl_seguimiento.xlsx.escritura.tabla import xml_tabla
from xl_seguimiento.xlsx.opc.constantes import ESTRICTO, NS_X14, NS_XM, TRANSICIONAL
from xl_seguimiento.xlsx.opc.xml_seguro import xml_bytes

MAQUETA = Maqueta(
    "Hoja",
    (
        (Celda("Título <1> & \x01", "titulo"),),
        encabezado(("Código", "Plazo", "Estado")),
        (
            Celda(" ISS.01", "", "'Matriz de seguimiento'!B5"),
            Celda(date(2026, 3, 1), "entrada_fecha"),
            Celda(None, "entrada"),
        ),
        (Celda(2.5, "decimal"), Celda(True), Celda(7)),
    ),
    fila_tabla=2,
    fila_fin_tabla=4,
    tabla="Tabla",
    anchos=(10, 12),
    combinadas=("A1:C1",),
    altos=((1, 20.0),),
    validaciones=(Validacion("C3:C4", ("Pendiente", "En curso")), Validacion("B3:B4")),
    condicionales=(Condicional("C3:C4", "Pendiente", "tipo:bajo_avance"),),
)
TABLERO = Tablero(
    Maqueta(
        "Tablero",
        ((Celda("Año"), Celda("Índice")), (Celda(2023), Celda(70.5)), (Celda(2024), Celda(66.9))),
        1,
        3,
        "TablaIndice",
    ),
    (
        Grafico(
            "linea",
            "Índice",
            (Serie("Índice", Rango(1, 0, 2, 0), Rango(1, 1, 2, 1), "1F4E79"),),
            "D2",
            "A1:B3",
        ),
    ),
    (Minigrafico(1, 0, 1, 2), Minigrafico(2, 0, 1, 2)),
)

HOJA = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlform'
    'ats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/rela'
    'tionships"><cols><col min="1" max="1" width="10" customWidth="1"/><col min="2" max="2" width="12" cu'
    'stomWidth="1"/></cols><sheetData><row r="1" ht="20" customHeight="1"><c s="1" t="inlineStr"><is><t>T'
    'ítulo &lt;1&gt; &amp; _x0001_</t></is></c></row><row r="2"><c s="4" t="inlineStr"><is><t>Código</t><'
    '/is></c><c s="4" t="inlineStr"><is><t>Plazo</t></is></c><c s="4" t="inlineStr"><is><t>Estado</t></is'
    '></c></row><row r="3"><c t="inlineStr"><is><t xml:space="preserve"> ISS.01</t></is></c><c s="16"><v>'
    '46082.0</v></c><c s="15"/></row><row r="4"><c s="6"><v>2.5</v></c><c t="b"><v>1</v></c><c><v>7</v></'
    'c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells><conditionalFormattin'
    'g sqref="C3:C4"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>"Pendiente"</'
    'formula></cfRule></conditionalFormatting><dataValidations count="2"><dataValidation type="list" allo'
    'wBlank="1" showErrorMessage="1" errorTitle="Valor no válido" error="Elija un valor de la lista." sqr'
    'ef="C3:C4"><formula1>"Pendiente,En curso"</formula1></dataValidation><dataValidation type="date" ope'
    'rator="greaterThan" allowBlank="1" showErrorMessage="1" errorTitle="Fecha no válida" error="Escriba '
    'una fecha." sqref="B3:B4"><formula1>1</formula1></dataValidation></dataValidations><hyperlinks><hype'
    'rlink ref="A3" location="\'Matriz de seguimiento\'!B5"/></hyperlinks><pageMargins left="0.7" right="0.'
    '7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId2"/><tableParts count="1"><'
    'tablePart r:id="rId1"/></tableParts><extLst/></worksheet>'
)

TABLA = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://purl.oclc.org/ooxml/spr'
    'eadsheetml/main" id="3" name="Tabla" displayName="Tabla" ref="A2:C4" totalsRowShown="0"><autoFilter '
    'ref="A2:C4"/><tableColumns count="3"><tableColumn id="1" name="Código"/><tableColumn id="2" name="Pl'
    'azo"/><tableColumn id="3" name="Estado"/></tableColumns><tableStyleInfo name="TableStyleLight9" show'
    'FirstColumn="0" showLastColumn="0" showRowStripes="0" showColumnStripes="0"/></table>'
)
ESTILOS = (
    "<?xml version='1.0' encoding='UTF-8'?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsh"
    'eetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count='
    '"3"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/'
    '></font><font><b/><sz val="28"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val='
    '"minor"/></font><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme '
    'val="minor"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><pa'
    'tternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFC6E0B'
    '4"/><bgColor rgb="FFC6E0B4"/></patternFill></fill></fills><borders count="1"><border><left/><right/>'
    '<top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fil'
    'lId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borde'
    'rId="0" xfId="0"/><xf numFmtId="164" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="'
    '1" applyFont="1" applyFill="1" applyAlignment="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="'
    '0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical'
    '="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinI'
    'd="0"/></cellStyles><dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFC6E0'
    'B4"/></patternFill></fill></dxf></dxfs></styleSheet>'
)
DIBUJO = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlf'
    'ormats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2'
    '006/main"><xdr:twoCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr'
    ":row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>10</xdr:col><xdr:colOff>304800</xdr:colOf"
    'f><xdr:row>15</xdr:row><xdr:rowOff>76200</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGrap'
    'hicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfr'
    'm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas'
    '.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawin'
    'gml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="'
    'rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsD'
    "r>"
)
GRAFICO = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxm'
    'lformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" x'
    'mlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:lang val="en-US"/><c'
    ':chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" baseline="0"/>'
    '</a:pPr><a:r><a:rPr lang="en-US" sz="1200" baseline="0"/><a:t>Índice</a:t></a:r></a:p></c:rich></c:t'
    'x><c:layout/></c:title><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:ser><c:idx'
    ' val="0"/><c:order val="0"/><c:tx><c:v>Índice</c:v></c:tx><c:spPr><a:ln><a:solidFill><a:srgbClr val='
    '"1F4E79"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:spPr><a:solidFill><a:sr'
    "gbClr val=\"1F4E79\"/></a:solidFill></c:spPr></c:marker><c:cat><c:numRef><c:f>'Tablero'!$A$2:$A$3</c:f"
    '><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/></c:numCache></c:numRef></c:cat'
    "><c:val><c:numRef><c:f>'Tablero'!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:p"
    'tCount val="2"/></c:numCache></c:numRef></c:val></c:ser><c:marker val="1"/><c:axId val="50010001"/><'
    'c:axId val="50010002"/></c:lineChart><c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val='
    '"minMax"/></c:scaling><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblP'
    'os val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn v'
    'al="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="50010002"/><c:scaling><c:orientati'
    'on val="minMax"/></c:scaling><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sou'
    'rceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:'
    'crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:layout/></c:le'
    'gend><c:plotVisOnly val="1"/></c:chart><c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="'
    '0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings></c:chartSpace>'
)
MINIGRAFICOS = (
    '<extLst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.op'
    'enxmlformats.org/officeDocument/2006/relationships"><ext xmlns:x14="http://schemas.microsoft.com/off'
    'ice/spreadsheetml/2009/9/main" uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"><x14:sparklineGroups xml'
    'ns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs='
    '"gap" markers="1"><x14:colorSeries theme="4" tint="-0.499984740745262"/><x14:colorNegative theme="5"'
    '/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers theme="4" tint="-0.499984740745262"/><x14:colorFi'
    'rst theme="4" tint="0.39997558519241921"/><x14:colorLast theme="4" tint="0.39997558519241921"/><x14:'
    'colorHigh theme="4"/><x14:colorLow theme="4"/><x14:sparklines><x14:sparkline><xm:f>\'Tablero\'!A2:B2</xm'
    ":f><xm:sqref>C2</xm:sqref></x14:sparkline><x14:sparkline><xm:f>'Tablero'!A3:B3</xm:f><xm:sqref>C3</xm:"
    "sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>"
)

# Las partes del libro sin hojas, sin el tema (el de XlsxWriter).
PLANTILLA = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openx'
        'mlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
        'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="ap'
        'plication/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
        'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/theme/theme1'
        '.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schem'
        'as.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
        'emas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workb'
        'ook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.op'
        'enxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/offic'
        'eDocument/2006/relationships"><sheets></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schem'
        'as.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
        'emas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"'
        "/></Relationships>"
    ),
}


def test_hoja():
    raiz = hoja_de_estilos_vacia(TRANSICIONAL.principal)
    indices = agregar_estilos(raiz, "xl/styles.xml")
    xml = b"".join(trozos_hoja(MAQUETA, indices, TRANSICIONAL, "rId1", "rId2", b"<extLst/>"))
    assert xml.decode() == HOJA


def test_la_referencia_de_una_celda_va_solo_tras_un_hueco():
    """Una celda sin `r` va en la columna que sigue a la anterior de su fila (la primera, en A): la
    referencia se escribe solo si la anterior no se escribió (vacía y sin estilo)."""
    maqueta = Maqueta(
        "Hoja",
        (
            (Celda("a"), VACIA, Celda(1), Celda(None, "entrada"), VACIA, VACIA, Celda("b", "", "'H'!A1")),
            (VACIA, Celda(2)),
        ),
        fila_tabla=1,
        fila_fin_tabla=2,
        tabla="Tabla",
    )
    xml = b"".join(trozos_hoja(maqueta, {"": 0, "entrada": 15}, TRANSICIONAL, "rId1", "", b"")).decode()
    assert (
        '<sheetData><row r="1"><c t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>1</v></c><c s="15"/>'
        '<c r="G1" t="inlineStr"><is><t>b</t></is></c></row><row r="2"><c r="B2"><v>2</v></c></row></sheetData>'
    ) in xml
    assert '<hyperlinks><hyperlink ref="G1" location="\'H\'!A1"/></hyperlinks>' in xml


def test_tabla_en_el_dialecto_del_libro():
    assert xml_tabla(MAQUETA, 3, "Tabla", ESTRICTO) == TABLA


def test_estilos():
    raiz = hoja_de_estilos_vacia(TRANSICIONAL.principal)
    formatos = {
        "cifra": Formato(negrita=True, tamano=28, relleno="C6E0B4", numero="0.0"),
        "parrafo": Formato(ajustar=True),
    }
    assert agregar_estilos(raiz, "xl/styles.xml", formatos) == {"cifra": 1, "dxf:cifra": 0, "parrafo": 2}
    assert xml_bytes(raiz).decode() == ESTILOS


def test_dibujo_graficos_y_minigraficos():
    dibujo = dibujar(TABLERO)
    assert dibujo.dibujo.decode() == DIBUJO
    assert {i: g.decode() for i, g in dibujo.graficos.items()} == {"rId1": GRAFICO}
    assert dibujo.minigraficos.decode() == MINIGRAFICOS


def test_minigraficos_se_agregan_al_grupo():
    extension = etree.fromstring(
        f'<extLst xmlns:x14="{NS_X14}" xmlns:xm="{NS_XM}"><x14:sparklines/></extLst>'
    )
    assert con_minigraficos(extension, [Minigrafico(1, 0, 1, 2), Minigrafico(2, 0, 1, 2)]).decode() == (
        f'<extLst xmlns:x14="{NS_X14}" xmlns:xm="{NS_XM}"><x14:sparklines><x14:sparkline>'
        "<xm:f>'Tablero'!A2:B2</xm:f><xm:sqref>C2</xm:sqref></x14:sparkline><x14:sparkline>"
        "<xm:f>'Tablero'!A3:B3</xm:f><xm:sqref>C3</xm:sqref></x14:sparkline></x14:sparklines></extLst>"
    )
    assert etree.tostring(extension).decode().endswith("<x14:sparklines/></extLst>")  # no lo cambia


def test_minigraficos_con_otros_prefijos_como_los_escribiria_lxml():
    """Con los prefijos que tenga el grupo (aquí, ninguno para x14), los bytes que daría armar los
    elementos con lxml; tras un primer minigráfico y antes del segundo grupo."""
    texto = (
        f'<extLst xmlns="{NS_X14}" xmlns:m="{NS_XM}"><ext><sparklineGroup><sparklines><sparkline>'
        "<m:f>'Tablero'!A1:B1</m:f><m:sqref>C1</m:sqref></sparkline></sparklines></sparklineGroup>"
        "<sparklineGroup><sparklines/></sparklineGroup></ext></extLst>"
    )
    minigraficos = [Minigrafico(1, 0, 1, 2), Minigrafico(4, 2, 3, 27)]
    esperado = etree.fromstring(texto)
    grupo = next(esperado.iter(f"{{{NS_X14}}}sparklines"))
    for m in minigraficos:
        elemento = etree.SubElement(grupo, f"{{{NS_X14}}}sparkline")
        etree.SubElement(elemento, f"{{{NS_XM}}}f").text = m.datos.a1("Tablero")
        etree.SubElement(elemento, f"{{{NS_XM}}}sqref").text = m.celda
    assert con_minigraficos(etree.fromstring(texto), minigraficos) == etree.tostring(esperado)


def test_minigraficos_con_los_prefijos_del_bloque_tras_los_que_ya_tenia():
    extension = etree.fromstring(
        f'<extLst xmlns:a="{NS_X14}"><a:sparklines xmlns:b="{NS_XM}"><a:sparkline><b:f>x</b:f>'
        "</a:sparkline></a:sparklines><a:sparklines/></extLst>"
    )
    xml = con_minigraficos(extension, [Minigrafico(9, 2, 3, 27), Minigrafico(10, 2, 3, 27)]).decode()
    assert xml == (
        f'<extLst xmlns:a="{NS_X14}"><a:sparklines xmlns:b="{NS_XM}"><a:sparkline><b:f>x</b:f></a:sparkline>'
        "<a:sparkline><b:f>'Tablero'!C10:D10</b:f><b:sqref>AB10</b:sqref></a:sparkline>"
        "<a:sparkline><b:f>'Tablero'!C11:D11</b:f><b:sqref>AB11</b:sqref></a:sparkline>"
        "</a:sparklines><a:sparklines/></extLst>"
    )
    assert b"<?" not in etree.tostring(extension)  # el bloque queda como estaba
    por_omision = etree.fromstring(f'<sparklines xmlns="{NS_X14}" xmlns:xm="{NS_XM}"/>')
    assert con_minigraficos(por_omision, [Minigrafico(0, 0, 1, 2)]).decode() == (
        f'<sparklines xmlns="{NS_X14}" xmlns:xm="{NS_XM}"><sparkline><xm:f>\'Tablero\'!A1:B1</xm:f>'
        "<xm:sqref>C1</xm:sqref></sparkline></sparklines>"
    )


def test_el_dibujo_no_depende_de_los_altos_de_las_filas_bajo_los_graficos(informe_muestra):
    """Solo se le pasan a XlsxWriter los altos de las filas que cubren los gráficos: el dibujo es el
    mismo que con todos (los del libro de datos del reporte de Word) y el de una fila alta justo debajo
    del último gráfico cuenta."""
    import io
    import zipfile

    from xl_seguimiento.maqueta.tablero import maquetar_tablero
    from xl_seguimiento.xlsx.escritura.dibujo import graficos_con_datos

    def con_todos_los_altos(tablero: Tablero) -> bytes:
        libro = graficos_con_datos(tablero, datetime(2026, 1, 1)).libro
        with zipfile.ZipFile(io.BytesIO(libro)) as paquete:
            return paquete.read("xl/drawings/drawing1.xml")

    tablero = maquetar_tablero(informe_muestra)
    assert len(tablero.hoja.altos) > 40  # también filas de la tabla de indicadores, bajo los gráficos
    assert dibujar(tablero).dibujo == con_todos_los_altos(tablero)
    # Filas de 3 puntos bajo la cifra: el último gráfico baja hasta muchas filas por debajo de su lugar.
    bajas = ((i, 3.0) for i in range(6, 80))
    hoja = replace(tablero.hoja, altos=tuple(sorted(dict((*tablero.hoja.altos, *bajas)).items())))
    bajo = tablero._replace(hoja=hoja)
    assert dibujar(bajo).dibujo == con_todos_los_altos(bajo) != dibujar(tablero).dibujo


def test_la_edicion_agrega_varias_hojas_y_escribe_el_paquete_una_vez(tmp_path, monkeypatch):
    from apoyo import LIBRO_MUESTRA

    from xl_seguimiento.xlsx.escritura import edicion
    from xl_seguimiento.xlsx.lectura.calamine import LibroAbierto

    pasadas = []
    reescribir = edicion.zipcrudo.reescribir
    monkeypatch.setattr(edicion.zipcrudo, "reescribir", lambda *a: pasadas.append(1) or reescribir(*a))
    destino = tmp_path / "salida.xlsx"
    with edicion.Edicion.de_archivo(LIBRO_MUESTRA) as libro:
        libro.agregar_hoja(MAQUETA)
        libro.agregar_hoja(TABLERO.hoja, dibujar(TABLERO))
        libro.agregar_hoja(MAQUETA)  # el mismo nombre: se reemplaza en su parte, sin «Hoja1»
        libro.guardar(destino)
    assert pasadas == [1]
    leido = LibroAbierto(destino)
    assert [n for n, _ in leido.hojas()][-2:] == ["Hoja", "Tablero"]
    assert leido.hoja("hoja") == [
        ["Título <1> & \x01", "", ""],
        ["Código", "Plazo", "Estado"],
        [" ISS.01", date(2026, 3, 1), ""],
        [2.5, True, 7.0],
    ]


def test_plantilla_del_libro_sin_hojas():
    import io
    import zipfile

    from xl_seguimiento.xlsx.escritura.plantilla import libro_vacio

    with zipfile.ZipFile(io.BytesIO(libro_vacio())) as paquete:
        partes = {n: paquete.read(n).decode() for n in paquete.namelist() if "theme" not in n}
        assert paquete.namelist()[-1] == "xl/theme/theme1.xml"
    assert partes == PLANTILLA
