"""Hojas como datos: celdas con estilo, los estilos de las hojas que escribe el proyecto y su tabla.

Los escritores (el paquete .xlsx y Excel en vivo con xlwings) solo traducen una `Maqueta`. El cuerpo
de una tabla grande va como columnas (`Columnas`): el archivo lo escribe por columna; para los demás
es una secuencia de filas.
"""

from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import chain, compress, count, repeat
from operator import add, floordiv, is_, lt, not_
from typing import NamedTuple, cast, overload

from ..nucleo.a1 import Rango, leer_celda, referencia
from ..nucleo.modelo import Categoria, TipoAlerta

__all__ = [
    "COLOR_TIPO",
    "FORMATOS",
    "PIE_PAGINA",
    "VACIA",
    "Celda",
    "Columna",
    "Columnas",
    "Fila",
    "Filas",
    "Formato",
    "Maqueta",
    "Margenes",
    "Pagina",
    "Validacion",
    "alto_de_fila",
    "altos_de_bloque",
    "altos_de_filas",
    "columna_de_celdas",
    "columna_numero_o_nd",
    "encabezado",
    "encabezado_pagina",
    "lineas",
    "pagina_de_informe",
]

COLOR_ENTRADA = "FFF2CC"  # relleno de las celdas donde escribe el usuario
# Color de relleno (RGB) por tipo de alerta.
COLOR_TIPO = {
    TipoAlerta.BAJO_AVANCE: "F8CBAD",
    TipoAlerta.SIN_INFORMACION: "D9D9D9",
    TipoAlerta.AVANCE_ATIPICO: "FFE699",
    TipoAlerta.INCONSISTENCIA: "BDD7EE",
    TipoAlerta.RETROCESO: "F4B183",
    TipoAlerta.BAJO_PERSISTENTE: "E06666",
}
# Color por categoría: las que tienen alerta, el de su alerta en la hoja «Alertas».
COLOR_CATEGORIA = {
    Categoria.BAJO: COLOR_TIPO[TipoAlerta.BAJO_AVANCE],
    Categoria.INTERMEDIO: "DDEBF7",
    Categoria.ALTO: "C6E0B4",
    Categoria.ATIPICO: COLOR_TIPO[TipoAlerta.AVANCE_ATIPICO],
    Categoria.SIN_INFORMACION: COLOR_TIPO[TipoAlerta.SIN_INFORMACION],
}


@dataclass(frozen=True)
class Formato:
    """Formato visible de un estilo; lo aplican los dos escritores (el del archivo, en `xlsx`, y Excel en vivo con xlwings)."""

    negrita: bool = False
    tamano: float | None = None
    cursiva: bool = False
    color: str = ""  # RGB de la fuente
    subrayado: bool = False
    relleno: str = ""  # RGB del relleno
    numero: str = ""  # formato numérico
    ajustar: bool = False  # ajustar texto, alineado arriba
    derecha: bool = False  # alineado a la derecha (un «ND» junto a números)


FORMATOS = {
    "titulo": Formato(negrita=True, tamano=14),
    "nota": Formato(cursiva=True, color="595959"),
    "seccion": Formato(negrita=True),
    "encabezado": Formato(negrita=True),
    "etiqueta": Formato(negrita=True),
    "decimal": Formato(numero="0.0", ajustar=True),
    "parrafo": Formato(ajustar=True),
    "vinculo": Formato(color="0563C1", subrayado=True, ajustar=True),
    **{f"tipo:{tipo}": Formato(relleno=color, ajustar=True) for tipo, color in COLOR_TIPO.items()},
    # celdas del usuario: lo escrito se conserva (y se ve entero: ajustado, con su alto de fila)
    "entrada": Formato(relleno=COLOR_ENTRADA, ajustar=True),
    "entrada_fecha": Formato(relleno=COLOR_ENTRADA, numero="dd/mm/yyyy", ajustar=True),
    **{f"categoria:{c}": Formato(relleno=color) for c, color in COLOR_CATEGORIA.items()},
    **{
        f"cifra:{c}": Formato(negrita=True, tamano=28, relleno=color, numero="0.0")
        for c, color in COLOR_CATEGORIA.items()
    },
    # Al final: los estilos anteriores conservan su lugar en styles.xml.
    "ajustado": Formato(ajustar=True),  # texto largo de una tabla, en varias líneas
    "nd": Formato(ajustar=True, derecha=True),  # «ND» alineado como los números
    "encabezado_ajustado": Formato(negrita=True, ajustar=True),
    "etiqueta_derecha": Formato(negrita=True, derecha=True, ajustar=True),
    "derecha": Formato(derecha=True, ajustar=True),
    "enlace": Formato(color="0563C1", subrayado=True),  # un vínculo sin ajustar: su texto corre a la derecha
    "etiqueta_ajustada": Formato(negrita=True, ajustar=True),
    "titulo_ajustado": Formato(negrita=True, tamano=14, ajustar=True),
}


