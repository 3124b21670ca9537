"""El reporte de seguimiento como datos: portada, secciones 1 a 4, gráficos y anexos.

Un documento es una secuencia de bloques (títulos, párrafos, tablas con el estilo de cada celda,
gráficos del Tablero y saltos de página); el escritor de Word (`word`) solo los traduce. Los
textos de la narrativa son los de `Informe.parrafos`, los mismos de la hoja «Alertas», y los
gráficos son los del Tablero (`maquetar_tablero`): aquí no se vuelve a redactar ni a calcular nada.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..nucleo.codigos import Nivel
from ..nucleo.modelo import Categoria, Informe, Objetivo, ResultadoIndicador, TipoAlerta
from ..nucleo.textos import un_decimal
from ..nucleo.valores import Valor, formatear_numero
from .anotaciones import VACIAS, Conciliacion
from .columnas import COLUMNAS_USUARIO, ETIQUETA_ANIO, SIN_CODIGO
from .hoja import Celda, Fila
from .tablero import Tablero, anios_con_indice, maquetar_tablero

__all__ = [
    "PENDIENTE",
    "Bloque",
    "GraficoReporte",
    "Parrafo",
    "Reporte",
    "SaltoDePagina",
    "TablaReporte",
    "Titulo",
    "fecha_en_letras",
    "maquetar_reporte",
]

PENDIENTE = "Pendiente de justificar"
TITULO_REPORTE = "Reporte de seguimiento"
MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
TIPOS_TENDENCIA = (TipoAlerta.RETROCESO, TipoAlerta.BAJO_PERSISTENTE)
COLUMNAS_OBJETIVO = (
    "Código",
    "Denominación",
    "Responsable",
    "Línea base",
    "Logro esperado",
    "Valor obtenido",
    "Avance Tipo 1 (%)",
    "Categoría",
)
# Centímetros, en páginas apaisadas; cada código y cada palabra de los encabezados y de las
# categorías («Responsable», «información», «Inconsistencia») cabe entera en su columna con
# letra de 8 pt, aun con la letra de reemplazo de otro programa: no se corta a la mitad.
ANCHO_VERTICAL, ANCHO_APAISADO = 17.0, 25.7  # A4 con márgenes de 2 cm
ANCHOS_OBJETIVO = (3.2, 9.1, 2.8, 1.8, 2.0, 2.0, 2.2, 2.6)
ANCHOS_ALERTAS = (3.2, 3.0, 5.6, 4.6, 3.3, 2.3, 1.9, 1.8)


@dataclass(frozen=True)
class Titulo:
    """Un título con el estilo de Word de su nivel («Heading 1», «Heading 2»): arma el índice."""

    texto: str
    nivel: int


@dataclass(frozen=True)
class Parrafo:
    """Un párrafo; `estilo`: "" (normal), "titulo_portada", "subtitulo_portada", "portada" o "nota"."""

    texto: str
    estilo: str = ""


@dataclass(frozen=True)
class TablaReporte:
    """Una tabla: encabezado (se repite en cada página), filas y anchos en centímetros.

    Una fila de una sola celda es un rótulo de grupo (lineamiento, servicio) que ocupa todo el
    ancho; el estilo de cada celda es uno de `hoja.FORMATOS` (su relleno y su negrita).
    """

    columnas: tuple[str, ...]
    filas: tuple[Fila, ...]
    anchos: tuple[float, ...]


@dataclass(frozen=True)
class GraficoReporte:
    """El gráfico `indice` del Tablero (en el orden de `Tablero.graficos`)."""

    indice: int


@dataclass(frozen=True)
class SaltoDePagina:
    """Lo que sigue empieza en una página nueva; `apaisada` dice la orientación desde ahí (None: la misma)."""

    apaisada: bool | None = None


Bloque = Titulo | Parrafo | TablaReporte | GraficoReporte | SaltoDePagina


@dataclass(frozen=True)
class Reporte:
    """El documento: su título (el de la política, también en el encabezado de página), su fecha,
    sus bloques y el Tablero de donde salen sus gráficos."""

    titulo: str
    fecha: date
    bloques: tuple[Bloque, ...]
    tablero: Tablero


def fecha_en_letras(fecha: date) -> str:
    """'6 de diciembre de 2026'."""
    return f"{fecha.day} de {MESES[fecha.month - 1]} de {fecha.year}"


def maquetar_reporte(informe: Informe, conciliacion: Conciliacion | None, fecha: date) -> Reporte:
    """El reporte completo de un informe; `conciliacion` trae lo escrito junto a cada alerta."""
    tablero = maquetar_tablero(informe)
    por_alerta = conciliacion.por_alerta if conciliacion else (VACIAS,) * len(informe.alertas)
    bloques = (
        *_portada(informe, fecha),
        *_resumen(informe),
        *_objetivos(informe),
        *_alertas(informe, por_alerta),
        *_tendencias(informe),
        *_anexos(informe),
    )
    return Reporte(informe.titulo, fecha, bloques, tablero)


def _portada(informe: Informe, fecha: date) -> list[Bloque]:
    return [
        Parrafo(informe.titulo, "titulo_portada"),
        Parrafo(TITULO_REPORTE, "subtitulo_portada"),
        Parrafo(f"Año {informe.anio}", "portada"),
        Parrafo(f"Generado el {fecha_en_letras(fecha)}", "portada"),
        SaltoDePagina(),
    ]


def _resumen(informe: Informe) -> list[Bloque]:
    categorias = Counter(r.categoria for r in informe.indicadores)
    tipos = informe.alertas_por_tipo()
    return [
        Titulo("1. Resumen", 1),
        Parrafo(
            f"Índice de gestión de la política: {un_decimal(informe.indice.valor)} "
            f"({informe.indice.cobertura}), categoría {informe.categoria}."
        ),
        Titulo("Indicadores por categoría", 2),
        TablaReporte(
            ("Categoría", "Indicadores"),
            tuple((Celda(str(c), f"categoria:{c}"), Celda(categorias[c])) for c in Categoria),
            (6.0, 3.0),
        ),
        Titulo("Alertas por tipo", 2),
        TablaReporte(
            ("Tipo de alerta", "Alertas"),
            tuple((Celda(t.etiqueta, f"tipo:{t}"), Celda(tipos[t])) for t in TipoAlerta),
            (6.0, 3.0),
        ),
        Titulo("Síntesis de la política", 2),
        Parrafo(informe.parrafos[-1]),
        GraficoReporte(0),
    ]


def _objetivos(informe: Informe) -> list[Bloque]:
    bloques: list[Bloque] = [
        SaltoDePagina(apaisada=True),  # tablas de ocho columnas, como la sección 3
        Titulo("2. Avance por objetivo prioritario", 1),
        GraficoReporte(1),
    ]
    for k, (objetivo, parrafo) in enumerate(zip(informe.objetivos, informe.parrafos, strict=False), start=1):
        bloques.extend(
            [
                Titulo(
                    f"2.{k}. Objetivo prioritario {_con_denominacion(objetivo.codigo, objetivo.denominacion)}",
                    2,
                ),
                Parrafo(
                    f"Índice del objetivo: {un_decimal(objetivo.indice.valor)} "
                    f"({objetivo.indice.cobertura}), categoría {objetivo.categoria}."
                ),
                TablaReporte(
                    COLUMNAS_OBJETIVO,
                    tuple(_filas_objetivo(objetivo, informe.anio)),
                    ANCHOS_OBJETIVO,
                ),
                Parrafo("ALERTAS IDENTIFICADAS", "nota"),
                Parrafo(parrafo),
            ]
        )
    return bloques


def _filas_objetivo(objetivo: Objetivo, anio: int) -> Iterable[Fila]:
    """Los indicadores del objetivo y, debajo de los rótulos de su lineamiento y servicio, los de cada servicio."""
    if objetivo.indicadores_objetivo:
        yield (Celda("Indicadores del objetivo prioritario", "etiqueta"),)
        yield from (_fila_indicador(r, anio) for r in objetivo.indicadores_objetivo)
    for lineamiento in objetivo.lineamientos:
        yield (
            Celda(
                f"Lineamiento {_con_denominacion(lineamiento.codigo, lineamiento.denominacion)}", "etiqueta"
            ),
        )
        for servicio in lineamiento.servicios:
            yield (Celda(f"Servicio {_con_denominacion(servicio.codigo, servicio.denominacion)}", "nota"),)
            yield from (_fila_indicador(r, anio) for r in servicio.indicadores)


def _fila_indicador(resultado: ResultadoIndicador, anio: int) -> Fila:
    i = resultado.indicador
    return (
        Celda(i.codigo),
        Celda(i.denominacion),
        Celda(i.responsable),
        Celda(_valor(i.linea_base)),
        Celda(_valor(i.logros.get(anio))),
        Celda(_valor(i.obtenidos.get(anio))),
        Celda(un_decimal(resultado.avance.valor), f"categoria:{resultado.categoria}"),
        Celda(str(resultado.categoria), f"categoria:{resultado.categoria}"),
    )


def _alertas(informe: Informe, por_alerta: Sequence[Sequence[object]]) -> list[Bloque]:
    filas = tuple(
        (
            Celda(a.codigo or SIN_CODIGO),
            Celda(a.tipo.etiqueta, f"tipo:{a.tipo}"),
            Celda(a.mensaje),
            *_columnas_usuario(valores),
        )
        for a, valores in zip(informe.alertas, por_alerta, strict=True)
    )
    return [
        SaltoDePagina(),  # sigue apaisada: ocho columnas, con textos largos
        Titulo("3. Alertas, causas y medidas", 1),
        Parrafo(
            "Una fila por alerta, con lo escrito en las columnas amarillas de la hoja «Alertas» "
            f"(justificación, medida correctiva, responsable, plazo y estado). «{PENDIENTE}»: "
            "nadie ha escrito aún la justificación de esa alerta.",
            "nota",
        ),
        TablaReporte(
            ("Código", "Tipo de alerta", "Detalle", *COLUMNAS_USUARIO),
            filas or ((Celda("Sin alertas"),),),
            ANCHOS_ALERTAS,
        ),
    ]


def _columnas_usuario(valores: Sequence[object]) -> Fila:
    """Las cinco columnas del usuario como texto; sin justificación, «Pendiente de justificar»."""
    textos = [_texto_usuario(v) for v in valores]
    if not textos[0]:
        return (Celda(PENDIENTE, "tipo:sin_informacion"), *(Celda(t) for t in textos[1:]))
    return tuple(Celda(t) for t in textos)


def _texto_usuario(valor: object) -> str:
    if valor is None:
        return ""
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor).strip()


def _tendencias(informe: Informe) -> list[Bloque]:
    anios = anios_con_indice(informe)
    con_tendencia: dict[str, list[TipoAlerta]] = {}
    for a in informe.alertas:
        if a.tipo in TIPOS_TENDENCIA and a.nivel is Nivel.INDICADOR:
            con_tendencia.setdefault(a.codigo, []).append(a.tipo)
    denominaciones = {r.indicador.codigo: r.indicador.denominacion for r in informe.indicadores}
    filas = tuple(
        (
            Celda(codigo),
            Celda(denominaciones.get(codigo, "")),
            Celda(", ".join(t.etiqueta for t in tipos), f"tipo:{tipos[0]}"),
            *_serie(informe, codigo, anios),
        )
        for codigo, tipos in con_tendencia.items()
    )
    return [
        SaltoDePagina(apaisada=False),
        Titulo("4. Tendencias", 1),
        Titulo("Índice de gestión por año", 2),
        TablaReporte(
            ("Año", "Índice de la política"),
            tuple((Celda(str(a)), Celda(un_decimal(informe.series.get("", {}).get(a)))) for a in anios),
            (3.0, 4.0),
        ),
        *([GraficoReporte(2)] if anios else []),  # sin años con índice, el Tablero no lo dibuja
        Titulo("Indicadores con retroceso o bajo avance persistente", 2),
        TablaReporte(
            ("Código", "Denominación", "Alerta", *(f"Avance {a}" for a in anios)),
            filas or ((Celda("Ningún indicador retrocede ni mantiene un avance bajo."),),),
            (2.8, 6.0, 3.0, *(1.6 for _ in anios)),
        ),
    ]


def _anexos(informe: Informe) -> list[Bloque]:
    anios = anios_con_indice(informe)
    inconsistencias = tuple(
        (Celda(a.codigo or SIN_CODIGO), Celda(a.mensaje))
        for a in informe.alertas
        if a.tipo is TipoAlerta.INCONSISTENCIA
    )
    return [
        SaltoDePagina(),
        Titulo("Anexos", 1),
        Titulo("Anexo 1. Matriz de indicadores con el avance de cada año", 2),
        TablaReporte(
            ("Código", "Denominación", "Responsable", *(f"Avance {a}" for a in anios), "Categoría"),
            tuple(
                (
                    Celda(r.indicador.codigo),
                    Celda(r.indicador.denominacion),
                    Celda(r.indicador.responsable),
                    *_serie(informe, r.indicador.codigo, anios),
                    Celda(str(r.categoria), f"categoria:{r.categoria}"),
                )
                for r in informe.indicadores
            ),
            (2.8, 6.0, 2.0, *(1.5 for _ in anios), 1.8),
        ),
        Titulo("Anexo 2. Parámetros del análisis", 2),
        TablaReporte(
            ("Parámetro", "Valor"),
            tuple(
                (Celda(etiqueta), Celda(str(valor)))
                for etiqueta, valor in ((ETIQUETA_ANIO, informe.anio), *informe.parametros.filas())
            ),
            (9.0, 4.0),
        ),
        Titulo("Anexo 3. Inconsistencias de la auditoría", 2),
        Parrafo(
            "Avance registrado en el libro frente al recalculado, filas desalineadas, códigos "
            "repetidos y sentidos contrarios a la tendencia de los logros esperados.",
            "nota",
        ),
        TablaReporte(
            ("Código", "Inconsistencia"),
            inconsistencias or ((Celda("Sin inconsistencias."),),),
            (3.0, 14.0),
        ),
    ]


def _serie(informe: Informe, codigo: str, anios: Sequence[int]) -> Fila:
    serie = informe.series.get(codigo, {})
    return tuple(Celda(un_decimal(serie.get(a))) for a in anios)


def _valor(valor: Valor | None) -> str:
    """Un valor del libro como se lee: el número (o porcentaje), o «ND»."""
    if valor is None or valor.numero is None:
        return "ND"
    return formatear_numero(valor.numero, valor.porcentaje)


def _con_denominacion(codigo: str, denominacion: str) -> str:
    return f"{codigo} — {denominacion}" if denominacion else codigo
