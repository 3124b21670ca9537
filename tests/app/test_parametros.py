"""Cada parámetro se declara una vez: opciones, bloque de la hoja y JSON salen de su declaración."""

import json
from dataclasses import fields

import pytest
from apoyo import LIBRO_MUESTRA

from xl_seguimiento import Parametros, Ponderacion
from xl_seguimiento.app import cli
from xl_seguimiento.nucleo.parametros import descripciones


def test_cada_campo_tiene_su_descripcion():
    assert [n for n, _ in descripciones()] == [f.name for f in fields(Parametros)]
    assert len({d.opcion for _, d in descripciones()}) == len(fields(Parametros))
    assert len({d.etiqueta for _, d in descripciones()}) == len(fields(Parametros))


def test_la_linea_de_comandos_ofrece_cada_parametro():
    opciones = {a.dest: a.option_strings for a in _subparser_alertas()._actions}
    for nombre, descripcion in descripciones():
        assert opciones[nombre] == [descripcion.opcion]


def _subparser_alertas():
    parser = cli.construir_parser()
    ordenes = next(a for a in parser._actions if a.dest == "orden")
    return ordenes.choices["alertas"]


def test_un_parametro_de_la_linea_de_comandos_llega_al_informe(tmp_path, capsys):
    codigo = cli.main(
        ["alertas", str(LIBRO_MUESTRA), "-o", str(tmp_path / "s.xlsx"), "--json", "--limite-fraccion", "2",
         "--ponderacion", "servicio"]
    )  # fmt: skip
    assert codigo == 0
    parametros = json.loads(capsys.readouterr().out)["parametros"]
    assert parametros["limite_fraccion"] == 2.0 and parametros["ponderacion"] == "servicio"
    assert parametros["umbral_bajo"] == 75.0  # los demás, por omisión


NUMERICOS = [n for n, _ in descripciones() if isinstance(getattr(Parametros(), n), float)]


@pytest.mark.parametrize("valor", ["nan", "inf", "-inf", "NaN", "infinity"])
@pytest.mark.parametrize("nombre", NUMERICOS)
def test_ningun_parametro_acepta_nan_ni_infinito(nombre, valor, tmp_path, capsys):
    opcion = dict(descripciones())[nombre].opcion
    salida = tmp_path / "s.xlsx"
    codigo = cli.main(
        ["alertas", str(LIBRO_MUESTRA), "-o", str(salida), f"{opcion}={valor}"]
    )  # «--tope=-inf»: con espacio, argparse lo toma por opción
    error = capsys.readouterr().err
    assert codigo == 2
    assert f"({opcion}) debe ser un número finito" in error and "Error inesperado" not in error
    assert not salida.exists()
    with pytest.raises(ValueError, match="debe ser un número finito"):
        Parametros(**{nombre: float(valor)})  # la API de Python, igual


def test_coma_decimal_y_opciones_sin_distinguir_mayusculas(tmp_path, capsys):
    """Como se escribe en Perú: «75,5» y «Servicio» (antes: «se esperaba número» y «elección no válida»)."""
    codigo = cli.main(
        ["alertas", str(LIBRO_MUESTRA), "-o", str(tmp_path / "s.xlsx"), "--json", "--umbral-bajo", "75,5",
         "--ponderacion", "Servicio"]
    )  # fmt: skip
    assert codigo == 0
    parametros = json.loads(capsys.readouterr().out)["parametros"]
    assert (parametros["umbral_bajo"], parametros["ponderacion"]) == (75.5, "servicio")


@pytest.mark.parametrize(
    ("argumentos", "mensaje"),
    [
        (
            {"umbral_bajo": "80"},
            "«Umbral de avance bajo (menor a)» (--umbral-bajo) debe ser un número, no «80» (str).",
        ),
        ({"tope": True}, "«Tope del avance en el índice» (--tope) debe ser un número, no «True» (bool)."),
        (
            {"ponderacion": "peso"},
            "(--ponderacion) debe ser una de: indicador, servicio, relevancia; no «peso».",
        ),
        ({"tope": 0}, "El tope del índice (--tope) debe ser mayor que 0, no 0."),
        ({"umbral_bajo": 99, "umbral_alto": 50}, "se dieron 99, 50 y 150."),
    ],
)
def test_la_api_rechaza_en_espanol_lo_que_no_es_un_parametro(argumentos, mensaje):
    """Antes: «TypeError: must be real number, not str», y mensajes sin la opción ni los valores."""
    with pytest.raises(ValueError) as error:
        Parametros(**argumentos)
    assert mensaje in str(error.value)


def test_la_api_acepta_la_ponderacion_como_texto():
    assert Parametros(ponderacion="Relevancia").ponderacion is Ponderacion.RELEVANCIA
