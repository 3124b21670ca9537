"""Sentido esperado, estándar de cumplimiento y tipo de agregación leídos de los textos del libro."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .modelo import Regla
from .normalizacion import normalizar

# Sinónimos aceptados (METODOLOGÍA §3), ya normalizados.
SENTIDOS = {"ascendente": Regla.ASCENDENTE, "descendente": Regla.DESCENDENTE}
NO_DEFINIDO = "no definido"
ESTANDARES = {
    "minimo permisible": Regla.MINIMO_PERMISIBLE,
    "maximo permisible": Regla.MAXIMO_PERMISIBLE,
}
NO_ACUMULADO = ("no acumulado", "no agregable")
ACUMULADO = ("acumulado", "agregable")


@dataclass(frozen=True)
class Clasificacion:
    regla: Regla | None
    acumulado: bool
    problema: str = ""


@lru_cache(maxsize=1024)  # pocas combinaciones distintas en un libro; Clasificacion es inmutable
def clasificar(sentido: object, *otros: object) -> Clasificacion:
    """Regla de cálculo a partir del sentido esperado y de las columnas de tipo/estándar/agregación."""
    texto_sentido = normalizar(sentido)
    textos = [texto_sentido, *(normalizar(t) for t in otros)]
    acumulado = _es_acumulado(textos)
    regla = SENTIDOS.get(texto_sentido) or _buscar(ESTANDARES, textos)
    if regla is not None:
        return Clasificacion(regla, acumulado)
    if texto_sentido == NO_DEFINIDO:
        problema = "sentido «no definido» sin estándar de cumplimiento (mínimo o máximo permisible)"
    elif texto_sentido:
        problema = f"sentido esperado no reconocido: «{sentido}»"
    else:
        problema = "sentido esperado vacío"
    return Clasificacion(None, acumulado, problema)


def leer_acumulado(texto: object) -> bool | None:
    """True para 'acumulado'/'agregable', False para 'no acumulado'/'no agregable', si no None."""
    normal = normalizar(texto)
    if normal in NO_ACUMULADO:
        return False
    return True if normal in ACUMULADO else None


def _es_acumulado(textos: Iterable[str]) -> bool:
    return any(leer_acumulado(t) for t in textos)


def _buscar(tabla: dict[str, Regla], textos: Iterable[str]) -> Regla | None:
    return next((tabla[t] for t in textos if t in tabla), None)
