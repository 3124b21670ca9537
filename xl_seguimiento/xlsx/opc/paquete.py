"""El paquete OPC de un libro: nombres de parte, tipos de contenido y relaciones, como XML (lxml).

Los nombres de parte no distinguen mayúsculas (OPC, ECMA-376 parte 2, §9.1.1.1): toda búsqueda y
todo nombre nuevo se comparan en minúsculas. Importa la biblioteca estándar, lxml y los módulos
hermanos de `opc`; nada del motor ni de Excel.
"""

import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from lxml import etree

from .constantes import CONTENT_TYPES, NS_REL_PAQUETE, REL_DOCUMENTO, TIPOS_LIBRO, tramo
from .xml_seguro import ErrorParte, agregar, hijos, leer_xml, xml_bytes
from .zipcrudo import leer_sin_crc

__all__ = [
    "Paquete",
    "Relacion",
    "Relaciones",
    "TiposDeContenido",
    "nombre_libre",
    "rels_de",
    "resolver",
]


class Paquete:
    """Las partes de un zip, buscadas sin distinguir mayúsculas."""

    def __init__(self, zip_: zipfile.ZipFile) -> None:
        self.zip = zip_
        # Parte → nombre en el zip. Algunos programas escriben «xl\\workbook.xml»: es la parte
        # «xl/workbook.xml» (así la leen calamine y PhpSpreadsheet).
        self.reales = {n.replace("\\", "/"): n for n in zip_.namelist() if not n.endswith(("/", "\\"))}
        self.nombres = {p.casefold(): p for p in self.reales}

    def nombre(self, parte: str) -> str | None:
        """La parte con las mayúsculas con que existe en el paquete, o None si no existe."""
        return self.nombres.get(parte.replace("\\", "/").casefold())

    def real(self, parte: str) -> str:
        """El nombre de la entrada del zip de una parte (el mismo nombre si la parte es nueva)."""
        existente = self.nombre(parte)
        return self.reales[existente] if existente is not None else parte

    def leer(self, parte: str) -> bytes:
        """El contenido de una parte; con un CRC equivocado se lee igual, como Excel y LibreOffice."""
        if self.nombre(parte) is None:
            raise ErrorParte(parte, "no está en el paquete")
        nombre = self.real(parte)
        try:
            return self.zip.read(nombre)
        except zipfile.BadZipFile as error:
            if "CRC" not in str(error):  # zipfile: «Bad CRC-32 for file …»
                raise
            return leer_sin_crc(self.zip, self.zip.getinfo(nombre))

    def xml(self, parte: str) -> etree._Element:
        return leer_xml(self.leer(parte), parte)

    def parte_libro(self, tipos: "TiposDeContenido | None" = None) -> str:
        """La parte del libro (workbook.xml): la que nombra la relación officeDocument del paquete o,
        si _rels/.rels está dañado o no la nombra, la que declara el tipo de contenido de un libro
        (en `tipos`, si ya se leyeron)."""
        try:
            relaciones = self.relaciones("").de_tipo(REL_DOCUMENTO)
        except ErrorParte:
            relaciones = []
        for parte in chain((r.parte for r in relaciones), self._declaradas_de_libro(tipos)):
            if (nombre := self.nombre(parte)) is not None:
                return nombre
        raise ErrorParte(
            "_rels/.rels", "no nombra ninguna parte de libro existente (relación officeDocument)"
        )

    def _declaradas_de_libro(self, tipos: "TiposDeContenido | None") -> Iterator[str]:
        """`TiposDeContenido.partes_de_libro`, leyendo [Content_Types].xml solo si se llega a pedirlas
        (lo usual: la relación officeDocument ya nombra el libro)."""
        yield from (tipos if tipos is not None else self.tipos()).partes_de_libro()

    def relaciones(self, origen: str) -> "Relaciones":
        """Las relaciones de la parte `origen` ('' es el paquete); vacías si no tiene."""
        parte = rels_de(origen)
        raiz = self.xml(parte) if self.nombre(parte) else None
        return Relaciones(parte, posixpath.dirname(origen), raiz)

    def destinos_relacionados(self, excepto: set[str]) -> Iterator[str]:
        """Toda parte que nombra alguna relación del paquete (salvo las de `excepto`), exista o no."""
        sin = {p.casefold() for p in excepto}
        for nombre in self.reales:
            carpeta = posixpath.dirname(nombre)
            if (
                nombre.casefold() not in sin
                and nombre.endswith(".rels")
                and posixpath.basename(carpeta) == "_rels"
            ):
                origen = posixpath.join(
                    posixpath.dirname(carpeta), posixpath.basename(nombre)[: -len(".rels")]
                )
                parte = rels_de(origen)
                try:
                    yield from _destinos(self.leer(parte), parte, posixpath.dirname(origen))
                except ErrorParte:  # relaciones ilegibles (Excel también las descarta): no nombran nada
                    continue

    def tipos(self) -> "TiposDeContenido":
        return TiposDeContenido(self.xml(CONTENT_TYPES))


