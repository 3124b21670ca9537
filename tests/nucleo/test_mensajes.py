"""Cada alerta es una oración: empieza en mayúscula y termina en punto. Los
textos propios se redactan ya así y solo los que traen un motivo o un problema pasan por `oracion`:
esta prueba cuida que ninguno quede sin su forma, en la muestra y en libros sintéticos con todos los
tipos de alerta."""

import pytest
from apoyo import sinteticos

from xl_seguimiento.nucleo.modelo import TipoAlerta
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas


def _es_oracion(mensaje: str) -> bool:
    return mensaje[:1].isupper() and mensaje.endswith(".") and not mensaje.endswith("..")


def test_alertas_de_la_muestra(informe_muestra):
    assert informe_muestra.alertas
    assert [a.mensaje for a in informe_muestra.alertas if not _es_oracion(a.mensaje)] == []


@pytest.mark.parametrize("semilla", [3, 11])
def test_alertas_de_un_sintetico(tmp_path, semilla):
    ruta = sinteticos().generar(tmp_path / "s.xlsx", 1500, semilla=semilla)
    alertas = analizar_libro(leer_hojas(ruta)).alertas
    assert {a.tipo for a in alertas} >= {
        TipoAlerta.BAJO_AVANCE,
        TipoAlerta.AVANCE_ATIPICO,
        TipoAlerta.SIN_INFORMACION,
        TipoAlerta.INCONSISTENCIA,
        TipoAlerta.RETROCESO,
    }
    assert [a.mensaje for a in alertas if not _es_oracion(a.mensaje)] == []
