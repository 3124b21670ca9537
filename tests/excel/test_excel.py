"""Las UDF y el arranque del botón (el botón mismo, contra el modelo de Excel: test_boton.py)."""

import subprocess
import sys

import pytest
import xlwings as xw

from xl_seguimiento.excel import udfs
from xl_seguimiento.excel.boton import generar_alertas
from xl_seguimiento.maqueta.hoja_alertas import maquetar


def test_avance_con_entradas_de_excel():
    assert udfs.AVANCE(0.44, "53%") == [[pytest.approx(44 / 53 * 100)]]
    columna = udfs.AVANCE(
        [[50], ["ND"], [8], [None], ["#DIV/0!"]], [[2500], [2], [5], [3], [2]], "ascendente"
    )
    assert columna == [[pytest.approx(2.0)], ["ND"], [pytest.approx(160.0)], ["ND"], ["ND"]]
    sentidos = [["ascendente"], ["maximo permisible"]]
    assert udfs.AVANCE([[44], [8]], [[53], [5]], sentidos) == [[pytest.approx(83.0189, 1e-4)], [0.0]]
    assert udfs.AVANCE(8, 10, "descendente") == [[pytest.approx(125.0)]]


def test_avance_acumulado_una_serie_por_fila():
    # (12 + 15) / (10 + 20) = 90 %: la serie 2022-2024 empieza en el primer logro esperado
    assert udfs.AVANCE([[5, 12, 15]], [[None, 10, 20]], "ascendente", "acumulado") == [[pytest.approx(90.0)]]
    assert udfs.AVANCE([[5, "ND", 15]], [[10, 10, 20]], "ascendente", "acumulado") == [["ND"]]


def test_indice_cobertura_y_categoria():
    avances = [[83.0], [150.0], ["ND"], [None], [50.0], ["texto"]]
    assert udfs.INDICE_GESTION(avances) == pytest.approx((83 + 100 + 50) / 3)
    assert udfs.INDICE_GESTION(avances, 200) == pytest.approx((83 + 150 + 50) / 3)
    assert udfs.COBERTURA_INDICE(avances) == "3 de 4"  # 83, 150, ND y 50; el rótulo «texto» no es indicador
    assert udfs.INDICE_GESTION([["ND"]]) == "ND"
    assert udfs.CATEGORIA_AVANCE([[74.9], [75.0], [95.0], [150.0], [150.1], ["ND"]]) == [
        ["Bajo"],
        ["Intermedio"],
        ["Alto"],
        ["Alto"],
        ["Atípico"],
        ["Sin información"],
    ]


def test_udf_coinciden_con_el_motor(informe_muestra, cuadricula_muestra):
    """AVANCE sobre las columnas del libro da lo mismo que el motor, indicador por indicador."""
    filas = [f for f in cuadricula_muestra if isinstance(f[1], str) and f[1].startswith("ISS.")]
    vo, le = [[f[14]] for f in filas], [[f[11]] for f in filas]  # columnas O y L: 2024
    sentidos = [[f[5] if f[5] != "no_definido" else f[6]] for f in filas]
    calculados = udfs.AVANCE(vo, le, sentidos)
    motor = {r.indicador.codigo: r.avance.valor for r in informe_muestra.indicadores}
    for fila, (valor,) in zip(filas, calculados, strict=True):
        esperado = motor[fila[1]]
        assert valor == ("ND" if esperado is None else pytest.approx(esperado))


def test_importar_el_punto_de_entrada_es_barato():
    codigo = "import xl_seguimiento.excel; xl_seguimiento.excel.main"
    proceso = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", codigo], capture_output=True, text=True
    )
    modulos = {linea.split("|")[-1].strip() for linea in proceso.stderr.splitlines()}
    assert "xl_seguimiento.excel" in modulos
    assert not {"pandas", "openpyxl", "xlwings", "numpy"} & modulos


