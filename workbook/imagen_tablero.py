"""La imagen del Tablero del README, tal como lo dibuja LibreOffice a partir del libro de muestra.

    python3 workbook/imagen_tablero.py        # escribe docs/tablero.png

Necesita LibreOffice (soffice) y pdftoppm de poppler (Debian: libreoffice-calc-nogui y
poppler-utils); las pruebas usan el mismo LibreOffice. Escribe la hoja «Alertas» y el «Tablero»
de la muestra en un temporal, deja visible solo el Tablero ajustado a una página, lo exporta a PDF
con LibreOffice y convierte esa página en PNG con pdftoppm.
"""

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "workbook" / "seguimiento_produce_2024.xlsx"
IMAGEN = RAIZ / "docs" / "tablero.png"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PUNTOS_POR_PULGADA = 110


def solo_el_tablero(origen: Path, destino: Path) -> None:
    """Copia del libro con las demás hojas ocultas y el Tablero en una página apaisada."""
    with zipfile.ZipFile(origen) as entrada, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as salida:
        libro = etree.fromstring(entrada.read("xl/workbook.xml"))
        hojas = libro.findall(f"{{{NS}}}sheets/{{{NS}}}sheet")
        for hoja in hojas[:-1]:
            hoja.set("state", "hidden")
        libro.find(f"{{{NS}}}bookViews/{{{NS}}}workbookView").set("activeTab", str(len(hojas) - 1))
        for info in entrada.infolist():
            datos = entrada.read(info)
            if info.filename == "xl/workbook.xml":
                datos = etree.tostring(libro, xml_declaration=True, encoding="UTF-8")
            elif info.filename == f"xl/worksheets/sheet{len(hojas)}.xml":
                datos = _una_pagina(datos)
            salida.writestr(info, datos)


def _una_pagina(datos: bytes) -> bytes:
    hoja = etree.fromstring(datos)
    propiedades = etree.Element(f"{{{NS}}}sheetPr")
    etree.SubElement(propiedades, f"{{{NS}}}pageSetUpPr", fitToPage="1")
    hoja.insert(0, propiedades)
    margenes = hoja.find(f"{{{NS}}}pageMargins")
    pagina = etree.Element(f"{{{NS}}}pageSetup", orientation="landscape", fitToWidth="1", fitToHeight="1")
    margenes.addnext(pagina)
    return etree.tostring(hoja, xml_declaration=True, encoding="UTF-8")


def programas() -> tuple[str, str] | None:
    """Las órdenes de LibreOffice y de pdftoppm, o None (con un aviso) si falta alguna."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print("Faltan LibreOffice (soffice) o pdftoppm (poppler-utils).", file=sys.stderr)
        return None
    return soffice, pdftoppm


def a_pdf(soffice: str, archivo: Path) -> Path:
    """Exporta `archivo` a PDF con LibreOffice sin pantalla, en su carpeta (con un perfil propio)."""
    carpeta = archivo.parent
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{carpeta}/perfil", "--convert-to", "pdf",
         "--outdir", str(carpeta), str(archivo)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return archivo.with_suffix(".pdf")


def main() -> int:
    from xl_seguimiento import escribir_alertas

    if (ordenes := programas()) is None:
        return 1
    soffice, pdftoppm = ordenes
    with tempfile.TemporaryDirectory() as carpeta:
        trabajo = Path(carpeta)
        libro = shutil.copy(MUESTRA, trabajo / "muestra.xlsx")
        escribir_alertas(libro, trabajo / "muestra_alertas.xlsx")
        solo_el_tablero(trabajo / "muestra_alertas.xlsx", trabajo / "tablero.xlsx")
        a_pdf(soffice, trabajo / "tablero.xlsx")
        subprocess.run(
            [pdftoppm, "-png", "-r", str(PUNTOS_POR_PULGADA), "-f", "1", "-l", "1", "-singlefile",
             str(trabajo / "tablero.pdf"), str(IMAGEN.with_suffix(""))],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
    print(f"Imagen del Tablero escrita en: {IMAGEN.relative_to(RAIZ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
