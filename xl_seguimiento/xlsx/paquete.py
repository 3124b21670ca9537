"""Escritura sin pérdidas: agrega o reemplaza la hoja «Alertas» editando el paquete (zip) del libro.

La misma escritura arma libros nuevos (el consolidado del modo por lotes) sobre un paquete vacío.

Todas las partes del original quedan idénticas byte a byte, salvo las que agregar una hoja
obliga a tocar: workbook.xml y sus relaciones, [Content_Types].xml y styles.xml (al que solo
se le agregan estilos al final de cada lista, salvo los que ya tenía idénticos), que se leen y
escriben como XML con lxml (opc, estilos). El texto va como cadena de Excel (xml_seguro). VBA, botones, formas, imágenes, minigráficos, validaciones extendidas y valores en
caché de las fórmulas no se leen ni se reescriben: se copian sus bytes comprimidos (zipcrudo).
Los nombres de parte se manejan normalizados (con «/», y se comparan sin mayúsculas); solo al
final se traducen al nombre de la entrada en el zip. Se guarda en un temporal de la misma carpeta y se renombra: nunca queda un archivo a medias.
"""

import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from ..maqueta.hoja import Fila, Maqueta, Validacion
from ..maqueta.tablero import Tablero
from ..nucleo.celdas import letras_columna
from ..nucleo.errores import ErrorSeguimiento
from . import zipcrudo
from .archivos import ERRORES_ZIP, motivo_zip, validar_libro
from .atomico import escritura_atomica
from .dibujo import Dibujo, dibujar
from .estilos import agregar_estilos, hoja_de_estilos_vacia
from .opc import (
    CONTENT_TYPES,
    NS_R,
    NS_REL_PAQUETE,
    REL_DOCUMENTO,
    TIPO_RELS,
    Paquete,
    Relaciones,
    TiposDeContenido,
    nombre_libre,
    rels_de,
)
from .pagina import nombres_definidos, poner_nombres, xml_impresion, xml_propiedades, xml_vista
from .xml_seguro import (
    ErrorParte,
    agregar,
    atributo_xml,
    hijo_en_orden,
    hijos,
    texto_xml,
    xml_bytes,
)
from .zipcrudo import Cambios

NS_PRINCIPAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_TABLA = NS_R + "/table"
REL_ESTILOS = NS_R + "/styles"
REL_DIBUJO = NS_R + "/drawing"
REL_GRAFICO = NS_R + "/chart"
TIPO_DIBUJO = "application/vnd.openxmlformats-officedocument.drawing+xml"
TIPO_GRAFICO = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
TIPO_HOJA = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
TIPO_TABLA = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
TIPO_ESTILOS = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
DECLARACION_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
TIPO_TEMA = "application/vnd.openxmlformats-officedocument.theme+xml"
TIPO_LIBRO = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def _libro_vacio() -> dict[str, str]:
    """Un libro sin hojas, el punto de partida de un libro nuevo. Cada hoja se le agrega con la misma
    escritura que la hoja «Alertas», que crea también la hoja de estilos.

    Lleva el tema de Office de XlsxWriter (el de Excel 2007 a 2019, con Calibri, la fuente de los
    estilos): el SDK de Open XML exige la relación de tema del libro, y Excel, openpyxl y XlsxWriter
    siempre la escriben. Se importa aquí porque solo el consolidado lo usa.
    """
    from xlsxwriter.theme import THEME_XML_2007

    return {
        CONTENT_TYPES: DECLARACION_XML
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{TIPO_RELS}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TIPO_LIBRO}"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{TIPO_TEMA}"/></Types>',
        "_rels/.rels": DECLARACION_XML + f'<Relationships xmlns="{NS_REL_PAQUETE}">'
        f'<Relationship Id="rId1" Type="{REL_DOCUMENTO}" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": DECLARACION_XML
        + f'<workbook xmlns="{NS_PRINCIPAL}" xmlns:r="{NS_R}"><sheets></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": DECLARACION_XML + f'<Relationships xmlns="{NS_REL_PAQUETE}">'
        f'<Relationship Id="rId1" Type="{NS_R}/theme" Target="theme/theme1.xml"/></Relationships>',
        "xl/theme/theme1.xml": THEME_XML_2007,
    }


