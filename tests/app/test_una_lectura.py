"""Una ejecución lee su libro una vez y escribe su copia de una pasada (issue 22)."""

import shutil
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
