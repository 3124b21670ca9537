"""Archivo compuesto (MS-CFB versión 3, sectores de 512 bytes) con almacenes y flujos dados.

Solo lo que pide un proyecto VBA: unos pocos flujos en memoria, escritos de una vez. Los flujos
de menos de 4096 bytes van al miniflujo (sectores de 64 bytes), como exige la especificación.
Los hermanos de cada almacén forman un árbol binario equilibrado, coloreado como rojo-negro.
"""

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["archivo_compuesto"]

SECTOR = 512
MINISECTOR = 64
CORTE_MINIFLUJO = 4096
ENTRADAS_POR_SECTOR = SECTOR // 128
FIN_DE_CADENA = 0xFFFFFFFE
SECTOR_LIBRE = 0xFFFFFFFF
SECTOR_FAT = 0xFFFFFFFD
SIN_ENTRADA = 0xFFFFFFFF
FAT_EN_CABECERA = 109
FIRMA = bytes.fromhex("D0CF11E0A1B11AE1")
ALMACEN, FLUJO, RAIZ = 1, 2, 5
ROJO, NEGRO = 0, 1
ENTRADA_VACIA = (
    bytes(64)
    + struct.pack("<HBBIII", 0, 0, 0, SIN_ENTRADA, SIN_ENTRADA, SIN_ENTRADA)
    + bytes(16 + 4 + 8 + 8 + 12)
)


@dataclass
class _Entrada:
    nombre: str
    tipo: int
    datos: bytes = b""
    hijos: list["_Entrada"] = field(default_factory=list)
    numero: int = 0
    color: int = NEGRO
    izquierda: int = SIN_ENTRADA
    derecha: int = SIN_ENTRADA
    hijo: int = SIN_ENTRADA
    inicio: int = FIN_DE_CADENA


def archivo_compuesto(flujos: Mapping[str, bytes]) -> bytes:
    """Bytes de un archivo compuesto con los flujos dados por ruta («VBA/dir»); los almacenes se crean solos."""
    raiz = _arbol(flujos)
    entradas = _numerar(raiz)
    _enlazar(entradas)
    sectores = _Sectores()
    miniflujo, minifat = _miniflujo(entradas)
    for entrada in entradas:
        if entrada.tipo == FLUJO and len(entrada.datos) >= CORTE_MINIFLUJO:
            entrada.inicio = sectores.cadena(entrada.datos)
    raiz.inicio = sectores.cadena(miniflujo) if miniflujo else FIN_DE_CADENA
    raiz.datos = miniflujo
    inicio_minifat = sectores.cadena(_tabla(minifat)) if minifat else FIN_DE_CADENA
    vacias = -len(entradas) % ENTRADAS_POR_SECTOR
    inicio_directorio = sectores.cadena(b"".join(map(_entrada_directorio, entradas)) + ENTRADA_VACIA * vacias)
    fat = sectores.cerrar()
    cabecera = _cabecera(fat, inicio_directorio, inicio_minifat, _sectores_de(len(minifat) * 4))
    return cabecera + bytes(sectores.contenido)


def _arbol(flujos: Mapping[str, bytes]) -> _Entrada:
    raiz = _Entrada("Root Entry", RAIZ)
    for ruta, datos in flujos.items():
        *almacenes, nombre = ruta.split("/")
        padre = raiz
        for almacen in almacenes:
            padre = next((h for h in padre.hijos if h.nombre == almacen), None) or _agregar(
                padre, _Entrada(almacen, ALMACEN)
            )
        _agregar(padre, _Entrada(nombre, FLUJO, datos))
    return raiz


def _agregar(padre: _Entrada, hijo: _Entrada) -> _Entrada:
    if len(hijo.nombre) > 31 or any(h.nombre.upper() == hijo.nombre.upper() for h in padre.hijos):
        raise ValueError(f"Nombre de flujo no válido o repetido: {hijo.nombre!r}")
    padre.hijos.append(hijo)
    return hijo


def _numerar(raiz: _Entrada) -> list[_Entrada]:
    """Las entradas en orden de directorio (la raíz primero)."""
    entradas = [raiz]
    for entrada in entradas:  # recorre también las que se agregan
        for hijo in entrada.hijos:
            hijo.numero = len(entradas)
            entradas.append(hijo)
    return entradas


def _clave(entrada: _Entrada) -> tuple[int, str]:
    """Orden de MS-CFB 2.6.4: primero el largo del nombre, después el nombre en mayúsculas."""
    return len(entrada.nombre), entrada.nombre.upper()


