"""xl-seguimiento: Avance Tipo 1, índice de gestión y alertas de una política nacional."""

__version__ = "0.1.0"


def main() -> None:
    """Lo que ejecuta el botón «Generar alertas» del complemento (RunPython)."""
    from .excel import generar_alertas

    generar_alertas()
