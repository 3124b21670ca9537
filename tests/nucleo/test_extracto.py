"""El libro de muestra (el extracto real): cada avance, el índice, las alertas y la narrativa."""

import pytest

from xl_seguimiento.nucleo.codigos import Nivel
from xl_seguimiento.nucleo.modelo import Categoria, TipoAlerta
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas

# Avance Tipo 1 2024 calculado a mano con LE y VO de cada fila del extracto (None = ND).
AVANCES_A_MANO = {
    "ISS.01.03.02.01": 83.0,  # 44% / 53%
    "ISS.01.03.02.02": 100.0,  # mínimo permisible: 2 >= 1
    "ISS.01.03.03.01": 2.0,  # 50 / 2500
    "ISS.01.03.03.02": 37.7,  # 20% / 53%
    "ISS.01.03.04.01": 96.7,  # 2417 / 2500
    "ISS.01.03.04.02": None,
    "ISS.01.03.05.01": 450.0,  # fila desalineada: 9 / 2
    "ISS.01.03.05.02": 200.0,  # fila desalineada: 100% / 50%
    "ISS.01.04.01.01": 100.0,  # mínimo permisible: 10 >= 1
    "ISS.01.04.01.02": 57.5,  # 46% / 80%
    "ISS.01.04.02.01": 100.0,  # mínimo permisible: 54 >= 1
    "ISS.01.04.02.02": 73.5,  # 2.5% / 3.40% (registrado 72.2)
    "ISS.01.04.03.01": None,
    "ISS.01.04.03.02": None,
    "ISS.01.04.04.01": 10.1,  # 253 / 2500
    "ISS.01.04.04.02": 122.5,  # 98% / 80% (registrado 123.1)
    "ISS.01.06.01.01": 100.0,  # 100% / 100%
    "ISS.01.06.01.02": 103.6,  # 29 / 28
    "ISS.01.06.02.01": 108.3,  # 169 / 156
    "ISS.01.06.02.02": 131.5,  # 96% / 73%
    "ISS.01.06.03.01": 2.2,  # 3 / 138
    "ISS.01.06.03.02": 122.7,  # 92% / 75% (registrado 122.3)
    "ISS.01.06.04.01": 447.4,  # 698 / 156
    "ISS.01.06.04.02": None,
    "ISS.01.06.05.01": 76.0,  # 38% / 50%
    "ISS.01.06.05.02": None,
    "ISS.02.03.01.01": 0.0,  # 0 / 2
    "ISS.02.03.01.02": 0.0,  # 0 / 2
    "ISS.02.03.02.01": None,
    "ISS.02.03.02.02": None,
    "ISS.02.04.01.01": 14530.0,  # 2906 / 20
    "ISS.02.04.01.02": None,
    "ISS.02.04.02.01": 1230.0,  # 246 / 20
    "ISS.02.04.02.02": 14.0,  # 28 / 200
    "ISS.02.04.03.01": 10930.0,  # 10.93% / 0.10%
    "ISS.02.04.03.02": 600.0,  # 30 / 5
    "ISS.02.05.01.01": 86.7,  # 130 / 150
    "ISS.04.02.01.01": 0.0,  # máximo permisible: 8 > 5
    "ISS.04.02.01.02": None,
    "ISS.04.03.01.01": 0.0,  # 0 / 18
    "ISS.04.03.01.02": 0.0,  # 0% / 12%
}


def test_lee_todos_los_indicadores(resultados_muestra, informe_muestra):
    assert set(resultados_muestra) == set(AVANCES_A_MANO)
    assert informe_muestra.anio == 2024
    assert informe_muestra.hoja == "Matriz de seguimiento"


@pytest.mark.parametrize(("codigo", "esperado"), sorted(AVANCES_A_MANO.items()))
def test_avance_de_cada_indicador(resultados_muestra, codigo, esperado):
    valor = resultados_muestra[codigo].avance.valor
    if esperado is None:
        assert valor is None
    else:
        assert round(valor, 1) == esperado


def test_precision_completa_sin_redondeo(resultados_muestra):
    assert resultados_muestra["ISS.01.04.02.02"].avance.valor == pytest.approx(2.5 / 3.4 * 100)


def test_indice_y_cobertura(informe_muestra):
    con_dato = [min(a, 100) for a in AVANCES_A_MANO.values() if a is not None]
    assert informe_muestra.indice.con_dato == 32
    assert informe_muestra.indice.total == 41
    assert informe_muestra.indice.valor == pytest.approx(sum(con_dato) / len(con_dato), abs=0.05)
    assert informe_muestra.categoria is Categoria.BAJO


def test_indice_por_objetivo(informe_muestra):
    op4 = next(o for o in informe_muestra.objetivos if o.codigo == "OP.04")
    assert (op4.indice.valor, op4.indice.con_dato, op4.indice.total) == (0.0, 3, 4)


