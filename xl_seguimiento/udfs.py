"""Funciones de Excel (UDF de xlwings), envolturas delgadas sobre el motor.

Regístrelas con «UDF Modules» = xl_seguimiento.udfs. Aceptan celdas sueltas o columnas
enteras: con columnas devuelven una matriz que se desborda en una sola llamada a Python.
"""

from collections.abc import Iterable
from itertools import chain, repeat

import xlwings as xw

from .avance import avance_de_celdas, avances_de_columnas
from .categorias import categoria
from .indice import indice_gestion
from .parametros import PARAMETROS
from .reglas import leer_acumulado
from .valores import MotivoND, leer_valor

ND = "ND"
CATEGORIA = "Seguimiento"


def _filas(valor) -> list[list]:
    """Lo que pasa Excel (escalar, fila o matriz de 2 dimensiones) como lista de filas."""
    if not isinstance(valor, list):
        return [[valor]]
    return valor if valor and isinstance(valor[0], list) else [valor]


def _por_fila(valor, cantidad: int) -> Iterable:
    """Un argumento por fila: el mismo escalar para todas, o la primera celda de cada fila."""
    filas = _filas(valor)
    return (f[0] for f in filas) if len(filas) > 1 else repeat(filas[0][0], cantidad)


def _celdas(valor) -> list:
    return [c for fila in _filas(valor) for c in fila]


@xw.func(category=CATEGORIA)
@xw.arg(
    "valor_obtenido",
    ndim=2,
    err_to_str=True,
    doc="Valor obtenido del año (o la fila de años si es acumulado).",
)
@xw.arg(
    "logro_esperado",
    ndim=2,
    err_to_str=True,
    doc="Logro esperado del año (o la fila de años si es acumulado).",
)
@xw.arg("sentido", doc="ascendente (por omisión), descendente, mínimo permisible o máximo permisible.")
@xw.arg(
    "tipo", doc="Estándar o agregación: 'acumulado' suma los años de cada fila; por omisión, no acumulado."
)
def AVANCE(valor_obtenido, logro_esperado, sentido="ascendente", tipo=""):
    """Avance Tipo 1 (%) según la metodología: VO/LE×100 si es ascendente; "ND" si no se puede calcular."""
    obtenidos, logros = _filas(valor_obtenido), _filas(logro_esperado)
    if len(obtenidos) != len(logros):
        return [[ND]]
    if not isinstance(sentido, list) and not isinstance(tipo, list) and not leer_acumulado(tipo):
        return _avances_en_bloque(obtenidos, logros, sentido, tipo)
    sentidos, tipos = _por_fila(sentido, len(obtenidos)), _por_fila(tipo, len(obtenidos))
    return [
        [_numero(avance_de_celdas(fila_vo, fila_le, s, t).valor)]
        if leer_acumulado(t)
        else [_numero(v) for v in avances_de_columnas(fila_vo, fila_le, s, t)]
        for fila_vo, fila_le, s, t in zip(obtenidos, logros, sentidos, tipos, strict=False)
    ]


def _avances_en_bloque(obtenidos: list[list], logros: list[list], sentido, tipo) -> list[list]:
    """Toda la matriz en una pasada con la misma regla (el caso de columnas enteras)."""
    anchos = {*map(len, obtenidos), *map(len, logros)}
    ancho = anchos.pop()
    if anchos:
        return [
            [_numero(v) for v in avances_de_columnas(a, b, sentido, tipo)]
            for a, b in zip(obtenidos, logros, strict=True)
        ]
    avances = avances_de_columnas(chain.from_iterable(obtenidos), chain.from_iterable(logros), sentido, tipo)
    celdas = [ND if v is None else v for v in avances]
    if ancho == 1:
        return [[v] for v in celdas]
    return [celdas[i : i + ancho] for i in range(0, len(celdas), ancho)]


@xw.func(category=CATEGORIA)
@xw.arg("avances", ndim=2, err_to_str=True, doc="Rango de avances Tipo 1 (%); se omiten ND, textos y vacíos.")
@xw.arg("tope", doc="Tope de cada avance en el promedio (por omisión 100).")
def INDICE_GESTION(avances, tope=PARAMETROS.tope):
    """Índice de gestión: promedio de min(avance; tope) de los avances con dato."""
    valor = indice_gestion(
        (leer_valor(c).numero for c in _avances_de_indicadores(avances)), float(tope)
    ).valor
    return _numero(valor)


@xw.func(category=CATEGORIA)
@xw.arg("avances", ndim=2, err_to_str=True, doc="El mismo rango de avances del índice.")
def COBERTURA_INDICE(avances):
    """Cobertura del índice: 'N de M' indicadores con dato; M cuenta números, ND y errores, no vacíos ni rótulos."""
    indice = indice_gestion(leer_valor(c).numero for c in _avances_de_indicadores(avances))
    return f"{indice.con_dato} de {indice.total}"


@xw.func(category=CATEGORIA)
@xw.arg("avance", ndim=2, err_to_str=True, doc="Avance Tipo 1 (%) o un rango de avances.")
def CATEGORIA_AVANCE(avance):
    """Bajo (< 75), Intermedio (75 a < 95), Alto (95 a 150), Atípico (> 150) o Sin información."""
    return [[str(categoria(leer_valor(c).numero)) for c in fila] for fila in _filas(avance)]


def _avances_de_indicadores(rango) -> list:
    """Celdas que son avances de indicadores: números, ND declarados o errores (no vacíos ni rótulos)."""
    return [c for c in _celdas(rango) if leer_valor(c).motivo not in (MotivoND.VACIO, MotivoND.TEXTO)]


def _numero(valor: float | None) -> float | str:
    return ND if valor is None else valor
