"""El error que el usuario ve: un mensaje en español y, como datos, el archivo, la hoja y la celda."""

import errno
from os import PathLike

# Lo que el sistema dice en inglés (strerror), en español. El resto, con su número.
MOTIVOS_DEL_SISTEMA = {
    errno.ENOSPC: "no queda espacio en el disco",
    errno.EDQUOT: "se agotó la cuota de disco del usuario",
    errno.EROFS: "el disco o la carpeta es de solo lectura",
    errno.EACCES: "no hay permiso (o el archivo está abierto en otro programa)",
    errno.EPERM: "no hay permiso (o el archivo está abierto en otro programa)",
    errno.ENOENT: "no existe",
    errno.EISDIR: "es una carpeta",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.ENAMETOOLONG: "el nombre o la ruta es demasiado largo",
    errno.EBUSY: "está en uso por otro programa",
    errno.EIO: "el disco no respondió al leer o escribir",
    errno.EMFILE: "hay demasiados archivos abiertos",
}


class ErrorSeguimiento(Exception):
    """Entrada que no se puede procesar; el mensaje está listo para mostrarse al usuario.

    `archivo`, `hoja` y `celda` dicen dónde está el problema (None si no aplica); si `archivo` está,
    el mensaje ya lo nombra.
    """

    def __init__(
        self,
        mensaje: str,
        *,
        archivo: str | PathLike[str] | None = None,
        hoja: str | None = None,
        celda: str | None = None,
    ) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.archivo = None if archivo is None else str(archivo)
        self.hoja = hoja
        self.celda = celda

    def en_archivo(self, archivo: str | PathLike[str]) -> "ErrorSeguimiento":
        """El mismo error con su archivo: el mensaje lo nombra al comienzo si aún no lo nombraba."""
        if self.archivo is not None:
            return self
        return ErrorSeguimiento(
            f"«{archivo}»: {self.mensaje}", archivo=archivo, hoja=self.hoja, celda=self.celda
        )


def motivo_del_sistema(error: OSError) -> str:
    """Por qué falló una operación con archivos, en español (el `strerror` del sistema viene en inglés)."""
    return MOTIVOS_DEL_SISTEMA.get(error.errno or -1, f"error del sistema n.º {error.errno}")
