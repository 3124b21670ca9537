"""Normalización de textos para comparar encabezados y marcas sin importar tildes ni mayúsculas."""

import unicodedata


def normalizar(texto: object) -> str:
    """Minúsculas, sin tildes, '_' como espacio y espacios simples."""
    if texto is None:
        return ""
    plano = unicodedata.normalize("NFKD", str(texto))
    sin_tildes = "".join(c for c in plano if not unicodedata.combining(c))
    return " ".join(sin_tildes.replace("_", " ").lower().split())
