"""Una Maqueta o un Tablero escritos en una hoja nueva de Excel en vivo (xlwings).

Una escritura masiva de valores (una matriz rectangular), luego los formatos por grupos de celdas
del mismo estilo; nunca un bucle de llamadas COM celda por celda. Los textos van con el apóstrofo
de Excel delante, así Excel no los vuelve a interpretar («10%», «1/2» y «007» quedan como texto).
Los gráficos se arman serie por serie: Excel nunca adivina qué es serie, categoría o nombre.
"""

from collections import defaultdict
from collections.abc import Iterator

from ..maqueta.hoja import FORMATOS, Formato, Maqueta, Pagina
from ..maqueta.tablero import Grafico, Serie, Tablero
from ..nucleo.a1 import Rango, letras_columna, referencia

LARGO_MAXIMO_RANGO = 250  # Excel no acepta direcciones de rango múltiple más largas
ALTO_MAXIMO = 409  # puntos: el alto de fila más grande que acepta Excel

# Constantes de Excel para Range.Validation.Add (XlDVType, XlDVAlertStyle, XlFormatConditionOperator).
XL_VALIDAR_LISTA, XL_VALIDAR_FECHA, XL_DETENER, XL_ENTRE, XL_MAYOR = 3, 4, 1, 1, 5
XL_MINIGRAFICO_LINEA = 1  # XlSparkType.xlSparkLine
XL_VALOR_DE_CELDA, XL_IGUAL = 1, 3  # XlFormatConditionType.xlCellValue, XlFormatConditionOperator.xlEqual
XL_SUBRAYADO_SIMPLE = 2  # XlUnderlineStyle.xlUnderlineStyleSingle
MSO_LINEA_GUIONES = 4  # MsoLineDashStyle.msoLineDash, como los umbrales del archivo
TIPO_GRAFICO = {"columna": "column_clustered", "columna_apilada": "column_stacked", "linea": "line_markers"}
XL_DERECHA, XL_ARRIBA = -4152, -4160  # XlHAlign.xlHAlignRight, XlVAlign.xlVAlignTop
XL_CATEGORIAS, XL_VALORES = 1, 2  # XlAxisType
XL_PAPEL_A4, XL_VERTICAL, XL_APAISADA = 9, 1, 2  # XlPaperSize, XlPageOrientation
PUNTOS_POR_PULGADA, PUNTOS_POR_PIXEL = 72, 0.75


def matriz(maqueta: Maqueta) -> list[list[object]]:
    """Los valores de la hoja como matriz rectangular: todas las filas del mismo ancho."""
    ancho = _ancho(maqueta)
    return [
        [_valor_excel(c.valor, c.vinculo) for c in fila] + [None] * (ancho - len(fila))
        for fila in maqueta.filas
    ]


def escribir_maqueta(hoja, maqueta: Maqueta, tabla: str) -> None:
    """Valores en una escritura, formatos agrupados por estilo, tabla `tabla`, validaciones y anchos."""
    hoja.range((1, 1)).value = matriz(maqueta)
    for estilo, direcciones in por_estilo(maqueta).items():
        for grupo in agrupar(direcciones):
            _formatear(hoja.range(grupo), FORMATOS[estilo])
    for rango in maqueta.combinadas:
        hoja.range(rango).merge()
    desde, hasta = maqueta.autoajuste or (0, -1)
    for fila, alto in maqueta.altos:  # las filas de la tabla, Excel las ajusta abajo en una llamada
        if not desde <= fila <= hasta:
            hoja.range(f"{fila}:{fila}").row_height = min(alto, ALTO_MAXIMO)
    hoja.tables.add(source=hoja.range(maqueta.rango_tabla), name=tabla)
    listas = _escribir_listas(hoja, maqueta)
    for validacion in maqueta.validaciones:
        _validar(hoja.range(validacion.rango), listas.get(validacion.lista, ""))
    for j, ancho_columna in enumerate(maqueta.anchos):
        letra = letras_columna(j)
        hoja.range(f"{letra}:{letra}").column_width = ancho_columna
    if maqueta.autoajuste:  # con los anchos ya puestos: Excel mide el texto ajustado de cada fila
        hoja.range(f"{desde}:{hasta}").api.Rows.AutoFit()
    if maqueta.pagina is not None:
        configurar_pagina(hoja, maqueta.pagina)


