"""Modo por lotes: muchos libros en procesos paralelos; un libro que falla no detiene a los demás.

Para la oficina central de planeamiento. Lo que se informa (resumen y libro consolidado) está en
`consolidado`; aquí, el reparto entre procesos y la escritura del libro consolidado.
"""

import gc
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..maqueta.consolidado import ResultadoLibro, maquetas_consolidado, resultado_libro
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.parametros import Parametros
from ..nucleo.recoleccion import sin_recoleccion
from ..xlsx.lectura.calamine import LibroAbierto
from ..xlsx.opc.validacion import EXTENSIONES
from .nombres import SUFIJO_RESPALDO, SUFIJO_SALIDA, libro_previo, salida_por_omision
from .procesar import procesar_libro  # antes de crear los procesos: con fork, ya importado en cada uno

Aviso = Callable[[int, int, str], None]
CONSOLIDADO = "consolidado_alertas.xlsx"  # nombre por omisión del libro consolidado


def buscar_libros(rutas: list[Path]) -> list[Path]:
    """Los libros a procesar: los archivos dados y los .xlsx/.xlsm de cada carpeta (sin los generados).

    Un libro nombrado dos veces (o dado y dentro de una carpeta dada) se procesa una vez.
    """
    libros: dict[Path, Path] = {}
    for ruta in rutas:
        if ruta.is_dir():
            encontrados = sorted(p for p in ruta.iterdir() if p.is_file() and _es_libro_de_usuario(p))
        else:
            encontrados = [ruta]
        for libro in encontrados:
            libros.setdefault(libro.resolve(), libro)
    if not libros:
        nombres = ", ".join(f"«{r}»" for r in rutas)
        raise ErrorSeguimiento(f"No hay libros .xlsx o .xlsm que procesar en {nombres}.")
    return list(libros.values())


def _es_libro_de_usuario(ruta: Path) -> bool:
    nombre = ruta.name
    generado = (
        ruta.stem.endswith(SUFIJO_SALIDA) or SUFIJO_RESPALDO in nombre or nombre.startswith(("~$", "."))
    )
    return ruta.suffix.lower() in EXTENSIONES and not generado and nombre != CONSOLIDADO


def procesar_lote(
    libros: list[Path],
    parametros: Parametros,
    anio: int | None,
    en_sitio: bool,
    procesos: int | None,
    avisar: Aviso,
    con_documento: bool = False,
    desde: Path | None = None,
) -> list[ResultadoLibro]:
    """Procesa cada libro en un proceso aparte; devuelve los resultados en el orden de `libros`.

    `desde`: la carpeta con las salidas anteriores (LIBRO_alertas.xlsx) de donde traer lo escrito.
    Cada proceso arma también las filas de su libro en el consolidado: aquí solo se juntan.
    """
    trabajadores = max(1, min(procesos or os.cpu_count() or 1, len(libros)))
    resultados: dict[int, ResultadoLibro] = {}
    # Con fork, cada proceso heredaría el recolector en pausa de la orden: se activa, y cada libro lo pausa.
    with ProcessPoolExecutor(max_workers=trabajadores, initializer=gc.enable) as grupo:
        futuros = {
            grupo.submit(procesar_uno, libro, parametros, anio, en_sitio, con_documento, desde): i
            for i, libro in enumerate(libros)
        }
        for hechos, futuro in enumerate(as_completed(futuros), start=1):
            i = futuros[futuro]
            try:
                resultados[i] = futuro.result()
            except Exception as error:  # el proceso murió: se informa y se sigue con los demás
                resultados[i] = ResultadoLibro(
                    str(libros[i]), error=f"«{libros[i]}»: fallo inesperado ({error})"
                )
            avisar(hechos, len(libros), libros[i].name)
    return [resultados[i] for i in range(len(libros))]


@sin_recoleccion()  # con spawn (Windows), cada proceso arranca con el recolector activo
def procesar_uno(
    libro: Path,
    parametros: Parametros,
    anio: int | None,
    en_sitio: bool,
    con_documento: bool = False,
    desde: Path | None = None,
) -> ResultadoLibro:
    """El trabajo de un proceso: un libro, su hoja «Alertas» y su resultado (o su error, sin excepción).

    El documento de --json se arma solo si `con_documento`: trae cada indicador y cruza entre procesos.
    Con la carpeta `desde`, lo escrito se trae también de la salida anterior de este libro, si está.
    """
    destino = libro if en_sitio else salida_por_omision(libro)
    previo = None if desde is None else libro_previo(desde, libro)
    try:
        # Sin leer en otro hilo (`LibroAbierto.empezar`): los demás procesos ya ocupan los otros núcleos.
        seguimiento = procesar_libro(libro, destino, parametros, anio, previo, LibroAbierto(libro))
    except ErrorSeguimiento as error:
        return ResultadoLibro(str(libro), error=str(error))
    except Exception as error:  # último recurso: el lote sigue
        return ResultadoLibro(
            str(libro), error=f"«{libro}»: error inesperado ({type(error).__name__}: {error})"
        )
    return resultado_libro(
        str(libro), str(destino), seguimiento.informe, seguimiento.conciliacion, con_documento
    )


def escribir_consolidado(resultados: list[ResultadoLibro], destino: Path) -> None:
    """Libro nuevo con la hoja «Consolidado» (una fila por libro) y «Alertas» (todas, con su archivo)."""
    from ..xlsx.escritura.edicion import escribir_libro_nuevo

    escribir_libro_nuevo(destino, maquetas_consolidado(resultados))
