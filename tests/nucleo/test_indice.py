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


def test_ponderacion_por_relevancia_sin_columna_de_relevancia_se_rechaza():
    """Sin la columna, «relevancia» daba en silencio el promedio simple (el de «indicador»)."""
    from xl_seguimiento.nucleo.errores import ErrorSeguimiento
    from xl_seguimiento.nucleo.parametros import Parametros, Ponderacion

    filas = tabla_basica()  # encabezados en la fila 3, «Código» en A3, sin columna de relevancia
    with pytest.raises(ErrorSeguimiento) as error:
        analizar_libro([("Hoja1", filas)], Parametros(ponderacion=Ponderacion.RELEVANCIA))
    mensaje = error.value.mensaje
    assert "«Hoja1»" in mensaje and "A3" in mensaje and "«Relevancia»" in mensaje
    assert "«indicador»" in mensaje and "«servicio»" in mensaje
    assert error.value.hoja == "Hoja1" and error.value.celda == "A3"


def test_relevancia_debe_estar_en_cada_bloque_de_encabezados():
    from xl_seguimiento.nucleo.errores import ErrorSeguimiento
    from xl_seguimiento.nucleo.parametros import Parametros, Ponderacion

    filas = [
        [*ENCABEZADO, "Peso"],
        SUB,
        ["ISS.01.01.01.01", "Número de A", "DGX", "ascendente", "no acumulado", 10, 20, 8, 10, None, 2],
        [],
        ENCABEZADO,  # segundo bloque sin «Peso»: sus indicadores pesarían 1 sin que nadie lo sepa
        SUB,
        ["ISS.01.01.01.02", "Número de B", "DGX", "ascendente", "no acumulado", 10, 20, 8, 20, None],
    ]
    relevancia = Parametros(ponderacion=Ponderacion.RELEVANCIA)
    with pytest.raises(ErrorSeguimiento, match="A5"):
        analizar_libro([("H", filas)], relevancia)
    filas[4] = [*ENCABEZADO, "Peso"]
    filas[6] = [*filas[6], 1]
    # Pesos 2 y 1: (2 × 50 + 1 × 100) / 3
    assert analizar_libro([("H", filas)], relevancia).indice.valor == pytest.approx(200 / 3)


def test_relevancia_sin_numero_se_anota_si_se_pondera_por_relevancia():
    from xl_seguimiento.nucleo.modelo import TipoAlerta
    from xl_seguimiento.nucleo.parametros import Parametros, Ponderacion

    filas = [
        [*ENCABEZADO, "Relevancia"],
        SUB,
        ["ISS.01.01.01.01", "Número de A", "DGX", "ascendente", "no acumulado", 10, 20, 8, 10, None, "alta"],
        ["ISS.01.01.01.02", "Número de B", "DGX", "ascendente", "no acumulado", 10, 20, 8, 20, None, 3],
    ]
    ponderado = analizar_libro([("H", filas)], Parametros(ponderacion=Ponderacion.RELEVANCIA))
    (alerta,) = [a for a in ponderado.alertas if a.tipo is TipoAlerta.INCONSISTENCIA]
    assert alerta.codigo == "ISS.01.01.01.01" and alerta.celda == "K3" and "«alta»" in alerta.mensaje
    assert "pesa 1" in alerta.mensaje
    assert ponderado.indice.valor == pytest.approx((1 * 50 + 3 * 100) / 4)
    # Con la ponderación por indicador la relevancia no se usa: no hay nada que avisar.
    simple = analizar_libro([("H", filas)])
    assert not [a for a in simple.alertas if a.tipo is TipoAlerta.INCONSISTENCIA]
