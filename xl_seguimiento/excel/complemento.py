"""Complemento de Excel: se construye desde la plantilla con cinta de xlwings y se instala.

La construcción toma `quickstart_addin_ribbon.xlam` de la versión fijada de xlwings y cambia
cinco partes: la cinta (`macros/customUI.xml`) y el tipo de su relación, el proyecto VBA (escrito
desde `macros/` y las envolturas generadas de `xl_seguimiento.excel.udfs`), y el libro y la hoja de
configuración, que se llama como el proyecto y no guarda claves vacías. Mismas entradas, mismos bytes.
`macros/` viaja dentro del paquete (`xl_seguimiento.excel.macros`), así que también funciona desde
una rueda instalada.
"""

import importlib
import os
import shutil
import sys
import zipfile
from importlib import resources
from pathlib import Path

from lxml import etree

from ..nucleo.errores import ErrorSeguimiento, motivo_del_sistema
from ..xlsx.opc.atomico import escritura_atomica
from ..xlsx.opc.constantes import NS_MC, NS_PRINCIPAL, NS_REL_PAQUETE, REL_CINTA
from .envolturas_vba import MODULO_ENVOLTURAS, MODULO_REGISTRO, modulo_envolturas, modulo_registro
from .vba import Modulo, proyecto_vba

__all__ = [
    "NOMBRE",
    "archivo_configuracion",
    "carpeta_xlstart",
    "construir",
    "desinstalar",
    "instalar",
    "modulos_vba",
]

PROYECTO = "xl_seguimiento"  # PROJECT_NAME del módulo xlwings: hoja y archivo de configuración
PROYECTO_VBA = "XlSeguimiento"  # nombre del proyecto VBA (el de la plantilla es MyAddin)
EXTENSION = ".xlam"
NOMBRE = f"{PROYECTO}{EXTENSION}"
MODULO_UDF = "xl_seguimiento.excel.udfs"
PLANTILLA = "quickstart_addin_ribbon.xlam"
PARTE_CINTA = "customUI/customUI.xml"
PARTE_RELACIONES = "_rels/.rels"
PARTE_VBA = "xl/vbaProject.bin"
PARTE_LIBRO = "xl/workbook.xml"
PARTE_CONFIGURACION = "xl/worksheets/sheet1.xml"
HOJA_CONFIGURACION = f"{PROYECTO}.conf"
# Claves de la hoja de configuración del complemento. Una clave vacía en la hoja taparía la del
# archivo del usuario, así que el intérprete y los módulos no van aquí sino en ese archivo.
CONFIGURACION_HOJA = (("Debug UDFs", False), ("Use UDF Server", False), ("Show Console", False))
NS = {"m": NS_PRINCIPAL}


def plantilla() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent / PLANTILLA


def modulos_vba() -> list[Modulo]:
    """Los módulos del complemento: los de `macros/` y los dos generados desde las funciones."""
    carpeta = resources.files("xl_seguimiento.excel.macros")
    fijos = [
        Modulo(Path(recurso.name).stem, recurso.read_text(encoding="utf-8"))
        for recurso in sorted(carpeta.iterdir(), key=lambda r: r.name)
        if recurso.name.endswith((".bas", ".cls"))
    ]
    udfs = importlib.import_module(MODULO_UDF)
    return [
        *fijos,
        Modulo(MODULO_ENVOLTURAS, modulo_envolturas(MODULO_UDF, udfs)),
        Modulo(MODULO_REGISTRO, modulo_registro(udfs)),
    ]


def construir(destino: Path) -> Path:
    """Escribe el complemento en `destino` (un .xlam); mismas entradas, mismos bytes."""
    if destino.suffix.lower() != EXTENSION:
        raise ErrorSeguimiento(
            f"«{destino}» no sirve de nombre para el complemento: debe terminar en {EXTENSION} (Excel no "
            f"abre un complemento con otra extensión). Use, por ejemplo, «{destino.with_suffix(EXTENSION).name}».",
            archivo=destino,
        )
    cinta = resources.files("xl_seguimiento.excel.macros").joinpath("customUI.xml").read_bytes()
    try:
        vba = proyecto_vba(PROYECTO_VBA, modulos_vba())
    except UnicodeEncodeError as error:
        raise ErrorSeguimiento(
            f"El código VBA tiene un carácter que Excel no guarda en la página 1252: «{error.object[error.start]}»."
        ) from error
    cambios = {
        PARTE_CINTA: lambda _: cinta,
        PARTE_RELACIONES: lambda datos: _relaciones(datos, cinta),
        PARTE_VBA: lambda _: vba,
        PARTE_LIBRO: _libro,
        PARTE_CONFIGURACION: _hoja_configuracion,
    }
    with (
        escritura_atomica(destino) as temporal,
        zipfile.ZipFile(plantilla()) as origen,
        zipfile.ZipFile(temporal, "w") as salida,
    ):
        for info in origen.infolist():
            datos = origen.read(info)
            cambio = cambios.get(info.filename)
            salida.writestr(info, cambio(datos) if cambio else datos)
    return destino


def _analizar(datos: bytes) -> etree._Element:
    return etree.fromstring(datos, etree.XMLParser(resolve_entities=False, no_network=True))


def _xml(raiz: etree._Element) -> bytes:
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relaciones(datos: bytes, cinta: bytes) -> bytes:
    """Las relaciones del paquete con la de la cinta del tipo que pide su espacio de nombres.

    La plantilla de xlwings enlaza una cinta de 2006 con el tipo de 2007, que MS-OI29500 no empareja.
    """
    tipo = REL_CINTA[etree.QName(_analizar(cinta)).namespace or ""]
    raiz = _analizar(datos)
    for relacion in raiz.iter(f"{{{NS_REL_PAQUETE}}}Relationship"):
        if relacion.get("Target", "").lstrip("/") == PARTE_CINTA:
            relacion.set("Type", tipo)
    return _xml(raiz)


