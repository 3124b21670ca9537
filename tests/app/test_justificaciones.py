"""Lo que el usuario escribe junto a cada alerta sobrevive a cada nueva ejecución, en los tres caminos.

Escenario a mano sobre la muestra: se escriben justificaciones en la salida con openpyxl; los datos
cambian (una alerta se resuelve, aparece otra) y se vuelve a ejecutar; luego cambia el año de
análisis y vuelve. Cada texto debe estar junto a su alerta o en la sección de las que ya no aparecen.
"""

import datetime
import json
import shutil
import string
import tempfile
from pathlib import Path

import openpyxl
from apoyo import LIBRO_MUESTRA
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_seguimiento import analizar
from xl_seguimiento.app import cli
from xl_seguimiento.maqueta.anotaciones import Anotacion, conciliar, leer_anotaciones
from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO, SECCION_HUERFANAS
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.xlsx.escritura.edicion import escribir_sin_perdidas
from xl_seguimiento.xlsx.lectura.calamine import leer_hoja

JUSTIFICACION = len(COLUMNAS_DETALLE) + 1  # columna H (desde 1)
RESUELTA = "ISS.01.03.03.01"  # bajo avance en 2024; con VO = LE deja de estarlo
SE_QUEDA = "ISS.01.04.02.02"  # bajo avance (2.5 de 3.4) que no cambia
NUEVA = "ISS.01.03.02.01"  # avance intermedio (0.44 de 0.53); con VO = 0.01 pasa a bajo
VO_2024, LE_2024 = 15, 12  # columnas O y L de la matriz de la muestra (desde 1)


def ejecutar(*argumentos, capsys=None):
    if capsys:
        capsys.readouterr()  # lo que imprimieron las ejecuciones anteriores
    codigo = cli.main(["alertas", *map(str, argumentos)])
    assert codigo == 0
    return json.loads(capsys.readouterr().out) if capsys and "--json" in argumentos else None


def filas_de_detalle(hoja):
    """(fila de Excel, código, tipo) de cada alerta de la tabla de detalle."""
    filas = list(hoja.iter_rows())
    inicio = next(
        i for i, f in enumerate(filas) if [c.value for c in f[:12]] == [*COLUMNAS_DETALLE, *COLUMNAS_USUARIO]
    )
    resultado = []
    for fila in filas[inicio + 1 :]:
        if fila[0].value is None:
            break
        resultado.append((fila[0].row, fila[1].value, fila[4].value))
    return resultado


def escribir(ruta, textos: dict[tuple[str, str], tuple]):
    """Escribe con openpyxl, como lo haría una persona, en las columnas del usuario de esas alertas."""
    libro = openpyxl.load_workbook(ruta)
    hoja = libro["Alertas"]
    for fila, codigo, tipo in filas_de_detalle(hoja):
        for j, valor in enumerate(textos.get((codigo, tipo), ())):
            celda = hoja.cell(fila, JUSTIFICACION + j)
            celda.value = valor
            if isinstance(valor, str):
                celda.data_type = "s"  # «=HOY()» escrito como texto, no como fórmula
    libro.save(ruta)


def cambiar_datos(origen, destino):
    """La muestra con la alerta RESUELTA resuelta y la NUEVA creada (valores obtenidos de 2024)."""
    libro = openpyxl.load_workbook(origen)
    hoja = libro.active
    for fila in hoja.iter_rows():
        codigo = fila[1].value
        if codigo == RESUELTA:
            fila[VO_2024 - 1].value = fila[LE_2024 - 1].value
        elif codigo == NUEVA:
            fila[VO_2024 - 1].value = 0.01
    libro.save(destino)
    return destino


def usuario(documento, codigo, tipo="bajo_avance"):
    return next(a["usuario"] for a in documento["alertas"] if a["codigo"] == codigo and a["tipo"] == tipo)


