"""Jerarquía por códigos (METODOLOGÍA §1): el padre se deduce del código, no del orden de filas."""

import re
from collections.abc import Iterable
from enum import StrEnum


class Nivel(StrEnum):
    """Nivel de la jerarquía de la política."""

    POLITICA = "politica"
    OBJETIVO = "objetivo"
    LINEAMIENTO = "lineamiento"
    SERVICIO = "servicio"
    INDICADOR = "indicador"


PREFIJOS = {
    "OP": Nivel.OBJETIVO,
    "LN": Nivel.LINEAMIENTO,
    "SS": Nivel.SERVICIO,
    "ISS": Nivel.INDICADOR,
    "IOP": Nivel.INDICADOR,
}
_PARTES_POR_PREFIJO = {"OP": 1, "LN": 2, "SS": 3, "ISS": 4, "IOP": 2}
_INICIO_INDICADOR = tuple(f"{p}." for p, n in PREFIJOS.items() if n is Nivel.INDICADOR)
_CODIGO = re.compile(r"^(OP|LN|SS|ISS|IOP)\s*\.\s*(\d+(?:\s*\.\s*\d+)*)$", re.IGNORECASE)
# Ya normalizado y con las partes de su prefijo: se devuelve tal cual. Las partes, escritas una tras
# otra («ISS\.\d+\.\d+\.\d+\.\d+»): con un grupo repetido ({4}) la expresión tarda un tercio más.
_CANONICO = re.compile(
    "|".join(prefijo + r"\.\d+" * partes for prefijo, partes in _PARTES_POR_PREFIJO.items())
)


def leer_codigo(texto: object) -> str | None:
    """El código normalizado ('ISS.01.04.01.02') si el texto es un código válido; si no, None."""
    if type(texto) is not str:
        return None
    if _CANONICO.fullmatch(texto):  # camino rápido: ya escrito como se normaliza, con sus partes
        return texto
    coincidencia = _CODIGO.match(texto.strip())
    if not coincidencia:
        return None
    prefijo = coincidencia.group(1).upper()
    partes = [p.strip() for p in coincidencia.group(2).split(".")]
    return ".".join([prefijo, *partes]) if len(partes) == _PARTES_POR_PREFIJO[prefijo] else None


def leer_codigos(celdas: Iterable[object]) -> list[str | None]:
    """`leer_codigo` de cada celda: las ya escritas como se normalizan se reconocen sin más llamadas."""
    return [c if type(c) is str and _CANONICO.fullmatch(c) else leer_codigo(c) for c in celdas]


def es_indicador(codigo: str) -> bool:
    """Si un código normalizado es de un indicador (ISS o IOP)."""
    return codigo.startswith(_INICIO_INDICADOR)


def numeros(codigo: str) -> tuple[str, ...]:
    """Las partes numéricas del código: 'SS.01.04.01' → ('01', '04', '01')."""
    return tuple(codigo.split(".")[1:])


def servicios_de(codigos: Iterable[str]) -> list[str | None]:
    """El servicio de cada código de indicador: ISS.01.04.01.02 → SS.01.04.01; un IOP no tiene (None)."""
    return ["SS." + c[4:].rsplit(".", 1)[0] if c.startswith("ISS.") else None for c in codigos]


def lineamiento_de(codigo: str) -> str | None:
    inicial, _, partes = codigo.partition(".")
    return "LN." + ".".join(partes.split(".")[:2]) if inicial in ("ISS", "SS", "LN") else None


def objetivo_de(codigo: str) -> str:
    return "OP." + codigo.split(".", 2)[1]


def clave_orden(codigo: str) -> tuple[int, ...]:
    """Orden natural de los códigos: por sus números."""
    return tuple(map(int, codigo.split(".")[1:]))


def nombre_corto(codigo: str) -> str:
    """Cómo se nombra en los textos: un servicio sin prefijo ('01.04.01')."""
    return codigo.partition(".")[2]


def numero_objetivo(codigo: str) -> int:
    """OP.01 → 1, para 'objetivo prioritario 1'."""
    return int(numeros(codigo)[0])
