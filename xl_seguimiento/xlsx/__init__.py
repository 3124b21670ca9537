"""Archivos .xlsx y .xlsm, en tres partes por su función. Importa `nucleo` y `maqueta`.

- `opc`: el paquete (zip y OPC), XML seguro con todos sus escapes, constantes de OOXML,
  validación de la entrada y escritura atómica. No importa nada del proyecto salvo `nucleo.errores`
  y `nucleo.imprimible`.
- `lectura`: las hojas de un libro con python-calamine y el lector de respaldo. Importa `opc`.
- `escritura`: un escritor por parte (hoja, tabla, estilos, dibujo y gráficos, minigráficos) y la
  edición que agrega hojas a un paquete y lo guarda de una pasada. Importa `opc` y `maqueta`.
"""