def test_lo_escrito_sigue_a_su_alerta_o_pasa_a_las_que_ya_no_aparecen(tmp_path, capsys):
    libro = tmp_path / "libro.xlsx"
    shutil.copy(LIBRO_MUESTRA, libro)
    ejecutar(libro)
    salida = tmp_path / "libro_alertas.xlsx"
    escribir(
        salida,
        {
            (RESUELTA, "Bajo avance"): (
                "Falta de presupuesto",
                "Reprogramar",
                "DGX",
                datetime.date(2025, 6, 30),
            ),
            (SE_QUEDA, "Bajo avance"): ("=HOY()", None, None, None, "En curso"),
        },
    )
    cambiar_datos(libro, libro)
    documento = ejecutar(libro, "--json", capsys=capsys)  # reemplaza la salida donde se escribió
    assert usuario(documento, SE_QUEDA) == {
        "justificacion": "=HOY()",  # texto, nunca fórmula
        "medida_correctiva": None,
        "responsable_medida": None,
        "plazo": None,
        "estado": "En curso",
    }
    assert all(v is None for v in usuario(documento, NUEVA).values())
    assert documento["ya_no_aparecen"] == [
        {
            "codigo": RESUELTA,
            "tipo": "bajo_avance",  # el vocabulario de «alertas», no la etiqueta de la hoja
            "anio": 2024,
            "justificacion": "Falta de presupuesto",
            "medida_correctiva": "Reprogramar",
            "responsable_medida": "DGX",
            "plazo": "2025-06-30",
            "estado": None,
        }
    ]
    hoja = openpyxl.load_workbook(salida)["Alertas"]
    textos = [c.value for fila in hoja.iter_rows() for c in fila]
    assert SECCION_HUERFANAS in textos and "Falta de presupuesto" in textos
    # Debajo de la tabla de detalle: las que ya no aparecen (con la lista de estados) y, tras ellas,
    # ALERTAS IDENTIFICADAS, adonde lleva el vínculo de la fila 4.
    seccion = next(c.row for c in hoja["A"] if c.value == SECCION_HUERFANAS)
    huerfana = next(c.row for c in hoja["A"] if c.value == RESUELTA and c.row > seccion)
    destino = int(hoja["A4"].hyperlink.location.removeprefix("'Alertas'!A"))
    assert max(f for f, _, _ in filas_de_detalle(hoja)) < seccion < huerfana < destino
    assert hoja[f"A{destino}"].value == "ALERTAS IDENTIFICADAS"
    estado = hoja.cell(huerfana, 3 + len(COLUMNAS_USUARIO)).coordinate
    assert any(v.type == "list" and estado in v.sqref for v in hoja.data_validations.dataValidation)
    fila_se_queda = next(f for f, c, t in filas_de_detalle(hoja) if c == SE_QUEDA and t == "Bajo avance")
    celda = hoja.cell(fila_se_queda, JUSTIFICACION)
    assert celda.value == "=HOY()" and celda.data_type == "s"
    sin_justificar = next(f[1].value for f in hoja.iter_rows() if f[0].value == "Alertas sin justificar")
    assert sin_justificar == len(documento["alertas"]) - 1

    # Otro año: todo lo escrito pasa a la sección; al volver al año, vuelve a su alerta.
    documento_2023 = ejecutar(libro, "--anio", "2023", "--json", capsys=capsys)
    assert {(h["codigo"], h["anio"]) for h in documento_2023["ya_no_aparecen"]} == {
        (RESUELTA, 2024),
        (SE_QUEDA, 2024),
    }
    documento_2024 = ejecutar(libro, "--json", capsys=capsys)
    assert usuario(documento_2024, SE_QUEDA)["justificacion"] == "=HOY()"
    assert [h["codigo"] for h in documento_2024["ya_no_aparecen"]] == [RESUELTA]


def test_desde_un_libro_anterior(tmp_path, capsys):
    anterior = tmp_path / "marzo_alertas.xlsx"
    shutil.copy(LIBRO_MUESTRA, tmp_path / "marzo.xlsx")
    ejecutar(tmp_path / "marzo.xlsx", "-o", anterior)
    escribir(anterior, {(SE_QUEDA, "Bajo avance"): ("Sin transferencias",)})
    nuevo = tmp_path / "abril.xlsx"
    shutil.copy(LIBRO_MUESTRA, nuevo)
    documento = ejecutar(nuevo, "--desde", anterior, "--json", capsys=capsys)
    assert usuario(documento, SE_QUEDA)["justificacion"] == "Sin transferencias"


