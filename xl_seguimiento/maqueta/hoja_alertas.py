"""Maquetación de la hoja «Alertas» como datos: filas de celdas con estilo, tabla y anchos.

Los escritores (archivo con openpyxl, Excel en vivo con xlwings) solo traducen esta maqueta.
"""

from collections import Counter
from typing import NamedTuple

from ..nucleo.celdas import letras_columna
from ..nucleo.codigos import Nivel
from ..nucleo.modelo import Alerta, Informe, TipoAlerta
from ..nucleo.motor import HOJA_ALERTAS
from ..nucleo.valores import describir
from ..nucleo.version import VERSION
from .hoja import VACIA, Celda, Fila, Maqueta, encabezado

NOMBRE_TABLA = "TablaAlertas"
COLUMNAS_DETALLE = (
    "Nivel",
    "Código",
    "Denominación",
    "Responsable",
    "Tipo de alerta",
    "Avance Tipo 1 (%)",
    "Detalle",
)
ULTIMA_COLUMNA = letras_columna(len(COLUMNAS_DETALLE) - 1)  # de la tabla de detalle y los párrafos
COLUMNAS_INDICES = ("Nivel", "Código", "Denominación", "Cobertura", "Categoría", "Índice")
ANCHOS = (18, 18, 60, 34, 18, 16, 100)
ETIQUETA_NIVEL = {
    Nivel.INDICADOR: "Indicador",
    Nivel.SERVICIO: "Servicio",
    Nivel.LINEAMIENTO: "Lineamiento",
    Nivel.OBJETIVO: "Objetivo prioritario",
    Nivel.POLITICA: "Política",
}
ALTO_LINEA = 15  # puntos por línea de un párrafo
CARACTERES_POR_LINEA = 220  # en un párrafo combinado de A a G (suma de anchos: unos 280 caracteres)


# Fila de la tabla de detalle cuando no hay alertas (una tabla de Excel no queda sin filas).
SIN_ALERTAS: Fila = (Celda("—"), *(VACIA for _ in COLUMNAS_DETALLE[2:]), Celda("Sin alertas"))


def maquetar(informe: Informe, archivo: str = "") -> Maqueta:
    """Título, parámetros, resumen, narrativa y tabla de detalle de la hoja «Alertas»."""
    filas: list[Fila] = [
        (Celda(f"Alertas de seguimiento — {informe.titulo} — año {informe.anio}", "titulo"),),
        (Celda(_origen(informe, archivo), "nota"),),
        (),
        *_parametros(informe),
        (),
        *_resumen(informe),
        (),
        (Celda("ALERTAS IDENTIFICADAS", "seccion"),),
        *((Celda(p, "parrafo"),) for p in informe.parrafos),
        (),
        (Celda("Detalle de alertas", "seccion"),),
    ]
    fila_tabla = len(filas) + 1
    filas.append(encabezado(COLUMNAS_DETALLE))
    filas.extend(_detalle(a, informe.hoja) for a in informe.alertas)
    if not informe.alertas:
        filas.append(SIN_ALERTAS)
    parrafos = [i for i, f in enumerate(filas, start=1) if len(f) == 1 and f[0].estilo == "parrafo"]
    return Maqueta(
        HOJA_ALERTAS,
        tuple(filas),
        fila_tabla,
        len(filas),
        NOMBRE_TABLA,
        ANCHOS,
        combinadas=tuple(f"A{i}:{ULTIMA_COLUMNA}{i}" for i in parrafos),
        altos=tuple((i, ALTO_LINEA * _lineas(str(filas[i - 1][0].valor))) for i in parrafos),
    )


