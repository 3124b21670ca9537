"""Las capas del paquete: cada una importa solo las de abajo, y el núcleo y las maquetas son puros.

De abajo arriba: nucleo, maqueta, xlsx, word, excel, app. La raíz (`xl_seguimiento/__init__.py`, la
API) y `__main__` están por encima de todas. Se leen las importaciones con `ast`, incluidas las
que están dentro de funciones, así que ninguna importación perezosa se salta la regla.
"""

import ast
import sys
from pathlib import Path

import pytest
from apoyo import RAIZ

PAQUETE = RAIZ / "xl_seguimiento"
CAPAS = ("nucleo", "maqueta", "xlsx", "word", "excel", "app")
# Lo que cada capa puede importar de fuera del paquete, además de la biblioteca estándar.
TERCEROS = {
    # numpy: las reglas columnares (issue 15); pandas, solo dentro de Informe.a_dataframe() (extra [pandas])
    "nucleo": {"numpy", "pandas"},
    "maqueta": set(),
    "xlsx": {"lxml", "python_calamine", "xlsxwriter"},
    "word": {"docx", "lxml"},  # python-docx: el reporte de seguimiento (issue 24)
    "excel": {"xlwings", "lxml"},
    "app": set(),
}
MODULOS = sorted(p for p in PAQUETE.rglob("*.py") if p.relative_to(PAQUETE).parts[0] in CAPAS)


def nombre_de_modulo(ruta: Path) -> str:
    partes = ruta.relative_to(RAIZ).with_suffix("").parts
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def importaciones(ruta: Path) -> set[str]:
    """Los módulos que importa un archivo, con las importaciones relativas resueltas."""
    modulo = nombre_de_modulo(ruta)
    paquete = modulo if ruta.name == "__init__.py" else modulo.rsplit(".", 1)[0]
    encontrados = set()
    for nodo in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.Import):
            encontrados.update(a.name for a in nodo.names)
        elif isinstance(nodo, ast.ImportFrom):
            base = paquete.split(".")
            if nodo.level:
                base = base[: len(base) - nodo.level + 1]
                destino = ".".join([*base, *([nodo.module] if nodo.module else [])])
            else:
                destino = nodo.module or ""
            encontrados.add(destino)
            encontrados.update(f"{destino}.{a.name}" for a in nodo.names if nodo.module is None)
    return encontrados


def capa(modulo: str) -> str | None:
    partes = modulo.split(".")
    return partes[1] if partes[0] == "xl_seguimiento" and len(partes) > 1 and partes[1] in CAPAS else None


@pytest.mark.parametrize("ruta", MODULOS, ids=lambda r: str(r.relative_to(PAQUETE)))
def test_cada_modulo_importa_solo_su_capa_y_las_de_abajo(ruta):
    propia = capa(nombre_de_modulo(ruta))
    for importado in importaciones(ruta):
        if importado.split(".")[0] == "xl_seguimiento":
            assert importado != "xl_seguimiento", f"{ruta.name} importa la raíz del paquete"
            destino = capa(importado)
            assert destino is not None and CAPAS.index(destino) <= CAPAS.index(propia), (
                f"{ruta.relative_to(PAQUETE)} ({propia}) importa {importado} ({destino})"
            )
        else:
            raiz = importado.split(".")[0]
            assert raiz in sys.stdlib_module_names or raiz in TERCEROS[propia], (
                f"{ruta.relative_to(PAQUETE)} ({propia}) importa {importado}, que no es de la biblioteca estándar"
            )


def test_cada_capa_abre_con_su_regla():
    for nombre in CAPAS:
        regla = ast.get_docstring(ast.parse((PAQUETE / nombre / "__init__.py").read_text(encoding="utf-8")))
        assert regla and "mporta" in regla.splitlines()[0], nombre


