"""Lo que se recuerda o se salta para abaratar cada libro de un lote da lo mismo que hacerlo entero."""

import zipfile

import pytest
from lxml import etree

from xl_seguimiento.xlsx.escritura import estilos
from xl_seguimiento.xlsx.escritura.estilos import agregar_estilos, estilos_agregados, hoja_de_estilos_vacia
from xl_seguimiento.xlsx.opc.constantes import ESTRICTO, TRANSICIONAL
from xl_seguimiento.xlsx.opc.xml_seguro import xml_bytes


def _estilos_de(libro) -> bytes:
    with zipfile.ZipFile(libro) as paquete:
        return paquete.read("xl/styles.xml")


def _agregados_uno_a_uno(datos: bytes | None, espacio: str, veces: int) -> tuple[bytes, dict[str, int]]:
    """Como lo hacía la edición: la misma raíz, leída una vez, y `agregar_estilos` `veces` veces."""
    raiz = hoja_de_estilos_vacia(espacio) if datos is None else etree.fromstring(datos)
    for _ in range(veces):
        indices = agregar_estilos(raiz, "xl/styles.xml")
    return xml_bytes(raiz), indices


@pytest.mark.parametrize("origen", ["muestra", "salida anterior", "sin estilos", "estricto sin estilos"])
def test_estilos_agregados_como_agregar_estilos_cada_vez(origen, libro_muestra, salida_muestra):
    """Cada vez (la hoja «Alertas», la del tablero, una tercera) da los bytes y los índices de volver a
    llamar `agregar_estilos` sobre la raíz que dejó la anterior: la segunda ya no agrega nada y cada
    estilo toma el primer elemento idéntico."""
    datos, espacio = {
        "muestra": (_estilos_de(libro_muestra), TRANSICIONAL.principal),
        "salida anterior": (_estilos_de(salida_muestra), TRANSICIONAL.principal),
        "sin estilos": (None, TRANSICIONAL.principal),
        "estricto sin estilos": (None, ESTRICTO.principal),
    }[origen]
    for vez in range(3):
        assert estilos_agregados(datos, espacio, "xl/styles.xml", vez) == _agregados_uno_a_uno(
            datos, espacio, vez + 1
        )
    primera, segunda = (estilos_agregados(datos, espacio, "xl/styles.xml", vez) for vez in range(2))
    assert primera[0] == segunda[0]  # la segunda hoja no agrega nada
    if origen == "salida anterior":  # ya traía los estilos: los reusa y no agrega nada
        assert primera[0] == xml_bytes(etree.fromstring(datos))


def test_estilos_recordados_no_se_comparten_ni_crecen_sin_limite(libro_muestra):
    datos = _estilos_de(libro_muestra)
    _, indices = estilos_agregados(datos, TRANSICIONAL.principal, "xl/styles.xml", 0)
    indices["titulo"] = -1  # quien llama puede cambiar lo suyo sin cambiar lo recordado
    assert estilos_agregados(datos, TRANSICIONAL.principal, "xl/styles.xml", 0)[1]["titulo"] != -1
    for n in range(estilos.HOJAS_RECORDADAS + 3):
        variante = datos.replace(b"</styleSheet>", f"<!-- {n} --></styleSheet>".encode())
        estilos_agregados(variante, TRANSICIONAL.principal, "xl/styles.xml", 0)
    assert len(estilos._recordadas) == estilos.HOJAS_RECORDADAS


def _altos_de_prueba(altos: tuple[tuple[int, float], ...], caso: str) -> tuple[tuple[int, float], ...]:
    """Los altos del tablero de muestra, o unos que mueven los gráficos: filas bajas (y una oculta, de
    alto 0) bajo los gráficos, que así bajan hasta filas de la tabla con su propio alto."""
    if caso == "muestra":
        return altos
    bajos = {i: (0.0 if i == 8 else 1.5) for i in range(6, 30)}
    return tuple(sorted({**dict(altos), **bajos, 36: 100.0, 60: 3.0}.items()))


@pytest.mark.parametrize("caso", ["muestra", "filas bajas"])
def test_el_dibujo_no_depende_de_las_filas_bajo_los_graficos(caso, informe_muestra, monkeypatch):
    """XlsxWriter recibe solo los altos de las filas que un gráfico puede cubrir: el dibujo, los
    gráficos y los minigráficos son los mismos que dándole todas."""
    from dataclasses import replace

    from xl_seguimiento.maqueta.tablero import maquetar_tablero
    from xl_seguimiento.xlsx.escritura import dibujo

    tablero = maquetar_tablero(informe_muestra)
    tablero = tablero._replace(hoja=replace(tablero.hoja, altos=_altos_de_prueba(tablero.hoja.altos, caso)))
    recortado = dibujo.dibujar(tablero)
    # Los gráficos ocupan las filas 6 a 29; con filas bajas, el de abajo baja hasta la fila 36 (de 100 puntos).
    assert dibujo._ultima_fila_de_graficos(tablero) == (30 if caso == "muestra" else 37)
    monkeypatch.setattr(dibujo, "_ultima_fila_de_graficos", lambda _: 10**6)
    assert recortado == dibujo.dibujar(tablero)


