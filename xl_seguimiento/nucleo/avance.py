"""Avance Tipo 1 (METODOLOGÍA §3): fórmulas por sentido y estándar, acumulado, y por qué no se calcula."""

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .modelo import REGLAS_CON_SENTIDO, Avance, Indicador, Regla, TipoAlerta
from .parametros import PARAMETROS, Parametros
from .reglas import clasificar
from .valores import VACIO, MotivoND, Valor, describir, leer_valor

CUMPLE = 100.0
NO_CUMPLE = 0.0
NEGATIVO = "valor negativo en un cociente: no se calcula el avance"
LOGRO_CERO = "logro esperado igual a 0: el cociente no se puede calcular"
OBTENIDO_CERO = "valor obtenido (sentido descendente) igual a 0: el cociente no se puede calcular"
FUERA_DE_ESCALA = "valores fuera de escala: el cociente no da un número finito"
_ASCENDENTE, _DESCENDENTE, _MINIMO = Regla.ASCENDENTE, Regla.DESCENDENTE, Regla.MINIMO_PERMISIBLE


class Dato(NamedTuple):
    """Un valor del cálculo con su nombre para los mensajes ('valor obtenido 2024')."""

    nombre: str
    valor: Valor


def avance_indicador(indicador: Indicador, anio: int, parametros: Parametros = PARAMETROS) -> Avance:
    """Avance Tipo 1 de un indicador del libro en el año de análisis."""
    if indicador.regla is None:
        return Avance(None, TipoAlerta.INCONSISTENCIA, indicador.problema_regla)
    serie = indicador.acumulado and indicador.regla in REGLAS_CON_SENTIDO
    if not serie:  # camino rápido: dos números en la misma escala (no hay nada más que revisar)
        le = indicador.logros.get(anio, VACIO).numero
        vo = indicador.obtenidos.get(anio, VACIO).numero
        if le is not None and vo is not None and not _escalas_distintas(le, vo, parametros.limite_fraccion):
            return aplicar_regla(le, vo, indicador.regla)
    anios = sorted({*(a for a in indicador.logros if a <= anio), anio}) if serie else [anio]
    logros = [
        Dato(f"logro esperado {a}", indicador.logros.get(a, Valor(None, MotivoND.VACIO))) for a in anios
    ]
    obtenidos = [
        Dato(f"valor obtenido {a}", indicador.obtenidos.get(a, Valor(None, MotivoND.VACIO))) for a in anios
    ]
    return calcular_avance(
        logros, obtenidos, indicador.regla, indicador.acumulado, indicador.es_porcentaje, parametros
    )


def calcular_avance(
    logros: Sequence[Dato],
    obtenidos: Sequence[Dato],
    regla: Regla,
    acumulado: bool = False,
    es_porcentaje: bool = False,
    parametros: Parametros = PARAMETROS,
) -> Avance:
    """Avance con las series de logros y obtenidos hasta el año t (el último de cada serie)."""
    if acumulado and regla in REGLAS_CON_SENTIDO:
        inicio = next((i for i, d in enumerate(logros) if d.valor.disponible), len(logros) - 1)
        usados_le, usados_vo = logros[inicio:], obtenidos[inicio:]
    else:
        usados_le, usados_vo = logros[-1:], obtenidos[-1:]
    problema = _sin_dato(usados_le[-1:], usados_vo, acumulado and len(usados_vo) > 1)
    problema = problema or _escalas_mezcladas(usados_le, usados_vo, es_porcentaje, parametros)
    if problema:
        return problema
    le = sum(d.valor.numero for d in usados_le if d.valor.numero is not None)
    vo = sum(d.valor.numero for d in usados_vo if d.valor.numero is not None)
    return aplicar_regla(le, vo, regla)


def aplicar_regla(le: float, vo: float, regla: Regla) -> Avance:
    """La fórmula de la regla sobre números ya leídos, como Avance (con motivo si no se calcula)."""
    resultado = valor_de_regla(le, vo, regla)
    return Avance(resultado) if isinstance(resultado, float) else _inconsistencia(resultado)


def valor_de_regla(le: float, vo: float, regla: Regla) -> float | str:
    """Avance en puntos (cociente o cumplimiento del estándar), o el motivo por el que no se calcula."""
    if regla is _ASCENDENTE or regla is _DESCENDENTE:
        if le < 0 or vo < 0:
            return NEGATIVO
        numerador, denominador = (vo, le) if regla is _ASCENDENTE else (le, vo)
        if denominador == 0:
            return LOGRO_CERO if regla is _ASCENDENTE else OBTENIDO_CERO
        resultado = numerador / denominador * 100
        return resultado if math.isfinite(resultado) else FUERA_DE_ESCALA
    if regla is _MINIMO:
        return CUMPLE if vo >= le else NO_CUMPLE
    return CUMPLE if vo <= le else NO_CUMPLE


