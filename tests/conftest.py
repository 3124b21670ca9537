"""Fixtures compartidas: el libro de muestra y su informe, calculados una vez por sesión."""

import os
import shutil
import subprocess
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


def libreoffice_a_csv(libro: Path, carpeta: Path) -> dict[str, str]:
    """Abre el libro con LibreOffice sin pantalla y devuelve el CSV de cada hoja, por nombre de hoja.

    Es la prueba de que otro programa de hojas de cálculo, además de openpyxl, abre el archivo.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice no está instalado: .ci/run debe instalar libreoffice-calc-nogui")
        pytest.skip("LibreOffice no está instalado en esta máquina")
    filtro = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    proceso = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{carpeta}/perfil", "--convert-to", filtro,
         "--outdir", str(carpeta), str(libro)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    hojas = {
        p.stem.removeprefix(f"{libro.stem}-"): p.read_text(encoding="utf-8") for p in carpeta.glob("*.csv")
    }
    assert hojas, proceso.stdout + proceso.stderr
    return hojas


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
