"""Piezas de redacción compartidas por alertas, narrativa y hoja: números, listas, estados de índice."""

from collections.abc import Sequence

from .modelo import Categoria, Indice

ESTADO_CATEGORIA = {
    Categoria.BAJO: "presenta un avance bajo",
    Categoria.INTERMEDIO: "presenta un avance intermedio",
    Categoria.ALTO: "presenta un avance alto",
    Categoria.ATIPICO: "presenta un avance atípico",
    Categoria.SIN_INFORMACION: "no cuenta con información disponible",
}


def un_decimal(valor: float | None) -> str:
    """Cómo se muestra un avance o índice: con un decimal, o 'ND'."""
    return "ND" if valor is None else f"{valor:.1f}"


def enumerar(elementos: Sequence[str]) -> str:
    """'A', 'A y B', 'A, B y C'."""
    if len(elementos) <= 1:
        return "".join(elementos)
    return ", ".join(elementos[:-1]) + " y " + elementos[-1]


def estado_indice(indice: Indice, categoria: Categoria) -> str:
    """'presenta un avance intermedio (índice 84.2, calculado con 20 de 24 indicadores)'."""
    if indice.valor is None:
        return f"{ESTADO_CATEGORIA[categoria]} ({indice.cobertura})"
    return f"{ESTADO_CATEGORIA[categoria]} (índice {un_decimal(indice.valor)}, {indice.cobertura})"


def oracion(texto: str) -> str:
    """Primera letra en mayúscula y punto final."""
    texto = texto.strip()
    return texto[:1].upper() + texto[1:] + ("" if texto.endswith(".") else ".")
