"""Avance Tipo 1 sobre filas construidas: sentidos, estándares, acumulado y casos sin cálculo (§3)."""

import pytest
from apoyo import indicador_de_celdas

from xl_seguimiento.nucleo.avance import avances_del_anio
from xl_seguimiento.nucleo.modelo import Regla, TipoAlerta
from xl_seguimiento.nucleo.reglas import clasificar

indicador = indicador_de_celdas


def avance(*args, **kwargs):
    avances, _ = avances_del_anio([indicador(*args, **kwargs)], 2024)
    return avances[0]


def test_ascendente_es_vo_entre_le():
    assert avance("ascendente", logros=(None, 50, 53), obtenidos=(None, 59, 44)).valor == pytest.approx(
        44 / 53 * 100
    )


def test_la_linea_base_no_entra():
    # 29/28 con línea base 24 → 103.6 (METODOLOGÍA §3)
    assert avance("Ascendente", logros=(None, 26, 28), obtenidos=(None, 32, 29)).valor == pytest.approx(
        103.5714, 1e-4
    )


def test_descendente_es_le_entre_vo():
    assert avance("descendente", logros=(None, 12, 10), obtenidos=(None, 11, 8)).valor == pytest.approx(125.0)


@pytest.mark.parametrize(
    ("estandar", "le", "vo", "esperado"),
    [
        ("minimo permisible", 1, 3, 100.0),
        ("Mínimo permisible", 1, 54, 100.0),
        ("minimo permisible", 5, 4, 0.0),
        ("minimo permisible", 5, 5, 100.0),
        ("maximo permisible", 5, 8, 0.0),
        ("Máximo permisible", 5, 5, 100.0),
        ("maximo permisible", 5, 2, 100.0),
    ],
)
def test_estandares_permisibles(estandar, le, vo, esperado):
    assert (
        avance("no_definido", estandar, logros=(None, None, le), obtenidos=(None, None, vo)).valor == esperado
    )


def test_estandar_en_la_columna_de_tipo():
    assert (
        avance(
            "No definido", "", logros=(None, None, 5), obtenidos=(None, None, 8), tipo="máximo permisible"
        ).valor
        == 0.0
    )


def test_acumulado_suma_desde_el_primer_logro():
    # Logros 2023-2024: 10 + 20 = 30; obtenidos 2023-2024: 12 + 15 = 27 → 90.0 (2022 sin logro no cuenta)
    resultado = avance("ascendente", "acumulado", logros=(None, 10, 20), obtenidos=(5, 12, 15))
    assert resultado.valor == pytest.approx(90.0)


def test_agregable_es_sinonimo_de_acumulado():
    resultado = avance("ascendente", "Agregable", logros=(10, 10, 10), obtenidos=(10, 10, 16))
    assert resultado.valor == pytest.approx(36 / 30 * 100)


def test_acumulado_descendente():
    resultado = avance("descendente", "acumulado", logros=(10, 10, 10), obtenidos=(10, 10, 5))
    assert resultado.valor == pytest.approx(30 / 25 * 100)


def test_acumulado_con_serie_incompleta_es_nd():
    resultado = avance("ascendente", "acumulado", logros=(10, 10, 10), obtenidos=(10, "ND", 5))
    assert resultado.valor is None
    assert resultado.sin_calculo is TipoAlerta.SIN_INFORMACION
    assert "serie incompleta" in resultado.motivo
    assert "valor obtenido 2023" in resultado.motivo


def test_no_acumulado_solo_usa_el_anio():
    resultado = avance("ascendente", "No agregable", logros=(10, 10, 10), obtenidos=(10, "ND", 5))
    assert resultado.valor == pytest.approx(50.0)


@pytest.mark.parametrize(("le", "vo"), [("ND", 5), (10, "ND"), (None, 5), (10, ""), ("N.D.", "S/D")])
def test_falta_dato_es_sin_informacion(le, vo):
    resultado = avance("ascendente", logros=(None, None, le), obtenidos=(None, None, vo))
    assert resultado.valor is None
    assert resultado.sin_calculo is TipoAlerta.SIN_INFORMACION


