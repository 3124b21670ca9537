"""Excel en vivo (xlwings): el botón «Generar reporte» escribe el reporte de seguimiento (.docx).

Lee el libro abierto como el botón «Generar alertas» (una lectura masiva por hoja: lo que se ve,
aunque no esté guardado), con lo escrito en las columnas amarillas de su hoja «Alertas», y
escribe LIBRO_reporte.docx en la carpeta del libro. No toca el libro.
"""

from datetime import date
from pathlib import Path

from ..maqueta.anotaciones import leer_anotaciones
from ..maqueta.reporte import maquetar_reporte
from ..maqueta.seguimiento import seguir
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.motor import HOJA_ALERTAS
from ..word.documento import escribir_docx, reporte_por_omision
from .boton import TITULO_MENSAJE, errores_en_un_mensaje, leer_hojas_excel, libro_que_llamo

__all__ = ["destino_del_reporte", "generar_reporte"]


def generar_reporte(libro=None, fecha: date | None = None) -> None:
    """Punto de entrada del botón: el reporte del libro que llamó, junto a él; `fecha`, la de la portada (hoy).

    Avisa dónde lo escribió; todo error termina en un mensaje en español que nombra el libro.
    """
    if libro is None:
        libro = libro_que_llamo()
    fallo = f"No se pudo generar el reporte del libro «{libro.name}». Guarde el libro, cierre"
    with errores_en_un_mensaje(libro, fallo):
        destino = destino_del_reporte(libro)
        hojas = list(leer_hojas_excel(libro))  # una lectura: la tabla y la hoja «Alertas»
        anteriores = [
            a for n, g in hojas if n.casefold() == HOJA_ALERTAS.casefold() for a in leer_anotaciones(g)
        ]
        seguimiento = seguir(hojas, anteriores, nombre_libro=libro.name)
        escribir_docx(
            maquetar_reporte(seguimiento.informe, seguimiento.conciliacion, fecha or date.today()), destino
        )
        libro.app.alert(f"Reporte de seguimiento escrito en «{destino}».", title=TITULO_MENSAJE)


def destino_del_reporte(libro) -> Path:
    """LIBRO_reporte.docx en la carpeta del libro; un libro que nunca se guardó no tiene carpeta."""
    ruta = Path(libro.fullname)
    if not ruta.is_absolute():  # «Libro1» (nuevo) o una dirección https:// de OneDrive o SharePoint
        raise ErrorSeguimiento(
            "el libro no está guardado en una carpeta de este equipo, así que el reporte no tiene dónde "
            "escribirse. Guárdelo (Archivo › Guardar como) en una carpeta de este equipo y pulse otra "
            "vez «Generar reporte»."
        )
    return reporte_por_omision(ruta)