class Celda(NamedTuple):
    """Un valor con su estilo ('titulo', 'encabezado', 'decimal', 'tipo:bajo_avance'...) y vínculo.

    Tupla con nombre: la hoja puede tener cientos de miles de celdas y se crean rápido.
    """

    valor: str | float | int | date | None
    estilo: str = ""
    vinculo: str = ""  # destino interno: "'Hoja'!B12"


Fila = tuple[Celda, ...]
VACIA = Celda(None)  # la celda vacía (con estilo, si hace falta, se escribe Celda(None, estilo))
Valor = str | float | int | date | None


@dataclass(frozen=True)
class Columna:
    """Una columna del cuerpo de una tabla: sus valores, su estilo (uno para todas sus celdas, o uno
    por celda donde varía) y, si tiene, el vínculo de cada celda ("" sin vínculo).

    Los tipos de sus valores y sus estilos distintos se miran una vez (los piden la maqueta, para los
    altos, y el escritor del archivo): una columna puede tener cientos de miles de celdas."""

    valores: Sequence[Valor]
    estilo: str | Sequence[str]
    vinculos: Sequence[str] = ()

    def estilos(self) -> Iterable[str]:
        """El estilo de cada celda, de arriba abajo (uno solo, repetido; para uno en particular, `estilo_de`)."""
        return repeat(self.estilo, len(self.valores)) if isinstance(self.estilo, str) else self.estilo

    def estilo_de(self, k: int) -> str:
        """El estilo de la celda `k` (desde 0)."""
        return self.estilo if isinstance(self.estilo, str) else self.estilo[k]

    @cached_property
    def distintos(self) -> frozenset[str]:
        """Los estilos distintos de la columna."""
        return frozenset((self.estilo,) if isinstance(self.estilo, str) else self.estilo)

    @cached_property
    def tipos(self) -> frozenset[type]:
        """Los tipos distintos de sus valores (una columna vacía, como las del usuario, sin mirar cada tipo)."""
        if self.valores.count(None) == len(self.valores):
            return frozenset((type(None),)) if self.valores else frozenset()
        return frozenset(map(type, self.valores))

    def celdas(self) -> Iterator[Celda]:
        """Las celdas de la columna, de arriba abajo."""
        return map(Celda, self.valores, self.estilos(), self.vinculos or repeat(""))


class _SecuenciaDeFilas(Sequence[Fila]):
    """Una secuencia de filas armada de otro modo: cada subclase da su `_fila(i)`; un corte, sus filas."""

    @abstractmethod
    def _fila(self, i: int) -> Fila:
        """La fila `i` (desde 0; negativa, desde el final)."""

    @overload
    def __getitem__(self, i: int) -> Fila: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Fila, ...]: ...
    def __getitem__(self, i: int | slice) -> Fila | tuple[Fila, ...]:
        if isinstance(i, slice):
            return tuple(self)[i]
        return self._fila(i)


@dataclass(frozen=True)
class Columnas(_SecuenciaDeFilas):
    """El cuerpo de una tabla grande (una fila por alerta o por indicador) como columnas: el escritor
    del archivo lo escribe columna por columna; para los demás es una secuencia de filas."""

    columnas: tuple[Columna, ...]

    def __len__(self) -> int:
        return len(self.columnas[0].valores) if self.columnas else 0

    def __iter__(self) -> Iterator[Fila]:
        return zip(*(c.celdas() for c in self.columnas), strict=True)

    def _fila(self, i: int) -> Fila:
        return tuple(
            Celda(c.valores[i], c.estilo_de(i), c.vinculos[i] if c.vinculos else "") for c in self.columnas
        )


