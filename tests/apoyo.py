"""Ayudas de las pruebas (conftest.py solo tiene fixtures): rutas, reempaquetar un libro, LibreOffice
sin pantalla y una matriz de seguimiento mínima para las pruebas del núcleo."""

import importlib.util
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from oletools.olevba import VBA_Parser

from xl_seguimiento.nucleo.modelo import Indicador
from xl_seguimiento.nucleo.reglas import clasificar
from xl_seguimiento.nucleo.valores import leer_valor

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


def soffice() -> str:
    """La orden de LibreOffice; en CI su falta es un fallo (`.ci/run` la instala), fuera se omite la prueba."""
    orden = shutil.which("soffice") or shutil.which("libreoffice")
    if orden is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice no está instalado: .ci/run debe instalar libreoffice-calc-nogui")
        pytest.skip("LibreOffice no está instalado en esta máquina")
    return orden


def libreoffice_convertir(libro: Path, carpeta: Path, filtro: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{carpeta}/perfil", "--convert-to", filtro,
         "--outdir", str(carpeta), str(libro)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip


def libreoffice_a_csv(libro: Path, carpeta: Path) -> dict[str, str]:
    """Abre el libro con LibreOffice sin pantalla y devuelve el CSV de cada hoja, por nombre de hoja.

    Es la prueba de que otro programa de hojas de cálculo, además de openpyxl, abre el archivo.
    """
    filtro = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    proceso = libreoffice_convertir(libro, carpeta, filtro)
    hojas = {
        p.stem.removeprefix(f"{libro.stem}-"): p.read_text(encoding="utf-8") for p in carpeta.glob("*.csv")
    }
    assert hojas, proceso.stdout + proceso.stderr
    return hojas


def libreoffice_modulos_vba(complemento: Path, carpeta: Path) -> tuple[str, dict[str, str]]:
    """Proyecto y módulos VBA del complemento tal como los carga LibreOffice (un lector independiente).

    LibreOffice no abre el tipo de contenido de un complemento: se cambia en una copia por el de un
    libro con macros y se convierte a .ods, donde cada módulo queda en Basic/<proyecto>/<módulo>.xml.
    """
    copia = carpeta / "complemento.xlsm"
    with zipfile.ZipFile(complemento) as paquete:
        tipos = paquete.read("[Content_Types].xml").replace(
            b"application/vnd.ms-excel.addin.macroEnabled.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
    reempaquetar(complemento, copia, {"[Content_Types].xml": tipos})
    proceso = libreoffice_convertir(copia, carpeta, "ods")
    ods = carpeta / "complemento.ods"
    assert ods.is_file(), proceso.stdout + proceso.stderr
    modulos: dict[str, str] = {}
    proyectos = set()
    with zipfile.ZipFile(ods) as paquete:
        for nombre in paquete.namelist():
            partes = nombre.split("/")
            if len(partes) == 3 and partes[0] == "Basic" and not partes[2].startswith("script-"):
                proyectos.add(partes[1])
                raiz = ElementTree.fromstring(paquete.read(nombre))
                modulos[partes[2].removesuffix(".xml")] = raiz.text or ""
    (proyecto,) = proyectos
    return proyecto, modulos


ENCABEZADO = [
    "Código", "Denominación", "Responsable", "Sentido esperado", "Tipo de agregación",
    "Logros esperados", None, "Valores obtenidos", None, "Avance Tipo 1 (%)",
]  # fmt: skip
SUB = [None, None, None, None, None, 2023, 2024, 2023, 2024, 2024]


def tabla_basica():
    return [
        ["Matriz de prueba"],
        [],
        ENCABEZADO,
        SUB,
        ["SS.01.01.01", "Servicio uno"],
        ["ISS.01.01.01.01", "Número de A", "DGX", "ascendente", "no acumulado", 10, 20, 8, 10, 50.0],
        [
            "ISS.01.01.01.02",
            "Porcentaje de B",
            "DGX",
            "ascendente",
            "no acumulado",
            "40%",
            "50%",
            "30%",
            "45%",
            90.0,
        ],
    ]


def extraer_vba(ruta) -> dict[str, str]:
    return {
        nombre: codigo.replace("\r\n", "\n")
        for _, _, nombre, codigo in VBA_Parser(str(ruta)).extract_macros()
    }


def macros_del_repositorio() -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in (RAIZ / "macros").iterdir()
        if p.suffix in (".bas", ".cls")
    }


def _modulo_del_repositorio(ruta: Path):
    """Un módulo del repositorio que no es parte del paquete (scripts de workbook/ y benchmarks/)."""
    spec = importlib.util.spec_from_file_location(ruta.stem, ruta)
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


def cargar_constructor():
    """El módulo workbook/construir_muestra.py."""
    return _modulo_del_repositorio(RAIZ / "workbook" / "construir_muestra.py")


def sinteticos():
    """El generador de libros sintéticos, benchmarks/sinteticos.py."""
    return _modulo_del_repositorio(RAIZ / "benchmarks" / "sinteticos.py")


def indicador_de_celdas(
    sentido, agregacion="no acumulado", logros=(), obtenidos=(), nombre="Número de X", tipo=""
) -> Indicador:
    """Un indicador como lo leería la tabla, con celdas de 2022, 2023 y 2024 tal como vienen de Excel."""
    clasificacion = clasificar(sentido, agregacion, tipo)
    anios = (2022, 2023, 2024)
    return Indicador(
        codigo="ISS.01.01.01.01",
        denominacion=nombre,
        responsable="",
        celda="A1",
        regla=clasificacion.regla,
        acumulado=clasificacion.acumulado,
        problema_regla=clasificacion.problema,
        logros={a: leer_valor(v) for a, v in zip(anios, logros, strict=True)},
        obtenidos={a: leer_valor(v) for a, v in zip(anios, obtenidos, strict=True)},
    )
