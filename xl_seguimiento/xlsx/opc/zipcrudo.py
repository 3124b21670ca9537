"""Reescritura de un zip copiando en crudo las entradas que no cambian.

Las partes que no cambian se copian tal cual, comprimidas como estaban (ni se descomprimen ni
se recomprimen): es más rápido con hojas grandes y garantiza bytes idénticos. Las partes nuevas
o cambiadas se comprimen con deflate. No escribe ZIP64: los límites de lectura lo hacen
innecesario (un libro admitido no se acerca a 4 GiB).
"""

import struct
import zipfile
import zlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import IO, BinaryIO, NamedTuple

FIRMA_LOCAL = 0x04034B50
FIRMA_CENTRAL = 0x02014B50
FIRMA_FIN = 0x06054B50
FIRMA_DESCRIPTOR = 0x08074B50
CABECERA_LOCAL = struct.Struct("<IHHHHHIIIHH")
CABECERA_CENTRAL = struct.Struct("<IBBHHHHHIIIHHHHHII")
FIN_CENTRAL = struct.Struct("<IHHHHIIH")
BANDERA_UTF8 = 0x800
BANDERA_DESCRIPTOR = 0x08
EXTRA_ZIP64 = 0x0001
FECHA_FIJA = (1980, 1, 1, 0, 0, 0)  # partes nuevas: los mismos datos dan los mismos bytes
NIVEL_COMPRESION = 1  # rápido: la hoja de alertas puede tener cientos de miles de celdas
TROZO_GRANDE = 256 * 1024  # bytes desde los que un trozo se comprime en otro hilo
PARTES_RECORDADAS = 64  # partes chicas comprimidas que se recuerdan (`_deflate`)
PARTE_CHICA = 64 * 1024  # bytes hasta los que una parte se recuerda comprimida


class Comprimida(NamedTuple):
    """Una parte ya comprimida con deflate: sus bytes comprimidos, su CRC y su tamaño sin comprimir."""

    comprimido: bytes
    crc: int
    tamano: int


Compresion = Comprimida | Future[Comprimida]  # ya comprimida, o todavía en otro hilo
Cambios = dict[str, bytes | Compresion]  # partes nuevas o cambiadas, por nombre de entrada


def comprimir(trozos: Iterable[bytes]) -> Compresion:
    """Deflate y CRC de una parte que se arma por trozos: cada trozo se comprime en otro hilo (zlib
    suelta el GIL) mientras se arma el siguiente, y el hilo sigue con los que quedan mientras el
    programa arma otras partes (`comprimida` espera a que termine). Sin vaciados intermedios,
    deflate da los mismos bytes que con la parte entera. Los trozos chicos del comienzo (toda una
    hoja chica, como las de cada libro de un lote) se comprimen aquí mismo: crear el hilo costaría
    más que lo que ahorra."""
    compresor = zlib.compressobj(NIVEL_COMPRESION, zlib.DEFLATED, -15)
    salida: list[bytes] = []
    crc = tamano = 0

    def agregar(trozo: bytes) -> None:
        nonlocal crc, tamano
        salida.append(compresor.compress(trozo))
        crc, tamano = zlib.crc32(trozo, crc), tamano + len(trozo)

    def cerrar(pendientes: list[Future[None]]) -> Comprimida:
        for pendiente in pendientes:  # ya hechos (van en orden): un error de alguno se propaga
            pendiente.result()
        salida.append(compresor.flush())
        return Comprimida(b"".join(salida), crc, tamano)

    restantes = iter(trozos)
    for trozo in restantes:
        if len(trozo) >= TROZO_GRANDE:  # desde aquí, en el otro hilo
            hilo = ThreadPoolExecutor(max_workers=1)  # un solo hilo: los trozos van en orden
            try:
                pendientes = [hilo.submit(agregar, trozo), *(hilo.submit(agregar, t) for t in restantes)]
                return hilo.submit(cerrar, pendientes)
            finally:
                hilo.shutdown(wait=False)  # el hilo termina lo encargado y se va
        agregar(trozo)
    return cerrar([])


def comprimida(parte: Compresion) -> Comprimida:
    """La parte comprimida, esperando al hilo si todavía la comprime."""
    return parte.result() if isinstance(parte, Future) else parte


def reescribir(origen: zipfile.ZipFile, salida: BinaryIO, cambios: Cambios, quitar: set[str]) -> None:
    """Escribe en `salida` las entradas de `origen` (salvo `quitar`), con `cambios` en su lugar o al final."""
    centrales: list[bytes] = []
    pendientes = dict(cambios)
    for info in origen.infolist():
        if info.filename in quitar:
            continue
        desplazamiento = salida.tell()
        datos = pendientes.pop(info.filename, None)
        if datos is None:
            salida.write(_entrada_cruda(origen, info))
            centrales.append(_central(info, desplazamiento))
        else:
            centrales.append(_escribir_nueva(salida, info.filename, datos))
    for nombre, datos in pendientes.items():
        centrales.append(_escribir_nueva(salida, nombre, datos))
    inicio_central = salida.tell()
    salida.write(b"".join(centrales))
    tamano_central = salida.tell() - inicio_central
    comentario = origen.comment[:0xFFFF]
    salida.write(
        FIN_CENTRAL.pack(
            FIRMA_FIN, 0, 0, len(centrales), len(centrales), tamano_central, inicio_central, len(comentario)
        )
        + comentario
    )