class Filas(_SecuenciaDeFilas):
    """Las filas de una hoja en tramos seguidos: filas sueltas y bloques de columnas (`Columnas`)."""

    def __init__(self, *tramos: Sequence[Fila]) -> None:
        self.tramos = tramos
        self._largo = sum(map(len, tramos))

    def __len__(self) -> int:
        return self._largo

    def __iter__(self) -> Iterator[Fila]:
        return chain.from_iterable(self.tramos)

    def __eq__(self, otra: object) -> bool:
        return isinstance(otra, Sequence) and tuple(self) == tuple(otra)

    __hash__ = None  # type: ignore[assignment]

    def _fila(self, i: int) -> Fila:
        if i < 0:
            i += self._largo
        for tramo in self.tramos:
            if 0 <= i < len(tramo):
                return tramo[i]
            i -= len(tramo)
        raise IndexError(i)


@dataclass(frozen=True)
class Maqueta:
    """Una hoja completa: su nombre, filas desde A1, su tabla de Excel (filas desde 1) y anchos de columna."""

    nombre: str
    filas: Sequence[Fila]  # una tupla, o `Filas` con bloques de columnas
    fila_tabla: int  # fila del encabezado de la tabla: sus celdas nombran las columnas
    fila_fin_tabla: int
    tabla: str  # nombre de la tabla de Excel
    anchos: tuple[int, ...] = ()
    combinadas: tuple[str, ...] = ()  # rangos combinados ('A20:G20')
    altos: tuple[tuple[int, float], ...] = ()  # (fila, alto en puntos)
    validaciones: tuple["Validacion", ...] = ()
    condicionales: tuple["Condicional", ...] = ()
    pagina: "Pagina | None" = None  # cómo se imprime y se ve (A4 apaisado, paneles, encabezado)
    autoajuste: tuple[int, int] | None = None  # filas (desde, hasta) que Excel en vivo ajusta solo

    @property
    def columnas_tabla(self) -> tuple[str, ...]:
        return tuple(str(c.valor) for c in self.filas[self.fila_tabla - 1])

    @property
    def rango_tabla(self) -> str:
        return Rango(self.fila_tabla - 1, 0, self.fila_fin_tabla - 1, len(self.columnas_tabla) - 1).a1()


@dataclass(frozen=True)
class Validacion:
    """Validación de datos de un rango ('K20:K80'): una lista de valores o una fecha."""

    rango: str
    lista: tuple[str, ...] = ()  # vacía: se pide una fecha


@dataclass(frozen=True)
class Condicional:
    """Formato condicional de un rango: las celdas iguales a `valor` toman el relleno del estilo."""

    rango: str
    valor: str
    estilo: str  # un estilo de FORMATOS con relleno


@dataclass(frozen=True)
class Margenes:
    """Márgenes en pulgadas (las unidades de SpreadsheetML); por omisión, los «estrechos» de Excel."""

    izquierda: float = 0.25
    derecha: float = 0.25
    arriba: float = 0.75
    abajo: float = 0.75
    encabezado: float = 0.3
    pie: float = 0.3


@dataclass(frozen=True)
class Pagina:
    """La configuración de página de una hoja, como datos: la escriben el archivo y el botón.

    A4 apaisado, ajustado a una página de ancho y el alto que haga falta. El encabezado y el pie van
    en tres secciones (izquierda, centro, derecha), con los códigos de Excel (&P página, &N páginas,
    &D fecha) y el «&» de los datos ya escapado («&&»): el archivo las une con &L, &C y &R y el botón
    las pone en LeftHeader, CenterHeader… de PageSetup.
    """

    area: str  # 'A1:L80'
    filas_titulo: tuple[int, int] | None = None  # filas que se repiten arriba de cada página
    inmovilizar: int = 0  # primera fila que se desplaza (paneles inmovilizados encima); 0: ninguno
    encabezado: "Secciones" = ("", "", "")
    pie: "Secciones" = ("", "", "")
    saltos: tuple[int, ...] = ()  # filas tras las que empieza una página nueva (saltos manuales)
    apaisada: bool = True
    margenes: Margenes = Margenes()

    @property
    def area_absoluta(self) -> str:
        """El área con referencias absolutas: 'A1:L80' → '$A$1:$L$80'."""
        return ":".join(_absoluta(celda) for celda in self.area.split(":"))


def pagina_de_informe(
    titulo: str, anio: int, area: str, fila_tabla: int, inmovilizar: int = 0, saltos: tuple[int, ...] = ()
) -> Pagina:
    """La página de una hoja del informe: el encabezado de su tabla repetido, la política y el año
    en el encabezado y el pie común."""
    return Pagina(
        area=area,
        filas_titulo=(fila_tabla, fila_tabla),
        inmovilizar=inmovilizar,
        encabezado=("", encabezado_pagina(f"{titulo} — año {anio}"), ""),
        pie=PIE_PAGINA,
        saltos=saltos,
    )


