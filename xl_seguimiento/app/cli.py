"""Línea de comandos: `xl-seguimiento alertas LIBRO.xlsx [-o SALIDA] [--anio N] [--json]`."""

import argparse
import gc
import os
import sys
from contextlib import suppress
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

from ..nucleo.errores import ErrorSeguimiento, motivo_del_sistema
from ..nucleo.parametros import PARAMETROS, Descripcion, Parametros, descripciones
from ..nucleo.recoleccion import sin_recoleccion
from . import consola
from .argumentos_es import en_espanol


def entero(texto: str) -> int:
    """Tipo de argumento; su nombre aparece en el mensaje de error («se esperaba entero»)."""
    return int(texto)


def número(texto: str) -> float:
    """Tipo de argumento; su nombre aparece en el mensaje de error («se esperaba número»).

    Acepta la coma decimal de la configuración regional de Perú («75,5»).
    """
    if texto.count(",") == 1 and "." not in texto:
        texto = texto.replace(",", ".")
    return float(texto)


def opción(texto: str) -> str:
    """Tipo de argumento de las opciones fijas: sin distinguir mayúsculas («Servicio»)."""
    return texto.strip().casefold()


def construir_parser() -> argparse.ArgumentParser:
    en_espanol()
    parser = argparse.ArgumentParser(
        prog="xl-seguimiento",
        description="Seguimiento de políticas nacionales: Avance Tipo 1, índice de gestión y alertas.",
    )
    ordenes = parser.add_subparsers(dest="orden", required=True, metavar="ORDEN")
    alertas = ordenes.add_parser(
        "alertas",
        help="calcula avances e índice y escribe las hojas «Alertas» y «Tablero» en una copia del libro",
    )
    alertas.add_argument(
        "libros",
        type=Path,
        nargs="+",
        metavar="LIBRO",
        help="libro de seguimiento (.xlsx o .xlsm); con varios libros o una carpeta, modo por lotes",
    )
    alertas.add_argument(
        "-o",
        "--salida",
        type=Path,
        help="libro de salida (por omisión, LIBRO_alertas.xlsx); por lotes, el libro consolidado "
        "(por omisión, consolidado_alertas.xlsx en la carpeta)",
    )
    _opciones_del_analisis(alertas, por_lotes=True)
    alertas.add_argument("--json", action="store_true", help="imprime el resultado como JSON")
    alertas.add_argument(
        "--en-sitio",
        action="store_true",
        help="escribe las hojas en el mismo libro de entrada (guarda antes una copia LIBRO.respaldo.xlsx); "
        "no se combina con -o en un solo libro",
    )
    alertas.add_argument(
        "--procesos",
        type=entero,
        metavar="N",
        help="procesos en paralelo por lotes (por omisión, uno por núcleo)",
    )
    for nombre, descripcion in descripciones():
        _opcion_de_parametro(alertas, nombre, descripcion)
    _orden_reporte(ordenes)
    complemento = ordenes.add_parser("complemento", help="construye o instala el complemento de Excel")
    acciones = complemento.add_subparsers(dest="accion", required=True, metavar="ACCION")
    construir = acciones.add_parser(
        "construir",
        help="construye xl_seguimiento.xlam (cinta, funciones y botón) desde la plantilla de xlwings",
    )
    construir.add_argument(
        "-o",
        "--salida",
        type=Path,
        help="ruta del complemento, con extensión .xlam (por omisión xl_seguimiento.xlam en esta carpeta)",
    )
    acciones.add_parser(
        "instalar",
        help="construye el complemento en la carpeta de inicio de Excel y le indica este Python (Windows)",
    )
    acciones.add_parser("desinstalar", help="quita el complemento y su configuración (Windows)")
    return parser


def _opciones_del_analisis(orden: argparse.ArgumentParser, por_lotes: bool) -> None:
    """--anio y --desde, comunes a «alertas» y «reporte» (`por_lotes`: la orden admite varios libros)."""
    orden.add_argument(
        "--anio",
        type=entero,
        metavar="AÑO",
        help="año de análisis (por omisión, el último con valores obtenidos)",
    )
    orden.add_argument(
        "--desde",
        type=Path,
        metavar="PREVIO",
        help="libro de una ejecución anterior de donde traer lo escrito en las columnas del usuario de "
        "«Alertas», o la carpeta con las salidas anteriores (LIBRO_alertas.xlsx)"
        + ("; por lotes, solo una carpeta" if por_lotes else ""),
    )


