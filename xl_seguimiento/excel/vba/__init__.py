"""Proyecto VBA como bytes (MS-OVBA sobre MS-CFB): solo biblioteca estándar; no importa nada del paquete.

Escribe el `vbaProject.bin` del complemento desde el código fuente de sus módulos: contenedor
comprimido (`compresion`), archivo compuesto (`cfb`) y flujos del proyecto (`proyecto`).
"""

from .cfb import archivo_compuesto
from .compresion import comprimir
from .proyecto import Modulo, TipoModulo, proyecto_vba

__all__ = ["Modulo", "TipoModulo", "archivo_compuesto", "comprimir", "proyecto_vba"]
