"""Procesar un libro de principio a fin: leer, analizar y escribir su hoja «Alertas».

Es el trabajo que hacen la orden de un libro y cada proceso del modo por lotes.
"""

import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from ..maqueta.anotaciones import Anotacion, Conciliacion, conciliar, leer_anotaciones
from ..maqueta.hoja_alertas import maquetar
from ..maqueta.propias import comprobar_hojas_propias, es_tabla_del_tablero
from ..maqueta.tablero import HOJA_TABLERO, maquetar_tablero
from ..nucleo.celdas import Cuadricula
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.modelo import Informe
from ..nucleo.motor import HOJA_ALERTAS, analizar_libro
from ..nucleo.parametros import PARAMETROS, Parametros
from ..xlsx.escritura.edicion import escribir_sin_perdidas
from ..xlsx.lectura.calamine import leer_hoja, leer_hojas_en_segundo_plano
from ..xlsx.lectura.tablas_hoja import tablas_de_hoja
from ..xlsx.opc.atomico import escritura_atomica, revisar_destino

SUFIJO_SALIDA = "_alertas"
SUFIJO_RESPALDO = ".respaldo"


def salida_por_omision(libro: Path) -> Path:
    """LIBRO_alertas.xlsx (o .xlsm) al lado del original."""
    return libro.with_name(f"{libro.stem}{SUFIJO_SALIDA}{libro.suffix}")


def respaldo(libro: Path) -> Path:
    """LIBRO.respaldo.xlsx: la copia que se guarda antes de escribir en el mismo libro."""
    return libro.with_name(f"{libro.stem}{SUFIJO_RESPALDO}{libro.suffix}")


class Procesado(NamedTuple):
    """Lo que deja procesar un libro: el informe y lo escrito por el usuario, ya conciliado."""

    informe: Informe
    conciliacion: Conciliacion


def procesar_libro(
    libro: Path,
    destino: Path,
    parametros: Parametros = PARAMETROS,
    anio: int | None = None,
    desde: Path | None = None,
    hojas: Iterable[tuple[str, Cuadricula]] | None = None,
) -> Procesado:
    """Analiza `libro` y escribe la copia con la hoja «Alertas» en `destino`.

    Lo que el usuario escribió en las columnas suyas de una hoja «Alertas» anterior se conserva: se
    lee de `desde`, de `destino` si ya existe y de la del propio libro, en ese orden, mientras otro
    hilo lee la tabla. Si `destino` es el mismo libro, antes guarda LIBRO.respaldo.xlsx. Los errores
    nombran el archivo. `hojas`: las del libro si ya se empezaron a leer (`leer_hojas_en_segundo_plano`).
    Antes de leer nada se revisa que `destino` (y el respaldo) se puedan reemplazar.
    """
    en_sitio = destino.resolve() == libro.resolve()
    revisar_destino(destino)
    if en_sitio:
        revisar_destino(respaldo(libro))
    informe, conciliacion = analizar_con_anotaciones(libro, destino, parametros, anio, desde, hojas)
    if destino.suffix.lower() != libro.suffix.lower():
        raise ErrorSeguimiento(
            f"La salida «{destino}» debe tener la misma extensión que el libro de entrada ({libro.suffix}).",
            archivo=destino,
        )
    comprobar_tablero_propio(libro)
    if en_sitio:
        guardar_respaldo(libro)
    escribir_sin_perdidas(
        libro, destino, maquetar(informe, libro.name, conciliacion), maquetar_tablero(informe)
    )
    return Procesado(informe, conciliacion)


def guardar_respaldo(libro: Path) -> None:
    """Copia `libro` a LIBRO.respaldo.xlsx, con sus permisos y su fecha, como toda escritura: atómica."""
    with escritura_atomica(respaldo(libro), stat.S_IMODE(libro.stat().st_mode)) as temporal:
        shutil.copy2(libro, temporal)


def libro_previo(carpeta: Path, libro: Path) -> Path | None:
    """La salida anterior de `libro` en `carpeta` (su LIBRO_alertas.xlsx), o None si no está."""
    previo = carpeta / salida_por_omision(libro).name
    return previo if previo.is_file() else None


def analizar_con_anotaciones(
    libro: Path,
    salida: Path,
    parametros: Parametros = PARAMETROS,
    anio: int | None = None,
    desde: Path | None = None,
    hojas: Iterable[tuple[str, Cuadricula]] | None = None,
) -> Procesado:
    """El análisis de `libro` y lo escrito por el usuario, conciliado, sin escribir nada.

    Lo escrito se lee de `desde`, de `salida` (la hoja «Alertas» que se va a reemplazar, o la de
    la última ejecución) y del propio libro, en ese orden. Los errores nombran el archivo.
    """
    hojas = leer_hojas_en_segundo_plano(libro) if hojas is None else hojas
    previas = anotaciones_previas(libro, salida, desde)
    try:
        informe = analizar_libro(hojas, parametros, anio)
    except ErrorSeguimiento as error:
        if error.archivo is not None:
            raise
        raise error.en_archivo(libro) from error
    return Procesado(informe, conciliar(informe, previas))


def anotaciones_previas(libro: Path, destino: Path, desde: Path | None) -> list[Anotacion]:
    """Lo escrito en las hojas «Alertas» de `desde`, de la salida que se va a reemplazar y del libro.

    Cada archivo se lee una vez, aunque `desde` sea la misma salida o el mismo libro.
    """
    candidatas = [desde] if desde is not None else []
    if destino.exists():
        candidatas.append(destino)
    candidatas.append(libro)
    fuentes: dict[Path, Path] = {}
    for candidata in candidatas:
        fuentes.setdefault(candidata.resolve(), candidata)
    anotaciones = []
    for resuelta, fuente in fuentes.items():
        hoja = leer_hoja(fuente, HOJA_ALERTAS)
        if hoja is not None:
            if resuelta == libro.resolve():  # la que se va a reemplazar: solo si es nuestra
                _comprobar_propia(libro, HOJA_ALERTAS, hoja)
            anotaciones.extend(leer_anotaciones(hoja))
    return anotaciones


def comprobar_tablero_propio(libro: Path) -> None:
    """Un error que nombra el archivo si el libro tiene una hoja «Tablero» que no escribimos.

    Primero por su tabla de indicadores, sin leer las celdas; si no la tiene, por su contenido.
    """
    tablas = tablas_de_hoja(libro, HOJA_TABLERO)
    if tablas is not None and any(es_tabla_del_tablero(n, c) for n, c in tablas):
        return
    hoja = leer_hoja(libro, HOJA_TABLERO)
    if hoja is not None:
        _comprobar_propia(libro, HOJA_TABLERO, hoja)


def _comprobar_propia(libro: Path, nombre: str, hoja: Cuadricula) -> None:
    try:
        comprobar_hojas_propias([(nombre, hoja)])
    except ErrorSeguimiento as error:
        raise error.en_archivo(libro) from error