FILAS_POR_TROZO = 2000  # cada trozo de la hoja se comprime en otro hilo mientras se arma el siguiente


@dataclass(frozen=True)
class Dialecto:
    """Los espacios de nombres de un libro: transicional (el habitual) o estricto (ISO/IEC 29500 Strict).

    Las partes nuevas se escriben en el mismo dialecto que el libro; OPC y los tipos de contenido
    son iguales en los dos.
    """

    principal: str
    relaciones: str  # espacio del atributo r:id y raíz de los tipos de relación

    def relacion(self, tramo: str) -> str:
        return f"{self.relaciones}/{tramo}"


TRANSICIONAL = Dialecto(NS_PRINCIPAL, NS_R)
ESTRICTO = Dialecto(
    "http://purl.oclc.org/ooxml/spreadsheetml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships"
)
# Hijos de <workbook> que van antes de <sheets> en el esquema (CT_Workbook).
ORDEN_LIBRO = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets")


def escribir_sin_perdidas(
    origen: Path, destino: Path, maqueta: Maqueta, tablero: Tablero | None = None
) -> None:
    """Copia `origen` en `destino` con la hoja de la maqueta (y el tablero), tocando solo las partes necesarias."""
    validar_libro(origen)
    try:
        with zipfile.ZipFile(origen) as paquete:
            if tablero is None:
                _guardar_atomico(paquete, *_cambios(Paquete(paquete), maqueta), destino)
                return
            intermedio = _con_hoja(paquete, maqueta)
        with zipfile.ZipFile(io.BytesIO(intermedio)) as paquete:
            _guardar_atomico(paquete, *_cambios(Paquete(paquete), tablero.hoja, dibujar(tablero)), destino)
    except ErrorParte as error:
        raise ErrorSeguimiento(f"«{origen}» no se puede escribir: {error}.", archivo=origen) from error
    except ERRORES_ZIP as error:
        raise ErrorSeguimiento(
            f"«{origen}» tiene un paquete dañado y no se puede escribir: {motivo_zip(error)}.", archivo=origen
        ) from error


def escribir_libro_nuevo(destino: Path, maquetas: Sequence[Maqueta]) -> None:
    """Un libro nuevo en `destino` con una hoja por maqueta, en ese orden."""
    datos = _empaquetar(_libro_vacio())
    for maqueta in maquetas:
        with zipfile.ZipFile(io.BytesIO(datos)) as paquete:
            datos = _con_hoja(paquete, maqueta)
    with escritura_atomica(destino) as temporal:
        temporal.write_bytes(datos)


def _con_hoja(paquete: zipfile.ZipFile, maqueta: Maqueta) -> bytes:
    """El paquete con la hoja de la maqueta, en memoria (para agregarle otra hoja después)."""
    salida = io.BytesIO()
    zipcrudo.reescribir(paquete, salida, *_cambios(Paquete(paquete), maqueta))
    return salida.getvalue()


def _empaquetar(partes: dict[str, str]) -> bytes:
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as paquete:
        for nombre, xml in partes.items():  # fecha fija: el mismo consolidado da los mismos bytes
            paquete.writestr(
                zipfile.ZipInfo(nombre, date_time=zipcrudo.FECHA_FIJA), xml, zipfile.ZIP_DEFLATED
            )
    return salida.getvalue()


