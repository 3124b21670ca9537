"""Lectura por encabezados: posición libre, bloques repetidos, celdas de más, años del encabezado."""

import pytest
from apoyo import ENCABEZADO, LIBRO_MUESTRA, SUB, tabla_basica
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_seguimiento.nucleo.a1 import referencia
from xl_seguimiento.nucleo.errores import ErrorSeguimiento
from xl_seguimiento.nucleo.modelo import TipoAlerta
from xl_seguimiento.nucleo.motor import analizar_libro
from xl_seguimiento.nucleo.tabla import _texto, _textos, leer_tabla
from xl_seguimiento.nucleo.valores import VACIO, leer_valor
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas


def desplazar(filas, arriba, izquierda):
    return [[None] * 12] * arriba + [[None] * izquierda + list(f) for f in filas]


@pytest.mark.parametrize(("arriba", "izquierda"), [(0, 0), (3, 2), (10, 5)])
def test_la_tabla_puede_empezar_en_cualquier_celda(arriba, izquierda):
    tabla = leer_tabla(desplazar(tabla_basica(), arriba, izquierda), "Hoja")
    assert [i.codigo for i in tabla.indicadores] == ["ISS.01.01.01.01", "ISS.01.01.01.02"]
    assert tabla.titulo == "Matriz de prueba"
    assert tabla.indicadores[0].celda == referencia(arriba + 5, izquierda)
    assert tabla.anio == 2024


def test_anios_desde_el_encabezado_y_anio_pedido():
    informe = analizar_libro([("Hoja", tabla_basica())], anio=2023)
    avances = {r.indicador.codigo: r.avance.valor for r in informe.indicadores}
    assert avances == {"ISS.01.01.01.01": pytest.approx(80.0), "ISS.01.01.01.02": pytest.approx(75.0)}


def test_anio_que_no_esta_en_el_encabezado():
    with pytest.raises(ErrorSeguimiento, match="2030"):
        leer_tabla(tabla_basica(), "Hoja", 2030)


def test_bloques_de_encabezado_repetidos_y_columnas_vacias_al_final():
    filas = [*tabla_basica(), [], [*ENCABEZADO, None, None], SUB]
    filas.append(
        [
            "ISS.02.01.01.01",
            "Número de C",
            "DGY",
            "descendente",
            "no acumulado",
            10,
            8,
            12,
            10,
            80.0,
            None,
            "",
        ]
    )
    tabla = leer_tabla(filas, "Hoja")
    assert [i.codigo for i in tabla.indicadores][-1] == "ISS.02.01.01.01"
    assert tabla.indicadores[-1].extras == ()


def test_segundo_bloque_con_otra_grafia_y_otra_columna_de_codigo():
    """Cada bloque se reconoce por su propio encabezado, aunque «Código» se escriba distinto."""
    corrido = [None, "  CÓDIGO del indicador ", *ENCABEZADO[1:]]
    fila = [None, "ISS.02.01.01.01", "Número de C", "DGY", "descendente", "no acumulado", 10, 8, 12, 10, 80.0]
    filas = [*tabla_basica(), [], corrido, [None, *SUB], fila]
    informe = analizar_libro([("Hoja", filas)])
    avances = {r.indicador.codigo: r.avance.valor for r in informe.indicadores}
    # Descendente, 2024: logro esperado / valor obtenido × 100 = 8 / 10 × 100.
    assert avances["ISS.02.01.01.01"] == pytest.approx(80.0)
    assert len(avances) == 3


def test_celda_de_mas_sin_encabezado():
    filas = tabla_basica()
    filas[5] = [*filas[5], 51.0]
    (extra,) = leer_tabla(filas, "Hoja").indicadores[0].extras
    assert extra.referencia == "K6"
    assert extra.valor.numero == 51.0


def test_columnas_en_otro_orden():
    orden = [0, 1, 2, 3, 4, 7, 8, 5, 6, 9]
    filas = [
        [f[i] if i < len(f) else None for i in orden] if k in (2, 3, 5, 6) else f
        for k, f in enumerate(tabla_basica())
    ]
    informe = analizar_libro([("Hoja", filas)])
    assert informe.indicadores[0].avance.valor == pytest.approx(50.0)


