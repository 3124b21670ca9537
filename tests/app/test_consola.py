"""Lo que imprime la línea de comandos sobrevive a las páginas de códigos de Windows.

Una salida redirigida en Windows (`> resumen.txt`) usa la página ANSI, cp1252; la consola en
español, la OEM, cp850. PYTHONIOENCODING hace lo mismo aquí: cada línea (resumen, JSON, progreso
y errores) debe poder leerse en esa página y decir lo mismo que en UTF-8.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
from apoyo import sinteticos

from xl_seguimiento.app.consola import EQUIVALENTES

PAGINAS = ["cp1252", "cp850"]


def ejecutar(codificacion, *argumentos):
    """La orden con la salida en `codificacion`; stdout y stderr, decodificados sin tolerar errores."""
    proceso = subprocess.run(
        [sys.executable, "-m", "xl_seguimiento", "alertas", *map(str, argumentos)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": codificacion},
    )
    return proceso.returncode, proceso.stdout.decode(codificacion), proceso.stderr.decode(codificacion)


@pytest.fixture
def carpeta(tmp_path, libro_muestra):
    """Dos libros (uno con «ő», que no está en cp1252 ni en cp850) y uno roto, en una carpeta con tildes."""
    carpeta = tmp_path / "Políticas año"
    carpeta.mkdir()
    shutil.copy(libro_muestra, carpeta / "producción.xlsx")
    shutil.copy(libro_muestra, carpeta / "plan ő.xlsx")
    (carpeta / "roto.xlsx").write_bytes(b"\x00\x01 esto no es un libro")
    return carpeta


@pytest.mark.parametrize("codificacion", PAGINAS)
def test_un_libro_con_la_salida_redirigida(carpeta, codificacion):
    libro = carpeta / "producción.xlsx"
    codigo, salida, error = ejecutar(codificacion, libro)
    assert codigo == 0, error
    raya = "—" if codificacion == "cp1252" else "-"  # cp850 no tiene la raya
    assert f"(extracto) {raya} año 2024 (hoja «Matriz de seguimiento»)" in salida
    assert "Índice de gestión: 66.9 (calculado con 32 de 41 indicadores), categoría Bajo" in salida
    assert f"Hojas «Alertas» y «Tablero» escritas en: {carpeta / 'producción_alertas.xlsx'}" in salida


@pytest.mark.parametrize("codificacion", PAGINAS)
def test_un_libro_en_json_dice_lo_mismo_que_en_utf8(carpeta, codificacion):
    libro = carpeta / "producción.xlsx"
    _, en_utf8, _ = ejecutar("utf-8", libro, "--json")
    codigo, salida, error = ejecutar(codificacion, libro, "--json")
    assert codigo == 0, error
    assert salida.isascii()  # escapes \uXXXX: el mismo documento en cualquier página
    assert json.loads(salida) == json.loads(en_utf8)


@pytest.mark.parametrize("codificacion", PAGINAS)
def test_por_lotes_con_la_salida_redirigida(carpeta, codificacion):
    codigo, salida, error = ejecutar(codificacion, carpeta)
    assert codigo == 2  # el libro roto
    assert "OK producción.xlsx: índice 66.9 (calculado con 32 de 41 indicadores), Bajo" in salida
    assert "OK plan o.xlsx: índice 66.9" in salida  # «ő» sin su marca
    assert "ERROR roto.xlsx: «" in salida
    assert "Libros procesados: 2 de 3" in salida
    assert "Hojas «Alertas» y «Tablero» escritas en la copia de cada libro procesado" in salida
    assert f"Consolidado escrito en: {carpeta / 'consolidado_alertas.xlsx'}" in salida
    assert "3/3" in error and "Error inesperado" not in error
    assert f"Error: «{carpeta / 'roto.xlsx'}» no es un libro de Excel" in error
    assert (carpeta / "plan ő_alertas.xlsx").exists()  # el archivo conserva su nombre


@pytest.mark.parametrize("codificacion", PAGINAS)
def test_por_lotes_en_json(carpeta, codificacion):
    codigo, salida, _ = ejecutar(codificacion, carpeta, "--json")
    assert codigo == 2
    libros = json.loads(salida)["libros"]
    assert [(d["archivo"], d["estado"]) for d in libros] == [
        (str(carpeta / "plan ő.xlsx"), "ok"),  # el nombre exacto, aunque la página no tenga «ő»
        (str(carpeta / "producción.xlsx"), "ok"),
        (str(carpeta / "roto.xlsx"), "error"),
    ]


@pytest.mark.parametrize("codificacion", PAGINAS)
def test_un_error_con_un_nombre_que_la_pagina_no_tiene(tmp_path, codificacion):
    codigo, _, error = ejecutar(codificacion, tmp_path / "falta ✓ — ő.xlsx")
    assert codigo == 2
    raya = "—" if codificacion == "cp1252" else "-"
    assert error == f"Error: No existe el archivo «{tmp_path / f'falta OK {raya} o.xlsx'}».\n"


def test_los_equivalentes_caben_en_cualquier_pagina():
    for caracter, equivalente in EQUIVALENTES.items():
        assert equivalente.isascii() and equivalente, caracter


def test_una_salida_cerrada_antes_de_tiempo_no_es_un_error_inesperado(tmp_path):
    """`… --json | more` cerrado a la mitad: el libro queda escrito y no aparece «Error inesperado»."""
    libro, salida = sinteticos().generar(tmp_path / "grande.xlsx", 2000), tmp_path / "salida.xlsx"
    proceso = subprocess.Popen(
        [sys.executable, "-m", "xl_seguimiento", "alertas", str(libro), "-o", str(salida), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proceso.stdout.read(10).startswith(b"{")  # el JSON (más que el búfer del tubo) ya empezó
    proceso.stdout.close()
    errores = proceso.stderr.read().decode()
    assert proceso.wait(timeout=60) == 0, errores
    assert errores == "" and salida.exists()


def test_descartar_la_salida_no_deja_descriptores_abiertos():
    """Tras `| more` cerrado, la salida va a ningún lado sin dejar abierto un descriptor más."""
    codigo = (
        "import os, sys\nfrom xl_seguimiento.app import consola\n"
        "antes = len(os.listdir('/proc/self/fd'))\nconsola.descartar_salida()\n"
        "print('perdido')\nprint(len(os.listdir('/proc/self/fd')) - antes, file=sys.stderr)"
    )
    proceso = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True)
    assert (proceso.stdout, proceso.stderr) == ("", "0\n")


def test_descartar_una_salida_que_no_es_un_archivo_no_falla(monkeypatch):
    """Sin salida estándar (pythonw) o con una que no es un archivo, no hay nada que descartar."""
    from io import StringIO

    from xl_seguimiento.app import consola

    for salida in (None, StringIO()):
        monkeypatch.setattr(sys, "stdout", salida)
        consola.descartar_salida()


def test_una_salida_cerrada_no_cambia_el_codigo_de_un_lote_con_errores(tmp_path):
    """`… | findstr X` que se cierra antes del final: el lote con un libro dañado sigue saliendo con 2
    (antes, la tubería cerrada al vaciar la salida lo volvía 0)."""
    from apoyo import LIBRO_MUESTRA

    carpeta = tmp_path / "lote"
    carpeta.mkdir()
    shutil.copy(LIBRO_MUESTRA, carpeta / "bueno.xlsx")
    (carpeta / "danado.xlsx").write_bytes(b"no es un libro")
    proceso = subprocess.Popen(
        [sys.executable, "-m", "xl_seguimiento", "alertas", str(carpeta)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proceso.stdout.close()  # el resumen, corto, queda en el búfer hasta el final: ahí falla la tubería
    errores = proceso.stderr.read().decode()
    assert proceso.wait(timeout=120) == 2, errores
    assert "Error inesperado" not in errores and (carpeta / "bueno_alertas.xlsx").exists()
