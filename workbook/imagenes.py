"""Las imágenes del README: la primera página impresa de «Alertas» y de «Tablero» del libro de
muestra, tal como las imprime LibreOffice con la configuración de página que escribe el proyecto.

    python3 workbook/imagenes.py        # escribe docs/alertas.png y docs/tablero.png

Necesita LibreOffice (soffice) y pdftoppm de poppler (Debian: libreoffice-calc-nogui y
poppler-utils); las pruebas usan el mismo LibreOffice y `solo_la_hoja` para contar las páginas de
cada hoja. Escribe las hojas de la muestra en un temporal, deja visible solo una hoja, la exporta a
PDF con LibreOffice y convierte su primera página en PNG con pdftoppm.
"""

import contextlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

RAIZ = Path(__file__).resolve().parent.parent
MUESTRA = RAIZ / "workbook" / "seguimiento_produce_2024.xlsx"
IMAGENES = {"Alertas": RAIZ / "docs" / "alertas.png", "Tablero": RAIZ / "docs" / "tablero.png"}
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PUNTOS_POR_PULGADA = 80
FECHA = "06/12/2026"  # la del pie en las imágenes (la misma que la del reporte de muestra)


def solo_la_hoja(origen: Path, destino: Path, nombre: str, fecha: str = "") -> None:
    """Copia del libro con las demás hojas ocultas y `nombre` activa: LibreOffice imprime solo esa,
    con su propia configuración de página. Con `fecha`, el pie la lleva escrita en vez del código
    de la fecha de impresión (&D): la imagen no cambia de un día a otro."""
    with zipfile.ZipFile(origen) as entrada, zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as salida:
        libro = etree.fromstring(entrada.read("xl/workbook.xml"))
        hojas = libro.findall(f"{{{NS}}}sheets/{{{NS}}}sheet")
        for k, hoja in enumerate(hojas):
            if hoja.get("name") == nombre:
                activa = k
                hoja.attrib.pop("state", None)
            else:
                hoja.set("state", "hidden")
        # LibreOffice imprime también una hoja oculta si tiene área de impresión: se quitan las ajenas.
        for definido in libro.findall(f"{{{NS}}}definedNames/{{{NS}}}definedName"):
            if definido.get("localSheetId") not in (None, str(activa)):
                definido.getparent().remove(definido)
        vista = libro.find(f"{{{NS}}}bookViews/{{{NS}}}workbookView")
        if vista is not None:
            vista.set("activeTab", str(activa))
            vista.set("firstSheet", str(activa))
        for info in entrada.infolist():
            datos = entrada.read(info)
            if info.filename == "xl/workbook.xml":
                datos = etree.tostring(libro, xml_declaration=True, encoding="UTF-8")
            elif fecha and info.filename.startswith("xl/worksheets/sheet"):
                datos = datos.replace(b"Impreso el &amp;D", f"Impreso el {fecha}".encode())
            salida.writestr(info, datos)


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


def pdf_de_la_hoja(soffice: str, libro: Path, nombre: str, carpeta: Path, fecha: str = "") -> Path:
    """El PDF de una sola hoja del libro, como lo imprime LibreOffice (`fecha`: ver solo_la_hoja)."""
    sola = carpeta / f"{nombre.lower()}.xlsx"
    solo_la_hoja(libro, sola, nombre, fecha)
    return a_pdf(soffice, sola)


@contextlib.contextmanager
def muestra_en_temporal() -> Iterator[Path]:
    """Una copia del libro de muestra en una carpeta temporal (se borra al salir), donde se escribe
    lo que se va a dibujar."""
    with tempfile.TemporaryDirectory() as carpeta:
        yield Path(shutil.copy(MUESTRA, Path(carpeta) / "muestra.xlsx"))


def main() -> int:
    from xl_seguimiento import escribir_alertas

    if (ordenes := programas()) is None:
        return 1
    soffice, pdftoppm = ordenes
    with muestra_en_temporal() as libro:
        trabajo = libro.parent
        escribir_alertas(libro, trabajo / "muestra_alertas.xlsx")
        for nombre, imagen in IMAGENES.items():
            pdf = pdf_de_la_hoja(soffice, trabajo / "muestra_alertas.xlsx", nombre, trabajo, FECHA)
            subprocess.run(
                [pdftoppm, "-png", "-r", str(PUNTOS_POR_PULGADA), "-f", "1", "-l", "1", "-singlefile",
                 str(pdf), str(imagen.with_suffix(""))],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
            print(f"Primera página de «{nombre}» escrita en: {imagen.relative_to(RAIZ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