def _absoluta(celda: str) -> str:
    """'L80' → '$L$80' (con `nucleo.a1`: una referencia leída y vuelta a escribir)."""
    fila, columna = leer_celda(celda)
    return referencia(fila or 0, columna, absoluta=True)


Secciones = tuple[str, str, str]  # izquierda, centro y derecha de un encabezado o pie
PIE_PAGINA: Secciones = ("Impreso el &D", "", "Página &P de &N")  # el pie de las dos hojas
ALTO_LINEA = 15.0  # puntos por línea de texto en Calibri 11
ALTO_MAXIMO = 409.0  # el alto de fila más grande que acepta Excel
# Caracteres por unidad de ancho de columna (la unidad es el ancho de un «0»). Una letra media de
# Calibri 11 ocupa unos 0.8 «0», pero el corte va entre palabras: 1.05 por unidad (medido en la
# muestra con LibreOffice, que usa Carlito, de las mismas medidas). La negrita es más ancha: 0.9.
CARACTERES_POR_UNIDAD, CARACTERES_POR_UNIDAD_NEGRITA = 1.05, 0.9


def lineas(texto: str, ancho: float, por_unidad: float = CARACTERES_POR_UNIDAD) -> int:
    """Líneas que ocupa `texto` ajustado en una columna de ancho `ancho`: por cada párrafo (cada salto
    de línea), su largo entre los caracteres por línea (ancho × `por_unidad`), redondeado hacia arriba."""
    return _lineas(texto, max(1, int(ancho * por_unidad)))


