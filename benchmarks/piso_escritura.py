"""Piso de la escritura: lo mínimo que cuesta en CPython escribir las hojas que produce la orden.

Arma con el producto las maquetas de «Alertas» y «Tablero» de un libro sintético y mide, sin el
escritor del producto: (1) una cadena por celda, sin mirar tipos ni escapar nada (menos trabajo
que el XML válido), (2) pasar el texto a UTF-8, (3) CRC y deflate de nivel 1 (el del producto).
Cualquier escritor en Python puro de estas mismas hojas cuesta al menos eso; se compara con la
lectura del libro con calamine. Lo usa la nota de rendimiento del README.

Uso: python benchmarks/piso_escritura.py LIBRO_SINTETICO.xlsx
"""

import gc
import sys
import time
import zlib
from itertools import pairwise
from pathlib import Path

from xl_seguimiento.maqueta.anotaciones import conciliar
from xl_seguimiento.maqueta.hoja import Maqueta
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.tablero import maquetar_tablero
from xl_seguimiento.nucleo.a1 import letras_columna
from xl_seguimiento.nucleo.motor import analizar
from xl_seguimiento.nucleo.tabla import leer_tabla
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas


def cadenas(maqueta: Maqueta) -> str:
    """Una cadena por celda con su referencia, su estilo y su valor tal cual: el piso del XML."""
    letras = [letras_columna(j) for j in range(max(map(len, maqueta.filas), default=0))]
    partes = []
    for i, fila in enumerate(maqueta.filas, start=1):
        partes.append(f'<row r="{i}">')
        partes.extend(
            f'<c r="{letra}{i}" s="{estilo}"><v>{valor}</v></c>'
            for letra, (valor, estilo, _) in zip(letras, fila, strict=False)
        )
        partes.append("</row>")
    return "".join(partes)


def main() -> None:
    gc.disable()
    libro = Path(sys.argv[1])
    inicio = time.perf_counter()
    nombre, cuadricula = next(iter(leer_hojas(libro)))
    leido = time.perf_counter()
    informe = analizar(leer_tabla(cuadricula, nombre))
    hojas = [maquetar(informe, libro.name, conciliar(informe, [])), maquetar_tablero(informe).hoja]
    celdas = sum(len(f) for h in hojas for f in h.filas)
    marcas = [time.perf_counter()]
    textos = [cadenas(h) for h in hojas]
    marcas.append(time.perf_counter())
    datos = [t.encode("utf-8") for t in textos]
    marcas.append(time.perf_counter())
    for d in datos:
        zlib.crc32(d)
        compresor = zlib.compressobj(1, zlib.DEFLATED, -15)
        compresor.compress(d)
        compresor.flush()
    marcas.append(time.perf_counter())
    cadena, utf8, deflate = (b - a for a, b in pairwise(marcas))
    total = cadena + utf8 + deflate
    print(
        f"{celdas} celdas, {sum(map(len, datos)) / 1e6:.0f} MB de XML; lectura {leido - inicio:.2f} s; "
        f"piso de escritura {total:.2f} s = cadenas {cadena:.2f} + UTF-8 {utf8:.2f} + CRC y deflate "
        f"{deflate:.2f} ({total / (leido - inicio):.2f} × la lectura)"
    )


if __name__ == "__main__":
    main()