@pytest.mark.parametrize(
    ("sentido", "le", "vo", "cita"),
    [
        ("ascendente", 0, 5, "igual a 0"),
        ("descendente", 5, 0, "igual a 0"),
        ("ascendente", -4, 5, "negativo"),
        ("ascendente", 10, "cinco", "«cinco»"),
        ("ascendente", "#DIV/0!", 5, "#DIV/0!"),
        ("hacia arriba", 10, 5, "no reconocido"),
        ("no_definido", 10, 5, "sin estándar"),
    ],
)
def test_casos_sin_calculo_son_inconsistencia(sentido, le, vo, cita):
    resultado = avance(sentido, logros=(None, None, le), obtenidos=(None, None, vo))
    assert resultado.valor is None
    assert resultado.sin_calculo is TipoAlerta.INCONSISTENCIA
    assert cita in resultado.motivo


def test_unidades_mezcladas_en_un_porcentaje():
    resultado = avance(
        "ascendente", logros=(None, None, "80%"), obtenidos=(None, None, 46), nombre="Porcentaje de Y"
    )
    assert resultado.valor is None
    assert resultado.sin_calculo is TipoAlerta.INCONSISTENCIA
    assert "unidades mezcladas" in resultado.motivo


def test_porcentaje_como_texto_y_como_numero_es_la_misma_escala():
    resultado = avance(
        "ascendente", logros=(None, None, "80%"), obtenidos=(None, None, 0.46), nombre="Porcentaje de Y"
    )
    assert resultado.valor == pytest.approx(57.5)


def test_clasificar_sinonimos():
    assert clasificar("Ascendente").regla is Regla.ASCENDENTE
    assert clasificar("no_definido", "", "Minimo permisible").regla is Regla.MINIMO_PERMISIBLE
    assert clasificar("ascendente", "", "Acumulado").acumulado is True
    assert clasificar("ascendente", "", "no acumulado").acumulado is False


@pytest.mark.parametrize("texto", ["2.500", "2,500"])
def test_logro_ambiguo_es_inconsistencia_y_no_un_atipico(texto):
    """ISS.01.03.04.01 con el logro 2024 escrito «2.500»: leído 2.5 daba 2417 / 2.5 = 96 680 %."""
    resultado = avance("ascendente", logros=(None, 2000, texto), obtenidos=(None, 35, 2417))
    assert resultado.valor is None
    assert resultado.sin_calculo is TipoAlerta.INCONSISTENCIA
    assert resultado.motivo.startswith(f"dato ambiguo (logro esperado 2024: «{texto}» (")
    assert "separar miles o decimales" in resultado.motivo


@pytest.mark.parametrize("texto", ["2500", "2.500,0", "2,500.0", " 2500 "])
def test_logro_en_texto_sin_ambiguedad(texto):
    resultado = avance("ascendente", logros=(None, 2000, texto), obtenidos=(None, 35, 2417))
    assert resultado.valor == pytest.approx(2417 / 2500 * 100)


def test_unidades_mezcladas_en_una_serie_acumulada():
    """La suma de una serie por columnas deja a `_par_o_motivo` la que mezcla fracción y puntos."""
    resultado = avance("ascendente", "acumulado", (0.4, 50, 60), (0.3, 45, 55), nombre="Porcentaje de Y")
    assert resultado.valor is None
    assert resultado.motivo == (
        "unidades mezcladas: logro esperado 2022 0.4 como fracción y logro esperado 2023 50 en puntos porcentuales"
    )
    # En una sola escala (todo en puntos, o todo como fracción) se suma: (45 + 55) / (50 + 60)
    assert avance("ascendente", "acumulado", (0, 50, 60), (0, 45, 55), nombre="Porcentaje de Y").valor == (
        pytest.approx(100 / 110 * 100)
    )
    assert avance(
        "ascendente", "acumulado", (0.4, 0.5, 0.6), (0.3, 0.45, 0.55), nombre="Porcentaje de Y"
    ).valor == (pytest.approx(1.3 / 1.5 * 100))


def test_serie_acumulada_sin_columna_de_logro_de_un_anio():
    """El año sin columna de logro esperado en el bloque del indicador no entra en su serie, aunque
    otro indicador del libro sí tenga ese año (y aunque haya un valor obtenido de ese año)."""
    completo = indicador("ascendente", "acumulado", (10, 10, 10), (5, 5, 5))
    sin_2023 = indicador("ascendente", "acumulado", (10, 10, 10), (5, 100, 5))
    del sin_2023.logros[2023]
    avances, _ = avances_del_anio([completo, sin_2023], 2024)
    assert avances[0].valor == pytest.approx(15 / 30 * 100)
    assert avances[1].valor == pytest.approx(10 / 20 * 100)  # 2022 y 2024: (5 + 5) / (10 + 10)