def leer_sin_crc(origen: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """El contenido de una entrada sin comprobar su CRC (Excel y LibreOffice tampoco lo exigen)."""
    _, _, datos = _cabecera_y_datos(origen, info)
    if info.compress_type == zipfile.ZIP_STORED:
        return datos
    if info.compress_type == zipfile.ZIP_DEFLATED:
        return zlib.decompressobj(-15).decompress(datos, info.file_size)
    raise NotImplementedError(f"método de compresión {info.compress_type} en {info.filename}")


def _cabecera_y_datos(origen: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[bytes, bytes, bytes]:
    """Cabecera local, su parte variable (nombre y extra) y los datos comprimidos de una entrada."""
    archivo = _archivo(origen)
    if info.header_offset < 0:  # un índice central dañado puede dar un desplazamiento imposible
        raise zipfile.BadZipFile(f"desplazamiento imposible de {info.filename}")
    archivo.seek(info.header_offset)
    cabecera = archivo.read(CABECERA_LOCAL.size)
    if len(cabecera) < CABECERA_LOCAL.size:
        raise zipfile.BadZipFile(f"cabecera local truncada en {info.filename}")
    campos = CABECERA_LOCAL.unpack(cabecera)
    if campos[0] != FIRMA_LOCAL:
        raise zipfile.BadZipFile(f"cabecera local dañada en {info.filename}")
    variable = archivo.read(campos[9] + campos[10])
    return cabecera, variable, archivo.read(info.compress_size)


def _archivo(origen: zipfile.ZipFile) -> IO[bytes]:
    if origen.fp is None:
        raise ValueError("el zip de origen está cerrado")
    return origen.fp


def _entrada_cruda(origen: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Cabecera local, datos comprimidos y descriptor (si lo hay) de una entrada, tal cual."""
    cabecera, variable, datos = _cabecera_y_datos(origen, info)
    archivo = _archivo(origen)
    descriptor = b""
    if info.flag_bits & BANDERA_DESCRIPTOR:
        descriptor = archivo.read(4)
        largo = 12 if struct.unpack("<I", descriptor)[0] == FIRMA_DESCRIPTOR else 8
        descriptor += archivo.read(largo)
    if len(datos) != info.compress_size:
        raise zipfile.BadZipFile(f"datos truncados en {info.filename}")
    return cabecera + variable + datos + descriptor


def _nombre(info: zipfile.ZipInfo) -> bytes:
    return info.filename.encode("utf-8" if info.flag_bits & BANDERA_UTF8 else "cp437")


def _sin_zip64(extra: bytes) -> bytes:
    """Quita el campo ZIP64 del extra: los tamaños van en los campos de 32 bits."""
    resultado, i = b"", 0
    while i + 4 <= len(extra):
        identificador, largo = struct.unpack("<HH", extra[i : i + 4])
        if identificador != EXTRA_ZIP64:
            resultado += extra[i : i + 4 + largo]
        i += 4 + largo
    return resultado


def _fecha_dos(info: zipfile.ZipInfo) -> tuple[int, int]:
    anio, mes, dia, hora, minuto, segundo = info.date_time
    return (hora << 11) | (minuto << 5) | (segundo // 2), ((anio - 1980) << 9) | (mes << 5) | dia


def _central(info: zipfile.ZipInfo, desplazamiento: int) -> bytes:
    nombre, extra, comentario = _nombre(info), _sin_zip64(info.extra), info.comment
    hora, fecha = _fecha_dos(info)
    return (
        CABECERA_CENTRAL.pack(
            FIRMA_CENTRAL,
            info.create_version,
            info.create_system,
            info.extract_version,
            info.flag_bits,
            info.compress_type,
            hora,
            fecha,
            info.CRC,
            info.compress_size,
            info.file_size,
            len(nombre),
            len(extra),
            len(comentario),
            0,
            info.internal_attr,
            info.external_attr,
            desplazamiento,
        )
        + nombre
        + extra
        + comentario
    )


def _escribir_nueva(salida: BinaryIO, nombre: str, datos: bytes | Compresion) -> bytes:
    """Escribe una entrada comprimida con deflate y devuelve su registro central."""
    parte = _deflate(datos) if isinstance(datos, bytes) else comprimida(datos)
    info = zipfile.ZipInfo(nombre, date_time=FECHA_FIJA)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.CRC = parte.crc
    info.compress_size, info.file_size = len(parte.comprimido), parte.tamano
    info.flag_bits = BANDERA_UTF8 if not nombre.isascii() else 0
    info.create_version = info.extract_version = 20
    desplazamiento = salida.tell()
    codificado = _nombre(info)
    hora, fecha = _fecha_dos(info)
    salida.write(
        CABECERA_LOCAL.pack(
            FIRMA_LOCAL,
            20,
            info.flag_bits,
            zipfile.ZIP_DEFLATED,
            hora,
            fecha,
            info.CRC,
            info.compress_size,
            info.file_size,
            len(codificado),
            0,
        )
        + codificado
        + parte.comprimido
    )
    return _central(info, desplazamiento)


def _deflate(datos: bytes) -> Comprimida:
    """Deflate y CRC de una parte entera. Las chicas se recuerdan: en un lote, 11 de las 13 partes que
    escribe cada libro (estilos, gráficos, dibujo, relaciones…) son las mismas de un libro a otro; una
    grande (la styles.xml de un libro con muchos formatos) no queda en la memoria del proceso."""
    return _deflate_recordado(datos) if len(datos) <= PARTE_CHICA else _deflate_de(datos)


@lru_cache(maxsize=PARTES_RECORDADAS)
def _deflate_recordado(datos: bytes) -> Comprimida:
    return _deflate_de(datos)


def _deflate_de(datos: bytes) -> Comprimida:
    compresor = zlib.compressobj(NIVEL_COMPRESION, zlib.DEFLATED, -15)
    return Comprimida(compresor.compress(datos) + compresor.flush(), zlib.crc32(datos), len(datos))
