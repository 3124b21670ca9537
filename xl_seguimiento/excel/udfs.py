"""Funciones de Excel (UDF de xlwings), envolturas delgadas sobre el motor.

El complemento las trae ya declaradas (`complemento` genera sus envolturas VBA desde aquí).
Aceptan celdas sueltas o columnas enteras: con columnas devuelven una matriz que se desborda
en una sola llamada a Python. Un argumento no válido da un mensaje breve en la celda.
"""

from collections.abc import Iterable
from itertools import chain, repeat

from ..nucleo.avance import avance_de_celdas, avances_de_columnas
from ..nucleo.categorias import CATEGORIAS, codigos_categoria
from ..nucleo.indice import indice_gestion
from ..nucleo.parametros import PARAMETROS
from ..nucleo.reglas import clasificar, leer_acumulado
from ..nucleo.valores import MotivoND, leer_valor
from .funciones_excel import Argumento, ErrorArgumento, funcion_excel

ND = "ND"
_NAN = float("nan")  # un ND para las reglas por columnas


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


@funcion_excel(
    valor_obtenido=Argumento("Valor obtenido del año (o la fila de años si es acumulado).", rango=True),
    logro_esperado=Argumento("Logro esperado del año (o la fila de años si es acumulado).", rango=True),
    sentido=Argumento("ascendente (por omisión), descendente, mínimo permisible o máximo permisible."),
    tipo=Argumento(
        "Estándar o agregación: 'acumulado' suma los años de cada fila; por omisión, no acumulado."
    ),
)
def AVANCE(valor_obtenido, logro_esperado, sentido="ascendente", tipo=""):
    """Avance Tipo 1 (%) según la metodología: VO/LE×100 si es ascendente; "ND" si no se puede calcular."""
    obtenidos, logros = _filas(valor_obtenido), _filas(logro_esperado)
    if len(obtenidos) != len(logros):
        raise ErrorArgumento("valor_obtenido y logro_esperado deben tener las mismas filas")
    if not isinstance(sentido, list) and not isinstance(tipo, list):
        _validar_regla(sentido, tipo)
        if not leer_acumulado(tipo):
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


def _validar_regla(sentido, tipo) -> None:
    """Un sentido o tipo escrito en la fórmula que no se reconoce es un error de argumento, no un ND."""
    problema = clasificar(sentido, tipo).problema
    if problema:
        raise ErrorArgumento(problema)


@funcion_excel(
    avances=Argumento("Rango de avances Tipo 1 (%); se omiten ND, textos y vacíos.", rango=True),
    tope=Argumento("Tope de cada avance en el promedio (por omisión 100)."),
)
def INDICE_GESTION(avances, tope=PARAMETROS.tope):
    """Índice de gestión: promedio de min(avance; tope) de los avances con dato."""
    tope_leido = leer_valor(tope).numero
    if tope_leido is None or tope_leido <= 0:
        raise ErrorArgumento(f"el tope debe ser un número mayor que 0, no «{tope}»")
    valor = indice_gestion((leer_valor(c).numero for c in _avances_de_indicadores(avances)), tope_leido).valor
    return _numero(valor)


@funcion_excel(avances=Argumento("El mismo rango de avances del índice.", rango=True))
def COBERTURA_INDICE(avances):
    """Cobertura del índice: 'N de M' indicadores con dato; M cuenta números, ND y errores, no vacíos ni rótulos."""
    indice = indice_gestion(leer_valor(c).numero for c in _avances_de_indicadores(avances))
    return f"{indice.con_dato} de {indice.total}"


@funcion_excel(avance=Argumento("Avance Tipo 1 (%) o un rango de avances.", rango=True))
def CATEGORIA_AVANCE(avance):
    """Bajo (< 75), Intermedio (75 a < 95), Alto (95 a 150), Atípico (> 150) o Sin información."""
    filas = _filas(avance)
    numeros = [_NAN if (n := leer_valor(c).numero) is None else n for fila in filas for c in fila]
    nombres = iter([str(CATEGORIAS[c]) for c in codigos_categoria(numeros).tolist()])
    return [[next(nombres) for _ in fila] for fila in filas]


def _avances_de_indicadores(rango) -> list:
    """Celdas que son avances de indicadores: números, ND declarados o errores (no vacíos ni rótulos)."""
    return [c for c in _celdas(rango) if leer_valor(c).motivo not in (MotivoND.VACIO, MotivoND.TEXTO)]


def _numero(valor: float | None) -> float | str:
    return ND if valor is None else valor
