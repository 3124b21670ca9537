"""La hoja «Tablero» como datos: cifras y tablas (una Maqueta), gráficos y minigráficos con sus rangos.

Los escritores la dibujan con gráficos nativos de Excel (el archivo, con partes DrawingML; el
botón, con la API de gráficos de xlwings): aquí solo se dice qué va dónde y de qué color.
"""

import math
from collections import Counter
from dataclasses import dataclass
from typing import Literal, NamedTuple

from ..nucleo.celdas import letras_columna
from ..nucleo.modelo import Categoria, Informe
from .hoja import (
    COLOR_CATEGORIA,
    VACIA,
    Celda,
    Condicional,
    Fila,
    Maqueta,
    alto_de_fila,
    lineas,
    pagina_de_informe,
)

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
# Primera página: título y cifra (filas 1 a 5) y los tres gráficos en dos filas de FILAS_GRAFICO filas
# de ALTO_FILA puntos; la tabla de indicadores empieza en la página 2 (salto manual).
PRIMERA_FILA_GRAFICOS, FILAS_GRAFICO, ALTO_FILA = 6, 12, 15.0
ULTIMA_FILA_GRAFICOS = PRIMERA_FILA_GRAFICOS + 2 * FILAS_GRAFICO - 1
# Anchos: A (código), B (denominación, ajustada) y al menos cinco columnas más desde C, que llevan
# los valores de las tablas de datos de los gráficos y el segundo gráfico de cada fila.
ANCHO_A, ANCHO_B, ANCHO_ANIO, ANCHO_CATEGORIA, ANCHO_TENDENCIA, ANCHO_RELLENO = 14, 44, 11, 14, 12, 11
COLUMNAS_MINIMAS = 7
TITULO_EJE_INDICE, TITULO_EJE_INDICADORES, TITULO_EJE_ANIO = "Índice (%)", "Indicadores", "Año"


@dataclass(frozen=True)
class Serie:
    """Una serie: nombre, rango de categorías y de valores (con la hoja) y color RGB."""

    nombre: str
    categorias: str
    valores: str
    color: str
    etiquetas: bool = False  # rótulo con el valor (un decimal) en cada punto o barra