def _cambios(paquete: Paquete, maqueta: Maqueta, dibujo: Dibujo | None = None) -> tuple[Cambios, set[str]]:
    """Partes nuevas o modificadas y partes que desaparecen, con su nombre de entrada en el zip."""
    tipos = paquete.tipos()
    parte_libro = paquete.parte_libro()
    libro = paquete.xml(parte_libro)
    dialecto = ESTRICTO if etree.QName(libro).namespace == ESTRICTO.principal else TRANSICIONAL
    rels_libro = paquete.relaciones(parte_libro)
    hojas = hijo_en_orden(libro, "sheets", ORDEN_LIBRO)
    # Excel no distingue mayúsculas en los nombres de hoja: «alertas» también se reemplaza.
    anterior = next(
        (h for h in hijos(hojas, "sheet") if h.get("name", "").casefold() == maqueta.nombre.casefold()), None
    )
    relacion = (
        rels_libro.por_id(anterior.get(f"{{{dialecto.relaciones}}}id", "")) if anterior is not None else None
    )
    cambios: Cambios = {}
    quitar: set[str] = set()
    if relacion is not None:  # se reemplaza la hoja anterior en la misma parte
        parte_hoja = relacion.parte
        rels_libro.cambiar_tipo(relacion, dialecto.relacion("worksheet"))
        quitar = _partes_de_hoja(paquete, parte_hoja)
        for parte in quitar:
            tipos.quitar(parte)
    ocupadas = _ocupadas(paquete, tipos, quitar)
    carpeta = posixpath.dirname(parte_libro)
    if relacion is None:
        if anterior is not None:  # una hoja con ese nombre pero sin parte: se rehace
            hojas.remove(anterior)
        parte_hoja = nombre_libre(ocupadas, posixpath.join(carpeta, "worksheets/sheet{}.xml"))
        ocupadas.add(parte_hoja.casefold())
        _agregar_hoja(
            hojas, maqueta.nombre, rels_libro.agregar(dialecto.relacion("worksheet"), parte_hoja), dialecto
        )
        cambios[parte_libro] = xml_bytes(libro)
    hoja = anterior if relacion is not None and anterior is not None else hijos(hojas, "sheet")[-1]
    nombres = nombres_definidos(maqueta.pagina, hoja.get("name", maqueta.nombre))
    if poner_nombres(libro, hijos(hojas, "sheet").index(hoja), nombres):  # área de impresión y títulos
        cambios[parte_libro] = xml_bytes(libro)
    parte_tabla = nombre_libre(ocupadas, posixpath.join(carpeta, "tables/table{}.xml"))
    ocupadas.add(parte_tabla.casefold())
    parte_estilos, indices = _estilos(paquete, rels_libro, dialecto, ocupadas, cambios)
    rels_hoja = Relaciones(rels_de(parte_hoja), posixpath.dirname(parte_hoja), None)
    id_tabla_en_hoja = rels_hoja.agregar(dialecto.relacion("table"), parte_tabla)
    id_tabla, nombre_tabla = _identidad_tabla(paquete, tipos, quitar, maqueta.tabla)
    id_dibujo = ""
    if dibujo is not None:
        id_dibujo = rels_hoja.agregar(
            dialecto.relacion("drawing"), _agregar_dibujo(dibujo, carpeta, ocupadas, cambios, tipos)
        )
    cambios[parte_hoja] = _xml_hoja(
        maqueta, indices, dialecto, id_tabla_en_hoja, id_dibujo, dibujo.minigraficos if dibujo else b""
    )
    cambios[rels_hoja.parte] = rels_hoja.a_bytes()
    cambios[parte_tabla] = _xml_tabla(maqueta, id_tabla, nombre_tabla, dialecto).encode("utf-8")
    if rels_libro.cambio:
        cambios[rels_libro.parte] = rels_libro.a_bytes()
    for parte, tipo in (
        (parte_hoja, TIPO_HOJA),
        (rels_hoja.parte, TIPO_RELS),
        (parte_tabla, TIPO_TABLA),
        (parte_estilos, TIPO_ESTILOS),
        (rels_libro.parte, TIPO_RELS),
    ):
        tipos.declarar(parte, tipo)
    cambios[CONTENT_TYPES] = tipos.a_bytes()
    reales = {paquete.real(p): datos for p, datos in cambios.items()}
    return reales, {paquete.real(p) for p in quitar} - set(reales)


def _ocupadas(paquete: Paquete, tipos: TiposDeContenido, quitar: set[str]) -> set[str]:
    """Nombres (en minúsculas) que una parte nueva no puede tomar: partes, tipos declarados y destinos."""
    sin = {p.casefold() for p in quitar}
    return (
        {p for p in paquete.nombres if p not in sin}
        | {p.casefold() for p in tipos.partes()}
        | {p.casefold() for p in paquete.destinos_relacionados(excepto=quitar)}
    )


