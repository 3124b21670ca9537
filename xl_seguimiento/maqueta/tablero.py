"""La hoja «Tablero» como datos: cifras y tablas (una Maqueta), gráficos y minigráficos con sus rangos.

Los escritores la dibujan con gráficos nativos de Excel (el archivo, con partes DrawingML; el
botón, con la API de gráficos de xlwings): aquí solo se dice qué va dónde y de qué color.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..nucleo.celdas import letras_columna
from ..nucleo.modelo import Categoria, Informe
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
    """Una serie: nombre, rango de categorías y de valores (con la hoja) y color RGB."""

    nombre: str
    categorias: str
    valores: str
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
    """Un minigráfico de línea en `celda` con los valores de `datos` (rango con la hoja).

    Tupla con nombre: hay uno por indicador y se crean rápido.
    """

    datos: str
    celda: str


@dataclass(frozen=True)
class Tablero:
    hoja: Maqueta
    graficos: tuple[Grafico, ...]
    minigraficos: tuple[Minigrafico, ...]  # uno por fila, en filas seguidas: forman un grupo

    @property
    def grupo_minigraficos(self) -> tuple[str, str] | None:
        """(celdas, datos) del grupo de minigráficos como dos rectángulos: 'F22:F62' y "'Tablero'!$C$22:$D$62"."""
        if not self.minigraficos:
            return None
        primero, ultimo = self.minigraficos[0], self.minigraficos[-1]
        inicio_datos, fin_datos = primero.datos.split(":")[0], ultimo.datos.split(":")[1]
        return f"{primero.celda}:{ultimo.celda}", f"{inicio_datos}:{fin_datos}"


def maquetar_tablero(informe: Informe) -> Tablero:
    """Índice de la política, índice y categorías por objetivo, índice por año e indicadores con su serie."""
    p = informe.parametros
    anios = anios_con_indice(informe)
    filas: list[Fila] = [
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
    # Índice por objetivo, con los umbrales como columnas (las líneas del gráfico).
    fila_objetivos = len(filas) + 1
    filas.append(encabezado(ENCABEZADO_OBJETIVOS))
    filas.extend(
        (Celda(o.codigo), _numero(o.indice.valor), Celda(p.umbral_bajo), Celda(p.umbral_alto))
        for o in informe.objetivos
    )
    fin_objetivos = len(filas)
    filas.append(())
    # Indicadores por categoría en cada objetivo.
    fila_categorias = len(filas) + 1
    filas.append(encabezado(("Objetivo", *(str(c) for c in Categoria))))
    for o in informe.objetivos:
        cuenta = Counter(
            r.categoria for r in (*o.indicadores_objetivo, *(r for s in o.servicios for r in s.indicadores))
        )
        filas.append((Celda(o.codigo), *(Celda(cuenta[c]) for c in Categoria)))
    fin_categorias = len(filas)
    filas.append(())
    # Índice de la política por año.
    fila_anios = len(filas) + 1
    filas.append(encabezado(("Año", "Índice de la política")))
    filas.extend((Celda(a), _numero(informe.series[""][a])) for a in anios)
    fin_anios = len(filas)
    filas.append(())
    # Indicadores con su avance por año y su minigráfico.
    fila_tabla = len(filas) + 1
    columnas = (*COLUMNAS_INICIO, *(f"Avance {a}" for a in anios), *COLUMNAS_FIN)
    filas.append(encabezado(columnas))
    minigraficos = []
    primera, ultima, tendencia = (
        letras_columna(2),
        letras_columna(1 + len(anios)),
        letras_columna(3 + len(anios)),
    )
    for r in informe.indicadores:
        serie = informe.series.get(r.indicador.codigo, {})
        fila = len(filas) + 1
        filas.append(
            (
                Celda(r.indicador.codigo),
                Celda(r.indicador.denominacion),
                *[_numero(serie.get(a)) for a in anios],
                Celda(str(r.categoria)),
                VACIA,
            )
        )
        minigraficos.append(Minigrafico(_rango(f"{primera}{fila}:{ultima}{fila}"), f"{tendencia}{fila}"))
    hoja = Maqueta(
        HOJA_TABLERO,
        tuple(filas),
        fila_tabla,
        len(filas),
        TABLA_TABLERO,
        (16, 60, *(12 for _ in anios), 16, 14),
        altos=((FILA_CIFRA, ALTO_CIFRA),),
        condicionales=tuple(
            Condicional(f"{columna}{fila_tabla + 1}:{columna}{len(filas)}", str(c), f"categoria:{c}")
            for columna in [letras_columna(2 + len(anios))]
            for c in Categoria
        ),
    )
    return Tablero(
        hoja,
        _graficos(
            fila_objetivos, fin_objetivos, fila_categorias, fin_categorias, fila_anios, fin_anios, len(anios)
        ),
        tuple(minigraficos),
    )


def anios_con_indice(informe: Informe) -> list[int]:
    """Los años con índice de la política hasta el de análisis (un año sin ningún avance no aporta nada)."""
    return sorted(a for a, v in informe.series.get("", {}).items() if a <= informe.anio and v is not None)


def _graficos(
    fila_objetivos: int,
    fin_objetivos: int,
    fila_categorias: int,
    fin_categorias: int,
    fila_anios: int,
    fin_anios: int,
    anios: int,
) -> tuple[Grafico, ...]:
    objetivos = _rango(f"A{fila_objetivos + 1}:A{fin_objetivos}")
    ancla_columna = letras_columna(4 + anios + 1)
    return (
        Grafico(
            "columna",
            "Índice por objetivo prioritario",
            (Serie("Índice", objetivos, _rango(f"B{fila_objetivos + 1}:B{fin_objetivos}"), COLOR_INDICE),),
            f"{ancla_columna}3",
            f"A{fila_objetivos}:D{fin_objetivos}",
            umbrales=(
                Serie("Umbral bajo", objetivos, _rango(f"C{fila_objetivos + 1}:C{fin_objetivos}"), "C00000"),
                Serie("Umbral alto", objetivos, _rango(f"D{fila_objetivos + 1}:D{fin_objetivos}"), "548235"),
            ),
        ),
        Grafico(
            "columna_apilada",
            "Indicadores por categoría en cada objetivo",
            tuple(
                Serie(
                    str(c),
                    _rango(f"A{fila_categorias + 1}:A{fin_categorias}"),
                    _rango(f"{letras_columna(j)}{fila_categorias + 1}:{letras_columna(j)}{fin_categorias}"),
                    COLOR_CATEGORIA[c],
                )
                for j, c in enumerate(Categoria, start=1)
            ),
            f"{ancla_columna}20",
            f"A{fila_categorias}:{letras_columna(len(Categoria))}{fin_categorias}",
        ),
        Grafico(
            "linea",
            "Índice de la política por año",
            (
                Serie(
                    "Índice",
                    _rango(f"A{fila_anios + 1}:A{fin_anios}"),
                    _rango(f"B{fila_anios + 1}:B{fin_anios}"),
                    COLOR_INDICE,
                ),
            ),
            f"{ancla_columna}37",
            f"A{fila_anios}:B{fin_anios}",
        ),
    )


def _rango(rango: str) -> str:
    """Un rango absoluto en la hoja del tablero: 'Tablero'!$A$2:$A$5."""
    return f"'{HOJA_TABLERO}'!" + ":".join(_absoluta(parte) for parte in rango.split(":"))


def _absoluta(celda: str) -> str:
    letras = celda.rstrip("0123456789")
    return f"${letras}${celda[len(letras) :]}"


def _numero(valor: float | None) -> Celda:
    return _ND if valor is None else Celda(valor, "decimal")


_ND = Celda("ND")
