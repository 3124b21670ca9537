"""Situación de un servicio: cuántos de sus indicadores tienen cada tipo de alerta de avance.

Se redacta una sola vez aquí (al armar cada Servicio) y la usan la alerta de servicio y la narrativa.
"""

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from .categorias import CATEGORIAS
from .modelo import Categoria, ResultadoIndicador, Situacion, TipoAlerta
from .parametros import PARAMETROS, Parametros

# Tipo de alerta de avance de cada categoría (Bajo → bajo_avance...), en el orden de las frases.
TIPO_POR_CATEGORIA = {
    Categoria.BAJO: TipoAlerta.BAJO_AVANCE,
    Categoria.ATIPICO: TipoAlerta.AVANCE_ATIPICO,
    Categoria.SIN_INFORMACION: TipoAlerta.SIN_INFORMACION,
}
ORDEN_TIPOS = tuple(TIPO_POR_CATEGORIA.values())
CATEGORIA_POR_TIPO = {tipo: categoria for categoria, tipo in TIPO_POR_CATEGORIA.items()}
_CODIGOS_TIPO = tuple(CATEGORIAS.index(c) for c in TIPO_POR_CATEGORIA)  # la categoría de cada tipo

PLANEAMIENTO = ", lo que sugiere errores de planeamiento"


def tipo_de_avance(resultado: ResultadoIndicador) -> TipoAlerta | None:
    """bajo_avance, avance_atipico o sin_informacion según la categoría; None si no hay alerta."""
    return TIPO_POR_CATEGORIA.get(resultado.categoria)


def con(tipo: TipoAlerta, parametros: Parametros = PARAMETROS) -> str:
    """Complemento de 'indicador' para cada tipo: 'con avance bajo', 'sin información'..."""
    return {
        TipoAlerta.BAJO_AVANCE: "con avance bajo",
        TipoAlerta.AVANCE_ATIPICO: f"con avance tipo 1 mayor a {parametros.umbral_atipico:g}",
        TipoAlerta.SIN_INFORMACION: "sin información",
    }[tipo]


def situaciones(
    categorias: npt.ArrayLike, grupos: npt.ArrayLike, cantidad: int, parametros: Parametros = PARAMETROS
) -> list[Situacion]:
    """La frase de cada uno de `cantidad` grupos, por columnas: la categoría (código en CATEGORIAS)
    y el grupo (0 a `cantidad` - 1) de cada indicador."""
    categoria, grupo = np.asarray(categorias), np.asarray(grupos, dtype=np.intp)
    totales = np.bincount(grupo, minlength=cantidad).tolist()
    por_tipo = (np.bincount(grupo[categoria == c], minlength=cantidad).tolist() for c in _CODIGOS_TIPO)
    cuentas = list(zip(zip(*por_tipo, strict=True), totales, strict=True))  # (por tipo, total) de cada grupo
    frases = {
        c: situacion_de_cuentas(*c, parametros) for c in dict.fromkeys(cuentas)
    }  # una vez por combinación
    return list(map(frases.__getitem__, cuentas))


@lru_cache(maxsize=4096)  # pocas combinaciones de cuentas en un libro; Situacion no se modifica
def situacion_de_cuentas(
    cuentas: tuple[int, ...], total: int, parametros: Parametros = PARAMETROS
) -> Situacion:
    """La frase con cuántos de los `total` indicadores tienen cada tipo de alerta de avance (en el
    orden de ORDEN_TIPOS: bajo, atípico, sin información)."""
    cuenta = dict(zip(ORDEN_TIPOS, cuentas, strict=True))
    tipos = tuple(t for t in ORDEN_TIPOS if cuenta[t])
    if not tipos:
        return Situacion("", "", ())
    cola = PLANEAMIENTO if TipoAlerta.AVANCE_ATIPICO in tipos else ""
    if len(tipos) == 1 and cuenta[tipos[0]] == total:
        todos = {1: "su único indicador", 2: "ambos indicadores"}.get(total, f"sus {total} indicadores")
        frase = f"{todos} {con(tipos[0], parametros)}{cola}"
        return Situacion(f"presenta {frase}", f"presentan {frase}", tipos)
    if len(tipos) == 1:
        frase = f"{_en_letras(cuenta[tipos[0]], 'uno')} de sus {_en_letras(total)} indicadores {con(tipos[0], parametros)}{cola}"
    elif len(tipos) == 2 and all(cuenta[t] == 1 for t in tipos):
        frase = f"un indicador {con(tipos[0], parametros)} y otro {con(tipos[1], parametros)}{cola}"
    else:
        partes = [f"{_cuantos(cuenta[t])} {con(t, parametros)}" for t in tipos]
        frase = ", ".join(partes[:-1]) + f" y {partes[-1]}{cola}"
    return Situacion(f"tiene {frase}", f"tienen {frase}", tipos)


def _en_letras(n: int, uno: str = "un") -> str:
    """Números pequeños en letras, como en el reporte ('dos', 'tres'); los demás en cifras."""
    palabras = (uno, "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
    return palabras[n - 1] if 1 <= n <= len(palabras) else str(n)


def _cuantos(n: int) -> str:
    return "un indicador" if n == 1 else f"{n} indicadores"