def _agregar_hoja(hojas: etree._Element, nombre: str, id_rel: str, dialecto: Dialecto) -> None:
    ids = [int(h.get("sheetId", "")) for h in hijos(hojas, "sheet") if h.get("sheetId", "").isdigit()]
    atributos = {
        "name": nombre,
        "sheetId": str(max(ids, default=0) + 1),
        f"{{{dialecto.relaciones}}}id": id_rel,
    }
    agregar(hojas, "sheet", atributos, {"r": dialecto.relaciones})


def _estilos(
    paquete: Paquete,
    rels_libro: Relaciones,
    dialecto: Dialecto,
    ocupadas: set[str],
    cambios: Cambios,
) -> tuple[str, dict[str, int]]:
    """Agrega los estilos de la hoja (en `cambios`) y devuelve la parte de estilos y los índices de cada estilo.

    styles.xml es opcional: si el libro no la trae, se crea (donde apunte su relación, si la tiene).
    """
    relaciones = rels_libro.de_tipo(REL_ESTILOS)
    if relaciones and paquete.nombre(parte := relaciones[0].parte) is not None:
        raiz = paquete.xml(parte)
    else:
        parte = relaciones[0].parte if relaciones else _nombre_estilos(ocupadas, rels_libro.directorio)
        if not relaciones:
            rels_libro.agregar(dialecto.relacion("styles"), parte)
        raiz = hoja_de_estilos_vacia(dialecto.principal)
    indices = agregar_estilos(raiz, parte)
    cambios[parte] = xml_bytes(raiz)
    return parte, indices


def _nombre_estilos(ocupadas: set[str], carpeta: str) -> str:
    preferido = posixpath.join(carpeta, "styles.xml")
    if preferido.casefold() not in ocupadas:
        return preferido
    return nombre_libre(ocupadas, posixpath.join(carpeta, "styles{}.xml"))


def _partes_de_hoja(paquete: Paquete, parte_hoja: str) -> set[str]:
    """La hoja anterior, su archivo de relaciones y sus tablas (se regeneran), las que existan."""
    rels = paquete.relaciones(parte_hoja)
    partes = [parte_hoja, rels.parte, *(r.parte for r in rels.de_tipo(REL_TABLA))]
    for dibujo in rels.de_tipo(REL_DIBUJO):  # el tablero: su dibujo y sus gráficos
        rels_dibujo = paquete.relaciones(dibujo.parte)
        partes += [dibujo.parte, rels_dibujo.parte, *(r.parte for r in rels_dibujo.de_tipo(REL_GRAFICO))]
    return {nombre for p in partes if (nombre := paquete.nombre(p)) is not None}


def _agregar_dibujo(
    dibujo: Dibujo, carpeta: str, ocupadas: set[str], cambios: Cambios, tipos: TiposDeContenido
) -> str:
    """Agrega el dibujo y sus gráficos (en `cambios`, con nombres libres y sus tipos) y devuelve su parte."""
    parte = nombre_libre(ocupadas, posixpath.join(carpeta, "drawings/drawing{}.xml"))
    ocupadas.add(parte.casefold())
    rels = Relaciones(rels_de(parte), posixpath.dirname(parte), None)
    for id_rel, grafico in dibujo.graficos.items():
        parte_grafico = nombre_libre(ocupadas, posixpath.join(carpeta, "charts/chart{}.xml"))
        ocupadas.add(parte_grafico.casefold())
        rels.agregar_con_id(id_rel, REL_GRAFICO, parte_grafico)
        cambios[parte_grafico] = grafico
        tipos.declarar(parte_grafico, TIPO_GRAFICO)
    cambios[parte] = dibujo.dibujo
    cambios[rels.parte] = rels.a_bytes()
    tipos.declarar(parte, TIPO_DIBUJO)
    tipos.declarar(rels.parte, TIPO_RELS)
    return parte


def _identidad_tabla(
    paquete: Paquete, tipos: TiposDeContenido, quitar: set[str], nombre: str
) -> tuple[int, str]:
    """Un id y un nombre de tabla que no use ninguna otra tabla del libro."""
    ids, nombres = {0}, set[str]()
    sin = {p.casefold() for p in quitar}
    for parte in paquete.reales:
        if parte.casefold() not in sin and tipos.tipo(parte) == TIPO_TABLA:
            raiz = paquete.xml(parte)
            if (raiz.get("id") or "").isdigit():
                ids.add(int(raiz.get("id", "")))
            nombres.update(n.casefold() for n in (raiz.get("name", ""), raiz.get("displayName", "")))
    unico, n = nombre, 1
    while unico.casefold() in nombres:
        n += 1
        unico = f"{nombre}{n}"
    return max(ids) + 1, unico