def configurar_pagina(hoja, pagina: Pagina) -> None:
    """La configuración de página de la maqueta en PageSetup de Excel, con los mismos valores que el
    archivo, y los paneles inmovilizados.

    Con Application.PrintCommunication en False, Excel junta los cambios de PageSetup en vez de
    consultar la impresora en cada uno (segundos por propiedad con algunas impresoras).
    """
    app = hoja.book.app
    app.api.PrintCommunication = False
    try:
        pagina_excel = hoja.page_setup.api
        m = pagina.margenes
        pagina_excel.PaperSize = XL_PAPEL_A4
        pagina_excel.Orientation = XL_APAISADA if pagina.apaisada else XL_VERTICAL
        pagina_excel.Zoom = False  # ajustar a páginas: una de ancho, las que hagan falta de alto
        pagina_excel.FitToPagesWide = 1
        pagina_excel.FitToPagesTall = False
        pagina_excel.LeftMargin = m.izquierda * PUNTOS_POR_PULGADA
        pagina_excel.RightMargin = m.derecha * PUNTOS_POR_PULGADA
        pagina_excel.TopMargin = m.arriba * PUNTOS_POR_PULGADA
        pagina_excel.BottomMargin = m.abajo * PUNTOS_POR_PULGADA
        pagina_excel.HeaderMargin = m.encabezado * PUNTOS_POR_PULGADA
        pagina_excel.FooterMargin = m.pie * PUNTOS_POR_PULGADA
        pagina_excel.CenterHorizontally = True
        pagina_excel.LeftHeader, pagina_excel.CenterHeader, pagina_excel.RightHeader = pagina.encabezado
        pagina_excel.LeftFooter, pagina_excel.CenterFooter, pagina_excel.RightFooter = pagina.pie
        if pagina.filas_titulo:
            pagina_excel.PrintTitleRows = "${}:${}".format(*pagina.filas_titulo)
        pagina_excel.PrintArea = pagina.area_absoluta
    finally:
        app.api.PrintCommunication = True
    for fila in pagina.saltos:
        hoja.api.HPageBreaks.Add(Before=hoja.range(referencia(fila, 0)).api)  # la fila siguiente
    if pagina.inmovilizar > 1:  # los paneles son de la ventana: se inmovilizan con la hoja activa
        activa = hoja.book.sheets.active
        hoja.activate()
        ventana = app.api.ActiveWindow
        ventana.FreezePanes = False
        ventana.ScrollRow, ventana.ScrollColumn = 1, 1
        ventana.SplitColumn, ventana.SplitRow = 0, pagina.inmovilizar - 1
        ventana.FreezePanes = True
        activa.activate()  # el usuario sigue en la hoja donde estaba


def escribir_tablero(hoja, tablero: Tablero, tabla: str) -> None:
    """La hoja del tablero como cualquier maqueta, y encima sus gráficos, colores y minigráficos."""
    escribir_maqueta(hoja, tablero.hoja, tabla)
    for grafico in tablero.graficos:
        dibujar(hoja, grafico)
    for condicional in tablero.hoja.condicionales:
        regla = hoja.range(condicional.rango).api.FormatConditions.Add(
            Type=XL_VALOR_DE_CELDA, Operator=XL_IGUAL, Formula1=f'="{condicional.valor}"'
        )
        regla.Interior.Color = _color_com(FORMATOS[condicional.estilo].relleno)
    if (grupo := tablero.grupo_minigraficos) is not None:  # una llamada COM para todas las filas
        celdas, datos = grupo
        hoja.range(celdas.a1()).api.SparklineGroups.Add(
            Type=XL_MINIGRAFICO_LINEA, SourceData=datos.a1(hoja.name, absoluto=True)
        )


def dibujar(hoja, grafico: Grafico) -> None:
    """Un gráfico nativo: una serie por columna de valores (sin encabezados: Excel no adivina nombres),
    las categorías aparte, y cada serie con su nombre, sus valores y su color."""
    series = (*grafico.series, *grafico.umbrales)
    dibujo = hoja.charts.add(
        chart_type=TIPO_GRAFICO[grafico.tipo],
        source=hoja.range(_bloque(series)),
        plot_by="columns",
        anchor=hoja.range(grafico.ancla),
        width=grafico.ancho * PUNTOS_POR_PIXEL,
        height=grafico.alto * PUNTOS_POR_PIXEL,
    )
    dibujo.set_x_axis_values(hoja.range(series[0].categorias.a1(absoluto=True)))
    dibujo.title = grafico.titulo
    dibujo.legend.position = "bottom"
    _ejes(dibujo.api[1], grafico)
    for en_excel, serie in zip(dibujo.series, series, strict=True):
        en_excel.api.Values = hoja.range(
            serie.valores.a1(absoluto=True)
        ).api  # fija los valores: ni una celda es nombre
        if serie in grafico.umbrales:
            en_excel.set(name=serie.nombre, chart_type="line", line_color=f"#{serie.color}")
            en_excel.api.Format.Line.DashStyle = MSO_LINEA_GUIONES
        elif grafico.tipo == "linea":
            color = f"#{serie.color}"
            en_excel.set(
                name=serie.nombre,
                line_color=color,
                marker_foreground_color=color,
                marker_background_color=color,
            )
        else:
            en_excel.set(name=serie.nombre, fill_color=f"#{serie.color}")
        if serie.etiquetas:  # solo el valor, con un decimal: un índice 0.0 se ve «0.0»
            en_excel.api.ApplyDataLabels()
            rotulos = en_excel.api.DataLabels()
            rotulos.ShowValue, rotulos.ShowSeriesName, rotulos.ShowCategoryName = True, False, False
            rotulos.NumberFormat = "0.0"


