"""La cadena del seguimiento está escrita una vez (`maqueta.seguimiento.seguir`, issue 22).

Analizar, conciliar lo escrito antes por el usuario y maquetar «Alertas» y el Tablero es de esa
función pura; la línea de órdenes, el modo por lotes, la API, los botones y el reporte la llaman y
solo leen y escriben.
"""

import ast

import pytest
from apoyo import RAIZ

PAQUETE = RAIZ / "xl_seguimiento"
# Los pasos de la cadena: solo `maqueta/seguimiento.py` los encadena.
PASOS = {"analizar_libro", "conciliar", "maquetar", "maquetar_tablero"}
CAPARAZONES = [
    "app/procesar.py",
    "app/reporte.py",
    "app/lote.py",
    "app/cli.py",
    "excel/boton.py",
    "excel/boton_reporte.py",
    "__init__.py",
]


def _nombres_importados(ruta) -> set[str]:
    return {
        alias.name
        for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8")))
        if isinstance(nodo, ast.ImportFrom)
        for alias in nodo.names
    }


@pytest.mark.parametrize("modulo", CAPARAZONES)
def test_ninguna_capa_de_afuera_encadena_los_pasos_por_su_cuenta(modulo):
    assert _nombres_importados(PAQUETE / modulo) & PASOS == set()


def test_la_orden_la_api_y_los_botones_llaman_a_la_misma_funcion():
    llaman = {m for m in CAPARAZONES if {"seguir", "seguir_libro"} & _nombres_importados(PAQUETE / m)}
    assert {
        "app/procesar.py",
        "app/reporte.py",
        "excel/boton.py",
        "excel/boton_reporte.py",
        "__init__.py",
    } <= llaman
    assert "seguir" in _nombres_importados(PAQUETE / "app/procesar.py")
