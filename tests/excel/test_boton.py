"""El botón «Generar alertas» contra el modelo de Excel (modelo_excel.py): autospec de xlwings con
las reglas de Excel que importan (matrices rectangulares, orientación de los gráficos, nombres
únicos, protección, textos reinterpretados) y fallas inyectadas paso a paso."""

import gc

import pytest
from apoyo import tabla_basica
from modelo_excel import ALTO_MAXIMO, ErrorCOM, Excel

from xl_seguimiento.excel.boton import generar, generar_alertas
from xl_seguimiento.excel.escritura import escribir_maqueta, matriz
from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO, ESTADOS
from xl_seguimiento.maqueta.hoja import COLOR_CATEGORIA, Celda, Maqueta
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.propias import MARCA
from xl_seguimiento.maqueta.tablero import maquetar_tablero
from xl_seguimiento.nucleo.modelo import Categoria
from xl_seguimiento.nucleo.motor import analizar_libro

ENCABEZADO_DETALLE = [*COLUMNAS_DETALLE, *COLUMNAS_USUARIO]


def un_solo_anio():
    """La tabla básica sin datos de 2023: el tablero tiene un año (5 columnas) y 6 celdas por categoría."""
    tabla = tabla_basica()
    for fila in tabla[5:]:
        fila[5] = fila[7] = None
    return tabla


def excel_con(*hojas, **opciones) -> Excel:
    excel = Excel(**opciones)
    for nombre, cuadricula in hojas:
        excel.agregar(nombre, cuadricula)
    return excel


def alerta(excel: Excel) -> str:
    """El mensaje que vio el usuario; a esa altura Excel ya repinta y corre eventos otra vez."""
    assert (excel.app.screen_updating, excel.app.enable_events, excel.app.display_alerts) == (
        True,
        True,
        True,
    )
    (mensaje,), opciones = excel.app.alert.call_args
    assert opciones == {"title": "xl-seguimiento"}
    return mensaje


def fila_de(cuadricula, codigo: str, tipo: str) -> list:
    return next(list(f) for f in cuadricula if f[1] == codigo and f[4] == tipo)


def con_justificacion(cuadricula, codigo: str, tipo: str, valores: tuple) -> list[list]:
    """La hoja «Alertas» con lo que el usuario escribió en las columnas suyas de una alerta."""
    filas = [list(f) for f in cuadricula]
    fila = next(f for f in filas if f[1] == codigo and f[4] == tipo)
    fila[len(COLUMNAS_DETALLE) : len(COLUMNAS_DETALLE) + len(valores)] = valores
    return filas


@pytest.fixture(scope="module")
def generado(cuadricula_muestra) -> Excel:
    """El libro de muestra después de un clic."""
    excel = excel_con(("Matriz de seguimiento", cuadricula_muestra))
    generar_alertas(excel.libro)
    return excel


def test_escribe_la_misma_hoja_que_la_cli_con_su_marca(generado, cuadricula_muestra):
    generado.app.alert.assert_not_called()
    assert [h.nombre for h in generado.hojas] == ["Matriz de seguimiento", "Alertas", "Tablero"]
    esperado = maquetar(analizar_libro([("Matriz de seguimiento", cuadricula_muestra)]), "seguimiento.xlsx")
    escrito = generado.hoja("Alertas").cuadricula()
    assert len(escrito) == len(esperado.filas)
    assert escrito[esperado.fila_tabla - 1][: len(ENCABEZADO_DETALLE)] == ENCABEZADO_DETALLE
    assert [t.name for t in generado.hoja("Alertas").tablas] == ["TablaAlertas"]
    assert [t.name for t in generado.hoja("Tablero").tablas] == ["TablaTablero"]
    assert generado.hoja("Alertas").nombres == [MARCA] == generado.hoja("Tablero").nombres
    assert any(str(v).startswith("=HYPERLINK(\"#'Matriz de seguimiento'!B9\"") for f in escrito for v in f)
    assert generado.hoja("Alertas").subrayados  # los vínculos, subrayados como en el archivo
    validaciones = generado.hoja("Alertas").validaciones
    for validacion in esperado.validaciones:  # la lista de estados, desde celdas (igual en todo idioma)
        formula = validaciones[validacion.rango]["Formula1"]
        assert formula == ("=$N$1:$N$3" if validacion.lista else "1")
    assert [f[13] for f in escrito[:3]] == list(ESTADOS)


