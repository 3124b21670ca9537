"""Libros de seguimiento sintéticos de N indicadores con la disposición del libro de muestra.

Mezcla realista: porcentajes como texto ("53%") y como números con formato, "ND", vacíos,
estándares permisibles, indicadores acumulados, filas desalineadas (una celda de más),
bloques de encabezado repetidos, jerarquía OP → LN → SS → ISS y el índice registrado.

Dos formas: nombres cortos y muchos objetivos (100 indicadores por objetivo), o nombres largos
como los de un reporte real y 8 objetivos prioritarios.

Uso: python benchmarks/sinteticos.py N SALIDA.xlsx [SEMILLA] [--largos]
"""

import math
import random
import sys
from pathlib import Path
from typing import NamedTuple

import xlsxwriter

ENCABEZADO = [
    "Código", "Objetivo prioritario / Lineamiento / Servicio /", "Responsable de indicador",
    "Tipo de indicador / Estándar de cumplimiento", "Sentido esperado", "Tipo de agregación", "Linea base",
    None, "Logros esperados", None, None, "Valores obtenidos", None, None, "Avance Tipo 1 (%)",
]  # fmt: skip
SUB = [None, None, None, None, None, None, "Año", "valor", 2022, 2023, 2024, 2022, 2023, 2024, 2024]
FILAS_POR_BLOQUE = 500  # cada tantas filas se repite el bloque de encabezados
INDICADORES_POR_SERVICIO = 2
SERVICIOS_POR_LINEAMIENTO = 5
LINEAMIENTOS_POR_OBJETIVO = 10
RESPONSABLES = ("DGAAMI", "DGDE", "PNTE - ITP", "MINEDU", "MTPE", "PROINNOVATE", "ITP", "OGTI")
# Denominaciones largas, como las del reporte real (unos 120 caracteres con el código).
LARGO_INDICADOR = (
    "de empresas manufactureras y de comercio interno que acceden a servicios de certificación "
    "ambiental y de calidad otorgados por el sector "
)
LARGO_SERVICIO = (
    "Servicio de asistencia técnica pertinente y oportuna para la adopción de buenas prácticas "
    "de manufactura en las empresas "
)
LARGO_LINEAMIENTO = (
    "Lineamiento: fortalecer las capacidades de gestión empresarial y productiva de las unidades "
    "productivas del país "
)


class Forma(NamedTuple):
    """Cómo se reparte y se nombra un libro sintético."""

    objetivos: int | None  # None: 10 lineamientos por objetivo, tantos objetivos como haga falta
    nombres_largos: bool
    sufijo: str  # del nombre del archivo en caché


CORTOS = Forma(None, False, "")
LARGOS = Forma(8, True, "_largos")


def generar(ruta: Path, n: int, semilla: int = 2024, forma: Forma = CORTOS) -> Path:
    """Escribe un libro de `n` indicadores en `ruta` (mismos `n`, semilla y forma: mismo contenido)."""
    azar = random.Random(semilla)
    por_objetivo = _lineamientos_por_objetivo(n, forma)
    largo = forma.nombres_largos
    libro = xlsxwriter.Workbook(str(ruta), {"constant_memory": True})
    hoja = libro.add_worksheet("Matriz de seguimiento")
    porcentaje = libro.add_format({"num_format": "0%"})
    hoja.write(0, 1, f"Reporte de seguimiento sintético — {n} indicadores")
    fila = 2
    for i in range(n):
        s, k = divmod(i, INDICADORES_POR_SERVICIO)
        ln, _ = divmod(s, SERVICIOS_POR_LINEAMIENTO)
        op, _ = divmod(ln, por_objetivo)
        codigo_ln = f"{op + 1:02d}.{ln % por_objetivo + 1:02d}"
        codigo_ss = f"{codigo_ln}.{s % SERVICIOS_POR_LINEAMIENTO + 1:02d}"
        if i % FILAS_POR_BLOQUE == 0:
            fila = _encabezado(hoja, fila + 1)
        if k == 0:
            if s % SERVICIOS_POR_LINEAMIENTO == 0:
                hoja.write(fila, 1, "LN." + codigo_ln)
                hoja.write(fila, 2, (LARGO_LINEAMIENTO if largo else "Lineamiento ") + codigo_ln)
                fila += 1
            hoja.write(fila, 1, "SS." + codigo_ss)
            hoja.write(fila, 2, (LARGO_SERVICIO if largo else "Servicio ") + codigo_ss)
            fila += 1
        _indicador(hoja, fila, f"ISS.{codigo_ss}.{k + 1:02d}", azar, porcentaje, largo)
        fila += 1
    hoja.write(fila + 1, 1, "Índice de gestión de la política nacional")
    hoja.write_number(fila + 1, 15, 75.0)
    libro.close()
    return ruta