@pytest.mark.parametrize(
    "tamanos",
    [[], [10], [10, 20, 30], [300_000], [10, 300_000, 5, 400_000, 7], [300_000, 10]],
    ids=["nada", "uno chico", "chicos", "uno grande", "chicos y grandes", "grande y chico"],
)
def test_comprimir_da_el_deflate_de_la_parte_entera(tamanos, monkeypatch):
    """Con los trozos chicos aquí mismo y los grandes en otro hilo (cuántos hilos se crean lo dice
    cada caso), los bytes, el CRC y el tamaño de comprimir la parte entera de una vez."""
    import random
    import zlib

    from xl_seguimiento.xlsx.opc import zipcrudo

    azar = random.Random(len(tamanos))
    trozos = [bytes(azar.choice(b"<row>abc123") for _ in range(n)) for n in tamanos]
    hilos = []
    hilo = zipcrudo.ThreadPoolExecutor
    monkeypatch.setattr(zipcrudo, "ThreadPoolExecutor", lambda **k: hilos.append(1) or hilo(**k))
    parte = b"".join(trozos)
    compresor = zlib.compressobj(zipcrudo.NIVEL_COMPRESION, zlib.DEFLATED, -15)
    esperada = zipcrudo.Comprimida(
        compresor.compress(parte) + compresor.flush(), zlib.crc32(parte), len(parte)
    )
    resultado = zipcrudo.comprimir(iter(trozos))
    en_hilo = any(n >= zipcrudo.TROZO_GRANDE for n in tamanos)
    assert len(hilos) == (1 if en_hilo else 0)
    # con hilo, comprimir vuelve sin esperarlo: el resultado llega al pedirlo
    assert isinstance(resultado, zipcrudo.Future) == en_hilo
    assert zipcrudo.comprimida(resultado) == esperada


def test_dibujos_recordados_solo_con_lo_que_ve_xlsxwriter(informe_muestra, monkeypatch):
    """Un tablero con los mismos anchos, altos de las filas de los gráficos, gráficos y primer
    minigráfico reusa lo que escribió XlsxWriter; cualquier cambio en eso lo vuelve a escribir."""
    from dataclasses import replace

    from xl_seguimiento.maqueta.tablero import maquetar_tablero
    from xl_seguimiento.xlsx.escritura import dibujo

    dibujo._partes_de_xlsxwriter.cache_clear()
    escrituras = []
    libro_xlsxwriter = dibujo._libro_xlsxwriter
    monkeypatch.setattr(dibujo, "_libro_xlsxwriter", lambda *a: escrituras.append(1) or libro_xlsxwriter(*a))
    tablero = maquetar_tablero(informe_muestra)
    primero, segundo = dibujo.dibujar(tablero), dibujo.dibujar(tablero)
    assert primero == segundo and primero.graficos is not segundo.graficos and len(escrituras) == 1
    altos = dict(tablero.hoja.altos)
    bajo_la_tabla = tablero._replace(hoja=replace(tablero.hoja, altos=tuple({**altos, 80: 99.0}.items())))
    assert dibujo.dibujar(bajo_la_tabla) == primero and len(escrituras) == 1
    filas_de_graficos = tablero._replace(hoja=replace(tablero.hoja, altos=tuple({**altos, 7: 40.0}.items())))
    otro_ancla = dibujo.dibujar(filas_de_graficos)
    assert len(escrituras) == 2 and otro_ancla.dibujo != primero.dibujo
    otro_tope = tablero._replace(graficos=(tablero.graficos[0]._replace(maximo=150.0), *tablero.graficos[1:]))
    con_otro_tope = dibujo.dibujar(otro_tope)
    assert len(escrituras) == 3 and b'<c:max val="150.0"/>' in con_otro_tope.graficos["rId1"]
    assert b'<c:max val="150.0"/>' not in primero.graficos["rId1"]


def test_partes_chicas_recordadas_dan_su_deflate_y_no_crecen_sin_limite():
    """Una parte ya comprimida (la misma en cada libro de un lote) se entrega sin volver a comprimirla:
    sus bytes se descomprimen en la parte y su CRC y su tamaño son los de la parte; hay un límite de
    partes y de tamaño."""
    import zlib

    from xl_seguimiento.xlsx.opc import zipcrudo

    zipcrudo._deflate_recordado.cache_clear()
    parte = b'<?xml version="1.0"?><c:chartSpace>' + b"<c:ser/>" * 500 + b"</c:chartSpace>"
    primera = zipcrudo._deflate(parte)
    assert zipcrudo._deflate(bytes(parte)) is primera  # otro objeto, el mismo contenido
    assert zlib.decompressobj(-15).decompress(primera.comprimido) == parte
    assert (primera.crc, primera.tamano) == (zlib.crc32(parte), len(parte))
    for n in range(2 * zipcrudo.PARTES_RECORDADAS):
        zipcrudo._deflate(b"<x>%d</x>" % n)
    assert zipcrudo._deflate_recordado.cache_info().currsize == zipcrudo.PARTES_RECORDADAS
    grande = b"<x/>" * (zipcrudo.PARTE_CHICA // 4 + 1)  # una grande se comprime, no se recuerda
    assert zlib.decompressobj(-15).decompress(zipcrudo._deflate(grande).comprimido) == grande
    assert zipcrudo._deflate(grande) is not zipcrudo._deflate(grande)


def test_un_error_del_hilo_de_compresion_llega_al_pedir_la_parte(monkeypatch):
    """Si falla la compresión de un trozo en el otro hilo, comprimir ya volvió: el error sale al pedir
    la parte comprimida (al guardar), no se pierde."""
    from xl_seguimiento.xlsx.opc import zipcrudo

    def falla(*_):
        raise ValueError("trozo roto")

    trozos = [b"a" * zipcrudo.TROZO_GRANDE, b"b" * 10]
    monkeypatch.setattr(zipcrudo.zlib, "crc32", falla)
    resultado = zipcrudo.comprimir(iter(trozos))
    with pytest.raises(ValueError, match="trozo roto"):
        zipcrudo.comprimida(resultado)