def _orden_reporte(ordenes) -> None:
    """`xl-seguimiento reporte LIBRO.xlsx [-o LIBRO_reporte.docx]`, con las opciones del análisis."""
    reporte = ordenes.add_parser(
        "reporte",
        help="escribe el reporte de seguimiento (.docx) con el mismo análisis que la hoja «Alertas»",
    )
    reporte.add_argument("libro", type=Path, metavar="LIBRO", help="libro de seguimiento (.xlsx o .xlsm)")
    reporte.add_argument(
        "-o", "--salida", type=Path, help="documento de salida (por omisión, LIBRO_reporte.docx)"
    )
    reporte.add_argument(
        "--fecha",
        type=fecha,
        metavar="AAAA-MM-DD",
        help="fecha de generación de la portada, AAAA-MM-DD o DD/MM/AAAA (por omisión, hoy); con la misma "
        "fecha, los mismos bytes",
    )
    _opciones_del_analisis(reporte, por_lotes=False)
    for nombre, descripcion in descripciones():
        _opcion_de_parametro(reporte, nombre, descripcion)


def fecha(texto: str) -> date:
    """Tipo de argumento; su nombre aparece en el mensaje de error («se esperaba fecha»).

    AAAA-MM-DD o, como se escribe en Perú, DD/MM/AAAA.
    """
    if "/" in texto:
        return datetime.strptime(texto, "%d/%m/%Y").date()
    return date.fromisoformat(texto)


def _opcion_de_parametro(orden: argparse.ArgumentParser, nombre: str, descripcion: Descripcion) -> None:
    """La opción de un parámetro, con su valor por omisión; las de opciones fijas, con sus valores."""
    defecto = getattr(PARAMETROS, nombre)
    ayuda = descripcion.ayuda.replace("%", "%%")  # argparse da formato con %
    if isinstance(defecto, StrEnum):
        valores = [opcion.value for opcion in type(defecto)]
        orden.add_argument(
            descripcion.opcion, dest=nombre, type=opción, choices=valores, default=defecto.value, help=ayuda
        )
    else:
        unidad = f" ({descripcion.unidad.replace('%', '%%')})" if descripcion.unidad else ""
        orden.add_argument(
            descripcion.opcion,
            dest=nombre,
            type=número,
            metavar="VALOR",
            default=defecto,
            help=ayuda + unidad,
        )


def main(argv: list[str] | None = None) -> int:
    consola.preparar()
    argumentos = construir_parser().parse_args(argv)
    codigo = 0  # el de la orden, si terminó (una tubería cerrada al final no lo cambia)
    try:
        with sin_recoleccion():
            codigo = _orden(argumentos)
        if sys.stdout is not None:  # sus errores (una tubería cerrada, un disco lleno), aquí y no al salir
            sys.stdout.flush()
        return codigo
    except ErrorSeguimiento as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Quien leía la salida la cerró antes (`| more`, `| head`): el libro ya se escribió.
        consola.descartar_salida()
        return codigo
    except OSError as error:  # el sistema no dejó leer o escribir algo (la salida redirigida, un disco lleno)
        if not error.filename:  # la salida de la orden: lo que quede por imprimir ya no llegaría
            consola.descartar_salida()
        donde = f" («{error.filename}»)" if error.filename else " (la salida de la orden)"
        print(f"Error: no se pudo leer o escribir{donde}: {motivo_del_sistema(error)}.", file=sys.stderr)
        return 2
    except Exception as error:  # último recurso: un mensaje, nunca una traza
        print(f"Error inesperado ({type(error).__name__}: {error}). Informe este problema.", file=sys.stderr)
        return 3


def _orden(argumentos: argparse.Namespace) -> int:
    """Ejecuta la orden pedida y devuelve su código de salida."""
    if argumentos.orden == "complemento":
        return _complemento(argumentos)
    if argumentos.orden == "reporte":
        return _reporte(argumentos)
    return _alertas(argumentos)


# Con `ejecutar`, lo grande de la orden queda aquí hasta `os._exit` (None: main llamada de otro modo).
_hasta_el_fin: list[object] | None = None


def _dejar_hasta_el_fin(*objetos: object) -> None:
    """Con `ejecutar`, `objetos` no se liberan: el proceso termina sin desarmarlos.

    Liberar objeto por objeto el seguimiento de 100 000 indicadores (el informe, las maquetas)
    cuesta unas 0.3 s justo antes de terminar. Llamada de otro modo (las pruebas, la API), nada cambia.
    """
    if _hasta_el_fin is not None:
        _hasta_el_fin.extend(objetos)