def _sin_dato(logros: Sequence[Dato], obtenidos: Sequence[Dato], serie: bool) -> Avance | None:
    datos = (*logros, *obtenidos)
    ilegibles = [d for d in datos if d.valor.motivo in (MotivoND.TEXTO, MotivoND.ERROR)]
    if ilegibles:
        citas = "; ".join(f"{d.nombre}: {describir(d.valor)}" for d in ilegibles)
        return _inconsistencia(f"dato no numérico ({citas})")
    faltan = [d for d in datos if not d.valor.disponible]
    if not faltan:
        return None
    citas = ", ".join(f"{d.nombre} {describir(d.valor)}" for d in faltan)
    incompleta = serie and not any(d in logros for d in faltan)
    prefijo = "serie incompleta, falta " if incompleta else "falta "
    return Avance(None, TipoAlerta.SIN_INFORMACION, f"{prefijo}{citas}")


def _escalas_mezcladas(
    logros: Sequence[Dato], obtenidos: Sequence[Dato], es_porcentaje: bool, parametros: Parametros
) -> Avance | None:
    """Un porcentaje con valores como fracción (<= límite) y otros como puntos (> límite)."""
    datos = [d for d in (*logros, *obtenidos) if d.valor.numero]
    if not es_porcentaje or all(d.valor.porcentaje for d in datos):
        return None
    fraccion = [d for d in datos if _es_fraccion(d.valor.numero or 0.0, parametros.limite_fraccion)]
    puntos = [d for d in datos if d not in fraccion]
    if not fraccion or not puntos:
        return None
    return _inconsistencia(
        f"unidades mezcladas: {fraccion[0].nombre} {describir(fraccion[0].valor)} como fracción "
        f"y {puntos[0].nombre} {describir(puntos[0].valor)} en puntos porcentuales"
    )


def _es_fraccion(numero: float, limite: float) -> bool:
    """Un porcentaje escrito como fracción (0.53) y no en puntos (53)."""
    return abs(numero) <= limite


def _escalas_distintas(a: float, b: float, limite: float) -> bool:
    """Uno como fracción y el otro en puntos; el 0 vale en ambas escalas."""
    return bool(a) and bool(b) and _es_fraccion(a, limite) != _es_fraccion(b, limite)


def _inconsistencia(motivo: str) -> Avance:
    return Avance(None, TipoAlerta.INCONSISTENCIA, motivo)


def avances_de_columnas(
    obtenidos: Iterable[object], logros: Iterable[object], sentido: object = "ascendente", tipo: object = ""
) -> list[float | None]:
    """Avance (no acumulado) de cada par valor obtenido / logro esperado, con la misma regla.

    Los pares de números van por el camino rápido; los demás (textos, ND, errores) por la
    lectura completa de celdas. None donde el avance es ND.
    """
    regla = clasificar(sentido, tipo).regla
    resultado: list[float | None] = []
    agregar = resultado.append
    for obtenido, logro in zip(obtenidos, logros, strict=False):
        if regla is not None and type(obtenido) is float and type(logro) is float:
            valor = valor_de_regla(logro, obtenido, regla)
            agregar(valor if type(valor) is float else None)
        else:
            agregar(avance_de_celdas([obtenido], [logro], sentido, tipo).valor)
    return resultado


def avance_de_celdas(
    obtenidos: Sequence[object], logros: Sequence[object], sentido: object = "ascendente", tipo: object = ""
) -> Avance:
    """Avance desde valores de celda tal como llegan de Excel: una celda por año, el último es t.

    `sentido`: ascendente, descendente, mínimo o máximo permisible; `tipo`: estándar de
    cumplimiento o agregación ('acumulado' suma la serie).
    """
    clasificacion = clasificar(sentido, tipo)
    if clasificacion.regla is None:
        return Avance(None, TipoAlerta.INCONSISTENCIA, clasificacion.problema)
    logros_leidos = [leer_valor(c) for c in logros]
    obtenidos_leidos = [leer_valor(c) for c in obtenidos]
    es_porcentaje = any(v.porcentaje for v in (*logros_leidos, *obtenidos_leidos))
    return calcular_avance(
        [Dato(f"logro esperado {i + 1}", v) for i, v in enumerate(logros_leidos)],
        [Dato(f"valor obtenido {i + 1}", v) for i, v in enumerate(obtenidos_leidos)],
        clasificacion.regla,
        clasificacion.acumulado,
        es_porcentaje,
    )
