"""Flujos de un proyecto VBA (MS-OVBA 2.3) desde el código fuente de sus módulos.

Cada módulo se guarda solo como fuente comprimida, sin caché de rendimiento, y `_VBA_PROJECT`
lleva la versión 0xFFFF: Office compila el proyecto al abrirlo, en cualquier versión (2.3.4.1).
"""

import struct
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from .cfb import archivo_compuesto
from .compresion import comprimir

__all__ = ["Modulo", "Referencia", "TipoModulo", "cifrar", "proyecto_vba"]

PAGINA_CODIGOS = 1252
LCID = 0x0409
VBA_PROJECT = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001)
EXTENSOR_HOST = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
SIN_PROTECCION, SIN_CONTRASENA, VISIBLE = bytes(4), bytes(1), b"\xff"  # CMG, DPB y GC (2.3.1.15-17)
BASE_CLASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"  # VB_Base de un módulo de clase


class TipoModulo(Enum):
    """Cómo se declara cada módulo en el flujo PROJECT."""

    ESTANDAR = "Module"
    CLASE = "Class"
    DOCUMENTO = "Document"


@dataclass(frozen=True)
class Modulo:
    """Un módulo: su nombre y su código tal como lo muestra el editor (con las líneas Attribute)."""

    nombre: str
    codigo: str

    @property
    def tipo(self) -> TipoModulo:
        """Estándar sin VB_Base; clase con la base de las clases; si no, el de un libro u hoja."""
        base = next(
            (linea for linea in self.codigo.splitlines() if linea.startswith("Attribute VB_Base")), ""
        )
        if not base:
            return TipoModulo.ESTANDAR
        return TipoModulo.CLASE if BASE_CLASE in base else TipoModulo.DOCUMENTO

    def fuente(self) -> bytes:
        """El código con saltos CRLF en la página de códigos del proyecto."""
        return "\r\n".join(self.codigo.splitlines()).encode(f"cp{PAGINA_CODIGOS}") + b"\r\n"


@dataclass(frozen=True)
class Referencia:
    """Una biblioteca de tipos registrada (REFERENCEREGISTERED)."""

    nombre: str
    libid: str


REFERENCIAS = (
    Referencia("stdole", "*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#stdole2.tlb#OLE Automation"),
    Referencia(
        "Office", "*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#MSO.DLL#Microsoft Office Object Library"
    ),
)


def proyecto_vba(
    nombre: str, modulos: Sequence[Modulo], referencias: Iterable[Referencia] = REFERENCIAS
) -> bytes:
    """Bytes de `vbaProject.bin`; mismas entradas, mismos bytes (el identificador sale del nombre)."""
    identificador = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"xl-seguimiento:{nombre}")).upper() + "}"
    flujos = {
        "PROJECT": _flujo_project(nombre, identificador, modulos),
        "PROJECTwm": b"".join(_mbcs(m.nombre) + b"\x00" + _unicode(m.nombre) + b"\x00\x00" for m in modulos)
        + b"\x00\x00",
        "VBA/_VBA_PROJECT": VBA_PROJECT,
        "VBA/dir": comprimir(_flujo_dir(nombre, modulos, list(referencias))),
    }
    flujos |= {f"VBA/{m.nombre}": comprimir(m.fuente()) for m in modulos}
    return archivo_compuesto(flujos)


def _flujo_project(nombre: str, identificador: str, modulos: Sequence[Modulo]) -> bytes:
    """Propiedades del proyecto (2.3.1): sin protección, sin contraseña y visible."""
    lineas = [f'ID="{identificador}"']
    for modulo in modulos:
        tipo = modulo.tipo
        sufijo = "/&H00000000" if tipo is TipoModulo.DOCUMENTO else ""
        lineas.append(f"{tipo.value}={modulo.nombre}{sufijo}")
    lineas += [
        f'Name="{nombre}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{_cifrado_hex(identificador, SIN_PROTECCION)}"',
        f'DPB="{_cifrado_hex(identificador, SIN_CONTRASENA)}"',
        f'GC="{_cifrado_hex(identificador, VISIBLE)}"',
        "",
        "[Host Extender Info]",
        EXTENSOR_HOST,
        "",
    ]
    return "\r\n".join(lineas).encode(f"cp{PAGINA_CODIGOS}")


