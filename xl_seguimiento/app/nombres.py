"""Los nombres de los archivos que se escriben junto a un libro: su salida y su respaldo.

Solo importa `pathlib`: la orden los necesita antes de empezar a leer el libro, y el motor se
importa mientras tanto (`cli`).
"""

from pathlib import Path

SUFIJO_SALIDA = "_alertas"
SUFIJO_RESPALDO = ".respaldo"


def salida_por_omision(libro: Path) -> Path:
    """LIBRO_alertas.xlsx (o .xlsm) al lado del original."""
    return libro.with_name(f"{libro.stem}{SUFIJO_SALIDA}{libro.suffix}")


def respaldo(libro: Path) -> Path:
    """LIBRO.respaldo.xlsx: la copia que se guarda antes de escribir en el mismo libro."""
    return libro.with_name(f"{libro.stem}{SUFIJO_RESPALDO}{libro.suffix}")


def libro_previo(carpeta: Path, libro: Path) -> Path | None:
    """La salida anterior de `libro` en `carpeta` (su LIBRO_alertas.xlsx), o None si no está."""
    previo = carpeta / salida_por_omision(libro).name
    return previo if previo.is_file() else None