def test_la_regla_detecta_una_importacion_hacia_arriba(tmp_path):
    """La prueba misma puede fallar: un módulo del núcleo que importara la aplicación."""
    falso = PAQUETE / "nucleo" / "_prueba_capas.py"
    falso.write_text("from ..app import cli\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match=r"importa xl_seguimiento\.app"):
            test_cada_modulo_importa_solo_su_capa_y_las_de_abajo(falso)
    finally:
        falso.unlink()


# Dentro de xlsx, cada parte con su regla: qué módulos del proyecto puede importar (prefijos).
REGLAS_XLSX = {
    "xl_seguimiento.xlsx.opc.constantes": (),
    "xl_seguimiento.xlsx.opc": (
        "xl_seguimiento.xlsx.opc",
        "xl_seguimiento.nucleo.errores",
        "xl_seguimiento.nucleo.imprimible",
    ),
    "xl_seguimiento.xlsx.lectura": (
        "xl_seguimiento.xlsx.opc",
        "xl_seguimiento.xlsx.lectura",
        "xl_seguimiento.nucleo",
    ),
    "xl_seguimiento.xlsx.escritura": (
        "xl_seguimiento.xlsx.opc",
        "xl_seguimiento.xlsx.escritura",
        "xl_seguimiento.maqueta",
        "xl_seguimiento.nucleo",
    ),
}
MODULOS_XLSX = [
    r for r in MODULOS if r.relative_to(PAQUETE).parts[0] == "xlsx" and len(r.relative_to(PAQUETE).parts) > 2
]


def _regla_xlsx(modulo: str) -> tuple[str, ...]:
    clave = max((c for c in REGLAS_XLSX if modulo == c or modulo.startswith(c + ".")), key=len)
    return REGLAS_XLSX[clave]


@pytest.mark.parametrize("ruta", MODULOS_XLSX, ids=lambda r: str(r.relative_to(PAQUETE)))
def test_cada_parte_de_xlsx_importa_solo_lo_que_su_regla_permite(ruta):
    modulo = nombre_de_modulo(ruta)
    permitidos = _regla_xlsx(modulo)
    for importado in importaciones(ruta):
        if importado.startswith("xl_seguimiento"):
            assert any(importado == p or importado.startswith(p + ".") for p in permitidos), (
                f"{modulo} importa {importado}"
            )


def test_xlsx_esta_partido_por_funcion_y_cada_parte_abre_con_su_regla():
    assert sorted(p.name for p in (PAQUETE / "xlsx").iterdir() if p.suffix == ".py") == ["__init__.py"]
    for parte in ("opc", "lectura", "escritura"):
        regla = ast.get_docstring(
            ast.parse((PAQUETE / "xlsx" / parte / "__init__.py").read_text(encoding="utf-8"))
        )
        assert regla and "mporta" in regla.splitlines()[0], parte


def _importaciones_del_proyecto_en_funciones(ruta: Path) -> list[str]:
    """Los módulos del proyecto importados dentro de una función (perezosamente)."""
    encontrados = []
    for funcion in ast.walk(ast.parse(ruta.read_text(encoding="utf-8"))):
        if isinstance(funcion, ast.FunctionDef | ast.AsyncFunctionDef):
            for nodo in ast.walk(funcion):
                if isinstance(nodo, ast.ImportFrom) and (
                    nodo.level or (nodo.module or "").startswith("xl_seguimiento")
                ):
                    encontrados.append("." * nodo.level + (nodo.module or ""))
    return encontrados


@pytest.mark.parametrize("ruta", MODULOS_XLSX, ids=lambda r: str(r.relative_to(PAQUETE)))
def test_xlsx_no_importa_perezosamente_nada_del_proyecto(ruta):
    """Una importación perezosa puede esconder un círculo: en xlsx, todas van arriba."""
    assert _importaciones_del_proyecto_en_funciones(ruta) == []


def test_no_hay_circulos_de_importaciones():
    """Ni entre módulos ni a través de importaciones perezosas: el grafo del paquete no tiene ciclos."""
    todos = sorted(PAQUETE.rglob("*.py"))
    nombres = {nombre_de_modulo(r): r for r in todos}
    grafo = {m: {i for i in importaciones(r) if i in nombres and i != m} for m, r in nombres.items()}
    # Un paquete no cuenta como módulo que depende de sus hijos al revés: `from . import x` desde
    # x.__init__ lo resuelve importaciones() como el módulo hijo.
    estado: dict[str, int] = {}

    def visitar(modulo: str, camino: list[str]) -> None:
        estado[modulo] = 1
        for siguiente in grafo[modulo]:
            if estado.get(siguiente) == 1:
                ciclo = (
                    [*camino[camino.index(siguiente) :], siguiente]
                    if siguiente in camino
                    else [modulo, siguiente]
                )
                raise AssertionError("círculo de importaciones: " + " → ".join(ciclo))
            if siguiente not in estado:
                visitar(siguiente, [*camino, siguiente])
        estado[modulo] = 2

    for modulo in grafo:
        if modulo not in estado:
            visitar(modulo, [modulo])


def test_la_prueba_de_circulos_detecta_uno():
    """La prueba misma puede fallar: dos módulos del núcleo que se importaran uno al otro."""
    uno, otro = PAQUETE / "nucleo" / "_circulo_a.py", PAQUETE / "nucleo" / "_circulo_b.py"
    uno.write_text("def f():\n    from ._circulo_b import g\n", encoding="utf-8")  # perezosa: igual cuenta
    otro.write_text("from ._circulo_a import f\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="círculo de importaciones"):
            test_no_hay_circulos_de_importaciones()
    finally:
        uno.unlink()
        otro.unlink()
