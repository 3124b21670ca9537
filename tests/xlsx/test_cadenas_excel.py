"""Cadenas de Excel (ST_Xstring, ECMA-376 Parte 1 §22.9.2.19): lo que el usuario escribe vuelve igual.

Un «_xHHHH_» literal se escribe «_x005F_xHHHH_» y un carácter de control que XML 1.0 no admite,
«_xHHHH_», como Excel y XlsxWriter. calamine (el lector del proyecto) los decodifica; openpyxl 3.1.5
no decodifica las cadenas de las celdas, así que se le aplica su propio `unescape`, el de Excel.
"""

import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from apoyo import LIBRO_MUESTRA
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

from xl_seguimiento.maqueta.anotaciones import VACIAS, Conciliacion, conciliar, leer_anotaciones
from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
from xl_seguimiento.xlsx.lectura.calamine import leer_hojas
from xl_seguimiento.xlsx.lectura.respaldo import leer_hojas_respaldo
from xl_seguimiento.xlsx.opc.xml_seguro import atributo_xml, cadena_excel, desde_cadena_excel, texto_xml


@pytest.mark.parametrize(
    ("texto", "escrito"),
    [
        ("nota _x0041_ literal", "nota _x005F_x0041_ literal"),
        ("_x005F_", "_x005F_x005F_"),
        ("a\x01b\x1fc", "a_x0001_b_x001F_c"),
        ("\x00\x7f", "_x0000_\x7f"),  # DEL es válido en XML
        ("tab\tsalto\nretorno\r", "tab\tsalto\nretorno\r"),  # XML los admite: quedan como están
        ("_x41_ _xZZZZ_ _X0041_ _x0041", "_x41_ _xZZZZ_ _X0041_ _x0041"),  # no son escapes
        # un control tras «_xHHHH»: su escape cierra un «_xHHHH_» que hay que escapar también
        ("_x0000\x1f", "_x005F_x0000_x001F_"),
    ],
)
def test_cadena_de_excel(texto, escrito):
    assert cadena_excel(texto) == escrito
    assert desde_cadena_excel(escrito) == texto


def test_no_caracteres_se_quitan():
    """U+FFFE y U+FFFF: XML 1.0 no los admite y calamine no decodifica «_xFFFE_» (solo hasta «_x00FF_»)."""
    assert cadena_excel("a\ufffeb\uffff") == "ab"


def test_sustitutos_sueltos_se_quitan():
    """Un sustituto suelto (UTF-16 roto, posible en un texto que llega de Excel por COM) no se puede
    codificar en UTF-8: se quita, como los no caracteres, en celdas y atributos."""
    assert cadena_excel("a\ud800b\udfffc") == "abc"
    assert texto_xml("x\udc00<") == "x&lt;"
    assert atributo_xml("'H\ud83d'!B2") == "'H'!B2"


def test_el_escape_va_antes_que_las_entidades_xml():
    assert texto_xml("<_x0041_&\x02\r>") == "&lt;_x005F_x0041_&amp;_x0002_&#13;&gt;"


# Texto cualquiera con los trozos difíciles a menudo: escapes literales, controles, CR y espacios de borde.
TROZOS = [
    "_x0041_",
    "_x005F_",
    "_x005f_x0041_",
    "_x0141_",
    "_x00",
    "\x01",
    "\x00",
    "\x1b",
    "\r\n",
    "\r",
    "\t",
    " ",
]
caracteres = st.characters(exclude_characters="\ufffe\uffff", exclude_categories=("Cs",))  # se quitan
textos = st.lists(st.one_of(st.text(caracteres, max_size=6), st.sampled_from(TROZOS)), max_size=6).map(
    "".join
)


@given(textos)
def test_ida_y_vuelta(texto):
    assert desde_cadena_excel(cadena_excel(texto)) == texto
    assert unescape(cadena_excel(texto)) == texto  # el de openpyxl decodifica igual


def escribir_y_leer(informe, valores, carpeta: Path, nombre: str) -> tuple[object, ...]:
    """Escribe la hoja «Alertas» con `valores` en la primera alerta y los lee como en una nueva corrida."""
    conciliacion = Conciliacion((valores, *(VACIAS,) * (len(informe.alertas) - 1)), ())
    salida = carpeta / nombre
    escribir_sin_perdidas(LIBRO_MUESTRA, salida, maquetar(informe, LIBRO_MUESTRA.name, conciliacion))
    (leida,) = leer_anotaciones(dict(leer_hojas(salida))["Alertas"])
    with zipfile.ZipFile(salida) as paquete:
        (respaldo,) = leer_anotaciones(dict(leer_hojas_respaldo(paquete))["Alertas"])
    assert respaldo.valores == leida.valores  # el lector de respaldo decodifica como calamine
    primera = informe.alertas[0]
    assert leida.clave == (primera.codigo or "—", primera.tipo.etiqueta, informe.anio, 0)
    return leida.valores


def leidos_por_openpyxl(ruta: Path) -> tuple[str, ...]:
    hoja = openpyxl.load_workbook(ruta)["Alertas"]
    filas = hoja.iter_rows(values_only=True)
    encabezado = (*COLUMNAS_DETALLE, *COLUMNAS_USUARIO)
    next(f for f in filas if tuple(f[: len(encabezado)]) == encabezado)
    primera = next(filas)[len(COLUMNAS_DETALLE) : len(encabezado)]
    return tuple(unescape(v) if isinstance(v, str) else "" for v in primera)


@settings(max_examples=12, deadline=None)
@given(st.lists(textos, min_size=len(COLUMNAS_USUARIO), max_size=len(COLUMNAS_USUARIO)))
def test_lo_escrito_en_las_columnas_del_usuario_vuelve_igual(informe_muestra, valores):
    """Cualquier texto, «_x0041_» y controles incluidos, sobrevive a una corrida y a la siguiente."""
    assume(any(v.strip() for v in valores))  # una fila sin nada escrito no es una anotación
    valores = tuple(valores)
    with tempfile.TemporaryDirectory() as nombre_carpeta:
        carpeta = Path(nombre_carpeta)
        primera = escribir_y_leer(informe_muestra, valores, carpeta, "uno.xlsx")
        assert primera == valores
        assert leidos_por_openpyxl(carpeta / "uno.xlsx") == valores
        previas = leer_anotaciones(dict(leer_hojas(carpeta / "uno.xlsx"))["Alertas"])
        otra_vez = conciliar(informe_muestra, previas).por_alerta[0]  # la corrida siguiente
        assert escribir_y_leer(informe_muestra, otra_vez, carpeta, "dos.xlsx") == valores
