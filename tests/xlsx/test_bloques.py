"""El cuerpo de una tabla como columnas (`maqueta.hoja.Columnas`): el escritor lo arma columna por
columna y debe dar el mismo XML que fila por fila; sus altos, los de `alto_de_fila` en cada fila."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from xl_seguimiento.maqueta.hoja import (
    FORMATOS,
    Celda,
    Columna,
    Columnas,
    Filas,
    Maqueta,
    alto_de_fila,
    altos_de_bloque,
    columna_numero_o_nd,
    numero_o_nd,
)
from xl_seguimiento.xlsx.escritura.estilos import agregar_estilos, hoja_de_estilos_vacia
from xl_seguimiento.xlsx.escritura.hoja import trozos_hoja
from xl_seguimiento.xlsx.opc.constantes import TRANSICIONAL
from xl_seguimiento.xlsx.opc.xml_seguro import atributo_xml, atributos_xml, texto_xml, textos_xml

INDICES = agregar_estilos(hoja_de_estilos_vacia(TRANSICIONAL.principal), "xl/styles.xml")
ANCHOS = (10, 20, 8)
ESTILOS = ("", "ajustado", "vinculo", "nd", "decimal", "encabezado_ajustado", "entrada", "titulo")
# Los textos que piden escape o cuidado: controles, «_xHHHH_» literal, espacios de borde, &<>, \r, vacío.
DIFICILES = (
    " empieza",
    "termina ",
    "a & b < c > d",
    "_x0041_",
    "ctl\x01",
    "\r",
    "dos\nlíneas",
    "",
    "\ufffe",
    "p\u2028q",
    "x\x1cy",
    "tab\tz" * 9,
)
valores = st.one_of(
    st.none(),
    st.sampled_from(DIFICILES),
    st.text(max_size=40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-5, 5),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)),
)


def xml(filas) -> str:
    maqueta = Maqueta("Hoja", filas, 1, max(len(filas), 1), "Tabla", ANCHOS)
    return b"".join(trozos_hoja(maqueta, INDICES, TRANSICIONAL, "rId1", "", b"")).decode()


def datos(xml_hoja: str) -> str:
    """Desde <sheetData> hasta el final (celdas, vínculos)."""
    return xml_hoja[xml_hoja.index("<sheetData>") :]


@st.composite
def bloques(draw, minimo=0) -> Columnas:
    n = draw(st.integers(minimo, 6))
    columnas = []
    for _ in range(draw(st.integers(1, 4))):
        vals = draw(st.lists(valores, min_size=n, max_size=n))
        uno = draw(st.booleans())
        estilo = (
            draw(st.sampled_from(ESTILOS[1:]))
            if uno
            else draw(st.lists(st.sampled_from(ESTILOS), min_size=n, max_size=n))
        )
        columnas.append(Columna(vals, estilo))
    return Columnas(tuple(columnas))


@settings(max_examples=300, deadline=None)
@given(bloques(), st.integers(1, 3))
def test_un_bloque_se_escribe_igual_que_sus_filas(bloque, antes):
    """Cualquier bloque (textos difíciles, números, fechas, vacías con y sin estilo) entre filas
    sueltas da el mismo XML que sus filas una por una."""
    sueltas = tuple((Celda(f"fila {i}", "titulo"),) for i in range(antes))
    con_bloque = Filas(sueltas, bloque, ((Celda("fin"),),))
    assert xml(con_bloque) == xml((*sueltas, *bloque, (Celda("fin"),)))


@settings(max_examples=300, deadline=None)
@given(bloques(minimo=1))
def test_altos_de_bloque_son_los_de_cada_fila(bloque):
    esperado = {k: a for k, fila in enumerate(bloque) if (a := alto_de_fila(fila, ANCHOS)) is not None}
    assert altos_de_bloque(bloque, ANCHOS) == esperado


def test_altos_de_bloque_a_mano():
    """Columna de 20 (21 caracteres por línea): 43 caracteres son 3 líneas, 45 puntos; un texto con
    dos saltos, 3 líneas aunque sea corto; un número o un estilo sin ajustar, una."""
    bloque = Columnas(
        (
            Columna(["x", "y", 1.5, "z"], "ajustado"),
            Columna(
                ["a" * 43, "b\nc\nd", "a" * 43, "a" * 21], ["ajustado", "ajustado", "titulo", "ajustado"]
            ),
        )
    )
    assert altos_de_bloque(bloque, ANCHOS) == {0: 45.0, 1: 45.0}
    assert altos_de_bloque(bloque, ANCHOS, primera=10) == {10: 45.0, 11: 45.0}


def test_bloque_escrito_a_mano():
    """El XML de un bloque chico, escrito a mano: textos y números con su estilo, «ND», una vacía con
    estilo, el vínculo del código y el alto de la fila larga."""
    s = {e: INDICES[e] for e in ("vinculo", "ajustado", "nd", "decimal", "entrada")}
    bloque = Columnas(
        (
            Columna(["C.1", "C.2"], ["vinculo", "ajustado"], ["'Matriz'!B5", ""]),
            Columna(["a & b", "x" * 25], "ajustado"),
            Columna([53.5, "ND"], ["decimal", "nd"]),
            Columna([None, None], "entrada"),
        )
    )
    maqueta = Maqueta("Hoja", Filas(bloque), 1, 2, "Tabla", ANCHOS, altos=((2, 30.0),))
    escrito = b"".join(trozos_hoja(maqueta, INDICES, TRANSICIONAL, "rId1", "", b"")).decode()
    texto = '<c s="{}" t="inlineStr"><is><t>{}</t></is></c>'.format
    assert datos(escrito).startswith(
        '<sheetData><row r="1">'
        + texto(s["vinculo"], "C.1")
        + texto(s["ajustado"], "a &amp; b")
        + f'<c s="{s["decimal"]}"><v>53.5</v></c><c s="{s["entrada"]}"/></row>'
        + '<row r="2" ht="30" customHeight="1">'
        + texto(s["ajustado"], "C.2")
        + texto(s["ajustado"], "x" * 25)
        + texto(s["nd"], "ND")
        + f'<c s="{s["entrada"]}"/></row></sheetData>'
        + '<hyperlinks><hyperlink ref="A1" location="\'Matriz\'!B5"/></hyperlinks>'
    )


def test_bloque_vacio_y_vinculos_como_fila_por_fila():
    vacio = Columnas((Columna([], "ajustado", []), Columna([], [])))
    assert xml(Filas(((Celda("a"),),), vacio)) == xml(((Celda("a"),),))
    assert len(vacio) == 0 and list(vacio) == []
    vinculos = ["'Hoja & 1'!A1", "", "'<x>'!B2", "_x0041_!C3"]
    bloque = Columnas(
        (Columna(["a", "b", "c", "d"], "ajustado"), Columna(["1", "2", "3", "4"], "vinculo", vinculos))
    )
    assert xml(Filas(bloque)) == xml(tuple(bloque))
    assert [c.vinculo for c in bloque[2]] == ["", "'<x>'!B2"]


def test_una_vacia_sin_estilo_antes_de_otra_escrita_lleva_su_referencia():
    """Una columna vacía y sin estilo en medio: las celdas que le siguen van con «r», como fila por fila."""
    bloque = Columnas(
        (Columna(["a", "b"], "ajustado"), Columna([None, None], ""), Columna([1, 2], "decimal"))
    )
    escrito = xml(Filas(bloque))
    assert escrito == xml(tuple(bloque))
    assert ' r="C1"' in escrito and ' r="C2"' in escrito


def test_filas_es_una_secuencia_de_filas():
    bloque = Columnas((Columna(["a", "b"], ["ajustado", "nd"], ["v", ""]), Columna([1.0, None], "decimal")))
    filas = Filas(((Celda("t"),),), bloque, ((), (Celda("z"),)))
    esperado = (
        (Celda("t"),),
        (Celda("a", "ajustado", "v"), Celda(1.0, "decimal")),
        (Celda("b", "nd"), Celda(None, "decimal")),
        (),
        (Celda("z"),),
    )
    assert len(filas) == 5 and tuple(filas) == esperado and filas == esperado
    assert [filas[i] for i in range(-5, 5)] == [*esperado, *esperado]
    assert filas[1:3] == esperado[1:3]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(DIFICILES), st.text(max_size=30)), max_size=8))
def test_escapes_de_una_columna_son_los_de_cada_texto(textos):
    assert list(textos_xml(textos)) == [texto_xml(t) for t in textos]
    assert list(atributos_xml(textos)) == [atributo_xml(t) for t in textos]


def test_escapes_de_una_columna_a_mano():
    assert list(textos_xml(["a<b", "c&d", "ok"])) == ["a&lt;b", "c&amp;d", "ok"]
    assert list(textos_xml(["_x0041_", "\x01", "ok"])) == ["_x005F_x0041_", "_x0001_", "ok"]
    sin_escapes = ["uno", "dos tres"]
    assert textos_xml(sin_escapes) is sin_escapes  # nada que escapar: la misma columna
    assert list(atributos_xml(["'A & B'!C1", 'x"y'])) == ["'A &amp; B'!C1", "x&quot;y"]


def test_los_estilos_de_prueba_existen():
    assert set(ESTILOS) - {""} <= set(FORMATOS)


def test_columna_numero_o_nd_es_numero_o_nd_en_cada_fila():
    valores = [1.5, None, 0.0, float("nan"), None]
    columna = columna_numero_o_nd(valores)
    sin_nan = [0, 1, 2, 4]  # NaN no es igual a sí mismo: se mira aparte
    assert [list(columna.celdas())[k] for k in sin_nan] == [numero_o_nd(valores[k]) for k in sin_nan]
    assert [c.estilo for c in columna.celdas()] == ["decimal", "nd", "decimal", "decimal", "nd"]
    assert [c.valor for c in columna.celdas()][:3] == [1.5, "ND", 0.0]


def test_numeros_repetidos_cada_uno_con_su_repr():
    """Columnas de números que se repiten (el `repr` se recuerda por valor): 0.0 y -0.0 son la misma
    clave y cada uno lleva el suyo, también en otra columna que empieza con el otro cero; con
    enteros en la columna (1 y 1.0, la misma clave), cada uno el suyo; «ND» entre números."""
    d, nd = INDICES["decimal"], INDICES["nd"]
    repetidos = [0.0, 2.5, -0.0, 1.0, "ND", 2.5, 100.0] * 400  # más que la muestra y pocos distintos
    otra = [-0.0, 0.0, 1e-05, 2.5, 1e16, 2.5, 0.0] * 400
    con_enteros = [7, 7.0, True, 0, -0.0, 7.0, 2.5] * 400  # primero el entero 7, luego 7.0
    bloque = Columnas(
        (
            Columna(con_enteros, "decimal"),
            Columna(repetidos, ["nd" if v == "ND" else "decimal" for v in repetidos]),
            Columna(otra, "decimal"),
        )
    )
    escrito = xml(Filas(bloque))
    igual_que_por_filas = escrito == xml(tuple(bloque))  # sin el diff de pytest de dos textos enormes
    assert igual_que_por_filas
    filas = escrito.split("<row ")[1:8]
    numeros = [
        ("7", "0.0", "-0.0"),
        ("7.0", "2.5", "0.0"),
        (None, "-0.0", "1e-05"),  # True: booleano
        ("0", "1.0", "2.5"),
        ("-0.0", None, "1e+16"),  # «ND»
        ("7.0", "2.5", "2.5"),
        ("2.5", "100.0", "0.0"),
    ]
    for i, (fila, valores) in enumerate(zip(filas, numeros, strict=True), start=1):
        celdas = [f'<c s="{d}"><v>{v}</v></c>' if v else "" for v in valores]
        celdas[0] = celdas[0] or f'<c s="{d}" t="b"><v>1</v></c>'
        celdas[1] = celdas[1] or f'<c s="{nd}" t="inlineStr"><is><t>ND</t></is></c>'
        assert fila == f'r="{i}">' + "".join(celdas) + "</row>"


def test_escapes_de_una_columna_con_cada_caracter():
    """Cada carácter de latin-1 y algunos más allá (la búsqueda de no imprimibles va por los bytes de
    latin-1 si la columna cabe en él), junto a textos comunes: igual que texto por texto."""
    for codigo in [*range(256), 0x2014, 0x2028, 0xFFFE, 0xD800]:
        textos = ["Índice de gestión", f"a{chr(codigo)}b", "x_y"]
        assert list(textos_xml(textos)) == [texto_xml(t) for t in textos]
        assert list(atributos_xml(textos)) == [atributo_xml(t) for t in textos]
    assert list(textos_xml(["ok", "a_x0041_"])) == ["ok", "a_x005F_x0041_"]  # imprimible, con «_x»


def test_altos_de_bloque_con_mas_filas_que_caracteres():
    """Más textos que el más largo de ellos (las líneas de cada largo se calculan una vez): cada alto,
    el de su fila; en la columna de 10 (10 caracteres por línea), 42 y 43 caracteres son 5 líneas
    y 21 y 22, 3; uno solo o ninguno, una línea."""
    textos = ["x" * (k % 50) for k in range(120)]
    bloque = Columnas((Columna(textos, "ajustado"), Columna(textos[::-1], "ajustado")))
    esperado = {k: a for k, fila in enumerate(bloque) if (a := alto_de_fila(fila, ANCHOS)) is not None}
    assert altos_de_bloque(bloque, ANCHOS) == esperado
    sola = Columnas((Columna(["x" * 43, "x" * 42, "x" * 22, "x" * 21, "", "x"] * 10, "ajustado"),))
    altos = {0: 75.0, 1: 75.0, 2: 45.0, 3: 45.0}
    assert altos_de_bloque(sola, ANCHOS) == {k: altos[k % 6] for k in range(60) if k % 6 in altos}


def test_tipos_y_estilos_distintos_de_una_columna():
    assert Columna([None] * 3, "entrada").tipos == {type(None)}
    assert Columna([], "entrada").tipos == frozenset()
    assert Columna([None, 0.0, "ND", None], "decimal").tipos == {type(None), float, str}
    assert Columna(["a", "b"], ["nd", "nd"]).distintos == {"nd"}
