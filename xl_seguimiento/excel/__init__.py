"""Excel: botón, funciones (UDF), complemento y sus recursos (macros/). Importa `nucleo`, `maqueta` y `xlsx`.

Este módulo es lo que ejecutan los botones «Generar alertas» y «Generar reporte» (RunPython): no importa nada al cargarse,
para que un Python sin alguna dependencia dé un mensaje y no una traza.
"""


def main() -> None:
    """Lo que ejecuta el botón «Generar alertas» del complemento (RunPython)."""
    _arrancar("boton", "generar_alertas")()


def reporte() -> None:
    """Lo que ejecuta el botón «Generar reporte» del complemento (RunPython)."""
    _arrancar("boton_reporte", "generar_reporte")()


def _arrancar(modulo: str, funcion: str):
    """La función del botón; si no se puede importar, un mensaje en la salida de errores (xlwings lo muestra)."""
    try:
        import importlib

        return getattr(importlib.import_module(f".{modulo}", __name__), funcion)
    except Exception as error:  # falta una dependencia o la instalación está dañada: nunca una traza
        import sys

        print(
            "xl-seguimiento no pudo arrancar en este Python "
            f"({sys.executable}): {type(error).__name__}: {error}. Vuelva a instalarlo con "
            "la rueda que le entregó la oficina de planeamiento («py -m pip install --upgrade "
            "xl_seguimiento-….whl») y «py -m xl_seguimiento complemento instalar».",
            file=sys.stderr,
        )
        raise SystemExit(1) from error
