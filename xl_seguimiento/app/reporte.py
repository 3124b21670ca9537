"""El reporte de seguimiento de un libro (.docx): el mismo seguimiento y las mismas anotaciones que «Alertas»."""

from datetime import date
from pathlib import Path

from ..maqueta.reporte import maquetar_reporte
from ..maqueta.seguimiento import Seguimiento
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.parametros import PARAMETROS, Parametros
from ..word.documento import escribir_docx, reporte_por_omision
from ..xlsx.lectura.calamine import LibroAbierto
from .nombres import salida_por_omision
from .procesar import seguir_libro

__all__ = ["escribir_reporte_de_libro", "reporte_por_omision"]


def escribir_reporte_de_libro(
    libro: Path,
    destino: Path,
    parametros: Parametros = PARAMETROS,
    anio: int | None = None,
    desde: Path | None = None,
    fecha: date | None = None,
    entrada: LibroAbierto | None = None,
) -> Seguimiento:
    """Analiza `libro`, escribe su reporte en `destino` (.docx) y devuelve el seguimiento; `fecha`, la de
    la portada (hoy).

    Lo escrito junto a cada alerta se trae como para «Alertas»: de `desde`, de LIBRO_alertas.xlsx
    (la última salida) y de la hoja «Alertas» del propio libro.
    """
    if destino.suffix.lower() != ".docx":
        raise ErrorSeguimiento(f"El reporte «{destino}» debe ser un documento .docx.", archivo=destino)
    entrada = entrada or LibroAbierto(libro).empezar()
    seguimiento = seguir_libro(entrada, salida_por_omision(libro), parametros, anio, desde, reemplaza=False)
    reporte = maquetar_reporte(seguimiento.informe, seguimiento.conciliacion, fecha or date.today())
    escribir_docx(reporte, destino)
    return seguimiento
