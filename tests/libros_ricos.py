"""Libros de prueba con todo lo que openpyxl perdería: gráficos, imágenes, minigráficos, VBA..."""

import csv
import struct
import zlib
from io import BytesIO
from pathlib import Path

import xlsxwriter
from apoyo import TSV_EXTRACTO

FORMULAS_CON_CACHE = {"T2": ("=SUM(1,2)", 3), "T3": ("=T2*2", 6)}


def png_minimo() -> bytes:
    """Un PNG de 2×2 píxeles, hecho a mano."""

    def bloque(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    filas = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + bloque(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + bloque(b"IDAT", zlib.compress(filas))
        + bloque(b"IEND", b"")
    )


def vba_de_xlwings() -> bytes:
    import zipfile

    import xlwings

    with zipfile.ZipFile(Path(xlwings.__file__).parent / "quickstart.xlsm") as paquete:
        return paquete.read("xl/vbaProject.bin")


def _valor(campo: str):
    try:
        return float(campo)
    except ValueError:
        return campo


def construir_libro_rico(ruta: Path, filas_extra: list[list] | None = None) -> Path:
    """La matriz del extracto más gráfico, imagen, validación, minigráfico, comentario, nombre,
    barras de datos, fórmulas con valor en caché, cuadro de texto y, si es .xlsm, VBA y botón."""
    libro = xlsxwriter.Workbook(str(ruta))
    hoja = libro.add_worksheet("Matriz")
    filas = list(csv.reader(TSV_EXTRACTO.open(encoding="utf-8"), delimiter="\t"))
    for i, fila in enumerate([*filas, *(filas_extra or [])]):
        for j, campo in enumerate(fila):
            valor = _valor(campo) if isinstance(campo, str) else campo
            if isinstance(valor, str) and valor:
                hoja.write_string(i, j, valor)  # un texto que empieza con = sigue siendo texto
            elif isinstance(valor, int | float):
                hoja.write_number(i, j, valor)
    for celda, (formula, valor) in FORMULAS_CON_CACHE.items():
        hoja.write_formula(celda, formula, None, valor)
    grafico = libro.add_chart({"type": "column"})
    grafico.add_series({"values": "=Matriz!$H$4:$H$10"})
    hoja.insert_chart("V2", grafico)
    hoja.insert_image("V20", "logo.png", {"image_data": BytesIO(png_minimo())})
    hoja.data_validation("U2:U10", {"validate": "list", "source": ["Sí", "No"]})
    hoja.add_sparkline("U12", {"range": "Matriz!I4:K4"})
    hoja.write_comment("A4", "Revisar con la DGAAMI")
    hoja.conditional_format("O4:O80", {"type": "data_bar", "bar_solid": True})
    libro.define_name("Logros2024", "=Matriz!$K$4:$K$80")
    notas = libro.add_worksheet("Notas")
    notas.insert_textbox("B2", "Nota del analista")
    if ruta.suffix == ".xlsm":
        libro.add_vba_project(BytesIO(vba_de_xlwings()), is_stream=True)
        notas.insert_button("B10", {"macro": "SampleCall", "caption": "Ejecutar"})
    libro.close()
    return ruta