def _lineas(texto: str, por_linea: int) -> int:
    if texto.isprintable():  # lo usual: sin saltos de línea (todos son no imprimibles), un solo párrafo
        return max(1, -(-len(texto) // por_linea))
    return sum(max(1, -(-len(parrafo) // por_linea)) for parrafo in texto.splitlines() or [""])


@lru_cache(maxsize=64)
def _caracteres_por_linea(anchos: tuple[int, ...]) -> tuple[dict[str, int], ...]:
    """Para cada columna, los caracteres por línea de cada estilo ajustado (los demás no se ajustan)."""
    return tuple(
        {
            nombre: max(
                1, int(ancho * (CARACTERES_POR_UNIDAD_NEGRITA if formato.negrita else CARACTERES_POR_UNIDAD))
            )
            for nombre, formato in FORMATOS.items()
            if formato.ajustar
        }
        for ancho in anchos
    )


def alto_de_fila(fila: "Fila", anchos: tuple[int, ...]) -> float | None:
    """El alto (puntos) que muestra entero el texto de las celdas ajustadas de la fila; None si cabe en
    una línea (los números no se ajustan). Excel no ajusta solo el alto de las filas escritas en un archivo."""
    mas_lineas = 1
    for por_estilo, (valor, estilo, _) in zip(_caracteres_por_linea(anchos), fila, strict=False):
        if type(valor) is str and (por_linea := por_estilo.get(estilo)):
            # Lo usual, un párrafo (sin saltos de línea: imprimible), se cuenta aquí, sin `_lineas`, y
            # solo si su largo pasa las líneas que ya tiene la fila (⌈largo / por_línea⌉ > mas_lineas).
            if valor.isprintable():
                if len(valor) > por_linea * mas_lineas:
                    mas_lineas = -(-len(valor) // por_linea)
            elif (n := _lineas(valor, por_linea)) > mas_lineas:
                mas_lineas = n
    return min(ALTO_MAXIMO, ALTO_LINEA * mas_lineas) if mas_lineas > 1 else None


def altos_de_filas(filas: Filas, anchos: tuple[int, ...]) -> dict[int, float]:
    """Fila (desde 1) → alto de cada fila que no cabe en una línea (`alto_de_fila`; un bloque, por columnas)."""
    altos: dict[int, float] = {}
    inicio = 1
    for tramo in filas.tramos:
        if isinstance(tramo, Columnas):
            altos.update(altos_de_bloque(tramo, anchos, inicio))
        else:
            altos.update(
                (i, alto)
                for i, f in enumerate(tramo, start=inicio)
                if (alto := alto_de_fila(f, anchos)) is not None
            )
        inicio += len(tramo)
    return altos


def altos_de_bloque(bloque: Columnas, anchos: tuple[int, ...], primera: int = 0) -> dict[int, float]:
    """`alto_de_fila` de cada fila del bloque que no cabe en una línea, columna por columna; las filas,
    contadas desde `primera`."""
    lineas = [
        lineas_columna
        for por_estilo, columna in zip(_caracteres_por_linea(anchos), bloque.columnas, strict=False)
        if (lineas_columna := _lineas_columna(columna, por_estilo)) is not None
    ]
    if not lineas:
        return {}
    mas_lineas = list(map(max, *lineas)) if len(lineas) > 1 else lineas[0]
    altas = list(map(lt, repeat(1), mas_lineas))  # más de una línea
    alto = {n: min(ALTO_MAXIMO, ALTO_LINEA * n) for n in set(mas_lineas)}
    return dict(
        zip(compress(count(primera), altas), map(alto.__getitem__, compress(mas_lineas, altas)), strict=True)
    )


def _lineas_columna(columna: Columna, por_estilo: dict[str, int]) -> list[int] | None:
    """Las líneas de cada celda de la columna; None si todas caben en una."""
    valores = columna.valores
    por_linea = {por_estilo.get(e, 0) for e in columna.distintos}  # 0: sin ajustar
    tipos = columna.tipos
    if por_linea == {0} or str not in tipos:
        return None
    if len(por_linea) == 1 and tipos == {str}:  # lo usual: textos de un mismo ancho de línea
        return _lineas_textos(cast(Sequence[str], valores), por_linea.pop())
    textos = cast(list[str], list(compress(valores, map(is_, map(type, valores), repeat(str)))))
    if all(map(str.isprintable, textos)) and max(map(len, textos)) <= min(por_linea - {0}):
        return None
    return [
        _lineas(v, p) if type(v) is str and (p := por_estilo.get(e, 0)) else 1
        for v, e in zip(valores, columna.estilos(), strict=True)
    ]


def _lineas_textos(textos: Sequence[str], por_linea: int) -> list[int] | None:
    """Las líneas de cada texto: las de un párrafo, de su largo; las de varios, con `_lineas`."""
    largos = list(map(len, textos))
    junto = " ".join(textos)
    varios = any(salto in junto for salto in _SALTOS)
    if not varios and (tope := max(largos)) <= por_linea:
        return None
    if varios or tope > len(largos):
        lineas = list(map(floordiv, map(add, largos, repeat(por_linea - 1)), repeat(por_linea)))
    else:  # las líneas de cada largo posible, una vez; cada texto las busca por su largo
        por_largo = list(map(floordiv, range(por_linea - 1, tope + por_linea), repeat(por_linea)))
        lineas = list(map(por_largo.__getitem__, largos))  # ⌈largo / por_línea⌉
    if varios:
        for k in compress(count(), map(not_, map(str.isprintable, textos))):
            lineas[k] = _lineas(textos[k], por_linea)
    return lineas


_SALTOS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # donde corta str.splitlines: un párrafo nuevo


def encabezado_pagina(texto: str, limite: int = 120) -> str:
    """Un texto de los datos para un encabezado o pie: «&» escapado como «&&» y recortado con «…»
    (Excel admite 255 caracteres en cada encabezado o pie, con sus códigos)."""
    if len(texto) > limite:
        texto = texto[: limite - 1].rstrip() + "…"
    return texto.replace("&", "&&")


def numero_o_nd(valor: float | None) -> Celda:
    """Un índice o avance con un decimal, o «ND»."""
    return _ND if valor is None else Celda(valor, _DECIMAL)


_ND = Celda("ND", "nd")  # una vez: va en muchas filas
_DECIMAL = "decimal"


def columna_numero_o_nd(valores: Sequence[float | None]) -> Columna:
    """`numero_o_nd` de cada valor, como columna."""
    return Columna(
        list(map(_VALOR_ND.get, valores, valores)),  # type: ignore[arg-type]
        list(map(_ESTILO_ND.__getitem__, map(is_, valores, repeat(None)))),
    )


_VALOR_ND, _ESTILO_ND = {None: _ND.valor}, {True: _ND.estilo, False: _DECIMAL}  # sin valor: «ND»


def columna_de_celdas(celdas: Sequence[Celda]) -> Columna:
    """Las celdas de una columna (sin vínculos), como columna."""
    return Columna([c.valor for c in celdas], [c.estilo for c in celdas])


def encabezado(columnas: tuple[str, ...]) -> Fila:
    """La fila de encabezados de una tabla."""
    return tuple(Celda(c, "encabezado") for c in columnas)
