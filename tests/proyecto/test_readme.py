"""El README es el manual de los usuarios: no puede perder las secciones ni las órdenes que necesitan."""

import re

import pytest
from apoyo import RAIZ

README = (RAIZ / "README.md").read_text(encoding="utf-8")


def test_empieza_con_las_dos_ordenes():
    bloques = re.findall(r"^    (\S.*)$", README.split("## ", 1)[0], re.MULTILINE)
    assert bloques[:2] == [
        'python3 -m pip install -e ".[dev]" && xl-seguimiento alertas workbook/seguimiento_produce_2024.xlsx',
        "python3 -m pytest -q",
    ]


def test_la_orden_de_pruebas_es_la_de_ci():
    assert "python3 -m pytest -q" in (RAIZ / ".ci" / "run").read_text(encoding="utf-8").splitlines()[-1]


@pytest.mark.parametrize(
    "seccion",
    [
        "## En Excel (Windows)",
        "### Instalar, una vez por usuario",
        "### Funciones en celdas",
        "### El botón «Generar alertas»",
        "### Seguridad: archivos de Internet, Vista protegida y macros",
        "### Excel en Mac",
        "## Línea de comandos (Windows, Mac y Linux)",
        "## La hoja «Alertas»",
        "### Imprimir o exportar a PDF",
        "## Lo que se conserva y lo que recibe la entrada mala",
        "### Libros de otros programas",
        "### Sus columnas: justificación, medida, responsable, plazo y estado",
        "## La hoja «Tablero»",
        "## El reporte de seguimiento",
    ],
)
def test_secciones_para_los_usuarios(seccion):
    assert f"\n{seccion}\n" in README


def test_la_seccion_de_excel_va_antes_que_la_linea_de_comandos():
    assert README.index("## En Excel (Windows)") < README.index("## Línea de comandos")


@pytest.mark.parametrize(
    "texto",
    [
        "py -m pip install xl_seguimiento-",  # la rueda, con el lanzador de python.org
        "py -m xl_seguimiento complemento instalar",
        "py -m xl_seguimiento complemento desinstalar",
        "cerrar Excel y volver a abrirlo",
        "=AVANCE(O6;L6;F6;G6)",  # separador de listas «;»
        "=AVANCE(O6,L6,F6,G6)",  # separador de listas «,»
        "=INDICE_GESTION(",
        "=COBERTURA_INDICE(",
        "=CATEGORIA_AVANCE(",
        "**Generar alertas**",
        "Vista protegida",
        "Desbloquear",
        "| en el libro original | qué pasa |",
        "| entrada | respuesta (código de salida 2, entrada intacta) |",
        "[--desde PREVIO.xlsx]",
        "python3 workbook/imagenes.py",
        "![Primera página impresa de «Alertas» del libro de muestra, dibujada por LibreOffice](docs/alertas.png)",
        "![Primera página impresa del Tablero del libro de muestra, dibujada por LibreOffice](docs/tablero.png)",
        "«Justificaciones de alertas que ya no aparecen»",
        "| Productor | Libros | openpyxl o LibreOffice ven sus hojas | Escrito y válido |",
        "xl-seguimiento reporte LIBRO.xlsx [-o LIBRO_reporte.docx]",
        "**Generar reporte**",
        "python3 workbook/imagen_reporte.py",
        "![Las primeras páginas del reporte de la muestra, dibujadas por LibreOffice](docs/reporte.png)",
    ],
)
def test_ordenes_y_ejemplos_que_los_usuarios_siguen(texto):
    assert texto in README


def test_las_funciones_documentadas_existen():
    from xl_seguimiento.excel import udfs
    from xl_seguimiento.excel.envolturas_vba import funciones

    for funcion in funciones(udfs):
        assert f"={funcion.__name__}(" in README


def test_el_ejemplo_de_la_api_funciona(tmp_path, monkeypatch):
    """El bloque de Python del README, tal cual, en una carpeta con el libro de muestra."""
    (bloque,) = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    libro = (RAIZ / "workbook" / "seguimiento_produce_2024.xlsx").read_bytes()
    (tmp_path / "seguimiento_produce_2024.xlsx").write_bytes(libro)
    (tmp_path / "libro.xlsx").write_bytes(libro)
    monkeypatch.chdir(tmp_path)
    espacio: dict[str, object] = {}
    exec(compile(bloque, "README.md", "exec"), espacio)
    assert espacio["informe"].indice.con_dato == 32
    assert len(espacio["tabla"]) == 41
    assert (tmp_path / "libro_alertas.xlsx").is_file()


@pytest.mark.parametrize("nombre", ["alertas.png", "tablero.png", "reporte.png"])
def test_las_imagenes_del_readme_estan_en_el_repositorio(nombre):
    imagen = RAIZ / "docs" / nombre
    assert imagen.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_el_ejemplo_json_trae_todos_los_parametros():
    """El documento de ejemplo de `--json` lista cada parámetro que la orden imprime (issue 20: faltaba uno)."""
    from xl_seguimiento.nucleo.parametros import PARAMETROS

    (bloque,) = re.findall(r'"parametros": \{(.*?)\}', README, re.DOTALL)
    assert re.findall(r'"(\w+)":', bloque) == list(PARAMETROS.como_dict())


def test_la_instalacion_para_analistas_no_usa_un_indice_publico():
    """El paquete no está en PyPI: `pip install "xl-seguimiento[pandas]"` falla; va la rueda o una copia."""
    assert 'pip install "xl-seguimiento[' not in README
    assert 'py -m pip install "xl_seguimiento-0.1.0-py3-none-any.whl[pandas]"' in README
    assert 'python3 -m pip install -e ".[pandas]"' in README


def test_lo_que_se_construye_no_entra_al_repositorio():
    ignorados = (RAIZ / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"dist/", "build/"} <= set(ignorados)


# La historia del desarrollo (fases medidas, decisiones de diseño, el corpus) vive en docs/ (issue
# 22): el README la enlaza y resume. Cada sección que salió sigue a un enlace de distancia.
@pytest.mark.parametrize(
    ("documento", "texto"),
    [
        ("docs/RENDIMIENTO.md", "python3 benchmarks/medir.py"),
        ("docs/RENDIMIENTO.md", "## Por qué no se cumple la meta de 2 ×, en números"),
        ("docs/DECISIONES.md", "| Sentido descendente | LE / VO × 100 |"),
        ("docs/CORPUS.md", "python3 tests/corpus.py corpus --tabla corpus.md --detalle corpus.tsv"),
    ],
)
def test_lo_que_salio_del_readme_esta_en_docs_y_enlazado(documento, texto):
    assert f"]({documento})" in README
    assert texto in (RAIZ / documento).read_text(encoding="utf-8")


def test_el_readme_no_lleva_el_diario_del_desarrollo():
    for diario in ("issue 15", "Qué cambió con", "Por fases a N", "antes del issue"):
        assert diario not in README
    assert "\n## Rendimiento\n" in README and "\n## Decisiones del proyecto\n" in README
