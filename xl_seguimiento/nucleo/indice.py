"""Índice de gestión (METODOLOGÍA §4): promedio de avances con tope, sin contar los ND, con cobertura."""

from collections.abc import Iterable, Sequence

from .modelo import Indice, ResultadoIndicador
from .parametros import PARAMETROS, Parametros, Ponderacion


def indice_gestion(
    avances: Iterable[float | None], tope: float = PARAMETROS.tope, pesos: Iterable[float] | None = None
) -> Indice:
    """Promedio (ponderado si hay pesos) de min(A, tope) sobre los avances con dato."""
    lista = list(avances)
    topados = [min(a, tope) for a in lista if a is not None]
    if pesos is None:  # promedio simple: el caso usual
        return Indice(sum(topados) / len(topados) if topados else None, len(topados), len(lista))
    pesos_con_dato = [p for a, p in zip(lista, pesos, strict=True) if a is not None]
    suma_pesos = sum(pesos_con_dato)
    ponderada = sum(a * p for a, p in zip(topados, pesos_con_dato, strict=True))
    valor = ponderada / suma_pesos if topados and suma_pesos > 0 else None
    return Indice(valor, len(topados), len(lista))


def indice_de_grupos(
    grupos: Sequence[Sequence[ResultadoIndicador]], parametros: Parametros = PARAMETROS
) -> Indice:
    """Índice de un nivel con la ponderación de los parámetros; `grupos` son sus servicios (o IOP)."""
    resultados = [r for g in grupos for r in g]
    avances = [r.avance.valor for r in resultados]
    if parametros.ponderacion is Ponderacion.SERVICIO:
        por_grupo = [indice_gestion((r.avance.valor for r in g), parametros.tope) for g in grupos]
        medio = indice_gestion((i.valor for i in por_grupo), parametros.tope)
        con_dato = sum(i.con_dato for i in por_grupo)
        return Indice(medio.valor, con_dato, len(resultados))
    pesos = (
        [r.indicador.relevancia for r in resultados]
        if parametros.ponderacion is Ponderacion.RELEVANCIA
        else None
    )
    return indice_gestion(avances, parametros.tope, pesos)
