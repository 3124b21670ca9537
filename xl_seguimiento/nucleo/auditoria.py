"""Auditoría (METODOLOGÍA §5-§6): inconsistencias del libro que no impiden calcular.

Las reglas son columnares, como `avance_tipo1`: `revisar_indicadores` revisa todos los
indicadores de una vez (numpy) y solo redacta los mensajes de los que tienen alguno; el índice
de la política pasa por la misma regla con una sola fila.
"""

from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple, cast

import numpy as np
import numpy.typing as npt

from .avance import CODIGO_REGLA, DatosPorAnio
from .indice import Columna
from .modelo import CeldaExtra, Indicador, Indice, IndiceRegistrado, Regla
from .parametros import Parametros
from .valores import MotivoND, Valor, describir

_ASCENDENTE, _DESCENDENTE = CODIGO_REGLA[Regla.ASCENDENTE], CODIGO_REGLA[Regla.DESCENDENTE]
_AVANCE_REGISTRADO, _EXTRAS = attrgetter("avance_registrado"), attrgetter("extras")


def revisar_indicadores(
    indicadores: Sequence[Indicador],
    anios: Sequence[int],
    datos: DatosPorAnio,
    avances: Columna,
    parametros: Parametros,
) -> dict[int, list[str]]:
    """Mensajes de inconsistencia de cada indicador que tiene alguno (por posición): celdas sin
    encabezado, sentido contrario a la tendencia de los logros esperados y avance registrado que
    difiere del calculado (`avances`, NaN si no se calcula).

    `anios`, ascendentes: el último es el de análisis, y antes están todos los años de logros
    esperados anteriores a él; `datos`, los números de los indicadores en esos años.
    """
    reglas = datos.reglas
    sentidos = (reglas == _ASCENDENTE).astype(np.int8) - (reglas == _DESCENDENTE)
    contrarias = tendencias_contrarias(np.array([datos.logros[a] for a in anios]), anios, sentidos)
    registrados = list(map(_AVANCE_REGISTRADO, indicadores))
    difiere = diferencias_registradas(registrados, avances, parametros.tolerancia_auditoria)
    con_extras = np.fromiter(map(bool, map(_EXTRAS, indicadores)), bool, len(indicadores))
    problemas: dict[int, list[str]] = {}
    for k in np.flatnonzero(con_extras | contrarias.marcada | difiere).tolist():
        indicador, mensajes = indicadores[k], problemas.setdefault(k, [])
        mensajes.extend(map(_texto_extra, indicador.extras))
        if contrarias.marcada[k]:
            mensajes.append(_texto_contraria(indicador.regla, *(c[k].item() for c in contrarias[1:])))
        if difiere[k]:
            calculado = None if np.isnan(avances[k]) else avances[k].item()
            registrado = cast(Valor, registrados[k])
            diferencia = _texto_diferencia(registrado, calculado, parametros.tolerancia_auditoria)
            mensajes.append(f"avance registrado: {diferencia} (celda {indicador.celda_avance_registrado})")
    return problemas


class Contrarias(NamedTuple):
    """Sentido contrario a la tendencia de los logros esperados (columnas, una posición por indicador):
    el primer y el último año con logro esperado y sus valores."""

    marcada: npt.NDArray[np.bool_]
    anio_inicial: npt.NDArray[np.int_]
    anio_final: npt.NDArray[np.int_]
    inicial: Columna
    final: Columna


def tendencias_contrarias(logros: npt.ArrayLike, anios: Sequence[int], sentidos: npt.ArrayLike) -> Contrarias:
    """El sentido declarado (1 ascendente, -1 descendente, 0 sin sentido) contra la tendencia del
    primer al último logro esperado con dato: contrario si bajan siendo ascendente o suben siendo
    descendente. `logros` tiene una fila por año de `anios` (ascendentes, NaN = sin dato) y una
    columna por indicador."""
    matriz = np.asarray(logros, dtype=np.float64).reshape(len(anios), -1)
    con_dato = ~np.isnan(matriz)
    primera = con_dato.argmax(axis=0)
    ultima = len(anios) - 1 - con_dato[::-1].argmax(axis=0)
    columnas = np.arange(matriz.shape[1])
    inicial, final = matriz[primera, columnas], matriz[ultima, columnas]
    sentido = np.asarray(sentidos)
    with np.errstate(invalid="ignore"):
        marcada = (primera < ultima) & (sentido != 0) & (np.sign(final - inicial) == -sentido)
    anio = np.asarray(anios, dtype=np.int_)
    return Contrarias(marcada, anio[primera], anio[ultima], inicial, final)


def diferencias_registradas(
    registrados: Sequence[Valor | None], calculados: Columna, tolerancia: float
) -> npt.NDArray[np.bool_]:
    """Si cada valor registrado (None: sin columna; vacío: no se compara) difiere del calculado
    (NaN si no se calcula): uno sin número y el otro con, o más que la tolerancia en puntos."""
    puntos = np.array([en_puntos(v) if v is not None else None for v in registrados], dtype=np.float64)
    comparables = np.array(
        [v is not None and v.motivo is not MotivoND.VACIO for v in registrados], dtype=bool
    )
    sin_registro, sin_calculo = np.isnan(puntos), np.isnan(calculados)
    with np.errstate(invalid="ignore"):
        fuera = np.abs(puntos - calculados) > tolerancia
    return comparables & ((sin_registro != sin_calculo) | fuera)


def _texto_extra(extra: CeldaExtra) -> str:
    return (
        f"celda {extra.referencia} sin encabezado con valor {describir(extra.valor)}: "
        "la fila parece desalineada; se calcula con las columnas de los encabezados"
    )


def _texto_contraria(
    regla: Regla | None, anio_inicial: int, anio_final: int, inicial: float, final: float
) -> str:
    direccion = "bajan" if final < inicial else "suben"
    return (
        f"sentido declarado {regla} contrario a la tendencia de los logros esperados, "
        f"que {direccion} de {inicial:g} ({anio_inicial}) a {final:g} ({anio_final})"
    )


def revisar_indice(registrado: IndiceRegistrado | None, indice: Indice, parametros: Parametros) -> str:
    """Mensaje si el índice declarado en el libro difiere del calculado; si no, texto vacío."""
    if registrado is None:
        return ""
    tolerancia = parametros.tolerancia_auditoria
    calculado = np.array([np.nan if indice.valor is None else indice.valor])
    if not diferencias_registradas([registrado.valor], calculado, tolerancia)[0]:
        return ""
    diferencia = _texto_diferencia(registrado.valor, indice.valor, tolerancia)
    return f"índice de gestión registrado: {diferencia} (celda {registrado.celda}; {indice.cobertura})"


def en_puntos(valor: Valor) -> float | None:
    """Un avance registrado en puntos porcentuales ('83.0' → 83.0; '83%' → 83.0)."""
    if valor.numero is None:
        return None
    return valor.numero * 100 if valor.porcentaje else valor.numero


def _texto_diferencia(registrado: Valor, calculado: float | None, tolerancia: float) -> str:
    """Cómo difiere lo registrado de lo calculado (ya se sabe que difiere: `diferencias_registradas`)."""
    puntos = en_puntos(registrado)
    if puntos is None:
        return f"el valor registrado es {describir(registrado)}, pero los datos dan {calculado:.1f}"
    if calculado is None:
        return f"el valor registrado es {puntos:.1f}, pero con los datos no se puede calcular"
    return (
        f"el valor registrado {puntos:.1f} difiere del calculado {calculado:.1f} "
        f"en {abs(puntos - calculado):.1f} puntos, más que la tolerancia de {tolerancia:g}"
    )