@lru_cache(maxsize=256)
def _destinos(datos: bytes, parte: str, directorio: str) -> tuple[str, ...]:
    """Las partes que nombran las relaciones `datos` (la parte `parte`, de una parte de `directorio`).
    Se recuerdan: cada hoja agregada las vuelve a pedir y en un lote se repiten de un libro a otro."""
    return tuple(r.parte for r in Relaciones(parte, directorio, leer_xml(datos, parte)))


def rels_de(parte: str) -> str:
    """La parte de relaciones de `parte` ('' es el paquete: _rels/.rels)."""
    return posixpath.join(posixpath.dirname(parte), "_rels", posixpath.basename(parte) + ".rels")


def resolver(directorio: str, destino: str) -> str:
    """La parte a la que apunta un destino relativo a `directorio` (o absoluto desde la raíz)."""
    if destino.startswith("/"):
        return posixpath.normpath(destino[1:])
    return posixpath.normpath(posixpath.join(directorio, destino))


def nombre_libre(ocupadas: Iterable[str], patron: str) -> str:
    """El primer `patron.format(n)` (n = 1, 2...) que ninguna parte ocupa, ni con otras mayúsculas."""
    usadas = {p.casefold() for p in ocupadas}
    n = 1
    while patron.format(n).casefold() in usadas:
        n += 1
    return patron.format(n)


class Relacion(NamedTuple):
    id: str
    tipo: str
    parte: str  # resuelta desde la raíz del paquete
    elemento: etree._Element


class Relaciones:
    """Un archivo de relaciones: se leen las internas y se agregan nuevas con un id libre."""

    def __init__(self, parte: str, directorio: str, raiz: etree._Element | None) -> None:
        self.parte = parte
        self.directorio = directorio
        self.raiz = raiz if raiz is not None else etree.Element(f"{{{NS_REL_PAQUETE}}}Relationships")
        self.cambio = False

    def __iter__(self) -> Iterator[Relacion]:
        for elemento in hijos(self.raiz, "Relationship"):
            if elemento.get("TargetMode") != "External" and elemento.get("Target"):
                destino = resolver(self.directorio, elemento.get("Target", ""))
                yield Relacion(elemento.get("Id", ""), elemento.get("Type", ""), destino, elemento)

    def por_id(self, id_: str) -> Relacion | None:
        return next((r for r in self if id_ and r.id == id_), None)

    def de_tipo(self, tipo: str) -> list[Relacion]:
        """Las relaciones de un tipo, comparando el último tramo (sirve en transicional y estricto)."""
        return [r for r in self if tramo(r.tipo) == tramo(tipo)]

    def agregar(self, tipo: str, parte: str) -> str:
        """Agrega la relación hacia `parte` y devuelve su id nuevo."""
        usados = {e.get("Id", "").casefold() for e in hijos(self.raiz, "Relationship")}
        n = len(usados) + 1
        while f"rId{n}".casefold() in usados:
            n += 1
        self.agregar_con_id(f"rId{n}", tipo, parte)
        return f"rId{n}"

    def agregar_con_id(self, id_rel: str, tipo: str, parte: str) -> None:
        """Agrega la relación con un id dado (el que ya usa la parte que se traslada)."""
        destino = posixpath.relpath(parte, self.directorio or ".")
        agregar(self.raiz, "Relationship", {"Id": id_rel, "Type": tipo, "Target": destino})
        self.cambio = True

    def cambiar_tipo(self, relacion: Relacion, tipo: str) -> None:
        if relacion.tipo != tipo:
            relacion.elemento.set("Type", tipo)
            self.cambio = True

    def a_bytes(self) -> bytes:
        return xml_bytes(self.raiz)


