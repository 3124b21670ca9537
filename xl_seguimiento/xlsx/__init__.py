"""Archivos .xlsx y .xlsm: lectura (calamine y respaldo) y escritura sin pérdidas del paquete. Importa `nucleo` y `maqueta`."""