def alertas_de(informe, codigo, tipo=None):
    return [a for a in informe.alertas if a.codigo == codigo and (tipo is None or a.tipo is tipo)]


def test_redondeo_de_la_fuente_solo_alerta_mas_de_un_punto(informe_muestra):
    (alerta,) = alertas_de(informe_muestra, "ISS.01.04.02.02", TipoAlerta.INCONSISTENCIA)
    assert "72.2" in alerta.mensaje and "73.5" in alerta.mensaje
    assert not alertas_de(informe_muestra, "ISS.01.04.04.02", TipoAlerta.INCONSISTENCIA)  # 0.6 puntos
    assert not alertas_de(informe_muestra, "ISS.01.06.03.02", TipoAlerta.INCONSISTENCIA)  # 0.4 puntos


@pytest.mark.parametrize(("codigo", "celda"), [("ISS.01.03.05.01", "Q15"), ("ISS.01.03.05.02", "Q16")])
def test_filas_desalineadas_informan_la_celda_de_mas(informe_muestra, codigo, celda):
    mensajes = [a.mensaje for a in alertas_de(informe_muestra, codigo, TipoAlerta.INCONSISTENCIA)]
    assert any(celda in m and "sin encabezado" in m for m in mensajes)


def test_indice_registrado_distinto_del_calculado(informe_muestra):
    (alerta,) = [
        a
        for a in informe_muestra.alertas
        if a.nivel is Nivel.POLITICA and a.tipo is TipoAlerta.INCONSISTENCIA
    ]
    assert "79.3" in alerta.mensaje and "66.9" in alerta.mensaje


def test_bajo_avance_no_falta_de_informacion_en_01_03_03(informe_muestra):
    tipos = {a.tipo for a in alertas_de(informe_muestra, "SS.01.03.03")}
    assert tipos == {TipoAlerta.BAJO_AVANCE}
    assert len(alertas_de(informe_muestra, "ISS.01.03.03.01", TipoAlerta.BAJO_AVANCE)) == 1


def test_servicios_con_alerta_por_tipo(informe_muestra):
    def servicios(tipo):
        return {a.codigo for a in informe_muestra.alertas if a.nivel is Nivel.SERVICIO and a.tipo is tipo}

    assert {"SS.02.04.02", "SS.02.04.03", "SS.01.03.05"} <= servicios(TipoAlerta.AVANCE_ATIPICO)
    assert {"SS.02.03.02", "SS.04.02.01"} <= servicios(TipoAlerta.SIN_INFORMACION)
    assert {"SS.04.03.01", "SS.04.02.01", "SS.01.03.03"} <= servicios(TipoAlerta.BAJO_AVANCE)
    assert "SS.02.03.02" not in servicios(TipoAlerta.BAJO_AVANCE)


def parrafo(informe, prefijo):
    return next(p for p in informe.parrafos if p.startswith(prefijo))


def test_narrativa_op04(informe_muestra):
    texto = parrafo(informe_muestra, "OP 04:")
    assert "el servicio 04.03.01 presenta ambos indicadores con avance bajo" in texto
    assert "el servicio 04.02.01 tiene un indicador con avance bajo y otro sin información" in texto
    assert texto.endswith(
        "Estas situaciones podrían afectar el cumplimiento del objetivo y requieren revisión técnica."
    )


def test_narrativa_op02(informe_muestra):
    texto = parrafo(informe_muestra, "OP 02:")
    assert "el servicio 02.04.03 presenta ambos indicadores con avance tipo 1 mayor a 150" in texto
    assert "02.04.02 tiene un indicador con avance bajo y otro con avance tipo 1 mayor a 150" in texto
    assert "el servicio 02.03.02 presenta ambos indicadores sin información" in texto


def test_narrativa_op01_corrige_el_reporte(informe_muestra):
    texto = parrafo(informe_muestra, "OP 01:")
    assert "El objetivo prioritario 1 presenta un avance intermedio" in texto
    assert "el servicio 01.03.03 presenta ambos indicadores con avance bajo" in texto
    assert "01.03.05 presenta ambos indicadores con avance tipo 1 mayor a 150" in texto
    assert (
        "los servicios 01.04.01, 01.04.02, 01.04.04 y 01.06.03 tienen uno de sus dos indicadores con avance bajo"
        in texto
    )


def test_sintesis(informe_muestra):
    sintesis = informe_muestra.parrafos[-1]
    assert sintesis.startswith(
        "La política nacional presenta un avance bajo (índice 66.9, calculado con 32 de 41"
    )
    assert "02.04.03" in sintesis and "04.03.01" in sintesis


def test_alertas_deterministas_y_ordenadas(informe_muestra, libro_muestra):
    otra = analizar_libro(leer_hojas(libro_muestra))
    assert otra.alertas == informe_muestra.alertas
    assert otra.parrafos == informe_muestra.parrafos
    codigos = [a.codigo for a in informe_muestra.alertas if a.nivel is Nivel.INDICADOR]
    assert codigos == sorted(codigos)