def _cifrado_hex(identificador: str, datos: bytes) -> str:
    return cifrar(identificador, datos).hex().upper()


def cifrar(identificador: str, datos: bytes, semilla: int = 0x5D, relleno: bytes | None = None) -> bytes:
    """Ofuscación de datos de MS-OVBA 2.4.3.2; semilla y relleno fijos por omisión (archivo reproducible).

    El relleno son (semilla & 6) / 2 bytes cualesquiera; Office los elige al azar.
    """
    version, clave = 2, sum(_mbcs(identificador)) & 0xFF
    salida = bytearray([semilla, semilla ^ version, semilla ^ clave])
    sin_cifrar, cifrado1, cifrado2 = clave, semilla ^ clave, semilla ^ version
    relleno = bytes((semilla & 6) // 2) if relleno is None else relleno
    for byte in relleno + struct.pack("<I", len(datos)) + datos:
        nuevo = byte ^ ((cifrado2 + sin_cifrar) & 0xFF)
        salida.append(nuevo)
        cifrado2, cifrado1, sin_cifrar = cifrado1, nuevo, byte
    return bytes(salida)


def _flujo_dir(nombre: str, modulos: Sequence[Modulo], referencias: list[Referencia]) -> bytes:
    """Información del proyecto, referencias y módulos (2.3.4.2), antes de comprimir."""
    partes = [
        _registro(0x0001, struct.pack("<I", 1)),  # SYSKIND: Win32
        _registro(0x0002, struct.pack("<I", LCID)),
        _registro(0x0014, struct.pack("<I", LCID)),
        _registro(0x0003, struct.pack("<H", PAGINA_CODIGOS)),
        _registro(0x0004, _mbcs(nombre)),
        _registro(0x0005, b"") + _registro(0x0040, b""),  # descripción
        _registro(0x0006, b"") + _registro(0x003D, b""),  # archivo de ayuda
        _registro(0x0007, struct.pack("<I", 0)),
        _registro(0x0008, struct.pack("<I", 0)),
        struct.pack("<HIIH", 0x0009, 4, 1, 0),  # PROJECTVERSION: el tamaño es el campo Reserved
        _registro(0x000C, b"") + _registro(0x003C, b""),  # constantes de compilación
    ]
    partes += map(_referencia, referencias)
    partes += [
        _registro(0x000F, struct.pack("<H", len(modulos))),
        _registro(0x0013, struct.pack("<H", 0xFFFF)),
    ]
    partes += map(_modulo, modulos)
    partes.append(_registro(0x0010, b""))
    return b"".join(partes)


def _referencia(referencia: Referencia) -> bytes:
    libid = _mbcs(referencia.libid)
    registrada = struct.pack("<I", len(libid)) + libid + bytes(6)
    return (
        _registro(0x0016, _mbcs(referencia.nombre))
        + _registro(0x003E, _unicode(referencia.nombre))
        + _registro(0x000D, registrada)
    )


def _modulo(modulo: Modulo) -> bytes:
    tipo = 0x0021 if modulo.tipo is TipoModulo.ESTANDAR else 0x0022
    return b"".join(
        (
            _registro(0x0019, _mbcs(modulo.nombre)),
            _registro(0x0047, _unicode(modulo.nombre)),
            _registro(0x001A, _mbcs(modulo.nombre)) + _registro(0x0032, _unicode(modulo.nombre)),
            _registro(0x001C, b"") + _registro(0x0048, b""),
            _registro(0x0031, struct.pack("<I", 0)),  # la fuente empieza en 0: no hay caché
            _registro(0x001E, struct.pack("<I", 0)),
            _registro(0x002C, struct.pack("<H", 0xFFFF)),
            _registro(tipo, b""),
            _registro(0x002B, b""),
        )
    )


def _registro(identificador: int, datos: bytes) -> bytes:
    return struct.pack("<HI", identificador, len(datos)) + datos


def _mbcs(texto: str) -> bytes:
    return texto.encode(f"cp{PAGINA_CODIGOS}")


def _unicode(texto: str) -> bytes:
    return texto.encode("utf-16-le")
