"""Corpus de libros reales: la hoja «Alertas» escrita sin pérdidas en cada uno y revisada.

    python3 tests/corpus.py CARPETA [CARPETA ...] [--tabla informe.md] [--detalle detalle.tsv]

Busca .xlsx y .xlsm en las carpetas. Para cada libro escribe la hoja «Alertas» del libro de muestra
con `escribir_sin_perdidas` y revisa la salida: openpyxl la abre y ve «Alertas», LibreOffice la
abre y muestra su título, las partes que no debían cambiar siguen idénticas byte a byte y la
revisión de paquete (revision_paquete.py) no encuentra defectos nuevos. Un libro que ni openpyxl
ni LibreOffice abren debe recibir un mensaje claro en español. Imprime una tabla por productor
(docProps/app.xml o el MANIFIESTO.tsv de la carpeta) y termina con código 1 si algo falla.
"""

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
from revision_paquete import hojas_del_libro, partes_cambiadas, partes_que_pueden_cambiar, problemas

from xl_seguimiento.maqueta.hoja import Maqueta
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.nucleo.errores import ErrorSeguimiento
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas

RAIZ = Path(__file__).resolve().parent.parent
LIBRO_MUESTRA = RAIZ / "workbook" / "seguimiento_produce_2024.xlsx"
TITULO = "Alertas de seguimiento"
MANIFIESTO = "MANIFIESTO.tsv"
LOTE_LIBREOFFICE = 40
ESPERA_LIBREOFFICE = 900  # segundos por lote


@dataclass
class Resultado:
    archivo: str
    productor: str
    hojas_openpyxl: list[str] | None = None  # None: openpyxl no abre la entrada
    libreoffice_entiende: bool | None = None  # muestra las hojas de la entrada; None: no se preguntó
    escrito: bool = False
    mensaje: str = ""  # el error en español que recibió el usuario
    defectos: list[str] = field(default_factory=list)

    @property
    def legible(self) -> bool:
        """openpyxl o LibreOffice abren la entrada y ven sus hojas."""
        return bool(self.hojas_openpyxl) or bool(self.libreoffice_entiende)

    @property
    def desenlace(self) -> str:
        if self.escrito and not self.defectos:
            return "escrito y válido"
        if self.escrito:
            return "salida con defectos"
        if "DOCTYPE" in self.mensaje:
            return "rechazado por seguridad (DTD)"
        if "cifrado" in self.mensaje:
            return "cifrado: mensaje en español"
        if self.legible:
            return "rechazado"
        return (
            "ilegible: mensaje en español" if _en_espanol(self.mensaje) else "ilegible: mensaje sin aclarar"
        )


# Textos de zipfile, zlib, lxml o calamine que no deben llegar al usuario.
INGLES = re.compile(r"Traceback|\bBad\b|File is not|magic number|not found|Errno|Error -\d|\berror\b")


def _en_espanol(mensaje: str) -> bool:
    return "«" in mensaje and not INGLES.search(mensaje)


def maqueta_de_muestra() -> Maqueta:
    return maquetar(analizar_libro(leer_hojas(LIBRO_MUESTRA)), LIBRO_MUESTRA.name)