def _enlazar(entradas: list[_Entrada]) -> None:
    for entrada in entradas:
        if entrada.hijos:
            hermanos = sorted(entrada.hijos, key=_clave)
            profundidad = len(hermanos).bit_length()  # la del último nivel, que puede quedar incompleto
            entrada.hijo = _equilibrar(hermanos, 1, profundidad, len(hermanos) + 1 != 1 << profundidad)


def _equilibrar(hermanos: list[_Entrada], nivel: int, ultimo: int, incompleto: bool) -> int:
    """Raíz de un árbol equilibrado; el último nivel, si está incompleto, va en rojo (mismo negro por rama)."""
    if not hermanos:
        return SIN_ENTRADA
    medio = len(hermanos) // 2
    nodo = hermanos[medio]
    nodo.color = ROJO if incompleto and nivel == ultimo else NEGRO
    nodo.izquierda = _equilibrar(hermanos[:medio], nivel + 1, ultimo, incompleto)
    nodo.derecha = _equilibrar(hermanos[medio + 1 :], nivel + 1, ultimo, incompleto)
    return nodo.numero


def _miniflujo(entradas: list[_Entrada]) -> tuple[bytes, list[int]]:
    """Los flujos pequeños, cada uno en sus minisectores encadenados; devuelve el miniflujo y su tabla."""
    miniflujo = bytearray()
    minifat: list[int] = []
    for entrada in entradas:
        if entrada.tipo == FLUJO and 0 < len(entrada.datos) < CORTE_MINIFLUJO:
            entrada.inicio = len(minifat)
            cantidad = _sectores_de(len(entrada.datos), MINISECTOR)
            minifat += [*range(entrada.inicio + 1, entrada.inicio + cantidad), FIN_DE_CADENA]
            miniflujo += entrada.datos.ljust(cantidad * MINISECTOR, b"\x00")
    return bytes(miniflujo), minifat


class _Sectores:
    """Sectores del archivo (después de la cabecera) y la tabla FAT que los encadena."""

    def __init__(self) -> None:
        self.contenido = bytearray()
        self.fat: list[int] = []

    def cadena(self, datos: bytes) -> int:
        inicio = len(self.fat)
        cantidad = _sectores_de(len(datos))
        self.fat += [*range(inicio + 1, inicio + cantidad), FIN_DE_CADENA]
        self.contenido += datos.ljust(cantidad * SECTOR, b"\x00")
        return inicio

    def cerrar(self) -> list[int]:
        """Agrega los sectores de la FAT al final; devuelve sus números."""
        cantidad = 1
        while _sectores_de((len(self.fat) + cantidad) * 4) > cantidad:
            cantidad += 1
        if cantidad > FAT_EN_CABECERA:
            raise ValueError("El proyecto VBA es demasiado grande para este escritor (más de 7 MB).")
        propios = list(range(len(self.fat), len(self.fat) + cantidad))
        self.fat += [SECTOR_FAT] * cantidad
        self.contenido += _tabla(self.fat)
        return propios


def _cabecera(fat: list[int], directorio: int, minifat: int, sectores_minifat: int) -> bytes:
    difat = fat + [SECTOR_LIBRE] * (FAT_EN_CABECERA - len(fat))
    return (
        FIRMA
        + bytes(16)  # CLSID
        + struct.pack("<HHHHH", 0x003E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII",
            0,
            len(fat),
            directorio,
            0,
            CORTE_MINIFLUJO,
            minifat,
            sectores_minifat,
            FIN_DE_CADENA,
            0,
        )
        + _indices(difat)
    )


def _entrada_directorio(entrada: _Entrada) -> bytes:
    nombre = (entrada.nombre + "\x00").encode("utf-16-le")
    largo = 0 if entrada.tipo == ALMACEN else len(entrada.datos)
    inicio = 0 if entrada.tipo == ALMACEN else entrada.inicio
    return (
        nombre.ljust(64, b"\x00")
        + struct.pack(
            "<HBBIII",
            len(nombre),
            entrada.tipo,
            entrada.color,
            entrada.izquierda,
            entrada.derecha,
            entrada.hijo,
        )
        + bytes(16 + 4 + 8 + 8)  # CLSID, estado, fechas de creación y de modificación
        + struct.pack("<IQ", inicio, largo)
    )


def _tabla(valores: list[int]) -> bytes:
    """Una tabla (FAT o mini FAT) en sectores enteros: las entradas sin usar son FREESECT (MS-CFB 2.3, 2.4)."""
    return _indices(valores + [SECTOR_LIBRE] * (-len(valores) % (SECTOR // 4)))


def _indices(valores: list[int]) -> bytes:
    return struct.pack(f"<{len(valores)}I", *valores)


def _sectores_de(largo: int, tamano: int = SECTOR) -> int:
    return -(-largo // tamano)
