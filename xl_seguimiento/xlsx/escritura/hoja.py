"""La parte de una hoja (worksheet) de una `Maqueta`: celdas, anchos, altos, combinadas, formatos
condicionales, validaciones, vínculos, la configuración de página (`pagina`, en el orden de
CT_Worksheet), su tabla, su dibujo y el bloque de minigráficos.

Se escribe por trozos de texto y se comprime en otro hilo mientras se arma el siguiente trozo.
Todo texto pasa por `opc.xml_seguro` (cadena de Excel y escapes XML). Una celda que sigue a la
anterior de su fila va sin su referencia «r» (la salida es más chica y se ve igual: ver
docs/DECISIONES.md).
"""

from collections.abc import Iterator
from datetime import date

from ...maqueta.hoja import Celda, Fila, Maqueta, Validacion
from ...nucleo.a1 import letras_columna, serie_de_fecha
from ..opc import zipcrudo
from ..opc.constantes import DECLARACION_XML, Dialecto
from ..opc.xml_seguro import atributo_xml, texto_xml
from .pagina import xml_impresion, xml_propiedades, xml_vista

__all__ = ["FILAS_POR_TROZO", "trozos_hoja", "xml_hoja"]

FILAS_POR_TROZO = 2000  # cada trozo de la hoja se comprime en otro hilo mientras se arma el siguiente


def xml_hoja(
    maqueta: Maqueta,
    indices: dict[str, int],
    dialecto: Dialecto,
    id_tabla: str,
    id_dibujo: str = "",
    extension: bytes = b"",
) -> zipcrudo.Comprimida:
    """La parte XML de la hoja, comprimida en otro hilo mientras se arma."""
    return zipcrudo.comprimir(trozos_hoja(maqueta, indices, dialecto, id_tabla, id_dibujo, extension))


def trozos_hoja(
    maqueta: Maqueta,
    indices: dict[str, int],
    dialecto: Dialecto,
    id_tabla: str,
    id_dibujo: str,
    extension: bytes,
) -> Iterator[bytes]:
    """La parte XML de la hoja en trozos de FILAS_POR_TROZO filas, en UTF-8."""
    # los atributos del alto de cada fila alta, armados una vez por alto (hay pocos distintos)
    por_alto = {alto: f'" ht="{alto:g}" customHeight="1">' for alto in {alto for _, alto in maqueta.altos}}
    altos = {i: por_alto[alto] for i, alto in maqueta.altos}
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
    hechas: dict[Celda, str] = {}  # el XML sin referencia de cada celda del trozo (muchas se repiten)
    for i, fila in enumerate(maqueta.filas, start=1):
        partes.append(f'<row r="{i}{altos.get(i, _SIN_ALTO)}')
        _agregar_celdas(partes, vinculos, fila, i, letras, atributos, hechas)
        partes.append("</row>")
        if i % FILAS_POR_TROZO == 0:
            yield "".join(partes).encode("utf-8")
            partes = []
            hechas.clear()
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


_SIN_ALTO = '">'  # el cierre de <row> de una fila sin alto propio


def _agregar_celdas(
    partes: list[str],
    vinculos: list[str],
    fila: Fila,
    i: int,
    letras: list[str],
    atributos: dict[str, str],
    hechas: dict[Celda, str],
) -> None:
    """Las celdas de la fila `i` y sus vínculos. Una celda que sigue a la anterior escrita de su fila
    (o la primera, en A) va sin su referencia «r»; una vacía y sin estilo no se escribe.

    `hechas` guarda el XML sin referencia de cada celda de texto o vacía, sin vínculo, ya escrita (""
    si no se escribe): una repetida (el nivel, el tipo, las del usuario vacías) no se vuelve a armar.
    """
    agregar = partes.append
    seguida = True
    for letra, celda in zip(letras, fila, strict=False):
        if (xml := hechas.get(celda)) is None or (xml and not seguida):
            xml = _xml_celda(celda, atributos[celda.estilo], "" if seguida else f' r="{letra}{i}"')
            if celda.vinculo:
                vinculos.append(f'<hyperlink ref="{letra}{i}" location="{atributo_xml(celda.vinculo)}"/>')
            elif (seguida or not xml) and (celda.valor is None or type(celda.valor) is str):
                hechas[celda] = xml  # solo textos y vacías: 1, 1.0 y True son claves iguales
        if xml:
            agregar(xml)
        seguida = bool(xml)


def _xml_celda(celda: Celda, estilo: str, referencia: str) -> str:
    """Una celda (texto en línea, nunca fórmula; número; fecha; booleano; o solo estilo); "" si está
    vacía y sin estilo."""
    valor = celda.valor
    tipo = type(valor)
    if valor is None or valor == "":
        return f"<c{referencia}{estilo}/>" if estilo else ""
    if type(valor) is str:
        return f'<c{referencia}{estilo} t="inlineStr"><is>{_t_xml(valor)}</is></c>'
    if tipo is float or tipo is int:
        return f"<c{referencia}{estilo}><v>{valor!r}</v></c>"
    if isinstance(valor, date):
        return f"<c{referencia}{estilo}><v>{serie_de_fecha(valor)!r}</v></c>"
    if tipo is bool:
        return f'<c{referencia}{estilo} t="b"><v>{int(valor)}</v></c>'
    return f'<c{referencia}{estilo} t="inlineStr"><is>{_t_xml(str(valor))}</is></c>'


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
