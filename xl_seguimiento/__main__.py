"""`py -m xl_seguimiento …`: la misma línea de comandos, sin depender de que Scripts esté en el PATH."""

from .app.cli import ejecutar

ejecutar()
