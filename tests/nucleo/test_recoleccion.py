"""El recolector de ciclos queda en pausa mientras se lee y analiza, y vuelve como estaba."""

import dataclasses
import gc

import pytest
from apoyo import tabla_basica

from xl_seguimiento.nucleo.errores import ErrorSeguimiento
from xl_seguimiento.nucleo.motor import analizar, analizar_libro
from xl_seguimiento.nucleo.recoleccion import sin_recoleccion
from xl_seguimiento.nucleo.tabla import leer_tabla


class Sonda(list):
    """Una lista que anota si el recolector estaba activo cada vez que se la lee."""

    def __init__(self, filas=()):
        super().__init__(filas)
        self.activo: list[bool] = []

    def __getitem__(self, i):
        self.activo.append(gc.isenabled())
        return super().__getitem__(i)

    def __iter__(self):
        self.activo.append(gc.isenabled())
        return super().__iter__()


def test_leer_tabla_lee_la_cuadricula_con_el_recolector_en_pausa():
    cuadricula = Sonda(tabla_basica())
    tabla = leer_tabla(cuadricula, "Hoja")
    assert [i.codigo for i in tabla.indicadores] == ["ISS.01.01.01.01", "ISS.01.01.01.02"]
    assert cuadricula.activo and not any(cuadricula.activo)
    assert gc.isenabled()


def test_analizar_recorre_los_indicadores_con_el_recolector_en_pausa():
    tabla = leer_tabla(tabla_basica(), "Hoja")
    indicadores = Sonda(tabla.indicadores)
    informe = analizar(dataclasses.replace(tabla, indicadores=indicadores))
    assert len(informe.indicadores) == 2
    assert indicadores.activo and not any(indicadores.activo)
    assert gc.isenabled()


def test_analizar_libro_pide_las_hojas_con_el_recolector_en_pausa():
    activo = []

    def hojas():
        activo.append(gc.isenabled())
        yield "Hoja", tabla_basica()

    assert analizar_libro(hojas()).anio == 2024
    assert activo == [False]
    assert gc.isenabled()


def test_vuelve_activo_aunque_salga_con_error():
    with pytest.raises(ErrorSeguimiento, match="2030"):
        leer_tabla(tabla_basica(), "Hoja", 2030)
    assert gc.isenabled()


def test_si_estaba_en_pausa_la_deja_en_pausa():
    gc.disable()
    try:
        with sin_recoleccion():
            assert not gc.isenabled()
        analizar_libro([("Hoja", tabla_basica())])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_un_libro_del_lote_entero_sin_pasadas_del_recolector(tmp_path, colecciones):
    """Un proceso del lote (con spawn arranca con el recolector activo): lectura, núcleo, maquetas y
    escritura sin una pasada; antes, solo la lectura y el análisis estaban en pausa."""
    import shutil

    from apoyo import LIBRO_MUESTRA

    from xl_seguimiento.app.lote import procesar_uno
    from xl_seguimiento.nucleo.parametros import Parametros

    libro = tmp_path / "libro.xlsx"
    shutil.copy(LIBRO_MUESTRA, libro)
    colecciones.clear()  # las de importar lo de arriba
    resultado = procesar_uno(libro, Parametros(), None, en_sitio=False)
    assert not resultado.error and colecciones == []
    assert gc.isenabled()
