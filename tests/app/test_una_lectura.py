"""Una ejecución lee su libro una vez y escribe su copia de una pasada (issue 22)."""

import shutil
import subprocess
import sys
from collections import Counter

import pytest
import python_calamine

from xl_seguimiento.app import cli
from xl_seguimiento.xlsx.escritura import edicion
from xl_seguimiento.xlsx.lectura import calamine
from xl_seguimiento.xlsx.opc import validacion


@pytest.fixture
def cuentas(monkeypatch):
    """Cuántas veces se valida y se abre con calamine cada archivo, y cuántas pasadas escriben un zip."""
    contadas: Counter = Counter()
    validar, abrir, reescribir = (
        validacion.validar_libro,
        python_calamine.CalamineWorkbook.from_path,
        edicion.zipcrudo.reescribir,
    )

    def validar_contando(ruta):
        contadas["validar", ruta.name] += 1
        return validar(ruta)

    def abrir_contando(ruta):
        contadas["calamine", ruta.rsplit("/", 1)[-1]] += 1
        return abrir(ruta)

    def reescribir_contando(*argumentos):
        contadas["pasadas"] += 1
        return reescribir(*argumentos)

    monkeypatch.setattr(calamine, "validar_libro", validar_contando)
    monkeypatch.setattr(edicion, "validar_libro", validar_contando)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", abrir_contando)
    monkeypatch.setattr(edicion.zipcrudo, "reescribir", reescribir_contando)
    return contadas


@pytest.mark.parametrize("con_alertas", [False, True], ids=["primera vez", "con «Alertas» anterior"])
def test_el_libro_se_valida_y_se_abre_una_vez_y_se_escribe_de_una_pasada(
    tmp_path, libro_muestra, cuentas, con_alertas
):
    libro = tmp_path / "libro.xlsx"
    if con_alertas:  # en sitio: el libro ya tiene «Alertas» y «Tablero», que se reemplazan
        assert cli.main(["alertas", str(libro_muestra), "-o", str(libro)]) == 0
        cuentas.clear()
        assert cli.main(["alertas", str(libro), "--en-sitio"]) == 0
    else:
        shutil.copy(libro_muestra, libro)
        assert cli.main(["alertas", str(libro)]) == 0
    assert cuentas["validar", "libro.xlsx"] == 1
    assert cuentas["calamine", "libro.xlsx"] == 1
    assert cuentas["pasadas"] == 1


LECTURA_ANTES_DEL_MOTOR = """
import sys
from xl_seguimiento.xlsx.lectura.calamine import LibroAbierto
from xl_seguimiento.app.cli import main

empezar = LibroAbierto.empezar
cargados = []

def empezar_anotando(self):
    cargados.extend(m for m in ("numpy", "xl_seguimiento.nucleo.modelo",
                                "xl_seguimiento.nucleo.motor", "xl_seguimiento.app.procesar")
                    if m in sys.modules)
    return empezar(self)

LibroAbierto.empezar = empezar_anotando
assert main(sys.argv[1:]) == 0
print(",".join(cargados))
"""


def test_la_orden_empieza_a_leer_el_libro_antes_de_importar_el_motor(tmp_path, libro_muestra):
    """calamine lee en otro hilo mientras se importan numpy, el modelo y el motor, no después (issue 25)."""
    libro = tmp_path / "libro.xlsx"
    shutil.copy(libro_muestra, libro)
    proceso = subprocess.run(
        [sys.executable, "-c", LECTURA_ANTES_DEL_MOTOR, "alertas", str(libro)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proceso.stdout.splitlines()[-1] == ""  # nada del motor cargado al empezar la lectura
    assert (tmp_path / "libro_alertas.xlsx").is_file()
