"""Benchmark de xl-seguimiento: tiempos y memoria frente a la sola lectura del libro.

Para cada tamaño N mide, en procesos nuevos y sobre el mismo archivo, la mediana de varias
corridas de: la orden completa (`xl-seguimiento alertas`), su pico de memoria, la lectura con
python-calamine y la lectura con openpyxl en modo solo lectura. Además mide el costo de
importar el paquete y el punto de entrada del botón, AVANCE sobre 100 000 filas y el modo por
lotes sobre 20 libros de 5 000 indicadores (frente a leerlos todos con calamine).
También desglosa la orden completa por fases (lectura, tabla, cálculo, maqueta, escritura).
Antes de medir compila el paquete a bytecode, como queda al instalarlo.
Imprime las cifras y, al final, cada meta con ✔ o ✘.

Uso: python benchmarks/medir.py [--tamanos 100 10000 100000] [--repeticiones 5]
"""

import argparse
import compileall
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sinteticos import generar

from xl_seguimiento.app.procesar import SUFIJO_SALIDA

DATOS = Path(__file__).resolve().parent / ".datos"
LEER_CALAMINE = (  # cada libro dado, uno tras otro
    "import sys\nfrom python_calamine import CalamineWorkbook\n"
    "for ruta in sys.argv[1:]:\n    libro = CalamineWorkbook.from_path(ruta)\n"
    "    for nombre in libro.sheet_names:\n"
    "        libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)\n"
)
LEER_OPENPYXL = (
    "import sys, openpyxl\nlibro = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
    "for hoja in libro.worksheets:\n    for fila in hoja.iter_rows(values_only=True):\n        pass\n"
)
ENTRADA_BOTON = (
    "import xl_seguimiento, xl_seguimiento.excel, xl_seguimiento.excel.boton"  # lo que carga un clic
)
LOTE_LIBROS, LOTE_N = 20, 5_000  # la oficina central: muchas políticas, 100 000 indicadores en total
FASES = ("lectura", "tabla", "cálculo", "maqueta", "escritura")
MEDIR_FASES = """
import gc, json, sys, time
from pathlib import Path
from xl_seguimiento.xlsx.archivos import leer_hojas
from xl_seguimiento.maqueta.anotaciones import conciliar
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.tablero import maquetar_tablero
from xl_seguimiento.nucleo.motor import analizar
from xl_seguimiento.xlsx.paquete import escribir_sin_perdidas
from xl_seguimiento.nucleo.tabla import leer_tabla
gc.disable()  # como la orden completa
libro, salida = Path(sys.argv[1]), Path(sys.argv[2])
marcas = [time.perf_counter()]
nombre, cuadricula = next(iter(leer_hojas(libro))); marcas.append(time.perf_counter())
tabla = leer_tabla(cuadricula, nombre); marcas.append(time.perf_counter())
informe = analizar(tabla); marcas.append(time.perf_counter())
hoja = maquetar(informe, libro.name, conciliar(informe, []))
tablero = maquetar_tablero(informe); marcas.append(time.perf_counter())
escribir_sin_perdidas(libro, salida, hoja, tablero); marcas.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(marcas, marcas[1:])]))
"""