def _lineamientos_por_objetivo(n: int, forma: Forma) -> int:
    if forma.objetivos is None:
        return LINEAMIENTOS_POR_OBJETIVO
    por_lineamiento = INDICADORES_POR_SERVICIO * SERVICIOS_POR_LINEAMIENTO
    return max(1, math.ceil(math.ceil(n / por_lineamiento) / forma.objetivos))


def _encabezado(hoja, fila: int) -> int:
    for j, texto in enumerate(ENCABEZADO):
        if texto is not None:
            hoja.write(fila, j + 1, texto)
    for j, texto in enumerate(SUB):
        if texto is not None:
            hoja.write(fila + 1, j + 1, texto)
    return fila + 2


def _avance_registrado(celdas: list, sentido: str, agregacion: str, azar: random.Random):
    """Lo que un analista habría escrito: VO/LE×100 redondeado, a veces con un error o vacío."""
    if sentido != "ascendente" or agregacion != "no acumulado" or azar.random() < 0.1:
        return ""
    logro, obtenido = celdas[10], celdas[13]
    if logro == 0:
        return ""
    return round(obtenido / logro * 100 + (azar.uniform(-5, 5) if azar.random() < 0.03 else 0), 1)


def _indicador(hoja, fila: int, codigo: str, azar: random.Random, porcentaje, largo: bool) -> None:
    es_porcentaje = azar.random() < 0.5
    que = LARGO_INDICADOR if largo else "de empresas "
    nombre = ("Porcentaje " if es_porcentaje else "Número ") + que + codigo
    sentido, agregacion = "ascendente", "no acumulado"
    sorteo = azar.random()
    if sorteo < 0.1:
        sentido, agregacion = "no_definido", azar.choice(("minimo permisible", "maximo permisible"))
    elif sorteo < 0.15:
        agregacion = "acumulado"
    elif sorteo < 0.18:
        sentido = "descendente"
    base = azar.randint(1, 100)
    logros = [base + 5 * j for j in range(3)]
    obtenidos = [max(0, round(meta * azar.gauss(0.95, 0.3))) for meta in logros]
    celdas: list = [
        codigo,
        nombre,
        azar.choice(RESPONSABLES),
        "CALIDAD",
        sentido,
        agregacion,
        2021,
        0,
        *logros,
        *obtenidos,
    ]
    registrado = _avance_registrado(celdas, sentido, agregacion, azar)
    if es_porcentaje:
        como_texto = azar.random() < 0.5
        for j in range(8, 14):
            numero = celdas[j] / 100 / 2
            celdas[j] = f"{numero:.1%}" if como_texto else (numero, porcentaje)
    if azar.random() < 0.05:
        celdas[13] = "ND"
    if azar.random() < 0.02:
        celdas[10] = ""
    celdas.append(registrado)
    if azar.random() < 0.01:
        celdas.append(999.0)  # fila desalineada: una celda de más sin encabezado
    for j, valor in enumerate(celdas):
        columna = j + 1
        if isinstance(valor, tuple):
            hoja.write_number(fila, columna, valor[0], valor[1])
        elif isinstance(valor, int | float):
            hoja.write_number(fila, columna, valor)
        elif valor:
            hoja.write_string(fila, columna, valor)


if __name__ == "__main__":
    posicionales = [a for a in sys.argv[1:] if a != "--largos"]
    cantidad, salida = int(posicionales[0]), Path(posicionales[1])
    semilla = int(posicionales[2]) if len(posicionales) > 2 else 2024
    print(generar(salida, cantidad, semilla, LARGOS if "--largos" in sys.argv else CORTOS))
