"""Direcciones de Excel (A1): enteros adentro, texto solo en el borde.

Filas y columnas se cuentan desde 0 (como las cuadrículas); este módulo es el único que las
convierte en texto («B12», «$A$2:$A$5», «'Hoja 1'!B5») y el único que lee ese texto de vuelta.
También cita nombres de hoja y da el número de serie de Excel de una fecha. Hoja del árbol: solo
la biblioteca estándar.
"""

from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "Rango",
    "columna_de_letras",
    "hoja_citada",
    "leer_celda",
    "letras_columna",
    "referencia",
    "referencias",
    "serie_de_fecha",
]


@lru_cache(maxsize=1024)
def letras_columna(columna: int) -> str:
    """Letras de Excel de una columna desde 0: 0 → 'A', 27 → 'AB'."""
    letras = ""
    columna += 1
    while columna:
        columna, resto = divmod(columna - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def columna_de_letras(letras: str) -> int:
    """La columna desde 0 de unas letras de Excel (sin distinguir mayúsculas): 'AB' → 27."""
    numero = 0
    for letra in letras.upper():
        numero = numero * 26 + ord(letra) - 64
    return numero - 1


def referencia(fila: int, columna: int, absoluta: bool = False) -> str:
    """Referencia de una celda (fila y columna desde 0): (11, 1) → 'B12'; absoluta, '$B$12'."""
    if absoluta:
        return f"${letras_columna(columna)}${fila + 1}"
    return f"{letras_columna(columna)}{fila + 1}"


def referencias(filas: list[int], *columnas: int) -> list[str]:
    """La referencia de la columna en cada fila (desde 0): ([11, 12], 1) → ['B12', 'B13']; con varias
    columnas, una tras otra ([11], 1, 2) → ['B12', 'C12'] (el número de cada fila se escribe una vez)."""
    numeros = list(map(str, map((1).__add__, filas)))
    return [
        referencia for columna in columnas for referencia in map(letras_columna(columna).__add__, numeros)
    ]


def hoja_citada(nombre: str) -> str:
    """El nombre de una hoja como va antes de «!» en una referencia: entre comillas simples, con las
    comillas simples de adentro dobladas («Hoja de Ana's» → 'Hoja de Ana''s')."""
    return "'" + nombre.replace("'", "''") + "'"


class Rango(NamedTuple):
    """Un rectángulo de celdas (desde 0, ambos extremos incluidos)."""

    fila: int
    columna: int
    fila_fin: int
    columna_fin: int

    def a1(self, hoja: str | None = None, absoluto: bool = False) -> str:
        """'A2:B5'; absoluto, '$A$2:$B$5'; con hoja, "'Tablero'!$A$2:$B$5" (siempre con los dos extremos)."""
        texto = f"{referencia(self.fila, self.columna, absoluto)}:{referencia(self.fila_fin, self.columna_fin, absoluto)}"
        return texto if hoja is None else f"{hoja_citada(hoja)}!{texto}"


def leer_celda(referencia: str) -> tuple[int | None, int]:
    """(fila, columna) desde 0 de una referencia como 'AB12' o '$AB$12'; sin número, la fila es None."""
    texto = referencia.replace("$", "")
    i = 0
    while i < len(texto) and texto[i].isalpha():
        i += 1
    numero = texto[i:]
    return (int(numero) - 1 if numero.isdigit() else None), columna_de_letras(texto[:i])


def serie_de_fecha(valor: date) -> float:
    """El número de serie de Excel de una fecha (con su hora, si la tiene).

    Excel cuenta el 29 de febrero de 1900, que no existió: antes del 1 de marzo de 1900 la serie
    tiene un día menos (así la leen también calamine y openpyxl, y la ida y vuelta queda igual).
    """
    dia = valor.date() if isinstance(valor, datetime) else valor
    origen = date(1899, 12, 30) if dia >= date(1900, 3, 1) else date(1899, 12, 31)
    dias = float((dia - origen).days)
    if isinstance(valor, datetime):
        dias += (valor - datetime.combine(dia, datetime.min.time())).total_seconds() / 86400
    return dias
