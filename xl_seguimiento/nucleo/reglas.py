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


# Lo que puede decir la columna «Tipo de agregación» (o el argumento `tipo` de AVANCE); vacío es no acumulado.
AGREGACIONES = frozenset({"", *NO_ACUMULADO, *ACUMULADO, *ESTANDARES})
ESPERADO_AGREGACION = "se espera acumulado, no acumulado, agregable, no agregable, mínimo o máximo permisible"


@lru_cache(maxsize=1024)  # pocas combinaciones distintas en un libro; Clasificacion es inmutable
def clasificar(sentido: object, agregacion: object = "", *otros: object) -> Clasificacion:
    """Regla de cálculo a partir del sentido esperado, el tipo de agregación y otras columnas de
    tipo o estándar (texto libre donde también puede estar el estándar).

    Un sentido o un tipo de agregación que no se reconoce deja la regla sin definir, con su problema.
    """
    texto_sentido, texto_agregacion = normalizar(sentido), normalizar(agregacion)
    textos = [texto_sentido, texto_agregacion, *(normalizar(t) for t in otros)]
    acumulado = _es_acumulado(textos)
    regla = SENTIDOS.get(texto_sentido) or _buscar(ESTANDARES, textos)
    if regla is None:
        return Clasificacion(None, acumulado, _problema_sentido(sentido, texto_sentido))
    if texto_agregacion not in AGREGACIONES:
        problema = f"tipo de agregación no reconocido: «{agregacion}» ({ESPERADO_AGREGACION})"
        return Clasificacion(None, acumulado, problema)
    return Clasificacion(regla, acumulado)


def _problema_sentido(sentido: object, texto_sentido: str) -> str:
    if texto_sentido == NO_DEFINIDO:
        return "sentido «no definido» sin estándar de cumplimiento (mínimo o máximo permisible)"
    if texto_sentido:
        return f"sentido esperado no reconocido: «{sentido}»"
    return "sentido esperado vacío"


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
