"""El motor: de la cuadrícula de una hoja al informe completo (avances, índices, alertas, narrativa).

Núcleo puro: no lee ni escribe archivos; lo usan por igual la línea de comandos y el botón de Excel.
"""

from collections.abc import Iterable
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from .alertas import (
    alertas_indicadores,
    alertas_objetivo,
    alertas_politica,
    alertas_servicios,
    alertas_tendencia,
    marcadas,
    ordenar,
    tendencias,
)
from .auditoria import revisar_indicadores
from .avance import DatosPorAnio, avances_del_anio, valores_del_anio
from .categorias import CATEGORIAS, categoria, codigos_categoria
from .celdas import Cuadricula
from .codigos import Nivel
from .errores import ErrorSeguimiento
from .indice import Columna, a_indice
from .jerarquia import POLITICA, SERVICIO, Niveles, Serie, arbol, jerarquia, series_por_anio
from .modelo import (
    Alerta,
    Indice,
    Informe,
    Objetivo,
    ResultadoIndicador,
    TipoAlerta,
)
from .narrativa import (
    inconsistentes_por_objetivo,
    parrafo_objetivo,
    parrafo_sintesis,
    tendencias_por_objetivo,
)
from .parametros import PARAMETROS, Parametros, Ponderacion
from .recoleccion import sin_recoleccion
from .situacion import situaciones
from .tabla import Tabla, leer_tabla
from .textos import enumerar, oracion

HOJA_ALERTAS = "Alertas"
_LOGROS, _OBTENIDOS = attrgetter("logros"), attrgetter("obtenidos")


@sin_recoleccion()
def analizar_libro(
    hojas: Iterable[tuple[str, Cuadricula]], parametros: Parametros = PARAMETROS, anio: int | None = None
) -> Informe:
    """Analiza la primera hoja (sin contar «Alertas») que tiene la tabla de seguimiento."""
    revisadas = []
    for nombre, cuadricula in hojas:
        if nombre.casefold() == HOJA_ALERTAS.casefold():
            continue
        revisadas.append(nombre)
        tabla = leer_tabla(cuadricula, nombre, anio)
        if tabla is not None:
            return analizar(tabla, parametros)
    raise ErrorSeguimiento(
        "No se encontró la tabla de seguimiento: ninguna hoja ("
        + ", ".join(f"«{h}»" for h in revisadas)
        + ") tiene una fila de encabezados con «Código» y «Valores obtenidos»."
    )


@sin_recoleccion()
def analizar(tabla: Tabla, parametros: Parametros = PARAMETROS) -> Informe:
    """Calcula avances, índices, categorías, alertas y narrativa de una tabla leída."""
    _revisar_ponderacion(tabla, parametros)
    anio = tabla.anio
    anios = [*_anios_anteriores(tabla), anio]
    datos = DatosPorAnio.de(tabla.indicadores, anios, tabla.numeros_por_anio())
    resultados, codigos, objetivos, indice, series, avances = _calculo(tabla, anios, datos, parametros)
    marcados = marcadas(tendencias(avances, anios, parametros))
    problemas = revisar_indicadores(tabla.indicadores, anios, datos, avances[-1], parametros)
    cat = categoria(indice.valor, parametros)
    alertas = ordenar(
        [
            *alertas_indicadores(resultados, anio, parametros, problemas),
            *alertas_tendencia(resultados, marcados, anio, parametros),
            *alertas_servicios(objetivos),
            *(a for o in objetivos for a in alertas_objetivo(o)),
            *alertas_politica(indice, cat, tabla.indice_registrado, parametros),
            *_observaciones(tabla, parametros),
        ]
    )
    inconsistentes = inconsistentes_por_objetivo(alertas)
    por_objetivo = tendencias_por_objetivo(marcados, codigos)
    parrafos = (
        *(
            parrafo_objetivo(o, inconsistentes.get(o.codigo, []), parametros, por_objetivo.get(o.codigo, []))
            for o in objetivos
        ),
        parrafo_sintesis(objetivos, indice, cat, alertas),
    )
    return Informe(
        titulo=tabla.titulo,
        hoja=tabla.hoja,
        anio=anio,
        parametros=parametros,
        objetivos=objetivos,
        indice=indice,
        categoria=cat,
        indice_registrado=tabla.indice_registrado,
        alertas=alertas,
        parrafos=parrafos,
        series=series,
        avisos=tuple(oracion(o.mensaje) for o in tabla.observaciones if not o.codigo),
    )