def _libro(datos: bytes) -> bytes:
    """La hoja de configuración activa (sin «_» delante) y con el nombre del proyecto.

    También se quita la ruta absoluta del equipo donde se guardó la plantilla (x15ac:absPath).
    """
    raiz = _analizar(datos)
    (hoja,) = raiz.findall("m:sheets/m:sheet", NS)
    hoja.set("name", HOJA_CONFIGURACION)
    for alternativa in raiz.findall(f"{{{NS_MC}}}AlternateContent"):
        raiz.remove(alternativa)
    return _xml(raiz)


def _hoja_configuracion(datos_hoja: bytes) -> bytes:
    """La hoja de configuración con solo las claves que tienen valor, seguidas desde A1 (xlwings lee hasta el primer vacío)."""
    raiz = _analizar(datos_hoja)
    datos = raiz.find("m:sheetData", NS)
    assert datos is not None
    for fila in list(datos):
        datos.remove(fila)
    for numero, (clave, valor) in enumerate(CONFIGURACION_HOJA, start=1):
        fila = etree.SubElement(datos, f"{{{NS['m']}}}row", r=str(numero))
        celda_clave = etree.SubElement(fila, f"{{{NS['m']}}}c", r=f"A{numero}", s="1", t="inlineStr")
        etree.SubElement(etree.SubElement(celda_clave, f"{{{NS['m']}}}is"), f"{{{NS['m']}}}t").text = clave
        celda_valor = etree.SubElement(fila, f"{{{NS['m']}}}c", r=f"B{numero}", s="1", t="b")
        etree.SubElement(celda_valor, f"{{{NS['m']}}}v").text = str(int(valor))
    dimension = raiz.find("m:dimension", NS)
    if dimension is not None:
        dimension.set("ref", f"A1:B{len(CONFIGURACION_HOJA)}")
    return _xml(raiz)


def carpeta_xlstart() -> Path:
    """Carpeta de inicio de Excel del usuario actual (Windows): lo que hay ahí se abre con Excel."""
    return Path(_variable("APPDATA")) / "Microsoft" / "Excel" / "XLSTART"


def archivo_configuracion() -> Path:
    """El archivo de configuración del usuario que lee el módulo xlwings del complemento (GetConfigFilePath)."""
    return Path(_variable("USERPROFILE")) / f".{PROYECTO}" / f"{PROYECTO}.conf"


def _variable(nombre: str) -> str:
    valor = os.environ.get(nombre)
    if not valor:
        raise ErrorSeguimiento(
            f"No se encontró la carpeta del usuario (variable {nombre}) para instalar el complemento."
        )
    return valor


def _solo_windows() -> None:
    if sys.platform == "win32":
        return
    if sys.platform == "darwin":
        raise ErrorSeguimiento(
            "En Mac, Excel no ejecuta funciones de Python: =AVANCE() y las demás solo funcionan en Windows. "
            "El botón «Generar alertas» puede usarse con el complemento de xlwings (vea «Excel en Mac» en el "
            "README). En cualquier sistema puede generar la hoja «Alertas» con: xl-seguimiento alertas LIBRO.xlsx"
        )
    raise ErrorSeguimiento(
        "Aquí no hay Excel: el complemento se instala en Windows. En este sistema puede construirlo "
        f"(xl-seguimiento complemento construir) y copiar {NOMBRE} a un equipo con Windows, o generar la "
        "hoja «Alertas» con: xl-seguimiento alertas LIBRO.xlsx"
    )


def instalar() -> tuple[Path, Path]:
    """Construye el complemento en XLSTART y escribe el intérprete de Python en el archivo del usuario."""
    _solo_windows()
    configuracion = archivo_configuracion()
    destino = carpeta_xlstart() / NOMBRE
    lineas = [("INTERPRETER_WIN", sys.executable), ("UDF MODULES", MODULO_UDF)]
    try:
        texto = "".join(f'"{clave}","{valor}"\r\n' for clave, valor in lineas).encode("cp1252")
    except UnicodeEncodeError as error:
        raise ErrorSeguimiento(
            f"La ruta de Python «{sys.executable}» tiene caracteres que Excel no lee en su configuración: "
            "instale Python en una carpeta con nombre sin esos caracteres."
        ) from error
    destino.parent.mkdir(parents=True, exist_ok=True)  # XLSTART y la carpeta de xlwings: del usuario
    construir(destino)
    configuracion.parent.mkdir(parents=True, exist_ok=True)
    with escritura_atomica(configuracion) as temporal:
        temporal.write_bytes(texto)
    return destino, configuracion


def desinstalar() -> list[Path]:
    """Quita el complemento de XLSTART y el archivo de configuración; devuelve lo que quitó."""
    _solo_windows()
    quitados = []
    for archivo in (carpeta_xlstart() / NOMBRE, archivo_configuracion()):
        if archivo.exists():
            try:
                archivo.unlink()
            except OSError as error:
                raise ErrorSeguimiento(
                    f"No se pudo borrar «{archivo}»: {motivo_del_sistema(error)}. Cierre Excel y vuelva a intentarlo."
                ) from error
            quitados.append(archivo)
    carpeta = archivo_configuracion().parent
    if carpeta.is_dir() and not any(carpeta.iterdir()):
        shutil.rmtree(carpeta)
    return quitados
