"""La línea de comandos de punta a punta, en un subproceso, sobre copias del libro de muestra."""

import hashlib
import json
import shutil
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE


def ejecutar(*argumentos, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "xl_seguimiento.app.cli", *map(str, argumentos)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def huella(ruta):
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


@pytest.fixture
def copia(tmp_path, libro_muestra):
    destino = tmp_path / "seguimiento.xlsx"
    shutil.copy(libro_muestra, destino)
    return destino


def test_json_con_la_forma_pedida(copia):
    antes = huella(copia)
    proceso = ejecutar("alertas", copia, "--json")
    assert proceso.returncode == 0, proceso.stderr
    documento = json.loads(proceso.stdout)
    assert set(documento) == {"anio", "parametros", "indice", "indicadores", "alertas", "ya_no_aparecen"}
    assert documento["anio"] == 2024
    assert documento["indice"]["con_dato"] == 32 and documento["indice"]["total"] == 41
    assert isinstance(documento["indice"]["valor"], float)
    indicador = next(i for i in documento["indicadores"] if i["codigo"] == "ISS.01.04.02.02")
    assert set(indicador) == {"codigo", "avance", "categoria", "avance_registrado", "serie"}
    assert indicador["serie"] == pytest.approx({"2023": 2.4 / 3.3 * 100, "2024": 2.5 / 3.4 * 100})  # VO / LE
    assert round(indicador["avance"], 1) == 73.5 and indicador["avance_registrado"] == 72.2
    assert indicador["categoria"] == "Bajo"
    assert {a["tipo"] for a in documento["alertas"]} == {
        "bajo_avance",
        "sin_informacion",
        "avance_atipico",
        "inconsistencia",
        "retroceso",
        "bajo_persistente",
    }
    assert {a["nivel"] for a in documento["alertas"]} == {"indicador", "servicio", "objetivo", "politica"}
    assert {"codigo": "SS.04.03.01", "tipo": "bajo_avance"}.items() <= next(
        a for a in documento["alertas"] if a["codigo"] == "SS.04.03.01"
    ).items()
    assert huella(copia) == antes  # la entrada no se toca


def test_resumen_y_hoja_alertas(copia):
    proceso = ejecutar("alertas", copia)
    assert proceso.returncode == 0, proceso.stderr
    salida = copia.with_name("seguimiento_alertas.xlsx")
    assert "Índice de gestión: 66.9 (calculado con 32 de 41 indicadores)" in proceso.stdout
    assert f"Hojas «Alertas» y «Tablero» escritas en: {salida}" in proceso.stdout
    libro = openpyxl.load_workbook(salida)
    assert libro.sheetnames == ["Matriz de seguimiento", "Alertas", "Tablero"]
    hoja = libro["Alertas"]
    (tabla,) = hoja.tables.values()
    inicio = int(tabla.ref.split(":")[0][1:])
    encabezados = [c.value for c in hoja[inicio]][: len(COLUMNAS_DETALLE)]
    assert encabezados == list(COLUMNAS_DETALLE)
    filas = list(
        hoja.iter_rows(min_row=inicio + 1, max_row=int(tabla.ref.split(":")[1][1:]), values_only=True)
    )
    documento = json.loads(ejecutar("alertas", copia, "--json", "-o", copia.with_name("otra.xlsx")).stdout)
    assert len(filas) == len(documento["alertas"])
    fila = next(f for f in filas if f[1] == "ISS.01.03.03.01")
    assert fila[0] == "Indicador" and fila[4] == "Bajo avance" and round(fila[5], 1) == 2.0
    celda = next(c for c in hoja["B"] if c.value == "ISS.01.03.03.01")
    assert celda.hyperlink.location == "'Matriz de seguimiento'!B9"
    assert libro["Matriz de seguimiento"]["B9"].value == "ISS.01.03.03.01"
    parrafo = next(
        c for c in hoja["A"] if isinstance(c.value, str) and c.value.startswith("OP 04: El objetivo")
    )
    assert f"A{parrafo.row}:G{parrafo.row}" in {str(r) for r in hoja.merged_cells.ranges}
    assert parrafo.alignment.wrap_text and hoja.row_dimensions[parrafo.row].height >= 30  # dos líneas o más


def test_volver_a_ejecutar_reemplaza_la_hoja(copia, tmp_path):
    primera = tmp_path / "uno.xlsx"
    segunda = tmp_path / "dos.xlsx"
    assert ejecutar("alertas", copia, "-o", primera).returncode == 0
    assert ejecutar("alertas", primera, "-o", segunda).returncode == 0
    assert openpyxl.load_workbook(segunda).sheetnames == ["Matriz de seguimiento", "Alertas", "Tablero"]


def test_en_sitio_guarda_respaldo(copia):
    antes = copia.read_bytes()
    assert ejecutar("alertas", copia, "-o", copia).returncode != 0  # sin la opción explícita, no
    assert copia.read_bytes() == antes
    proceso = ejecutar("alertas", copia, "--en-sitio")
    assert proceso.returncode == 0, proceso.stderr
    assert copia.with_name("seguimiento.respaldo.xlsx").read_bytes() == antes
    assert "Alertas" in openpyxl.load_workbook(copia).sheetnames


def test_anio_de_analisis(copia):
    documento = json.loads(ejecutar("alertas", copia, "--json", "--anio", "2023").stdout)
    assert documento["anio"] == 2023
    avance = next(i for i in documento["indicadores"] if i["codigo"] == "ISS.01.03.02.01")["avance"]
    assert avance == pytest.approx(59 / 50 * 100)


TEXTO = "no es un libro de Excel: es un archivo de texto (CSV o similar). Ábralo en Excel y guárdelo como"


CASOS_DE_ERROR = [
    ("no_existe.xlsx", None, "No existe el archivo"),
    ("texto.xlsx", b"hola, no soy un libro", "no es un libro de Excel"),
    ("antiguo.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".xls antiguo"),
    ("cifrado.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "contraseña"),
    ("datos.csv", "Código;Año;Valor\r\nISS.01;2024;53,2\r\n".encode("cp1252"), TEXTO),
    ("datos.xlsx", "Código,Año\nISS.01,2024\n".encode(), TEXTO),  # CSV con otro nombre
    ("unicode.txt", "Código\tAño\r\n".encode("utf-16"), TEXTO),  # «Texto Unicode» de Excel
    ("vacio.tsv", b"", "está vacío"),
    ("imagen.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "no tiene ese formato"),
    ("cortado.xlsx", b"PK\x03\x04\x14\0\0\0\x08\0" + b"\x9c" * 300, "está dañado"),
]


@pytest.mark.parametrize(("nombre", "contenido", "frase"), CASOS_DE_ERROR, ids=[c[0] for c in CASOS_DE_ERROR])
def test_errores_claros(tmp_path, nombre, contenido, frase):
    ruta = tmp_path / nombre
    if contenido is not None:
        ruta.write_bytes(contenido)
    proceso = ejecutar("alertas", ruta)
    assert proceso.returncode != 0
    assert frase in proceso.stderr and nombre in proceso.stderr
    assert "Traceback" not in proceso.stderr


def test_libro_truncado_esta_danado(copia):
    """Un .xlsx copiado a medias empieza con la firma del zip pero no tiene su directorio final."""
    truncado = copia.with_name("a medias.xlsx")
    truncado.write_bytes(copia.read_bytes()[: copia.stat().st_size // 2])
    proceso = ejecutar("alertas", truncado)
    assert proceso.returncode == 2
    assert f"«{truncado}» está dañado: empieza como un libro de Excel pero está truncado" in proceso.stderr


def test_ods_y_libro_sin_tabla(tmp_path):
    ods = tmp_path / "hoja.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    proceso = ejecutar("alertas", ods)
    assert proceso.returncode != 0 and "OpenDocument" in proceso.stderr
    vacio = tmp_path / "vacio.xlsx"
    libro = openpyxl.Workbook()
    libro.active["A1"] = "nada aquí"
    libro.save(vacio)
    proceso = ejecutar("alertas", vacio)
    assert proceso.returncode != 0
    assert "No se encontró la tabla de seguimiento" in proceso.stderr and "vacio.xlsx" in proceso.stderr
    assert not vacio.with_name("vacio_alertas.xlsx").exists()


def test_umbrales_desde_la_linea_de_comandos(copia):
    # Con umbral bajo 50, el 57.5 de ISS.01.04.01.02 deja de ser bajo avance; con 60, lo es.
    def tipos(*opciones):
        documento = json.loads(ejecutar("alertas", copia, "--json", *opciones).stdout)
        return {a["tipo"] for a in documento["alertas"] if a["codigo"] == "ISS.01.04.01.02"}

    assert "bajo_avance" not in tipos("--umbral-bajo", "50")
    assert "bajo_avance" in tipos("--umbral-bajo", "60")
    proceso = ejecutar("alertas", copia, "--umbral-bajo", "99", "--umbral-alto", "90")
    assert proceso.returncode == 2 and "Parámetros no válidos" in proceso.stderr


def test_ayuda_y_errores_de_argumentos_en_espanol():
    ayuda = ejecutar("alertas", "--help")
    assert ayuda.returncode == 0
    assert ayuda.stdout.startswith("uso: xl-seguimiento alertas")
    assert "muestra esta ayuda y termina" in ayuda.stdout and "opciones:" in ayuda.stdout
    error = ejecutar("alertas", "libro.xlsx", "--anio", "dos")
    assert error.returncode == 2
    assert "argumento --anio: valor no válido (se esperaba entero): 'dos'" in error.stderr
    assert "faltan estos argumentos: LIBRO" in ejecutar("alertas").stderr


def test_ponderacion_por_relevancia_en_un_libro_sin_esa_columna_se_rechaza(copia):
    """La muestra no trae columna de relevancia: antes daba en silencio el índice por indicador (66.9)."""
    antes = huella(copia)
    proceso = ejecutar("alertas", copia, "--ponderacion", "relevancia", "--json")
    assert proceso.returncode == 2 and proceso.stdout == ""
    assert str(copia) in proceso.stderr and "«Matriz de seguimiento»" in proceso.stderr
    assert "B4, B27, B50 y B72" in proceso.stderr and "«Relevancia»" in proceso.stderr
    assert huella(copia) == antes and not copia.with_name("seguimiento_alertas.xlsx").exists()


EJECUTAR_SIN_DESARMAR = """
import atexit, sys
from xl_seguimiento.app.cli import ejecutar
atexit.register(print, "desarmado")  # Python lo llamaría al terminar normalmente
ejecutar()
"""


@pytest.mark.parametrize("como_json", [True, False], ids=["json", "resumen"])
def test_la_orden_termina_sin_desarmar_el_interprete_y_con_toda_su_salida(copia, como_json):
    """`ejecutar` sale con os._exit tras vaciar la salida: nada de lo impreso se pierde (issue 25)."""
    salida = copia.with_name("salida.xlsx")
    orden = ["alertas", copia, "-o", salida, *(["--json"] if como_json else [])]
    proceso = subprocess.run(
        [sys.executable, "-c", EJECUTAR_SIN_DESARMAR, *map(str, orden)], capture_output=True, text=True
    )
    assert proceso.returncode == 0, proceso.stderr
    assert "desarmado" not in proceso.stdout
    if como_json:
        assert json.loads(proceso.stdout)["anio"] == 2024
    else:
        assert proceso.stdout.rstrip().endswith(f"escritas en: {salida}")
    assert salida.is_file()


def test_la_orden_sin_desarmar_sale_con_el_codigo_y_el_mensaje_de_error(tmp_path):
    proceso = subprocess.run(
        [sys.executable, "-c", EJECUTAR_SIN_DESARMAR, "alertas", str(tmp_path / "no.xlsx")],
        capture_output=True,
        text=True,
    )
    assert proceso.returncode == 2
    assert proceso.stderr.startswith("Error: No existe el archivo")
    assert "desarmado" not in proceso.stdout


def test_con_un_perfilador_la_orden_sale_como_siempre(copia):
    """cProfile y coverage escriben sus datos al salir: con ellos no se usa os._exit."""
    perfilado = "import sys\nsys.setprofile(lambda *_: None)\n" + EJECUTAR_SIN_DESARMAR
    proceso = subprocess.run(
        [sys.executable, "-c", perfilado, "alertas", str(copia), "-o", str(copia.with_name("salida.xlsx"))],
        capture_output=True,
        text=True,
    )
    assert proceso.returncode == 0, proceso.stderr
    assert proceso.stdout.rstrip().endswith("desarmado")


EJECUTAR_Y_MIRAR_LO_VIVO = """
import gc, os, sys
from xl_seguimiento.app import cli
salir = os._exit
def mirar_y_salir(codigo):
    vivos = [type(o).__name__ + ("+maquetas" if "tablero" in getattr(o, "__dict__", ()) else "") for o in cli._hasta_el_fin]
    print(vivos, gc.isenabled(), file=sys.stderr, flush=True)
    salir(codigo)
os._exit = mirar_y_salir
cli.ejecutar()
"""


@pytest.mark.parametrize(
    ("opciones", "vivos"),
    [([], "['Seguimiento+maquetas'] False"), (["--json"], "['Seguimiento+maquetas', 'dict'] False")],
    ids=["resumen", "json"],
)
def test_la_orden_no_libera_el_seguimiento_antes_de_terminar(copia, opciones, vivos):
    """`ejecutar` deja vivos el seguimiento (y el documento JSON) hasta os._exit, con el recolector en
    pausa: liberarlos objeto por objeto costaba 0.3 s a 100 000 indicadores (issue 25)."""
    salida = copia.with_name("salida.xlsx")
    orden = ["alertas", copia, "-o", salida, *opciones]
    proceso = subprocess.run(
        [sys.executable, "-c", EJECUTAR_Y_MIRAR_LO_VIVO, *map(str, orden)], capture_output=True, text=True
    )
    assert proceso.returncode == 0
    assert proceso.stderr.strip() == vivos
    assert salida.is_file()


def test_por_lotes_la_orden_no_libera_el_lote_antes_de_terminar(copia):
    otro = copia.with_name("otro.xlsx")
    shutil.copy(copia, otro)
    proceso = subprocess.run(
        [sys.executable, "-c", EJECUTAR_Y_MIRAR_LO_VIVO, "alertas", str(copia), str(otro), "--procesos", "1"],
        capture_output=True,
        text=True,
    )
    assert proceso.returncode == 0
    assert proceso.stderr.strip().splitlines()[-1] == "['list'] False"
    assert copia.with_name("consolidado_alertas.xlsx").is_file()


def test_llamada_sin_ejecutar_la_orden_no_retiene_nada(copia):
    """La API y las pruebas llaman a `main`: nada queda retenido entre llamadas."""
    from xl_seguimiento.app import cli

    assert cli.main(["alertas", str(copia), "-o", str(copia.with_name("salida.xlsx"))]) == 0
    assert cli._hasta_el_fin is None
