"""Los estilos de la hoja «Alertas», agregados al final de las listas de styles.xml (lxml).

Nada existente se mueve ni cambia de índice. Sirve para toda forma válida de la hoja de estilos:
listas vacías o que faltan, prefijos, mc:AlternateContent dentro de una lista (cuenta como un
elemento) y atributos `count` ausentes o equivocados, que se rehacen con la cuenta real.
"""

from lxml import etree

from ..maqueta.hoja import FORMATOS, Formato
from .xml_seguro import ErrorParte, agregar, hijo_en_orden, hijos, nombre_local

__all__ = ["PRIMER_FORMATO_PROPIO", "agregar_estilos", "hoja_de_estilos_vacia"]

PRIMER_FORMATO_PROPIO = 164  # los formatos numéricos 0-163 son de Excel
# Orden de los hijos de <styleSheet> en el esquema (CT_Stylesheet).
ORDEN = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)
ALTERNATIVA = "AlternateContent"  # mc:AlternateContent: un elemento con variantes
Nodo = tuple[str, dict[str, str], tuple["Nodo", ...]]


def _nodo(local: str, atributos: dict[str, str] | None = None, *hijos_: Nodo) -> Nodo:
    return (local, atributos or {}, hijos_)


# Lo mínimo que cada lista debe tener para que los índices 0 de un estilo nuevo existan (lo que
# trae un libro nuevo de Excel): se agrega a una lista que falta o que está vacía.
MINIMOS: dict[str, tuple[Nodo, ...]] = {
    "fonts": (
        _nodo(
            "font",
            None,
            _nodo("sz", {"val": "11"}),
            _nodo("color", {"theme": "1"}),
            _nodo("name", {"val": "Calibri"}),
            _nodo("family", {"val": "2"}),
            _nodo("scheme", {"val": "minor"}),
        ),
    ),
    "fills": (
        _nodo("fill", None, _nodo("patternFill", {"patternType": "none"})),
        _nodo("fill", None, _nodo("patternFill", {"patternType": "gray125"})),
    ),
    "borders": (
        _nodo("border", None, *(_nodo(lado) for lado in ("left", "right", "top", "bottom", "diagonal"))),
    ),
    "cellStyleXfs": (_nodo("xf", {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"}),),
    "cellXfs": (_nodo("xf", {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"}),),
    "cellStyles": (_nodo("cellStyle", {"name": "Normal", "xfId": "0", "builtinId": "0"}),),
}
# Cada lista que se usa y el nombre de sus elementos.
ELEMENTO = {
    "numFmts": "numFmt",
    "fonts": "font",
    "fills": "fill",
    "borders": "border",
    "cellStyleXfs": "xf",
    "cellXfs": "xf",
    "cellStyles": "cellStyle",
    "dxfs": "dxf",
}


def hoja_de_estilos_vacia(espacio: str) -> etree._Element:
    """Un <styleSheet> sin listas, para un libro que no trae styles.xml (es opcional)."""
    return etree.fromstring(f'<styleSheet xmlns="{espacio}"/>')


def agregar_estilos(raiz: etree._Element, parte: str) -> dict[str, int]:
    """Agrega los estilos de FORMATOS y devuelve el índice de cellXfs de cada uno (y en «dxf:estilo», el
    de su formato diferencial, para los que tienen relleno)."""
    if nombre_local(raiz) != "styleSheet":
        raise ErrorParte(parte, f"no es una hoja de estilos (su raíz es <{nombre_local(raiz)}>)")
    listas = {local: _lista(raiz, local) for local in ELEMENTO}
    siguiente_formato = max([PRIMER_FORMATO_PROPIO - 1, *_ids_formato(raiz)]) + 1
    indices = {}
    for estilo, formato in FORMATOS.items():
        id_numero = 0
        if formato.numero:
            id_numero = siguiente_formato
            siguiente_formato += 1
            _anexar(
                listas["numFmts"], _nodo("numFmt", {"numFmtId": str(id_numero), "formatCode": formato.numero})
            )
        id_relleno = _anexar(listas["fills"], _relleno(formato.relleno)) if formato.relleno else 0
        alineacion = (_nodo("alignment", {"vertical": "top", "wrapText": "1"}),) if formato.ajustar else ()
        xf = _nodo(
            "xf",
            {
                "numFmtId": str(id_numero),
                "fontId": str(_anexar(listas["fonts"], _fuente(formato))),
                "fillId": str(id_relleno),
                "borderId": "0",
                "xfId": "0",
                "applyNumberFormat": "1",
                "applyFont": "1",
                "applyFill": "1",
                "applyAlignment": "1",
            },
            *alineacion,
        )
        indices[estilo] = _anexar(listas["cellXfs"], xf)
        if formato.relleno:  # también como formato diferencial, para el formato condicional
            indices[f"dxf:{estilo}"] = _anexar(listas["dxfs"], _relleno_diferencial(formato.relleno))
    for lista in listas.values():
        lista.set("count", str(len(_elementos(lista))))
    return indices


def _lista(raiz: etree._Element, local: str) -> etree._Element:
    """La lista `local`, creada si falta, con sus elementos mínimos si está vacía."""
    lista = hijo_en_orden(raiz, local, ORDEN)
    if not _elementos(lista):
        for nodo in MINIMOS.get(local, ()):
            _anexar(lista, nodo)
    return lista


def _elementos(lista: etree._Element) -> list[etree._Element]:
    """Los elementos de una lista: sus hijos del tipo de la lista o mc:AlternateContent (uno cada uno)."""
    return [h for h in lista if nombre_local(h) in (ELEMENTO[nombre_local(lista)], ALTERNATIVA)]


def _ids_formato(raiz: etree._Element) -> list[int]:
    ids = []
    for lista in hijos(raiz, "numFmts"):
        for elemento in lista.iter(etree.Element):
            if nombre_local(elemento) == "numFmt" and (elemento.get("numFmtId") or "").isdigit():
                ids.append(int(elemento.get("numFmtId", "")))
    return ids


def _anexar(lista: etree._Element, nodo: Nodo) -> int:
    """Agrega el nodo al final de la lista y devuelve su índice en ella."""
    _construir(lista, nodo)
    return len(_elementos(lista)) - 1


def _construir(padre: etree._Element, nodo: Nodo) -> None:
    local, atributos, subnodos = nodo
    elemento = agregar(padre, local, atributos)
    for subnodo in subnodos:
        _construir(elemento, subnodo)


def _relleno(color: str) -> Nodo:
    return _nodo(
        "fill",
        None,
        _nodo(
            "patternFill",
            {"patternType": "solid"},
            _nodo("fgColor", {"rgb": f"FF{color}"}),
            _nodo("bgColor", {"rgb": f"FF{color}"}),
        ),
    )


def _relleno_diferencial(color: str) -> Nodo:
    """El relleno de un formato condicional (en un dxf, el color sólido va en bgColor)."""
    return _nodo(
        "dxf",
        None,
        _nodo(
            "fill",
            None,
            _nodo("patternFill", {"patternType": "solid"}, _nodo("bgColor", {"rgb": f"FF{color}"})),
        ),
    )


def _fuente(formato: Formato) -> Nodo:
    marcas = [_nodo(local) for local, activa in (("b", formato.negrita), ("i", formato.cursiva)) if activa]
    if formato.subrayado:
        marcas.append(_nodo("u", {"val": "single"}))
    color = {"rgb": f"FF{formato.color}"} if formato.color else {"theme": "1"}
    return _nodo(
        "font",
        None,
        *marcas,
        _nodo("sz", {"val": f"{formato.tamano or 11:g}"}),
        _nodo("color", color),
        _nodo("name", {"val": "Calibri"}),
        _nodo("family", {"val": "2"}),
        _nodo("scheme", {"val": "minor"}),
    )
