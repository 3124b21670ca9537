"""Los archivos que escribe el proyecto: permisos de un guardado normal, respaldo que no se puede
escribir, libros abiertos en Excel y opciones que no se combinan. La entrada queda siempre intacta."""

import builtins
import errno
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from xl_seguimiento.app import cli


@pytest.fixture
def carpeta(tmp_path, libro_muestra):
    """Una carpeta con espacios y tildes, con el libro de muestra dentro."""
    carpeta = tmp_path / "Políticas año 2024"
    carpeta.mkdir()
    shutil.copy(libro_muestra, carpeta / "producción.xlsx")
    return carpeta


def ejecutar(*argumentos, umask=0o022):
    return subprocess.run(
        [sys.executable, "-m", "xl_seguimiento", *map(str, argumentos)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        preexec_fn=lambda: os.umask(umask),
    )


def correr(capsys, *argumentos):
    codigo = cli.main(["alertas", *map(str, argumentos)])
    return codigo, capsys.readouterr().err


def modo(ruta):
    return stat.S_IMODE(ruta.stat().st_mode)


def contenido(carpeta):
    return {p.name: p.read_bytes() for p in carpeta.iterdir()}


# Permisos: los de un guardado normal (0666 menos la umask), no los 0600 del temporal.


@pytest.mark.parametrize(
    ("umask", "esperado"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)], ids=["022", "027", "002"]
)
def test_salidas_nuevas_con_los_permisos_de_un_guardado_normal(carpeta, umask, esperado):
    libro = carpeta / "producción.xlsx"
    proceso = ejecutar("alertas", libro, umask=umask)
    assert proceso.returncode == 0, proceso.stderr
    assert modo(carpeta / "producción_alertas.xlsx") == esperado
    shutil.copy(libro, carpeta / "otro.xlsx")
    proceso = ejecutar("alertas", carpeta, umask=umask)  # por lotes: cada salida y el consolidado
    assert proceso.returncode == 0, proceso.stderr
    for nombre in ("otro_alertas.xlsx", "consolidado_alertas.xlsx"):
        assert modo(carpeta / nombre) == esperado, nombre
    xlam = carpeta / "complemento.xlam"
    assert ejecutar("complemento", "construir", "-o", xlam, umask=umask).returncode == 0
    assert modo(xlam) == esperado


def test_en_sitio_conserva_los_permisos_del_libro(carpeta):
    libro = carpeta / "producción.xlsx"
    libro.chmod(0o640)
    proceso = ejecutar("alertas", libro, "--en-sitio", umask=0o022)
    assert proceso.returncode == 0, proceso.stderr
    assert modo(libro) == 0o640
    assert modo(carpeta / "producción.respaldo.xlsx") == 0o640  # la copia, tan privada como el libro


def test_una_salida_que_se_reemplaza_conserva_sus_permisos(carpeta):
    libro = carpeta / "producción.xlsx"
    assert ejecutar("alertas", libro).returncode == 0
    salida = carpeta / "producción_alertas.xlsx"
    salida.chmod(0o660)
    assert ejecutar("alertas", libro, umask=0o077).returncode == 0
    assert modo(salida) == 0o660


# Respaldo que no se puede escribir.


@pytest.fixture
def solo_lectura(monkeypatch):
    """Quita el permiso de escritura de una carpeta.

    root no obedece los permisos (así corren estas pruebas en CI): ahí se simula en la frontera con
    el sistema lo que este hace con cualquier otro usuario, EACCES al crear, abrir para escribir o
    renombrar un archivo dentro de la carpeta.
    """
    protegidas: list[Path] = []

    def proteger(carpeta: Path) -> None:
        carpeta.chmod(0o555)
        protegidas.append(carpeta)
        if os.geteuid() == 0:
            _simular_eacces(monkeypatch, carpeta)

    yield proteger
    for carpeta in protegidas:
        carpeta.chmod(0o755)


def _simular_eacces(monkeypatch, carpeta: Path) -> None:
    def adentro(ruta) -> bool:
        return Path(os.fsdecode(ruta)).parent == carpeta

    def denegar(ruta):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(ruta))

    abrir_os, abrir, renombrar = os.open, builtins.open, os.replace

    def os_open(ruta, banderas, *args, **kwargs):
        if banderas & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and adentro(ruta):
            denegar(ruta)
        return abrir_os(ruta, banderas, *args, **kwargs)

    def open_(ruta, modo="r", *args, **kwargs):
        if isinstance(ruta, (str, os.PathLike)) and set(modo) & set("wax+") and adentro(ruta):
            denegar(ruta)
        return abrir(ruta, modo, *args, **kwargs)

    def replace(origen, destino, **kwargs):
        if adentro(destino):
            denegar(destino)
        return renombrar(origen, destino, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "replace", replace)


