"""La hoja «Tablero» como datos: cifras y tablas (una Maqueta), gráficos y minigráficos con sus rangos.

Los escritores la dibujan con gráficos nativos de Excel (el archivo, con partes DrawingML; el
botón, con la API de gráficos de xlwings): aquí solo se dice qué va dónde y de qué color.
"""

import math
from collections import Counter
from collections.abc import Iterable
from typing import Literal, NamedTuple

from ..nucleo.a1 import Rango, referencia
from ..nucleo.modelo import Categoria, Informe, Objetivo
from .hoja import (
    COLOR_CATEGORIA,
    VACIA,
    Celda,
    Columna,
    Columnas,
    Condicional,
    Fila,
    Filas,
    Maqueta,
    altos_de_filas,
    columna_de_celdas,
    columna_numero_o_nd,
    lineas,
    numero_o_nd,
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
# Las tablas de datos de los gráficos empiezan en B (columna 1 desde 0): el rótulo, y sus valores desde C.
COLUMNA_DATOS = 1


class Serie(NamedTuple):
    """Una serie: nombre, rango de categorías y de valores (en la hoja del tablero) y color RGB."""

    nombre: str
    categorias: Rango
    valores: Rango
    color: str
    etiquetas: bool = False  # rótulo con el valor (un decimal) en cada punto o barra


class Grafico(NamedTuple):
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


class Tablero(NamedTuple):
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
    """Una tabla del tablero: la fila de su encabezado y la última, y su primera columna, desde 0."""

    encabezado: int
    fin: int
    primera: int = 0

    def columna(self, j: int) -> Rango:
        """Los valores de la columna `j` de la hoja (desde 0), sin el encabezado."""
        return Rango(self.encabezado + 1, j, self.fin, j)

    def con_encabezado(self, columnas: int) -> str:
        """El rectángulo de la tabla, con su encabezado y `columnas` columnas desde la primera: 'B31:E34'."""
        return Rango(self.encabezado, self.primera, self.fin, self.primera + columnas - 1).a1()


class Disposicion(NamedTuple):
    """Dónde queda cada tabla del tablero (las que leen los gráficos) y cuántos años tiene."""

    objetivos: Bloque
    categorias: Bloque
    anios: Bloque
    cantidad_anios: int


class _Filas(list[Fila]):
    """Las filas de la hoja mientras se arman; cada tabla se agrega y devuelve su Bloque."""

    def tabla(self, encabezados: Fila, filas: Iterable[Fila], primera: int = 0) -> Bloque:
        inicio = len(self)
        self.append(encabezados)
        self.extend(filas)
        return Bloque(inicio, len(self) - 1, primera)

    def ultima_tabla(self, encabezados: Fila, cuerpo: Columnas) -> tuple[Bloque, Filas]:
        """La última tabla de la hoja, con su cuerpo como columnas: su Bloque y todas las filas."""
        self.append(encabezados)
        return Bloque(len(self) - 1, len(self) - 1 + len(cuerpo)), Filas(tuple(self), cuerpo)


def _cuerpo_indicadores(informe: Informe, anios: list[int]) -> Columnas:
    """Cada indicador con su avance por año y su categoría (una columna vacía al final: la del minigráfico)."""
    resultados = informe.indicadores
    series = [informe.series.get(r.indicador.codigo, _SIN_SERIE) for r in resultados]
    return Columnas(
        (
            Columna([r.indicador.codigo for r in resultados], "ajustado"),  # arriba, como la denominación
            Columna([r.indicador.denominacion for r in resultados], "ajustado"),
            *(columna_numero_o_nd([serie.get(a) for serie in series]) for a in anios),
            columna_de_celdas([_CELDA_CATEGORIA[r.categoria] for r in resultados]),
            Columna([None] * len(resultados), VACIA.estilo),
        )
    )


def maquetar_tablero(informe: Informe) -> Tablero:
    """Índice de la política y los tres gráficos en la primera página; desde la segunda, los datos de
    los gráficos (índice y categorías por objetivo, índice por año) y los indicadores con su serie.

    Las tablas de datos empiezan en B, con el rótulo alineado a la derecha junto a sus valores (C en
    adelante, columnas angostas): la columna B es la ancha de la denominación de los indicadores.
    """
    p = informe.parametros
    anios = anios_con_indice(informe)
    filas = _Filas(
        [
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
    )
    filas.extend(() for _ in range(PRIMERA_FILA_GRAFICOS, ULTIMA_FILA_GRAFICOS + 1))  # los gráficos
    if not anios:  # en el lugar del gráfico por año
        filas[PRIMERA_FILA_GRAFICOS + FILAS_GRAFICO - 1] = (Celda(_nota_sin_anios(informe), "nota"),)
    filas.append((Celda("Datos de los gráficos", "seccion"),))
    # Índice por objetivo, con los umbrales como columnas (las líneas del gráfico).
    objetivos = filas.tabla(
        _encabezado_datos(ENCABEZADO_OBJETIVOS),
        (
            (
                VACIA,
                Celda(o.codigo, "derecha"),
                # Sin índice, la celda queda vacía: el gráfico deja el hueco (un texto «ND» sería una barra 0.0).
                numero_o_nd(o.indice.valor) if o.indice.valor is not None else VACIA,
                Celda(p.umbral_bajo, "ajustado"),
                Celda(p.umbral_alto, "ajustado"),
            )
            for o in informe.objetivos
        ),
        COLUMNA_DATOS,
    )
    filas.append(())
    # Indicadores por categoría en cada objetivo.
    categorias = filas.tabla(
        _encabezado_datos(("Objetivo", *(str(c) for c in Categoria))),
        (
            (VACIA, Celda(o.codigo, "derecha"), *(Celda(n, "ajustado") for n in _por_categoria(o)))
            for o in informe.objetivos
        ),
        COLUMNA_DATOS,
    )
    filas.append(())
    # Índice de la política por año.
    por_anio = filas.tabla(
        _encabezado_datos(("Año", "Índice de la política")),
        ((VACIA, Celda(a, "derecha"), numero_o_nd(informe.series[""][a])) for a in anios),
        COLUMNA_DATOS,
    )
    filas.append(())
    # Indicadores con su avance por año y su minigráfico (en la columna «Tendencia»).
    columnas = (*COLUMNAS_INICIO, *(f"Avance {a}" for a in anios), *COLUMNAS_FIN)
    primera_avance, categoria = len(COLUMNAS_INICIO), len(COLUMNAS_INICIO) + len(anios)
    indicadores, todas = filas.ultima_tabla(
        tuple(Celda(c, "encabezado_ajustado") for c in columnas), _cuerpo_indicadores(informe, anios)
    )
    minigraficos = (
        tuple(
            Minigrafico(i, primera_avance, categoria - 1, categoria + 1)
            for i in range(indicadores.encabezado + 1, indicadores.fin + 1)
        )
        if anios  # sin años no hay serie que dibujar
        else ()
    )
    anchos = (ANCHO_A, ANCHO_B, *(ANCHO_ANIO for _ in anios), ANCHO_CATEGORIA, ANCHO_TENDENCIA)
    anchos = (*anchos, *(ANCHO_RELLENO for _ in range(COLUMNAS_MINIMAS - len(anchos))))
    # El título, combinado a lo ancho de la hoja y ajustado (un título largo no sale de la página).
    alto_titulo = min(409.0, 20.0 * lineas(str(filas[0][0].valor), sum(anchos) / 1.4))
    altos = {i: alto for i, alto in altos_de_filas(todas, anchos).items() if i > ULTIMA_FILA_GRAFICOS}
    altos.update({1: alto_titulo, FILA_CIFRA: float(ALTO_CIFRA)})
    altos.update((i, ALTO_FILA) for i in range(PRIMERA_FILA_GRAFICOS, ULTIMA_FILA_GRAFICOS + 1))
    hoja = Maqueta(
        HOJA_TABLERO,
        todas,
        indicadores.encabezado + 1,
        indicadores.fin + 1,
        TABLA_TABLERO,
        anchos,
        combinadas=(Rango(0, 0, 0, len(anchos) - 1).a1(),),
        altos=tuple(sorted(altos.items())),
        condicionales=tuple(
            Condicional(indicadores.columna(categoria).a1(), str(c), f"categoria:{c}") for c in Categoria
        ),
        pagina=pagina_de_informe(
            informe.titulo,
            informe.anio,
            Rango(0, 0, len(todas) - 1, len(anchos) - 1).a1(),
            indicadores.encabezado + 1,
            inmovilizar=2,  # bajo el título
            saltos=(ULTIMA_FILA_GRAFICOS,),  # la tabla, desde la página 2
        ),
        autoajuste=(indicadores.encabezado + 1, indicadores.fin + 1),
    )
    disposicion = Disposicion(objetivos, categorias, por_anio, len(anios))
    return Tablero(hoja, _graficos(informe, anchos, disposicion), minigraficos)


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


def _por_categoria(objetivo: Objetivo) -> list[int]:
    """Cuántos indicadores del objetivo hay en cada categoría, en el orden de Categoria."""
    cuenta = Counter(
        r.categoria
        for r in (*objetivo.indicadores_objetivo, *(r for s in objetivo.servicios for r in s.indicadores))
    )
    return [cuenta[c] for c in Categoria]


def _graficos(informe: Informe, anchos: tuple[int, ...], disposicion: Disposicion) -> tuple[Grafico, ...]:
    """Dos gráficos por fila en la primera página: A:B y C en adelante; cada uno deja 8 píxeles libres."""
    objetivos, categorias, anios = disposicion.objetivos, disposicion.categorias, disposicion.anios
    codigo = COLUMNA_DATOS  # el rótulo de cada tabla de datos; sus valores, desde la columna siguiente
    izquierda = sum(map(pixeles, anchos[:2])) - 8
    derecha = sum(map(pixeles, anchos[2:])) - 8
    alto = int(FILAS_GRAFICO * ALTO_FILA * 4 / 3) - 8
    primera_fila, segunda_fila = PRIMERA_FILA_GRAFICOS - 1, PRIMERA_FILA_GRAFICOS + FILAS_GRAFICO - 1
    valores_indice = [o.indice.valor for o in informe.objetivos] + [informe.indice.valor]
    tope = _maximo([v for v in valores_indice if v is not None] + [informe.parametros.umbral_alto])
    graficos = [
        Grafico(
            "columna",
            "Índice por objetivo prioritario",
            (
                Serie(
                    "Índice",
                    objetivos.columna(codigo),
                    objetivos.columna(codigo + 1),
                    COLOR_INDICE,
                    etiquetas=True,
                ),
            ),
            referencia(primera_fila, 0),
            objetivos.con_encabezado(len(ENCABEZADO_OBJETIVOS)),
            umbrales=(
                Serie("Umbral bajo", objetivos.columna(codigo), objetivos.columna(codigo + 2), "C00000"),
                Serie("Umbral alto", objetivos.columna(codigo), objetivos.columna(codigo + 3), "548235"),
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
                Serie(str(c), categorias.columna(codigo), categorias.columna(codigo + j), COLOR_CATEGORIA[c])
                for j, c in enumerate(Categoria, start=1)
            ),
            referencia(primera_fila, 2),
            categorias.con_encabezado(1 + len(Categoria)),
            ancho=derecha,
            alto=alto,
            eje_valores=TITULO_EJE_INDICADORES,
            minimo=0,
        ),
    ]
    if disposicion.cantidad_anios:  # sin ningún año con índice, una nota en su lugar (nunca un eje vacío)
        por_anio = [v for v in informe.series.get("", {}).values() if v is not None]
        graficos.append(
            Grafico(
                "linea",
                "Índice de la política por año",
                (
                    Serie(
                        "Índice",
                        anios.columna(codigo),
                        anios.columna(codigo + 1),
                        COLOR_INDICE,
                        etiquetas=True,
                    ),
                ),
                referencia(segunda_fila, 0),
                anios.con_encabezado(2),
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


_SIN_SERIE: dict[int, float | None] = {}  # un indicador sin avances por año
_CELDA_CATEGORIA = {c: Celda(str(c), "ajustado") for c in Categoria}  # una por indicador: se crean una vez