def test_modo_por_lotes_conserva_lo_escrito(tmp_path):
    for nombre in ("a.xlsx", "b.xlsx"):
        shutil.copy(LIBRO_MUESTRA, tmp_path / nombre)
    ejecutar(tmp_path)
    escribir(tmp_path / "b_alertas.xlsx", {(SE_QUEDA, "Bajo avance"): ("Escrito en b",)})
    ejecutar(tmp_path)
    hoja = openpyxl.load_workbook(tmp_path / "b_alertas.xlsx")["Alertas"]
    fila = next(f for f, c, t in filas_de_detalle(hoja) if c == SE_QUEDA and t == "Bajo avance")
    assert hoja.cell(fila, JUSTIFICACION).value == "Escrito en b"
    consolidado = openpyxl.load_workbook(tmp_path / "consolidado_alertas.xlsx")["Alertas"]
    filas = [[c.value for c in f] for f in consolidado.iter_rows()]
    assert filas[0][-len(COLUMNAS_USUARIO) :] == list(COLUMNAS_USUARIO)
    copiadas = [f for f in filas if f[0] == "b.xlsx" and f[2] == SE_QUEDA and f[5] == "Bajo avance"]
    assert [f[1 + JUSTIFICACION - 1] for f in copiadas] == [
        "Escrito en b"
    ]  # con la columna «Archivo» delante


def test_por_lotes_desde_una_carpeta_de_salidas_anteriores(tmp_path, capsys):
    """Cada libro trae lo escrito de su LIBRO_alertas.xlsx en la carpeta de --desde; sin ella, nada."""
    marzo, abril = tmp_path / "marzo", tmp_path / "abril"
    for carpeta in (marzo, abril):
        carpeta.mkdir()
        for nombre in ("a.xlsx", "b.xlsx", "c.xlsx"):
            shutil.copy(LIBRO_MUESTRA, carpeta / nombre)
    ejecutar(marzo)
    escribir(marzo / "a_alertas.xlsx", {(SE_QUEDA, "Bajo avance"): ("Escrito en a",)})
    escribir(marzo / "b_alertas.xlsx", {(SE_QUEDA, "Bajo avance"): ("Escrito en b",)})
    (marzo / "c_alertas.xlsx").unlink()  # c es nuevo este mes: no trae nada
    documento = ejecutar(abril, "--desde", marzo, "--json", capsys=capsys)
    justificaciones = [usuario(d, SE_QUEDA)["justificacion"] for d in documento["libros"]]
    assert justificaciones == ["Escrito en a", "Escrito en b", None]
    capsys.readouterr()
    assert cli.main(["alertas", str(abril), "--desde", str(marzo)]) == 0
    assert f"Salidas anteriores encontradas en «{marzo}»: 2 de 3 libros." in capsys.readouterr().out


def test_por_lotes_desde_un_archivo_se_rechaza(tmp_path, capsys):
    for nombre in ("a.xlsx", "b.xlsx"):
        shutil.copy(LIBRO_MUESTRA, tmp_path / nombre)
    codigo = cli.main(["alertas", str(tmp_path), "--desde", str(tmp_path / "a.xlsx")])
    error = capsys.readouterr().err
    assert codigo == 2
    assert "Por lotes, --desde debe ser una carpeta" in error and "a.xlsx" in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # nada escrito


def test_un_libro_desde_una_carpeta_busca_su_salida_anterior(tmp_path, capsys):
    anterior = tmp_path / "marzo"
    anterior.mkdir()
    shutil.copy(LIBRO_MUESTRA, anterior / "libro.xlsx")
    ejecutar(anterior / "libro.xlsx")
    escribir(anterior / "libro_alertas.xlsx", {(SE_QUEDA, "Bajo avance"): ("De marzo",)})
    libro = shutil.copy(LIBRO_MUESTRA, tmp_path / "libro.xlsx")
    documento = ejecutar(libro, "--desde", anterior, "--json", capsys=capsys)
    assert usuario(documento, SE_QUEDA)["justificacion"] == "De marzo"
    otro = shutil.copy(LIBRO_MUESTRA, tmp_path / "otro.xlsx")
    assert cli.main(["alertas", str(otro), "--desde", str(anterior)]) == 2
    assert "no está «otro_alertas.xlsx»" in capsys.readouterr().err


TEXTOS = st.text(alphabet=string.ascii_letters + string.digits + " áéíóúñ=+-@.,;()%", min_size=1, max_size=30)
VALORES = st.one_of(
    st.none(),
    TEXTOS.filter(lambda t: t.strip()),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 4)),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)),
)
# «Plazo» tiene formato y validación de fecha: se lee como fecha (al segundo) o como texto pegado.
VALORES_PLAZO = st.one_of(
    st.none(),
    TEXTOS.filter(lambda t: t.strip()),
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)
    ),
)
FILA_DE_USUARIO = st.tuples(*[VALORES_PLAZO if c == "Plazo" else VALORES for c in COLUMNAS_USUARIO])
INFORME = analizar(LIBRO_MUESTRA)


