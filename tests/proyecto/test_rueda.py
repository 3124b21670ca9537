"""Desde una rueda instalada en un entorno virtual nuevo, fuera del repositorio, se construye el complemento.

Es lo que hace un usuario en Windows: `py -m pip install xl_seguimiento-….whl` y después
`xl-seguimiento complemento instalar`, sin `macros/` ni `workbook/` a mano.
"""

import subprocess
import sys
import venv

import pytest
from apoyo import RAIZ, extraer_vba, libreoffice_modulos_vba, macros_del_repositorio


def ejecutar(*orden, cwd) -> str:
    proceso = subprocess.run(orden, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    return proceso.stdout


@pytest.fixture(scope="module")
def entorno(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("rueda")
    ejecutar(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        str(carpeta / "dist"),
        str(RAIZ),
        cwd=carpeta,
    )
    (rueda,) = (carpeta / "dist").glob("xl_seguimiento-*.whl")
    venv.create(carpeta / "venv", with_pip=True)
    python = carpeta / "venv" / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    ejecutar(
        str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(rueda), cwd=carpeta
    )
    return carpeta, python


def test_el_paquete_viene_de_la_rueda_y_no_del_repositorio(entorno):
    carpeta, python = entorno
    ruta = ejecutar(str(python), "-c", "import xl_seguimiento; print(xl_seguimiento.__file__)", cwd=carpeta)
    assert str(carpeta / "venv") in ruta and str(RAIZ) not in ruta


def test_construir_desde_la_rueda(entorno, tmp_path):
    carpeta, python = entorno
    salida = tmp_path / "xl_seguimiento.xlam"
    ejecutar(
        str(python),
        "-m",
        "xl_seguimiento.app.cli",
        "complemento",
        "construir",
        "-o",
        str(salida),
        cwd=carpeta,
    )
    assert salida.read_bytes() == (RAIZ / "workbook" / "xl_seguimiento.xlam").read_bytes()
    vba = extraer_vba(salida)
    for nombre, codigo in macros_del_repositorio().items():
        assert vba[nombre] == codigo
    assert {"xlwings_udfs.bas", "RegistroFunciones.bas"} <= set(vba)
    proyecto, modulos = libreoffice_modulos_vba(salida, tmp_path)
    assert proyecto == "XlSeguimiento"
    assert set(modulos) == {n.rsplit(".", 1)[0] for n in vba}
    assert 'XLPy.CallUDF("xl_seguimiento.excel.udfs", "AVANCE"' in modulos["xlwings_udfs"]