def test_sin_tabla_es_error_claro():
    with pytest.raises(ErrorSeguimiento, match="No se encontró la tabla de seguimiento"):
        analizar_libro([("Hoja1", [["hola"]]), ("Alertas", tabla_basica())])


def test_codigo_repetido_es_inconsistencia():
    filas = tabla_basica()
    filas.append(list(filas[5]))
    informe = analizar_libro([("Hoja", filas)])
    assert any("código repetido" in a.mensaje for a in informe.alertas)
    assert informe.indice.total == 2


def test_sentido_contrario_a_la_tendencia_es_inconsistencia():
    filas = tabla_basica()
    filas[5] = ["ISS.01.01.01.01", "Número de A", "DGX", "ascendente", "no acumulado", 20, 10, 8, 10, 100.0]
    informe = analizar_libro([("Hoja", filas)])
    mensajes = [a.mensaje for a in informe.alertas if a.codigo == "ISS.01.01.01.01"]
    assert any("contrario a la tendencia" in m and "bajan de 20 (2023) a 10 (2024)" in m for m in mensajes)


def test_texto_ambiguo_en_la_tabla_es_inconsistencia_que_cita_el_texto():
    filas = tabla_basica()
    filas[5][6] = "2.500"  # logro esperado 2024 de ISS.01.01.01.01: ¿2,5 o 2 500?
    filas[5][9] = None  # sin avance registrado, que daría otra inconsistencia
    informe = analizar_libro([("Hoja", filas)])
    (alerta,) = [a for a in informe.alertas if a.codigo == "ISS.01.01.01.01"]
    assert alerta.tipo is TipoAlerta.INCONSISTENCIA and alerta.avance is None
    assert "logro esperado 2024: «2.500»" in alerta.mensaje and "miles o decimales" in alerta.mensaje
    assert informe.indice.valor == pytest.approx(90.0)  # solo cuenta ISS.01.01.01.02 (45 % / 50 %)


def test_tipo_de_agregacion_mal_escrito_es_inconsistencia_y_no_no_acumulado():
    """«acumulad» en «Tipo de agregación»: antes se calculaba como no acumulado (10 / 20 = 50)."""
    filas = tabla_basica()
    filas[5][4] = "acumulad"
    filas[5][9] = None  # sin avance registrado, que daría otra inconsistencia
    informe = analizar_libro([("Hoja", filas)])
    (alerta,) = [a for a in informe.alertas if a.codigo == "ISS.01.01.01.01"]
    assert alerta.tipo is TipoAlerta.INCONSISTENCIA and alerta.avance is None
    assert "tipo de agregación no reconocido: «acumulad»" in alerta.mensaje
    assert informe.indice.valor == pytest.approx(90.0)  # solo ISS.01.01.01.02 (45 % / 50 %)


@pytest.mark.parametrize("agregacion", ["", "No acumulado", "no_agregable", "Mínimo permisible"])
def test_tipos_de_agregacion_reconocidos_no_son_inconsistencia(agregacion):
    filas = tabla_basica()
    filas[5][3], filas[5][4] = ("no_definido" if "permisible" in agregacion else "ascendente"), agregacion
    filas[5][9] = None  # el avance registrado (50) solo vale para el cociente
    informe = analizar_libro([("Hoja", filas)])
    assert not [a for a in informe.alertas if a.tipo is TipoAlerta.INCONSISTENCIA]


def test_linea_base_de_una_columna_o_del_grupo_anio_y_valor():
    """«Línea base» sola (su columna es el valor) o sobre «Año» y «valor», como en el extracto real."""
    una = tabla_basica()
    una[2] = [*ENCABEZADO, "Línea base"]
    una[5] = [*una[5], 24]
    una[6] = [*una[6], "40%"]
    assert [i.linea_base for i in leer_tabla(una, "Hoja").indicadores] == [
        leer_valor(24),
        leer_valor("40%"),
    ]
    grupo = tabla_basica()
    grupo[2] = [*ENCABEZADO, "Linea base", None]
    grupo[3] = [*SUB, "Año", "valor"]
    grupo[5] = [*grupo[5], 2021, 7]
    assert leer_tabla(grupo, "Hoja").indicadores[0].linea_base == leer_valor(7)
    assert leer_tabla(tabla_basica(), "Hoja").indicadores[0].linea_base == VACIO  # sin la columna