class Calculo(NamedTuple):
    resultados: list[ResultadoIndicador]
    codigos: list[str]  # los de los indicadores, en su orden
    objetivos: tuple[Objetivo, ...]
    indice: Indice
    series: Serie
    avances: list[Columna]  # el avance de cada indicador en cada año, hasta el de análisis


def _calculo(tabla: Tabla, anios: list[int], datos: DatosPorAnio, parametros: Parametros) -> Calculo:
    """Avances, jerarquía con sus índices e índice de la política del año de análisis, y la serie de
    avances e índices de cada año de `anios` (los anteriores con datos y el de análisis, el último;
    las reglas, por columnas: un año de una vez)."""
    indicadores = tabla.indicadores
    avances, columna = avances_del_anio(indicadores, tabla.anio, parametros, datos)
    categorias = codigos_categoria(columna, parametros)
    resultados = list(
        map(ResultadoIndicador, indicadores, avances, map(CATEGORIAS.__getitem__, categorias.tolist()))
    )
    codigos = [i.codigo for i in indicadores]
    ramas = arbol(codigos)
    niveles = Niveles.de(ramas, [i.relevancia for i in indicadores], parametros)
    columnas = [*(valores_del_anio(indicadores, a, parametros, datos) for a in anios[:-1]), columna]
    indices = niveles.indices(columnas)
    servicio = niveles.por_indicador[SERVICIO]  # en el orden de niveles.orden; -1 en los IOP
    de_servicio = servicio >= 0
    frases = situaciones(
        categorias[niveles.orden][de_servicio], servicio[de_servicio], niveles.cantidad[SERVICIO], parametros
    )
    objetivos = jerarquia(ramas, resultados, tabla.nombres, indices[-1], frases, parametros)
    series = series_por_anio(codigos, anios, columnas, niveles, indices)
    return Calculo(resultados, codigos, objetivos, a_indice(*indices[-1][POLITICA], 0), series, columnas)


def _revisar_ponderacion(tabla: Tabla, parametros: Parametros) -> None:
    """La ponderación por relevancia necesita la columna en cada bloque de encabezados: sin ella,
    el índice sería el promedio simple con la etiqueta «relevancia», así que no se calcula."""
    if parametros.ponderacion is not Ponderacion.RELEVANCIA or not tabla.sin_relevancia:
        return
    raise ErrorSeguimiento(
        f"La ponderación «relevancia» necesita una columna de relevancia en la tabla, y la hoja "
        f"«{tabla.hoja}» no la tiene (bloques de encabezados en {enumerar(tabla.sin_relevancia)}): agregue "
        "una columna con el encabezado «Relevancia» (o «Peso» o «Ponderación») y el peso de cada "
        "indicador, o use la ponderación «indicador» o «servicio».",
        hoja=tabla.hoja,
        celda=tabla.sin_relevancia[0],
    )


def _anios_anteriores(tabla: Tabla) -> list[int]:
    """Los años de logros esperados o valores obtenidos anteriores al de análisis (sin recorrer en Python)."""
    indicadores = tabla.indicadores
    anios = set(chain.from_iterable(map(_LOGROS, indicadores))).union(*map(_OBTENIDOS, indicadores))
    return sorted(a for a in anios if a < tabla.anio)


def _observaciones(tabla: Tabla, parametros: Parametros) -> list[Alerta]:
    """Las inconsistencias de la lectura: de un indicador, o de la tabla (sin código) a nivel de la política.
    Las relevancias sin número solo importan si se pondera por relevancia."""
    observaciones = tabla.observaciones
    if parametros.ponderacion is Ponderacion.RELEVANCIA:
        observaciones = (*observaciones, *tabla.relevancias_sin_numero)
    return [
        Alerta(
            Nivel.INDICADOR if o.codigo else Nivel.POLITICA,
            o.codigo,
            TipoAlerta.INCONSISTENCIA,
            oracion(f"Inconsistencia: {o.mensaje}"),
            celda=o.celda,
        )
        for o in observaciones
    ]