@pytest.mark.parametrize("caso", ["muestra", "un año"])
def test_tablero_con_series_explicitas_y_sus_colores(caso, cuadricula_muestra):
    excel = excel_con(("Matriz", cuadricula_muestra if caso == "muestra" else un_solo_anio()))
    generar_alertas(excel.libro)
    excel.app.alert.assert_not_called()
    columnas, apiladas, anual = excel.hoja("Tablero").graficos
    assert [(s.nombre, s.formato["fill_color"]) for s in apiladas.series] == [
        (str(c), f"#{COLOR_CATEGORIA[c]}") for c in Categoria
    ]
    assert [s.valores[0] for s in apiladas.series] == list("CDEFG")  # una columna por categoría
    assert {s.categorias[0] for g in (columnas, apiladas, anual) for s in g.series} == {"B"}
    assert [s.nombre for s in columnas.series] == ["Índice", "Umbral bajo", "Umbral alto"]
    assert columnas.series[0].formato == {"fill_color": "#4472C4"}
    ((indice),) = anual.series  # los años son las categorías, no una serie
    assert indice.nombre == "Índice" and indice.valores.startswith("C")
    assert indice.formato["line_color"] == "#4472C4"
    # Rótulos con el valor (un decimal: un índice 0.0 se ve) y ejes con título; el anual, de 0 a 100.
    for serie in (columnas.series[0], indice):
        assert serie.rotulos == {
            "aplicados": True,
            "ShowValue": True,
            "ShowSeriesName": False,
            "ShowCategoryName": False,
            "NumberFormat": "0.0",
        }
    assert columnas.ejes[2]["AxisTitle"] == {"Text": "Índice (%)"} and columnas.ejes[2]["MinimumScale"] == 0
    assert apiladas.ejes[2]["AxisTitle"] == {"Text": "Indicadores"}
    assert anual.ejes[1]["AxisTitle"] == {"Text": "Año"} and anual.ejes[2]["AxisTitle"] == {
        "Text": "Índice (%)"
    }
    assert (anual.ejes[2]["MinimumScale"], anual.ejes[2]["MaximumScale"]) == (0, 100)
    assert all(g.tamano is not None and g.tamano[1] < 180 for g in (columnas, apiladas, anual))
    ((_celdas, datos),) = excel.hoja("Tablero").minigraficos
    assert datos.startswith(
        "'Tablero (nueva)'!$C$"
    )  # armado en la hoja temporal; Excel sigue el cambio de nombre


@pytest.mark.parametrize("caso", ["muestra", "un año"])
def test_toda_matriz_es_rectangular(caso, cuadricula_muestra):
    informe = analizar_libro([("Matriz", cuadricula_muestra if caso == "muestra" else un_solo_anio())])
    for maqueta in (maquetar(informe), maquetar_tablero(informe).hoja):
        assert len({len(f) for f in matriz(maqueta)}) == 1, maqueta.nombre


def test_lo_escrito_vuelve_como_texto_aunque_parezca_numero(generado, cuadricula_muestra):
    """Justificaciones «10%», «1/2», «007» y «=x» de la hoja anterior: Excel no las reinterpreta."""
    anterior = generado.hoja("Alertas").cuadricula()
    textos = ("10%", "1/2", "007", "=x")
    (codigo, tipo) = next((f[1], f[4]) for f in anterior if f[4] == "Bajo avance")
    excel = excel_con(
        ("Matriz de seguimiento", cuadricula_muestra),
        ("Alertas", con_justificacion(anterior, codigo, tipo, textos)),
    )
    generar_alertas(excel.libro)
    excel.app.alert.assert_not_called()
    fila = fila_de(excel.hoja("Alertas").cuadricula(), codigo, tipo)
    assert tuple(fila[len(COLUMNAS_DETALLE) : len(COLUMNAS_DETALLE) + 4]) == textos
    assert [h.nombre for h in excel.hojas] == ["Matriz de seguimiento", "Alertas", "Tablero"]


def test_una_falla_en_cualquier_paso_deja_el_libro_como_estaba(generado, cuadricula_muestra):
    """Con «Alertas» (con lo escrito por el usuario) y «Tablero» anteriores, se hace fallar cada
    cambio al libro, uno por corrida: el libro queda igual y el estado de Excel, devuelto."""
    anterior = con_justificacion(
        generado.hoja("Alertas").cuadricula(),
        *next((f[1], f[4]) for f in generado.hoja("Alertas").cuadricula() if f[4] == "Bajo avance"),
        ("Mía",),
    )
    n = 0
    while True:
        n += 1
        excel = excel_con(
            ("Matriz de seguimiento", cuadricula_muestra),
            ("Alertas", anterior),
            ("Tablero", generado.hoja("Tablero").cuadricula()),
            fallar_en=n,
        )
        antes = excel.foto()
        generar_alertas(excel.libro)
        assert (excel.app.screen_updating, excel.app.enable_events, excel.app.calculation) == (
            True,
            True,
            "automatic",
        )
        if len(excel.cambios) < n:  # ya no quedan pasos que hacer fallar: la corrida completa
            excel.app.alert.assert_not_called()
            break
        assert excel.foto() == antes, (n, len(excel.cambios), excel.cambios[-1])
        assert "quedó como estaba" in alerta(excel)
    assert n > 30  # se probaron todos los pasos: hojas, valores, formatos, tablas, gráficos, nombres
    assert [h.nombre for h in excel.hojas] == ["Matriz de seguimiento", "Alertas", "Tablero"]
    assert all(
        e == {"screen_updating": False, "enable_events": False, "calculation": "manual"}
        for e in excel.estado_al_cambiar
    )
    assert "Mía" in [v for f in excel.hoja("Alertas").cuadricula() for v in f]


