"""Benchmark de xl-seguimiento: cada carga frente a su piso de entrada y salida.

Piso de una corrida = leer la entrada con python-calamine (en su propio proceso, todas las
hojas) + comprimir con deflate de nivel 1 los bytes XML de cada parte que la corrida agrega o
reescribe, medidos sobre su propia salida. Para un lote, lo mismo sobre cada libro más su
consolidado. Cargas: para cada tamaño N, un libro de nombres cortos y muchos objetivos y uno de
nombres largos y 8 objetivos; y el lote nacional de 400 libros de 250 indicadores.

Mide en procesos nuevos (medianas de varias corridas alternadas) la orden completa, su pico de
memoria, la lectura y el deflate, y la razón orden / piso; además las fases de la orden, volver
a correr con la salida anterior en su lugar, importar lo que carga un clic del botón y AVANCE
sobre 100 000 filas. Antes de medir compila el paquete a bytecode, como queda al instalarlo.
Imprime las cifras lado a lado y, al final, cada meta con ✔ o ✘.

Uso: python benchmarks/medir.py [--tamanos 10000 100000] [--repeticiones 3] [--lote 400 250]
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
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sinteticos import CORTOS, LARGOS, Forma, generar

from xl_seguimiento.app.nombres import SUFIJO_SALIDA

DATOS = Path(__file__).resolve().parent / ".datos"
LEER_CALAMINE = (  # cada libro dado, uno tras otro
    "import sys\nfrom python_calamine import CalamineWorkbook\n"
    "for ruta in sys.argv[1:]:\n    libro = CalamineWorkbook.from_path(ruta)\n"
    "    for nombre in libro.sheet_names:\n"
    "        libro.get_sheet_by_name(nombre).to_python(skip_empty_area=False)\n"
)
ENTRADA_BOTON = (
    "import xl_seguimiento, xl_seguimiento.excel, xl_seguimiento.excel.boton"  # lo que carga un clic
)
LOTE_LIBROS, LOTE_N = 400, 250  # la oficina central: un libro por política o entidad
META_PISO = 3  # cada carga, a lo sumo 3 × su piso de entrada y salida
NOMBRE_FORMA = {CORTOS: "nombres cortos, muchos objetivos", LARGOS: "nombres largos, 8 objetivos"}
FASES = ("lectura", "tabla", "cálculo", "maqueta", "escritura")
MEDIR_FASES = """
import gc, json, sys, time
from pathlib import Path
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas
from xl_seguimiento.maqueta.anotaciones import conciliar
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.tablero import maquetar_tablero
from xl_seguimiento.nucleo.motor import analizar
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
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


def libro_de(n: int, forma: Forma) -> Path:
    DATOS.mkdir(exist_ok=True)
    ruta = DATOS / f"sintetico_{n}{forma.sufijo}.xlsx"
    if not ruta.exists():
        generar(ruta, n, forma=forma)
    return ruta


def partes_escritas(entrada: Path | None, salida: Path) -> list[bytes]:
    """Los bytes de las partes XML de `salida` que no están en `entrada` o cambiaron (por su CRC)."""
    originales: dict[str, int] = {}
    if entrada is not None:
        with zipfile.ZipFile(entrada) as paquete:
            originales = {parte.filename: parte.CRC for parte in paquete.infolist()}
    with zipfile.ZipFile(salida) as paquete:
        return [
            paquete.read(parte)
            for parte in paquete.infolist()
            if parte.filename.endswith((".xml", ".rels")) and originales.get(parte.filename) != parte.CRC
        ]


def deflate_s(partes: Iterable[bytes], repeticiones: int) -> float:
    """Mediana de lo que cuesta comprimir `partes` con deflate de nivel 1 (como en un zip)."""
    partes = list(partes)
    medidas = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        for datos in partes:
            compresor = zlib.compressobj(1, zlib.DEFLATED, -15)
            compresor.compress(datos)
            compresor.flush()
        medidas.append(time.perf_counter() - inicio)
    return statistics.median(medidas)


def fila_de_carga(nombre: str, corrida: tuple[float, float], lectura: float, deflate: float) -> dict:
    (orden, pico), piso = corrida, lectura + deflate
    return {"carga": nombre, "orden": orden, "pico": pico, "lectura": lectura, "deflate": deflate,
            "piso": piso, "razon": orden / piso}  # fmt: skip


def medir_libro(n: int, forma: Forma, repeticiones: int, salida: Path) -> dict:
    """Un libro de `n` indicadores: la orden completa frente a su piso, sus fases y la reejecución."""
    libro = libro_de(n, forma)
    python = sys.executable
    orden_total = [python, "-m", "xl_seguimiento.app.cli", "alertas", str(libro), "-o", str(salida)]
    medido = medianas(
        {"orden": orden_total, "lectura": [python, "-c", LEER_CALAMINE, str(libro)]}, repeticiones, [salida]
    )
    correr(orden_total)  # deja una salida en su lugar
    reejecucion, _ = correr(orden_total)  # relee sus columnas del usuario para conservarlas
    deflate = deflate_s(partes_escritas(libro, salida), repeticiones)
    nombre = f"{n:,}".replace(",", " ") + f" indicadores, {NOMBRE_FORMA[forma]}"
    fila = fila_de_carga(nombre, medido["orden"], medido["lectura"][0], deflate)
    return fila | {"n": n, "forma": forma, "fases": fases_mediana(libro, salida, repeticiones),
                   "reejecucion": reejecucion}  # fmt: skip