def ejecutar() -> NoReturn:
    """La orden `xl-seguimiento` (y `python -m xl_seguimiento`): `main`, y el proceso termina sin desarmar
    el intérprete.

    Desarmar los módulos, sus cachés y los objetos que quedan vivos tarda decenas de ms tras un
    libro grande (issue 25); tampoco se libera lo grande de la orden (`_dejar_hasta_el_fin`). `main`
    ya vació la salida; cada archivo se escribió de forma atómica.
    Con un perfilador o una medición de cobertura, que escriben lo suyo al salir, se sale como siempre.
    """
    global _hasta_el_fin
    _hasta_el_fin = []
    gc.disable()  # hasta el final: reactivado, recorrería todo lo que se deja vivo
    codigo = main()
    if sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules:
        sys.exit(codigo)
    for flujo in (sys.stdout, sys.stderr):  # lo impreso antes de un error también
        if flujo is not None:
            with suppress(OSError, ValueError):  # nadie lo lee: no hay a quién avisar
                flujo.flush()
    os._exit(codigo)


def _parametros(argumentos: argparse.Namespace) -> Parametros:
    try:
        return Parametros(
            **{n: type(getattr(PARAMETROS, n))(getattr(argumentos, n)) for n, _ in descripciones()}
        )
    except ValueError as error:
        raise ErrorSeguimiento(f"Parámetros no válidos: {error}") from error


def _reporte(argumentos: argparse.Namespace) -> int:
    from ..maqueta.presentacion import resumen_texto
    from .reporte import escribir_reporte_de_libro, reporte_por_omision

    libro: Path = argumentos.libro
    destino = argumentos.salida or reporte_por_omision(libro)
    informe = escribir_reporte_de_libro(
        libro,
        destino,
        _parametros(argumentos),
        argumentos.anio,
        argumentos.desde,
        argumentos.fecha,
    ).informe
    consola.imprimir(resumen_texto(informe, None) + f"\nReporte escrito en: {destino}")
    return 0


def _alertas(argumentos: argparse.Namespace) -> int:
    parametros = _parametros(argumentos)
    libros: list[Path] = argumentos.libros
    if len(libros) > 1 or libros[0].is_dir():
        return _lote(argumentos, parametros)
    from ..xlsx.lectura.calamine import LibroAbierto

    libro = libros[0]
    destino = _destino(libro, argumentos.salida, argumentos.en_sitio)
    entrada = LibroAbierto(libro).empezar()  # calamine lee mientras se importa el motor
    from ..maqueta.presentacion import documento_json, resumen_texto
    from .procesar import procesar_libro

    seguimiento = procesar_libro(libro, destino, parametros, argumentos.anio, argumentos.desde, entrada)
    _dejar_hasta_el_fin(seguimiento)
    if argumentos.json:
        documento = documento_json(seguimiento.informe, seguimiento.conciliacion)
        _dejar_hasta_el_fin(documento)
        consola.imprimir(consola.json_para_la_salida(documento))
    else:
        consola.imprimir(resumen_texto(seguimiento.informe, destino))
    return 0


def _lote(argumentos: argparse.Namespace, parametros: Parametros) -> int:
    from ..maqueta.consolidado import resumen_lote
    from ..xlsx.opc.atomico import revisar_destino
    from .lote import CONSOLIDADO, buscar_libros, escribir_consolidado, procesar_lote

    libros = buscar_libros(argumentos.libros)
    desde = _carpeta_de_previos(argumentos.desde)
    primera = argumentos.libros[0]
    consolidado = argumentos.salida or (primera if primera.is_dir() else primera.parent) / CONSOLIDADO
    _revisar_consolidado(consolidado, libros, argumentos.en_sitio)
    revisar_destino(consolidado)  # antes de procesar los libros: abierto en Excel, de solo lectura…
    resultados = procesar_lote(
        libros,
        parametros,
        argumentos.anio,
        argumentos.en_sitio,
        argumentos.procesos,
        _avisar_progreso,
        con_documento=argumentos.json,
        desde=desde,
    )
    _dejar_hasta_el_fin(resultados)
    escribir_consolidado(resultados, consolidado)
    if argumentos.json:
        consola.imprimir(consola.json_para_la_salida({"libros": [r.documento_json() for r in resultados]}))
    else:
        consola.imprimir(resumen_lote(resultados, consolidado))
        if desde is not None:
            consola.imprimir(_resumen_previos(libros, desde))
    fallidos = [r for r in resultados if r.error]
    for r in fallidos:
        print(f"Error: {r.error}", file=sys.stderr)
    return 2 if fallidos else 0


