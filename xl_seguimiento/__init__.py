"""xl-seguimiento: Avance Tipo 1, índice de gestión y alertas de una política nacional."""

__version__ = "0.1.0"


def main() -> None:
    """Lo que ejecuta el botón «Generar alertas» del complemento (RunPython)."""
    try:
        from .excel import generar_alertas
    except Exception as error:  # falta una dependencia o la instalación está dañada: nunca una traza
        import sys

        print(
            "xl-seguimiento no pudo arrancar en este Python "
            f"({sys.executable}): {type(error).__name__}: {error}. Vuelva a instalarlo con "
            "«py -m pip install --upgrade xl-seguimiento» y «xl-seguimiento complemento instalar».",
            file=sys.stderr,
        )
        raise SystemExit(1) from error
    generar_alertas()