def test_en_sitio_en_una_carpeta_de_solo_lectura(carpeta, solo_lectura, capsys):
    libro = carpeta / "producción.xlsx"
    antes = contenido(carpeta)
    solo_lectura(carpeta)
    codigo, error = correr(capsys, libro, "--en-sitio")
    assert codigo == 2, error
    assert f"No se puede escribir en la carpeta «{carpeta}»" in error and "Error inesperado" not in error
    assert contenido(carpeta) == antes


def test_en_sitio_con_un_respaldo_de_solo_lectura(carpeta, capsys):
    libro = carpeta / "producción.xlsx"
    respaldo = carpeta / "producción.respaldo.xlsx"
    respaldo.write_bytes(b"respaldo de la semana pasada")
    respaldo.chmod(0o444)
    antes = contenido(carpeta)
    codigo, error = correr(capsys, libro, "--en-sitio")
    assert codigo == 2
    assert f"No se puede guardar «{respaldo}»: el archivo es de solo lectura" in error
    assert contenido(carpeta) == antes


def test_en_sitio_con_un_respaldo_que_es_una_carpeta(carpeta, capsys):
    libro = carpeta / "producción.xlsx"
    (carpeta / "producción.respaldo.xlsx").mkdir()
    antes = libro.read_bytes()
    codigo, error = correr(capsys, libro, "--en-sitio")
    assert codigo == 2 and "producción.respaldo.xlsx»: es una carpeta" in error
    assert libro.read_bytes() == antes
    assert list((carpeta / "producción.respaldo.xlsx").iterdir()) == []


# Libros abiertos en Excel: Excel deja «~$LIBRO.xlsx» a su lado.


def test_en_sitio_con_el_libro_abierto_en_excel(carpeta, capsys):
    libro = carpeta / "producción.xlsx"
    (carpeta / "~$producción.xlsx").write_bytes(b"\x05Usuario")
    antes = contenido(carpeta)
    codigo, error = correr(capsys, libro, "--en-sitio")
    assert codigo == 2
    assert f"«{libro}» está abierto en Excel" in error and "cierre el libro en Excel" in error
    assert contenido(carpeta) == antes  # ni el libro ni un respaldo


def test_salida_abierta_en_libreoffice(carpeta, capsys):
    libro = carpeta / "producción.xlsx"
    (carpeta / ".~lock.producción_alertas.xlsx#").write_text(
        ",Usuario,equipo,06.12.2026 07:00,file:///", "utf-8"
    )
    codigo, error = correr(capsys, libro)
    assert codigo == 2 and "cierre el libro en LibreOffice" in error
    assert not (carpeta / "producción_alertas.xlsx").exists()


def test_salida_abierta_en_excel(carpeta, capsys):
    libro = carpeta / "producción.xlsx"
    assert correr(capsys, libro)[0] == 0
    salida = carpeta / "producción_alertas.xlsx"
    (carpeta / "~$producción_alertas.xlsx").write_bytes(b"\x05Usuario")
    antes = contenido(carpeta)
    codigo, error = correr(capsys, libro, "--anio", "2023")
    assert codigo == 2
    assert f"«{salida}» está abierto en Excel" in error and "cierre el libro en Excel" in error
    assert contenido(carpeta) == antes


def test_por_lotes_en_sitio_un_libro_abierto_en_excel_no_detiene_a_los_demas(carpeta, capsys):
    shutil.copy(carpeta / "producción.xlsx", carpeta / "abierto.xlsx")
    (carpeta / "~$abierto.xlsx").write_bytes(b"\x05Usuario")
    abierto = (carpeta / "abierto.xlsx").read_bytes()
    codigo, error = correr(capsys, carpeta, "--en-sitio")
    assert codigo == 2
    assert "abierto.xlsx» está abierto en Excel" in error
    assert (carpeta / "abierto.xlsx").read_bytes() == abierto
    assert not (carpeta / "abierto.respaldo.xlsx").exists()
    assert (carpeta / "producción.respaldo.xlsx").exists()  # el otro sí se escribió


