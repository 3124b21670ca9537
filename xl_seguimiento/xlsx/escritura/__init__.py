"""Escritura sin pérdidas. Importa `opc`, `maqueta` y `nucleo`; nada de `lectura`.

Un escritor por parte: `hoja` (worksheet), `tabla`, `estilos`, `dibujo` (dibujo y gráficos, con
XlsxWriter) y `minigraficos`; `plantilla` es el libro sin hojas; `edicion` es el objeto que agrega
hojas a un paquete (`Edicion.agregar_hoja`) y lo guarda de una pasada (`Edicion.guardar`).
"""