def test_linea_base_de_la_muestra(informe_muestra):
    linea_base = {r.indicador.codigo: r.indicador.linea_base for r in informe_muestra.indicadores}
    assert linea_base["ISS.01.03.02.01"] == leer_valor(0)
    assert all(v is not None for v in linea_base.values())


@pytest.mark.parametrize(
    ("texto", "motivo"), [("2.500", "separar miles o decimales"), ("abc", "texto no numérico")]
)
def test_un_texto_ilegible_de_un_anio_anterior_se_anota_con_su_celda(texto, motivo):
    """K9 de la muestra (logro esperado 2023 de ISS.01.03.03.01): antes ese año salía en silencio de
    la serie y del bajo avance persistente; ahora es una inconsistencia que nombra la celda."""
    ((hoja, cuadricula),) = list(leer_hojas(LIBRO_MUESTRA))
    filas = [list(f) for f in cuadricula]
    assert (filas[8][1], filas[8][10]) == ("ISS.01.03.03.01", 2000)  # B9 y K9
    filas[8][10] = texto
    informe = analizar_libro([(hoja, filas)])
    (alerta,) = [
        a for a in informe.alertas if a.codigo == "ISS.01.03.03.01" and a.tipo is TipoAlerta.INCONSISTENCIA
    ]
    assert (
        alerta.celda == "K9"
        and f"logro esperado 2023: «{texto}»" in alerta.mensaje
        and motivo in alerta.mensaje
    )
    assert "queda fuera de la serie" in alerta.mensaje


def test_observaciones_de_un_bloque_en_el_orden_de_las_filas():
    """Los indicadores de un bloque se leen por columnas, pero lo ilegible de un año anterior, los
    códigos repetidos (del mismo bloque o de uno anterior) y las relevancias sin número se anotan
    en el orden de las filas, con su celda; una fila corta se completa con celdas vacías."""
    encabezado = [*ENCABEZADO, "Relevancia"]
    segundo = [
        encabezado,
        [*SUB, None],
        ["ISS.01.01.01.03", "C", "DGX", "ascendente", "no acumulado", "abc", 10, 5, 10, 100.0, "alta"],
        ["ISS.01.01.01.01", "A otra vez", "DGX", "ascendente", "no acumulado", 1, 1, 1, 1, 100.0, 1],
        ["ISS.01.01.01.04", "D", "DGX", "ascendente", "no acumulado", 10, 10, "#N/A", 10],  # corta
        ["ISS.01.01.01.03", "C otra vez", "DGX", "ascendente", "no acumulado", 1, 1, 1, 1, 100.0, 1],
    ]
    tabla = leer_tabla([*tabla_basica(), [], *segundo], "Hoja")
    assert [(o.codigo, o.celda) for o in tabla.observaciones] == [
        ("ISS.01.01.01.03", "F11"),  # logro esperado 2023 «abc»
        ("ISS.01.01.01.01", "A12"),  # repetido del primer bloque (A6)
        ("ISS.01.01.01.04", "H13"),  # valor obtenido 2023 «#N/A»
        ("ISS.01.01.01.03", "A14"),  # repetido del mismo bloque (A11)
    ]
    assert "ya aparece en A6" in tabla.observaciones[1].mensaje
    assert "ya aparece en A11" in tabla.observaciones[3].mensaje
    assert [(o.codigo, o.celda) for o in tabla.relevancias_sin_numero] == [
        ("ISS.01.01.01.03", "K11"),
        ("ISS.01.01.01.04", "K13"),
    ]
    cuarto = tabla.indicadores[-1]
    assert [i.codigo for i in tabla.indicadores][2:] == ["ISS.01.01.01.03", "ISS.01.01.01.04"]
    assert (cuarto.relevancia, cuarto.avance_registrado, cuarto.extras) == (1.0, VACIO, ())
    assert cuarto.obtenidos[2023].motivo is not None and cuarto.logros[2024] == leer_valor(10)


