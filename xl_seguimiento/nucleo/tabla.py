"""Lectura de la matriz de seguimiento por encabezados, nunca por posiciones fijas.

Recibe la cuadrícula de valores de una hoja (filas desde A1) y devuelve los indicadores,
los nombres de objetivos, lineamientos y servicios y el índice registrado.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from .a1 import referencia
from .celdas import Cuadricula
from .codigos import Nivel, leer_codigo, nivel
from .errores import ErrorSeguimiento
from .modelo import CeldaExtra, Indicador, IndiceRegistrado
from .normalizacion import normalizar
from .reglas import clasificar
from .valores import ILEGIBLES, Valor, describir, leer_valor

# Clase de cada columna según su encabezado normalizado; el primero que coincide gana.
CLASES_ENCABEZADO = (
    ("codigo", ("codigo",)),
    ("avance", ("avance",)),
    ("agregacion", ("agregacion", "agregable", "acumulad")),
    ("sentido", ("sentido",)),
    ("tipo", ("tipo de indicador", "estandar")),
    ("responsable", ("responsable",)),
    ("linea_base", ("linea base", "linea de base")),
    ("logro", ("logro",)),
    ("obtenido", ("valores obtenidos", "valor obtenido")),
    ("relevancia", ("relevancia", "peso", "ponderacion")),
    ("denominacion", ("denominacion", "objetivo prioritario", "lineamiento", "servicio", "indicador")),
)
INDICE_REGISTRADO = "indice de gestion"
_INICIAL_CODIGO = ("C", "c", " ")
_MOTIVO = attrgetter("motivo")
# Grupos cuyas columnas deben tener año: si no se lee, o se repite, se avisa (nunca se pierden en silencio).
GRUPOS_CON_ANIO = {"logro": "Logros esperados", "obtenido": "Valores obtenidos"}
# Un año (1900-2199) suelto en un encabezado, con notas alrededor: «2024 (preliminar)», «Año 2024», «2024*».
_ANIO = re.compile(r"(?<![\d.,])(19\d\d|2[01]\d\d)(?:\.0+)?(?![\d]|[.,]\d)")


@dataclass(frozen=True)
class Columnas:
    """Dónde está cada dato en un bloque de encabezados (índices de columna desde 0)."""

    fila_encabezado: int
    filas: int  # 1 o 2 filas de encabezado
    unicas: dict[str, int]
    logros: dict[int, int]
    obtenidos: dict[int, int]
    avances: dict[int | None, int]
    etiquetadas: frozenset[int]
    ancho: int  # columnas que cubre el encabezado
    sin_encabezado: tuple[int, ...]  # columnas sin encabezado dentro del ancho, a la derecha del código
    observaciones: tuple["Observacion", ...] = ()  # encabezados de año ilegibles o repetidos


@dataclass(frozen=True)
class Observacion:
    """Algo del libro que no impide leerlo pero es una inconsistencia; `codigo` vacío si es de la tabla."""

    codigo: str
    mensaje: str
    celda: str


@dataclass(frozen=True)
class Tabla:
    hoja: str
    titulo: str
    anio: int
    anios_obtenidos: tuple[int, ...]
    indicadores: tuple[Indicador, ...]
    nombres: dict[str, str]
    indice_registrado: IndiceRegistrado | None
    observaciones: tuple[Observacion, ...] = field(default=())
    sin_relevancia: tuple[str, ...] = ()  # celda «Código» de cada bloque de encabezados sin relevancia
    relevancias_sin_numero: tuple[Observacion, ...] = ()  # solo cuentan en la ponderación por relevancia


def leer_tabla(cuadricula: Cuadricula, hoja: str, anio: int | None = None) -> Tabla | None:
    """La tabla de seguimiento de una hoja, o None si la hoja no tiene encabezados de seguimiento."""
    bloques, codigos = _bloques(cuadricula, hoja)
    if not bloques:
        return None
    anios = tuple(sorted({a for b in bloques for a in b.obtenidos}))
    anio = _anio_de_analisis(anios, anio, hoja)
    lector = _Lector(hoja, anio)
    limites = [b.fila_encabezado for b in bloques[1:]] + [len(cuadricula)]
    for bloque, fin in zip(bloques, limites, strict=True):
        plan = _Plan.de(bloque, anio)
        for i in range(bloque.fila_encabezado + bloque.filas, fin):
            lector.leer_fila(cuadricula[i], i, plan, codigos.get(i))
    return Tabla(
        hoja=hoja,
        titulo=_titulo(cuadricula[: bloques[0].fila_encabezado]) or hoja,
        anio=anio,
        anios_obtenidos=anios,
        indicadores=tuple(lector.indicadores.values()),
        nombres=lector.nombres,
        indice_registrado=lector.indice_registrado,
        observaciones=(*(o for b in bloques for o in b.observaciones), *lector.observaciones),
        sin_relevancia=tuple(
            referencia(b.fila_encabezado, b.unicas.get("codigo", 0))
            for b in bloques
            if "relevancia" not in b.unicas
        ),
        relevancias_sin_numero=tuple(lector.relevancias_sin_numero),
    )


def _bloques(cuadricula: Cuadricula, hoja: str) -> tuple[list[Columnas], dict[int, str]]:
    """Los bloques de encabezados de la hoja, en orden, y el código de cada fila de datos.

    Una fila con un código válido en la columna «Código» del bloque en curso es de datos y no
    se examina más: así la búsqueda completa de encabezados solo recorre las pocas filas restantes.
    """
    bloques: list[Columnas] = []
    codigos: dict[int, str] = {}  # fila → código leído en la columna «Código» de su bloque
    columna = -1
    for i, fila in enumerate(cuadricula):
        codigo = leer_codigo(fila[columna]) if 0 <= columna < len(fila) else None
        if codigo is not None:
            codigos[i] = codigo
        elif _es_encabezado(fila):
            bloques.append(_columnas(cuadricula, i, hoja))
            columna = bloques[-1].unicas.get("codigo", 0)
    return bloques, codigos


def _es_encabezado(fila: Sequence[object]) -> bool:
    """Una fila con «Código» y «Valores obtenidos» (se descarta rápido la que no tiene «Código»)."""
    if not any(type(c) is str and c[:1] in _INICIAL_CODIGO and normalizar(c)[:6] == "codigo" for c in fila):
        return False
    return any(
        "valores obtenidos" in t or "valor obtenido" in t
        for t in (normalizar(c) for c in fila if isinstance(c, str))
    )


def _clase(encabezado: str) -> str | None:
    return next((c for c, claves in CLASES_ENCABEZADO if any(k in encabezado for k in claves)), None)


def _columnas(cuadricula: Cuadricula, i: int, hoja: str) -> Columnas:
    """Clasifica las columnas de un bloque de encabezados de una o dos filas (grupos combinados)."""
    grupo_fila = cuadricula[i]
    siguiente = cuadricula[i + 1] if i + 1 < len(cuadricula) else ()
    dos_filas = bool(siguiente) and not _tiene_codigo(siguiente) and not _es_encabezado(siguiente)
    sub_fila = siguiente if dos_filas else ()
    unicas: dict[str, int] = {}
    por_anio: dict[str, dict] = {"logro": {}, "obtenido": {}, "avance": {}}
    observaciones: list[Observacion] = []
    encabezados: dict[int, str] = {}  # columna con año → su celda de encabezado («Hoja1!P5»)
    etiquetadas: set[int] = set()
    grupo = ""
    ancho = max(len(grupo_fila), len(sub_fila))
    for j in range(ancho):
        arriba = normalizar(grupo_fila[j]) if j < len(grupo_fila) else ""
        abajo = sub_fila[j] if j < len(sub_fila) else None
        if arriba:
            grupo = arriba
        elif not normalizar(abajo):
            grupo = ""
        if not grupo:
            continue
        etiquetadas.add(j)
        clase = _clase(grupo)
        if clase in por_anio:
            # El año de la fila de años o, si no lo trae, el del encabezado del grupo.
            fila, texto = (i + 1, abajo) if normalizar(abajo) else (i, grupo_fila[j])
            anio = _anio_en_texto(abajo) or _anio_en_texto(grupo)
            encabezados[j] = f"{hoja}!{referencia(fila, j)}"
            if clase in GRUPOS_CON_ANIO:
                anteriores = {a: encabezados[k] for a, k in por_anio[clase].items()}
                problema = _problema_de_anio(anio, texto, GRUPOS_CON_ANIO[clase], encabezados[j], anteriores)
                if problema:
                    observaciones.append(Observacion("", problema, referencia(fila, j)))
            por_anio[clase].setdefault(anio, j)
        elif clase and arriba:
            unicas.setdefault(clase, j)
        elif clase == "linea_base" and normalizar(abajo) == "valor":  # «Línea base» sobre «Año» y «valor»
            unicas.setdefault("valor_linea_base", j)
    return Columnas(
        fila_encabezado=i,
        filas=2 if dos_filas else 1,
        unicas=unicas,
        logros={a: j for a, j in por_anio["logro"].items() if a},
        obtenidos={a: j for a, j in por_anio["obtenido"].items() if a},
        avances=por_anio["avance"],
        etiquetadas=frozenset(etiquetadas),
        ancho=ancho,
        sin_encabezado=tuple(j for j in range(unicas.get("codigo", 0) + 1, ancho) if j not in etiquetadas),
        observaciones=tuple(observaciones),
    )


def _anio_en_texto(celda: object) -> int | None:
    """El año de un encabezado: un número entero (2024, 2024.0) o el único año escrito en el texto,
    con notas alrededor («2024 (preliminar)», «2024 p/», «Año 2024», «Valores obtenidos 2024*»).
    None si no hay año o hay más de uno («2023-2024»)."""
    if isinstance(celda, bool):
        return None
    if isinstance(celda, int | float):
        return int(celda) if float(celda).is_integer() and 1900 <= celda < 2200 else None
    anios = set(_ANIO.findall(str(celda)))
    return int(anios.pop()) if len(anios) == 1 else None


def _problema_de_anio(
    anio: int | None, texto: object, grupo: str, celda: str, anteriores: dict[int | None, str]
) -> str:
    """Por qué una columna de un grupo con año no entra en el cálculo (texto vacío si entra).

    `celda` es la del encabezado («Hoja1!P5»); `anteriores`, la celda de cada año ya leído en el grupo.
    """
    if anio is None:
        return (
            f"el encabezado «{str(texto).strip()}» de «{grupo}» en «{celda}» no es un año (se espera, "
            "por ejemplo, 2024 o «2024 (preliminar)»): esa columna no entra en el cálculo"
        )
    if anio in anteriores:
        return f"dos columnas de «{grupo}» {anio}: se usa la de «{anteriores[anio]}» y no la de «{celda}»"
    return ""


def _tiene_codigo(fila: Sequence[object]) -> bool:
    return any(leer_codigo(c) for c in fila)


def _anio_de_analisis(anios: tuple[int, ...], pedido: int | None, hoja: str) -> int:
    if not anios:
        raise ErrorSeguimiento(
            f"La hoja «{hoja}» tiene encabezados de seguimiento, pero ninguna columna de "
            "«Valores obtenidos» con su año (se esperaba, por ejemplo, 2024 bajo el grupo).",
            hoja=hoja,
        )
    if pedido is None:
        return anios[-1]
    if pedido not in anios:
        lista = ", ".join(map(str, anios))
        raise ErrorSeguimiento(
            f"El año {pedido} no está entre los años de «Valores obtenidos» de la hoja «{hoja}» ({lista}).",
            hoja=hoja,
        )
    return pedido


def _titulo(filas: Cuadricula) -> str:
    return next((c.strip() for f in filas for c in f if isinstance(c, str) and c.strip()), "")


class _Plan(NamedTuple):
    """Las columnas de un bloque que lee cada fila, resueltas una vez por bloque (None: no las tiene)."""

    columnas: Columnas
    codigo: int
    denominacion: int | None
    responsable: int | None
    sentido: int | None
    agregacion: int | None
    tipo: int | None
    relevancia: int | None
    linea_base: int | None
    avance: int | None  # el avance registrado del año de análisis (o el de la columna sin año)
    logros: tuple[tuple[int, int], ...]  # (año, columna)
    obtenidos: tuple[tuple[int, int], ...]

    @classmethod
    def de(cls, columnas: Columnas, anio: int) -> "_Plan":
        unicas = columnas.unicas
        return cls(
            columnas,
            unicas.get("codigo", 0),
            unicas.get("denominacion"),
            unicas.get("responsable"),
            unicas.get("sentido"),
            unicas.get("agregacion"),
            unicas.get("tipo"),
            unicas.get("relevancia"),
            unicas.get("valor_linea_base", unicas.get("linea_base")),
            columnas.avances.get(anio, columnas.avances.get(None)),
            tuple(columnas.logros.items()),
            tuple(columnas.obtenidos.items()),
        )


class _Lector:
    """Acumula lo leído fila a fila de los bloques de una hoja."""

    def __init__(self, hoja: str, anio: int) -> None:
        self.hoja = hoja
        self.anio = anio
        self.indicadores: dict[str, Indicador] = {}
        self.nombres: dict[str, str] = {}
        self.indice_registrado: IndiceRegistrado | None = None
        self.observaciones: list[Observacion] = []
        self.relevancias_sin_numero: list[Observacion] = []

    def leer_fila(self, fila: Sequence[object], i: int, plan: _Plan, codigo: str | None) -> None:
        """Una fila del bloque de `plan`; `codigo`, el de su columna «Código» (None si no tiene)."""
        if codigo is None:
            self._leer_indice(fila, i)
        elif nivel(codigo) is not Nivel.INDICADOR:
            self.nombres.setdefault(codigo, _texto(fila, plan.denominacion))
        elif codigo in self.indicadores:
            primera = self.indicadores[codigo].celda
            self.observaciones.append(
                Observacion(
                    codigo,
                    f"código repetido: ya aparece en {primera}; se ignora esta fila",
                    referencia(i, plan.codigo),
                )
            )
        else:
            ancho = plan.columnas.ancho
            completa = list(fila) + [None] * (ancho - len(fila)) if len(fila) < ancho else fila
            self.indicadores[codigo] = self._indicador(codigo, completa, i, plan)

    def _indicador(self, codigo: str, fila: Sequence[object], i: int, plan: _Plan) -> Indicador:
        """Un indicador de una fila que cubre al menos el ancho del encabezado."""
        clasificacion = clasificar(
            _celda(fila, plan.sentido), _celda(fila, plan.agregacion), _celda(fila, plan.tipo)
        )
        logros = {a: leer_valor(fila[j]) for a, j in plan.logros}
        obtenidos = {a: leer_valor(fila[j]) for a, j in plan.obtenidos}
        if not clasificacion.acumulado:  # en un acumulado, el avance del año ya cita lo ilegible
            self._ilegibles_anteriores(codigo, i, logros, obtenidos, plan)
        col_avance = plan.avance
        return Indicador(
            codigo,
            _texto(fila, plan.denominacion),
            _texto(fila, plan.responsable),
            referencia(i, plan.codigo),
            clasificacion.regla,
            clasificacion.acumulado,
            clasificacion.problema,
            logros,
            obtenidos,
            None if col_avance is None else leer_valor(fila[col_avance]),
            "" if col_avance is None else referencia(i, col_avance),
            self._extras(fila, i, plan.columnas),
            self._relevancia(codigo, fila, i, plan.relevancia),
            leer_valor(_celda(fila, plan.linea_base)),
        )

    def _ilegibles_anteriores(
        self, codigo: str, i: int, logros: dict[int, Valor], obtenidos: dict[int, Valor], plan: _Plan
    ) -> None:
        """Un texto que no es un número (o es ambiguo) en un año anterior al de análisis se anota con su
        celda: sin esto, ese año saldría en silencio de la serie y de las alertas de tendencia."""
        if ILEGIBLES.isdisjoint(map(_MOTIVO, logros.values())) and ILEGIBLES.isdisjoint(
            map(_MOTIVO, obtenidos.values())
        ):  # lo común: nada ilegible (se revisa sin recorrer en Python)
            return
        grupos = (
            ("logro esperado", logros, plan.columnas.logros),
            ("valor obtenido", obtenidos, plan.columnas.obtenidos),
        )
        for nombre, valores, columnas_por_anio in grupos:
            for anio, valor in valores.items():
                if anio < self.anio and valor.motivo in ILEGIBLES:
                    mensaje = (
                        f"{nombre} {anio}: {describir(valor)}: ese año queda fuera de la serie de avances "
                        "y de las alertas de tendencia (retroceso, bajo avance persistente)"
                    )
                    self.observaciones.append(
                        Observacion(codigo, mensaje, referencia(i, columnas_por_anio[anio]))
                    )

    def _relevancia(self, codigo: str, fila: Sequence[object], i: int, j: int | None) -> float:
        """El peso del indicador; 1 si no hay columna o la celda no trae un número (y eso se anota)."""
        valor = leer_valor(_celda(fila, j))
        if valor.numero is not None:
            return valor.numero
        if j is not None:
            mensaje = f"relevancia {describir(valor)} sin número: en la ponderación por relevancia pesa 1"
            self.relevancias_sin_numero.append(Observacion(codigo, mensaje, referencia(i, j)))
        return 1.0

    def _extras(self, fila: Sequence[object], i: int, columnas: Columnas) -> tuple[CeldaExtra, ...]:
        """Celdas con valor fuera de las columnas con encabezado (casi siempre ninguna)."""
        indices: Sequence[int] = columnas.sin_encabezado
        if len(fila) > columnas.ancho:
            indices = (*indices, *range(columnas.ancho, len(fila)))
        extras: tuple[CeldaExtra, ...] = ()
        for j in indices:
            celda = fila[j]
            if celda is not None and celda != "" and normalizar(celda):
                extras += (CeldaExtra(referencia(i, j), leer_valor(celda)),)
        return extras

    def _leer_indice(self, fila: Sequence[object], i: int) -> None:
        inicio = next((j for j, c in enumerate(fila) if normalizar(c).startswith(INDICE_REGISTRADO)), None)
        if inicio is None or self.indice_registrado is not None:
            return
        llenas = [j for j in range(inicio + 1, len(fila)) if normalizar(fila[j])]
        if llenas:
            j = llenas[-1]
            self.indice_registrado = IndiceRegistrado(leer_valor(fila[j]), referencia(i, j))


def _celda(fila: Sequence[object], j: int | None) -> object:
    return fila[j] if j is not None and j < len(fila) else None


def _texto(fila: Sequence[object], j: int | None) -> str:
    valor = _celda(fila, j)
    return "" if valor is None else " ".join(str(valor).split())