def medir_lote(libros_en_lote: int, n: int, repeticiones: int, salida: Path) -> dict:
    """El modo por lotes sobre `libros_en_lote` libros de `n` indicadores, frente a su piso."""
    carpeta = DATOS / f"lote_{libros_en_lote}x{n}"
    carpeta.mkdir(parents=True, exist_ok=True)
    libros = [carpeta / f"politica_{k:03d}.xlsx" for k in range(libros_en_lote)]
    for semilla, libro in enumerate(libros):
        if not libro.exists():
            generar(libro, n, semilla)
    salidas = [libro.with_name(f"{libro.stem}{SUFIJO_SALIDA}.xlsx") for libro in libros]
    python = sys.executable
    orden_lote = [python, "-m", "xl_seguimiento.app.cli", "alertas", str(carpeta), "-o", str(salida)]
    medido = medianas(
        {"lote": orden_lote, "lectura": [python, "-c", LEER_CALAMINE, *map(str, libros)]},
        repeticiones,
        [salida, *salidas],
    )
    correr(orden_lote)  # deja las salidas para medir lo que escribe
    escritas = [
        p for libro, hecha in zip(libros, salidas, strict=True) for p in partes_escritas(libro, hecha)
    ]
    deflate = deflate_s([*escritas, *partes_escritas(None, salida)], repeticiones)
    nombre = f"lote nacional: {libros_en_lote} libros × {n} indicadores"
    return fila_de_carga(nombre, medido["lote"], medido["lectura"][0], deflate)


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


def imprimir_cargas(cargas: list[dict], repeticiones: int) -> None:
    print(f"Medianas de {repeticiones} corridas, cada una en un proceso nuevo (Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} núcleos). Piso = lectura con calamine + deflate de nivel 1 de lo escrito.")  # fmt: skip
    print(f"{'carga':<52} {'orden (s)':>10} {'lectura (s)':>12} {'deflate (s)':>12} {'piso (s)':>9}"
          f" {'orden/piso':>11} {'pico (MiB)':>11}")  # fmt: skip
    for c in cargas:
        print(f"{c['carga']:<52} {c['orden']:>10.2f} {c['lectura']:>12.2f} {c['deflate']:>12.2f} "
              f"{c['piso']:>9.2f} {c['razon']:>10.1f}× {c['pico']:>11.0f}")  # fmt: skip


def imprimir_fases(libros: list[dict]) -> None:
    print("Por fases (s), en un proceso nuevo; la lectura es la de calamine dentro de la orden:")
    print(
        f"{'carga':<52} "
        + " ".join(f"{f:>10}" for f in FASES)
        + f" {'resto':>8} {'µs/ind.':>8} {'reejec.':>8}"
    )
    for f in libros:
        resto = f["orden"] - sum(f["fases"])
        despues = (f["orden"] - f["fases"][0]) / f["n"] * 1e6
        print(f"{f['carga']:<52} " + " ".join(f"{s:>10.2f}" for s in f["fases"])
              + f" {resto:>8.2f} {despues:>8.1f} {f['reejecucion']:>8.2f}")  # fmt: skip
    print(
        "resto: orden completa − fases (arrancar e importar, leer las columnas del usuario, cerrar el proceso);"
        " µs/ind.: (orden − lectura) / N; reejec.: volver a correr con la salida anterior en su lugar."
    )


def metas(
    cargas: list[dict], libros: list[dict], importacion: float, avance: float
) -> list[tuple[str, bool]]:
    resultado = [(f"{c['carga']}: orden <= {META_PISO} × piso ({c['razon']:.1f} ×)", c["razon"] <= META_PISO)
                 for c in cargas]  # fmt: skip
    resultado += [
        (f"importación < 150 ms ({importacion:.0f} ms)", importacion < 150),
        (f"AVANCE 100 000 filas < 100 ms ({avance:.0f} ms)", avance < 100),
    ]
    por_clave = {(f["n"], f["forma"]): f for f in libros}
    for forma in (CORTOS, LARGOS):
        chico, grande = por_clave.get((10_000, forma)), por_clave.get((100_000, forma))
        if chico and grande:
            crecimiento = grande["orden"] / chico["orden"]
            resultado.append((f"crecimiento lineal, {NOMBRE_FORMA[forma]}: orden(100 000) <= 12 × "
                              f"orden(10 000) ({crecimiento:.1f} ×)", crecimiento <= 12))  # fmt: skip
        if grande:
            resultado.append((f"pico de memoria a N=100 000, {NOMBRE_FORMA[forma]} < 1 GiB "
                              f"({grande['pico']:.0f} MiB)", grande["pico"] < 1024))  # fmt: skip
    return resultado


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tamanos", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeticiones", type=int, default=3)
    parser.add_argument("--lote", type=int, nargs=2, default=[LOTE_LIBROS, LOTE_N], metavar=("LIBROS", "N"))
    argumentos = parser.parse_args()
    import xl_seguimiento

    compileall.compile_dir(Path(xl_seguimiento.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as carpeta:
        salida = Path(carpeta) / "salida.xlsx"
        libros = [medir_libro(n, forma, argumentos.repeticiones, salida)
                  for n in argumentos.tamanos for forma in (CORTOS, LARGOS)]  # fmt: skip
        lote = medir_lote(*argumentos.lote, argumentos.repeticiones, Path(carpeta) / "consolidado.xlsx")
    cargas = [*libros, lote]
    imprimir_cargas(cargas, argumentos.repeticiones)
    imprimir_fases(libros)
    importacion = importacion_ms(max(5, argumentos.repeticiones))
    avance = avance_ms(100_000, 7)
    print(f"Importar xl_seguimiento y lo que carga un clic del botón (numpy, xlwings): {importacion:.0f} ms")
    print(f"AVANCE sobre 100 000 filas en una llamada: {avance:.0f} ms")
    print("Metas:")
    for texto, cumplida in metas(cargas, libros, importacion, avance):
        print(f"  {'✔' if cumplida else '✘'} {texto}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
