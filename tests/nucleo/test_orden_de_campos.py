"""La tabla y las tendencias crean sus registros por posición (`map(Indicador, …)`, `map(Tendencia, …)`):
estas pruebas fallan si se reordenan los campos de Indicador, Tendencia o Tendencias."""

import math

import numpy as np

from xl_seguimiento.nucleo.alertas import Tendencia, marcadas, tendencias
from xl_seguimiento.nucleo.avance import DatosPorAnio
from xl_seguimiento.nucleo.modelo import CeldaExtra, Indicador, Regla
from xl_seguimiento.nucleo.parametros import Parametros
from xl_seguimiento.nucleo.tabla import leer_tabla
from xl_seguimiento.nucleo.valores import VACIO, leer_valor

ENCABEZADO = [
    "Código", "Denominación", "Responsable", "Sentido esperado", "Tipo de agregación", "Relevancia",
    "Línea base", "Logros esperados", None, "Valores obtenidos", None, "Avance Tipo 1 (%)",
]  # fmt: skip
SUB = [None, None, None, None, None, None, None, 2023, 2024, 2023, 2024, 2024]
CUADRICULA = [
    ["Matriz"],
    ENCABEZADO,
    SUB,
    ["ISS.01.01.01.01", "Número de A", "DGX", "descendente", "acumulado", 3, 7, 11, 12, 13, 14, 15, None, "x"],
    ["ISS.01.01.01.02", "Número de B", "DGY", "lateral", "no acumulado", "ND", 8, 21, 22, 23, 24, "ND"],
]  # fmt: skip


def test_cada_dato_de_la_fila_en_su_campo_del_indicador():
    primero, segundo = leer_tabla(CUADRICULA, "Hoja").indicadores
    assert primero == Indicador(
        codigo="ISS.01.01.01.01",
        denominacion="Número de A",
        responsable="DGX",
        celda="A4",
        regla=Regla.DESCENDENTE,
        acumulado=True,
        problema_regla="",
        logros={2023: leer_valor(11), 2024: leer_valor(12)},
        obtenidos={2023: leer_valor(13), 2024: leer_valor(14)},
        avance_registrado=leer_valor(15),
        celda_avance_registrado="L4",
        extras=(CeldaExtra("N4", leer_valor("x")),),
        relevancia=3.0,
        linea_base=leer_valor(7),
    )
    assert segundo == Indicador(
        codigo="ISS.01.01.01.02",
        denominacion="Número de B",
        responsable="DGY",
        celda="A5",
        regla=None,
        acumulado=False,
        problema_regla="sentido esperado no reconocido: «lateral»",
        logros={2023: leer_valor(21), 2024: leer_valor(22)},
        obtenidos={2023: leer_valor(23), 2024: leer_valor(24)},
        avance_registrado=leer_valor("ND"),
        celda_avance_registrado="L5",
        extras=(),
        relevancia=1.0,  # «ND» no es un número: pesa 1
        linea_base=leer_valor(8),
    )
    assert primero.linea_base != VACIO and segundo.avance_registrado != VACIO


def test_cada_columna_de_las_tendencias_en_su_campo():
    # 2022: 40; 2023 sin dato; 2024: 150. Con tope 140 y una caída de -100 (cualquier cambio de
    # hasta 100 puntos hacia arriba «retrocede»), cada campo tiene un valor distinto de los demás.
    parametros = Parametros(tope=140.0, caida_retroceso=-100.0)
    avances = np.array([[0.0, 40.0], [0.0, np.nan], [np.nan, 150.0]])  # el primer indicador no se marca
    ((posicion, tendencia),) = marcadas(tendencias(avances, [2022, 2023, 2024], parametros))
    assert posicion == 1 and type(tendencia) is Tendencia
    campos = tendencia._asdict()
    assert math.isnan(campos.pop("anterior"))  # 2023, sin dato
    assert campos == {
        "retrocede": True,
        "anio_previo": 2022,
        "previo": 40.0,
        "ahora": 140.0,  # 150 con tope
        "persistente": False,
        "actual": 150.0,
    }


def test_los_numeros_por_anio_de_la_tabla_son_los_de_cada_indicador():
    """La tabla da los números de cada año por columnas, bloque tras bloque: deben quedar en la
    posición de su indicador aunque haya códigos repetidos y bloques sin algún año."""
    segundo_bloque = [
        ["Código", "Denominación", "Sentido esperado", "Logros esperados", "Valores obtenidos"],
        [None, None, None, 2024, 2024],
        ["ISS.01.01.01.01", "Repetido", "ascendente", 99, 98],  # ya leído: se ignora
        ["ISS.01.01.01.03", "Número de C", "ascendente", 31, 32],
    ]
    tabla = leer_tabla([*CUADRICULA, *segundo_bloque], "Hoja")
    indicadores = tabla.indicadores
    assert [i.codigo for i in indicadores] == ["ISS.01.01.01.01", "ISS.01.01.01.02", "ISS.01.01.01.03"]
    anios = [2023, 2024]
    de_la_tabla = DatosPorAnio.de(indicadores, anios, tabla.numeros_por_anio())
    uno_por_uno = DatosPorAnio.de(indicadores, anios)
    for a in anios:
        np.testing.assert_array_equal(de_la_tabla.logros[a], uno_por_uno.logros[a])
        np.testing.assert_array_equal(de_la_tabla.obtenidos[a], uno_por_uno.obtenidos[a])
    np.testing.assert_array_equal(de_la_tabla.logros[2023], [11.0, 21.0, np.nan])
    np.testing.assert_array_equal(de_la_tabla.obtenidos[2024], [14.0, 24.0, 32.0])


def test_una_tabla_copiada_con_otros_indicadores_no_usa_los_numeros_leidos_para_los_de_antes():
    """Los números por columnas valen para los indicadores de los que se leyeron: con los mismos en
    otro orden (o con uno menos), cada avance sigue siendo el de su indicador, sin error."""
    from dataclasses import replace

    from xl_seguimiento.nucleo.motor import analizar

    tabla = leer_tabla(CUADRICULA, "Hoja")
    assert tabla.numeros_por_anio() is not None
    invertida = replace(tabla, indicadores=tabla.indicadores[::-1])
    sin_el_primero = replace(tabla, indicadores=tabla.indicadores[1:])
    assert invertida.numeros_por_anio() is None and sin_el_primero.numeros_por_anio() is None
    assert tabla == replace(tabla)  # comparar tablas no compara las columnas de números

    def avances(t):
        return {r.indicador.codigo: r.avance for r in analizar(t).indicadores}

    originales = avances(tabla)
    assert avances(invertida) == originales
    assert avances(sin_el_primero) == {"ISS.01.01.01.02": originales["ISS.01.01.01.02"]}
