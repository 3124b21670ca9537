"""Flujos de un proyecto VBA (MS-OVBA 2.3) desde el código fuente de sus módulos.

Cada módulo se guarda solo como fuente comprimida, sin caché de rendimiento, y `_VBA_PROJECT`
lleva la versión 0xFFFF: Office compila el proyecto al abrirlo, en cualquier versión (2.3.4.1).
"""

import struct
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, IntEnum

from .cfb import archivo_compuesto
from .compresion import comprimir

__all__ = ["Modulo", "Referencia", "TipoModulo", "cifrar", "proyecto_vba"]

PAGINA_CODIGOS = 1252
LCID = 0x0409
VBA_PROJECT = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001)
EXTENSOR_HOST = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
SIN_PROTECCION, SIN_CONTRASENA, VISIBLE = bytes(4), bytes(1), b"\xff"  # CMG, DPB y GC (2.3.1.15-17)
BASE_CLASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"  # VB_Base de un módulo de clase


class Registro(IntEnum):
    """Identificadores de los registros del flujo `dir` (MS-OVBA 2.3.4.2), con los nombres de la norma."""

    PROJECTSYSKIND = 0x0001  # 2.3.4.2.1.1
    PROJECTLCID = 0x0002  # 2.3.4.2.1.2
    PROJECTLCIDINVOKE = 0x0014  # 2.3.4.2.1.3
    PROJECTCODEPAGE = 0x0003  # 2.3.4.2.1.4
    PROJECTNAME = 0x0004  # 2.3.4.2.1.5
    PROJECTDOCSTRING = 0x0005  # 2.3.4.2.1.6
    PROJECTDOCSTRING_UNICODE = 0x0040  # 2.3.4.2.1.6, campo Reserved
    PROJECTHELPFILEPATH = 0x0006  # 2.3.4.2.1.7
    PROJECTHELPFILEPATH_2 = 0x003D  # 2.3.4.2.1.7, campo Reserved
    PROJECTHELPCONTEXT = 0x0007  # 2.3.4.2.1.8
    PROJECTLIBFLAGS = 0x0008  # 2.3.4.2.1.9
    PROJECTVERSION = 0x0009  # 2.3.4.2.1.10
    PROJECTCONSTANTS = 0x000C  # 2.3.4.2.1.11
    PROJECTCONSTANTS_UNICODE = 0x003C  # 2.3.4.2.1.11, campo Reserved
    REFERENCENAME = 0x0016  # 2.3.4.2.2.2
    REFERENCENAME_UNICODE = 0x003E  # 2.3.4.2.2.2, campo Reserved
    REFERENCEREGISTERED = 0x000D  # 2.3.4.2.2.5
    PROJECTMODULES = 0x000F  # 2.3.4.2.3
    PROJECTCOOKIE = 0x0013  # 2.3.4.2.3.1
    MODULENAME = 0x0019  # 2.3.4.2.3.2.1
    MODULENAMEUNICODE = 0x0047  # 2.3.4.2.3.2.2
    MODULESTREAMNAME = 0x001A  # 2.3.4.2.3.2.3
    MODULESTREAMNAME_UNICODE = 0x0032  # 2.3.4.2.3.2.3, campo Reserved
    MODULEDOCSTRING = 0x001C  # 2.3.4.2.3.2.4
    MODULEDOCSTRING_UNICODE = 0x0048  # 2.3.4.2.3.2.4, campo Reserved
    MODULEOFFSET = 0x0031  # 2.3.4.2.3.2.5
    MODULEHELPCONTEXT = 0x001E  # 2.3.4.2.3.2.6
    MODULECOOKIE = 0x002C  # 2.3.4.2.3.2.7
    MODULETYPE_PROCEDURAL = 0x0021  # 2.3.4.2.3.2.8: módulo estándar
    MODULETYPE_DOCUMENT = 0x0022  # 2.3.4.2.3.2.8: módulo de clase, de libro o de hoja
    MODULE_TERMINATOR = 0x002B  # 2.3.4.2.3.2, campo Terminator
    DIR_TERMINATOR = 0x0010  # 2.3.4.2, campo Terminator


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
        _registro(Registro.PROJECTSYSKIND, struct.pack("<I", 1)),  # Win32
        _registro(Registro.PROJECTLCID, struct.pack("<I", LCID)),
        _registro(Registro.PROJECTLCIDINVOKE, struct.pack("<I", LCID)),
        _registro(Registro.PROJECTCODEPAGE, struct.pack("<H", PAGINA_CODIGOS)),
        _registro(Registro.PROJECTNAME, _mbcs(nombre)),
        _registro(Registro.PROJECTDOCSTRING, b"") + _registro(Registro.PROJECTDOCSTRING_UNICODE, b""),
        _registro(Registro.PROJECTHELPFILEPATH, b"") + _registro(Registro.PROJECTHELPFILEPATH_2, b""),
        _registro(Registro.PROJECTHELPCONTEXT, struct.pack("<I", 0)),
        _registro(Registro.PROJECTLIBFLAGS, struct.pack("<I", 0)),
        # PROJECTVERSION: el campo del tamaño es Reserved y vale 4 aunque siguen 6 bytes.
        struct.pack("<HIIH", Registro.PROJECTVERSION, 4, 1, 0),
        _registro(Registro.PROJECTCONSTANTS, b"") + _registro(Registro.PROJECTCONSTANTS_UNICODE, b""),
    ]
    partes += map(_referencia, referencias)
    partes += [
        _registro(Registro.PROJECTMODULES, struct.pack("<H", len(modulos))),
        _registro(Registro.PROJECTCOOKIE, struct.pack("<H", 0xFFFF)),
    ]
    partes += map(_modulo, modulos)
    partes.append(_registro(Registro.DIR_TERMINATOR, b""))
    return b"".join(partes)


