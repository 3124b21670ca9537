"""Piso de costo: el trabajo mínimo de la orden en Python puro y procedimental, sin el diseño del producto.

Lee un libro sintético (benchmarks/sinteticos.py) con python-calamine y hace, en una sola
pasada y sin objetos de dominio, una versión reducida del trabajo: códigos, avance ascendente
del año, alertas de avance e inconsistencia del avance registrado, alertas de servicio, orden,
filas XML de la tabla de detalle y compresión. No aplica la metodología completa (sentidos,
estándares, acumulados, narrativa, índices por nivel): sirve solo para saber cuánto cuesta,
frente a la lectura, lo indispensable. Lo usa la nota de rendimiento del README.

Uso: python benchmarks/piso.py LIBRO_SINTETICO.xlsx
"""

import gc
import re
import sys
import time
import zlib

from python_calamine import CalamineWorkbook

CODIGO = re.compile(r"(OP|LN|SS|ISS|IOP)((?:\.\d+)+)")
# Columnas del libro sintético (desde 0): código, denominación, responsable, logro y valor 2024, avance.
COL_CODIGO, COL_NOMBRE, COL_RESPONSABLE, COL_LOGRO, COL_OBTENIDO, COL_REGISTRADO = 1, 2, 3, 11, 14, 15


def numero(celda: object, cache: dict[str, float | None]) -> float | None:
    if type(celda) is float:
        return celda
    if type(celda) is not str:
        return None
    if celda not in cache:
        texto = celda.strip()
        try:
            cache[celda] = float(texto[:-1]) / 100 if texto.endswith("%") else float(texto)
        except ValueError:
            cache[celda] = None
    return cache[celda]


def analizar(cuadricula: list[list]) -> list[tuple]:
    cache: dict[str, float | None] = {}
    filas, servicios = [], {}
    for f in cuadricula:
        codigo = f[COL_CODIGO]
        if type(codigo) is not str or not CODIGO.fullmatch(codigo) or not codigo.startswith("ISS."):
            continue
        logro, obtenido = numero(f[COL_LOGRO], cache), numero(f[COL_OBTENIDO], cache)
        avance = obtenido / logro * 100 if logro and obtenido is not None else None
        servicios.setdefault("SS." + codigo[4:].rsplit(".", 1)[0], []).append(avance)
        base = ("Indicador", codigo, f[COL_NOMBRE], f[COL_RESPONSABLE])
        if avance is None:
            filas.append(
                (*base, "Sin información", None, f"No se calcula el avance: falta {f[COL_OBTENIDO]}.")
            )
        elif avance < 75 or avance > 150:
            tipo = "Bajo avance" if avance < 75 else "Avance atípico"
            texto = (
                f"Avance Tipo 1 de {avance:.1f} (logro esperado: {logro:g}; valor obtenido: {obtenido:g})."
            )
            filas.append((*base, tipo, avance, texto))
        registrado = numero(f[COL_REGISTRADO], cache)
        if registrado is not None and avance is not None and abs(registrado - avance) > 1:
            texto = (
                f"Inconsistencia: el valor registrado {registrado:.1f} difiere del calculado {avance:.1f}."
            )
            filas.append((*base, "Inconsistencia", avance, texto))
    for servicio, avances in servicios.items():
        con_dato = [min(a, 100) for a in avances if a is not None]
        indice = sum(con_dato) / len(con_dato) if con_dato else None
        bajos = ", ".join(f"{a:.1f}" for a in avances if a is not None and a < 75)
        if bajos:
            texto = f"El servicio {servicio[3:]} tiene indicadores con avance bajo: {bajos}."
            filas.append(("Servicio", servicio, f"Servicio {servicio}", "", "Bajo avance", indice, texto))
    filas.sort(key=lambda fila: fila[1])
    return filas


def escribir(filas: list[tuple]) -> bytes:
    partes = []
    for i, (nivel, codigo, nombre, responsable, tipo, avance, texto) in enumerate(filas, start=30):
        partes.append(
            f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{nivel}</t></is></c>'
            f'<c r="B{i}" s="9" t="inlineStr"><is><t>{codigo}</t></is></c>'
            f'<c r="C{i}" t="inlineStr"><is><t>{nombre}</t></is></c>'
            f'<c r="D{i}" t="inlineStr"><is><t>{responsable}</t></is></c>'
            f'<c r="E{i}" s="10" t="inlineStr"><is><t>{tipo}</t></is></c>'
            f'<c r="F{i}" s="6"><v>{avance!r}</v></c><c r="G{i}" t="inlineStr"><is><t>{texto}</t></is></c></row>'
        )
    datos = "".join(partes).encode("utf-8")
    compresor = zlib.compressobj(1, zlib.DEFLATED, -15)
    zlib.crc32(datos)
    return compresor.compress(datos) + compresor.flush()


def main() -> None:
    gc.disable()
    inicio = time.perf_counter()
    cuadricula = (
        CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python(skip_empty_area=False)
    )
    leido = time.perf_counter()
    filas = analizar(cuadricula)
    analizado = time.perf_counter()
    escribir(filas)
    fin = time.perf_counter()
    print(
        f"lectura {leido - inicio:.2f} s; análisis mínimo {analizado - leido:.2f} s; "
        f"escritura mínima {fin - analizado:.2f} s; {len(filas)} filas; "
        f"(análisis + escritura) / lectura = {(fin - leido) / (leido - inicio):.2f}"
    )


if __name__ == "__main__":
    main()
