"""Avance de cada año y alertas de tendencia (retroceso, bajo avance persistente), contra valores a mano.

Los valores de la muestra salen del extracto real (tests/fixtures/reporte_seguimiento_extracto.tsv):
VO / LE × 100 de cada año, con el tope de 100 para comparar años.
"""

import pytest
from apoyo import LIBRO_MUESTRA

from xl_seguimiento import Parametros, TipoAlerta, analizar
from xl_seguimiento.nucleo.alertas import bajo_persistente, retroceso

PARAMETROS = Parametros()


def alertas(informe, codigo, tipo):
    return [a for a in informe.alertas if a.codigo == codigo and a.tipo is tipo]


def test_serie_de_un_indicador_del_extracto(informe_muestra):
    # ISS.01.03.02.01: 59 % de 50 % en 2023 y 44 % de 53 % en 2024 (el reporte solo trae el 83.0)
    assert informe_muestra.series["ISS.01.03.02.01"] == pytest.approx({2023: 118.0, 2024: 44 / 53 * 100})
    # ISS.01.04.02.02: sin logro esperado en 2022, así que ese año no tiene avance
    assert informe_muestra.series["ISS.01.04.02.02"] == pytest.approx(
        {2023: 2.4 / 3.3 * 100, 2024: 2.5 / 3.4 * 100}
    )


def test_retroceso_con_tope(informe_muestra):
    # ISS.01.03.03.02: 100 % de 50 % en 2023 (200, que con tope es 100) y 20 % de 53 % en 2024 (37.7)
    (alerta,) = alertas(informe_muestra, "ISS.01.03.03.02", TipoAlerta.RETROCESO)
    assert "Retrocede de 100.0 (2023) a 37.7 (2024)" in alerta.mensaje and "cae 62.3 puntos" in alerta.mensaje
    parrafo = next(p for p in informe_muestra.parrafos if p.startswith("OP 01"))
    assert "el indicador ISS.01.03.03.02 retrocede de 100.0 a 37.7" in parrafo
    # ISS.01.03.02.01 cae de 100 (118 con tope) a 83.0: 17 puntos, menos que los 20 de la regla
    assert alertas(informe_muestra, "ISS.01.03.02.01", TipoAlerta.RETROCESO) == []


def test_la_caida_es_un_parametro():
    informe = analizar(LIBRO_MUESTRA, Parametros(caida_retroceso=15.0))
    (alerta,) = alertas(informe, "ISS.01.03.02.01", TipoAlerta.RETROCESO)
    assert "Retrocede de 100.0 (2023) a 83.0 (2024)" in alerta.mensaje


def test_bajo_avance_persistente(informe_muestra):
    # ISS.01.04.02.02: 72.7 en 2023 y 73.5 en 2024, ambos menores a 75
    (alerta,) = alertas(informe_muestra, "ISS.01.04.02.02", TipoAlerta.BAJO_PERSISTENTE)
    assert "72.7 en 2023 y 73.5 en 2024" in alerta.mensaje
    assert len([a for a in informe_muestra.alertas if a.tipo is TipoAlerta.BAJO_PERSISTENTE]) == 5
    assert len([a for a in informe_muestra.alertas if a.tipo is TipoAlerta.RETROCESO]) == 4


@pytest.mark.parametrize(
    ("serie", "esperado"),
    [
        ({2023: 100.0, 2024: 80.0}, (2023, 100.0, 80.0)),  # cae justo 20
        ({2023: 100.0, 2024: 80.1}, None),  # cae 19.9
        ({2022: 150.0, 2023: None, 2024: 75.0}, (2022, 100.0, 75.0)),  # el año anterior con dato, con tope
        ({2023: 300.0, 2024: 120.0}, None),  # los dos topan en 100: no cae
        ({2024: 10.0}, None),  # sin año anterior
        ({2023: 90.0, 2024: None}, None),  # sin avance en el año de análisis
    ],
)
def test_retroceso_en_series_sinteticas(serie, esperado):
    assert retroceso(serie, 2024, PARAMETROS) == esperado


@pytest.mark.parametrize(
    ("serie", "esperado"),
    [
        ({2023: 74.9, 2024: 10.0}, (74.9, 10.0)),
        ({2023: 75.0, 2024: 10.0}, None),  # 75 ya no es bajo
        ({2022: 10.0, 2024: 10.0}, None),  # falta el año inmediato anterior
        ({2023: 10.0, 2024: None}, None),
    ],
)
def test_bajo_persistente_en_series_sinteticas(serie, esperado):
    assert bajo_persistente(serie, 2024, PARAMETROS) == esperado


def test_indice_por_anio_igual_al_de_analizar_ese_anio(informe_muestra):
    assert informe_muestra.series[""][2024] == informe_muestra.indice.valor
    assert informe_muestra.series[""][2023] == pytest.approx(analizar(LIBRO_MUESTRA, anio=2023).indice.valor)
    op01 = next(o for o in analizar(LIBRO_MUESTRA, anio=2023).objetivos if o.codigo == "OP.01")
    assert informe_muestra.series["OP.01"][2023] == pytest.approx(op01.indice.valor)
