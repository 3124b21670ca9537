"""La maqueta de la hoja «Alertas» y el JSON: un Informe entra, datos salen, sin archivos."""

from dataclasses import fields

from xl_seguimiento import Parametros
from xl_seguimiento.maqueta.columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO
from xl_seguimiento.maqueta.hoja_alertas import maquetar
from xl_seguimiento.maqueta.presentacion import documento_json
from xl_seguimiento.nucleo.parametros import descripciones


def test_hoja_y_json_muestran_cada_parametro(informe_muestra):
    etiquetas = {str(f[0].valor) for f in maquetar(informe_muestra).filas if f}
    assert {d.etiqueta for _, d in descripciones()} <= etiquetas
    assert set(documento_json(informe_muestra)["parametros"]) == {f.name for f in fields(Parametros)}


def test_tabla_de_detalle_una_fila_por_alerta_con_su_vinculo(informe_muestra):
    maqueta = maquetar(informe_muestra, "libro.xlsx")
    assert maqueta.nombre == "Alertas" and maqueta.tabla == "TablaAlertas"
    assert maqueta.columnas_tabla == (*COLUMNAS_DETALLE, *COLUMNAS_USUARIO)
    detalle = maqueta.filas[maqueta.fila_tabla : maqueta.fila_fin_tabla]
    assert len(detalle) == len(informe_muestra.alertas)
    assert maqueta.rango_tabla == f"A{maqueta.fila_tabla}:L{maqueta.fila_tabla + len(detalle)}"
    for fila, alerta in zip(detalle, informe_muestra.alertas, strict=True):
        assert fila[6].valor == alerta.mensaje
        if alerta.celda:  # el código lleva a su celda en la hoja de origen
            assert fila[1].vinculo == f"'Matriz de seguimiento'!{alerta.celda}"


def test_cada_parrafo_ocupa_una_fila_combinada_de_a_a_g(informe_muestra):
    maqueta = maquetar(informe_muestra)
    parrafos = [i for i, f in enumerate(maqueta.filas, start=1) if f and f[0].estilo == "parrafo"]
    assert ["A1:L1", *(f"A{i}:G{i}" for i in parrafos)] == list(maqueta.combinadas)  # y el título, a lo ancho
    assert [maqueta.filas[i - 1][0].valor for i in parrafos] == list(informe_muestra.parrafos)


def test_el_indice_registrado_es_un_numero_como_en_el_libro(informe_muestra):
    """La celda P81 de la muestra trae el número 79.3: la hoja no lo convierte en el texto «79.3»."""
    (fila,) = [
        f for f in maquetar(informe_muestra).filas if f and f[0].valor == "Índice registrado en el libro"
    ]
    assert (fila[3].valor, fila[3].estilo) == (79.3, "decimal")  # los valores, desde D (issue 23)
