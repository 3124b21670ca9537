"""Lectura de valores de celda (METODOLOGÍA §2): número, porcentaje o ND con su motivo."""

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from .normalizacion import normalizar


class MotivoND(StrEnum):
    """Por qué una celda no aporta un número."""

    VACIO = "vacío"
    DECLARADO = "declarado ND"
    ERROR = "error de Excel"
    TEXTO = "texto no numérico"
    AMBIGUO = "el punto o la coma puede separar miles o decimales; escríbalo sin separador de miles"


MARCAS_ND = frozenset(
    normalizar(m)
    for m in (
        "ND", "N.D.", "N.D", "N/D", "S/D", "s.i.", "S/I", "-", "—", "–",
        "Sin dato", "Sin datos", "Sin información", "No disponible",
    )
)  # fmt: skip

_ERROR_EXCEL = re.compile(r"^#(N/A|[A-Z0-9/_]+[!?])$", re.IGNORECASE)
_NUMERO = re.compile(r"^([+-]?)(\d[\d.,]*|[.,]\d+)(%?)$")
# Un solo punto o una sola coma seguido de exactamente tres cifras ('2.500', '1,234'): puede ser
# separador de miles o decimal, y no se elige una lectura (con un 0 delante, '0,500', solo es decimal).
_AMBIGUO = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")


# Motivos de una celda que trae algo escrito que no se puede usar: son inconsistencias, no falta de dato.
ILEGIBLES = frozenset({MotivoND.TEXTO, MotivoND.ERROR, MotivoND.AMBIGUO})


class Valor(NamedTuple):
    """Valor de una celda: `numero` si es utilizable; si no, `motivo` dice por qué es ND.

    `texto` es el texto original de la celda (vacío si era un número); `porcentaje`, si traía '%'.
    """

    numero: float | None
    motivo: MotivoND | None = None
    texto: str = ""
    porcentaje: bool = False

    @property
    def disponible(self) -> bool:
        return self.numero is not None


VACIO = Valor(None, MotivoND.VACIO)
# Lo ya leído de cada número y cada texto (Valor es inmutable; en un libro se repiten mucho: "ND",
# "53%", 100). Solo con estos tipos exactos: un entero y su float son la misma clave y dan el mismo
# Valor, pero un booleano (True == 1.0) u otro tipo con el mismo hash no debe salir de aquí.
_LEIDOS: dict[object, Valor] = {None: VACIO}
_CON_CLAVE = frozenset({float, int, str, type(None)})
_MAXIMO_LEIDOS = 1 << 17


def leer_valor(celda: object) -> Valor:
    """Convierte lo que trae una celda (número, texto, error, vacío) en un Valor."""
    if type(celda) not in _CON_CLAVE:
        return _leer_celda(celda)
    valor = _LEIDOS.get(celda)
    if valor is None:
        valor = _leer_celda(celda)
        if len(_LEIDOS) < _MAXIMO_LEIDOS:
            _LEIDOS[celda] = valor
    return valor


def leer_valores(celdas: Sequence[object]) -> list[Valor]:
    """`leer_valor` de cada celda de una columna: lo ya leído sale de la tabla sin recorrer en Python."""
    if not _CON_CLAVE.issuperset(map(type, celdas)):  # otro tipo: puede no tener hash
        return [leer_valor(c) for c in celdas]
    try:
        return list(map(_LEIDOS.__getitem__, celdas))
    except KeyError:  # algo nuevo: solo eso pasa por leer_valor
        valores = map(_LEIDOS.get, celdas)
        return [leer_valor(c) if v is None else v for c, v in zip(celdas, valores, strict=True)]


def _leer_celda(celda: object) -> Valor:
    if type(celda) is float or type(celda) is int:
        return Valor(float(celda)) if math.isfinite(celda) else Valor(None, MotivoND.ERROR, str(celda))
    if type(celda) is str:
        return _leer_texto(celda)
    if celda is None:
        return VACIO
    if isinstance(celda, bool | datetime | date | time):
        return Valor(None, MotivoND.TEXTO, str(celda))
    if isinstance(celda, int | float):
        return _leer_celda(float(celda))
    return _leer_texto(str(celda))


def _leer_texto(celda: str) -> Valor:
    texto = celda.strip()
    if not texto:
        return VACIO
    if _ERROR_EXCEL.match(texto):
        return Valor(None, MotivoND.ERROR, texto)
    if normalizar(texto) in MARCAS_ND:
        return Valor(None, MotivoND.DECLARADO, texto)
    compacto = texto.replace("\u00a0", "").replace(" ", "")
    coincidencia = _NUMERO.match(compacto)
    if coincidencia and _AMBIGUO.fullmatch(coincidencia.group(2)):
        return Valor(None, MotivoND.AMBIGUO, texto)
    numero = _numero_con_separadores(coincidencia.group(2)) if coincidencia else None
    if coincidencia is None or numero is None:
        return Valor(None, MotivoND.TEXTO, texto)
    if coincidencia.group(1) == "-":
        numero = -numero
    es_porcentaje = coincidencia.group(3) == "%"
    return Valor(numero / 100 if es_porcentaje else numero, texto=texto, porcentaje=es_porcentaje)


def _numero_con_separadores(cifras: str) -> float | None:
    """'3,10' → 3.1; '1.234,5' → 1234.5; '2.5' → 2.5; '1.234.567' → 1234567 (los casos ambiguos,
    como '2.500', ya se apartaron)."""
    if "," in cifras and "." in cifras:
        decimal = "," if cifras.rfind(",") > cifras.rfind(".") else "."
    elif cifras.count(",") + cifras.count(".") == 0:
        return float(cifras)
    else:
        separador = "," if "," in cifras else "."
        miles = re.fullmatch(rf"\d{{1,3}}(\{separador}\d{{3}})+", cifras)
        if miles and cifras.count(separador) > 1:
            return float(cifras.replace(separador, ""))
        decimal = separador
    miles_sep = "." if decimal == "," else ","
    entero, _, fraccion = cifras.rpartition(decimal)
    if fraccion == "" or decimal in entero:
        return None
    if miles_sep in entero and not re.fullmatch(rf"\d{{1,3}}(\{miles_sep}\d{{3}})+", entero):
        return None
    return float(f"{entero.replace(miles_sep, '') or '0'}.{fraccion}")


def formatear_numero(numero: float, porcentaje: bool = False) -> str:
    """Texto breve de un número para los mensajes: '44%', '2500', '3.4%', '0.5'."""
    if porcentaje:
        return f"{_sin_ceros(numero * 100)}%"
    return _sin_ceros(numero)


def _sin_ceros(numero: float) -> str:
    texto = f"{numero:.4f}".rstrip("0").rstrip(".")
    return "0" if texto == "-0" else texto


@lru_cache(maxsize=4096)  # en un libro se citan una y otra vez los mismos valores; Valor es inmutable
def describir(valor: Valor) -> str:
    """Cómo citar un valor en un mensaje: el número, o 'ND (motivo)'."""
    if valor.numero is not None:
        return formatear_numero(valor.numero, valor.porcentaje)
    if valor.motivo is MotivoND.VACIO:
        return "vacío"
    return f"«{valor.texto}» ({valor.motivo})"
