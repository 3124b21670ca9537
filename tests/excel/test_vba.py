"""Escritor de proyectos VBA, leído por lectores independientes: oletools, olefile y LibreOffice."""

import io
import random
import struct

import olefile
import pytest
from apoyo import RAIZ
from hypothesis import given
from hypothesis import strategies as st
from oletools.olevba import VBA_Parser, decompress_stream

from xl_seguimiento.excel import complemento
from xl_seguimiento.excel.vba import Modulo, TipoModulo, archivo_compuesto, comprimir, proyecto_vba
from xl_seguimiento.excel.vba.proyecto import cifrar

MACROS = RAIZ / "macros"


def descomprimir(datos: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(datos)))


def texto_vba(tamano: int, semilla: int) -> bytes:
    """Texto parecido a un módulo: palabras y saltos de línea al azar (se comprime como el código real)."""
    azar = random.Random(semilla)
    palabras = [b"Dim", b"As", b"String", b"If", b"Then", b"End", b"Sub", b"x", b"=", b"1", b'"a"', b"\r\n"]
    salida = bytearray()
    while len(salida) < tamano:
        salida += azar.choice(palabras) + b" "
    return bytes(salida[:tamano])


TAMANOS = [0, 1, 2, 3, 8, 9, 100, 3640, 3641, 4095, 4096, 4097, 8191, 8192, 12289, 50_000]


@pytest.mark.parametrize("tamano", TAMANOS)
def test_compresion_de_texto_vuelve_igual_con_oletools(tamano):
    datos = texto_vba(tamano, tamano)
    comprimido = comprimir(datos)
    assert descomprimir(comprimido) == datos
    if tamano > 1000:
        assert len(comprimido) < len(datos) / 2  # usa fichas de copia, no solo literales


@pytest.mark.parametrize("tamano", TAMANOS)
def test_compresion_de_bytes_al_azar(tamano):
    """Datos que no se comprimen: trozos crudos de 4096 bytes; solo el último, incompleto y de más de
    3640 bytes, lleva el relleno de ceros que manda MS-OVBA 2.4.1.3.10."""
    datos = random.Random(tamano).randbytes(tamano)
    resultado = descomprimir(comprimir(datos))
    ultimo = tamano % 4096
    if ultimo > 3640:
        assert resultado == datos + bytes(4096 - ultimo)
    else:
        assert resultado == datos


@pytest.mark.parametrize(
    "archivo", sorted(p.name for p in MACROS.glob("*.*") if p.suffix in (".bas", ".cls"))
)
def test_compresion_de_los_modulos_reales(archivo):
    datos = Modulo(archivo, (MACROS / archivo).read_text(encoding="utf-8")).fuente()
    assert descomprimir(comprimir(datos)) == datos


@given(st.binary(max_size=9000))
def test_compresion_propiedad(datos):
    resultado = descomprimir(comprimir(datos))
    relleno = -len(datos) % 4096 if len(datos) % 4096 > 3640 else 0
    assert resultado[: len(datos)] == datos
    assert len(resultado) in (len(datos), len(datos) + relleno)
    assert not resultado[len(datos) :].strip(b"\x00")


def descifrar(cifrado: bytes) -> tuple[int, int, bytes, bytes]:
    """Descifrado de MS-OVBA 2.4.3.3, escrito aparte: (versión, clave, relleno, datos)."""
    semilla, version, clave = cifrado[0], cifrado[1] ^ cifrado[0], cifrado[2] ^ cifrado[0]
    sin_cifrar, cifrado1, cifrado2 = clave, cifrado[2], cifrado[1]
    claro = bytearray()
    for byte in cifrado[3:]:
        valor = byte ^ ((cifrado2 + sin_cifrar) & 0xFF)
        claro.append(valor)
        cifrado2, cifrado1, sin_cifrar = cifrado1, byte, valor
    ignorados = (semilla & 6) // 2
    largo = struct.unpack("<I", claro[ignorados : ignorados + 4])[0]
    return version, clave, bytes(claro[:ignorados]), bytes(claro[ignorados + 4 : ignorados + 4 + largo])


def test_cifrado_reproduce_el_de_excel_en_la_plantilla_de_xlwings():
    """CMG, DPB y GC que guardó Excel en la plantilla: con su semilla y su relleno, los mismos bytes."""
    with olefile.OleFileIO(_vba_de_plantilla()) as ole:
        propiedades = dict(
            linea.split("=", 1)
            for linea in ole.openstream("PROJECT").read().decode("cp1252").splitlines()
            if "=" in linea
        )
    identificador = propiedades["ID"].strip('"')
    for clave, esperado in (("CMG", bytes(4)), ("DPB", bytes(1)), ("GC", b"\xff")):
        cifrado = bytes.fromhex(propiedades[clave].strip('"'))
        version, llave, relleno, datos = descifrar(cifrado)
        assert (version, llave, datos) == (2, sum(identificador.encode()) & 0xFF, esperado)
        assert cifrar(identificador, datos, cifrado[0], relleno) == cifrado