def test_formatos_cubren_exactamente_las_celdas_de_cada_estilo(informe_muestra):
    """Los rangos de cada estilo (tramos 'F30:F95' unidos en direcciones de hasta 250 caracteres)
    cubren sus celdas y ninguna otra; las contiguas de una columna van en un solo tramo."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    from xl_seguimiento.excel.escritura import LARGO_MAXIMO_RANGO, agrupar, por_estilo

    maqueta = maquetar(informe_muestra, "seguimiento.xlsx")
    for estilo, direcciones in por_estilo(maqueta).items():
        cubiertas = set()
        for grupo in agrupar(direcciones):
            assert len(grupo) <= LARGO_MAXIMO_RANGO
            for parte in grupo.split(","):
                col_min, fila_min, col_max, fila_max = range_boundaries(parte)
                assert col_min == col_max  # un tramo es de una sola columna
                cubiertas |= {f"{get_column_letter(col_min)}{f}" for f in range(fila_min, fila_max + 1)}
        esperadas = {
            f"{get_column_letter(j + 1)}{i + 1}"
            for i, fila in enumerate(maqueta.filas)
            for j, celda in enumerate(fila)
            if celda.estilo == estilo
        }
        assert cubiertas == esperadas, estilo
    (decimales,) = [list(agrupar(d)) for e, d in por_estilo(maqueta).items() if e == "decimal"]
    assert any(":" in parte for grupo in decimales for parte in grupo.split(","))


def test_udf_con_argumentos_malos_da_un_mensaje_breve_en_espanol():
    assert (
        udfs.INDICE_GESTION([[50], [80]], "abc") == "Error: el tope debe ser un número mayor que 0, no «abc»"
    )
    assert udfs.INDICE_GESTION([[50], [80]], 0) == "Error: el tope debe ser un número mayor que 0, no «0»"
    assert udfs.AVANCE(50, 100, "acendente") == "Error: sentido esperado no reconocido: «acendente»"
    assert (
        udfs.AVANCE([[1], [2]], [[1]])
        == "Error: valor_obtenido y logro_esperado deben tener las mismas filas"
    )
    assert udfs.AVANCE([[50], [8]], [[100], [5]], [["ascendente"], ["x"]]) == [[50.0], ["ND"]]  # por fila: ND


def test_udf_con_numero_ambiguo_en_texto_da_nd():
    """«2.500» puede ser 2,5 o 2 500: ND, no 2417 / 2.5 = 96 680 %; sin ambigüedad, 2417 / 2500."""
    assert udfs.AVANCE(2417, "2.500") == [["ND"]]
    assert udfs.AVANCE([[2417], [2417]], [["2,500"], ["2.500,0"]]) == [["ND"], [pytest.approx(96.68)]]
    assert udfs.AVANCE(2417, 2500.0) == [[pytest.approx(96.68)]]  # una celda numérica nunca es ambigua


def test_udf_con_tipo_mal_escrito_da_error_y_no_un_avance_no_acumulado():
    """«acumulad» no es «acumulado»: antes daba 50 / 100 = 50 como si fuera no acumulado."""
    esperado = (
        "Error: tipo de agregación no reconocido: «acumulad» (se espera acumulado, no acumulado, "
        "agregable, no agregable, mínimo o máximo permisible)"
    )
    assert udfs.AVANCE(50, 100, "ascendente", "acumulad") == esperado
    assert udfs.AVANCE([[10, 20]], [[10, 10]], "ascendente", "acumulad") == esperado
    assert udfs.AVANCE(3, 1, "no_definido", "minimo permisibe").startswith("Error: ")
    # Los nombres válidos siguen igual: acumulado suma (10 + 20) / (10 + 10) = 150; vacío, solo el año.
    assert udfs.AVANCE([[10, 20]], [[10, 10]], "ascendente", "Acumulado") == [[150.0]]
    assert udfs.AVANCE(50, 100, "ascendente", "No agregable") == [[50.0]]
    assert udfs.AVANCE(50, 100, "ascendente", "") == [[50.0]]
    # En una columna de tipos, la fila mal escrita da ND, como en el motor.
    por_fila = udfs.AVANCE([[50], [8]], [[100], [5]], "ascendente", [["no acumulado"], ["acumulad"]])
    assert por_fila == [[50.0], ["ND"]]


def test_udf_con_error_inesperado_no_muestra_la_traza(monkeypatch):
    def falla(*_):
        raise RuntimeError("boom in English")

    monkeypatch.setattr(udfs, "codigos_categoria", falla)
    assert udfs.CATEGORIA_AVANCE(80) == "Error: no se pudo calcular con estos argumentos"


def test_boton_sin_libro_que_llamo_avisa_en_espanol(monkeypatch, capsys):
    """Book.caller() falla (libro en OneDrive): el aviso va a la salida de errores, que xlwings muestra."""

    def caller():
        raise Exception("Couldn't find the local location of https://d.docs.live.net/abc/Libro.xlsx")

    monkeypatch.setattr(xw.Book, "caller", staticmethod(caller))
    monkeypatch.setattr(sys, "argv", ["-c", "--wb=Seguimiento 2024.xlsx", "--from_xl=1"])
    with pytest.raises(SystemExit) as salida:
        generar_alertas()
    assert salida.value.code == 1
    error = capsys.readouterr().err
    assert "«Seguimiento 2024.xlsx»" in error and "OneDrive o SharePoint" in error
    assert "Couldn't" not in error


def test_main_sin_poder_importar_avisa_en_espanol(monkeypatch, capsys):
    import xl_seguimiento.excel

    monkeypatch.setitem(sys.modules, "xl_seguimiento.excel.boton", None)  # import falla con ImportError
    with pytest.raises(SystemExit) as salida:
        xl_seguimiento.excel.main()
    assert salida.value.code == 1
    error = capsys.readouterr().err
    assert error.startswith("xl-seguimiento no pudo arrancar en este Python")
    assert "complemento instalar" in error
    assert "la rueda" in error and "upgrade xl-seguimiento»" not in error  # no hay índice público
