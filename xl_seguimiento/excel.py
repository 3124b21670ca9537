"""Excel en vivo (xlwings): el botón «Generar alertas» corre el mismo motor que la CLI.

Una lectura masiva por hoja, una escritura masiva de valores y luego los formatos por
grupos de celdas del mismo estilo; nunca un bucle de llamadas COM celda por celda.
"""

from collections import defaultdict
from collections.abc import Iterator

from .errores import ErrorSeguimiento
from .hoja_alertas import FORMATOS, Formato, Maqueta, maquetar
from .motor import analizar_libro
from .tabla import Cuadricula, letras_columna, referencia
from .textos import parece_formula

TITULO_MENSAJE = "xl-seguimiento"
LARGO_MAXIMO_RANGO = 250  # Excel no acepta direcciones de rango múltiple más largas


def generar_alertas(libro=None) -> None:
    """Punto de entrada del botón: analiza el libro que llamó y escribe su hoja «Alertas»."""
    import xlwings as xw

    libro = libro if libro is not None else xw.Book.caller()
    try:
        informe = analizar_libro(leer_hojas_excel(libro))
        escribir_maqueta(libro, maquetar(informe, libro.name))
    except ErrorSeguimiento as error:
        libro.app.alert(str(error), title=TITULO_MENSAJE)
    except Exception as error:  # el usuario ve un mensaje en español, nunca una traza de Python
        libro.app.alert(f"No se pudieron generar las alertas: {error}", title=TITULO_MENSAJE)


def leer_hojas_excel(libro) -> Iterator[tuple[str, Cuadricula]]:
    """Cada hoja como cuadrícula desde A1, con una sola lectura masiva por hoja."""
    for hoja in libro.sheets:
        ultima = hoja.used_range.last_cell
        valores = hoja.range((1, 1), (ultima.row, ultima.column)).options(ndim=2, err_to_str=True).value
        yield hoja.name, valores


def escribir_maqueta(libro, maqueta: Maqueta) -> None:
    """Valores en una escritura, después formatos agrupados por estilo, tabla y vínculos."""
    hoja = _hoja_limpia(libro, maqueta.nombre)
    ancho = len(maqueta.anchos)
    matriz = [
        [_valor_excel(c.valor, c.vinculo) for c in fila] + [None] * (ancho - len(fila))
        for fila in maqueta.filas
    ]
    hoja.range((1, 1)).value = matriz
    for estilo, direcciones in _por_estilo(maqueta).items():
        for grupo in _agrupar(direcciones):
            _formatear(hoja.range(grupo), FORMATOS[estilo])
    for rango in maqueta.combinadas:
        hoja.range(rango).merge()
    for fila, alto in maqueta.altos:
        hoja.range(f"{fila}:{fila}").row_height = alto
    hoja.tables.add(source=hoja.range(maqueta.rango_tabla), name=maqueta.tabla)
    for j, ancho_columna in enumerate(maqueta.anchos):
        letra = letras_columna(j)
        hoja.range(f"{letra}:{letra}").column_width = ancho_columna


def _hoja_limpia(libro, nombre: str):
    existentes = {h.name.casefold(): h for h in libro.sheets}  # Excel no distingue mayúsculas
    if nombre.casefold() in existentes:
        hoja = existentes[nombre.casefold()]
        hoja.clear()
        for tabla in list(hoja.tables):
            tabla.delete()
        return hoja
    return libro.sheets.add(nombre, after=list(existentes.values())[-1])


def _valor_excel(valor, vinculo: str):
    """Un vínculo va como fórmula HIPERVINCULO; un texto que empieza con =, +, - o @ va como texto."""
    if vinculo:
        destino = vinculo.replace('"', '""')
        return f'=HYPERLINK("#{destino}","{valor}")'
    if parece_formula(valor):
        return "'" + valor
    return valor


def _por_estilo(maqueta: Maqueta) -> dict[str, list[str]]:
    """Direcciones de las celdas de cada estilo, con las contiguas de una columna en un rango."""
    celdas: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, fila in enumerate(maqueta.filas):
        for j, celda in enumerate(fila):
            if celda.estilo:
                celdas[celda.estilo].append((j, i))
    return {estilo: _rangos(lista) for estilo, lista in celdas.items()}


def _rangos(celdas: list[tuple[int, int]]) -> list[str]:
    """(columna, fila) desde 0 → 'F30:F95' por cada tramo de filas seguidas de una columna."""
    tramos: list[list[int]] = []  # [columna, primera fila, última fila]
    for j, i in sorted(celdas):
        if tramos and tramos[-1][0] == j and tramos[-1][2] == i - 1:
            tramos[-1][2] = i
        else:
            tramos.append([j, i, i])
    return [
        referencia(primera, j) if primera == ultima else f"{referencia(primera, j)}:{referencia(ultima, j)}"
        for j, primera, ultima in tramos
    ]


def _agrupar(direcciones: list[str]) -> Iterator[str]:
    """Une direcciones en rangos múltiples ('A1,A5,B7') de largo aceptable para Excel."""
    actual: list[str] = []
    largo = -1  # largo de ",".join(actual)
    for direccion in direcciones:
        if actual and largo + 1 + len(direccion) > LARGO_MAXIMO_RANGO:
            yield ",".join(actual)
            actual, largo = [], -1
        actual.append(direccion)
        largo += 1 + len(direccion)
    if actual:
        yield ",".join(actual)


def _formatear(rango, formato: Formato) -> None:
    """Aplica un Formato a un rango (posiblemente múltiple) con pocas llamadas."""
    if formato.negrita:
        rango.font.bold = True
    if formato.cursiva:
        rango.font.italic = True
    if formato.tamano:
        rango.font.size = formato.tamano
    if formato.color:
        rango.font.color = "#" + formato.color
    if formato.relleno:
        rango.color = "#" + formato.relleno
    if formato.numero:
        rango.number_format = formato.numero
    if formato.ajustar:
        rango.wrap_text = True