def _ejes(grafico_com, grafico: Grafico) -> None:
    """Títulos de los ejes y la escala del eje de valores (Chart.Axes de COM)."""
    for tipo, titulo in ((XL_CATEGORIAS, grafico.eje_categorias), (XL_VALORES, grafico.eje_valores)):
        if titulo:
            eje = grafico_com.Axes(tipo)
            eje.HasTitle = True
            eje.AxisTitle.Text = titulo
    valores = grafico_com.Axes(XL_VALORES)
    if grafico.minimo is not None:
        valores.MinimumScale = grafico.minimo
    if grafico.maximo is not None:
        valores.MaximumScale = grafico.maximo


def _bloque(series: tuple[Serie, ...]) -> str:
    """El rectángulo de los valores de todas las series, que van en columnas seguidas."""
    primera, ultima = series[0].valores, series[-1].valores
    return Rango(primera.fila, primera.columna, ultima.fila_fin, ultima.columna_fin).a1(absoluto=True)


def _color_com(rgb: str) -> int:
    """Un color RGB ('F8CBAD') como lo pide COM: un entero en orden azul, verde, rojo."""
    return int(rgb[4:6] + rgb[2:4] + rgb[0:2], 16)


def _escribir_listas(hoja, maqueta: Maqueta) -> dict[tuple[str, ...], str]:
    """Cada lista de las validaciones, en celdas de una columna oculta tras la hoja; devuelve su rango.

    Una lista escrita como texto separado por comas depende del separador de listas de Windows
    (en Perú o España es «;»): desde celdas, la validación tiene los mismos elementos en todo idioma.
    """
    listas = list(dict.fromkeys(v.lista for v in maqueta.validaciones if v.lista))
    rangos = {}
    for k, lista in enumerate(listas):
        letra = letras_columna(_ancho(maqueta) + 1 + k)
        hoja.range(f"{letra}1").value = [["'" + elemento] for elemento in lista]
        hoja.range(f"{letra}:{letra}").column_width = 0  # oculta
        rangos[lista] = f"=${letra}$1:${letra}${len(lista)}"
    return rangos


def _ancho(maqueta: Maqueta) -> int:
    """Las columnas que ocupa la matriz de la hoja."""
    return max(len(maqueta.anchos), *(len(f) for f in maqueta.filas))


def _validar(rango, lista: str) -> None:
    """La validación de datos de Excel (COM: Range.Validation.Add): lista de valores (`lista`: su
    rango) o, sin lista, fecha."""
    if lista:
        tipo, operador, formula = XL_VALIDAR_LISTA, XL_ENTRE, lista
    else:
        tipo, operador, formula = XL_VALIDAR_FECHA, XL_MAYOR, "1"
    rango.api.Validation.Delete()
    rango.api.Validation.Add(Type=tipo, AlertStyle=XL_DETENER, Operator=operador, Formula1=formula)


def _valor_excel(valor, vinculo: str):
    """Un vínculo va como fórmula HIPERVINCULO; un texto, con el apóstrofo que Excel no reinterpreta."""
    if vinculo:
        destino = vinculo.replace('"', '""')
        texto = str(valor).replace('"', '""')
        return f'=HYPERLINK("#{destino}","{texto}")'
    if isinstance(valor, str) and valor:
        return "'" + valor
    return valor


def por_estilo(maqueta: Maqueta) -> dict[str, list[str]]:
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
        referencia(primera, j) if primera == ultima else Rango(primera, j, ultima, j).a1()
        for j, primera, ultima in tramos
    ]


def agrupar(direcciones: list[str]) -> Iterator[str]:
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
    if formato.subrayado:
        rango.api.Font.Underline = XL_SUBRAYADO_SIMPLE
    if formato.relleno:
        rango.color = "#" + formato.relleno
    if formato.numero:
        rango.number_format = formato.numero
    if formato.ajustar:
        rango.wrap_text = True
        rango.api.VerticalAlignment = XL_ARRIBA
    if formato.derecha:
        rango.api.HorizontalAlignment = XL_DERECHA
