"""La parte de la tabla de Excel (ListObject) de una `Maqueta`: su rango, sus columnas y su estilo."""

from ...maqueta.hoja import Maqueta
from ..opc.constantes import DECLARACION_XML, Dialecto
from ..opc.xml_seguro import atributo_xml

__all__ = ["xml_tabla"]


def xml_tabla(maqueta: Maqueta, id_tabla: int, nombre: str, dialecto: Dialecto) -> str:
    columnas = "".join(
        f'<tableColumn id="{j}" name="{atributo_xml(c)}"/>'
        for j, c in enumerate(maqueta.columnas_tabla, start=1)
    )
    return (
        DECLARACION_XML
        + f'<table xmlns="{dialecto.principal}" id="{id_tabla}" name="{nombre}" displayName="{nombre}" '
        f'ref="{maqueta.rango_tabla}" totalsRowShown="0"><autoFilter ref="{maqueta.rango_tabla}"/>'
        f'<tableColumns count="{len(maqueta.columnas_tabla)}">{columnas}</tableColumns>'
        '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" '
        'showRowStripes="0" showColumnStripes="0"/></table>'
    )
