"""Escritura atómica: se escribe en un temporal de la misma carpeta y solo al final se renombra.

Nunca queda un archivo a medias: si algo falla, el temporal se borra y el destino sigue como estaba.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..nucleo.errores import ErrorSeguimiento


@contextmanager
def escritura_atomica(destino: Path) -> Iterator[Path]:
    """Entrega la ruta de un temporal junto a `destino`; al salir sin error, lo renombra a `destino`."""
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
        os.replace(temporal, destino)
    except PermissionError as error:
        raise ErrorSeguimiento(
            f"No se puede guardar «{destino}»: está abierto en otro programa (¿Excel?) o no hay permiso de escritura.",
            archivo=destino,
        ) from error
    except OSError as error:
        raise ErrorSeguimiento(
            f"No se puede guardar «{destino}»: {error.strerror}.", archivo=destino
        ) from error
    finally:
        if os.path.exists(temporal):
            os.remove(temporal)
