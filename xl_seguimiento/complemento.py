"""Complemento de Excel: se construye desde la plantilla con cinta de xlwings y se instala.

La construcción es reproducible: toma `quickstart_addin_ribbon.xlam` de la versión fijada de
xlwings, reemplaza la cinta por `macros/customUI.xml`, activa su hoja de configuración con
«UDF Modules» = xl_seguimiento.udfs y conserva intactas las demás partes (el VBA incluido).
"""

import os
import shutil
import sys
import zipfile
from pathlib import Path

from .atomico import escritura_atomica
from .errores import ErrorSeguimiento

NOMBRE = "xl_seguimiento.xlam"  # el botón ejecuta `import xl_seguimiento; xl_seguimiento.main()`
RAIZ = Path(__file__).resolve().parent.parent  # el repositorio (instalación editable)
MACROS = RAIZ / "macros"
COMPLEMENTO = RAIZ / "workbook" / NOMBRE
PLANTILLA = "quickstart_addin_ribbon.xlam"
MODULOS_UDF = "xl_seguimiento.udfs"
HOJA_CONF_INACTIVA = '<sheet name="_myaddin.conf"'
HOJA_CONF_ACTIVA = '<sheet name="myaddin.conf"'
FILA_UDF_MODULES = '<row r="6" spans="1:1" ht="15.75"><c r="A6" s="1" t="s"><v>1</v></c></row>'
PARTE_CINTA = "customUI/customUI.xml"


def plantilla() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent / PLANTILLA


def construir(destino: Path, macros: Path = MACROS) -> Path:
    """Escribe el complemento en `destino`; mismas entradas, mismos bytes."""
    cinta = macros / "customUI.xml"
    if not cinta.is_file():
        raise ErrorSeguimiento(
            f"No existe la cinta «{cinta}»: ejecute la orden desde el repositorio del proyecto."
        )
    cambios = {
        PARTE_CINTA: lambda _: cinta.read_bytes(),
        "xl/workbook.xml": _activar_configuracion,
        "xl/worksheets/sheet1.xml": _poner_modulos_udf,
    }
    destino.parent.mkdir(parents=True, exist_ok=True)
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


def _activar_configuracion(datos: bytes) -> bytes:
    texto = datos.decode("utf-8")
    if HOJA_CONF_INACTIVA not in texto:
        raise ErrorSeguimiento("La plantilla de xlwings no tiene la hoja «_myaddin.conf» esperada.")
    return texto.replace(HOJA_CONF_INACTIVA, HOJA_CONF_ACTIVA).encode("utf-8")


def _poner_modulos_udf(datos: bytes) -> bytes:
    texto = datos.decode("utf-8")
    if FILA_UDF_MODULES not in texto:
        raise ErrorSeguimiento("La plantilla de xlwings no tiene la fila «UDF Modules» esperada.")
    valor = f'<c r="B6" s="1" t="inlineStr"><is><t>{MODULOS_UDF}</t></is></c>'
    fila = FILA_UDF_MODULES.replace('spans="1:1"', 'spans="1:2"').replace("</row>", valor + "</row>")
    return texto.replace(FILA_UDF_MODULES, fila).encode("utf-8")


def carpeta_xlstart() -> Path:
    """Carpeta de inicio de Excel del usuario actual (Windows): lo que hay ahí se carga al abrir Excel."""
    if sys.platform != "win32":
        raise ErrorSeguimiento(
            "La instalación del complemento solo funciona en Windows con Excel. En este sistema puede "
            f"construirlo (xl-seguimiento complemento construir) y copiar {NOMBRE} a un equipo con Windows."
        )
    appdata = os.environ.get("APPDATA")
    if not appdata:
        raise ErrorSeguimiento(
            "No se encontró la carpeta del usuario (variable APPDATA) para instalar el complemento."
        )
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"


def instalar(complemento: Path) -> Path:
    """Copia el complemento a XLSTART del usuario actual; devuelve dónde quedó."""
    if not complemento.is_file():
        raise ErrorSeguimiento(
            f"No existe «{complemento}»: constrúyalo antes con «xl-seguimiento complemento construir»."
        )
    carpeta = carpeta_xlstart()
    carpeta.mkdir(parents=True, exist_ok=True)
    destino = carpeta / NOMBRE
    try:
        shutil.copyfile(complemento, destino)
    except OSError as error:
        raise ErrorSeguimiento(
            f"No se pudo copiar el complemento a «{destino}»: {error.strerror}. Cierre Excel y vuelva a intentarlo."
        ) from error
    return destino
