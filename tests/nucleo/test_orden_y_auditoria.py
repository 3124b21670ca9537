"""El orden de las alertas y el sentido contrario a la tendencia de los logros esperados."""

import random

import numpy as np
import pytest
from apoyo import indicador_de_celdas

from xl_seguimiento.nucleo.alertas import alertas_indicadores, ordenar
from xl_seguimiento.nucleo.auditoria import revisar_indicadores
from xl_seguimiento.nucleo.avance import DatosPorAnio
from xl_seguimiento.nucleo.codigos import Nivel
from xl_seguimiento.nucleo.modelo import (
    Alerta,
    Avance,
    Categoria,
    Indicador,
    Regla,
    ResultadoIndicador,
    TipoAlerta,
)
from xl_seguimiento.nucleo.parametros import Parametros
from xl_seguimiento.nucleo.valores import leer_valor

INCONSISTENCIA, BAJO = TipoAlerta.INCONSISTENCIA, TipoAlerta.BAJO_AVANCE


def alerta(nivel: Nivel, codigo: str, tipo: TipoAlerta, mensaje: str = "M.", celda: str = "") -> Alerta:
    return Alerta(nivel, codigo, tipo, mensaje, celda=celda)


def test_por_codigo_en_orden_natural_luego_nivel_tipo_y_mensaje():
    esperado = [
        alerta(Nivel.POLITICA, "", BAJO),
        alerta(Nivel.OBJETIVO, "OP.9", BAJO),
        alerta(Nivel.SERVICIO, "SS.9.01.01", BAJO),
        alerta(Nivel.INDICADOR, "ISS.9.01.01.02", BAJO),
        alerta(Nivel.INDICADOR, "ISS.9.01.01.02", INCONSISTENCIA, "A."),
        alerta(Nivel.INDICADOR, "ISS.9.01.01.02", INCONSISTENCIA, "B."),
        alerta(Nivel.INDICADOR, "ISS.9.01.01.10", BAJO),
        alerta(Nivel.OBJETIVO, "OP.10", BAJO),  # 10 va después de 9 (como texto iría antes)
    ]
    for semilla in range(5):
        llegada = random.Random(semilla).sample(esperado, len(esperado))
        assert list(ordenar(llegada)) == esperado
    assert ordenar([]) == ()


@pytest.mark.parametrize("al_reves", [False, True])
def test_las_alertas_con_la_misma_clave_quedan_en_el_orden_en_que_llegan(al_reves):
    iguales = [alerta(Nivel.INDICADOR, "ISS.01.01.01.01", BAJO, celda=c) for c in ("B5", "B9")]
    if al_reves:
        iguales.reverse()
    llegada = [alerta(Nivel.INDICADOR, "ISS.01.01.01.02", BAJO), *iguales]
    assert [a.celda for a in ordenar(llegada)] == [a.celda for a in iguales] + [""]


def indicador(regla: Regla | None, logros: dict[int, object]) -> Indicador:
    valores = {anio: leer_valor(celda) for anio, celda in logros.items()}
    return Indicador("ISS.01.01.01.01", "Indicador", "", "B5", regla, logros=valores)


@pytest.mark.parametrize(
    ("regla", "logros", "anio", "esperado"),
    [
        (Regla.ASCENDENTE, {2022: 30, 2023: "ND", 2024: 10}, 2024, "que bajan de 30 (2022) a 10 (2024)"),
        (Regla.DESCENDENTE, {2024: 8, 2021: 5, 2023: None}, 2024, "que suben de 5 (2021) a 8 (2024)"),
        (Regla.ASCENDENTE, {2022: 10, 2023: 20, 2025: 5}, 2023, ""),  # 2025 es posterior al año
        (Regla.ASCENDENTE, {2022: 10, 2023: "ND", 2024: None}, 2024, ""),  # un solo año con dato
        (Regla.DESCENDENTE, {2022: 7, 2023: 9, 2024: 7}, 2024, ""),  # el primero y el último iguales
        (Regla.MINIMO_PERMISIBLE, {2022: 30, 2024: 10}, 2024, ""),  # un estándar no tiene sentido
    ],
)
def test_sentido_contrario_a_la_tendencia_de_los_logros(regla, logros, anio, esperado):
    anios = sorted({*(a for a in logros if a < anio), anio})
    indicadores = [indicador(regla, logros)]
    datos = DatosPorAnio.de(indicadores, anios)
    problemas = revisar_indicadores(indicadores, anios, datos, np.array([np.nan]), Parametros())
    mensaje = "".join(problemas.get(0, []))
    assert mensaje.endswith(esperado)
    assert bool(mensaje) == bool(esperado)
    if esperado:
        assert mensaje.startswith(f"sentido declarado {regla} contrario a la tendencia")


def test_alertas_de_los_indicadores_solo_de_los_que_tienen():
    """Sin avance, bajo, atípico o con problemas: sus alertas, en el orden de los indicadores; con
    avance intermedio, alto o sin información con valor (no se da) y sin problemas, ninguna."""
    ind = indicador_de_celdas("ascendente", logros=(10, 10, 10), obtenidos=(5, 5, 5))
    casos = [
        (Avance(None, motivo="falta el logro esperado"), Categoria.SIN_INFORMACION),
        (Avance(40.0), Categoria.BAJO),
        (Avance(90.0), Categoria.INTERMEDIO),
        (Avance(200.0), Categoria.ATIPICO),
        (Avance(100.0), Categoria.ALTO),
        (Avance(100.0), Categoria.ALTO),
    ]
    resultados = [ResultadoIndicador(ind, avance, cat) for avance, cat in casos]
    problemas = {4: ["uno", "dos"], 5: []}
    alertas = alertas_indicadores(resultados, 2024, Parametros(), problemas)
    assert [(a.tipo, a.avance) for a in alertas] == [
        (TipoAlerta.SIN_INFORMACION, None),
        (BAJO, 40.0),
        (TipoAlerta.AVANCE_ATIPICO, 200.0),
        (INCONSISTENCIA, 100.0),
        (INCONSISTENCIA, 100.0),
    ]
    assert alertas[0].mensaje == "No se calcula el avance 2024: falta el logro esperado."
    assert [a.mensaje for a in alertas[3:]] == ["Inconsistencia: uno.", "Inconsistencia: dos."]
