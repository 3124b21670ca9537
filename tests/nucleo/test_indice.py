"""Índice de gestión: ponderación por indicador, por servicio y por relevancia, tope e indicadores de objetivo."""

import pytest
from apoyo import ENCABEZADO, SUB, tabla_basica

from xl_seguimiento.nucleo.motor import analizar_libro


def test_ponderacion_por_servicio():
    from xl_seguimiento.nucleo.parametros import Parametros, Ponderacion

    filas = [
        *tabla_basica(),
        ["ISS.01.01.02.01", "Número de D", "DGX", "ascendente", "no acumulado", 10, 10, 10, 10, 100.0],
    ]
    # Por indicador: (50 + 90 + 100) / 3 = 80; por servicio: ((50 + 90) / 2 + 100) / 2 = 85
    assert analizar_libro([("H", filas)]).indice.valor == pytest.approx(80.0)
    por_servicio = analizar_libro([("H", filas)], Parametros(ponderacion=Ponderacion.SERVICIO))
    assert por_servicio.indice.valor == pytest.approx(85.0)
    assert por_servicio.indice.con_dato == 3


def test_tope_del_indice():
    filas = tabla_basica()
    filas[5][8] = 40  # 40 / 20 = 200 → cuenta 100 en el índice
    informe = analizar_libro([("H", filas)])
    assert informe.indice.valor == pytest.approx((100 + 90) / 2)


def test_indicadores_de_objetivo_y_ponderacion_por_relevancia():
    from xl_seguimiento.nucleo.parametros import Parametros, Ponderacion

    encabezado = [*ENCABEZADO, "Relevancia"]
    sub = [*SUB, None]
    filas = [
        encabezado,
        sub,
        ["OP.01", "Objetivo uno"],
        ["IOP.01.01", "Número de Z", "DGX", "ascendente", "no acumulado", 10, 10, 1, 2, None, 3],
        ["ISS.01.01.01.01", "Número de A", "DGX", "ascendente", "no acumulado", 10, 10, 9, 9, None, 1],
    ]
    informe = analizar_libro([("H", filas)])
    (objetivo,) = informe.objetivos
    assert [r.indicador.codigo for r in objetivo.indicadores_objetivo] == ["IOP.01.01"]
    assert objetivo.indice.valor == pytest.approx((20 + 90) / 2)
    assert "el indicador de objetivo IOP.01.01 se encuentra con avance bajo" in informe.parrafos[0]
    # Relevancia 3 para el IOP (20) y 1 para el ISS (90): (3 × 20 + 90) / 4 = 37.5
    ponderado = analizar_libro([("H", filas)], Parametros(ponderacion=Ponderacion.RELEVANCIA))
    assert ponderado.indice.valor == pytest.approx(37.5)
