"""Propiedades (hypothesis): cualquier contenido da un valor o un ND con motivo, nunca una excepción;
un libro mutado nunca tumba la línea de comandos ni cambia la entrada."""

import json
import math
import random
import shutil
import tempfile
import zipfile
from pathlib import Path

from apoyo import LIBRO_MUESTRA, reempaquetar
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from xl_seguimiento.app import cli
from xl_seguimiento.maqueta.hoja import Celda, Maqueta
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.presentacion import documento_json
from xl_seguimiento.nucleo.errores import ErrorSeguimiento
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.nucleo.valores import leer_valor
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas

SIGNIFICATIVOS = [
    "53%", "3,10%", "1.234,5", "1,234", "ND", "N.D.", "#N/A", "#DIV/0!", "-", "Sin dato", "Código",
    "Valores obtenidos", "Logros esperados", "Avance Tipo 1 (%)", "Sentido esperado", "Tipo de agregación",
    "ascendente", "descendente", "no_definido", "minimo permisible", "maximo permisible", "acumulado",
    "ISS.01.01.01.01", "ISS.01.01.01.02", "SS.01.01.01", "IOP.01.01", "OP.01", "LN.01.01",
    "Índice de gestión de la política nacional", 2023, 2024, 0, 0.5, -3, 1e308,
]  # fmt: skip
celdas = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.floats(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.datetimes(),
    st.sampled_from(SIGNIFICATIVOS),
)
ENCABEZADO = ["Código", "Denominación", "Sentido esperado", "Tipo de agregación", "Logros esperados", None,
              "Valores obtenidos", None, "Avance Tipo 1 (%)"]  # fmt: skip
SUB = [None, None, None, None, 2023, 2024, 2023, 2024, 2024]


@given(celdas)
def test_cualquier_celda_da_valor_o_nd_con_motivo(celda):
    valor = leer_valor(celda)
    assert (valor.numero is None) != (valor.motivo is None)
    assert valor.numero is None or math.isfinite(valor.numero)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(celdas, max_size=11), max_size=12), st.booleans())
def test_cualquier_cuadricula_da_informe_o_error_claro(cuerpo, con_encabezado):
    cuadricula = [ENCABEZADO, SUB, *cuerpo] if con_encabezado else cuerpo
    try:
        informe = analizar_libro([("Hoja", cuadricula)])
    except ErrorSeguimiento as error:
        assert str(error)
        return
    json.dumps(documento_json(informe), allow_nan=False)
    maqueta = maquetar(informe)
    assert maqueta.filas[maqueta.fila_tabla - 1][0].valor == "Nivel"
    for r in informe.indicadores:
        assert r.avance.valor is None or math.isfinite(r.avance.valor)
        assert (r.avance.valor is None) == bool(r.avance.motivo)


def mutar(datos: bytes, semilla: int) -> bytes:
    azar = random.Random(semilla)
    datos = bytearray(datos)
    for _ in range(azar.randint(1, 4)):
        inicio = azar.randrange(len(datos))
        largo = azar.randint(1, 200)
        match azar.choice(("borrar", "duplicar", "cambiar")):
            case "borrar":
                del datos[inicio : inicio + largo]
            case "duplicar":
                datos[inicio:inicio] = datos[inicio : inicio + largo]
            case "cambiar":
                datos[inicio : inicio + 1] = bytes([azar.randrange(256)])
    return bytes(datos)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml",
                        "xl/_rels/workbook.xml.rels", "_rels/.rels", "(zip)"]),
       st.integers(min_value=0, max_value=2**32))  # fmt: skip
@example(parte="(zip)", semilla=20003)  # índice central con un desplazamiento negativo: antes, OSError
def test_libros_mutados_nunca_tumban_la_cli(parte, semilla):
    with tempfile.TemporaryDirectory() as carpeta:
        ruta = Path(carpeta) / "mutado.xlsx"
        if parte == "(zip)":
            ruta.write_bytes(mutar(LIBRO_MUESTRA.read_bytes(), semilla))
        else:
            with zipfile.ZipFile(LIBRO_MUESTRA) as entrada:
                mutada = mutar(entrada.read(parte), semilla)
            reempaquetar(LIBRO_MUESTRA, ruta, {parte: mutada})
        antes = ruta.read_bytes()
        codigo = cli.main(["alertas", str(ruta), "--json"])
        assert codigo in (0, 2)  # 3 sería un error inesperado
        assert ruta.read_bytes() == antes


def test_copia_sana_pasa(tmp_path):
    ruta = tmp_path / "sano.xlsx"
    shutil.copy(LIBRO_MUESTRA, ruta)
    assert cli.main(["alertas", str(ruta), "--json"]) == 0


CARACTERES_DE_NOMBRE = "[]:*?/\\'"  # los que Excel no admite en el nombre de una hoja


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        st.characters(exclude_characters="\ufffe\uffff", exclude_categories=("Cs",)), min_size=1, max_size=40
    ),
    st.text(min_size=1, max_size=20),
)
def test_cualquier_texto_se_escribe_tal_cual(texto, nombre_hoja):
    """Escapes, espacios de borde, saltos de línea, controles y «_xHHHH_» literales: openpyxl lee lo que
    se escribió, decodificado como Excel (openpyxl 3.1.5 no decodifica las cadenas de las celdas). Los
    no caracteres U+FFFE y U+FFFF y los sustitutos sueltos se quitan (tests/xlsx/test_cadenas_excel.py)."""
    import openpyxl
    from openpyxl.utils.escape import unescape

    nombre = "".join(c for c in nombre_hoja if c not in CARACTERES_DE_NOMBRE and c.isprintable())[:31]
    maqueta = Maqueta(
        filas=((Celda(texto),), (Celda("X", "vinculo", f"'{nombre or 'Hoja'}'!B2"), Celda(texto, "decimal"))),
        fila_tabla=1,
        fila_fin_tabla=2,
        nombre=nombre.strip() or "Alertas",
        tabla="TablaAlertas",
    )
    with tempfile.TemporaryDirectory() as carpeta:
        salida = Path(carpeta) / "salida.xlsx"
        escribir_sin_perdidas(LIBRO_MUESTRA, salida, maqueta)
        hoja = openpyxl.load_workbook(salida)[maqueta.nombre]
        assert unescape(hoja["A1"].value or "") == texto
        assert unescape(hoja["B2"].value or "") == texto
        assert unescape(hoja["A2"].hyperlink.location) == f"'{nombre or 'Hoja'}'!B2"
