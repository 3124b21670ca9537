"""La edición de un paquete: se le agregan hojas y se escribe una sola vez.

`Edicion` lleva lo que las hojas nuevas comparten: los nombres de parte en uso, los tipos de
contenido, las relaciones del libro y la hoja de estilos. `agregar_hoja(maqueta, dibujo)` se
puede llamar las veces que haga falta (una hoja con el mismo nombre, sin distinguir mayúsculas,
se reemplaza en su misma parte, con sus tablas, su dibujo y sus gráficos); `guardar(destino)`
escribe el paquete de una pasada.

Todas las partes del original quedan idénticas byte a byte, salvo las que agregar una hoja obliga
a tocar: workbook.xml (la hoja en <sheets> y sus nombres de impresión en <definedNames>) y sus
relaciones, [Content_Types].xml y styles.xml (al que solo se le agregan estilos al final de cada
lista, salvo los que ya tenía idénticos). VBA, botones, formas,
imágenes, minigráficos, validaciones extendidas y valores en caché de las fórmulas no se leen ni
se reescriben: se copian sus bytes comprimidos (`opc.zipcrudo`). Los nombres de parte se manejan
normalizados (con «/», y se comparan sin mayúsculas); solo al guardar se traducen al nombre de la
entrada en el zip. Se guarda en un temporal de la misma carpeta y se renombra (`opc.atomico`).
"""

import io
import posixpath
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from lxml import etree

from ...maqueta.hoja import Maqueta
from ...maqueta.tablero import Tablero
from ...nucleo.errores import ErrorSeguimiento
from ..opc import zipcrudo
from ..opc.atomico import escritura_atomica
from ..opc.constantes import (
    CONTENT_TYPES,
    ESTRICTO,
    REL_DIBUJO,
    REL_ESTILOS,
    REL_GRAFICO,
    REL_TABLA,
    TIPO_DIBUJO,
    TIPO_ESTILOS,
    TIPO_GRAFICO,
    TIPO_HOJA,
    TIPO_RELS,
    TIPO_TABLA,
    TRANSICIONAL,
    Dialecto,
)
from ..opc.paquete import Paquete, Relaciones, nombre_libre, rels_de
from ..opc.validacion import ERRORES_ZIP, motivo_zip, validar_libro
from ..opc.xml_seguro import ErrorParte, agregar, hijo_en_orden, hijos, xml_bytes
from ..opc.zipcrudo import Cambios, Compresion, comprimida
from .dibujo import Dibujo, dibujar
from .estilos import estilos_agregados
from .hoja import xml_hoja
from .pagina import nombres_definidos, poner_nombres
from .plantilla import libro_vacio
from .tabla import xml_tabla

__all__ = ["Edicion", "escribir_libro_nuevo", "escribir_sin_perdidas"]

# Hijos de <workbook> que van antes de <sheets> en el esquema (CT_Workbook).
ORDEN_LIBRO = ("fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets")


class _Vista(Paquete):
    """El paquete original con las partes ya cambiadas, agregadas y quitadas por la edición."""

    def __init__(self, zip_: zipfile.ZipFile) -> None:
        super().__init__(zip_)
        self.cambios: Cambios = {}  # por parte, en orden de llegada
        self.quitadas: set[str] = set()  # partes del original que no se copian

    def nombre(self, parte: str) -> str | None:
        existente = super().nombre(parte)
        return None if existente in self.quitadas else existente

    def poner(self, parte: str, datos: bytes | Compresion) -> None:
        """La parte nueva o cambiada; si reemplaza a una del original, en su misma entrada del zip."""
        parte = super().nombre(parte) or parte
        self.cambios[parte] = datos
        self.quitadas.discard(parte)
        if parte.casefold() not in self.nombres:
            self.reales[parte] = parte
            self.nombres[parte.casefold()] = parte

    def quitar(self, parte: str) -> None:
        """Una parte que deja de estar (salvo que otra se escriba después con su nombre)."""
        if (existente := super().nombre(parte)) is not None:
            self.quitadas.add(existente)
            self.cambios.pop(existente, None)

    def leer(self, parte: str) -> bytes:
        nombre = self.nombre(parte)
        if nombre is not None and nombre in self.cambios:
            datos = self.cambios[nombre]
            if isinstance(datos, bytes):
                return datos
            return zlib.decompressobj(-15).decompress(comprimida(datos).comprimido)
        return super().leer(parte)

    def presentes(self) -> list[str]:
        """Las partes que tendrá el paquete guardado."""
        return [p for p in self.nombres.values() if p not in self.quitadas]

    def entradas(self) -> tuple[Cambios, set[str]]:
        """Los cambios y las entradas que se quitan, por nombre de entrada en el zip."""
        reales = {self.reales[p]: datos for p, datos in self.cambios.items()}
        return reales, {self.reales[p] for p in self.quitadas} - set(reales)


