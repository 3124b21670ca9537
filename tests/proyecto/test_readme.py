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
        "python3 tests/corpus.py corpus --tabla corpus.md --detalle corpus.tsv",
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
