"""Validación de un libro de entrada antes de abrirlo: su formato, límites contra bombas zip y los
errores de zip en español (para la lectura y la escritura)."""

import codecs
import zipfile
import zlib
from pathlib import Path

from ...nucleo.errores import ErrorSeguimiento, motivo_del_sistema
from .constantes import CONTENT_TYPES

EXTENSIONES = (".xlsx", ".xlsm")
# Lo que zipfile y zlib lanzan ante un zip dañado (ValueError: nombres o campos imposibles).
ERRORES_ZIP = (zipfile.BadZipFile, KeyError, ValueError, EOFError, NotImplementedError, zlib.error)
FIRMA_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls antiguo o libro cifrado con contraseña
FIRMA_ZIP = b"PK\x03\x04"  # un .xlsx empieza así; si además no es un zip legible, está dañado
EXTENSIONES_TEXTO = (".csv", ".tsv", ".txt", ".prn")
MUESTRA = 8192  # bytes del comienzo que se miran para reconocer un archivo de texto
# Bytes de control que no aparecen en un texto (sí el tabulador, los saltos de línea y el de página).
CONTROLES = frozenset(range(32)) - frozenset(b"\t\n\r\f") | {0x7F}
# Límites contra bombas zip y libros desmedidos (tamaños declarados en el zip).
MAXIMO_DESCOMPRIMIDO = 2 * 1024**3  # bytes de todas las partes juntas
MAXIMO_RAZON = 200  # descomprimido / comprimido de una parte grande
PARTE_GRANDE = 1024**2  # la razón solo se mide en partes de más de 1 MiB
MAXIMO_PARTES = 10_000


def validar_libro(ruta: Path) -> None:
    """Error claro si la ruta no es un libro .xlsx/.xlsm legible."""
    if not ruta.exists():
        raise ErrorSeguimiento(f"No existe el archivo «{ruta}».", archivo=ruta)
    if not ruta.is_file():
        raise ErrorSeguimiento(
            f"«{ruta}» no es un archivo (se esperaba un libro .xlsx o .xlsm).", archivo=ruta
        )
    try:
        with ruta.open("rb") as f:
            inicio = f.read(MUESTRA)
    except PermissionError as error:
        raise ErrorSeguimiento(
            f"No se puede leer «{ruta}»: está bloqueado por otro programa o no tiene permiso de lectura.",
            archivo=ruta,
        ) from error
    except OSError as error:
        raise ErrorSeguimiento(
            f"No se puede leer «{ruta}»: {motivo_del_sistema(error)}.", archivo=ruta
        ) from error
    if inicio.startswith(FIRMA_OLE):
        raise ErrorSeguimiento(_mensaje_ole(ruta), archivo=ruta)
    if not zipfile.is_zipfile(ruta):
        raise ErrorSeguimiento(_mensaje_no_zip(ruta, inicio), archivo=ruta)
    try:
        with zipfile.ZipFile(ruta) as paquete:
            partes = paquete.infolist()
    except (*ERRORES_ZIP, OSError) as error:
        raise ErrorSeguimiento(f"«{ruta}» está dañado: {motivo_zip(error)}.", archivo=ruta) from error
    _revisar_partes(ruta, partes)
    nombres = {p.filename for p in partes}
    if "content.xml" in nombres and "xl/workbook.xml" not in nombres:
        raise ErrorSeguimiento(
            f"«{ruta}» es una hoja de cálculo OpenDocument (.ods), que no se admite: guárdela como .xlsx.",
            archivo=ruta,
        )
    if CONTENT_TYPES.casefold() not in {n.casefold() for n in nombres}:  # el libro puede estar en otra parte
        raise ErrorSeguimiento(
            f"«{ruta}» no es un libro de Excel: no es un paquete Open XML (le falta la parte {CONTENT_TYPES}).",
            archivo=ruta,
        )
    if ruta.suffix.lower() not in EXTENSIONES:
        raise ErrorSeguimiento(
            f"«{ruta}» debe tener extensión .xlsx o .xlsm (tiene «{ruta.suffix}»).", archivo=ruta
        )