def _revisar_consolidado(consolidado: Path, libros: list[Path], en_sitio: bool) -> None:
    """El consolidado es un libro nuevo .xlsx que no pisa ningún libro de entrada ni la salida de uno."""
    from .nombres import salida_por_omision

    if consolidado.suffix.lower() != ".xlsx":
        raise ErrorSeguimiento(
            f"El libro consolidado «{consolidado}» debe ser un .xlsx (no lleva macros): cambie el nombre de -o.",
            archivo=consolidado,
        )
    escritos = {
        p.resolve() for libro in libros for p in (libro, libro if en_sitio else salida_por_omision(libro))
    }
    if consolidado.resolve() in escritos:
        raise ErrorSeguimiento(
            f"El libro consolidado «{consolidado}» es uno de los libros del lote o la salida de uno: "
            "se perdería. Elija otro nombre con -o.",
            archivo=consolidado,
        )


def _avisar_progreso(hechos: int, total: int, archivo: str) -> None:
    """Barra de progreso en la salida de errores (una línea por libro si no es una terminal)."""
    lleno = round(30 * hechos / total)
    barra = f"[{'#' * lleno}{'.' * (30 - lleno)}] {hechos}/{total} {archivo}"
    if sys.stderr.isatty():
        print(f"\r{barra[:100]:<100}", end="" if hechos < total else "\n", file=sys.stderr, flush=True)
    else:
        print(barra, file=sys.stderr, flush=True)


def _complemento(argumentos: argparse.Namespace) -> int:
    from ..excel import complemento

    if argumentos.accion == "construir":
        destino = complemento.construir(argumentos.salida or Path(complemento.NOMBRE))
        consola.imprimir(f"Complemento construido: {destino}")
    elif argumentos.accion == "instalar":
        destino, configuracion = complemento.instalar()
        consola.imprimir(
            f"Complemento instalado en: {destino}\n"
            f"Configuración (Python que usa Excel): {configuracion}\n"
            "Si Excel está abierto, ciérrelo y vuelva a abrirlo: verá la pestaña «Seguimiento» y las "
            "funciones =AVANCE(), =INDICE_GESTION(), =COBERTURA_INDICE() y =CATEGORIA_AVANCE()."
        )
    else:
        quitados = complemento.desinstalar()
        if quitados:
            consola.imprimir(
                "Quitado: " + ", ".join(map(str, quitados)) + ". Reinicie Excel si está abierto."
            )
        else:
            consola.imprimir(
                "El complemento no estaba instalado para este usuario: no había nada que quitar."
            )
    return 0


def _destino(libro: Path, salida: Path | None, en_sitio: bool) -> Path:
    from .nombres import salida_por_omision

    if en_sitio:
        if salida is not None:
            raise ErrorSeguimiento(
                f"--en-sitio escribe en el mismo libro «{libro}» y -o en otro («{salida}»): use solo una "
                "de las dos opciones."
            )
        return libro
    destino = salida or salida_por_omision(libro)
    if destino.exists() and destino.resolve() == libro.resolve():
        raise ErrorSeguimiento(
            f"La salida «{destino}» es el mismo libro de entrada: use --en-sitio para escribir en él."
        )
    return destino


def _carpeta_de_previos(desde: Path | None) -> Path | None:
    """Por lotes, --desde es la carpeta con las salidas anteriores: un archivo no dice de qué libro es."""
    if desde is None or desde.is_dir():
        return desde
    if not desde.exists():
        raise ErrorSeguimiento(f"No existe la carpeta «{desde}» de --desde.", archivo=desde)
    raise ErrorSeguimiento(
        f"Por lotes, --desde debe ser una carpeta con las salidas anteriores (LIBRO_alertas.xlsx de cada "
        f"libro), no el archivo «{desde}»: un solo archivo no dice de qué libro es cada texto.",
        archivo=desde,
    )


def _resumen_previos(libros: list[Path], desde: Path) -> str:
    """Cuántos libros tenían su salida anterior en la carpeta de --desde (los demás no traen nada)."""
    from .nombres import libro_previo

    encontrados = sum(1 for libro in libros if libro_previo(desde, libro) is not None)
    return f"Salidas anteriores encontradas en «{desde}»: {encontrados} de {len(libros)} libros."


if __name__ == "__main__":
    ejecutar()