def _xml_hoja(
    maqueta: Maqueta,
    indices: dict[str, int],
    dialecto: Dialecto,
    id_tabla: str,
    id_dibujo: str = "",
    extension: bytes = b"",
) -> zipcrudo.Comprimida:
    """La parte XML de la hoja, comprimida en otro hilo mientras se arma."""
    return zipcrudo.comprimir(_trozos_hoja(maqueta, indices, dialecto, id_tabla, id_dibujo, extension))


def _trozos_hoja(
    maqueta: Maqueta,
    indices: dict[str, int],
    dialecto: Dialecto,
    id_tabla: str,
    id_dibujo: str,
    extension: bytes,
) -> Iterator[bytes]:
    """La parte XML de la hoja en trozos de FILAS_POR_TROZO filas, en UTF-8."""
    altos = dict(maqueta.altos)
    letras = [letras_columna(j) for j in range(max(map(len, maqueta.filas), default=0))]
    atributos = {estilo: f' s="{n}"' for estilo, n in indices.items()} | {"": ""}
    partes = [
        DECLARACION_XML + f'<worksheet xmlns="{dialecto.principal}" xmlns:r="{dialecto.relaciones}">',
        xml_propiedades(maqueta.pagina) + xml_vista(maqueta.pagina) + "<cols>",
        *(
            f'<col min="{j}" max="{j}" width="{ancho}" customWidth="1"/>'
            for j, ancho in enumerate(maqueta.anchos, start=1)
        ),
        "</cols><sheetData>",
    ]
    vinculos: list[str] = []
    for i, fila in enumerate(maqueta.filas, start=1):
        partes.append(f'<row r="{i}" ht="{altos[i]:g}" customHeight="1">' if i in altos else f'<row r="{i}">')
        _agregar_celdas(partes, vinculos, fila, i, letras, atributos)
        partes.append("</row>")
        if i % FILAS_POR_TROZO == 0:
            yield "".join(partes).encode("utf-8")
            partes = []
    partes.append("</sheetData>")
    if maqueta.combinadas:
        partes.append(f'<mergeCells count="{len(maqueta.combinadas)}">')
        partes.extend(f'<mergeCell ref="{r}"/>' for r in maqueta.combinadas)
        partes.append("</mergeCells>")
    for prioridad, condicional in enumerate(maqueta.condicionales, start=1):
        valor = _cadena(condicional.valor)
        partes.append(
            f'<conditionalFormatting sqref="{condicional.rango}"><cfRule type="cellIs" '
            f'dxfId="{indices["dxf:" + condicional.estilo]}" priority="{prioridad}" operator="equal">'
            f"<formula>{valor}</formula></cfRule></conditionalFormatting>"
        )
    if maqueta.validaciones:
        partes.append(f'<dataValidations count="{len(maqueta.validaciones)}">')
        partes.extend(map(_xml_validacion, maqueta.validaciones))
        partes.append("</dataValidations>")
    if vinculos:
        partes.extend(("<hyperlinks>", *vinculos, "</hyperlinks>"))
    partes.append(
        xml_impresion(maqueta.pagina)
        + (f'<drawing r:id="{id_dibujo}"/>' if id_dibujo else "")
        + f'<tableParts count="1"><tablePart r:id="{id_tabla}"/></tableParts>'
        + extension.decode("utf-8")
        + "</worksheet>"
    )
    yield "".join(partes).encode("utf-8")


