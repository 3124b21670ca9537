"""Fixtures compartidas: el libro de muestra y su informe, calculados una vez por sesión."""

import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings

from xl_seguimiento.archivos import leer_hojas
from xl_seguimiento.motor import analizar_libro

RAIZ = Path(__file__).resolve().parent.parent
LIBRO_MUESTRA = RAIZ / "workbook" / "seguimiento_produce_2024.xlsx"
TSV_EXTRACTO = RAIZ / "tests" / "fixtures" / "reporte_seguimiento_extracto.tsv"


def reempaquetar(origen: Path, destino: Path, reemplazos: dict[str, bytes | None]) -> Path:
    """Copia el paquete cambiando las partes de `reemplazos` (None la quita; una nueva se agrega)."""
    with zipfile.ZipFile(origen) as entrada, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as salida:
        for info in entrada.infolist():
            datos = reemplazos.get(info.filename, entrada.read(info))
            if datos is not None:
                salida.writestr(info, datos)
        for nombre in set(reemplazos) - set(entrada.namelist()):
            if (datos := reemplazos[nombre]) is not None:
                salida.writestr(nombre, datos)
    return destino


@pytest.fixture(scope="session")
def libro_muestra() -> Path:
    return LIBRO_MUESTRA


@pytest.fixture(scope="session")
def informe_muestra():
    return analizar_libro(leer_hojas(LIBRO_MUESTRA))


@pytest.fixture(scope="session")
def resultados_muestra(informe_muestra):
    return {r.indicador.codigo: r for r in informe_muestra.indicadores}


# En CI, los ejemplos de hypothesis son siempre los mismos: un fallo se reproduce.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