def _referencia(referencia: Referencia) -> bytes:
    libid = _mbcs(referencia.libid)
    registrada = struct.pack("<I", len(libid)) + libid + bytes(6)
    return (
        _registro(Registro.REFERENCENAME, _mbcs(referencia.nombre))
        + _registro(Registro.REFERENCENAME_UNICODE, _unicode(referencia.nombre))
        + _registro(Registro.REFERENCEREGISTERED, registrada)
    )


def _modulo(modulo: Modulo) -> bytes:
    estandar = modulo.tipo is TipoModulo.ESTANDAR
    tipo = Registro.MODULETYPE_PROCEDURAL if estandar else Registro.MODULETYPE_DOCUMENT
    return b"".join(
        (
            _registro(Registro.MODULENAME, _mbcs(modulo.nombre)),
            _registro(Registro.MODULENAMEUNICODE, _unicode(modulo.nombre)),
            _registro(Registro.MODULESTREAMNAME, _mbcs(modulo.nombre))
            + _registro(Registro.MODULESTREAMNAME_UNICODE, _unicode(modulo.nombre)),
            _registro(Registro.MODULEDOCSTRING, b"") + _registro(Registro.MODULEDOCSTRING_UNICODE, b""),
            _registro(Registro.MODULEOFFSET, struct.pack("<I", 0)),  # la fuente empieza en 0: no hay caché
            _registro(Registro.MODULEHELPCONTEXT, struct.pack("<I", 0)),
            _registro(Registro.MODULECOOKIE, struct.pack("<H", 0xFFFF)),
            _registro(tipo, b""),
            _registro(Registro.MODULE_TERMINATOR, b""),
        )
    )


def _registro(identificador: Registro, datos: bytes) -> bytes:
    return struct.pack("<HI", identificador, len(datos)) + datos


def _mbcs(texto: str) -> bytes:
    return texto.encode(f"cp{PAGINA_CODIGOS}")


def _unicode(texto: str) -> bytes:
    return texto.encode("utf-16-le")
