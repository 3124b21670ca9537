"""Auditoría (METODOLOGÍA §5-§6): inconsistencias del libro que no impiden calcular."""

from collections.abc import Iterator

from .modelo import REGLAS_CON_SENTIDO, Avance, Indicador, Indice, IndiceRegistrado, Regla
from .parametros import Parametros
from .valores import MotivoND, Valor, describir


def revisar_indicador(
    indicador: Indicador, avance: Avance, anio: int, parametros: Parametros
) -> Iterator[str]:
    """Mensajes de inconsistencia de un indicador: celdas sin encabezado, sentido y avance registrado."""
    for extra in indicador.extras:
        yield (
            f"celda {extra.referencia} sin encabezado con valor {describir(extra.valor)}: "
            "la fila parece desalineada; se calcula con las columnas de los encabezados"
        )
    tendencia = _tendencia_contraria(indicador, anio)
    if tendencia:
        yield tendencia
    registrado = indicador.avance_registrado
    if registrado is not None:
        diferencia = _diferencia_registrada(registrado, avance.valor, parametros.tolerancia_auditoria)
        if diferencia:
            yield f"avance registrado: {diferencia} (celda {indicador.celda_avance_registrado})"


def revisar_indice(registrado: IndiceRegistrado | None, indice: Indice, parametros: Parametros) -> str:
    """Mensaje si el índice declarado en el libro difiere del calculado; si no, texto vacío."""
    if registrado is None:
        return ""
    diferencia = _diferencia_registrada(registrado.valor, indice.valor, parametros.tolerancia_auditoria)
    if not diferencia:
        return ""
    return f"índice de gestión registrado: {diferencia} (celda {registrado.celda}; {indice.cobertura})"


def en_puntos(valor: Valor) -> float | None:
    """Un avance registrado en puntos porcentuales ('83.0' → 83.0; '83%' → 83.0)."""
    if valor.numero is None:
        return None
    return valor.numero * 100 if valor.porcentaje else valor.numero


def _diferencia_registrada(registrado: Valor, calculado: float | None, tolerancia: float) -> str:
    puntos = en_puntos(registrado)
    if (puntos is None and calculado is None) or registrado.motivo is MotivoND.VACIO:
        return ""
    if puntos is None:
        return f"el valor registrado es {describir(registrado)}, pero los datos dan {calculado:.1f}"
    if calculado is None:
        return f"el valor registrado es {puntos:.1f}, pero con los datos no se puede calcular"
    if abs(puntos - calculado) <= tolerancia:
        return ""
    return (
        f"el valor registrado {puntos:.1f} difiere del calculado {calculado:.1f} "
        f"en {abs(puntos - calculado):.1f} puntos, más que la tolerancia de {tolerancia:g}"
    )


def _tendencia_contraria(indicador: Indicador, anio: int) -> str:
    """El sentido declarado contra la tendencia del primer al último logro esperado con dato hasta t."""
    if indicador.regla not in REGLAS_CON_SENTIDO:
        return ""
    logros = indicador.logros
    a0 = a1 = 0  # el primer y el último año con dato hasta t (0: ninguno todavía)
    for a, v in logros.items():
        if a <= anio and v.numero is not None:
            a0, a1 = (a if not a0 or a < a0 else a0), max(a, a1)
    if a0 == a1:  # menos de dos años con dato
        return ""
    primero, ultimo = logros[a0].numero or 0.0, logros[a1].numero or 0.0
    baja = ultimo < primero
    if baja == (indicador.regla is Regla.ASCENDENTE) and ultimo != primero:
        direccion = "bajan" if baja else "suben"
        return (
            f"sentido declarado {indicador.regla} contrario a la tendencia de los logros esperados, "
            f"que {direccion} de {primero:g} ({a0}) a {ultimo:g} ({a1})"
        )
    return ""
