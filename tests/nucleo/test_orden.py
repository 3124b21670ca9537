"""El lugar de muchos códigos en el orden natural y el orden de las alertas, frente a `clave_orden`
código por código."""

import random

import pytest

from xl_seguimiento.nucleo.alertas import ordenar
from xl_seguimiento.nucleo.codigos import Nivel, clave_orden
from xl_seguimiento.nucleo.modelo import Alerta, TipoAlerta
from xl_seguimiento.nucleo.orden import en_orden, lugares

PARTES = {"OP": 1, "LN": 2, "SS": 3, "ISS": 4, "IOP": 2}


def codigo_al_azar(azar: random.Random, cifras: str = "0123456789") -> str:
    prefijo = azar.choice(list(PARTES))
    numeros = ("".join(azar.choices(cifras, k=azar.randint(1, 3))) for _ in range(PARTES[prefijo]))
    return ".".join([prefijo, *numeros])


def lugares_esperados(codigos: list[str]) -> list[int]:
    """Lugar = cuántas claves distintas hay antes de la suya."""
    distintas = sorted({clave_orden(c) for c in codigos})
    return [distintas.index(clave_orden(c)) for c in codigos]


@pytest.mark.parametrize("semilla", range(20))
def test_lugares_como_clave_orden_con_anchos_y_ceros_distintos(semilla):
    azar = random.Random(semilla)
    codigos = [codigo_al_azar(azar) for _ in range(azar.randint(1, 300))] + [""]
    assert lugares(codigos).tolist() == lugares_esperados(codigos)


def test_lugares_a_mano():
    codigos = [
        "ISS.01.10.02.03",
        "SS.01.9.02",
        "OP.1",
        "",
        "OP.01",
        "IOP.01.02",
        "LN.01.02",
        "ISS.01.9.02.03",
    ]
    # ""; OP.1 = OP.01; IOP.01.02 = LN.01.02 (la misma clave); SS.01.9.02; ISS.01.9.02.03; ISS.01.10.02.03
    assert lugares(codigos).tolist() == [5, 3, 1, 0, 1, 2, 2, 4]
    assert lugares([]).tolist() == []
    assert lugares(["", ""]).tolist() == [0, 0]


@pytest.mark.parametrize(
    "raro",
    ["ISS.01.٣.01.01", "OP.1234567890123456789012", "OP.１"],  # cifras no ASCII, más de 18 cifras
)
def test_lugares_de_codigos_que_no_se_leen_por_columnas(raro):
    azar = random.Random(7)
    codigos = [codigo_al_azar(azar) for _ in range(50)] + [raro, "OP.2", "OP.3"]
    assert lugares(codigos).tolist() == lugares_esperados(codigos)


def test_en_orden_a_mano():
    """Por números y no por texto; los de la misma clave (OP.2 y OP.02), en el orden en que vienen."""
    assert en_orden(["OP.10", "OP.02", "OP.2", "OP.1", "OP.9"]) == ["OP.1", "OP.02", "OP.2", "OP.9", "OP.10"]
    assert en_orden(["OP.2", "OP.02"]) == ["OP.2", "OP.02"]
    assert en_orden([]) == []


@pytest.mark.parametrize("semilla", range(5))
def test_ordenar_como_el_orden_por_clave_orden_nivel_tipo_y_mensaje(semilla):
    """Muchas alertas al azar (códigos de anchos distintos, claves que empatan): el mismo orden que
    ordenar con la tupla de clave_orden, nivel, tipo y mensaje, y las iguales en el orden de llegada."""
    azar = random.Random(semilla)
    codigos = [codigo_al_azar(azar) for _ in range(40)] + [""]
    alertas = [
        Alerta(
            azar.choice(list(Nivel)), azar.choice(codigos), azar.choice(list(TipoAlerta)), azar.choice("ABC")
        )
        for _ in range(400)
    ]
    niveles, tipos = list(Nivel), list(TipoAlerta)
    esperado = sorted(
        alertas, key=lambda a: (clave_orden(a.codigo), niveles.index(a.nivel), tipos.index(a.tipo), a.mensaje)
    )
    assert [id(a) for a in ordenar(alertas)] == [id(a) for a in esperado]
