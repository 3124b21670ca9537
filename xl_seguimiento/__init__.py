"""xl-seguimiento: Avance Tipo 1, índice de gestión y alertas de una política nacional."""

__version__ = "0.1.0"