def _lineas(texto: str) -> int:
    """Líneas que ocupa un párrafo en la celda combinada de A a G."""
    return max(1, -(-len(texto) // CARACTERES_POR_LINEA))


def _origen(informe: Informe, archivo: str) -> str:
    fuente = f"hoja «{informe.hoja}»" + (f" de {archivo}" if archivo else "")
    return f"Generado por xl-seguimiento {VERSION} a partir de la {fuente}. Se reemplaza en cada ejecución."


def _parametros(informe: Informe) -> list[Fila]:
    datos = (("Año de análisis", informe.anio), *informe.parametros.filas())
    return [(Celda("Parámetros", "seccion"),), *(_dato(k, Celda(v)) for k, v in datos)]


def _dato(etiqueta: str, *valores: Celda) -> Fila:
    """Etiqueta en A (se lee sobre B, que queda vacía) y sus valores desde C."""
    return (Celda(etiqueta, "etiqueta"), VACIA, *valores)


def _resumen(informe: Informe) -> list[Fila]:
    registrado = informe.indice_registrado
    filas: list[Fila] = [
        (Celda("Resumen", "seccion"),),
        _dato(
            "Índice de gestión de la política",
            numero_o_nd(informe.indice.valor),
            Celda(informe.indice.cobertura),
            Celda(str(informe.categoria)),
        ),
    ]
    if registrado is not None:
        filas.append(_dato("Índice registrado en el libro", Celda(describir(registrado.valor))))
    filas.append(())
    filas.append(encabezado(COLUMNAS_INDICES))
    for o in informe.objetivos:
        filas.append(_fila_indice(Nivel.OBJETIVO, o.codigo, o.denominacion, o.indice, o.categoria))
        filas.extend(
            _fila_indice(Nivel.LINEAMIENTO, ln.codigo, ln.denominacion, ln.indice, ln.categoria)
            for ln in o.lineamientos
        )
    filas.append(())
    filas.append((Celda("Tipo de alerta", "encabezado"), Celda("Cantidad", "encabezado")))
    cuenta = Counter(a.tipo for a in informe.alertas)
    filas.extend((Celda(t.etiqueta, f"tipo:{t}"), Celda(cuenta[t])) for t in TipoAlerta)
    return filas


def _fila_indice(nivel: Nivel, codigo: str, denominacion: str, indice, categoria) -> Fila:
    """Una fila de la tabla de índices, en las mismas columnas que el detalle de alertas."""
    estilo = "etiqueta" if nivel is Nivel.OBJETIVO else ""
    return (
        Celda(ETIQUETA_NIVEL[nivel], estilo),
        Celda(codigo, estilo),
        Celda(denominacion),
        Celda(indice.cobertura),
        Celda(str(categoria)),
        numero_o_nd(indice.valor),
    )


def numero_o_nd(valor: float | None) -> Celda:
    """Un índice o avance con un decimal, o «ND»."""
    return Celda("ND") if valor is None else Celda(valor, "decimal")


def _detalle(alerta: Alerta, hoja: str) -> Fila:
    hoja_citada = hoja.replace("'", "''")
    vinculo = f"'{hoja_citada}'!{alerta.celda}" if alerta.celda else ""
    return fila_detalle(valores_detalle(alerta), vinculo)


class ValoresDetalle(NamedTuple):
    """Lo que muestra la fila de una alerta, en el orden de COLUMNAS_DETALLE (viaja entre procesos)."""

    nivel: str
    codigo: str
    denominacion: str
    responsable: str
    tipo: TipoAlerta
    avance: float | None
    mensaje: str


def valores_detalle(alerta: Alerta) -> ValoresDetalle:
    """Los valores de la fila de una alerta."""
    return ValoresDetalle(
        nivel=ETIQUETA_NIVEL[alerta.nivel],
        codigo=alerta.codigo or "—",
        denominacion=alerta.denominacion,
        responsable=alerta.responsable,
        tipo=alerta.tipo,
        avance=alerta.avance,
        mensaje=alerta.mensaje,
    )


def fila_detalle(valores: ValoresDetalle, vinculo: str = "") -> Fila:
    """La fila de una alerta con sus estilos; `vinculo` lleva el código a su celda de origen."""
    return (
        Celda(valores.nivel),
        Celda(valores.codigo, "vinculo" if vinculo else "", vinculo),
        Celda(valores.denominacion),
        Celda(valores.responsable),
        Celda(valores.tipo.etiqueta, f"tipo:{valores.tipo}"),
        numero_o_nd(valores.avance),
        Celda(valores.mensaje),  # sin ajustar: una línea por alerta, la tabla sigue compacta
    )
