"""Excel en vivo (xlwings): el botón «Generar alertas» corre el mismo motor que la CLI.

Una lectura masiva por hoja, una escritura masiva de valores y luego los formatos por
grupos de celdas del mismo estilo; nunca un bucle de llamadas COM celda por celda.
"""

import sys
from collections import defaultdict
from collections.abc import Iterator
from typing import NoReturn

from ..maqueta.anotaciones import conciliar, leer_anotaciones
from ..maqueta.hoja import FORMATOS, Formato, Maqueta, Validacion
from ..maqueta.hoja_alertas import maquetar
from ..maqueta.tablero import Tablero, maquetar_tablero
from ..nucleo.celdas import Cuadricula, letras_columna, referencia
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.motor import HOJA_ALERTAS, analizar_libro

TITULO_MENSAJE = "xl-seguimiento"
LARGO_MAXIMO_RANGO = 250  # Excel no acepta direcciones de rango múltiple más largas


INICIOS_DE_FORMULA = ("=", "+", "-", "@")


# Constantes de Excel para Range.Validation.Add (XlDVType, XlDVAlertStyle, XlFormatConditionOperator).
XL_VALIDAR_LISTA, XL_VALIDAR_FECHA, XL_DETENER, XL_ENTRE, XL_MAYOR = 3, 4, 1, 1, 5
XL_MINIGRAFICO_LINEA = 1  # XlSparkType.xlSparkLine
XL_VALOR_DE_CELDA, XL_IGUAL = 1, 3  # XlFormatConditionType.xlCellValue, XlFormatConditionOperator.xlEqual
TIPO_GRAFICO = {"columna": "column_clustered", "columna_apilada": "column_stacked", "linea": "line_markers"}


def parece_formula(valor: object) -> bool:
    """Un texto que Excel tomaría como fórmula: se escribe siempre como texto."""
    return isinstance(valor, str) and valor[:1] in INICIOS_DE_FORMULA


def generar_alertas(libro=None) -> None:
    """Punto de entrada del botón: analiza el libro que llamó y escribe su hoja «Alertas».

    Todo error termina en un mensaje en español que nombra el libro y dice qué hacer.
    """
    if libro is None:
        libro = libro_que_llamo()
    try:
        hojas = list(leer_hojas_excel(libro))  # una lectura: la tabla y la hoja «Alertas» anterior
        informe = analizar_libro(hojas)
        anteriores = [
            a for n, g in hojas if n.casefold() == HOJA_ALERTAS.casefold() for a in leer_anotaciones(g)
        ]
        escribir_maqueta(libro, maquetar(informe, libro.name, conciliar(informe, anteriores)))
        escribir_tablero(libro, maquetar_tablero(informe))
    except ErrorSeguimiento as error:
        libro.app.alert(f"Libro «{libro.name}»: {error}", title=TITULO_MENSAJE)
    except Exception as error:  # el usuario ve un mensaje en español, nunca una traza de Python
        libro.app.alert(
            f"No se pudieron generar las alertas del libro «{libro.name}». Guarde el libro, cierre Excel, "
            "vuelva a abrirlo e intente de nuevo; si se repite, informe este problema con el libro. "
            f"Detalle técnico: {type(error).__name__}: {error}",
            title=TITULO_MENSAJE,
        )


def libro_que_llamo():
    """El libro desde el que se pulsó el botón (xw.Book.caller), o un aviso en español si no se puede abrir."""
    try:
        import xlwings as xw

        return xw.Book.caller()
    except Exception:  # p. ej., un libro en OneDrive o SharePoint cuya ruta local no se encuentra
        avisar_sin_libro(
            f"xl-seguimiento no pudo leer el libro «{nombre_del_libro_que_llamo()}» desde Excel. "
            "Guarde el libro, ciérrelo, vuelva a abrirlo y pulse otra vez «Generar alertas». Si está en "
            "OneDrive o SharePoint, guarde una copia en una carpeta de este equipo (por ejemplo, "
            "Documentos) y use esa copia."
        )