class TiposDeContenido:
    """[Content_Types].xml: a lo sumo un Override por parte y un Default por extensión."""

    def __init__(self, raiz: etree._Element) -> None:
        self.raiz = raiz
        _sin_repetidos(raiz, "Override", "PartName")
        _sin_repetidos(raiz, "Default", "Extension")

    def tipo(self, parte: str) -> str | None:
        """El tipo declarado para una parte: su Override o, si no tiene, el Default de su extensión."""
        return self.tipos_de((parte,))[0]

    def tipos_de(self, partes: Iterable[str]) -> list[str | None]:
        """`tipo` de cada parte, con una sola pasada por las declaraciones (la primera de cada una vale)."""
        overrides: dict[str, str | None] = {}
        for elemento in hijos(self.raiz, "Override"):
            overrides.setdefault(elemento.get("PartName", "").casefold(), elemento.get("ContentType"))
        defaults: dict[str, str | None] = {}
        for elemento in hijos(self.raiz, "Default"):
            defaults.setdefault(elemento.get("Extension", "").casefold(), elemento.get("ContentType"))
        tipos = []
        for parte in partes:
            clave = _clave_override(parte)
            if clave in overrides:
                tipos.append(overrides[clave])
                continue
            base = posixpath.basename(parte)  # «_rels/.rels» tiene la extensión «rels» (splitext no la ve)
            tipos.append(defaults.get(base.rsplit(".", 1)[1].casefold() if "." in base else ""))
        return tipos

    def quitar(self, parte: str) -> None:
        for elemento in self._overrides(parte):
            self.raiz.remove(elemento)

    def declarar(self, parte: str, tipo: str) -> None:
        """Deja a `parte` con el tipo `tipo`: con el Default de su extensión si ya lo da, o con un Override."""
        self.quitar(parte)
        if self.tipo(parte) != tipo:
            agregar(self.raiz, "Override", {"PartName": "/" + parte, "ContentType": tipo})

    def partes_de_libro(self) -> list[str]:
        """Las partes declaradas con el tipo de un libro (.xlsx, .xlsm, plantilla o complemento)."""
        return [
            e.get("PartName", "").lstrip("/")
            for e in hijos(self.raiz, "Override")
            if e.get("ContentType", "") in TIPOS_LIBRO
        ]

    def partes(self) -> list[str]:
        return [e.get("PartName", "").lstrip("/") for e in hijos(self.raiz, "Override")]

    def a_bytes(self) -> bytes:
        return xml_bytes(self.raiz)

    def _overrides(self, parte: str) -> list[etree._Element]:
        clave = _clave_override(parte)
        return [e for e in hijos(self.raiz, "Override") if e.get("PartName", "").casefold() == clave]


def _clave_override(parte: str) -> str:
    """El PartName de un Override de `parte`, para compararlo sin distinguir mayúsculas (OPC)."""
    return "/" + parte.casefold()


def _sin_repetidos(raiz: etree._Element, local: str, atributo: str) -> None:
    """Quita las declaraciones repetidas (la primera vale): dos para una misma parte dañan el libro."""
    vistas: set[str] = set()
    for elemento in hijos(raiz, local):
        clave = elemento.get(atributo, "").casefold()
        if clave in vistas:
            raiz.remove(elemento)
        vistas.add(clave)