@pytest.mark.parametrize("nombre", ["Tablero", "ALERTAS"])
def test_una_hoja_propia_del_usuario_nunca_se_reemplaza(nombre, cuadricula_muestra):
    excel = excel_con(
        ("Matriz de seguimiento", cuadricula_muestra), (nombre, [["Mi tablero del ministerio"], [1, 2]])
    )
    antes = excel.foto()
    generar_alertas(excel.libro)
    assert f"ya tiene una hoja «{nombre}» que no escribió xl-seguimiento" in alerta(excel)
    assert excel.foto() == antes and excel.cambios == []


def test_alertas_de_una_version_anterior_sin_marca_se_reconoce(generado, cuadricula_muestra):
    anterior = generado.hoja(
        "Alertas"
    ).cuadricula()  # lo que escribía una versión anterior: sin nombre definido
    (codigo, tipo) = next((f[1], f[4]) for f in anterior if f[4] == "Bajo avance")
    excel = excel_con(
        ("Matriz de seguimiento", cuadricula_muestra),
        ("Alertas", con_justificacion(anterior, codigo, tipo, ("Causa",))),
    )
    generar_alertas(excel.libro)
    excel.app.alert.assert_not_called()
    assert fila_de(excel.hoja("Alertas").cuadricula(), codigo, tipo)[len(COLUMNAS_DETALLE)] == "Causa"


@pytest.mark.parametrize(
    ("preparar", "mensaje"),
    [
        (lambda e: setattr(e, "estructura_protegida", True), "La estructura del libro está protegida"),
        (lambda e: e.hojas_de_grafico.append("Tablero"), "hoja de gráfico llamada «Tablero»"),
        (lambda e: setattr(e.hoja("Alertas"), "protegida", True), "La hoja «Alertas» está protegida"),
        (
            lambda e: setattr(e.agregar("Tablero", [["Tablero — x"]]), "protegida", True),
            "La hoja «Tablero» está",
        ),
    ],
)
def test_proteccion_y_choques_se_avisan_antes_de_cambiar_nada(
    preparar, mensaje, generado, cuadricula_muestra
):
    excel = excel_con(
        ("Matriz de seguimiento", cuadricula_muestra), ("Alertas", generado.hoja("Alertas").cuadricula())
    )
    preparar(excel)
    antes = excel.foto()
    generar_alertas(excel.libro)
    assert mensaje in alerta(excel) and "No se cambió nada" in alerta(excel)
    assert excel.foto() == antes and excel.cambios == []


def test_tabla_alertas_en_otra_hoja_y_alertas_oculta(generado, cuadricula_muestra):
    excel = excel_con(("Matriz de seguimiento", cuadricula_muestra))
    excel.hoja("Matriz de seguimiento").tablas.append(excel._tabla("TablaAlertas"))
    vieja = excel.agregar("Alertas", generado.hoja("Alertas").cuadricula(), visible=False)
    vieja.tablas.append(excel._tabla("TablaAlertas2"))
    generar_alertas(excel.libro)
    excel.app.alert.assert_not_called()
    assert [t.name for t in excel.hoja("Alertas").tablas] == ["TablaAlertas2"]
    assert excel.hoja("Alertas").visible
    assert [h.nombre for h in excel.hojas] == ["Matriz de seguimiento", "Alertas", "Tablero"]


def test_calculo_manual_recalcula_antes_de_leer(cuadricula_muestra):
    excel = excel_con(("Matriz de seguimiento", cuadricula_muestra))
    excel.app.calculation = "manual"
    generar_alertas(excel.libro)
    excel.app.calculate.assert_called_once()
    assert "cálculo manual" in alerta(excel) and "se recalculó" in alerta(excel)
    assert excel.app.calculation == "manual"


