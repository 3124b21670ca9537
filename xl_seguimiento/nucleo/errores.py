"""El error que el usuario ve: un mensaje en español y, como datos, el archivo, la hoja y la celda."""

from os import PathLike


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
