"""Los estilos de la hoja «Alertas», agregados al final de las listas de styles.xml (lxml).

Nada existente se mueve ni cambia de índice; un elemento idéntico que ya estaba se reusa, así que
volver a escribir la hoja no agrega nada. Sirve para toda forma válida de la hoja de estilos:
listas vacías o que faltan, prefijos, mc:AlternateContent dentro de una lista (cuenta como un
elemento) y atributos `count` ausentes o equivocados, que se rehacen con la cuenta real.
"""

import threading
from collections.abc import Callable, Mapping

from lxml import etree

from ...maqueta.hoja import FORMATOS, Formato
from ..opc.xml_seguro import ErrorParte, agregar, hijo_en_orden, hijos, leer_xml, nombre_local, xml_bytes

__all__ = [
    "PRIMER_FORMATO_PROPIO",
    "HojaDeEstilos",
    "agregar_estilos",
    "estilos_agregados",
    "hoja_de_estilos_vacia",
]

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


# Las hojas de estilos ya vistas en este proceso (las últimas HOJAS_RECORDADAS): los libros de un lote
# hechos con la misma plantilla traen la misma, que así se lee y se completa una sola vez.
HOJAS_RECORDADAS = 8
_recordadas: dict[tuple[bytes | None, str], tuple["HojaDeEstilos", list[tuple[bytes, dict[str, int]]]]] = {}
_candado = threading.Lock()


def estilos_agregados(
    datos: bytes | None, espacio: str, parte: str, vez: int
) -> tuple[bytes, dict[str, int]]:
    """styles.xml y los índices de sus estilos tras agregarle los de FORMATOS por `vez`-ésima vez (desde 0):
    lo mismo que `agregar_estilos` llamada `vez + 1` veces sobre la misma raíz.

    `datos`: la parte del libro, o None si no la trae (se empieza de una vacía en el espacio `espacio`).
    Para los mismos `datos`, lo ya calculado se recuerda: ni se vuelve a leer ni a armar.
    """
    clave = (datos, espacio)
    with _candado:
        if clave not in _recordadas:
            raiz = hoja_de_estilos_vacia(espacio) if datos is None else leer_xml(datos, parte)
            _recordadas[clave] = (HojaDeEstilos(raiz, parte), [])
            if len(_recordadas) > HOJAS_RECORDADAS:
                del _recordadas[next(iter(_recordadas))]  # la más antigua
        hoja, veces = _recordadas[clave]
        try:
            while len(veces) <= vez:
                indices = hoja.agregar()
                veces.append((xml_bytes(hoja.raiz), indices))
        except BaseException:
            del _recordadas[clave]  # a medio agregar: otro libro con la misma styles.xml empieza de nuevo
            raise
        contenido, indices = veces[vez]
        return contenido, dict(indices)


def agregar_estilos(
    raiz: etree._Element, parte: str, formatos_por_nombre: Mapping[str, Formato] = FORMATOS
) -> dict[str, int]:
    """Agrega los estilos (por omisión, los de FORMATOS) y devuelve el índice de cellXfs de cada uno (y en «dxf:estilo», el
    de su formato diferencial, para los que tienen relleno).

    Un elemento idéntico (misma forma canónica) que la hoja de estilos ya traía se reusa en vez de
    agregarse otra vez: volver a escribir la hoja no agrega nada.
    """
    return HojaDeEstilos(raiz, parte).agregar(formatos_por_nombre)


