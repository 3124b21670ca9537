"""Excel: botón, funciones (UDF), complemento y sus recursos (macros/). Importa `nucleo`, `maqueta` y `xlsx`.

Este módulo es lo que ejecuta el botón «Generar alertas» (RunPython): no importa nada al cargarse,
para que un Python sin alguna dependencia dé un mensaje y no una traza.
"""


def main() -> None:
    """Lo que ejecuta el botón «Generar alertas» del complemento (RunPython)."""
    try:
        from .boton import generar_alertas
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
