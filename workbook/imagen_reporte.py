"""La imagen del reporte de seguimiento del README: sus primeras páginas, como las dibuja LibreOffice.

    python3 workbook/imagen_reporte.py        # escribe docs/reporte.png

Necesita LibreOffice Writer (soffice) y pdftoppm de poppler (Debian: libreoffice-writer-nogui y
poppler-utils); las pruebas usan los mismos. Escribe el reporte de la muestra en un temporal (con
la fecha fija de abajo: la imagen no cambia de un día a otro), lo exporta a PDF con LibreOffice,
convierte sus primeras páginas en imágenes PPM con pdftoppm y las pone una al lado de otra en un
PNG (sin más dependencias: PPM y PNG se escriben con la biblioteca estándar).
"""

import datetime
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from imagenes import a_pdf, muestra_en_temporal, programas  # workbook/, la carpeta de este programa

RAIZ = Path(__file__).resolve().parent.parent
IMAGEN = RAIZ / "docs" / "reporte.png"
FECHA = datetime.date(2026, 12, 6)
PAGINAS, PUNTOS_POR_PULGADA, MARGEN = 4, 45, 12  # páginas, resolución y separación en píxeles
FONDO = b"\xd0\xd0\xd0"


def leer_ppm(ruta: Path) -> tuple[int, int, bytes]:
    """Ancho, alto y píxeles RGB de un PPM binario (P6) de pdftoppm."""
    datos = ruta.read_bytes()
    magia, ancho, alto, maximo, resto = datos.split(maxsplit=4)
    assert magia == b"P6" and maximo == b"255", ruta
    return int(ancho), int(alto), resto


def lado_a_lado(paginas: list[tuple[int, int, bytes]]) -> tuple[int, int, list[bytes]]:
    """Las páginas en una fila, sobre un fondo gris con margen: ancho, alto y filas de píxeles RGB."""
    alto = max(a for _, a, _ in paginas) + 2 * MARGEN
    ancho = sum(w for w, _, _ in paginas) + MARGEN * (len(paginas) + 1)
    filas = []
    for y in range(alto):
        fila = FONDO * MARGEN
        for w, a, pixeles in paginas:
            dentro = 0 <= y - MARGEN < a
            fila += pixeles[(y - MARGEN) * w * 3 : (y - MARGEN + 1) * w * 3] if dentro else FONDO * w
            fila += FONDO * MARGEN
        filas.append(fila)
    return ancho, alto, filas


def png(ancho: int, alto: int, filas: list[bytes]) -> bytes:
    def bloque(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    crudo = b"".join(b"\x00" + fila for fila in filas)
    cabecera = struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + bloque(b"IHDR", cabecera) + bloque(b"IDAT", zlib.compress(crudo, 9))
        + bloque(b"IEND", b"")
    )  # fmt: skip


def main() -> int:
    from xl_seguimiento import escribir_reporte

    if (ordenes := programas()) is None:
        return 1
    soffice, pdftoppm = ordenes
    with muestra_en_temporal() as libro:
        trabajo = libro.parent
        escribir_reporte(libro, trabajo / "reporte.docx", fecha=FECHA)
        pdf = a_pdf(soffice, trabajo / "reporte.docx")
        subprocess.run(
            [pdftoppm, "-r", str(PUNTOS_POR_PULGADA), "-f", "1", "-l", str(PAGINAS), str(pdf),
             str(trabajo / "pagina")],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        paginas = [leer_ppm(p) for p in sorted(trabajo.glob("pagina-*.ppm"))]
        IMAGEN.write_bytes(png(*lado_a_lado(paginas)))
    print(f"Imagen del reporte escrita en: {IMAGEN.relative_to(RAIZ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
