"""Lectura de las hojas de un libro. Importa `opc` y `nucleo`; nada de `escritura` ni de `maqueta`.

`calamine` abre el libro una vez con python-calamine (solo atrapa sus excepciones) y, si no puede,
usa `respaldo`, el lector en flujo con lxml; `tablas_hoja` lee las tablas de una hoja sin sus celdas.
"""