def correr(orden: list[str]) -> tuple[float, float]:
    """Tiempo de pared (s) y pico de memoria residente (MiB) de un proceso nuevo."""
    inicio = time.perf_counter()
    proceso = subprocess.Popen(orden, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, estado, uso = os.wait4(proceso.pid, 0)
    duracion = time.perf_counter() - inicio
    proceso.returncode = os.waitstatus_to_exitcode(estado)
    if proceso.returncode not in (0, 2):
        raise RuntimeError(
            f"{' '.join(orden)} terminó con {proceso.returncode}: {proceso.stderr.read().decode()}"
        )
    return duracion, uso.ru_maxrss / 1024


def medianas(
    ordenes: dict[str, list[str]], repeticiones: int, salidas: Sequence[Path] = ()
) -> dict[str, tuple[float, float]]:
    """Mediana del tiempo y pico de memoria de cada orden; las corridas se alternan (A, B, C, A, B, C...)
    para que un cambio de carga de la máquina afecte a todas por igual y no a las razones.

    Antes de cada corrida se borran las `salidas`: cada una es la primera, sin una hoja «Alertas»
    anterior que releer para conservar lo escrito por el usuario (eso se mide aparte).
    """
    medidas: dict[str, list[tuple[float, float]]] = {nombre: [] for nombre in ordenes}
    for _ in range(repeticiones):
        for nombre, orden in ordenes.items():
            for salida in salidas:
                salida.unlink(missing_ok=True)
            medidas[nombre].append(correr(orden))
    return {
        nombre: (statistics.median(m[0] for m in lista), max(m[1] for m in lista))
        for nombre, lista in medidas.items()
    }


def libro_de(n: int) -> Path:
    DATOS.mkdir(exist_ok=True)
    ruta = DATOS / f"sintetico_{n}.xlsx"
    if not ruta.exists():
        generar(ruta, n)
    return ruta


def medir_tamano(n: int, repeticiones: int, salida: Path) -> dict:
    libro = libro_de(n)
    python = sys.executable
    orden_total = [python, "-m", "xl_seguimiento.app.cli", "alertas", str(libro), "-o", str(salida)]
    medido = medianas(
        {
            "total": orden_total,
            "calamine": [python, "-c", LEER_CALAMINE, str(libro)],
            "openpyxl": [python, "-c", LEER_OPENPYXL, str(libro)],
        },
        repeticiones,
        [salida],
    )
    correr(orden_total)  # deja una salida en su lugar
    reejecucion, _ = correr(orden_total)  # relee sus columnas del usuario para conservarlas
    (total, pico), (calamine, _), (openpyxl, _) = medido["total"], medido["calamine"], medido["openpyxl"]
    fases = fases_mediana(libro, salida, repeticiones)
    piso = subprocess.run(
        [python, str(Path(__file__).with_name("piso_escritura.py")), str(libro)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return {
        "n": n,
        "total": total,
        "pico": pico,
        "calamine": calamine,
        "openpyxl": openpyxl,
        "fases": fases,
        "reejecucion": reejecucion,
        "piso": piso,
    }


def medir_lote(repeticiones: int, salida: Path) -> dict:
    """El modo por lotes sobre LOTE_LIBROS libros de LOTE_N indicadores, frente a leerlos todos."""
    carpeta = DATOS / f"lote_{LOTE_LIBROS}x{LOTE_N}"
    carpeta.mkdir(parents=True, exist_ok=True)
    libros = [carpeta / f"politica_{k:02d}.xlsx" for k in range(LOTE_LIBROS)]
    for semilla, libro in enumerate(libros):
        if not libro.exists():
            generar(libro, LOTE_N, semilla)
    python = sys.executable
    medido = medianas(
        {
            "lote": [python, "-m", "xl_seguimiento.app.cli", "alertas", str(carpeta), "-o", str(salida)],
            "calamine": [python, "-c", LEER_CALAMINE, *map(str, libros)],
        },
        repeticiones,
        [salida, *(libro.with_name(f"{libro.stem}{SUFIJO_SALIDA}.xlsx") for libro in libros)],
    )
    (total, pico), (calamine, _) = medido["lote"], medido["calamine"]
    return {"total": total, "pico": pico, "calamine": calamine}


def fases_mediana(libro: Path, salida: Path, repeticiones: int) -> list[float]:
    """Segundos de cada fase (FASES) de la orden completa, medianas de procesos nuevos."""
    corridas = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", MEDIR_FASES, str(libro), str(salida)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(repeticiones)
    ]
    return [statistics.median(c[i] for c in corridas) for i in range(len(FASES))]


def imprimir_presupuesto(fila: dict) -> None:
    """Cuánto deja la meta de 2 × la lectura con calamine a cada fase después de leer, y cuánto usa."""
    lectura, *resto = fila["fases"]
    resto = fila["total"] - sum(fila["fases"])
    disponible = 2 * fila["calamine"] - lectura - resto
    usado = sum(resto)
    cabeza = (
        f"Presupuesto a N={fila['n']}: 2 × {fila['calamine']:.2f} s − lectura {lectura:.2f} s − resto "
        f"{resto:.2f} s = {disponible:.2f} s para tabla, cálculo, maqueta y escritura"
    )
    if disponible <= 0:
        print(f"{cabeza}: la lectura y el resto ya se llevan toda la meta; las fases usan {usado:.2f} s:")
    else:
        print(
            f"{cabeza} ({disponible / fila['n'] * 1e6:.1f} µs/indicador); usan {usado:.2f} s "
            f"({usado / disponible:.1f} × lo disponible):"
        )
    print(f"  piso de la escritura (benchmarks/piso_escritura.py): {fila['piso']}")
    for nombre, segundos in zip(FASES[1:], resto, strict=True):
        print(
            f"  {nombre:>10} {segundos:6.2f} s  {segundos / fila['n'] * 1e6:6.1f} µs/indicador  {segundos / usado:4.0%}"
        )


def importacion_ms(repeticiones: int) -> float:
    """Costo de importar el paquete y el punto de entrada del botón (python -X importtime)."""
    medidas = []
    for _ in range(repeticiones):
        proceso = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", ENTRADA_BOTON], capture_output=True, text=True
        )
        propias = [
            int(linea.split("|")[1])
            for linea in proceso.stderr.splitlines()
            if linea.startswith("import time:")
            and linea.split("|")[2].rstrip()
            in (" xl_seguimiento", " xl_seguimiento.excel", " xl_seguimiento.excel.boton")
        ]
        medidas.append(sum(propias) / 1000)
    return statistics.median(medidas)


def avance_ms(filas: int, repeticiones: int) -> float:
    """AVANCE sobre una columna entera de `filas` filas, en una llamada."""
    from xl_seguimiento.excel import udfs

    azar = random.Random(1)
    obtenidos = [[float(azar.randint(0, 120))] for _ in range(filas)]
    logros = [[float(azar.randint(1, 100))] for _ in range(filas)]
    medidas = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        udfs.AVANCE(obtenidos, logros, "ascendente")
        medidas.append((time.perf_counter() - inicio) * 1000)
    return statistics.median(medidas)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tamanos", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--repeticiones", type=int, default=5)
    argumentos = parser.parse_args()
    import xl_seguimiento

    compileall.compile_dir(Path(xl_seguimiento.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as carpeta:
        filas = [
            medir_tamano(n, argumentos.repeticiones, Path(carpeta) / "salida.xlsx")
            for n in argumentos.tamanos
        ]
        lote = medir_lote(argumentos.repeticiones, Path(carpeta) / "consolidado.xlsx")
    print(
        f"Medianas de {argumentos.repeticiones} corridas, cada una en un proceso nuevo (Python {sys.version.split()[0]})."
    )
    print(
        f"{'N':>8} {'total (s)':>10} {'pico (MiB)':>11} {'calamine (s)':>13} {'openpyxl (s)':>13} {'total/calamine':>15} {'total/openpyxl':>15}"
    )
    for f in filas:
        print(
            f"{f['n']:>8} {f['total']:>10.2f} {f['pico']:>11.0f} {f['calamine']:>13.2f} {f['openpyxl']:>13.2f}"
            f" {f['total'] / f['calamine']:>15.2f} {f['total'] / f['openpyxl']:>15.2f}"
        )
    print("Por fases (s), en un proceso nuevo; la lectura es la de calamine dentro de la orden:")
    print(f"{'N':>8} " + " ".join(f"{f:>10}" for f in FASES) + f" {'resto':>10} {'µs/indicador':>13}")
    for f in filas:
        resto = f["total"] - sum(f["fases"])
        despues = (f["total"] - f["fases"][0]) / f["n"] * 1e6
        print(
            f"{f['n']:>8} "
            + " ".join(f"{s:>10.2f}" for s in f["fases"])
            + f" {resto:>10.2f} {despues:>13.1f}"
        )
    print(
        "resto: orden completa − fases (arrancar e importar, leer las columnas del usuario, cerrar el proceso);"
        " µs/indicador: (orden completa − lectura) / N."
    )
    print(
        "Volver a correr con la salida anterior en su lugar (relee sus columnas del usuario para conservarlas): "
        + ", ".join(f"N={f['n']}: {f['reejecucion']:.2f} s" for f in filas)
    )
    for f in filas:
        if f["n"] >= 10_000:
            imprimir_presupuesto(f)
    print(
        f"Modo por lotes, {LOTE_LIBROS} libros de {LOTE_N} indicadores ({os.cpu_count()} procesos): "
        f"{lote['total']:.2f} s, pico {lote['pico']:.0f} MiB; leer los {LOTE_LIBROS} con calamine, uno "
        f"tras otro: {lote['calamine']:.2f} s ({lote['total'] / lote['calamine']:.2f} ×)"
    )
    importacion = importacion_ms(max(5, argumentos.repeticiones))
    avance = avance_ms(100_000, 7)
    print(
        f"Importar xl_seguimiento, el punto de entrada del botón y lo que carga un clic (numpy, xlwings): {importacion:.0f} ms"
    )
    print(f"AVANCE sobre 100 000 filas en una llamada: {avance:.0f} ms")
    print("Metas:")
    por_n = {f["n"]: f for f in filas}
    metas = [
        (f"importación < 150 ms ({importacion:.0f} ms)", importacion < 150),
        (f"AVANCE 100 000 filas < 100 ms ({avance:.0f} ms)", avance < 100),
    ]
    for n in (10_000, 100_000):
        if n in por_n:
            razon = por_n[n]["total"] / por_n[n]["calamine"]
            metas.append((f"N={n}: total <= 2 × lectura con calamine ({razon:.2f} ×)", razon <= 2))
    razon_lote = lote["total"] / lote["calamine"]
    metas.append(
        (
            f"lotes {LOTE_LIBROS} × {LOTE_N}: total <= 2 × leerlos con calamine ({razon_lote:.2f} ×)",
            razon_lote <= 2,
        )
    )
    if 10_000 in por_n and 100_000 in por_n:
        crecimiento = por_n[100_000]["total"] / por_n[10_000]["total"]
        metas.append(
            (
                f"crecimiento lineal: total(100 000) <= 12 × total(10 000) ({crecimiento:.1f} ×)",
                crecimiento <= 12,
            )
        )
    if 100_000 in por_n:
        metas.append(
            (
                f"pico de memoria a N=100 000 < 1 GB ({por_n[100_000]['pico']:.0f} MiB)",
                por_n[100_000]["pico"] < 1024,
            )
        )
    for texto, cumplida in metas:
        print(f"  {'✔' if cumplida else '✘'} {texto}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