def _agregar_celdas(
    partes: list[str], vinculos: list[str], fila: Fila, i: int, letras: list[str], atributos: dict[str, str]
) -> None:
    """Las celdas de la fila `i` (texto en línea, nunca fórmula; número; booleano; o solo estilo) y sus vínculos."""
    agregar = partes.append
    for letra, (valor, nombre_estilo, vinculo) in zip(letras, fila, strict=False):
        estilo = atributos[nombre_estilo]
        tipo = type(valor)
        if type(valor) is str and valor:
            agregar(f'<c r="{letra}{i}"{estilo} t="inlineStr"><is>{_t_xml(valor)}</is></c>')
        elif tipo is float or tipo is int:
            agregar(f'<c r="{letra}{i}"{estilo}><v>{valor!r}</v></c>')
        elif valor is None or valor == "":
            if estilo:
                agregar(f'<c r="{letra}{i}"{estilo}/>')
        elif isinstance(valor, date):
            agregar(f'<c r="{letra}{i}"{estilo}><v>{serie_de_fecha(valor)!r}</v></c>')
        elif tipo is bool:
            agregar(f'<c r="{letra}{i}"{estilo} t="b"><v>{int(valor)}</v></c>')
        else:
            agregar(f'<c r="{letra}{i}"{estilo} t="inlineStr"><is>{_t_xml(str(valor))}</is></c>')
        if vinculo:
            vinculos.append(f'<hyperlink ref="{letra}{i}" location="{atributo_xml(vinculo)}"/>')


def serie_de_fecha(valor: date) -> float:
    """El número de serie de Excel de una fecha (con su hora, si la tiene).

    Excel cuenta el 29 de febrero de 1900, que no existió: antes del 1 de marzo de 1900 la serie
    tiene un día menos (así la leen también calamine y openpyxl, y la ida y vuelta queda igual).
    """
    dia = valor.date() if isinstance(valor, datetime) else valor
    origen = date(1899, 12, 30) if dia >= date(1900, 3, 1) else date(1899, 12, 31)
    dias = float((dia - origen).days)
    if isinstance(valor, datetime):
        dias += (valor - datetime.combine(dia, datetime.min.time())).total_seconds() / 86400
    return dias


def _cadena(texto: str) -> str:
    """Un texto como constante de fórmula («"Bajo"»), escapado para ir dentro de un elemento XML."""
    return texto_xml('"' + texto + '"')


def _xml_validacion(validacion: Validacion) -> str:
    """Una lista de valores permitidos o una fecha, con su mensaje de error en español."""
    if validacion.lista:
        formula = _cadena(",".join(validacion.lista))
        return (
            f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Valor no válido" '
            f'error="Elija un valor de la lista." sqref="{validacion.rango}"><formula1>{formula}</formula1>'
            "</dataValidation>"
        )
    return (
        '<dataValidation type="date" operator="greaterThan" allowBlank="1" showErrorMessage="1" '
        f'errorTitle="Fecha no válida" error="Escriba una fecha." sqref="{validacion.rango}">'
        "<formula1>1</formula1></dataValidation>"
    )


def _t_xml(texto: str) -> str:
    """Elemento <t> escapado (`texto_xml`: los caracteres de control van como «_xHHHH_»), con sus espacios de borde."""
    if texto[:1].isspace() or texto[-1:].isspace():  # los del texto, antes de escapar un \r
        return f'<t xml:space="preserve">{texto_xml(texto)}</t>'
    return f"<t>{texto_xml(texto)}</t>"


def _xml_tabla(maqueta: Maqueta, id_tabla: int, nombre: str, dialecto: Dialecto) -> str:
    columnas = "".join(
        f'<tableColumn id="{j}" name="{atributo_xml(c)}"/>'
        for j, c in enumerate(maqueta.columnas_tabla, start=1)
    )
    return (
        DECLARACION_XML
        + f'<table xmlns="{dialecto.principal}" id="{id_tabla}" name="{nombre}" displayName="{nombre}" '
        f'ref="{maqueta.rango_tabla}" totalsRowShown="0"><autoFilter ref="{maqueta.rango_tabla}"/>'
        f'<tableColumns count="{len(maqueta.columnas_tabla)}">{columnas}</tableColumns>'
        '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" '
        'showRowStripes="0" showColumnStripes="0"/></table>'
    )


def _guardar_atomico(paquete: zipfile.ZipFile, cambios: Cambios, quitar: set[str], destino: Path) -> None:
    """Escribe el paquete nuevo en un temporal junto al destino y lo renombra."""
    with escritura_atomica(destino) as temporal, temporal.open("wb") as archivo:
        zipcrudo.reescribir(paquete, archivo, cambios, quitar)
