"""xl-seguimiento: Avance Tipo 1, índice de gestión y alertas de una política nacional.

La API para analistas (Python, Jupyter): `analizar` un libro o una cuadrícula, `escribir_alertas`
en una copia del libro, `escribir_reporte` (el reporte en Word), `Parametros` del análisis y los
tipos del informe. Las capas, de abajo arriba: `nucleo` (puro), `maqueta` (puro), `xlsx`
(archivos), `word` (el reporte .docx), `excel` (botón, funciones y complemento) y `app` (línea de
comandos y lotes); una capa solo importa las de abajo.
"""

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .nucleo.errores import ErrorSeguimiento
from .nucleo.parametros import PARAMETROS, Parametros, Ponderacion
from .nucleo.version import VERSION as __version__

if TYPE_CHECKING:
    from .nucleo.modelo import (
        Alerta,
        Avance,
        Categoria,
        Indicador,
        Indice,
        Informe,
        Lineamiento,
        Objetivo,
        ResultadoIndicador,
        Servicio,
        TipoAlerta,
    )

__all__ = [
    "Alerta",
    "Avance",
    "Categoria",
    "ErrorSeguimiento",
    "Indicador",
    "Indice",
    "Informe",
    "Lineamiento",
    "Objetivo",
    "Parametros",
    "Ponderacion",
    "ResultadoIndicador",
    "Servicio",
    "TipoAlerta",
    "__version__",
    "analizar",
    "escribir_alertas",
    "escribir_reporte",
]

Ruta = str | os.PathLike[str]


def __getattr__(nombre: str) -> object:
    """Los tipos del informe (`nucleo.modelo`) se importan la primera vez que se piden: la orden
    empieza a leer el libro sin esperarlos."""
    if nombre in __all__:
        from .nucleo import modelo

        return getattr(modelo, nombre)
    raise AttributeError(f"module {__name__!r} has no attribute {nombre!r}")


def analizar(
    fuente: Ruta | Sequence[Sequence[object]], parametros: Parametros | None = None, anio: int | None = None
) -> "Informe":
    """Avances, índices y alertas de un libro (ruta a un .xlsx o .xlsm) o de una cuadrícula de valores.

    Una cuadrícula es una lista de filas desde A1, como la que da `pandas.read_excel(..., header=None)
    .fillna("").values.tolist()` o python-calamine. Sin `anio`, el último año con valores obtenidos.
    """
    from .maqueta.seguimiento import seguir

    if isinstance(fuente, str | os.PathLike):
        from .xlsx.lectura.calamine import LibroAbierto

        hojas = LibroAbierto(Path(fuente)).hojas()
    else:
        hojas = iter([("Cuadrícula", fuente)])
    return seguir(hojas, (), parametros or PARAMETROS, anio).informe


def escribir_alertas(
    origen: Ruta, destino: Ruta | None = None, parametros: Parametros | None = None, anio: int | None = None
) -> "Informe":
    """Escribe la hoja «Alertas» en una copia del libro (por omisión LIBRO_alertas.xlsx) y devuelve el informe.

    Todo lo demás del libro queda idéntico byte a byte; si `destino` es el mismo libro, antes se
    guarda LIBRO.respaldo.xlsx.
    """
    from .app.nombres import salida_por_omision
    from .app.procesar import procesar_libro

    libro = Path(origen)
    salida = Path(destino) if destino is not None else salida_por_omision(libro)
    return procesar_libro(libro, salida, parametros or PARAMETROS, anio).informe


def escribir_reporte(
    origen: Ruta,
    destino: Ruta | None = None,
    parametros: Parametros | None = None,
    anio: int | None = None,
    *,
    fecha: date | None = None,
    desde: Ruta | None = None,
) -> "Informe":
    """Escribe el reporte de seguimiento en Word (por omisión LIBRO_reporte.docx) y devuelve el informe.

    El mismo análisis que `escribir_alertas`, con lo escrito junto a cada alerta en la hoja
    «Alertas» del libro, en LIBRO_alertas.xlsx o en `desde`. `fecha`, la de la portada (por
    omisión, hoy): con la misma fecha y el mismo libro, los mismos bytes.
    """
    from .app.reporte import escribir_reporte_de_libro, reporte_por_omision

    libro = Path(origen)
    salida = Path(destino) if destino is not None else reporte_por_omision(libro)
    previo = Path(desde) if desde is not None else None
    return escribir_reporte_de_libro(libro, salida, parametros or PARAMETROS, anio, previo, fecha).informe
