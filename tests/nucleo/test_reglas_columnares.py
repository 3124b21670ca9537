"""Propiedad: las reglas por columnas (avance, categoría, índice) dan lo que da la metodología a mano.

Filas al azar con números (también 0 y negativos), ND declarados, vacíos, errores y textos, para
cada sentido, estándar y agregación. La referencia se calcula aquí, celda por celda y en Python
simple, siguiendo docs/METODOLOGIA.md §3 a §5; se compara con el motor (todos los indicadores de
un año en una pasada) y con las funciones de Excel (una columna entera en una llamada).
"""

import math

import numpy as np
import pytest
from apoyo import indicador_de_celdas
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xl_seguimiento.excel.udfs import AVANCE, CATEGORIA_AVANCE, INDICE_GESTION
from xl_seguimiento.nucleo.avance import avances_del_anio, valores_del_anio
from xl_seguimiento.nucleo.categorias import CATEGORIAS, codigos_categoria
from xl_seguimiento.nucleo.indice import indices_por_grupo
from xl_seguimiento.nucleo.modelo import Indicador
from xl_seguimiento.nucleo.parametros import PARAMETROS

ANIOS = (2022, 2023, 2024)
SENTIDOS = (
    ("ascendente", ""),
    ("descendente", ""),
    ("no definido", "mínimo permisible"),
    ("no definido", "máximo permisible"),
)
AGREGACIONES = ("no acumulado", "acumulado")
NO_NUMEROS = (None, "ND", "N/D", "-", "#N/A", "#DIV/0!", "sin dato", "pendiente", "")

numeros = st.one_of(
    st.sampled_from([0.0, -1.0, -250.0, 1.0, 100.0]),
    st.floats(min_value=-1e4, max_value=1e7, allow_nan=False).map(lambda x: round(x, 3)),
)
celdas = st.one_of(numeros, numeros, numeros, st.sampled_from(NO_NUMEROS))
filas = st.tuples(
    st.sampled_from(SENTIDOS),
    st.sampled_from(AGREGACIONES),
    st.tuples(celdas, celdas, celdas),  # logros esperados 2022-2024
    st.tuples(celdas, celdas, celdas),  # valores obtenidos 2022-2024
)


def numero(celda) -> float | None:
    return celda if isinstance(celda, float) else None


def a_mano(sentido: str, estandar: str, agregacion: str, logros, obtenidos) -> float | None:
    """METODOLOGÍA §3, para el último año de las series (el año t)."""
    les, vos = [numero(c) for c in logros], [numero(c) for c in obtenidos]
    if sentido == "no definido":
        le, vo = les[-1], vos[-1]
        if le is None or vo is None:
            return None
        cumple = vo >= le if estandar == "mínimo permisible" else vo <= le
        return 100.0 if cumple else 0.0
    if agregacion == "acumulado":  # sumas desde el primer año con logro esperado hasta t
        primero = next((i for i, le in enumerate(les) if le is not None), len(les) - 1)
        if les[-1] is None or any(vo is None for vo in vos[primero:]):
            return None
        le = sum(x for x in les[primero:] if x is not None)
        vo = sum(x for x in vos[primero:] if x is not None)
    else:
        le, vo = les[-1], vos[-1]
        if le is None or vo is None:
            return None
    if le < 0 or vo < 0:
        return None
    numerador, divisor = (vo, le) if sentido == "ascendente" else (le, vo)
    if divisor == 0:
        return None
    resultado = numerador / divisor * 100
    return resultado if math.isfinite(resultado) else None


def indicador(fila) -> Indicador:
    (sentido, estandar), agregacion, logros, obtenidos = fila
    return indicador_de_celdas(sentido, agregacion, logros, obtenidos, "Número de atenciones", estandar)


def referencia(fila) -> float | None:
    (sentido, estandar), agregacion, logros, obtenidos = fila
    return a_mano(sentido, estandar, agregacion, logros, obtenidos)


def mismo(calculado, esperado) -> bool:
    if esperado is None:
        return calculado is None or calculado == "ND"
    return calculado == esperado


@settings(max_examples=300, deadline=None)
@given(st.lists(filas, min_size=1, max_size=40))
def test_el_motor_calcula_todo_el_anio_como_a_mano(lote):
    avances, columna = avances_del_anio([indicador(f) for f in lote], 2024, PARAMETROS)
    for fila, avance, valor in zip(lote, avances, columna.tolist(), strict=True):
        esperado = referencia(fila)
        assert mismo(avance.valor, esperado), fila
        assert (valor if valor == valor else None) == avance.valor
        assert (avance.valor is None) == bool(avance.motivo), fila  # todo ND dice por qué