def test_responsables_que_no_son_texto_se_leen_cada_uno_con_su_tipo():
    """Los textos de una columna se leen una vez por texto distinto; 1, 1.0 y True no se confunden."""
    filas = tabla_basica()
    filas[5][2], filas[6][2] = 1.0, True
    filas.append(["ISS.01.01.01.03", "C", 1, "ascendente", "no acumulado", 10, 20, 8, 10, 50.0])
    filas.append(["ISS.01.01.01.04", "D", "  DG  Y ", "ascendente", "no acumulado", 10, 20, 8, 10, 50.0])
    tabla = leer_tabla(filas, "Hoja")
    assert [i.responsable for i in tabla.indicadores] == ["1.0", "True", "1", "DG Y"]


def test_celdas_a_la_derecha_del_encabezado_con_filas_del_mismo_largo():
    """Como las da calamine: todas las filas con el ancho de la hoja. Un 0 a la derecha del encabezado
    es un valor (la fila está desalineada); un texto vacío o None no."""
    filas = [[*f, None, None] if f[:1] and str(f[0]).startswith("ISS") else f for f in tabla_basica()]
    filas[5][11] = 0.0
    filas[6][10] = ""
    filas.append(["ISS.01.01.01.03", "C", "DGX", "ascendente", "no acumulado", 1, 2, 1, 2, 100.0, None, "x"])
    tabla = leer_tabla(filas, "Hoja")
    extras = {
        i.codigo: [(e.referencia, e.valor.numero, e.valor.texto) for e in i.extras] for i in tabla.indicadores
    }
    assert extras == {
        "ISS.01.01.01.01": [("L6", 0.0, "")],
        "ISS.01.01.01.02": [],
        "ISS.01.01.01.03": [("L8", None, "x")],
    }


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.text(alphabet=" ab|\t\n\u00a0\x00\u2003\x1c\u200bé\xad", max_size=5)),
        max_size=4,
    )
)
def test_textos_de_una_columna_como_el_texto_de_cada_celda(celdas):
    """La revisión de una vez de una columna de textos da lo mismo que `_texto` celda por celda."""
    assert _textos(celdas) == [_texto(c) for c in celdas]


def test_ningun_blanco_salvo_el_espacio_es_imprimible():
    """En eso se apoya la revisión de una vez de `_textos`."""
    blancos = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert [b for b in blancos if b.isprintable()] == [" "]


def test_bloques_largos_con_la_columna_del_codigo_cambiada_a_mitad_de_un_tramo():
    """Los códigos se leen por tramos de filas: un encabezado nuevo (con «Código» en otra columna)
    a mitad de un tramo y filas sin código entre los datos no cambian lo leído."""
    fila = ["", "Número", "DGX", "ascendente", "no acumulado", 10, 20, 8, 10, 50.0]
    primeros = [[f"ISS.01.01.01.{k:02d}", *fila[1:]] for k in range(1, 1501)]
    primeros[700:700] = [[], ["Índice de gestión", None, 80.0]]
    segundos = [[None, f"ISS.02.01.01.{k:02d}", *fila[1:]] for k in range(1, 701)]
    cuadricula = [
        ["Matriz"],
        ENCABEZADO,
        SUB,
        *primeros,
        [None, *ENCABEZADO],
        [None, *SUB],
        *segundos,
    ]
    tabla = leer_tabla(cuadricula, "Hoja")
    codigos = [i.codigo for i in tabla.indicadores]
    assert codigos == [f[0] for f in primeros if f and f[0].startswith("ISS")] + [f[1] for f in segundos]
    assert tabla.indicadores[700].celda == "A706"  # tras la fila vacía y la del índice
    assert tabla.indicadores[1500].celda == f"B{len(primeros) + 6}"
    assert tabla.indice_registrado is not None and tabla.indice_registrado.valor == leer_valor(80.0)


