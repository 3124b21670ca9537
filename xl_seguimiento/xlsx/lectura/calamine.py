"""Lectura de las hojas de un libro con python-calamine y, si no puede, con el lector de respaldo.

Solo se atrapan los errores de python-calamine (`CalamineError` y sus derivados: `XmlError`,
`ZipError`…): cualquier otro es un defecto y se ve. El libro ya viene validado (`opc.validacion`).
"""

import threading
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ...nucleo.celdas import Cuadricula
from ...nucleo.errores import ErrorSeguimiento
from ..opc.validacion import ERRORES_ZIP, motivo_zip, validar_libro
from .respaldo import leer_hojas_respaldo

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

__all__ = ["LibroAbierto", "leer_hoja", "leer_hojas"]


class LibroAbierto:
    """Un libro validado una vez y abierto con python-calamine una vez, del que se leen hojas.

    Nada se valida ni se abre hasta la primera lectura: los errores aparecen al leer.
    Si calamine no puede abrir el libro o leer una hoja, se lee con el lector de respaldo. Un
    candado ordena las lecturas: la primera hoja se puede estar leyendo en otro hilo.
    """

    def __init__(self, ruta: Path) -> None:
        self.ruta = ruta
        self._validado = False
        self._candado = threading.Lock()
        self._libro: CalamineWorkbook | None = None
        self._sin_calamine = False
        self._empezadas: Iterator[tuple[str, Cuadricula]] | None = None

    def _calamine(self) -> "CalamineWorkbook | None":
        """El libro de calamine, validado y abierto la primera vez que se pide; None si calamine no puede."""
        if not self._validado:
            validar_libro(self.ruta)
            self._validado = True
        if self._libro is None and not self._sin_calamine:
            from python_calamine import CalamineError, CalamineWorkbook

            try:
                self._libro = CalamineWorkbook.from_path(str(self.ruta))
                self._libro.sheet_names  # noqa: B018 (el índice de hojas dañado falla aquí)
            except CalamineError:  # sus errores (XmlError, ZipError…) traen un texto en inglés
                self._libro, self._sin_calamine = None, True
        return self._libro

    def cerrar(self) -> None:
        """Suelta el archivo (Windows no deja reemplazar un libro abierto: `--en-sitio`); otra lectura lo reabre."""
        with self._candado:
            if self._libro is not None:
                self._libro.close()
                self._libro = None

    def empezar(self) -> "LibroAbierto":
        """Empieza a leer la primera hoja en otro hilo (`hojas_en_segundo_plano`); `hojas()` la entrega."""
        self._empezadas = self.hojas_en_segundo_plano()
        return self

    def hojas(self) -> Iterator[tuple[str, Cuadricula]]:
        """Cada hoja como (nombre, filas desde A1), en el orden del libro."""
        if self._empezadas is not None:
            empezadas, self._empezadas = self._empezadas, None
            return empezadas
        return self._hojas()

    def nombres(self) -> list[str] | None:
        """Los nombres de las hojas, en el orden del libro; None si calamine no puede abrirlo."""
        with self._candado:
            libro = self._calamine()
            return list(libro.sheet_names) if libro is not None else None

    def _hojas(self) -> Iterator[tuple[str, Cuadricula]]:
        nombres = self.nombres()
        if nombres is None:
            yield from _respaldo(self.ruta)
            return
        for nombre in nombres:
            yield nombre, self._leer(nombre)

    def hoja(self, nombre: str) -> Cuadricula | None:
        """La hoja `nombre` (sin distinguir mayúsculas), o None si el libro no la tiene."""
        nombres = self.nombres()
        if nombres is None:
            return _hoja_de_respaldo(self.ruta, nombre)
        encontrada = next((n for n in nombres if n.casefold() == nombre.casefold()), None)
        return None if encontrada is None else self._leer(encontrada)

    def hojas_en_segundo_plano(self) -> Iterator[tuple[str, Cuadricula]]:
        """Las hojas de `hojas`, con la primera ya en lectura en otro hilo al volver.

        python-calamine suelta el GIL mientras analiza el XML: lo que se haga entretanto (importar el
        motor, leer las columnas del usuario de una salida anterior) no espera a la lectura. Los
        errores de la lectura aparecen al recorrer las hojas, como con `hojas`.
        """
        hojas = self._hojas()
        hilo = ThreadPoolExecutor(max_workers=1)
        primera = hilo.submit(next, hojas, None)
        hilo.shutdown(wait=False)  # el hilo termina solo al entregar la primera hoja
        return _desde_la_primera(primera, hojas)

    def _leer(self, nombre: str) -> Cuadricula:
        from python_calamine import CalamineError

        with self._candado:
            libro = self._calamine()
            assert libro is not None
            try:
                return libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)
            except CalamineError:
                pass
        return _hoja_de_respaldo(self.ruta, nombre) or []


def leer_hojas(ruta: Path) -> Iterator[tuple[str, Cuadricula]]:
    """Cada hoja del libro como (nombre, filas desde A1), en el orden del libro."""
    return LibroAbierto(ruta).hojas()


def leer_hoja(ruta: Path, nombre: str) -> Cuadricula | None:
    """La hoja `nombre` del libro (sin distinguir mayúsculas), o None si no la tiene."""
    return LibroAbierto(ruta).hoja(nombre)


def _desde_la_primera(
    primera: Future[tuple[str, Cuadricula] | None], hojas: Iterator[tuple[str, Cuadricula]]
) -> Iterator[tuple[str, Cuadricula]]:
    hoja = primera.result()
    if hoja is not None:
        yield hoja
        yield from hojas


def _hoja_de_respaldo(ruta: Path, nombre: str) -> Cuadricula | None:
    """Una hoja (sin distinguir mayúsculas) según el lector de respaldo, o None si no la tiene."""
    return next((f for n, f in _respaldo(ruta) if n.casefold() == nombre.casefold()), None)


def _respaldo(ruta: Path) -> Iterator[tuple[str, Cuadricula]]:
    """Las hojas según el lector de respaldo; si tampoco puede, un mensaje en español."""
    try:
        with zipfile.ZipFile(ruta) as paquete:
            yield from leer_hojas_respaldo(paquete)
    except ErrorSeguimiento as error:
        raise ErrorSeguimiento(f"No se puede leer el libro «{ruta}»: {error}.", archivo=ruta) from error
    except ERRORES_ZIP as error:
        raise ErrorSeguimiento(
            f"No se puede leer el libro «{ruta}»: {motivo_zip(error)} (ni python-calamine ni el lector "
            "de respaldo lo abren).",
            archivo=ruta,
        ) from error