class Edicion:
    """Un libro abierto para agregarle hojas y guardarlo una vez."""

    def __init__(self, zip_: zipfile.ZipFile, origen: Path | None = None) -> None:
        self.zip = zip_
        self.origen = origen
        self.paquete = _Vista(zip_)
        self.tipos = self.paquete.tipos()
        self.parte_libro = self.paquete.parte_libro(self.tipos)
        self.libro = self.paquete.xml(self.parte_libro)
        es_estricto = etree.QName(self.libro).namespace == ESTRICTO.principal
        self.dialecto: Dialecto = ESTRICTO if es_estricto else TRANSICIONAL
        self.rels_libro = self.paquete.relaciones(self.parte_libro)
        self.carpeta = posixpath.dirname(self.parte_libro)
        self._estilos: tuple[str, bytes | None] | None = None  # su parte y lo que el libro traía en ella
        self._veces_estilos = 0  # hojas que ya agregaron sus estilos

    @classmethod
    def de_archivo(cls, origen: Path) -> "Edicion":
        """La edición de un libro en disco (ya validado: `opc.validacion.validar_libro`)."""
        try:
            return cls(zipfile.ZipFile(origen), origen)
        except ErrorParte as error:
            raise ErrorSeguimiento(f"«{origen}» no se puede escribir: {error}.", archivo=origen) from error
        except ERRORES_ZIP as error:
            raise _error_zip(origen, error) from error

    @classmethod
    def libro_nuevo(cls) -> "Edicion":
        """La edición de un libro sin hojas."""
        return cls(zipfile.ZipFile(io.BytesIO(libro_vacio())))

    def __enter__(self) -> "Edicion":
        return self

    def __exit__(
        self, tipo: type[BaseException] | None, error: BaseException | None, traza: TracebackType | None
    ) -> None:
        self.zip.close()

    def agregar_hoja(self, maqueta: Maqueta, dibujo: Dibujo | None = None) -> None:
        """Agrega la hoja de la maqueta (con su dibujo), o reemplaza la que tenga su nombre."""
        try:
            self._agregar_hoja(maqueta, dibujo)
        except ErrorParte as error:
            raise ErrorSeguimiento(
                f"«{self.origen}» no se puede escribir: {error}.", archivo=self.origen
            ) from error
        except ERRORES_ZIP as error:
            raise _error_zip(self.origen, error) from error

    def guardar(self, destino: Path) -> None:
        """Escribe el paquete en `destino` de una pasada: en un temporal junto a él, que se renombra."""
        self.paquete.poner(CONTENT_TYPES, self.tipos.a_bytes())
        cambios, quitar = self.paquete.entradas()
        try:
            with escritura_atomica(destino) as temporal:
                with temporal.open("wb") as archivo:
                    zipcrudo.reescribir(self.zip, archivo, cambios, quitar)
                # Windows no deja reemplazar un archivo abierto: con --en-sitio el destino es el origen.
                self.zip.close()
        except ERRORES_ZIP as error:
            raise _error_zip(self.origen, error) from error

    def _agregar_hoja(self, maqueta: Maqueta, dibujo: Dibujo | None) -> None:
        paquete, tipos, dialecto, rels_libro = self.paquete, self.tipos, self.dialecto, self.rels_libro
        hojas = hijo_en_orden(self.libro, "sheets", ORDEN_LIBRO)
        # Excel no distingue mayúsculas en los nombres de hoja: «alertas» también se reemplaza.
        anterior = next(
            (h for h in hijos(hojas, "sheet") if h.get("name", "").casefold() == maqueta.nombre.casefold()),
            None,
        )
        relacion = (
            rels_libro.por_id(anterior.get(f"{{{dialecto.relaciones}}}id", ""))
            if anterior is not None
            else None
        )
        quitar: set[str] = set()
        if relacion is not None:  # se reemplaza la hoja anterior en la misma parte
            parte_hoja = relacion.parte
            rels_libro.cambiar_tipo(relacion, dialecto.relacion("worksheet"))
            quitar = self._partes_de_hoja(parte_hoja)
            for parte in quitar:
                tipos.quitar(parte)
                paquete.quitar(parte)
        ocupadas = self._ocupadas()
        if relacion is None:
            if anterior is not None:  # una hoja con ese nombre pero sin parte: se rehace
                hojas.remove(anterior)
            parte_hoja = nombre_libre(ocupadas, posixpath.join(self.carpeta, "worksheets/sheet{}.xml"))
            ocupadas.add(parte_hoja.casefold())
            _agregar_hoja(
                hojas,
                maqueta.nombre,
                rels_libro.agregar(dialecto.relacion("worksheet"), parte_hoja),
                dialecto,
            )
            paquete.poner(self.parte_libro, xml_bytes(self.libro))
        # El área de impresión y los títulos de la hoja en <definedNames>: los de una hoja reemplazada
        # se cambian (no se duplican al volver a correr) y los demás nombres del libro no se tocan.
        hoja = anterior if relacion is not None and anterior is not None else hijos(hojas, "sheet")[-1]
        nombres = nombres_definidos(maqueta.pagina, hoja.get("name", maqueta.nombre))
        if poner_nombres(self.libro, hijos(hojas, "sheet").index(hoja), nombres):
            paquete.poner(self.parte_libro, xml_bytes(self.libro))
        parte_tabla = nombre_libre(ocupadas, posixpath.join(self.carpeta, "tables/table{}.xml"))
        ocupadas.add(parte_tabla.casefold())
        parte_estilos, indices = self._agregar_estilos(ocupadas)
        rels_hoja = Relaciones(rels_de(parte_hoja), posixpath.dirname(parte_hoja), None)
        id_tabla_en_hoja = rels_hoja.agregar(dialecto.relacion("table"), parte_tabla)
        id_tabla, nombre_tabla = self._identidad_tabla(maqueta.tabla)
        id_dibujo = ""
        if dibujo is not None:
            id_dibujo = rels_hoja.agregar(
                dialecto.relacion("drawing"), self._agregar_dibujo(dibujo, ocupadas)
            )
        paquete.poner(
            parte_hoja,
            xml_hoja(
                maqueta,
                indices,
                dialecto,
                id_tabla_en_hoja,
                id_dibujo,
                dibujo.minigraficos if dibujo else b"",
            ),
        )
        paquete.poner(rels_hoja.parte, rels_hoja.a_bytes())
        paquete.poner(parte_tabla, xml_tabla(maqueta, id_tabla, nombre_tabla, dialecto).encode("utf-8"))
        if rels_libro.cambio:
            paquete.poner(rels_libro.parte, rels_libro.a_bytes())
        for parte, tipo in (
            (parte_hoja, TIPO_HOJA),
            (rels_hoja.parte, TIPO_RELS),
            (parte_tabla, TIPO_TABLA),
            (parte_estilos, TIPO_ESTILOS),
            (rels_libro.parte, TIPO_RELS),
        ):
            tipos.declarar(parte, tipo)

    def _ocupadas(self) -> set[str]:
        """Nombres (en minúsculas) que una parte nueva no puede tomar: partes, tipos declarados y destinos."""
        return (
            {p.casefold() for p in self.paquete.presentes()}
            | {p.casefold() for p in self.tipos.partes()}
            | {p.casefold() for p in self.paquete.destinos_relacionados(excepto=self.paquete.quitadas)}
        )

    def _agregar_estilos(self, ocupadas: set[str]) -> tuple[str, dict[str, int]]:
        """Agrega los estilos de la hoja y devuelve la parte de estilos y el índice de cada estilo.

        styles.xml es opcional: si el libro no la trae, se crea (donde apunte su relación, si la
        tiene). Cada hoja los agrega de nuevo a la misma hoja de estilos: los idénticos se reusan.
        """
        if self._estilos is None:
            relaciones = self.rels_libro.de_tipo(REL_ESTILOS)
            if relaciones and self.paquete.nombre(parte := relaciones[0].parte) is not None:
                self._estilos = parte, self.paquete.leer(parte)
            else:
                parte = (
                    relaciones[0].parte
                    if relaciones
                    else _nombre_estilos(ocupadas, self.rels_libro.directorio)
                )
                if not relaciones:
                    self.rels_libro.agregar(self.dialecto.relacion("styles"), parte)
                self._estilos = parte, None
        parte, datos = self._estilos
        contenido, indices = estilos_agregados(datos, self.dialecto.principal, parte, self._veces_estilos)
        self._veces_estilos += 1
        self.paquete.poner(parte, contenido)
        return parte, indices

    def _partes_de_hoja(self, parte_hoja: str) -> set[str]:
        """La hoja anterior, su archivo de relaciones y sus tablas (se regeneran), las que existan."""
        paquete = self.paquete
        rels = paquete.relaciones(parte_hoja)
        partes = [parte_hoja, rels.parte, *(r.parte for r in rels.de_tipo(REL_TABLA))]
        for dibujo in rels.de_tipo(REL_DIBUJO):  # el tablero: su dibujo y sus gráficos
            rels_dibujo = paquete.relaciones(dibujo.parte)
            partes += [dibujo.parte, rels_dibujo.parte, *(r.parte for r in rels_dibujo.de_tipo(REL_GRAFICO))]
        return {nombre for p in partes if (nombre := paquete.nombre(p)) is not None}

    def _agregar_dibujo(self, dibujo: Dibujo, ocupadas: set[str]) -> str:
        """Agrega el dibujo y sus gráficos (con nombres libres y sus tipos) y devuelve su parte."""
        parte = nombre_libre(ocupadas, posixpath.join(self.carpeta, "drawings/drawing{}.xml"))
        ocupadas.add(parte.casefold())
        rels = Relaciones(rels_de(parte), posixpath.dirname(parte), None)
        for id_rel, grafico in dibujo.graficos.items():
            parte_grafico = nombre_libre(ocupadas, posixpath.join(self.carpeta, "charts/chart{}.xml"))
            ocupadas.add(parte_grafico.casefold())
            rels.agregar_con_id(id_rel, REL_GRAFICO, parte_grafico)
            self.paquete.poner(parte_grafico, grafico)
            self.tipos.declarar(parte_grafico, TIPO_GRAFICO)
        self.paquete.poner(parte, dibujo.dibujo)
        self.paquete.poner(rels.parte, rels.a_bytes())
        self.tipos.declarar(parte, TIPO_DIBUJO)
        self.tipos.declarar(rels.parte, TIPO_RELS)
        return parte

    def _identidad_tabla(self, nombre: str) -> tuple[int, str]:
        """Un id y un nombre de tabla que no use ninguna otra tabla del libro."""
        ids, nombres = {0}, set[str]()
        presentes = self.paquete.presentes()
        for parte, tipo in zip(presentes, self.tipos.tipos_de(presentes), strict=True):
            if tipo == TIPO_TABLA:
                raiz = self.paquete.xml(parte)
                if (raiz.get("id") or "").isdigit():
                    ids.add(int(raiz.get("id", "")))
                nombres.update(n.casefold() for n in (raiz.get("name", ""), raiz.get("displayName", "")))
        unico, n = nombre, 1
        while unico.casefold() in nombres:
            n += 1
            unico = f"{nombre}{n}"
        return max(ids) + 1, unico


