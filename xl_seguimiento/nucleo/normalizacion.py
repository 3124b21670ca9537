"""Normalización de textos para comparar encabezados y marcas sin importar tildes ni mayúsculas."""

import unicodedata
from functools import lru_cache


def normalizar(texto: object) -> str:
    """Minúsculas, sin tildes, '_' como espacio y espacios simples."""
    if texto is None:
        return ""
    return _normalizar_texto(texto if type(texto) is str else str(texto))


@lru_cache(maxsize=4096)
def _normalizar_texto(texto: str) -> str:
    if not texto.isascii():
        plano = unicodedata.normalize("NFKD", texto)
        texto = "".join(c for c in plano if not unicodedata.combining(c))
    return " ".join(texto.replace("_", " ").lower().split())
