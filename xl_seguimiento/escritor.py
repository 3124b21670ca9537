"""Escritura de la hoja «Alertas» en una copia del libro (openpyxl), de forma atómica."""

import os
import tempfile
from pathlib import Path

from .errores import ErrorSeguimiento
from .hoja_alertas import COLOR_TIPO, Celda, Maqueta

ALTO_LINEA = 15  # puntos por línea de texto
CARACTERES_POR_LINEA = 170  # en un párrafo combinado de A a G


def escribir_alertas(origen: Path, destino: Path, maqueta: Maqueta) -> None:
    """Copia `origen` en `destino` con la hoja de la maqueta (reemplaza la anterior si existe)."""
    import openpyxl

    try:
        libro = openpyxl.load_workbook(origen, keep_vba=origen.suffix.lower() == ".xlsm")
    except Exception as error:
        raise ErrorSeguimiento(f"No se puede abrir «{origen}» para escribir: {error}") from error
    posicion = None
    if maqueta.nombre in libro.sheetnames:
        posicion = libro.sheetnames.index(maqueta.nombre)
        del libro[maqueta.nombre]
    hoja = libro.create_sheet(maqueta.nombre, posicion)
    _volcar(hoja, maqueta)
    _guardar_atomico(libro, destino)


def _volcar(hoja, maqueta: Maqueta) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    ultima_columna = get_column_letter(len(maqueta.anchos))
    for i, fila in enumerate(maqueta.filas, start=1):
        for j, celda in enumerate(fila, start=1):
            _escribir_celda(hoja.cell(row=i, column=j), celda)
        if len(fila) == 1 and fila[0].estilo == "parrafo":
            hoja.merge_cells(f"A{i}:{ultima_columna}{i}")
            lineas = max(1, -(-len(str(fila[0].valor)) // CARACTERES_POR_LINEA))
            hoja.row_dimensions[i].height = ALTO_LINEA * lineas
    for j, ancho in enumerate(maqueta.anchos, start=1):
        hoja.column_dimensions[get_column_letter(j)].width = ancho
    tabla = Table(displayName=maqueta.tabla, ref=maqueta.rango_tabla)
    tabla.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=False)
    hoja.add_table(tabla)
    hoja.freeze_panes = None


def _escribir_celda(destino, celda: Celda) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    destino.value = celda.valor
    if isinstance(celda.valor, str) and celda.valor[:1] in ("=", "+", "-", "@"):
        destino.data_type = "s"  # un texto nunca se escribe como fórmula
    estilo = celda.estilo
    if estilo == "titulo":
        destino.font = Font(bold=True, size=14)
    elif estilo in ("seccion", "encabezado", "etiqueta"):
        destino.font = Font(bold=True)
    elif estilo == "decimal":
        destino.number_format = "0.0"
    elif estilo in ("parrafo", "texto"):
        destino.alignment = Alignment(wrap_text=True, vertical="top")
    elif estilo.startswith("tipo:"):
        color = COLOR_TIPO[estilo.split(":", 1)[1]]
        destino.fill = PatternFill("solid", start_color=color, end_color=color)
    if estilo == "nota":
        destino.font = Font(italic=True, color="595959")
    if celda.vinculo:
        destino.hyperlink = Hyperlink(ref=destino.coordinate, location=celda.vinculo)
        destino.font = Font(color="0563C1", underline="single")


def _guardar_atomico(libro, destino: Path) -> None:
    """Guarda en un temporal de la misma carpeta y lo renombra: nunca deja un archivo a medias."""
    try:
        descriptor, temporal = tempfile.mkstemp(
            prefix=".xl-seguimiento-", suffix=destino.suffix, dir=destino.parent
        )
    except OSError as error:
        raise ErrorSeguimiento(
            f"No se puede escribir en la carpeta «{destino.parent}»: {error.strerror}."
        ) from error
    os.close(descriptor)
    try:
        libro.save(temporal)
        os.replace(temporal, destino)
    except OSError as error:
        raise ErrorSeguimiento(f"No se puede guardar «{destino}»: {error.strerror}.") from error
    finally:
        if os.path.exists(temporal):
            os.remove(temporal)
