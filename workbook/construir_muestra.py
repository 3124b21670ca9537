"""Construye el libro de muestra `seguimiento_produce_2024.xlsx` a partir del extracto real (TSV).

Reproduce el reporte tal cual: título, encabezado de dos filas con grupos combinados, bloques
de encabezado repetidos, filas desalineadas, índice registrado y ALERTAS IDENTIFICADAS.
Los porcentajes del objetivo 1 quedan como texto ("53%") y los de los demás como números con
formato de porcentaje, porque los libros reales mezclan ambas formas.

El mismo libro con macros (`.xlsm`) agrega una columna `=AVANCE(...)` junto al avance
registrado, `=INDICE_GESTION(...)` y `=COBERTURA_INDICE(...)` bajo la tabla, la hoja activa
`xlwings.conf` con «UDF Modules» = xl_seguimiento.excel.udfs y el proyecto VBA de la plantilla
`quickstart.xlsm` de xlwings (la que xlwings usa para libros con UDF).

Uso: python workbook/construir_muestra.py
"""

import csv
import re
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

RAIZ = Path(__file__).resolve().parent.parent
TSV = RAIZ / "tests" / "fixtures" / "reporte_seguimiento_extracto.tsv"
SALIDA = RAIZ / "workbook" / "seguimiento_produce_2024.xlsx"
SALIDA_XLSM = SALIDA.with_suffix(".xlsm")
HOJA = "Matriz de seguimiento"
TITULO = "Reporte de seguimiento de la política nacional — Ministerio de la Producción (extracto)"
FILA_INICIO, COLUMNA_INICIO = 2, 2  # la línea 0 del TSV va a la fila 2, la columna 0 a la B
PORCENTAJE = re.compile(r"^(\d+)(?:\.(\d+))?%$")
NUMERO = re.compile(r"^\d+(\.\d+)?$")
COLUMNAS_TSV = 16  # columnas del extracto, con la celda de más de las filas desalineadas
SENTIDO, AGREGACION, LE, VO = "F", "G", "L", "O"  # sentido, agregación/estándar, logro y valor 2024
CONFIGURACION_XLWINGS = (
    ("Interpreter_Win", "python"),
    ("Interpreter_Mac", "python"),
    ("PYTHONPATH", ""),
    ("UDF Modules", "xl_seguimiento.excel.udfs"),
    ("Debug UDFs", False),
    ("Use UDF Server", True),
    ("Show Console", False),
)


def construir(tsv: Path = TSV, salida: Path = SALIDA) -> Path:
    libro = openpyxl.Workbook()
    _llenar(libro.active, tsv)
    libro.save(salida)
    return salida


def construir_xlsm(tsv: Path = TSV, salida: Path = SALIDA_XLSM) -> Path:
    """El libro de muestra con fórmulas de xl-seguimiento y la configuración de xlwings."""
    import zipfile

    import xlwings

    libro = openpyxl.Workbook()
    hoja = libro.active
    filas_indicador = _llenar(hoja, tsv)
    columna = openpyxl.utils.get_column_letter(COLUMNA_INICIO + COLUMNAS_TSV + 1)  # tras la celda de más
    for fila in range(1, hoja.max_row + 1):
        if hoja[f"B{fila}"].value == "Código":
            hoja[f"{columna}{fila}"] = "AVANCE (fórmula)"
    for fila in filas_indicador:
        hoja[f"{columna}{fila}"] = f"=AVANCE({VO}{fila},{LE}{fila},{SENTIDO}{fila},{AGREGACION}{fila})"
        hoja[f"{columna}{fila}"].number_format = "0.0"
    rango = f"{columna}{filas_indicador[0]}:{columna}{filas_indicador[-1]}"
    ultima = hoja.max_row + 2
    hoja[f"B{ultima}"] = "Índice de gestión (fórmula)"
    hoja[f"{columna}{ultima}"] = f"=INDICE_GESTION({rango})"
    hoja[f"{columna}{ultima}"].number_format = "0.0"
    hoja[f"B{ultima + 1}"] = "Cobertura (fórmula)"
    hoja[f"{columna}{ultima + 1}"] = f"=COBERTURA_INDICE({rango})"
    _configuracion_xlwings(libro)
    libro.code_name = "ThisWorkbook"  # nombres de código de los módulos de documento del VBA
    hoja.sheet_properties.codeName = "Sheet1"
    libro["xlwings.conf"].sheet_properties.codeName = "Sheet2"
    libro.vba_archive = zipfile.ZipFile(Path(xlwings.__file__).parent / "quickstart.xlsm")
    libro.save(salida)
    return salida


def _configuracion_xlwings(libro) -> None:
    """Hoja activa `xlwings.conf`: xlwings lee de ahí los módulos de UDF de este libro."""
    conf = libro.create_sheet("xlwings.conf")
    for fila, (clave, valor) in enumerate(CONFIGURACION_XLWINGS, start=1):
        conf.cell(row=fila, column=1, value=clave)
        conf.cell(row=fila, column=2, value=valor)
    conf.sheet_state = "hidden"


def _llenar(hoja, tsv: Path) -> list[int]:
    """Escribe el extracto en la hoja; devuelve las filas de indicadores."""
    filas = list(csv.reader(tsv.open(encoding="utf-8"), delimiter="\t"))
    hoja.title = HOJA
    hoja["B1"] = TITULO
    hoja["B1"].font = Font(bold=True, size=14)
    hoja["B2"] = "Año de análisis: 2024"
    porcentaje_como_numero = False
    encabezados = []
    indicadores = []
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
        if codigo.startswith("ISS."):
            indicadores.append(fila)
    for fila, campos in encabezados:
        _combinar_encabezado(hoja, fila, campos)
    hoja.column_dimensions["C"].width = 60
    return indicadores


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
    print(construir())
    print(construir_xlsm())
