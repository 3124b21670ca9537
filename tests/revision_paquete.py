"""Revisión de un paquete .xlsx independiente del escritor: lo que Excel exige y un lector tolera mal.

`problemas(ruta)` devuelve un conjunto de textos, uno por defecto: XML mal formado, partes o tipos
de contenido repetidos (sin distinguir mayúsculas), partes sin tipo, ids de relación repetidos,
relaciones hacia partes que no existen, hojas con sheetId o nombre repetidos, tablas con id o
nombre repetidos, atributos `count` de styles.xml que no coinciden con sus elementos e índices de
estilo fuera de rango. Para un libro escrito se comparan los problemas de la salida con los de la
entrada: la escritura no debe agregar ninguno.
"""

import posixpath
import zipfile
import zlib
from collections import Counter, defaultdict
from pathlib import Path

from lxml import etree

LECTOR = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
LISTAS_ESTILOS = {
    "numFmts": "numFmt",
    "fonts": "font",
    "fills": "fill",
    "borders": "border",
    "cellStyleXfs": "xf",
    "cellXfs": "xf",
    "cellStyles": "cellStyle",
    "dxfs": "dxf",
}
INDICES_XF = {"fontId": "fonts", "fillId": "fills", "borderId": "borders"}
TIPO_TABLA = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"


def normal(nombre: str) -> str:
    return nombre.replace("\\", "/")


def extension(nombre: str) -> str:
    """La extensión de una parte, en minúsculas («_rels/.rels» tiene la extensión «rels»)."""
    base = posixpath.basename(normal(nombre))
    return base.rsplit(".", 1)[1].casefold() if "." in base else ""


def local(elemento) -> str:
    return etree.QName(elemento).localname if isinstance(elemento.tag, str) else ""


def hijos(padre, nombre: str) -> list:
    return [h for h in padre if local(h) == nombre]


def origen_de_rels(parte: str) -> str | None:
    carpeta = posixpath.dirname(parte)
    if not parte.endswith(".rels") or posixpath.basename(carpeta) != "_rels":
        return None
    return posixpath.join(posixpath.dirname(carpeta), posixpath.basename(parte)[: -len(".rels")])


def resolver(origen: str, destino: str) -> str:
    if destino.startswith("/"):
        return posixpath.normpath(destino[1:])
    return posixpath.normpath(posixpath.join(posixpath.dirname(origen), destino))