@dataclass(frozen=True)
class Grafico:
    """Un gráfico nativo: columnas, columnas apiladas o línea; `umbrales` van como líneas encima.

    `ancho` y `alto` en píxeles (96 por pulgada; en puntos, por 0.75); los ejes con su título y, si se
    dan, el mínimo y el máximo del eje de valores.
    """

    tipo: Literal["columna", "columna_apilada", "linea"]
    titulo: str
    series: tuple[Serie, ...]
    ancla: str  # celda de la esquina superior izquierda
    fuente: str  # el rectángulo de la tabla, con encabezados (para quien arma el gráfico desde él)
    umbrales: tuple[Serie, ...] = ()
    ancho: int = 480
    alto: int = 288
    eje_categorias: str = ""
    eje_valores: str = ""
    minimo: float | None = None
    maximo: float | None = None


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
    """Índice de la política y los tres gráficos en la primera página; desde la segunda, los datos de
    los gráficos (índice y categorías por objetivo, índice por año) y los indicadores con su serie.

    Las tablas de datos empiezan en B, con el rótulo alineado a la derecha junto a sus valores (C en
    adelante, columnas angostas): la columna B es la ancha de la denominación de los indicadores.
    """
    p = informe.parametros
    anios = anios_con_indice(informe)
    filas: list[Fila] = [
        (Celda(f"{TITULO_TABLERO}{informe.titulo} — año {informe.anio}", "titulo_ajustado"),),
        (),
        (Celda("Índice de gestión de la política", "etiqueta"),),
        (
            Celda(informe.indice.valor, f"cifra:{informe.categoria}")
            if informe.indice.valor is not None
            else Celda("ND", f"cifra:{informe.categoria}"),
            Celda(str(informe.categoria)),
        ),
        (VACIA, Celda(informe.indice.cobertura)),  # bajo la categoría, junto a la cifra
    ]
    filas.extend(() for _ in range(PRIMERA_FILA_GRAFICOS, ULTIMA_FILA_GRAFICOS + 1))  # los gráficos
    nota = _nota_sin_anios(informe) if not anios else ""
    if nota:  # en el lugar del gráfico por año
        filas[PRIMERA_FILA_GRAFICOS + FILAS_GRAFICO - 1] = (Celda(nota, "nota"),)
    filas.append((Celda("Datos de los gráficos", "seccion"),))
    # Índice por objetivo, con los umbrales como columnas (las líneas del gráfico).
    fila_objetivos = len(filas) + 1
    filas.append(_encabezado_datos(ENCABEZADO_OBJETIVOS))
    filas.extend(
        (
            VACIA,
            Celda(o.codigo, "derecha"),
            # Sin índice, la celda queda vacía: el gráfico deja el hueco (un texto «ND» sería una barra 0.0).
            _numero(o.indice.valor) if o.indice.valor is not None else VACIA,
            Celda(p.umbral_bajo, "ajustado"),
            Celda(p.umbral_alto, "ajustado"),
        )
        for o in informe.objetivos
    )
    fin_objetivos = len(filas)
    filas.append(())
    # Indicadores por categoría en cada objetivo.
    fila_categorias = len(filas) + 1
    filas.append(_encabezado_datos(("Objetivo", *(str(c) for c in Categoria))))
    for o in informe.objetivos:
        cuenta = Counter(
            r.categoria for r in (*o.indicadores_objetivo, *(r for s in o.servicios for r in s.indicadores))
        )
        filas.append((VACIA, Celda(o.codigo, "derecha"), *(Celda(cuenta[c], "ajustado") for c in Categoria)))
    fin_categorias = len(filas)
    filas.append(())
    # Índice de la política por año.
    fila_anios = len(filas) + 1
    filas.append(_encabezado_datos(("Año", "Índice de la política")))
    filas.extend((VACIA, Celda(a, "derecha"), _numero(informe.series[""][a])) for a in anios)
    fin_anios = len(filas)
    filas.append(())
    # Indicadores con su avance por año y su minigráfico.
    fila_tabla = len(filas) + 1
    columnas = (*COLUMNAS_INICIO, *(f"Avance {a}" for a in anios), *COLUMNAS_FIN)
    filas.append(tuple(Celda(c, "encabezado_ajustado") for c in columnas))
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
                Celda(r.indicador.codigo, "ajustado"),  # todo arriba, como la denominación ajustada
                Celda(r.indicador.denominacion, "ajustado"),
                *[_numero(serie.get(a)) for a in anios],
                Celda(str(r.categoria), "ajustado"),
                VACIA,
            )
        )
        if anios:
            minigraficos.append(Minigrafico(_rango(f"{primera}{fila}:{ultima}{fila}"), f"{tendencia}{fila}"))
    anchos = (ANCHO_A, ANCHO_B, *(ANCHO_ANIO for _ in anios), ANCHO_CATEGORIA, ANCHO_TENDENCIA)
    anchos = (*anchos, *(ANCHO_RELLENO for _ in range(COLUMNAS_MINIMAS - len(anchos))))
    # El título, combinado a lo ancho de la hoja y ajustado (un título largo no sale de la página).
    ultima_columna = letras_columna(len(anchos) - 1)
    alto_titulo = min(409.0, 20.0 * lineas(str(filas[0][0].valor), sum(anchos) / 1.4))
    altos = {1: alto_titulo, FILA_CIFRA: float(ALTO_CIFRA)}
    altos.update((i, ALTO_FILA) for i in range(PRIMERA_FILA_GRAFICOS, ULTIMA_FILA_GRAFICOS + 1))
    for i, f in enumerate(filas, start=1):
        if i > ULTIMA_FILA_GRAFICOS and (alto := alto_de_fila(f, anchos)) is not None:
            altos[i] = alto
    hoja = Maqueta(
        HOJA_TABLERO,
        tuple(filas),
        fila_tabla,
        len(filas),
        TABLA_TABLERO,
        anchos,
        combinadas=(f"A1:{ultima_columna}1",),
        altos=tuple(sorted(altos.items())),
        condicionales=tuple(
            Condicional(f"{columna}{fila_tabla + 1}:{columna}{len(filas)}", str(c), f"categoria:{c}")
            for columna in [letras_columna(2 + len(anios))]
            for c in Categoria
        ),
        pagina=pagina_de_informe(
            informe.titulo,
            informe.anio,
            f"A1:{ultima_columna}{len(filas)}",
            fila_tabla,
            inmovilizar=2,  # bajo el título
            saltos=(ULTIMA_FILA_GRAFICOS,),  # la tabla, desde la página 2
        ),
        autoajuste=(fila_tabla, len(filas)),
    )
    limites = (
        fila_objetivos,
        fin_objetivos,
        fila_categorias,
        fin_categorias,
        fila_anios,
        fin_anios,
    )
    return Tablero(hoja, _graficos(informe, anchos, *limites), tuple(minigraficos))


def anios_con_indice(informe: Informe) -> list[int]:
    """Los años con índice de la política hasta el de análisis (un año sin ningún avance no aporta nada)."""
    return sorted(a for a, v in informe.series.get("", {}).items() if a <= informe.anio and v is not None)


def _nota_sin_anios(informe: Informe) -> str:
    return (
        f"Sin gráfico del índice por año: ningún año hasta {informe.anio} tiene avances con que calcularlo."
    )