def _vba_de_plantilla() -> io.BytesIO:
    import zipfile

    with zipfile.ZipFile(complemento.plantilla()) as paquete:
        return io.BytesIO(paquete.read("xl/vbaProject.bin"))


def test_archivo_compuesto_leido_por_olefile_en_modo_estricto():
    azar = random.Random(7)
    flujos = {f"VBA/m{i:02d}": azar.randbytes(i * 211) for i in range(40)}
    flujos |= {"PROJECT": b"x" * 600, "VBA/grande": azar.randbytes(300_000), "VBA/justo": bytes(4096)}
    datos = archivo_compuesto(flujos)
    assert len(datos) > 64 * 1024  # más de una tabla FAT de 128 sectores (donde fallaba ms-cfb)
    with olefile.OleFileIO(io.BytesIO(datos), raise_defects=olefile.DEFECT_INCORRECT) as ole:
        for ruta, contenido in flujos.items():
            assert ole.openstream(ruta).read() == contenido
        assert _arboles_rojo_negro_validos(ole)


def _arboles_rojo_negro_validos(ole) -> bool:
    """Cada almacén: árbol binario de búsqueda con el mismo número de negros por rama y sin rojo bajo rojo."""
    entradas = ole.direntries

    def altura_negra(sid: int, padre_rojo: bool) -> int:
        if sid == olefile.NOSTREAM:
            return 1
        entrada = entradas[sid]
        rojo = entrada.color == 0  # MS-CFB: 0 rojo, 1 negro
        assert not (rojo and padre_rojo)
        izquierda = altura_negra(entrada.sid_left, rojo)
        assert izquierda == altura_negra(entrada.sid_right, rojo)
        return izquierda + (0 if rojo else 1)

    for entrada in entradas:
        if entrada is not None and entrada.sid_child != olefile.NOSTREAM:
            altura_negra(entrada.sid_child, False)
    return True


def test_tipos_de_modulo_por_su_vb_base():
    tipos = {p.stem: Modulo(p.stem, p.read_text(encoding="utf-8")).tipo for p in MACROS.glob("*.[bc][al][s]")}
    assert tipos == {
        "Dictionary": TipoModulo.CLASE,
        "RibbonSeguimiento": TipoModulo.ESTANDAR,
        "Sheet2": TipoModulo.DOCUMENTO,
        "ThisWorkbook": TipoModulo.DOCUMENTO,
        "xlwings": TipoModulo.ESTANDAR,
    }


def test_proyecto_leido_por_olevba_con_sus_modulos(tmp_path):
    modulos = [Modulo("Uno", 'Attribute VB_Name = "Uno"\nSub Hola()\n    MsgBox "¡Hola, señor!"\nEnd Sub\n')]
    modulos.append(Modulo("Grande", 'Attribute VB_Name = "Grande"\n' + "' línea de relleno\n" * 5000))
    bin_ = proyecto_vba("Prueba", modulos)
    with olefile.OleFileIO(io.BytesIO(bin_)) as ole:
        assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")  # sin caché
        proyecto = ole.openstream("PROJECT").read().decode("cp1252")
    assert 'Name="Prueba"' in proyecto and "Module=Uno" in proyecto
    extraidos = {n: c.replace("\r\n", "\n") for _, _, n, c in VBA_Parser("p.bin", data=bin_).extract_macros()}
    assert extraidos == {"Uno.bas": modulos[0].codigo, "Grande.bas": modulos[1].codigo}


def _entradas(datos: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(datos) // 4}I", datos))


def test_entradas_sin_usar_de_las_tablas_son_freesect():
    """MS-CFB 2.3 y 2.4: lo que sobra de la FAT, de la mini FAT y del DIFAT de la cabecera es FREESECT
    (FF FF FF FF), como en todo proyecto que guarda Excel; antes la mini FAT se rellenaba con ceros."""
    datos = proyecto_vba(complemento.PROYECTO_VBA, complemento.modulos_vba())
    with olefile.OleFileIO(io.BytesIO(datos), raise_defects=olefile.DEFECT_INCORRECT) as ole:
        minifat = _entradas(ole._open(ole.minifatsect, force_FAT=True).read())
        usadas_mini = -(-ole.root.size // ole.minisectorsize)
        sectores_fat = ole.num_fat_sectors
    difat = _entradas(datos[76:512])
    fat = _entradas(b"".join(datos[512 * (s + 1) : 512 * (s + 2)] for s in difat[:sectores_fat]))
    usados = len(datos) // 512 - 1  # olefile recorta su FAT a los sectores del archivo: se lee cruda
    assert len(minifat) > usadas_mini and len(fat) > usados  # hay un resto que revisar
    assert set(minifat[usadas_mini:]) == {olefile.FREESECT}
    assert set(fat[usados:]) == {olefile.FREESECT}
    assert set(difat[sectores_fat:]) == {olefile.FREESECT}