def productor(ruta: Path, manifiesto: dict[str, str]) -> str:
    """Quién hizo el libro: el manifiesto de su carpeta o la aplicación de docProps/app.xml."""
    if ruta.name in manifiesto:
        return manifiesto[ruta.name]
    try:
        with zipfile.ZipFile(ruta) as paquete:
            app = paquete.read("docProps/app.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return "desconocido"
    encontrado = re.search(r"<(?:\w+:)?Application>\s*([^<]*?)\s*<", app)
    nombre = encontrado.group(1) if encontrado else ""
    nombre = " ".join(nombre.split())
    for clave, grupo in (
        ("openpyxl", "openpyxl"),
        ("FlexCel", "FlexCel"),
        ("Excel", "Microsoft Excel"),
        ("LibreOffice", "LibreOffice"),
        ("POI", "Apache POI"),
        ("WPS", "WPS Office"),
        ("PhpSpreadsheet", "PhpSpreadsheet"),
        ("ONLYOFFICE", "ONLYOFFICE"),
        ("Access", "Microsoft Access"),
    ):
        if clave.casefold() in nombre.casefold():
            return grupo
    return nombre or "desconocido"


def _abre_openpyxl(ruta: Path) -> list[str] | None:
    """Los nombres de hoja según openpyxl, o None si no lo abre."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(ruta, keep_vba=ruta.suffix.lower() == ".xlsm").sheetnames
    except Exception:
        return None


def escribir_y_revisar(trabajo: tuple[Path, Path, str, Maqueta]) -> Resultado:
    """Escribe la hoja en una copia y revisa todo lo que no necesita LibreOffice."""
    entrada, salida, autor, maqueta = trabajo
    resultado = Resultado(str(entrada), autor, hojas_openpyxl=_abre_openpyxl(entrada))
    try:
        escribir_sin_perdidas(entrada, salida, maqueta)
    except ErrorSeguimiento as error:
        resultado.mensaje = str(error)
        return resultado
    except Exception as error:  # un fallo del escritor: se anota como defecto, con su tipo
        resultado.mensaje = f"Traceback: {type(error).__name__}: {error}"
        return resultado
    resultado.escrito = True
    try:
        _revisar_salida(entrada, salida, maqueta, resultado)
    except Exception as error:
        resultado.defectos.append(f"la revisión no pudo leer la salida: {type(error).__name__}: {error}")
    return resultado


def _revisar_salida(entrada: Path, salida: Path, maqueta: Maqueta, resultado: Resultado) -> None:
    hojas = _abre_openpyxl(salida)
    if resultado.hojas_openpyxl and (hojas is None or hojas != [*resultado.hojas_openpyxl, maqueta.nombre]):
        # openpyxl no entiende algunos libros (Open XML estricto: no ve ninguna hoja); si ve las de la
        # entrada, debe ver las mismas y «Alertas» al final
        resultado.defectos.append(f"openpyxl no ve «Alertas» después de las hojas de la entrada: {hojas}")
    nuevos = problemas(salida) - problemas(entrada)
    resultado.defectos.extend(sorted(nuevos))
    de_mas = partes_cambiadas(entrada, salida) - partes_que_pueden_cambiar(entrada, maqueta.nombre)
    resultado.defectos.extend(f"parte cambiada sin motivo: {p}" for p in sorted(de_mas))


def libreoffice_abre(libros: list[Path], carpeta: Path) -> dict[Path, dict[str, list[str]]]:
    """Hojas (y textos de su primera fila) de cada libro que LibreOffice abre, tal como las guarda."""
    orden = shutil.which("soffice") or shutil.which("libreoffice")
    if orden is None:
        raise SystemExit("Falta LibreOffice (soffice): instale libreoffice-calc-nogui.")
    vistos: dict[Path, dict[str, list[str]]] = {}
    for inicio in range(0, len(libros), LOTE_LIBREOFFICE):
        lote = libros[inicio : inicio + LOTE_LIBREOFFICE]
        destino = carpeta / f"lote{inicio}"
        try:
            subprocess.run(
                [orden, "--headless", f"-env:UserInstallation=file://{carpeta}/perfil", "--convert-to",
                 "xlsx", "--outdir", str(destino), *map(str, lote)],
                capture_output=True, timeout=ESPERA_LIBREOFFICE, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            subprocess.run(["pkill", "-f", f"{carpeta}/perfil"], check=False)
        for libro in lote:
            convertido = destino / f"{libro.stem}.xlsx"
            if convertido.is_file() and zipfile.is_zipfile(libro):  # un archivo vacío o de texto no cuenta
                vistos[libro] = _hojas_y_primera_fila(convertido)
    return vistos


def _hojas_y_primera_fila(convertido: Path) -> dict[str, list[str]]:
    """Cada hoja del libro que guardó LibreOffice con los textos de su primera fila (leído con calamine)."""
    try:
        libro = CalamineWorkbook.from_path(str(convertido))
        hojas = {}
        for nombre in libro.sheet_names:
            filas = libro.get_sheet_by_name(nombre).to_python()
            hojas[nombre] = [str(v) for v in (filas[0] if filas else []) if v]
        return hojas
    except Exception:
        return {}


def generar_propios(carpeta: Path) -> list[tuple[Path, str]]:
    """Libros escritos aquí por openpyxl, XlsxWriter, pandas y LibreOffice, con su productor."""
    import pandas as pd
    import xlsxwriter

    carpeta.mkdir(parents=True, exist_ok=True)
    hechos = []
    muestra = carpeta / "muestra_openpyxl.xlsx"
    openpyxl.load_workbook(LIBRO_MUESTRA).save(muestra)
    hechos.append((muestra, "openpyxl"))
    nuevo = openpyxl.Workbook()
    nuevo.active.append(["Código", "Valor"])
    nuevo.active.append(["OP.01", 1.5])
    nuevo.save(carpeta / "nuevo_openpyxl.xlsx")
    hechos.append((carpeta / "nuevo_openpyxl.xlsx", "openpyxl"))
    with xlsxwriter.Workbook(carpeta / "tabla_xlsxwriter.xlsx") as libro:
        hoja = libro.add_worksheet("Datos")
        hoja.add_table(
            "A1:B3", {"data": [["a", 1], ["b", 2]], "columns": [{"header": "Nombre"}, {"header": "N"}]}
        )
        hoja.write("D1", 0.25, libro.add_format({"num_format": "0.0%", "bold": True}))
        grafico = libro.add_chart({"type": "column"})
        grafico.add_series({"values": "=Datos!$B$2:$B$3"})
        hoja.insert_chart("D3", grafico)
    hechos.append((carpeta / "tabla_xlsxwriter.xlsx", "XlsxWriter"))
    marco = pd.DataFrame(
        {
            "Código": ["OP.01", "OP.02"],
            "Avance": [95.5, 40.0],
            "Fecha": pd.to_datetime(["2024-01-31", "2024-12-31"]),
        }
    )
    for motor in ("openpyxl", "xlsxwriter"):
        ruta = carpeta / f"pandas_{motor}.xlsx"
        marco.to_excel(ruta, engine=motor, index=False)
        hechos.append((ruta, f"pandas ({'XlsxWriter' if motor == 'xlsxwriter' else motor})"))
    copia = carpeta / "original" / "muestra_libreoffice.xlsx"
    copia.parent.mkdir(exist_ok=True)
    shutil.copyfile(LIBRO_MUESTRA, copia)
    orden = shutil.which("soffice") or shutil.which("libreoffice")
    if orden is not None:
        subprocess.run(
            [orden, "--headless", f"-env:UserInstallation=file://{carpeta}/perfil", "--convert-to", "xlsx",
             "--outdir", str(carpeta), str(copia)],
            capture_output=True, timeout=ESPERA_LIBREOFFICE, check=False,
        )  # fmt: skip
        hechos.append((carpeta / copia.name, "LibreOffice"))
    shutil.rmtree(copia.parent)
    return hechos


def libros_en(carpetas: list[Path]) -> list[tuple[Path, str]]:
    encontrados = []
    for carpeta in carpetas:
        manifiesto = _manifiesto(carpeta)
        for ruta in sorted(carpeta.rglob("*")):
            if ruta.is_file() and ruta.suffix.lower() in (".xlsx", ".xlsm"):
                encontrados.append((ruta, productor(ruta, manifiesto)))
    return encontrados


def _manifiesto(carpeta: Path) -> dict[str, str]:
    ruta = carpeta / MANIFIESTO
    if not ruta.is_file():
        return {}
    with ruta.open(encoding="utf-8") as archivo:
        return {fila["archivo"]: fila["productor"] for fila in csv.DictReader(archivo, delimiter="\t")}


def recorrer(libros: list[tuple[Path, str]], trabajo: Path, procesos: int | None = None) -> list[Resultado]:
    """Escribe y revisa cada libro; LibreOffice abre las salidas y, si hace falta, las entradas."""
    maqueta = maqueta_de_muestra()
    salidas = [trabajo / "salidas" / f"{i:05d}{ruta.suffix.lower()}" for i, (ruta, _) in enumerate(libros)]
    (trabajo / "salidas").mkdir(parents=True, exist_ok=True)
    tareas = [(ruta, salida, autor, maqueta) for (ruta, autor), salida in zip(libros, salidas, strict=True)]
    with ProcessPoolExecutor(procesos) as grupo:
        resultados = list(grupo.map(escribir_y_revisar, tareas, chunksize=8))
    escritas = [s for s, r in zip(salidas, resultados, strict=True) if r.escrito]
    vistas = libreoffice_abre(escritas, trabajo / "libreoffice_salidas")
    dudosos: dict[Path, tuple[Path, Resultado]] = {}
    for (ruta, _), salida, resultado in zip(libros, salidas, resultados, strict=True):
        if any(t.startswith(TITULO) for t in vistas.get(salida, {}).get(maqueta.nombre, [])):
            resultado.libreoffice_entiende = True
        else:
            dudosos[ruta] = (salida, resultado)
    # ¿LibreOffice abre la entrada y ve sus hojas? Si las ve, la salida o el rechazo son defectos.
    copias = trabajo / "entradas"
    copias.mkdir(exist_ok=True)
    nombres = {ruta: copias / f"{i:05d}{ruta.suffix.lower()}" for i, ruta in enumerate(dudosos)}
    for ruta, copia in nombres.items():
        shutil.copyfile(ruta, copia)
    abiertas = libreoffice_abre(list(nombres.values()), trabajo / "libreoffice_entradas")
    for ruta, (salida, resultado) in dudosos.items():
        hojas_lo = abiertas.get(nombres[ruta])
        resultado.libreoffice_entiende = hojas_lo is not None and _contiene(hojas_lo, hojas_del_libro(ruta))
        if resultado.escrito and resultado.libreoffice_entiende:
            resultado.defectos.append(
                "LibreOffice no abre la salida"
                if salida not in vistas
                else "LibreOffice no muestra «Alertas»"
            )
    return resultados


def _contiene(vistas: dict[str, list[str]], hojas: list[str]) -> bool:
    """LibreOffice ve todas las hojas del libro (un libro que no entiende queda con una hoja vacía)."""
    return bool(hojas) and {h.casefold() for h in hojas} <= {h.casefold() for h in vistas}


DESENLACES = (
    "escrito y válido",
    "rechazado por seguridad (DTD)",
    "cifrado: mensaje en español",
    "rechazado",
    "salida con defectos",
    "ilegible: mensaje en español",
    "ilegible: mensaje sin aclarar",
)


def tabla(resultados: list[Resultado]) -> str:
    """Tabla en Markdown: libros por productor y desenlace."""
    por_productor: dict[str, Counter[str]] = defaultdict(Counter)
    for r in resultados:
        por_productor[r.productor][r.desenlace] += 1
        por_productor[r.productor]["legibles"] += r.legible
    total: Counter[str] = sum(por_productor.values(), Counter())
    columnas = (
        "Productor",
        "Libros",
        "openpyxl o LibreOffice ven sus hojas",
        *(d[0].upper() + d[1:] for d in DESENLACES),
    )
    filas = [
        "| " + " | ".join(columnas) + " |",
        "|" + "---|" * len(columnas),
    ]
    orden = sorted(por_productor.items(), key=lambda par: (-sum(par[1][d] for d in DESENLACES), par[0]))
    for nombre, cuenta in [*orden, ("**Total**", total)]:
        libros = sum(cuenta[d] for d in DESENLACES)
        filas.append(
            "| "
            + " | ".join(
                [nombre, str(libros), str(cuenta["legibles"]), *(str(cuenta[d]) for d in DESENLACES)]
            )
            + " |"
        )
    return "\n".join(filas)


ACEPTABLES = (
    "escrito y válido",
    "rechazado por seguridad (DTD)",
    "cifrado: mensaje en español",
    "ilegible: mensaje en español",
)


def fallas(resultados: list[Resultado]) -> list[Resultado]:
    return [r for r in resultados if r.desenlace not in ACEPTABLES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("carpetas", type=Path, nargs="+")
    parser.add_argument("--tabla", type=Path, help="guarda la tabla en Markdown")
    parser.add_argument("--detalle", type=Path, help="guarda un TSV con el resultado de cada libro")
    parser.add_argument("--procesos", type=int, default=os.cpu_count())
    parser.add_argument(
        "--sin-propios",
        action="store_true",
        help="no agrega los libros que se escriben aquí (openpyxl, pandas...)",
    )
    argumentos = parser.parse_args(argv)
    libros = libros_en(argumentos.carpetas)
    with tempfile.TemporaryDirectory(prefix="corpus-") as trabajo:
        if not argumentos.sin_propios:
            libros += generar_propios(Path(trabajo) / "propios")
        resultados = recorrer(libros, Path(trabajo), argumentos.procesos)
    texto = tabla(resultados)
    print(texto)
    if argumentos.tabla:
        argumentos.tabla.write_text(texto + "\n", encoding="utf-8")
    if argumentos.detalle:
        with argumentos.detalle.open("w", encoding="utf-8", newline="") as archivo:
            escritor = csv.writer(archivo, delimiter="\t")
            escritor.writerow(["archivo", "productor", "legible", "desenlace", "mensaje", "defectos"])
            for r in resultados:
                fila = [r.archivo, r.productor, "sí" if r.legible else "no", r.desenlace, r.mensaje]
                escritor.writerow([*fila, "; ".join(r.defectos)])
    for r in fallas(resultados):
        print(f"{r.desenlace}: {r.archivo}: {r.mensaje} {'; '.join(r.defectos)}", file=sys.stderr)
    return 1 if fallas(resultados) else 0


if __name__ == "__main__":
    sys.exit(main())
