"""El orden natural de muchos códigos a la vez (el de `codigos.clave_orden`), por columnas.

`clave_orden` arma una tupla de enteros por código; ordenar así 100 000 códigos cuesta más que
todo lo demás del orden de las alertas. Aquí los números de todos los códigos se leen de una vez
(numpy, sobre los bytes de los códigos unidos) y cada código recibe su lugar: un entero que
ordena como su clave. Los códigos que no son ASCII, o con una parte de más de 18 cifras, van por
`clave_orden` uno por uno.
"""

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .codigos import clave_orden

Enteros = npt.NDArray[np.intp]
_PUNTO, _SALTO, _CERO = ord("."), ord("\n"), ord("0")
_CIFRAS_MAXIMAS = 18  # caben en un int64


def lugares(codigos: Sequence[str]) -> Enteros:
    """El lugar de cada código (normalizado) en el orden natural: 0 el primero; los códigos con la
    misma clave (`clave_orden`: 'OP.1' y 'OP.01', 'IOP.01.02' y 'LN.01.02') comparten lugar."""
    numeros = _numeros(codigos)
    if numeros is None:
        return _lugares_uno_por_uno(codigos)
    orden = np.lexsort(numeros.T[::-1])  # la primera parte manda (lexsort: la última clave manda)
    ordenados = numeros[orden]
    nuevo = np.ones(len(codigos), dtype=bool)
    nuevo[1:] = (ordenados[1:] != ordenados[:-1]).any(axis=1)
    resultado = np.empty(len(codigos), dtype=np.intp)
    resultado[orden] = np.cumsum(nuevo) - 1
    return resultado


def en_orden(codigos: Sequence[str]) -> list[str]:
    """Los códigos en su orden natural (`lugares`); los de la misma clave, en el orden en que vienen."""
    return [codigos[k] for k in np.argsort(lugares(codigos), kind="stable").tolist()]


def _numeros(codigos: Sequence[str]) -> npt.NDArray[np.int64] | None:
    """Las partes numéricas de cada código, una fila por código y -1 donde no tiene más partes (así
    un código va antes que los que lo continúan, como una tupla más corta); None si no son ASCII o
    alguna parte tiene más de 18 cifras."""
    texto = "\n".join(codigos) + "\n"
    if not texto.isascii():
        return None
    letras = np.frombuffer(texto.encode("ascii"), dtype=np.uint8)
    cortes = np.flatnonzero((letras == _PUNTO) | (letras == _SALTO))
    de_punto = letras[cortes] == _PUNTO
    puntos = np.flatnonzero(de_punto)  # cada parte empieza tras un punto y termina en el corte siguiente
    inicio = cortes[puntos] + 1
    cifras = cortes[puntos + 1] - inicio
    mas_larga = int(cifras.max()) if len(cifras) else 0
    if mas_larga > _CIFRAS_MAXIMAS:
        return None
    valor = np.zeros(len(puntos), dtype=np.int64)
    for k in range(mas_larga):
        con_cifra = cifras > k
        valor[con_cifra] = valor[con_cifra] * 10 + (letras[inicio[con_cifra] + k] - _CERO)
    codigo = np.searchsorted(cortes[~de_punto], cortes[puntos])  # el código de cada parte
    partes = np.bincount(codigo, minlength=len(codigos))
    numeros = np.full((len(codigos), int(partes.max(initial=1))), -1, dtype=np.int64)
    numeros[codigo, np.arange(len(puntos)) - (np.cumsum(partes) - partes)[codigo]] = valor
    return numeros


def _lugares_uno_por_uno(codigos: Sequence[str]) -> Enteros:
    claves = list(map(clave_orden, codigos))
    distintas = {clave: lugar for lugar, clave in enumerate(sorted(set(claves)))}
    return np.array([distintas[clave] for clave in claves], dtype=np.intp)
