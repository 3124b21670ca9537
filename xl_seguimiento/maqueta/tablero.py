"""La hoja «Tablero» como datos: cifras y tablas (una Maqueta), gráficos y minigráficos con sus rangos.

Los escritores la dibujan con gráficos nativos de Excel (el archivo, con partes DrawingML; el
botón, con la API de gráficos de xlwings): aquí solo se dice qué va dónde y de qué color.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..nucleo.a1 import Rango, referencia
from ..nucleo.modelo import Categoria, Informe, Objetivo
from .hoja import COLOR_CATEGORIA, VACIA, Celda, Condicional, Fila, Maqueta, encabezado

__all__ = [
    "ENCABEZADO_OBJETIVOS",
    "HOJA_TABLERO",
    "TITULO_TABLERO",
    "Grafico",
    "Minigrafico",
    "Serie",
    "Tablero",
    "anios_con_indice",
    "maquetar_tablero",
]

HOJA_TABLERO = "Tablero"
TITULO_TABLERO = "Tablero — "  # el comienzo del título, en A1
ENCABEZADO_OBJETIVOS = ("Objetivo", "Índice", "Umbral bajo", "Umbral alto")
TABLA_TABLERO = "TablaTablero"
# La tabla de indicadores: estas columnas, con las de «Avance AAAA» de cada año en medio.
COLUMNAS_INICIO, COLUMNAS_FIN = ("Código", "Denominación"), ("Categoría", "Tendencia")
COLOR_INDICE = "4472C4"
FILA_CIFRA, ALTO_CIFRA = 4, 36  # la fila del índice en cifra grande y su alto en puntos


@dataclass(frozen=True)
class Serie:
    """Una serie: nombre, rango de categorías y de valores (en la hoja del tablero) y color RGB."""

    nombre: str
    categorias: Rango
    valores: Rango
    color: str


@dataclass(frozen=True)
class Grafico:
    """Un gráfico nativo: columnas, columnas apiladas o línea; `umbrales` van como líneas encima."""

    tipo: Literal["columna", "columna_apilada", "linea"]
    titulo: str
    series: tuple[Serie, ...]
    ancla: str  # celda de la esquina superior izquierda
    fuente: str  # el rectángulo de la tabla, con encabezados (para quien arma el gráfico desde él)
    umbrales: tuple[Serie, ...] = ()


class Minigrafico(NamedTuple):
    """Un minigráfico de línea en la celda (`fila`, `columna_celda`) con los valores de la fila entre
    `columna` y `columna_fin` (desde 0, en la hoja del tablero).

    Tupla con nombre: hay uno por indicador y se crean rápido.
    """

    fila: int
    columna: int
    columna_fin: int
    columna_celda: int

    @property
    def datos(self) -> Rango:
        return Rango(self.fila, self.columna, self.fila, self.columna_fin)

    @property
    def celda(self) -> str:
        return referencia(self.fila, self.columna_celda)


@dataclass(frozen=True)
class Tablero:
    hoja: Maqueta
    graficos: tuple[Grafico, ...]
    minigraficos: tuple[Minigrafico, ...]  # uno por fila, en filas seguidas: forman un grupo

    @property
    def grupo_minigraficos(self) -> tuple[Rango, Rango] | None:
        """(celdas, datos) del grupo de minigráficos como dos rectángulos (F22:F62 y C22:D62)."""
        if not self.minigraficos:
            return None
        primero, ultimo = self.minigraficos[0], self.minigraficos[-1]
        return (
            Rango(primero.fila, primero.columna_celda, ultimo.fila, ultimo.columna_celda),
            Rango(primero.fila, primero.columna, ultimo.fila, ultimo.columna_fin),
        )


class Bloque(NamedTuple):
    """Una tabla del tablero: la fila de su encabezado y la última, desde 0."""

    encabezado: int
    fin: int

    def columna(self, j: int) -> Rango:
        """Los valores de la columna `j`, sin el encabezado."""
        return Rango(self.encabezado + 1, j, self.fin, j)

    def con_encabezado(self, columnas: int) -> str:
        """El rectángulo de la tabla, con su encabezado y `columnas` columnas: 'A6:D9'."""
        return Rango(self.encabezado, 0, self.fin, columnas - 1).a1()


class Disposicion(NamedTuple):
    """Dónde queda cada tabla del tablero (las que leen los gráficos) y cuántos años tiene."""

    objetivos: Bloque
    categorias: Bloque
    anios: Bloque
    cantidad_anios: int


class _Filas(list[Fila]):
    """Las filas de la hoja mientras se arman; cada tabla se agrega y devuelve su Bloque."""

    def tabla(self, encabezados: Fila, filas: Iterable[Fila]) -> Bloque:
        inicio = len(self)
        self.append(encabezados)
        self.extend(filas)
        return Bloque(inicio, len(self) - 1)


def maquetar_tablero(informe: Informe) -> Tablero:
    """Índice de la política, índice y categorías por objetivo, índice por año e indicadores con su serie."""
    p = informe.parametros
    anios = anios_con_indice(informe)
    filas = _Filas(
        [
            (Celda(f"{TITULO_TABLERO}{informe.titulo} — año {informe.anio}", "titulo"),),
            (),
            (Celda("Índice de gestión de la política", "etiqueta"),),
            (
                Celda(informe.indice.valor, f"cifra:{informe.categoria}")
                if informe.indice.valor is not None
                else Celda("ND", f"cifra:{informe.categoria}"),
                Celda(str(informe.categoria)),
                Celda(informe.indice.cobertura),
            ),
            (),
        ]
    )
    # Índice por objetivo, con los umbrales como columnas (las líneas del gráfico).
    objetivos = filas.tabla(
        encabezado(ENCABEZADO_OBJETIVOS),
        (
            (Celda(o.codigo), _numero(o.indice.valor), Celda(p.umbral_bajo), Celda(p.umbral_alto))
            for o in informe.objetivos
        ),
    )
    filas.append(())
    # Indicadores por categoría en cada objetivo.
    categorias = filas.tabla(
        encabezado(("Objetivo", *(str(c) for c in Categoria))),
        ((Celda(o.codigo), *(Celda(n) for n in _por_categoria(o))) for o in informe.objetivos),
    )
    filas.append(())
    # Índice de la política por año.
    por_anio = filas.tabla(
        encabezado(("Año", "Índice de la política")),
        ((Celda(a), _numero(informe.series[""][a])) for a in anios),
    )
    filas.append(())
    # Indicadores con su avance por año y su minigráfico (en la columna «Tendencia»).
    columnas = (*COLUMNAS_INICIO, *(f"Avance {a}" for a in anios), *COLUMNAS_FIN)
    primera_avance, categoria = len(COLUMNAS_INICIO), len(COLUMNAS_INICIO) + len(anios)
    indicadores = filas.tabla(
        encabezado(columnas),
        (
            (
                Celda(r.indicador.codigo),
                Celda(r.indicador.denominacion),
                *[_numero(informe.series.get(r.indicador.codigo, {}).get(a)) for a in anios],
                Celda(str(r.categoria)),
                VACIA,
            )
            for r in informe.indicadores
        ),
    )
    minigraficos = tuple(
        Minigrafico(i, primera_avance, categoria - 1, categoria + 1)
        for i in range(indicadores.encabezado + 1, indicadores.fin + 1)
    )
    hoja = Maqueta(
        HOJA_TABLERO,
        tuple(filas),
        indicadores.encabezado + 1,
        indicadores.fin + 1,
        TABLA_TABLERO,
        (16, 60, *(12 for _ in anios), 16, 14),
        altos=((FILA_CIFRA, ALTO_CIFRA),),
        condicionales=tuple(
            Condicional(indicadores.columna(categoria).a1(), str(c), f"categoria:{c}") for c in Categoria
        ),
    )
    return Tablero(hoja, _graficos(Disposicion(objetivos, categorias, por_anio, len(anios))), minigraficos)


def anios_con_indice(informe: Informe) -> list[int]:
    """Los años con índice de la política hasta el de análisis (un año sin ningún avance no aporta nada)."""
    return sorted(a for a, v in informe.series.get("", {}).items() if a <= informe.anio and v is not None)


def _por_categoria(objetivo: Objetivo) -> list[int]:
    """Cuántos indicadores del objetivo hay en cada categoría, en el orden de Categoria."""
    cuenta = Counter(
        r.categoria
        for r in (*objetivo.indicadores_objetivo, *(r for s in objetivo.servicios for r in s.indicadores))
    )
    return [cuenta[c] for c in Categoria]


def _graficos(disposicion: Disposicion) -> tuple[Grafico, ...]:
    objetivos, categorias, anios = disposicion.objetivos, disposicion.categorias, disposicion.anios
    ancla = 4 + disposicion.cantidad_anios + 1  # la columna de los gráficos, a la derecha de las tablas
    return (
        Grafico(
            "columna",
            "Índice por objetivo prioritario",
            (Serie("Índice", objetivos.columna(0), objetivos.columna(1), COLOR_INDICE),),
            referencia(2, ancla),
            objetivos.con_encabezado(len(ENCABEZADO_OBJETIVOS)),
            umbrales=(
                Serie("Umbral bajo", objetivos.columna(0), objetivos.columna(2), "C00000"),
                Serie("Umbral alto", objetivos.columna(0), objetivos.columna(3), "548235"),
            ),
        ),
        Grafico(
            "columna_apilada",
            "Indicadores por categoría en cada objetivo",
            tuple(
                Serie(str(c), categorias.columna(0), categorias.columna(j), COLOR_CATEGORIA[c])
                for j, c in enumerate(Categoria, start=1)
            ),
            referencia(19, ancla),
            categorias.con_encabezado(1 + len(Categoria)),
        ),
        Grafico(
            "linea",
            "Índice de la política por año",
            (Serie("Índice", anios.columna(0), anios.columna(1), COLOR_INDICE),),
            referencia(36, ancla),
            anios.con_encabezado(2),
        ),
    )


def _numero(valor: float | None) -> Celda:
    return _ND if valor is None else Celda(valor, "decimal")


_ND = Celda("ND")