def _encabezado_datos(columnas: tuple[str, ...]) -> Fila:
    """El encabezado de una tabla de datos de los gráficos: desde B, el rótulo a la derecha (junto a
    los valores de C) y los demás ajustados a su columna angosta."""
    return (
        VACIA,
        Celda(columnas[0], "etiqueta_derecha"),
        *(Celda(c, "encabezado_ajustado") for c in columnas[1:]),
    )


def pixeles(ancho: float) -> int:
    """Los píxeles de una columna de ancho `ancho` (Calibri 11: 7 píxeles por carácter y 5 de margen)."""
    return int(ancho * 7 + 0.5) + 5


def _graficos(
    informe: Informe,
    anchos: tuple[int, ...],
    fila_objetivos: int,
    fin_objetivos: int,
    fila_categorias: int,
    fin_categorias: int,
    fila_anios: int,
    fin_anios: int,
) -> tuple[Grafico, ...]:
    """Dos gráficos por fila en la primera página: A:B y C en adelante; cada uno deja 8 píxeles libres."""
    izquierda = sum(map(pixeles, anchos[:2])) - 8
    derecha = sum(map(pixeles, anchos[2:])) - 8
    alto = int(FILAS_GRAFICO * ALTO_FILA * 4 / 3) - 8
    segunda_fila = PRIMERA_FILA_GRAFICOS + FILAS_GRAFICO
    objetivos = _rango(f"B{fila_objetivos + 1}:B{fin_objetivos}")
    valores_indice = [o.indice.valor for o in informe.objetivos] + [informe.indice.valor]
    tope = _maximo([v for v in valores_indice if v is not None] + [informe.parametros.umbral_alto])
    graficos = [
        Grafico(
            "columna",
            "Índice por objetivo prioritario",
            (
                Serie(
                    "Índice",
                    objetivos,
                    _rango(f"C{fila_objetivos + 1}:C{fin_objetivos}"),
                    COLOR_INDICE,
                    etiquetas=True,
                ),
            ),
            f"A{PRIMERA_FILA_GRAFICOS}",
            f"B{fila_objetivos}:E{fin_objetivos}",
            umbrales=(
                Serie("Umbral bajo", objetivos, _rango(f"D{fila_objetivos + 1}:D{fin_objetivos}"), "C00000"),
                Serie("Umbral alto", objetivos, _rango(f"E{fila_objetivos + 1}:E{fin_objetivos}"), "548235"),
            ),
            ancho=izquierda,
            alto=alto,
            eje_valores=TITULO_EJE_INDICE,
            minimo=0,
            maximo=tope,
        ),
        Grafico(
            "columna_apilada",
            "Indicadores por categoría en cada objetivo",
            tuple(
                Serie(
                    str(c),
                    _rango(f"B{fila_categorias + 1}:B{fin_categorias}"),
                    _rango(f"{letras_columna(j)}{fila_categorias + 1}:{letras_columna(j)}{fin_categorias}"),
                    COLOR_CATEGORIA[c],
                )
                for j, c in enumerate(Categoria, start=2)
            ),
            f"C{PRIMERA_FILA_GRAFICOS}",
            f"B{fila_categorias}:{letras_columna(1 + len(Categoria))}{fin_categorias}",
            ancho=derecha,
            alto=alto,
            eje_valores=TITULO_EJE_INDICADORES,
            minimo=0,
        ),
    ]
    if fin_anios > fila_anios:  # sin ningún año con índice, una nota en su lugar (nunca un eje vacío)
        por_anio = [v for v in informe.series.get("", {}).values() if v is not None]
        graficos.append(
            Grafico(
                "linea",
                "Índice de la política por año",
                (
                    Serie(
                        "Índice",
                        _rango(f"B{fila_anios + 1}:B{fin_anios}"),
                        _rango(f"C{fila_anios + 1}:C{fin_anios}"),
                        COLOR_INDICE,
                        etiquetas=True,
                    ),
                ),
                f"A{segunda_fila}",
                f"B{fila_anios}:C{fin_anios}",
                ancho=izquierda,
                alto=alto,
                eje_categorias=TITULO_EJE_ANIO,
                eje_valores=TITULO_EJE_INDICE,
                minimo=0,
                maximo=_maximo(por_anio),
            )
        )
    return tuple(graficos)


def _maximo(valores: list[float]) -> float:
    """El máximo de un eje de índices: 100, o la decena que cubre el mayor valor."""
    return float(max(100, *(math.ceil(v / 10) * 10 for v in valores))) if valores else 100.0


def _rango(rango: str) -> str:
    """Un rango absoluto en la hoja del tablero: 'Tablero'!$A$2:$A$5."""
    return f"'{HOJA_TABLERO}'!" + ":".join(_absoluta(parte) for parte in rango.split(":"))


def _absoluta(celda: str) -> str:
    letras = celda.rstrip("0123456789")
    return f"${letras}${celda[len(letras) :]}"


def _numero(valor: float | None) -> Celda:
    return _ND if valor is None else Celda(valor, "decimal")


_ND = Celda("ND", "nd")
