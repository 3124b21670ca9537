"""Construye el libro de muestra `seguimiento_produce_2024.xlsx` a partir del extracto real (TSV).

Reproduce el reporte tal cual: título, encabezado de dos filas con grupos combinados, bloques
de encabezado repetidos, filas desalineadas, índice registrado y ALERTAS IDENTIFICADAS.
Los porcentajes del objetivo 1 quedan como texto ("53%") y los de los demás como números con
formato de porcentaje, porque los libros reales mezclan ambas formas.

Uso: python workbook/construir_muestra.py [TSV] [SALIDA]
"""

import csv
import re
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

RAIZ = Path(__file__).resolve().parent.parent
TSV = RAIZ / "tests" / "fixtures" / "reporte_seguimiento_extracto.tsv"
SALIDA = RAIZ / "workbook" / "seguimiento_produce_2024.xlsx"
HOJA = "Matriz de seguimiento"
TITULO = "Reporte de seguimiento de la política nacional — Ministerio de la Producción (extracto)"
FILA_INICIO, COLUMNA_INICIO = 2, 2  # la línea 0 del TSV va a la fila 2, la columna 0 a la B
PORCENTAJE = re.compile(r"^(\d+)(?:\.(\d+))?%$")
NUMERO = re.compile(r"^\d+(\.\d+)?$")


def construir(tsv: Path = TSV, salida: Path = SALIDA) -> Path:
    filas = list(csv.reader(tsv.open(encoding="utf-8"), delimiter="\t"))
    libro = openpyxl.Workbook()
    hoja = libro.active
    hoja.title = HOJA
    hoja["B1"] = TITULO
    hoja["B1"].font = Font(bold=True, size=14)
    hoja["B2"] = "Año de análisis: 2024"
    porcentaje_como_numero = False
    encabezados = []
    for k, campos in enumerate(filas):
        fila = FILA_INICIO + k
        codigo = campos[0] if campos else ""
        if codigo.startswith(("ISS.02", "SS.02", "LN.02", "ISS.04")):
            porcentaje_como_numero = True
        for c, campo in enumerate(campos):
            if campo != "":
                _poner(hoja.cell(row=fila, column=COLUMNA_INICIO + c), campo, porcentaje_como_numero)
        if codigo == "Código":
            encabezados.append((fila, campos))
    for fila, campos in encabezados:
        _combinar_encabezado(hoja, fila, campos)
    hoja.column_dimensions["C"].width = 60
    libro.save(salida)
    return salida


def _poner(celda, campo: str, porcentaje_como_numero: bool) -> None:
    porcentaje = PORCENTAJE.match(campo)
    if porcentaje and porcentaje_como_numero:
        decimales = len(porcentaje.group(2) or "")
        celda.value = float(campo[:-1]) / 100
        celda.number_format = "0" + ("." + "0" * decimales if decimales else "") + "%"
    elif NUMERO.match(campo):
        numero = float(campo)
        celda.value = int(numero) if numero.is_integer() and "." not in campo else numero
        if "." in campo:
            celda.number_format = "0.0"
    else:
        celda.value = campo


def _combinar_encabezado(hoja, fila: int, campos: list[str]) -> None:
    """Grupos combinados en la primera fila; columnas simples combinadas en vertical."""
    negrita = Font(bold=True)
    for c, campo in enumerate(campos):
        if not campo:
            continue
        columna = COLUMNA_INICIO + c
        ancho = 1
        while (
            c + ancho < len(campos) and campos[c + ancho] == "" and ancho < 3 and campo != "Avance Tipo 1 (%)"
        ):
            ancho += 1
        sub = hoja.cell(row=fila + 1, column=columna).value
        if ancho > 1 and campo in ("Linea base", "Logros esperados", "Valores obtenidos"):
            hoja.merge_cells(
                start_row=fila, start_column=columna, end_row=fila, end_column=columna + ancho - 1
            )
        elif sub is None:
            hoja.merge_cells(start_row=fila, start_column=columna, end_row=fila + 1, end_column=columna)
        for r in (fila, fila + 1):
            hoja.cell(row=r, column=columna).font = negrita
            hoja.cell(row=r, column=columna).alignment = Alignment(horizontal="center", wrap_text=True)


if __name__ == "__main__":
    argumentos = [Path(a) for a in sys.argv[1:]]
    print(construir(*argumentos))
