"""Fixtures compartidas: el libro de muestra y su informe, calculados una vez por sesión."""

import gc
import os
import traceback
from pathlib import Path

import pytest
from apoyo import LIBRO_MUESTRA
from hypothesis import settings

from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas


@pytest.fixture(scope="session")
def libro_muestra() -> Path:
    return LIBRO_MUESTRA


@pytest.fixture(scope="session")
def salida_muestra(tmp_path_factory) -> Path:
    """La salida de la línea de comandos para el libro de muestra (no se modifica: se lee)."""
    from xl_seguimiento.app import cli

    carpeta = tmp_path_factory.mktemp("salida_muestra")
    libro = carpeta / "libro.xlsx"
    libro.write_bytes(LIBRO_MUESTRA.read_bytes())
    assert cli.main(["alertas", str(libro)]) == 0
    return carpeta / "libro_alertas.xlsx"


@pytest.fixture(scope="session")
def informe_muestra():
    return analizar_libro(leer_hojas(LIBRO_MUESTRA))


@pytest.fixture(scope="session")
def cuadricula_muestra():
    """La hoja de la tabla del libro de muestra, como la lee el botón."""
    return dict(leer_hojas(LIBRO_MUESTRA))["Matriz de seguimiento"]


@pytest.fixture(scope="session")
def resultados_muestra(informe_muestra):
    return {r.indicador.codigo: r for r in informe_muestra.indicadores}


# En CI, los ejemplos de hypothesis son siempre los mismos: un fallo se reproduce.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def colecciones():
    """Las pasadas del recolector que empiezan mientras dura la prueba, con el recolector activo."""
    empezadas: list[int] = []

    def anotar(fase, info):
        # la pasada que sigue a volver a activarlo, al salir de la pausa, no cuenta: el trabajo ya terminó
        al_salir = any(f.name == "__exit__" for f in traceback.extract_stack())
        if fase == "start" and not al_salir:
            empezadas.append(info["generation"])

    activo = gc.isenabled()
    gc.enable()
    gc.callbacks.append(anotar)
    yield empezadas
    gc.callbacks.remove(anotar)
    if not activo:
        gc.disable()
