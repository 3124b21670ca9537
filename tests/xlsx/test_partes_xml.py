"""Las partes que la escritura edita, texto adentro y texto afuera: cada forma válida de escribirlas.

Un mismo contenido se escribe de muchas maneras válidas (orden de atributos, comillas simples,
prefijos, listas vacías autocerradas, `count` ausente o equivocado, mc:AlternateContent); la
edición debe dar el mismo resultado en todas y conservar prefijos y declaraciones.
"""

import zipfile

import pytest
from apoyo import LIBRO_MUESTRA, reempaquetar
from lxml import etree
from revision_paquete import problemas

from xl_seguimiento.maqueta.hoja import FORMATOS
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
from xl_seguimiento.xlsx.escritura.estilos import agregar_estilos, hoja_de_estilos_vacia
from xl_seguimiento.xlsx.opc.paquete import Relaciones, TiposDeContenido, nombre_libre
from xl_seguimiento.xlsx.opc.xml_seguro import ErrorParte, hijos, leer_xml, nombre_local, xml_bytes

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_TIPOS = "http://schemas.openxmlformats.org/package/2006/content-types"
TIPO_HOJA = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TIPO_RELS = "application/vnd.openxmlformats-package.relationships+xml"
with zipfile.ZipFile(LIBRO_MUESTRA) as _muestra:
    LIBRO_MUESTRA_RELS = _muestra.read("xl/_rels/workbook.xml.rels")


def tipos(texto: str) -> TiposDeContenido:
    return TiposDeContenido(leer_xml(texto.encode(), "[Content_Types].xml"))


@pytest.mark.parametrize(
    "override",
    [
        '<Override PartName="/xl/worksheets/sheet9.xml" ContentType="x"/>',
        "<Override ContentType='x' PartName='/xl/worksheets/sheet9.xml'/>",  # atributos al revés, comillas simples
        '<Override  ContentType = "x"\n PartName="/XL/Worksheets/Sheet9.xml" />',  # mayúsculas y espacios
    ],
)
def test_tipo_de_una_parte_se_reemplaza_escriba_como_se_escriba(override):
    t = tipos(f'<Types xmlns="{NS_TIPOS}">{override}</Types>')
    t.declarar("xl/worksheets/sheet9.xml", TIPO_HOJA)
    raiz = etree.fromstring(t.a_bytes())
    assert [(o.get("PartName"), o.get("ContentType")) for o in raiz] == [
        ("/xl/worksheets/sheet9.xml", TIPO_HOJA)
    ]


def test_tipos_repetidos_quedan_en_uno_y_el_prefijo_se_conserva():
    t = tipos(
        f'<ct:Types xmlns:ct="{NS_TIPOS}"><ct:Default Extension="xml" ContentType="application/xml"/>'
        '<ct:Override PartName="/a.xml" ContentType="p"/><ct:Override PartName="/A.xml" ContentType="q"/></ct:Types>'
    )
    t.declarar("b.xml", TIPO_HOJA)
    texto = t.a_bytes().decode()
    assert texto.count("PartName") == 2 and 'ContentType="q"' not in texto
    assert '<ct:Override PartName="/b.xml"' in texto  # el elemento nuevo lleva el prefijo de su padre