@settings(max_examples=25, deadline=None)
@given(escritos=st.dictionaries(st.integers(0, len(INFORME.alertas) - 1), FILA_DE_USUARIO, max_size=8))
def test_cualquier_texto_escrito_sobrevive_dos_ejecuciones(escritos):
    """Lo escrito en cualquier alerta, escrito y leído dos veces por archivo, queda igual y en su lugar."""
    esperado = [escritos.get(i, ("",) * len(COLUMNAS_USUARIO)) for i in range(len(INFORME.alertas))]
    anotaciones = [
        Anotacion(a.codigo or "—", a.tipo.etiqueta, INFORME.anio, 0, v)
        for a, v in zip(INFORME.alertas, esperado, strict=True)
    ]
    conciliacion = conciliar(INFORME, _numeradas(anotaciones))
    with tempfile.TemporaryDirectory() as carpeta:
        for vuelta in range(2):
            salida = Path(carpeta) / f"vuelta{vuelta}.xlsx"
            escribir_sin_perdidas(LIBRO_MUESTRA, salida, maquetar(INFORME, "libro.xlsx", conciliacion))
            conciliacion = conciliar(INFORME, leer_anotaciones(leer_hoja(salida, "Alertas")))
            assert [tuple(_normal(v) for v in fila) for fila in conciliacion.por_alerta] == [
                tuple(_normal(v) for v in fila) for fila in esperado
            ]
            assert conciliacion.huerfanas == ()


def _numeradas(anotaciones):
    """El orden entre alertas iguales, como lo numera la lectura de la hoja."""
    vistas: dict[tuple, int] = {}
    resultado = []
    for a in anotaciones:
        n = vistas.get((a.codigo, a.tipo), 0)
        vistas[(a.codigo, a.tipo)] = n + 1
        resultado.append(a._replace(orden=n))
    return resultado


def _normal(valor):
    """Lo escrito tal como vuelve a leerse: vacío es None; números, fechas y horas, su número de serie.

    Una celda con formato de fecha (la columna «Plazo») se lee como fecha aunque se haya escrito un
    número: lo que se conserva es el valor de la celda, que Excel muestra igual.
    """
    if valor is None or valor == "":
        return None
    if isinstance(valor, datetime.date):  # la serie de Excel, con su 29 de febrero de 1900
        dia = valor.date() if isinstance(valor, datetime.datetime) else valor
        origen = (
            datetime.date(1899, 12, 30) if dia >= datetime.date(1900, 3, 1) else datetime.date(1899, 12, 31)
        )
        hora = valor.time() if isinstance(valor, datetime.datetime) else datetime.time()
        return round((dia - origen).days + (hora.hour * 3600 + hora.minute * 60 + hora.second) / 86400, 6)
    if isinstance(valor, datetime.time):
        return round((valor.hour * 3600 + valor.minute * 60 + valor.second) / 86400, 6)
    if isinstance(valor, int | float):
        return round(float(valor), 6)
    return valor


def test_las_que_ya_no_aparecen_usan_el_vocabulario_de_las_alertas(tmp_path, capsys):
    """La alerta de la política (sin código: «—» en la hoja) vuelve en JSON con `""` y `bajo_avance`."""
    libro = tmp_path / "libro.xlsx"
    shutil.copy(LIBRO_MUESTRA, libro)
    ejecutar(libro)
    escribir(tmp_path / "libro_alertas.xlsx", {("—", "Bajo avance"): ("Recorte presupuestal",)})
    documento = ejecutar(libro, "--anio", "2023", "--json", capsys=capsys)
    huerfana = next(h for h in documento["ya_no_aparecen"] if h["justificacion"] == "Recorte presupuestal")
    assert (huerfana["codigo"], huerfana["tipo"], huerfana["anio"]) == ("", "bajo_avance", 2024)
    politica = {(a["codigo"], a["tipo"]) for a in documento["alertas"] if a["nivel"] == "politica"}
    assert ("", "bajo_avance") in politica  # el mismo vocabulario que sus alertas
