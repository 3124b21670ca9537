"""Línea de comandos: `xl-seguimiento alertas LIBRO.xlsx [-o SALIDA] [--anio N] [--json]`."""

import argparse
import gc
import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errores import ErrorSeguimiento
from .parametros import Parametros, Ponderacion


def construir_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xl-seguimiento",
        description="Seguimiento de políticas nacionales: Avance Tipo 1, índice de gestión y alertas.",
    )
    ordenes = parser.add_subparsers(dest="orden", required=True, metavar="ORDEN")
    alertas = ordenes.add_parser(
        "alertas", help="calcula avances e índice y escribe la hoja «Alertas» en una copia del libro"
    )
    alertas.add_argument("libro", type=Path, help="libro de seguimiento (.xlsx o .xlsm)")
    alertas.add_argument(
        "-o", "--salida", type=Path, help="libro de salida (por omisión, LIBRO_alertas.xlsx)"
    )
    alertas.add_argument(
        "--anio", type=int, help="año de análisis (por omisión, el último con valores obtenidos)"
    )
    alertas.add_argument("--json", action="store_true", help="imprime el resultado como JSON")
    alertas.add_argument(
        "--en-sitio",
        action="store_true",
        help="escribe la hoja en el mismo libro de entrada (guarda antes una copia LIBRO.respaldo.xlsx)",
    )
    alertas.add_argument("--tope", type=float, default=Parametros.tope, help="tope del avance en el índice")
    alertas.add_argument(
        "--ponderacion",
        choices=[p.value for p in Ponderacion],
        default=Ponderacion.INDICADOR.value,
        help="cómo se promedian los avances en el índice",
    )
    complemento = ordenes.add_parser("complemento", help="construye o instala el complemento de Excel")
    acciones = complemento.add_subparsers(dest="accion", required=True, metavar="ACCION")
    construir = acciones.add_parser(
        "construir", help="construye xl_seguimiento.xlam desde la plantilla de xlwings"
    )
    construir.add_argument("-o", "--salida", type=Path, help="ruta del complemento (por omisión workbook/)")
    instalar = acciones.add_parser("instalar", help="instala el complemento para el usuario actual (Windows)")
    instalar.add_argument(
        "complemento", type=Path, nargs="?", help="complemento a instalar (por omisión workbook/)"
    )
    return parser


@contextmanager
def recolector_en_pausa() -> Iterator[None]:
    """Pausa el recolector de ciclos: el motor crea cientos de miles de objetos sin ciclos."""
    activo = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if activo:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    argumentos = construir_parser().parse_args(argv)
    try:
        with recolector_en_pausa():
            if argumentos.orden == "complemento":
                return _complemento(argumentos)
            return _alertas(argumentos)
    except ErrorSeguimiento as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # último recurso: un mensaje, nunca una traza
        print(f"Error inesperado ({type(error).__name__}: {error}). Informe este problema.", file=sys.stderr)
        return 3


def _alertas(argumentos: argparse.Namespace) -> int:
    from .archivos import leer_hojas
    from .hoja_alertas import maquetar
    from .motor import analizar_libro
    from .paquete import escribir_sin_perdidas
    from .presentacion import documento_json, resumen_texto

    libro: Path = argumentos.libro
    parametros = Parametros(tope=argumentos.tope, ponderacion=Ponderacion(argumentos.ponderacion))
    try:
        informe = analizar_libro(leer_hojas(libro), parametros, argumentos.anio)
    except ErrorSeguimiento as error:
        if str(libro) in str(error):
            raise
        raise ErrorSeguimiento(f"«{libro}»: {error}") from error
    destino = _destino(libro, argumentos.salida, argumentos.en_sitio)
    if argumentos.en_sitio:
        shutil.copy2(libro, _respaldo(libro))
    escribir_sin_perdidas(libro, destino, maquetar(informe, libro.name))
    if argumentos.json:
        print(json.dumps(documento_json(informe), ensure_ascii=False, indent=2))
    else:
        print(resumen_texto(informe, destino))
    return 0


def _complemento(argumentos: argparse.Namespace) -> int:
    from . import complemento

    if argumentos.accion == "construir":
        destino = complemento.construir(argumentos.salida or complemento.COMPLEMENTO)
        print(f"Complemento construido: {destino}")
    else:
        destino = complemento.instalar(argumentos.complemento or complemento.COMPLEMENTO)
        print(f"Complemento instalado en: {destino}. Abra Excel: verá la pestaña «Seguimiento».")
    return 0


def _destino(libro: Path, salida: Path | None, en_sitio: bool) -> Path:
    if en_sitio:
        return libro
    destino = salida or libro.with_name(f"{libro.stem}_alertas{libro.suffix}")
    if destino.resolve() == libro.resolve():
        raise ErrorSeguimiento(
            f"La salida «{destino}» es el mismo libro de entrada: use --en-sitio para escribir en él."
        )
    if destino.suffix.lower() != libro.suffix.lower():
        raise ErrorSeguimiento(
            f"La salida «{destino}» debe tener la misma extensión que el libro de entrada ({libro.suffix})."
        )
    return destino


def _respaldo(libro: Path) -> Path:
    return libro.with_name(f"{libro.stem}.respaldo{libro.suffix}")


if __name__ == "__main__":
    sys.exit(main())
