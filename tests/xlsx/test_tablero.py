"""La hoja «Tablero»: cifras y tablas del informe, tres gráficos nativos y un minigráfico por indicador."""

import re
import zipfile

import openpyxl
import pytest
from apoyo import LIBRO_MUESTRA, libreoffice_convertir
from revision_paquete import problemas

from xl_seguimiento.app import cli
from xl_seguimiento.maqueta.tablero import maquetar_tablero
from xl_seguimiento.nucleo.modelo import Categoria
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas


@pytest.fixture
def salida(salida_muestra):
    return salida_muestra


def valores(fila):
    """Los valores de una fila desde su primera celda con valor (las tablas de datos empiezan en B)."""
    valores = [c.valor for c in fila]
    while valores and valores[0] is None:
        valores.pop(0)
    return valores


def filas_de(tablero, encabezado):
    inicio = next(i for i, f in enumerate(tablero.hoja.filas) if valores(f)[:1] == [encabezado])
    filas = []
    for fila in tablero.hoja.filas[inicio + 1 :]:
        if not fila:
            break
        filas.append(valores(fila))
    return filas


def test_cifras_y_tablas_del_informe(informe_muestra):
    tablero = maquetar_tablero(informe_muestra)
    cifra = tablero.hoja.filas[3][0]
    assert cifra.valor == informe_muestra.indice.valor and cifra.estilo == "cifra:Bajo"
    objetivos = filas_de(tablero, "Objetivo")
    assert [f[0] for f in objetivos] == ["OP.01", "OP.02", "OP.04"]
    assert objetivos[2][1:] == [0.0, 75.0, 95.0]  # OP.04: índice 0.0 (test_extracto) y los umbrales
    anios = filas_de(tablero, "Año")
    assert [f[0] for f in anios] == [2023, 2024]  # 2022 no tiene ningún avance: no entra
    assert anios[1][1] == informe_muestra.indice.valor
    indicadores = {f[0]: f for f in filas_de(tablero, "Código")}
    assert len(indicadores) == 41 == len(tablero.minigraficos)
    assert indicadores["ISS.01.03.02.01"][2:4] == [118.0, pytest.approx(44 / 53 * 100)]


def test_categorias_por_objetivo_suman_sus_indicadores(informe_muestra):
    tablero = maquetar_tablero(informe_muestra)
    filas = [valores(f) for f in tablero.hoja.filas]
    por_objetivo = {f[0]: f[1:] for f in filas if f[:1] in (["OP.01"], ["OP.02"], ["OP.04"]) and len(f) == 6}
    for o in informe_muestra.objetivos:
        total = len(o.indicadores_objetivo) + sum(len(s.indicadores) for s in o.servicios)
        assert sum(por_objetivo[o.codigo]) == total
    assert [str(c) for c in Categoria] == [s.nombre for s in tablero.graficos[1].series]


def test_openpyxl_ve_los_tres_graficos(salida):
    libro = openpyxl.load_workbook(salida)
    assert libro.sheetnames[-2:] == ["Alertas", "Tablero"]
    assert len(libro["Tablero"]._charts) == 3


def test_libreoffice_dibuja_los_graficos_y_los_minigraficos(salida, tmp_path):
    libreoffice_convertir(salida, tmp_path, "ods")
    with zipfile.ZipFile(tmp_path / "libro_alertas.ods") as ods:
        objetos = sorted(n for n in ods.namelist() if re.fullmatch(r"Object \d+/content.xml", n))
        clases = sorted(re.search(rb'chart:class="chart:(\w+)"', ods.read(n)).group(1) for n in objetos)
        contenido = ods.read("content.xml")
    assert clases == [b"bar", b"bar", b"line"]
    assert contenido.count(b"<calcext:sparkline ") == 41
    assert contenido.count(b'calcext:value="=&quot;Bajo&quot;"') == 1  # el color por categoría, condicional


def test_volver_a_ejecutar_reemplaza_el_tablero_sin_dejar_partes_huerfanas(salida, tmp_path):
    otra = tmp_path / "otra.xlsx"
    assert cli.main(["alertas", str(salida), "-o", str(otra)]) == 0
    with zipfile.ZipFile(otra) as paquete:
        nombres = paquete.namelist()
    assert len([n for n in nombres if n.startswith("xl/drawings/drawing")]) == 1
    assert len([n for n in nombres if n.startswith("xl/charts/")]) == 3
    assert problemas(otra) == problemas(LIBRO_MUESTRA) == set()
    assert openpyxl.load_workbook(otra).sheetnames == ["Matriz de seguimiento", "Alertas", "Tablero"]


def test_graficos_con_rotulos_ejes_y_escala_desde_cero(informe_muestra):
    columnas, apiladas, anual = maquetar_tablero(informe_muestra).graficos
    assert columnas.series[0].etiquetas and anual.series[0].etiquetas  # OP.04 se lee «0.0»
    assert (columnas.eje_valores, apiladas.eje_valores) == ("Índice (%)", "Indicadores")
    assert (anual.eje_categorias, anual.eje_valores) == ("Año", "Índice (%)")
    assert (anual.minimo, anual.maximo) == (0, 100)  # antes el eje empezaba en 62


def test_sin_anios_con_indice_una_nota_en_lugar_del_grafico_anual():
    """Con --anio 2022 la muestra no tiene ningún año con índice: nunca una categoría «Año» ni una línea en 0."""
    informe = analizar_libro(leer_hojas(LIBRO_MUESTRA), anio=2022)
    tablero = maquetar_tablero(informe)
    assert [g.titulo for g in tablero.graficos] == [
        "Índice por objetivo prioritario",
        "Indicadores por categoría en cada objetivo",
    ]
    notas = [f[0].valor for f in tablero.hoja.filas if f and f[0].estilo == "nota"]
    assert notas == [
        "Sin gráfico del índice por año: ningún año hasta 2022 tiene avances con que calcularlo."
    ]
    objetivos = filas_de(tablero, "Objetivo")
    assert all(f[1] is None for f in objetivos)  # sin índice, hueco en el gráfico (no una barra 0.0)