class Revision:
    def __init__(self, paquete: zipfile.ZipFile) -> None:
        self.paquete = paquete
        self.nombres = [n for n in paquete.namelist() if not n.endswith("/")]
        # «xl\\workbook.xml» es la parte «xl/workbook.xml» (así la leen calamine y PhpSpreadsheet)
        self.por_clave = {normal(n).casefold(): n for n in self.nombres}
        self.problemas: set[str] = set()
        self.xml: dict[str, etree._Element] = {}

    def raiz(self, parte: str):
        """La raíz de una parte XML, o None si no existe o está mal formada (queda anotado)."""
        nombre = self.por_clave.get(normal(parte).casefold())
        if nombre is None:
            return None
        if nombre not in self.xml:
            try:
                self.xml[nombre] = etree.fromstring(self.paquete.read(nombre), LECTOR)
            except etree.XMLSyntaxError:
                self.problemas.add(f"XML mal formado: {nombre}")
                return None
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
                self.problemas.add(f"parte ilegible en el zip: {nombre}")
                return None
        return self.xml[nombre]

    def parte_libro(self) -> str:
        """El libro según _rels/.rels o, si no se lee, según el tipo de contenido de su parte."""
        raiz = self.relaciones("_rels/.rels", "")
        libro = next((p for tipo, p in raiz.values() if tipo.endswith("/officeDocument")), None)
        if libro is not None:
            return libro
        tipos = self.raiz("[Content_Types].xml")
        overrides = hijos(tipos, "Override") if tipos is not None else []
        return next(
            (
                o.get("PartName", "").lstrip("/")
                for o in overrides
                if o.get("ContentType", "").endswith("main+xml")
            ),
            "xl/workbook.xml",
        )

    def hojas(self) -> list[str]:
        """Los nombres de las hojas cuya relación lleva a una parte que existe."""
        libro = self.parte_libro()
        rels = posixpath.join(posixpath.dirname(libro), "_rels", posixpath.basename(libro) + ".rels")
        relaciones = self.relaciones(rels, libro)
        raiz = self.raiz(libro)
        hojas = [h for s in hijos(raiz, "sheets") for h in hijos(s, "sheet")] if raiz is not None else []
        return [
            h.get("name", "")
            for h in hojas
            if (destino := relaciones.get(_id_relacion(h))) and destino[1].casefold() in self.por_clave
        ]

    def revisar(self) -> set[str]:
        for nombre, veces in Counter(normal(n).casefold() for n in self.nombres).items():
            if veces > 1:
                self.problemas.add(f"parte repetida: {nombre}")
        tipos = self.tipos()
        for nombre in self.nombres:
            if nombre.endswith((".xml", ".rels")) or (tipos.get(nombre) or "").endswith("xml"):
                self.raiz(nombre)
        relaciones = {
            o: self.relaciones(n, o) for n in self.nombres if (o := origen_de_rels(normal(n))) is not None
        }
        libro = next(
            (p for tipo, p in relaciones.get("", {}).values() if tipo.endswith("/officeDocument")), None
        )
        if libro is not None:
            self.libro(libro, relaciones.get(libro, {}))
            estilos = [p for tipo, p in relaciones.get(libro, {}).values() if tipo.endswith("/styles")]
            if estilos:
                self.estilos(estilos[0])
        self.tablas([n for n in self.nombres if tipos.get(n) == TIPO_TABLA])
        return self.problemas

    def tipos(self) -> dict[str, str | None]:
        raiz = self.raiz("[Content_Types].xml")
        if raiz is None:
            self.problemas.add("sin [Content_Types].xml legible")
            return {}
        overrides = Counter(e.get("PartName", "").casefold() for e in hijos(raiz, "Override"))
        defaults = Counter(e.get("Extension", "").casefold() for e in hijos(raiz, "Default"))
        for clave, veces in (overrides + defaults).items():
            if veces > 1:
                self.problemas.add(f"tipo de contenido repetido: {clave}")
        por_parte = {e.get("PartName", "").casefold(): e.get("ContentType") for e in hijos(raiz, "Override")}
        por_extension = {
            e.get("Extension", "").casefold(): e.get("ContentType") for e in hijos(raiz, "Default")
        }
        resultado = {}
        for nombre in self.nombres:
            if nombre == "[Content_Types].xml":
                continue
            tipo = por_parte.get("/" + normal(nombre).casefold()) or por_extension.get(extension(nombre))
            if tipo is None:
                self.problemas.add(f"parte sin tipo de contenido: {nombre}")
            resultado[nombre] = tipo
        return resultado

    def relaciones(self, parte: str, origen: str) -> dict[str, tuple[str, str]]:
        raiz = self.raiz(parte)
        if raiz is None:
            return {}
        ids = Counter(e.get("Id") for e in hijos(raiz, "Relationship"))
        for id_, veces in ids.items():
            if veces > 1:
                self.problemas.add(f"id de relación repetido en {parte}: {id_}")
        internas = {}
        for e in hijos(raiz, "Relationship"):
            if e.get("TargetMode") == "External" or not e.get("Target"):
                continue
            destino = resolver(origen, e.get("Target"))
            internas[e.get("Id")] = (e.get("Type", ""), destino)
            if destino.casefold() not in self.por_clave:
                self.problemas.add(f"relación colgante en {parte}: {e.get('Id')} → {destino}")
        return internas

    def libro(self, parte: str, relaciones: dict[str, tuple[str, str]]) -> None:
        raiz = self.raiz(parte)
        if raiz is None:
            return
        hojas = [h for s in hijos(raiz, "sheets") for h in hijos(s, "sheet")]
        for atributo, claves in (
            ("sheetId", Counter(h.get("sheetId") for h in hojas)),
            ("name", Counter((h.get("name") or "").casefold() for h in hojas)),
        ):
            for clave, veces in claves.items():
                if veces > 1:
                    self.problemas.add(f"hoja con {atributo} repetido: {clave}")
        for hoja in hojas:
            if _id_relacion(hoja) not in relaciones:
                self.problemas.add(f"hoja sin relación: {hoja.get('name')}")

    def estilos(self, parte: str) -> None:
        raiz = self.raiz(parte)
        if raiz is None:
            return
        cantidades = {}
        for lista, elemento in LISTAS_ESTILOS.items():
            for nodo in hijos(raiz, lista):
                cantidad = len([h for h in nodo if local(h) in (elemento, "AlternateContent")])
                cantidades[lista] = cantidad
                if nodo.get("count") is not None and nodo.get("count") != str(cantidad):
                    self.problemas.add(f"count de {lista} dice {nodo.get('count')}, tiene {cantidad}")
        formatos = {int(n.get("numFmtId")) for ls in hijos(raiz, "numFmts") for n in ls.iter("{*}numFmt")}
        for lista in ("cellXfs", "cellStyleXfs"):
            for nodo in hijos(raiz, lista):
                for i, xf in enumerate(hijos(nodo, "xf")):
                    for atributo, destino in INDICES_XF.items():
                        valor = int(xf.get(atributo) or 0)
                        if valor >= cantidades.get(destino, 0) and (valor or destino != "fills"):
                            self.problemas.add(f"{lista}[{i}] usa {atributo}={valor} fuera de rango")
                    numero = int(xf.get("numFmtId") or 0)
                    if numero >= 164 and numero not in formatos:
                        self.problemas.add(f"{lista}[{i}] usa un formato numérico {numero} inexistente")

    def tablas(self, partes: list[str]) -> None:
        raices = [r for r in map(self.raiz, partes) if r is not None]
        for atributo in ("id", "name", "displayName"):
            for clave, veces in Counter((r.get(atributo) or "").casefold() for r in raices).items():
                if veces > 1:
                    self.problemas.add(f"tabla con {atributo} repetido: {clave}")


