"""La parte de una hoja (worksheet) de una `Maqueta`: celdas, anchos, altos, combinadas, formatos
condicionales, validaciones, vínculos, la configuración de página (`pagina`, en el orden de
CT_Worksheet), su tabla, su dibujo y el bloque de minigráficos.

Se escribe por trozos de texto y se comprime en otro hilo mientras se arma el siguiente trozo.
Todo texto pasa por `opc.xml_seguro` (cadena de Excel y escapes XML). Una celda que sigue a la
anterior de su fila va sin su referencia «r» (la salida es más chica y se ve igual: ver
docs/DECISIONES.md).
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, compress, count, islice, repeat
from operator import is_not, not_
from typing import NamedTuple

from ...maqueta.hoja import Celda, Columna, Columnas, Fila, Filas, Maqueta, Validacion, Valor
from ...nucleo.a1 import letras_columna, serie_de_fecha
from ..opc import zipcrudo
from ..opc.constantes import DECLARACION_XML, Dialecto
from ..opc.xml_seguro import atributo_xml, atributos_xml, texto_xml, textos_xml
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
) -> zipcrudo.Compresion:
    """La parte XML de la hoja, comprimida en otro hilo mientras se arma (y después, si es grande)."""
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
    numeros, alturas = zip(*maqueta.altos, strict=True) if maqueta.altos else ((), ())
    por_alto = {alto: f'" ht="{alto:g}" customHeight="1">' for alto in set(alturas)}
    altos = dict(zip(numeros, map(por_alto.__getitem__, alturas), strict=True))
    letras = [letras_columna(j) for j in range(_ancho(maqueta.filas))]
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
    en_trozo = 0  # las filas del trozo que se arma
    for xml, cuantas in _filas_xml(maqueta.filas, letras, atributos, altos, vinculos):
        partes.append(xml)
        en_trozo += cuantas
        if en_trozo >= FILAS_POR_TROZO:
            yield "".join(partes).encode("utf-8")
            partes = []
            en_trozo = 0
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


def _filas_xml(
    filas: Sequence[Fila],
    letras: list[str],
    atributos: dict[str, str],
    altos: dict[int, str],
    vinculos: list[str],
) -> Iterator[tuple[str, int]]:
    """El XML de las filas y cuántas son, de a tandas de hasta FILAS_POR_TROZO: un bloque, armado por
    columnas; las demás filas, de a una. Sus vínculos van a `vinculos`."""
    hechas: dict[Celda, str] = {}  # el XML sin referencia de cada celda (muchas se repiten), por tanda
    i = 0  # la última fila escrita
    for tramo in filas.tramos if isinstance(filas, Filas) else (filas,):
        if (
            isinstance(tramo, Columnas)
            and (tandas := _xml_bloque(tramo, i + 1, letras, atributos, altos, vinculos)) is not None
        ):
            for desde in range(0, len(tramo), FILAS_POR_TROZO):
                yield next(tandas), min(FILAS_POR_TROZO, len(tramo) - desde)
            i += len(tramo)
            continue
        for fila in tramo:
            i += 1
            partes = [f'<row r="{i}{altos.get(i, _SIN_ALTO)}']
            _agregar_celdas(partes, vinculos, fila, i, letras, atributos, hechas)
            partes.append("</row>")
            yield "".join(partes), 1
            if i % FILAS_POR_TROZO == 0:  # lo recordado no crece con la hoja
                hechas.clear()


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
            xml = _xml_celda(celda.valor, atributos[celda.estilo], "" if seguida else f' r="{letra}{i}"')
            if celda.vinculo:
                vinculos.append(f'<hyperlink ref="{letra}{i}" location="{atributo_xml(celda.vinculo)}"/>')
            elif (seguida or not xml) and (celda.valor is None or type(celda.valor) is str):
                hechas[celda] = xml  # solo textos y vacías: 1, 1.0 y True son claves iguales
        if xml:
            agregar(xml)
        seguida = bool(xml)


def _ancho(filas: Sequence[Fila]) -> int:
    """Las columnas de la fila más ancha (las de un bloque, sin recorrer sus filas)."""
    tramos = filas.tramos if isinstance(filas, Filas) else (filas,)
    return max(
        (len(t.columnas) if isinstance(t, Columnas) else max(map(len, t), default=0) for t in tramos),
        default=0,
    )


def _xml_bloque(
    bloque: Columnas,
    primera: int,
    letras: list[str],
    atributos: dict[str, str],
    altos: dict[int, str],
    vinculos: list[str],
) -> Iterator[str] | None:
    """Las filas XML de un bloque que empieza en la fila `primera`, armadas columna por columna, en
    tandas de FILAS_POR_TROZO filas, y sus vínculos (en `vinculos`). None si alguna celda necesita
    su «r» (una vacía sin estilo antes de otra escrita) o hay vínculos en más de una columna: esas se
    escriben fila por fila.

    Cada tanda es un solo `join` de las partes de sus filas (sin armar cada fila): lo constante
    entre dos columnas (el final de una celda y el comienzo de la siguiente) va una vez, repetido."""
    columnas = [_xml_columna(c, atributos) for c in bloque.columnas]
    con_hueco = next((j for j, c in enumerate(columnas) if c.hueco), len(columnas))  # alguna sin escribir
    con_vinculo = [j for j, c in enumerate(bloque.columnas) if any(c.vinculos)]
    if len(con_vinculo) > 1 or any(c != _SIN_ESCRIBIR for c in columnas[con_hueco + 1 :]):
        return None
    filas = range(primera, primera + len(bloque))
    for j in con_vinculo:
        columna, letra = bloque.columnas[j], letras[j]
        vinculos.extend(
            f'<hyperlink ref="{letra}{i}" location="{lugar}"/>'
            for i, vinculo, lugar in zip(
                filas, columna.vinculos, atributos_xml(columna.vinculos), strict=True
            )
            if vinculo
        )
    piezas: list[Iterable[str]] = [[f'<row r="{i}{altos.get(i, _SIN_ALTO)}' for i in filas]]
    constante = ""
    for parte in chain.from_iterable((c.comienzo, c.medio, c.fin) for c in columnas):
        if isinstance(parte, str):
            constante += parte
        else:
            piezas.extend((repeat(constante), parte) if constante else (parte,))
            constante = ""
    piezas.append(repeat(constante + "</row>"))
    por_fila = zip(*piezas, strict=False)  # las constantes se repiten sin fin
    return (
        "".join(chain.from_iterable(islice(por_fila, FILAS_POR_TROZO)))
        for _ in range(0, len(filas), FILAS_POR_TROZO)
    )


class _Partes(NamedTuple):
    """Las celdas de una columna en tres partes (cada una, un texto igual en todas las filas o uno por
    fila) y si alguna queda sin escribir (una vacía sin estilo)."""

    comienzo: str | list[str]
    medio: str | Sequence[str]
    fin: str | list[str]
    hueco: bool = False


_SIN_ESCRIBIR = _Partes("", "", "", True)  # una columna vacía y sin estilo
_FIN_TEXTO, _FIN_NUMERO = "</t></is></c>", "</v></c>"


def _xml_columna(columna: Columna, atributos: dict[str, str]) -> _Partes:
    """Las celdas de la columna, sin referencia. Textos: el comienzo de la celda de su estilo, el texto
    escapado y el final; números: lo mismo con su `repr`. Las demás (textos vacíos o con espacios en
    los bordes, entre textos; textos, enteros, fechas o vacías entre números), una por una."""
    valores, estilos = columna.valores, columna.estilos()
    tipos = columna.tipos
    if tipos <= {type(None)}:  # las del usuario, sin nada escrito
        vacias = {e: _xml_celda(None, atributos[e], "") for e in columna.distintos}
        if len(vacias) == 1:
            (vacia,) = vacias.values()
            return _Partes(vacia, "", "", not vacia)
        return _Partes(list(map(vacias.__getitem__, estilos)), "", "", "" in vacias.values())
    if tipos == {str}:
        partes = _por_estilo(columna, atributos, ' t="inlineStr"><is><t>', textos_xml(valores), _FIN_TEXTO)  # type: ignore[arg-type]
        # vacíos, y con espacios en los bordes (strip devuelve el mismo texto si no quita nada)
        otras = [
            *(compress(count(), map(not_, valores)) if "" in valores else ()),  # buscarlos es más barato
            *compress(count(), map(is_not, map(str.strip, valores), valores)),  # type: ignore[arg-type]
        ]
        if not otras:
            return partes
    else:
        partes = _por_estilo(columna, atributos, "><v>", _reprs(valores, tipos), _FIN_NUMERO)
        otras = list(compress(count(), map(is_not, map(type, valores), repeat(float))))
    return _con_otras(partes, columna, atributos, otras)


def _reprs(valores: Sequence[Valor], tipos: frozenset[type]) -> list[str]:
    """`repr` de cada valor de una columna de números (el de las celdas que no son `float` no se usa:
    van con `_con_otras`), recordado por valor: avances y metas tienen pocos valores distintos en
    muchas filas, y se repiten entre columnas, hojas y libros de un lote. Si en las primeras
    _MUESTRA celdas más de 3/4 son valores nuevos, las demás se calculan sin recordar (en toda la
    columna se repiten más que en su comienzo). Como clave, 0.0 y -0.0 son el mismo valor: cada
    cero lleva el suyo. Con enteros en la columna (1 y 1.0, la misma clave), uno por uno."""
    if not tipos <= {float, str}:  # un texto nunca es igual a un número
        return list(map(repr, valores))
    if len(_RECORDADOS) > _RECORDADOS_MAXIMO:
        _RECORDADOS.clear()
    antes = len(_RECORDADOS)
    reprs = list(map(_RECORDADOS.__getitem__, valores[:_MUESTRA]))
    nuevos = len(_RECORDADOS) - antes
    resto = valores[_MUESTRA:]
    reprs += map(repr if nuevos > len(reprs) * 3 // 4 else _RECORDADOS.__getitem__, resto)
    if 0.0 in _RECORDADOS:
        for k in compress(count(), map(not_, valores)):  # los ceros (y textos vacíos, que no se usan)
            reprs[k] = repr(valores[k])
    return reprs


_MUESTRA = 1000


class _Reprs(dict[Valor, str]):
    """El `repr` de cada valor, calculado la primera vez que se pide."""

    def __missing__(self, valor: Valor) -> str:
        self[valor] = texto = repr(valor)
        return texto


# Los de todas las columnas de números (los mismos avances se repiten entre columnas, hojas y libros
# de un lote), hasta un máximo.
_RECORDADOS, _RECORDADOS_MAXIMO = _Reprs(), 1 << 17


def _por_estilo(
    columna: Columna, atributos: dict[str, str], apertura: str, medio: Sequence[str], fin: str
) -> _Partes:
    """Cada celda como «<c s=…» de su estilo + `apertura`, su `medio` y `fin`; un solo comienzo si la
    columna tiene un solo estilo (aunque venga uno por celda: una parte menos por fila al unirlas)."""
    comienzos = {atributos[e] for e in columna.distintos}  # dos estilos pueden tener el mismo índice
    if len(comienzos) == 1:
        return _Partes(f"<c{comienzos.pop()}{apertura}", medio, fin)
    por_estilo = {e: f"<c{atributos[e]}{apertura}" for e in columna.distintos}
    return _Partes(list(map(por_estilo.__getitem__, columna.estilos())), medio, fin)


def _con_otras(partes: _Partes, columna: Columna, atributos: dict[str, str], otras: list[int]) -> _Partes:
    """Las celdas `otras` (índices) armadas una por una, en el comienzo (medio y fin quedan vacíos);
    las de texto o vacías, una vez por valor y estilo (se repiten: «ND», las vacías)."""
    n = len(columna.valores)
    comienzo = [partes.comienzo] * n if isinstance(partes.comienzo, str) else partes.comienzo
    medio = list(partes.medio)
    fin = [partes.fin] * n if isinstance(partes.fin, str) else partes.fin
    hechas: dict[tuple[str | None, str], str] = {}
    hueco = False
    for k in otras:
        valor, estilo = columna.valores[k], columna.estilo_de(k)
        if type(valor) is not str and valor is not None:
            xml = _xml_celda(valor, atributos[estilo], "")
        else:
            if (valor, estilo) not in hechas:
                hechas[valor, estilo] = _xml_celda(valor, atributos[estilo], "")
            xml = hechas[valor, estilo]
        comienzo[k], medio[k], fin[k] = xml, "", ""
        hueco = hueco or not xml
    return _Partes(comienzo, medio, fin, hueco)


def _xml_celda(valor: Valor, estilo: str, referencia: str) -> str:
    """Una celda (texto en línea, nunca fórmula; número; fecha; booleano; o solo estilo); "" si está
    vacía y sin estilo."""
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