@settings(max_examples=150, deadline=None)
@given(st.lists(filas, min_size=1, max_size=40))
def test_un_anio_anterior_solo_cuenta_con_sus_dos_datos(lote):
    """Un año anterior sin su logro esperado o su valor obtenido no tiene avance (§4, serie)."""
    columna = valores_del_anio([indicador(f) for f in lote], 2023, PARAMETROS)
    for fila, valor in zip(lote, columna.tolist(), strict=True):
        (sentido, estandar), agregacion, logros, obtenidos = fila
        completo = numero(logros[1]) is not None and numero(obtenidos[1]) is not None
        esperado = a_mano(sentido, estandar, agregacion, logros[:2], obtenidos[:2]) if completo else None
        assert mismo(None if valor != valor else valor, esperado), fila


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(SENTIDOS),
    st.lists(st.tuples(celdas, celdas), min_size=1, max_size=60),
)
def test_avance_de_excel_sobre_una_columna_entera(sentido_estandar, pares):
    sentido, estandar = sentido_estandar
    logros, obtenidos = [[le] for le, _ in pares], [[vo] for _, vo in pares]
    calculado = AVANCE(obtenidos, logros, sentido, estandar)
    for (le, vo), [celda] in zip(pares, calculado, strict=True):
        assert mismo(celda, a_mano(sentido, estandar, "no acumulado", [le], [vo])), (le, vo)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SENTIDOS[:2]), st.lists(st.tuples(celdas, celdas, celdas, celdas), max_size=20))
def test_avance_de_excel_acumulado_suma_cada_fila(sentido_estandar, filas_de_4):
    sentido, _ = sentido_estandar
    logros = [list(f[:2]) for f in filas_de_4] or [[None, None]]
    obtenidos = [list(f[2:]) for f in filas_de_4] or [[None, None]]
    calculado = AVANCE(obtenidos, logros, sentido, "acumulado")
    for le, vo, [celda] in zip(logros, obtenidos, calculado, strict=True):
        assert mismo(celda, a_mano(sentido, "", "acumulado", le, vo)), (le, vo)


valores_o_nd = st.one_of(st.none(), st.floats(min_value=-50, max_value=400, allow_nan=False))


def categoria_a_mano(valor: float | None) -> str:
    """§5: Bajo (< 75), Intermedio (75 a < 95), Alto (95 a 150), Atípico (> 150)."""
    if valor is None:
        return "Sin información"
    if valor < 75:
        return "Bajo"
    if valor < 95:
        return "Intermedio"
    return "Alto" if valor <= 150 else "Atípico"


@given(st.lists(st.one_of(valores_o_nd, st.sampled_from([75.0, 95.0, 150.0, 74.999, 150.001])), max_size=50))
def test_categorias_por_columna_y_en_excel(valores):
    codigos = codigos_categoria([np.nan if v is None else v for v in valores], PARAMETROS)
    esperadas = [categoria_a_mano(v) for v in valores]
    assert [str(CATEGORIAS[c]) for c in codigos.tolist()] == esperadas
    if valores:
        celdas_excel = [["ND" if v is None else v] for v in valores]
        assert CATEGORIA_AVANCE(celdas_excel) == [[e] for e in esperadas]


@example([(None, 0, 0.0)], 100.0, False)  # solo ND: el índice de Excel es «ND»
@given(
    st.lists(st.tuples(valores_o_nd, st.integers(0, 4), st.floats(0, 5, allow_nan=False)), max_size=60),
    st.sampled_from([100.0, 120.0]),
    st.booleans(),
)
def test_indice_de_cada_grupo_como_a_mano(filas_indice, tope, ponderado):
    """§4: promedio (ponderado) de min(A, tope) de los avances con dato de cada grupo; ND no cuentan."""
    avances = np.array([np.nan if a is None else a for a, _, _ in filas_indice], dtype=np.float64)
    grupos = np.array([g for _, g, _ in filas_indice], dtype=np.intp)
    pesos = np.array([p for _, _, p in filas_indice], dtype=np.float64) if ponderado else None
    valores, con_dato, total = indices_por_grupo(avances, grupos, 5, tope, pesos)
    for g in range(5):
        del_grupo = [(a, p) for a, gg, p in filas_indice if gg == g]
        con = [(min(a, tope), p if ponderado else 1.0) for a, p in del_grupo if a is not None]
        suma_pesos = sum(p for _, p in con)
        esperado = sum(a * p for a, p in con) / suma_pesos if con and suma_pesos > 0 else None
        assert (total[g], con_dato[g]) == (len(del_grupo), len(con))
        if esperado is None:
            assert math.isnan(valores[g])
        else:
            assert valores[g] == pytest.approx(esperado, rel=1e-12, abs=1e-12)
    if not ponderado and filas_indice:
        todos = [min(a, tope) for a, _, _ in filas_indice if a is not None]
        celdas_excel = [["ND" if a is None else a] for a, _, _ in filas_indice]
        calculado = INDICE_GESTION(celdas_excel, tope)
        assert calculado == (pytest.approx(sum(todos) / len(todos), rel=1e-12) if todos else "ND")
