"""Documentos de Word (.docx): el reporte de seguimiento, con python-docx. Importa `nucleo`, `maqueta` y `xlsx`.

Solo esta capa importa python-docx, y solo dentro de sus funciones: el botón no la carga al arrancar.
"""
