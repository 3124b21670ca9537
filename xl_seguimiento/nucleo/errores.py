"""El error que el usuario ve: un mensaje en español que nombra archivo, hoja y celda."""


class ErrorSeguimiento(Exception):
    """Entrada que no se puede procesar; el mensaje está listo para mostrarse al usuario."""