def test_encabezados_repetidos_en_un_tramo_con_la_misma_columna_del_codigo_y_con_otra():
    """Un encabezado repetido con «Código» en la misma columna no cambia lo leído de las filas que
    siguen en el tramo; el siguiente, con «Código» en otra columna, las hace leer de nuevo."""
    fila = ["Número", "DGX", "ascendente", "no acumulado", 10, 20, 8, 10, 50.0]
    a = [[f"ISS.01.01.01.{k:02d}", *fila] for k in range(1, 31)]
    b = [[f"ISS.02.01.01.{k:02d}", *fila] for k in range(1, 21)]
    c = [[f"ISS.03.01.01.{k:02d}", f"ISS.09.01.01.{k:02d}", *fila] for k in range(1, 11)]
    cuadricula = [ENCABEZADO, SUB, *a, ENCABEZADO, SUB, *b, [None, *ENCABEZADO], [None, *SUB], *c]
    tabla = leer_tabla(cuadricula, "Hoja")
    codigos = [f[0] for f in a + b] + [f[1] for f in c]  # en el tercer bloque, la columna B
    assert [i.codigo for i in tabla.indicadores] == codigos
    assert [tabla.indicadores[k].celda for k in (0, 30, 50, 59)] == ["A3", "A35", "B57", "B66"]


def test_columna_sin_encabezado_dentro_del_bloque_con_filas_del_mismo_largo():
    """Una columna sin encabezado entre las del bloque: solo una celda con algo escrito es un valor de
    más; "" , None o solo espacios no, aunque todas las filas tengan el mismo largo (como en calamine)."""
    filas = [[*f[:3], None, *f[3:]] if len(f) > 3 else f for f in tabla_basica()]
    filas[2][3] = filas[3][3] = None  # encabezado y años: sin nada sobre la columna D
    filas[5][3], filas[6][3] = 5.0, ""
    filas.append(["ISS.01.01.01.03", "C", "DGX", "   ", "ascendente", "no acumulado", 1, 2, 1, 2, 100.0])
    filas.append(["ISS.01.01.01.04", "D", "DGX", None, "ascendente", "no acumulado", 1, 2, 1, 2, 100.0])
    filas.append(["ISS.01.01.01.05", "E", "DGX", "x", "ascendente", "no acumulado", 1, 2, 1, 2, 100.0])
    tabla = leer_tabla(filas, "Hoja")
    extras = {
        i.codigo: [(e.referencia, e.valor.numero, e.valor.texto) for e in i.extras] for i in tabla.indicadores
    }
    assert extras == {
        "ISS.01.01.01.01": [("D6", 5.0, "")],
        "ISS.01.01.01.02": [],
        "ISS.01.01.01.03": [],
        "ISS.01.01.01.04": [],
        "ISS.01.01.01.05": [("D10", None, "x")],
    }
    assert tabla.indicadores[1].avance_registrado == leer_valor(90.0)


def test_nombres_de_objetivos_lineamientos_y_servicios_como_el_texto_de_su_celda():
    """El nombre de cada código que no es de un indicador es el texto de su celda de denominación
    (sin espacios de más; un número, como texto); si el código se repite, vale el primero."""
    filas = tabla_basica()
    filas[4] = ["SS.01.01.01", "  Servicio   uno "]
    filas[7:7] = [["OP.01", 12.0], ["LN.01.01"], ["SS.01.01.01", "Otro nombre"], ["SS.01.01.02", "Dos"]]
    filas += [ENCABEZADO, SUB, ["SS.01.01.02", "Dos otra vez"], ["SS.01.01.03", None], ["OP.02", True]]
    tabla = leer_tabla(filas, "Hoja")
    assert tabla.nombres == {
        "SS.01.01.01": "Servicio uno",
        "OP.01": "12.0",
        "LN.01.01": "",
        "SS.01.01.02": "Dos",
        "SS.01.01.03": "",
        "OP.02": "True",
    }
    assert list(tabla.nombres) == ["SS.01.01.01", "OP.01", "LN.01.01", "SS.01.01.02", "SS.01.01.03", "OP.02"]