def nombre_del_libro_que_llamo() -> str:
    """El nombre que RunPython pasa en la línea de órdenes (--wb=NOMBRE)."""
    return next((a.removeprefix("--wb=") for a in sys.argv if a.startswith("--wb=")), "activo")


def avisar_sin_libro(mensaje: str) -> NoReturn:
    """Sin un libro al que hablar: el mensaje va a la salida de errores, que xlwings muestra en un cuadro."""
    print(mensaje, file=sys.stderr)
    raise SystemExit(1)


def leer_hojas_excel(libro) -> Iterator[tuple[str, Cuadricula]]:
    """Cada hoja como cuadrícula desde A1, con una sola lectura masiva por hoja."""
    for hoja in libro.sheets:
        ultima = hoja.used_range.last_cell
        valores = hoja.range((1, 1), (ultima.row, ultima.column)).options(ndim=2, err_to_str=True).value
        yield hoja.name, valores


def escribir_maqueta(libro, maqueta: Maqueta):
    """Valores en una escritura, después formatos agrupados por estilo, tabla y vínculos; devuelve la hoja."""
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
    for validacion in maqueta.validaciones:
        _validar(hoja.range(validacion.rango), validacion)
    for j, ancho_columna in enumerate(maqueta.anchos):
        letra = letras_columna(j)
        hoja.range(f"{letra}:{letra}").column_width = ancho_columna
    return hoja


def escribir_tablero(libro, tablero: Tablero) -> None:
    """La hoja del tablero como cualquier maqueta, y encima sus gráficos y minigráficos nativos."""
    hoja = escribir_maqueta(libro, tablero.hoja)
    for grafico in tablero.graficos:
        dibujo = hoja.charts.add(
            chart_type=TIPO_GRAFICO[grafico.tipo],
            source=hoja.range(grafico.fuente),
            anchor=hoja.range(grafico.ancla),
        )
        dibujo.title = grafico.titulo
        for i, serie in enumerate((*grafico.series, *grafico.umbrales)):
            en_excel = dibujo.series[i]
            if serie in grafico.umbrales or grafico.tipo == "linea":
                en_excel.chart_type = "line"
                en_excel.line_color = f"#{serie.color}"
            else:
                en_excel.fill_color = f"#{serie.color}"
    for condicional in tablero.hoja.condicionales:
        regla = hoja.range(condicional.rango).api.FormatConditions.Add(
            Type=XL_VALOR_DE_CELDA, Operator=XL_IGUAL, Formula1=f'="{condicional.valor}"'
        )
        regla.Interior.Color = _color_com(FORMATOS[condicional.estilo].relleno)
    if (grupo := tablero.grupo_minigraficos) is not None:  # una llamada COM para todas las filas
        celdas, datos = grupo
        hoja.range(celdas).api.SparklineGroups.Add(Type=XL_MINIGRAFICO_LINEA, SourceData=datos)


def _color_com(rgb: str) -> int:
    """Un color RGB ('F8CBAD') como lo pide COM: un entero en orden azul, verde, rojo."""
    return int(rgb[4:6] + rgb[2:4] + rgb[0:2], 16)


def _validar(rango, validacion: Validacion) -> None:
    """La validación de datos de Excel (COM: Range.Validation.Add): lista de valores o fecha."""
    if validacion.lista:
        tipo, operador, formula = XL_VALIDAR_LISTA, XL_ENTRE, ",".join(validacion.lista)
    else:
        tipo, operador, formula = XL_VALIDAR_FECHA, XL_MAYOR, "1"
    rango.api.Validation.Delete()
    rango.api.Validation.Add(Type=tipo, AlertStyle=XL_DETENER, Operator=operador, Formula1=formula)


def _hoja_limpia(libro, nombre: str):
    existentes = {h.name.casefold(): h for h in libro.sheets}  # Excel no distingue mayúsculas
    if nombre.casefold() in existentes:
        hoja = existentes[nombre.casefold()]
        hoja.clear()
        for tabla in list(hoja.tables):
            tabla.delete()
        for grafico in list(hoja.charts):  # los del tablero anterior
            grafico.delete()
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