def test_alto_de_fila_limitado_al_maximo_de_excel():
    excel = Excel()
    hoja = excel.agregar("H")
    largo = Maqueta("H", ((Celda("x" * 10_000, "parrafo"),), (Celda("a"),)), 2, 2, "T", altos=((1, 2_000.0),))
    escribir_maqueta(excel.sheet(hoja), largo, "T")
    assert hoja.altos == {"1:1": ALTO_MAXIMO}


def test_el_modelo_se_porta_como_excel_donde_importa():
    """Las reglas del modelo: si no, las pruebas de arriba no podrían fallar."""
    excel = Excel()
    hoja = excel.sheet(excel.agregar("Datos"))
    with pytest.raises(ErrorCOM, match="rectangular"):
        hoja.range((1, 1)).value = [[1, 2], [3]]
    hoja.range((1, 1)).value = [["'10%", "10%", "007", "1/2"]]
    assert excel.hoja("Datos").cuadricula()[0][:3] == ["10%", 0.1, 7.0]
    apilado = hoja.charts.add(source=hoja.range("A1:F4"))  # 4 filas, 6 columnas: series por filas
    assert len(apilado.series) == 4
    assert len(hoja.charts.add(source=hoja.range("A1:F4"), plot_by="columns").series) == 6
    excel.hojas_de_grafico.append("Tablero")
    with pytest.raises(ErrorCOM, match="ya existe"):
        excel.libro.sheets.add("TABLERO", after=hoja)
    excel.estructura_protegida = True
    with pytest.raises(ErrorCOM, match="protegida"):
        hoja.name = "Otra"


def test_la_misma_configuracion_de_pagina_que_el_archivo(generado, cuadricula_muestra):
    """PageSetup con los valores de la maqueta (los que escribe el archivo), en un solo bloque sin
    consultar la impresora; el salto del Tablero, las filas de las tablas ajustadas por Excel."""
    informe = analizar_libro([("Matriz de seguimiento", cuadricula_muestra)])
    alertas, tablero = maquetar(informe, "seguimiento.xlsx"), maquetar_tablero(informe).hoja
    for nombre, maqueta in (("Alertas", alertas), ("Tablero", tablero)):
        hoja = generado.hoja(nombre)
        pagina = hoja.pagina
        assert (pagina["PaperSize"], pagina["Orientation"], pagina["Zoom"]) == (9, 2, False)
        assert (pagina["FitToPagesWide"], pagina["FitToPagesTall"]) == (1, False)
        assert (pagina["LeftMargin"], pagina["TopMargin"]) == (18, 54)  # 0.25 y 0.75 pulgadas
        assert pagina["CenterHeader"].endswith("año 2024") and pagina["LeftHeader"] == ""
        assert (pagina["LeftFooter"], pagina["RightFooter"]) == ("Impreso el &D", "Página &P de &N")
        assert pagina["PrintArea"] == "$A$1:${}${}".format(*_fin(maqueta.pagina.area))
        assert pagina["PrintTitleRows"] == f"${maqueta.fila_tabla}:${maqueta.fila_tabla}"
        desde, hasta = maqueta.autoajuste
        assert hoja.autoajustes == [f"{desde}:{hasta}"]
        assert not any(desde <= int(f.split(":")[0]) <= hasta for f in hoja.altos)  # Excel las ajusta
    assert generado.hoja("Tablero").saltos == ["A30"]  # la tabla, desde la página 2
    assert (
        generado.hoja("Tablero").ventana["SplitRow"] == 1 and generado.hoja("Tablero").ventana["FreezePanes"]
    )
    alertas = generado.hoja("Alertas").ventana  # inmovilizada bajo el encabezado de la tabla (fila 5)
    assert (alertas["SplitRow"], alertas["SplitColumn"], alertas["FreezePanes"]) == (5, 0, True)
    assert generado.activa is generado.hoja("Alertas")  # los paneles no cambian dónde termina el botón
    assert generado.impresora_avisada == [False, True, False, True]


def _fin(area: str) -> tuple[str, str]:
    fin = area.split(":")[1]
    letras = fin.rstrip("0123456789")
    return letras, fin[len(letras) :]


def test_el_boton_entero_sin_pasadas_del_recolector(cuadricula_muestra, colecciones):
    """El clic entero (núcleo, maquetas y escritura en Excel) sin una pasada del recolector."""
    excel = Excel()
    excel.agregar("Matriz de seguimiento", cuadricula_muestra)
    colecciones.clear()  # las del modelo de Excel (autospec), antes del clic
    generar(excel.libro)
    assert colecciones == [] and "Alertas" in [h.name for h in excel.libro.sheets]
    assert gc.isenabled()