def test_un_rels_nuevo_recibe_tipo_aunque_falte_el_default_rels():
    sin_default = tipos(
        f'<Types xmlns="{NS_TIPOS}"><Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    sin_default.declarar("xl/worksheets/_rels/sheet2.xml.rels", TIPO_RELS)
    assert sin_default.tipo("xl/worksheets/_rels/sheet2.xml.rels") == TIPO_RELS
    con_default = tipos(
        f'<Types xmlns="{NS_TIPOS}"><Default Extension="RELS" ContentType="{TIPO_RELS}"/></Types>'
    )
    con_default.declarar("xl/worksheets/_rels/sheet2.xml.rels", TIPO_RELS)
    assert b"Override" not in con_default.a_bytes()  # el Default ya le da su tipo


def test_nombres_nuevos_sin_distinguir_mayusculas():
    assert nombre_libre(
        {"xl/worksheets/Sheet1.xml", "xl/worksheets/sheet2.xml"}, "xl/worksheets/sheet{}.xml"
    ) == ("xl/worksheets/sheet3.xml")


def test_relacion_nueva_con_id_libre_y_prefijo_del_archivo():
    ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    raiz = leer_xml(
        f'<r:Relationships xmlns:r="{ns}"><r:Relationship Id="RID1" Type="t" Target="a.xml"/>'
        '<r:Relationship Id="rId2" Type="t" Target="b.xml"/></r:Relationships>'.encode(),
        "xl/_rels/workbook.xml.rels",
    )
    relaciones = Relaciones("xl/_rels/workbook.xml.rels", "xl", raiz)
    assert relaciones.agregar("t", "xl/worksheets/sheet3.xml") == "rId3"  # rId1 está tomado como RID1
    assert b'<r:Relationship Id="rId3" Type="t" Target="worksheets/sheet3.xml"/>' in relaciones.a_bytes()


def test_documento_con_doctype_se_rechaza_sin_expandir():
    with pytest.raises(ErrorParte, match="DOCTYPE"):
        leer_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a b="&e;"/>', "xl/workbook.xml")


def test_utf16_se_lee_y_se_escribe_en_utf8():
    raiz = leer_xml('<?xml version="1.0" encoding="UTF-16"?><a>ñ</a>'.encode("utf-16"), "p")
    assert xml_bytes(raiz) == b"<?xml version='1.0' encoding='UTF-8'?>\n<a>\xc3\xb1</a>"


def estilos(texto: str):
    raiz = leer_xml(texto.encode(), "xl/styles.xml")
    indices = agregar_estilos(raiz, "xl/styles.xml")
    return raiz, indices


def listas(raiz):
    return {etree.QName(h).localname: h for h in raiz}


def cuenta(lista) -> int:
    return len([h for h in lista if etree.QName(h).localname != "extLst"])


@pytest.mark.parametrize(
    "texto",
    [
        f'<styleSheet xmlns="{NS}"/>',  # vacía
        f'<styleSheet xmlns="{NS}"><numFmts count="0"/><fonts count="0"/><cellXfs/></styleSheet>',  # openpyxl
        f'<x:styleSheet xmlns:x="{NS}"><x:fonts><x:font/></x:fonts></x:styleSheet>',  # prefijo, sin count
    ],
)
def test_hoja_de_estilos_en_cualquier_forma_queda_completa(texto):
    raiz, indices = estilos(texto)
    hijos = listas(raiz)
    assert list(hijos)[:6] == ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs"]
    for lista in hijos.values():
        assert lista.get("count") == str(cuenta(lista))
    assert len(hijos["cellXfs"]) == 1 + len(FORMATOS)  # el xf por omisión y uno por formato
    celdas = {k: v for k, v in indices.items() if not k.startswith("dxf:")}
    assert sorted(celdas.values()) == list(range(1, 1 + len(FORMATOS)))
    diferenciales = sorted(v for k, v in indices.items() if k.startswith("dxf:"))
    assert diferenciales == list(range(sum(1 for f in FORMATOS.values() if f.relleno)))  # uno por relleno
    prefijo = raiz.prefix
    assert all(e.prefix == prefijo for e in raiz.iter(etree.Element))


def test_alternate_content_cuenta_como_un_elemento():
    texto = (
        f'<x:styleSheet xmlns:x="{NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<x:fonts count="2"><x:font/><mc:AlternateContent><mc:Choice Requires="hs"><x:font/></mc:Choice>'
        "<mc:Fallback><x:font/></mc:Fallback></mc:AlternateContent></x:fonts>"
        '<x:cellXfs count="1"><x:xf fontId="1"/></x:cellXfs></x:styleSheet>'
    )
    raiz, indices = estilos(texto)
    fuentes = listas(raiz)["fonts"]
    assert fuentes.get("count") == str(2 + len(FORMATOS))
    xf_titulo = listas(raiz)["cellXfs"][indices["titulo"]]
    assert xf_titulo.get("fontId") == "2"  # después de las dos fuentes existentes, no de las tres <font>


def test_formato_numerico_nuevo_no_choca_con_los_existentes():
    raiz, indices = estilos(
        f'<styleSheet xmlns="{NS}"><numFmts count="1"><numFmt numFmtId="200" formatCode="0.000"/></numFmts>'
        "</styleSheet>"
    )
    xf = listas(raiz)["cellXfs"][indices["decimal"]]
    assert xf.get("numFmtId") == "201"
    propios = sum(1 for f in FORMATOS.values() if f.numero)  # «0.0» y la fecha del plazo
    assert listas(raiz)["numFmts"].get("count") == str(1 + propios)


def test_escribir_dos_veces_no_agrega_estilos():
    raiz, _ = estilos(f'<styleSheet xmlns="{NS}"/>')
    primera = xml_bytes(raiz)
    agregar_estilos(raiz, "xl/styles.xml")  # los índices pueden ser otros idénticos de la primera
    assert xml_bytes(raiz) == primera


def test_se_reusa_un_elemento_identico_que_el_libro_traia():
    """Misma forma canónica (otro orden de atributos, otro prefijo) cuenta como idéntico."""
    fuente = '<x:font><x:b/><x:sz val="14"/><x:color theme="1"/><x:name val="Calibri"/><x:family val="2"/>'
    relleno = '<x:fill><x:patternFill patternType="solid"><x:bgColor rgb="FFFFF2CC"/>'
    relleno = relleno.replace("<x:bgColor", '<x:fgColor rgb="FFFFF2CC"/><x:bgColor')
    raiz, indices = estilos(
        f'<x:styleSheet xmlns:x="{NS}"><x:numFmts count="1"><x:numFmt formatCode="0.0" numFmtId="170"/>'
        f'</x:numFmts><x:fonts count="2"><x:font/>{fuente}<x:scheme val="minor"/></x:font></x:fonts>'
        f'<x:fills count="1">{relleno}</x:patternFill></x:fill></x:fills></x:styleSheet>'
    )
    xfs = listas(raiz)["cellXfs"]
    assert xfs[indices["titulo"]].get("fontId") == "1"
    assert xfs[indices["entrada"]].get("fillId") == "0"
    assert xfs[indices["decimal"]].get("numFmtId") == "170"
    assert cuenta(listas(raiz)["numFmts"]) == 2  # solo el formato de fecha es nuevo


def test_hoja_de_estilos_nueva_en_el_dialecto_estricto():
    estricto = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    raiz = hoja_de_estilos_vacia(estricto)
    agregar_estilos(raiz, "xl/styles.xml")
    assert {etree.QName(e).namespace for e in raiz.iter(etree.Element)} == {estricto}


def test_partes_nuevas_no_caen_en_nombres_ocupados_ni_en_destinos_de_relaciones(tmp_path, informe_muestra):
    """Una relación colgante que nombra sheet2.xml y una parte Table1.xml: la hoja nueva va a
    sheet3.xml y su tabla a table2.xml (los nombres de parte no distinguen mayúsculas)."""
    origen = reempaquetar(
        LIBRO_MUESTRA,
        tmp_path / "ocupado.xlsx",
        {
            "xl/_rels/workbook.xml.rels": LIBRO_MUESTRA_RELS.replace(
                b"</Relationships>",
                b'<Relationship Id="rId9" Type="http://example.com/otra" Target="worksheets/sheet2.xml"/>'
                b"</Relationships>",
            ),
            "xl/tables/Table1.xml": b"<sin-tipo/>",
        },
    )
    salida = tmp_path / "salida.xlsx"
    escribir_sin_perdidas(origen, salida, maquetar(informe_muestra))
    with zipfile.ZipFile(salida) as paquete:
        nuevas = set(paquete.namelist()) - set(zipfile.ZipFile(origen).namelist())
    assert nuevas == {
        "xl/worksheets/sheet3.xml",
        "xl/worksheets/_rels/sheet3.xml.rels",
        "xl/tables/table2.xml",
    }
    assert problemas(salida) == problemas(origen)


def test_hijos_por_nombre_local_en_cualquier_espacio_y_sin_comentarios():
    """`hijos` filtra con lxml («{*}»): los mismos hijos que comparar `nombre_local` uno por uno."""
    raiz = leer_xml(
        b'<a xmlns:x="urn:x"><b/><x:b id="2"/><!-- b --><?b b?><c><b/></c><b xmlns="urn:y" id="4"/><bb/></a>',
        "prueba.xml",
    )
    encontrados = hijos(raiz, "b")
    assert [h.tag for h in encontrados] == ["b", "{urn:x}b", "{urn:y}b"]
    assert encontrados == [h for h in raiz if nombre_local(h) == "b"]
    assert hijos(raiz, "d") == []