def _agregar_hoja(hojas: etree._Element, nombre: str, id_rel: str, dialecto: Dialecto) -> None:
    ids = [int(h.get("sheetId", "")) for h in hijos(hojas, "sheet") if h.get("sheetId", "").isdigit()]
    atributos = {
        "name": nombre,
        "sheetId": str(max(ids, default=0) + 1),
        f"{{{dialecto.relaciones}}}id": id_rel,
    }
    agregar(hojas, "sheet", atributos, {"r": dialecto.relaciones})


def _nombre_estilos(ocupadas: set[str], carpeta: str) -> str:
    preferido = posixpath.join(carpeta, "styles.xml")
    if preferido.casefold() not in ocupadas:
        return preferido
    return nombre_libre(ocupadas, posixpath.join(carpeta, "styles{}.xml"))


def _error_zip(origen: Path | None, error: Exception) -> ErrorSeguimiento:
    return ErrorSeguimiento(
        f"«{origen}» tiene un paquete dañado y no se puede escribir: {motivo_zip(error)}.", archivo=origen
    )


def escribir_sin_perdidas(
    origen: Path, destino: Path, maqueta: Maqueta, tablero: Tablero | None = None
) -> None:
    """Copia `origen` en `destino` con la hoja de la maqueta (y el tablero), tocando solo las partes necesarias."""
    validar_libro(origen)
    with Edicion.de_archivo(origen) as edicion:
        edicion.agregar_hoja(maqueta)
        if tablero is not None:
            edicion.agregar_hoja(tablero.hoja, dibujar(tablero))
        edicion.guardar(destino)


def escribir_libro_nuevo(destino: Path, maquetas: Sequence[Maqueta]) -> None:
    """Un libro nuevo en `destino` con una hoja por maqueta, en ese orden."""
    with Edicion.libro_nuevo() as edicion:
        for maqueta in maquetas:
            edicion.agregar_hoja(maqueta)
        edicion.guardar(destino)