class HojaDeEstilos:
    """Una hoja de estilos a la que se agregan los de varias hojas: sus listas y las claves de sus
    elementos se arman una vez. Cada `agregar` da lo mismo que `agregar_estilos` sobre la raíz que
    dejó el anterior (lo agregado antes cuenta como lo que el libro traía)."""

    def __init__(self, raiz: etree._Element, parte: str) -> None:
        if nombre_local(raiz) != "styleSheet":
            raise ErrorParte(parte, f"no es una hoja de estilos (su raíz es <{nombre_local(raiz)}>)")
        self.raiz = raiz
        listas = {local: _Lista(raiz, local) for local in ELEMENTO if local not in ("numFmts", "cellXfs")}
        self.formatos = _Formatos(_lista(raiz, "numFmts"), raiz)
        listas["cellXfs"] = _Lista(raiz, "cellXfs", lambda xf: _clave_xf(xf, listas, self.formatos))
        self.listas = listas

    def agregar(self, formatos_por_nombre: Mapping[str, Formato] = FORMATOS) -> dict[str, int]:
        """Agrega los estilos y devuelve sus índices, como `agregar_estilos`."""
        listas, formatos = self.listas, self.formatos
        indices = {}
        for estilo, formato in formatos_por_nombre.items():
            id_relleno = listas["fills"].indice(_relleno(formato.relleno)) if formato.relleno else 0
            alineacion = (
                (_nodo("alignment", _alineacion(formato)),) if formato.ajustar or formato.derecha else ()
            )
            xf = _nodo(
                "xf",
                {
                    "numFmtId": str(formatos.id(formato.numero) if formato.numero else 0),
                    "fontId": str(listas["fonts"].indice(_fuente(formato))),
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
            indices[estilo] = listas["cellXfs"].indice(xf)
            if formato.relleno:  # también como formato diferencial, para el formato condicional
                indices[f"dxf:{estilo}"] = listas["dxfs"].indice(_relleno_diferencial(formato.relleno))
        for lista in (*(lista.elemento for lista in listas.values()), formatos.elemento):
            lista.set("count", str(len(_elementos(lista))))
        for anotada in listas.values():  # lo agregado se reusa en el próximo `agregar`
            anotada.previos = len(anotada.claves)
        formatos.previos = dict(formatos.primeros)
        return indices


def _alineacion(formato: Formato) -> dict[str, str]:
    """Los atributos de <alignment>: a la derecha, y ajustado con el texto arriba."""
    return ({"horizontal": "right"} if formato.derecha else {}) | (
        {"vertical": "top", "wrapText": "1"} if formato.ajustar else {}
    )


def _canonica(elemento: etree._Element) -> bytes:
    """La forma canónica de un elemento (C14N exclusiva: atributos ordenados, sin prefijos sin usar)."""
    return etree.tostring(elemento, method="c14n", exclusive=True)


class _Lista:
    """Una lista de styles.xml y la clave de cada elemento, para reusar uno idéntico que el libro ya traía.

    Solo se reusan los que el libro traía: los estilos de una misma escritura se agregan todos, como
    antes (en el orden de FORMATOS), y así la primera escritura deja los mismos índices.
    """

    def __init__(
        self, raiz: etree._Element, local: str, clave: Callable[[etree._Element], bytes] = _canonica
    ) -> None:
        self.previos = len(_elementos(hijos(raiz, local)[0])) if hijos(raiz, local) else 0
        self.elemento = _lista(raiz, local)
        self.clave = clave
        self.claves: list[bytes] = []
        self.primeros: dict[bytes, int] = {}  # clave → índice del primer elemento con ella
        self.por_nodo: dict[str, bytes] = {}  # repr de un nodo ya armado → su clave
        for elemento in _elementos(self.elemento):
            self._anotar(clave(elemento))

    def _anotar(self, clave: bytes) -> int:
        self.primeros.setdefault(clave, len(self.claves))
        self.claves.append(clave)
        return len(self.claves) - 1

    def indice(self, nodo: Nodo) -> int:
        """El índice del primer elemento previo idéntico al nodo; si no hay, el del nodo agregado al final.

        La clave de un nodo ya agregado se recuerda: al agregarlo otra vez (la hoja siguiente), si ya
        está, ni se arma el elemento."""
        firma = repr(nodo)
        clave = self.por_nodo.get(firma)
        if clave is not None and self.primeros.get(clave, self.previos) < self.previos:
            return self.primeros[clave]
        nuevo = _construir(self.elemento, nodo)
        clave = self.por_nodo[firma] = self.clave(nuevo)
        if self.primeros.get(clave, self.previos) < self.previos:
            self.elemento.remove(nuevo)
            return self.primeros[clave]
        return self._anotar(clave)

    def primero(self, indice: str) -> str:
        """El índice del primer elemento idéntico al de ese índice (el mismo si no hay otro o no existe)."""
        if not indice.isdigit() or int(indice) >= len(self.claves):
            return indice
        return str(self.primeros[self.claves[int(indice)]])


class _Formatos:
    """Los formatos numéricos: se reconocen por su código; uno nuevo toma el siguiente id libre."""

    def __init__(self, elemento: etree._Element, raiz: etree._Element) -> None:
        self.elemento = elemento
        self.por_id: dict[str, str] = {}
        self.primeros: dict[str, str] = {}  # código → id del primer formato con ese código
        for numero in elemento.iter(etree.Element):
            if nombre_local(numero) == "numFmt" and (numero.get("numFmtId") or "").isdigit():
                self._anotar(numero.get("numFmtId", ""), numero.get("formatCode", ""))
        self.previos = dict(self.primeros)  # los que el libro traía
        self.siguiente = max([PRIMER_FORMATO_PROPIO - 1, *_ids_formato(raiz)]) + 1

    def _anotar(self, numero: str, codigo: str) -> None:
        self.por_id[numero] = codigo
        self.primeros.setdefault(codigo, numero)

    def id(self, codigo: str) -> int:
        if codigo in self.previos:
            return int(self.previos[codigo])
        numero = self.siguiente
        self.siguiente += 1
        _construir(self.elemento, _nodo("numFmt", {"numFmtId": str(numero), "formatCode": codigo}))
        self._anotar(str(numero), codigo)
        return numero

    def primero(self, numero: str) -> str:
        """El id del primer formato con el mismo código (el mismo id si es de Excel o no está)."""
        codigo = self.por_id.get(numero)
        return self.primeros[codigo] if codigo is not None else numero


def _clave_xf(xf: etree._Element, listas: dict[str, _Lista], formatos: _Formatos) -> bytes:
    """La forma canónica de un xf con cada referencia llevada al primer elemento idéntico al que apunta.

    Sin copiar el elemento (un libro puede traer decenas de miles de xf): sus atributos ordenados y
    la forma canónica de sus hijos (alineación, protección).
    """
    atributos = {str(clave): str(valor) for clave, valor in xf.attrib.items()}
    for atributo, lista in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
        if atributo in atributos:
            atributos[atributo] = listas[lista].primero(atributos[atributo])
    if "numFmtId" in atributos:
        atributos["numFmtId"] = formatos.primero(atributos["numFmtId"])
    return repr(sorted(atributos.items())).encode() + b"".join(_canonica(hijo) for hijo in xf)


def _lista(raiz: etree._Element, local: str) -> etree._Element:
    """La lista `local`, creada si falta, con sus elementos mínimos si está vacía."""
    lista = hijo_en_orden(raiz, local, ORDEN)
    if not _elementos(lista):
        for nodo in MINIMOS.get(local, ()):
            _construir(lista, nodo)
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


def _construir(padre: etree._Element, nodo: Nodo) -> etree._Element:
    """Agrega el nodo al final del padre y lo devuelve."""
    local, atributos, subnodos = nodo
    elemento = agregar(padre, local, atributos)
    for subnodo in subnodos:
        _construir(elemento, subnodo)
    return elemento


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
