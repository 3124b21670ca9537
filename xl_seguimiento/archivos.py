"""Lectura rápida y segura de libros desde archivo (python-calamine): valida y entrega cuadrículas."""

import zipfile
from collections.abc import Iterator
from pathlib import Path

from .errores import ErrorSeguimiento
from .tabla import Cuadricula

EXTENSIONES = (".xlsx", ".xlsm")
FIRMA_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls antiguo o libro cifrado con contraseña


def validar_libro(ruta: Path) -> None:
    """Error claro si la ruta no es un libro .xlsx/.xlsm legible."""
    if not ruta.exists():
        raise ErrorSeguimiento(f"No existe el archivo «{ruta}».")
    if not ruta.is_file():
        raise ErrorSeguimiento(f"«{ruta}» no es un archivo (se esperaba un libro .xlsx o .xlsm).")
    try:
        with ruta.open("rb") as f:
            firma = f.read(len(FIRMA_OLE))
    except OSError as error:
        raise ErrorSeguimiento(f"No se puede leer «{ruta}»: {error.strerror}.") from error
    if firma == FIRMA_OLE:
        raise ErrorSeguimiento(_mensaje_ole(ruta))
    if not zipfile.is_zipfile(ruta):
        raise ErrorSeguimiento(
            f"«{ruta}» no es un libro de Excel (.xlsx o .xlsm): el archivo no tiene ese formato."
        )
    with zipfile.ZipFile(ruta) as paquete:
        nombres = set(paquete.namelist())
    if "content.xml" in nombres and "xl/workbook.xml" not in nombres:
        raise ErrorSeguimiento(
            f"«{ruta}» es una hoja de cálculo OpenDocument (.ods), que no se admite: guárdela como .xlsx."
        )
    if "xl/workbook.xml" not in nombres:
        raise ErrorSeguimiento(f"«{ruta}» no es un libro de Excel: le falta la parte xl/workbook.xml.")
    if ruta.suffix.lower() not in EXTENSIONES:
        raise ErrorSeguimiento(f"«{ruta}» debe tener extensión .xlsx o .xlsm (tiene «{ruta.suffix}»).")


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


def leer_hojas(ruta: Path) -> Iterator[tuple[str, Cuadricula]]:
    """Cada hoja del libro como (nombre, filas desde A1), en el orden del libro."""
    validar_libro(ruta)
    from python_calamine import CalamineWorkbook

    try:
        libro = CalamineWorkbook.from_path(str(ruta))
        for nombre in libro.sheet_names:
            yield nombre, libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)
    except Exception as error:  # calamine expone sus errores como excepciones propias
        raise ErrorSeguimiento(f"No se puede leer el libro «{ruta}»: {error}") from error
