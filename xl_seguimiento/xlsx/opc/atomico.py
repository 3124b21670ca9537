"""Escritura atómica: se escribe en un temporal de la misma carpeta y solo al final se renombra.

Nunca queda un archivo a medias: si algo falla, el temporal se borra y el destino sigue como estaba.
El archivo escrito recibe los permisos de un guardado normal: los del archivo que reemplaza o, si
es nuevo, 0666 menos la umask (el temporal de `mkstemp` nace privado, 0600).
"""

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ...nucleo.errores import ErrorSeguimiento, motivo_del_sistema


def bloqueos(destino: Path) -> list[tuple[str, Path]]:
    """Los archivos que deja junto a `destino` el programa que lo tiene abierto, con su nombre.

    Excel deja «~$NOMBRE»; Word, «~$» en lugar de los dos primeros caracteres de un nombre largo
    (o del primero, o delante, en uno corto); LibreOffice, «.~lock.NOMBRE#».
    """
    nombre = destino.name
    if destino.suffix.lower() == ".docx":
        oficina = [("Word", f"~${recorte}") for recorte in dict.fromkeys((nombre, nombre[1:], nombre[2:]))]
    else:
        oficina = [("Excel", f"~${nombre}")]
    return [
        (programa, destino.with_name(b)) for programa, b in (*oficina, ("LibreOffice", f".~lock.{nombre}#"))
    ]


def revisar_destino(destino: Path) -> None:
    """Error claro si `destino` no se debe reemplazar: está abierto en Excel (o Word), es una carpeta o es de solo lectura."""
    que = "el documento" if destino.suffix.lower() == ".docx" else "el libro"
    for programa, bloqueo in bloqueos(destino):
        if bloqueo.exists():
            raise ErrorSeguimiento(
                f"«{destino}» está abierto en {programa} (existe «{bloqueo.name}» a su lado): cierre "
                f"{que} en {programa} y vuelva a intentarlo. Si {programa} no está abierto, borre «{bloqueo.name}».",
                archivo=destino,
            )
    try:
        modo = destino.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(modo):
        raise ErrorSeguimiento(
            f"No se puede guardar «{destino}»: es una carpeta. Elija otro nombre de archivo.", archivo=destino
        )
    if not modo & stat.S_IWUSR:
        raise ErrorSeguimiento(
            f"No se puede guardar «{destino}»: el archivo es de solo lectura. Quítele ese atributo "
            "(clic derecho › Propiedades) o elija otro nombre.",
            archivo=destino,
        )


@contextmanager
def escritura_atomica(destino: Path, modo: int | None = None) -> Iterator[Path]:
    """Entrega la ruta de un temporal junto a `destino`; al salir sin error, lo renombra a `destino`.

    `modo`: los permisos del archivo escrito; por omisión, los de un guardado normal.
    """
    revisar_destino(destino)
    try:
        descriptor, temporal = tempfile.mkstemp(
            prefix=".xl-seguimiento-", suffix=destino.suffix, dir=destino.parent
        )
    except OSError as error:
        raise ErrorSeguimiento(
            f"No se puede escribir en la carpeta «{destino.parent}»: no existe o no hay permiso de escritura.",
            archivo=destino,
        ) from error
    os.close(descriptor)
    try:
        yield Path(temporal)
        os.chmod(temporal, _modo_de_guardado(destino) if modo is None else modo)
        os.replace(temporal, destino)
    except PermissionError as error:
        raise ErrorSeguimiento(
            f"No se puede guardar «{destino}»: está abierto en otro programa (¿Excel?) o no hay permiso de escritura.",
            archivo=destino,
        ) from error
    except OSError as error:
        raise ErrorSeguimiento(
            f"No se puede guardar «{destino}»: {motivo_del_sistema(error)}.", archivo=destino
        ) from error
    finally:
        if os.path.exists(temporal):
            os.remove(temporal)


def _modo_de_guardado(destino: Path) -> int:
    """Los permisos del archivo que se reemplaza; si no existe, 0666 menos la umask del proceso."""
    try:
        return stat.S_IMODE(destino.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """La umask del proceso (solo se puede leer cambiándola; se restituye en seguida)."""
    actual = os.umask(0o022)
    os.umask(actual)
    return actual