def problemas(ruta: Path) -> set[str]:
    """Los defectos del paquete en `ruta` (vacío si no tiene ninguno)."""
    with zipfile.ZipFile(ruta) as paquete:
        return Revision(paquete).revisar()


def partes_cambiadas(entrada: Path, salida: Path) -> set[str]:
    """Partes de la entrada que en la salida faltan o no tienen los mismos bytes comprimidos.

    Un zip puede repetir un nombre: las entradas se comparan por nombre y por orden de aparición.
    """
    with zipfile.ZipFile(entrada) as a, zipfile.ZipFile(salida) as b:
        nuevas = defaultdict(list)
        for info in b.infolist():
            nuevas[info.filename].append(info)
        cambiadas = set()
        vistas: Counter[str] = Counter()
        for info in a.infolist():
            repetidas = nuevas.get(info.filename, [])
            otra = repetidas[vistas[info.filename]] if vistas[info.filename] < len(repetidas) else None
            vistas[info.filename] += 1
            if otra is None or _crudo(a, info) != _crudo(b, otra):
                cambiadas.add(info.filename)
        return cambiadas


def _crudo(paquete: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Los bytes comprimidos de una entrada, tal como están en el zip."""
    archivo = paquete.fp
    archivo.seek(info.header_offset + 26)
    largo_nombre, largo_extra = (
        int.from_bytes(archivo.read(2), "little"),
        int.from_bytes(archivo.read(2), "little"),
    )
    archivo.seek(info.header_offset + 30 + largo_nombre + largo_extra)
    return archivo.read(info.compress_size)


def partes_que_pueden_cambiar(entrada: Path, hoja: str = "Alertas") -> set[str]:
    """Lo que agregar o reemplazar `hoja` puede tocar: tipos, libro, sus relaciones y estilos, y la hoja anterior."""
    with zipfile.ZipFile(entrada) as paquete:
        revision = Revision(paquete)
        libro = revision.parte_libro()
        rels_libro = posixpath.join(posixpath.dirname(libro), "_rels", posixpath.basename(libro) + ".rels")
        relaciones = revision.relaciones(rels_libro, libro)
        pueden = {"[Content_Types].xml", libro, rels_libro}
        pueden |= {p for tipo, p in relaciones.values() if tipo.endswith("/styles")}
        raiz_libro = revision.raiz(libro)
        hojas = (
            [h for s in hijos(raiz_libro, "sheets") for h in hijos(s, "sheet")]
            if raiz_libro is not None
            else []
        )
        for h in hojas:
            id_ = _id_relacion(h)
            if (h.get("name") or "").casefold() == hoja.casefold() and id_ in relaciones:
                parte = relaciones[id_][1]
                rels_hoja = posixpath.join(
                    posixpath.dirname(parte), "_rels", posixpath.basename(parte) + ".rels"
                )
                tablas = revision.relaciones(rels_hoja, parte).values()
                pueden |= {parte, rels_hoja, *(p for tipo, p in tablas if tipo.endswith("/table"))}
        return {revision.por_clave.get(p.casefold(), p) for p in pueden}


def hojas_del_libro(ruta: Path) -> list[str]:
    """Las hojas del libro que se pueden leer, en cualquier espacio de nombres ([] si ninguna)."""
    try:
        with zipfile.ZipFile(ruta) as paquete:
            return Revision(paquete).hojas()
    except (zipfile.BadZipFile, OSError):
        return []


def _id_relacion(hoja) -> str:
    """El r:id de un <sheet>, sea cual sea el prefijo o el espacio de nombres de relaciones."""
    return next((v for k, v in hoja.attrib.items() if etree.QName(k).localname == "id"), "")
