"""Maquetas puras: un Informe entra; hojas (filas de celdas con estilo) y documentos (JSON, texto) salen. Importa solo `nucleo`."""