def _revisar_partes(ruta: Path, partes: list[zipfile.ZipInfo]) -> None:
    """Rechaza bombas zip: demasiadas partes, demasiado tamaño descomprimido o razón desmedida."""
    if len(partes) > MAXIMO_PARTES:
        raise ErrorSeguimiento(
            f"«{ruta}» tiene {len(partes)} partes (máximo {MAXIMO_PARTES}): no se procesa.", archivo=ruta
        )
    total = sum(p.file_size for p in partes)
    if total > MAXIMO_DESCOMPRIMIDO:
        raise ErrorSeguimiento(
            f"«{ruta}» ocupa {total / 1024**3:.1f} GiB descomprimido (máximo "
            f"{MAXIMO_DESCOMPRIMIDO / 1024**3:.0f} GiB): es demasiado grande o una bomba zip; no se procesa.",
            archivo=ruta,
        )
    for parte in partes:
        if parte.file_size > PARTE_GRANDE and parte.file_size > MAXIMO_RAZON * max(parte.compress_size, 1):
            raise ErrorSeguimiento(
                f"«{ruta}»: la parte {parte.filename} se expande {parte.file_size // max(parte.compress_size, 1)} "
                f"veces al descomprimirse (máximo {MAXIMO_RAZON}): parece una bomba zip; no se procesa.",
                archivo=ruta,
            )


def _mensaje_no_zip(ruta: Path, inicio: bytes) -> str:
    """Qué es el archivo que no es un zip, según su comienzo y su extensión, y qué hacer con él."""
    if not inicio:
        return f"«{ruta}» está vacío (0 bytes): no es un libro de Excel."
    if inicio.startswith(FIRMA_ZIP):
        return (
            f"«{ruta}» está dañado: empieza como un libro de Excel pero está truncado o roto "
            "(¿se copió o se descargó a medias?). Vuelva a copiarlo desde el original."
        )
    if ruta.suffix.lower() in EXTENSIONES_TEXTO or _es_texto(inicio):
        return (
            f"«{ruta}» no es un libro de Excel: es un archivo de texto (CSV o similar). Ábralo en Excel "
            "y guárdelo como «Libro de Excel (.xlsx)»."
        )
    return f"«{ruta}» no es un libro de Excel (.xlsx o .xlsm): el archivo no tiene ese formato."


def _es_texto(inicio: bytes) -> bool:
    """Si el comienzo de un archivo es texto: UTF-16 con BOM, o sin bytes de control (UTF-8, cp1252…)."""
    if inicio.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    return not CONTROLES.intersection(inicio)


def _mensaje_ole(ruta: Path) -> str:
    if ruta.suffix.lower() == ".xls":
        return (
            f"«{ruta}» es un libro .xls antiguo (Excel 97-2003), que no se admite: "
            "ábralo en Excel y guárdelo como .xlsx o .xlsm."
        )
    return (
        f"«{ruta}» está protegido con contraseña (cifrado) o es un .xls antiguo: "
        "quite la contraseña de apertura o guárdelo como .xlsx y vuelva a intentarlo."
    )


def motivo_zip(error: Exception) -> str:
    """Por qué no se puede usar el zip, en español (los textos de zipfile y zlib están en inglés)."""
    if isinstance(error, NotImplementedError):
        return "una parte usa un método de compresión o una versión de zip que no se admite"
    if isinstance(error, EOFError):
        return "el archivo está truncado"
    if isinstance(error, zlib.error):
        return "una parte comprimida está dañada"
    if isinstance(error, zipfile.BadZipFile) and "CRC" in str(error):
        return "una parte no coincide con su suma de control (CRC)"
    return "el zip está roto o truncado, o una parte no se puede leer"