def test_por_lotes_con_el_consolidado_abierto_en_excel_no_se_procesa_nada(carpeta, capsys):
    (carpeta / "~$consolidado_alertas.xlsx").write_bytes(b"\x05Usuario")
    antes = contenido(carpeta)
    codigo, error = correr(capsys, carpeta)
    assert codigo == 2 and "consolidado_alertas.xlsx» está abierto en Excel" in error
    assert contenido(carpeta) == antes  # ni salidas de los libros


# Opciones que no se combinan.


def test_en_sitio_con_otra_salida_se_rechaza(carpeta, capsys):
    libro = carpeta / "producción.xlsx"
    antes = contenido(carpeta)
    codigo, error = correr(capsys, libro, "--en-sitio", "-o", carpeta / "otra.xlsx")
    assert codigo == 2
    assert "--en-sitio" in error and "-o" in error and "use solo una de las dos opciones" in error
    assert contenido(carpeta) == antes


@pytest.mark.parametrize("nombre", ["salida.xlsx", "complemento", "xl_seguimiento.xlam.zip"])
def test_el_complemento_debe_ser_xlam(tmp_path, capsys, nombre):
    codigo = cli.main(["complemento", "construir", "-o", str(tmp_path / nombre)])
    error = capsys.readouterr().err
    assert codigo == 2
    assert nombre in error and "debe terminar en .xlam" in error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("orden", ["alertas", "reporte"])
def test_una_salida_anterior_danada_se_nombra_como_tal(tmp_path, libro_muestra, orden, capsys):
    """Una LIBRO_alertas.xlsx vacía (una copia cortada) no es «el libro»: el mensaje dice qué es y qué hacer."""
    libro = tmp_path / "libro.xlsx"
    shutil.copy(libro_muestra, libro)
    (tmp_path / "libro_alertas.xlsx").write_bytes(b"")
    assert cli.main([orden, str(libro)]) == 2
    error = capsys.readouterr().err
    assert "libro_alertas.xlsx" in error and "está vacío" in error
    assert "salida de una ejecución anterior" in error and "bórrela o muévala" in error


# Word recorta el nombre de su archivo de bloqueo: «~$» en lugar de los dos primeros caracteres.


@pytest.mark.parametrize("bloqueo", ["~$oducción_reporte.docx", "~$producción_reporte.docx"])
def test_reporte_abierto_en_word(carpeta, capsys, bloqueo):
    (carpeta / bloqueo).write_bytes(b"\x05Usuario")
    antes = contenido(carpeta)
    codigo = cli.main(["reporte", str(carpeta / "producción.xlsx")])
    error = capsys.readouterr().err
    assert codigo == 2
    assert "está abierto en Word" in error and "cierre el documento en Word" in error and bloqueo in error
    assert contenido(carpeta) == antes


# Lo que el sistema responde (en inglés en su strerror) llega en español.


def test_salida_redirigida_a_un_disco_lleno(carpeta):
    """`… --json > /dev/full`: antes «Error inesperado (OSError: … No space left on device)»."""
    with open("/dev/full", "w") as lleno:
        proceso = subprocess.run(
            [sys.executable, "-m", "xl_seguimiento", "alertas", str(carpeta / "producción.xlsx"), "--json"],
            stdout=lleno,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proceso.returncode == 2
    assert proceso.stderr == (
        "Error: no se pudo leer o escribir (la salida de la orden): no queda espacio en el disco.\n"
    )


def test_disco_lleno_al_guardar(carpeta, capsys, monkeypatch):
    def sin_espacio(origen, destino):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", sin_espacio)
    codigo, error = correr(capsys, carpeta / "producción.xlsx")
    assert codigo == 2
    assert error.endswith("producción_alertas.xlsx»: no queda espacio en el disco.\n")
    assert "No space" not in error


def test_en_sitio_el_libro_no_esta_abierto_al_reemplazarlo(carpeta, capsys, monkeypatch):
    """Windows no deja reemplazar un archivo abierto: al renombrar, ningún descriptor de este proceso
    apunta al libro (antes, el zip de la edición seguía abierto sobre él)."""
    reemplazar = os.replace

    def como_windows(origen, destino):
        abiertos = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
        if os.path.realpath(destino) in abiertos:
            raise PermissionError(errno.EACCES, "el archivo está en uso", str(destino))
        reemplazar(origen, destino)

    monkeypatch.setattr(os, "replace", como_windows)
    codigo, error = correr(capsys, carpeta / "producción.xlsx", "--en-sitio")
    assert codigo == 0, error
