"""Años de los encabezados con notas («2024 (preliminar)», «Año 2024», 2024.0) y los que no se leen,
que se avisan con su hoja y celda: ninguna columna de «Valores obtenidos» se pierde en silencio."""

import pytest
from apoyo import LIBRO_MUESTRA, tabla_basica

from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.presentacion import documento_json, resumen_texto
from xl_seguimiento.nucleo.codigos import Nivel
from xl_seguimiento.nucleo.modelo import TipoAlerta
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.nucleo.tabla import leer_tabla
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas

HOJA = "Matriz de seguimiento"
FILAS_SUBENCABEZADO = (4, 27, 50, 72)  # desde 0: las filas de años de los cuatro bloques de la muestra
VO_2024 = 14  # columna O: «Valores obtenidos» 2024 (la cuadrícula empieza en A1)
NOTAS = [
    "2024 (preliminar)",
    "2024 p/",
    "2024*",
    "Año 2024",
    "2024 P",
    "2024 (p)",
    " 2024 ",
    "2024.0",
    2024.0,
]


def muestra() -> list[list[object]]:
    ((nombre, cuadricula),) = list(leer_hojas(LIBRO_MUESTRA))
    assert nombre == HOJA
    return [list(f) for f in cuadricula]


@pytest.fixture(scope="module")
def documento_original():
    return documento_json(analizar_libro([(HOJA, muestra())]))


def test_la_muestra_con_2024_preliminar_en_el_primer_bloque_da_66_9(documento_original):
    """Antes: 11 indicadores «falta valor obtenido 2024 vacío» y un índice de 61.4."""
    cuadricula = muestra()
    assert cuadricula[4][VO_2024] == 2024
    cuadricula[4][VO_2024] = "2024 (preliminar)"
    informe = analizar_libro([(HOJA, cuadricula)])
    assert round(informe.indice.valor, 1) == 66.9  # el índice del libro de muestra (README)
    assert documento_json(informe) == documento_original


@pytest.mark.parametrize("nota", NOTAS)
def test_cada_nota_en_todos_los_bloques_deja_2024_como_anio_de_analisis(nota, documento_original):
    """Antes, con la nota en todos los bloques, el año caía a 2023 y se informaba su índice."""
    cuadricula = muestra()
    for fila in FILAS_SUBENCABEZADO:
        cuadricula[fila][VO_2024] = nota
        cuadricula[fila][VO_2024 - 3] = nota  # y el logro esperado 2024 (columna L)
    informe = analizar_libro([(HOJA, cuadricula)])
    assert informe.anio == 2024
    assert documento_json(informe) == documento_original


@pytest.mark.parametrize("nota", NOTAS)
def test_anio_en_el_encabezado_de_una_sola_fila(nota):
    """Sin fila de años: «Valores obtenidos 2024 (p)» en el mismo encabezado del grupo."""
    cuadricula = [
        ["Código", "Sentido esperado", "Logros esperados 2024", f"Valores obtenidos {nota}".strip()],
        ["ISS.01.01.01.01", "ascendente", 20, 10],
    ]
    tabla = leer_tabla(cuadricula, "H")
    assert tabla.anio == 2024 and tabla.observaciones == ()
    assert tabla.indicadores[0].obtenidos[2024].numero == 10


@pytest.mark.parametrize("ilegible", ["2023-2024", "Preliminar", "2O24", "Año 2024 y 2025"])
def test_encabezado_ilegible_se_avisa_con_hoja_y_celda(ilegible):
    filas = tabla_basica()
    filas[3] = [*filas[3]]  # la fila de años es la lista SUB de apoyo: se copia antes de cambiarla
    filas[3][8] = ilegible  # I4: «Valores obtenidos» 2024
    informe = analizar_libro([("Hoja1", filas)])
    avisos = [a for a in informe.alertas if "Hoja1!I4" in a.mensaje]
    assert len(avisos) == 1
    (aviso,) = avisos
    assert aviso.tipo is TipoAlerta.INCONSISTENCIA and aviso.nivel is Nivel.POLITICA
    assert aviso.celda == "I4" and f"«{ilegible}»" in aviso.mensaje and "Valores obtenidos" in aviso.mensaje
    # Sin esa columna, el último año legible es 2023: el resumen lo dice y avisa por qué.
    assert informe.anio == 2023
    resumen = resumen_texto(informe, None)
    assert "año 2023" in resumen
    (linea,) = [x for x in resumen.splitlines() if x.startswith("Aviso: ")]
    assert "«Hoja1!I4»" in linea and f"«{ilegible}»" in linea and "no entra en el cálculo" in linea
    assert aviso.mensaje in [a["mensaje"] for a in documento_json(informe)["alertas"]]
    hoja = maquetar(informe)
    detalle = [f for f in hoja.filas[hoja.fila_tabla :] if aviso.mensaje in [c.valor for c in f]]
    assert len(detalle) == 1 and detalle[0][1].vinculo == "'Hoja1'!I4"


def test_dos_columnas_del_mismo_anio_se_avisan():
    filas = tabla_basica()
    filas[3] = [*filas[3]]
    filas[3][7] = "2024 (preliminar)"  # H4 y I4: dos «Valores obtenidos» 2024
    informe = analizar_libro([("Hoja1", filas)])
    (aviso,) = [a for a in informe.alertas if "Hoja1!H4" in a.mensaje]
    assert aviso.celda == "I4" and "Hoja1!I4" in aviso.mensaje and "2024" in aviso.mensaje
    assert informe.indicadores[0].indicador.obtenidos[2024].numero == 8  # la primera (H), como siempre


def test_sin_avisos_en_la_muestra(documento_original):
    assert resumen_texto(analizar_libro([(HOJA, muestra())]), None).count("Aviso") == 0


def test_el_anio_del_grupo_vale_si_la_fila_de_abajo_no_trae_anio():
    cuadricula = [
        ["Código", "Sentido esperado", "Logros esperados 2024", "Valores obtenidos 2024 (p)"],
        [None, None, "meta", "valor"],
        ["ISS.01.01.01.01", "ascendente", 20, 10],
    ]
    tabla = leer_tabla(cuadricula, "H")
    assert tabla.anio == 2024 and tabla.observaciones == ()
    assert tabla.indicadores[0].logros[2024].numero == 20
