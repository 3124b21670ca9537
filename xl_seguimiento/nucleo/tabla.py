"""Lectura de la matriz de seguimiento por encabezados, nunca por posiciones fijas.

Recibe la cuadrícula de valores de una hoja (filas desde A1) y devuelve los indicadores,
los nombres de objetivos, lineamientos y servicios y el índice registrado.
"""

import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, attrgetter, itemgetter, ne, setitem
from typing import NamedTuple

import numpy as np

from .a1 import referencia, referencias
from .celdas import Cuadricula
from .codigos import es_indicador, leer_codigo, leer_codigos
from .errores import ErrorSeguimiento
from .imprimible import imprimible
from .indice import Columna
from .modelo import CeldaExtra, Indicador, IndiceRegistrado
from .normalizacion import normalizar
from .recoleccion import sin_recoleccion
from .reglas import clasificar
from .valores import ILEGIBLES, Valor, describir, leer_valor, leer_valores

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
_TRAMO = 1024  # filas cuyos códigos se leen de una vez
_INICIAL_CODIGO = ("C", "c", " ")
_TEXTO_O_VACIO = frozenset({str, type(None)})
_MOTIVO, _REGLA, _ACUMULADO, _PROBLEMA, _NUMERO = map(
    attrgetter, ("motivo", "regla", "acumulado", "problema", "numero")
)
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
    # Los números de cada año por columnas, como los lee `leer_tabla` (None: se leen de los
    # indicadores); no cuentan al comparar ni al mostrar la tabla.
    por_anio: "NumerosPorAnio | None" = field(default=None, compare=False, repr=False)

    def numeros_por_anio(self) -> tuple[dict[int, Columna], dict[int, Columna]] | None:
        """Los logros esperados y valores obtenidos de cada año por columnas, si son los de estos mismos
        indicadores (una tabla copiada con otros indicadores los vuelve a leer de ellos)."""
        leidos = self.por_anio
        if leidos is None or leidos.indicadores is not self.indicadores:
            return None
        return leidos.logros, leidos.obtenidos


class NumerosPorAnio(NamedTuple):
    """El logro esperado y el valor obtenido de cada indicador en cada año, por columnas (NaN sin
    número), y los indicadores de los que se leyeron: valen solo para ellos, en su orden."""

    indicadores: tuple[Indicador, ...]
    logros: dict[int, Columna]
    obtenidos: dict[int, Columna]


@sin_recoleccion()
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
        filas = range(bloque.fila_encabezado + bloque.filas, fin)
        lector.leer_bloque(cuadricula, filas, _Plan.de(bloque, anio), codigos)
    indicadores = tuple(lector.indicadores.values())
    return Tabla(
        hoja=hoja,
        titulo=_titulo(cuadricula[: bloques[0].fila_encabezado]) or hoja,
        anio=anio,
        anios_obtenidos=anios,
        indicadores=indicadores,
        nombres=lector.nombres,
        indice_registrado=lector.indice_registrado,
        observaciones=(*(o for b in bloques for o in b.observaciones), *lector.observaciones),
        sin_relevancia=tuple(
            referencia(b.fila_encabezado, b.unicas.get("codigo", 0))
            for b in bloques
            if "relevancia" not in b.unicas
        ),
        relevancias_sin_numero=tuple(lector.relevancias_sin_numero),
        por_anio=NumerosPorAnio(
            indicadores,
            _columnas_por_anio(lector.logros_por_bloque, lector.nuevos_por_bloque),
            _columnas_por_anio(lector.obtenidos_por_bloque, lector.nuevos_por_bloque),
        ),
    )


def _bloques(cuadricula: Cuadricula, hoja: str) -> tuple[list[Columnas], list[str | None]]:
    """Los bloques de encabezados de la hoja, en orden, y el código de cada fila (None si no es de datos).

    Una fila con un código válido en la columna «Código» del bloque en curso es de datos y no
    se examina más: así la búsqueda completa de encabezados solo recorre las pocas filas restantes.
    Los códigos se leen por tramos de filas; un encabezado que cambia la columna «Código» corta el tramo.
    """
    bloques: list[Columnas] = []
    codigos: list[str | None] = [None] * len(cuadricula)  # el leído en la columna «Código» de su bloque
    columna, i = -1, 0
    while i < len(cuadricula):
        tramo = cuadricula[i : i + _TRAMO]
        celdas = [f[columna] if 0 <= columna < len(f) else None for f in tramo]
        leidos = leer_codigos(celdas)
        desde, fin = 0, len(tramo)  # posiciones en el tramo
        while desde < fin:
            hasta = _siguiente_vacio(leidos, desde)
            codigos[i + desde : i + hasta] = leidos[desde:hasta]
            desde = hasta + 1
            if hasta < fin and _es_encabezado(tramo[hasta]):
                bloques.append(_columnas(cuadricula, i + hasta, hoja))
                if bloques[-1].unicas.get("codigo", 0) != columna:
                    columna = bloques[-1].unicas.get("codigo", 0)
                    fin = desde  # el resto del tramo se lee de nuevo, con la columna nueva
        i += fin
    return bloques, codigos


def _siguiente_vacio(leidos: list[str | None], desde: int) -> int:
    """La posición del primer None desde `desde`, o el largo de la lista si no hay."""
    try:
        return leidos.index(None, desde)
    except ValueError:
        return len(leidos)


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

    @property
    def usadas(self) -> tuple[int, ...]:
        """Las columnas que se leen de cada indicador, en orden (al menos la del código)."""
        unicas = (self.denominacion, self.responsable, self.sentido, self.agregacion, self.tipo)
        otras = (self.relevancia, self.linea_base, self.avance)
        anuales = (j for _, j in (*self.logros, *self.obtenidos))
        return tuple(sorted({self.codigo, *anuales, *(j for j in (*unicas, *otras) if j is not None)}))

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
        # Por bloque, en el orden de los indicadores: cuántos nuevos y sus números de cada año.
        self.nuevos_por_bloque: list[int] = []
        self.logros_por_bloque: list[dict[int, list[float | None]]] = []
        self.obtenidos_por_bloque: list[dict[int, list[float | None]]] = []

    def leer_bloque(
        self, cuadricula: Cuadricula, filas: range, plan: _Plan, codigos: list[str | None]
    ) -> None:
        """Las filas de datos de un bloque; `codigos`, el de la columna «Código» de cada fila (o None).

        El índice registrado y los códigos repetidos se leen fila por fila; los nombres y los
        indicadores nuevos, por columnas (cada dato de todo el bloque de una vez, `_indicadores`).
        Las observaciones quedan en el orden de las filas.
        """
        entran: list[tuple[int, str]] = []  # (fila, código) de cada indicador nuevo
        pasos: list[int | Observacion] = []  # en orden: un indicador nuevo (su posición) o un repetido
        primeras: dict[str, int] = {}  # código → fila, de los nuevos de este bloque
        nombrados: list[tuple[int, str]] = []  # (fila, código) de cada objetivo, lineamiento o servicio
        for i, codigo in zip(filas, codigos[filas.start : filas.stop], strict=True):
            if codigo is None:
                self._leer_indice(cuadricula[i], i)
            elif not es_indicador(codigo):
                nombrados.append((i, codigo))
            elif codigo in self.indicadores or codigo in primeras:
                primera = (
                    referencia(primeras[codigo], plan.codigo)
                    if codigo in primeras
                    else self.indicadores[codigo].celda
                )
                mensaje = f"código repetido: ya aparece en {primera}; se ignora esta fila"
                pasos.append(Observacion(codigo, mensaje, referencia(i, plan.codigo)))
            else:
                primeras[codigo] = i
                pasos.append(len(entran))
                entran.append((i, codigo))
        self._nombres(cuadricula, nombrados, plan.denominacion)
        nuevos, con_ilegibles = self._indicadores(cuadricula, entran, plan)
        if len(pasos) == len(entran):  # lo común, sin códigos repetidos: solo indicadores nuevos
            self.indicadores.update(zip(map(itemgetter(1), entran), nuevos, strict=True))
            pasos[:] = sorted(con_ilegibles)
        for paso in pasos:
            if isinstance(paso, Observacion):
                self.observaciones.append(paso)
                continue
            indicador = nuevos[paso]
            self.indicadores[indicador.codigo] = indicador
            # En un acumulado, el avance del año ya cita lo ilegible.
            if paso in con_ilegibles and not indicador.acumulado:
                self._ilegibles_anteriores(indicador, entran[paso][0], plan)

    def _nombres(self, cuadricula: Cuadricula, nombrados: list[tuple[int, str]], j: int | None) -> None:
        """El nombre de cada código (fila, código) que no es de un indicador; el primero que aparece gana."""
        filas = [cuadricula[i] for i, _ in nombrados]
        textos = _textos([f[j] if j is not None and j < len(f) else None for f in filas])
        for (_, codigo), texto in zip(nombrados, textos, strict=True):
            self.nombres.setdefault(codigo, texto)

    def _indicadores(
        self, cuadricula: Cuadricula, entran: list[tuple[int, str]], plan: _Plan
    ) -> tuple[list[Indicador], set[int]]:
        """Los indicadores de las filas `entran` (fila, código), cada dato leído por columnas, y las
        posiciones de los que traen algo ilegible en algún logro esperado o valor obtenido."""
        if not entran:
            return [], set()
        ancho = plan.columnas.ancho
        filas = [cuadricula[i] for i, _ in entran]
        if min(map(len, filas)) < ancho:
            filas = [_completa(f, ancho) for f in filas]
        columnas = _columnas_de(filas, plan.usadas)
        vacia = (None,) * len(filas)

        def columna(j: int | None) -> Sequence[object]:
            return vacia if j is None else columnas[j]

        clasificaciones = list(
            map(clasificar, columna(plan.sentido), columna(plan.agregacion), columna(plan.tipo))
        )
        avance, numeros_fila, n = plan.avance, [i for i, _ in entran], len(entran)
        # La celda del código y la del avance registrado de cada fila (el número de fila, escrito una vez).
        celdas = referencias(numeros_fila, plan.codigo, *(() if avance is None else (avance,)))
        logros, obtenidos = (_por_anio(grupo, columnas) for grupo in (plan.logros, plan.obtenidos))
        self.nuevos_por_bloque.append(len(entran))
        self.logros_por_bloque.append(logros.numeros)
        self.obtenidos_por_bloque.append(obtenidos.numeros)
        indicadores = map(
            Indicador,
            [codigo for _, codigo in entran],
            _textos(columna(plan.denominacion)),
            _textos(columna(plan.responsable)),
            celdas[:n],
            map(_REGLA, clasificaciones),
            map(_ACUMULADO, clasificaciones),
            map(_PROBLEMA, clasificaciones),
            logros.por_fila or [{} for _ in filas],
            obtenidos.por_fila or [{} for _ in filas],
            repeat(None) if avance is None else leer_valores(columnas[avance]),
            repeat("") if avance is None else celdas[n:],
            [
                self._extras(f, i, plan.columnas) if revisar else ()
                for f, i, revisar in zip(filas, numeros_fila, _fuera_de_encabezados(filas, plan), strict=True)
            ],
            self._relevancias(entran, leer_valores(columna(plan.relevancia)), plan.relevancia),
            leer_valores(columna(plan.linea_base)),
        )
        return list(indicadores), logros.con_ilegibles | obtenidos.con_ilegibles

    def _ilegibles_anteriores(self, indicador: Indicador, i: int, plan: _Plan) -> None:
        """Un texto que no es un número (o es ambiguo) en un año anterior al de análisis se anota con su
        celda: sin esto, ese año saldría en silencio de la serie y de las alertas de tendencia."""
        logros, obtenidos = indicador.logros, indicador.obtenidos
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
                        Observacion(indicador.codigo, mensaje, referencia(i, columnas_por_anio[anio]))
                    )

    def _relevancias(self, entran: list[tuple[int, str]], valores: list[Valor], j: int | None) -> list[float]:
        """El peso de cada indicador; 1 si no hay columna o la celda no trae un número (y eso se anota)."""
        pesos = [1.0 if v.numero is None else v.numero for v in valores]
        if j is not None:
            for (i, codigo), valor in zip(entran, valores, strict=True):
                if valor.numero is None:
                    mensaje = (
                        f"relevancia {describir(valor)} sin número: en la ponderación por relevancia pesa 1"
                    )
                    self.relevancias_sin_numero.append(Observacion(codigo, mensaje, referencia(i, j)))
        return pesos

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


def _texto(valor: object) -> str:
    return "" if valor is None else " ".join(str(valor).split())


def _textos(celdas: Sequence[object]) -> list[str]:
    """`_texto` de cada celda; de una columna de textos, una vez por texto distinto (se repiten mucho:
    los responsables), o ninguna si ningún texto tiene espacios de más (lo común). Con otros tipos
    no: 1, 1.0 y True son la misma clave y dan textos distintos."""
    if not _TEXTO_O_VACIO.issuperset(map(type, celdas)):
        return list(map(_texto, celdas))
    distintos = set(celdas)
    if None not in distintos and _sin_espacios_de_mas(distintos - {""}):  # type: ignore[arg-type]
        return list(celdas)  # type: ignore[arg-type]
    return list(map({c: _texto(c) for c in distintos}.__getitem__, celdas))


def _sin_espacios_de_mas(textos: Iterable[str]) -> bool:
    """Si `_texto` deja igual cada texto (ninguno vacío): ninguno con blancos que no son el espacio
    (ninguno es imprimible), dos espacios seguidos o un espacio al inicio o al final. Se revisan de
    una vez, unidos con un espacio: un espacio al inicio o al final de un texto deja dos seguidos."""
    unidos = " ".join(textos)
    return (
        imprimible(unidos) and "  " not in unidos and not unidos.startswith(" ") and not unidos.endswith(" ")
    )


def _completa(fila: Sequence[object], ancho: int) -> Sequence[object]:
    """La fila con al menos `ancho` celdas (las que faltan, vacías)."""
    return fila if len(fila) >= ancho else [*fila, *(None,) * (ancho - len(fila))]


def _fuera_de_encabezados(filas: list[Sequence[object]], plan: _Plan) -> list[bool]:
    """Si cada fila puede traer algo fuera de las columnas con encabezado (lo revisa `_Lector._extras`).

    Las filas del mismo largo, de una pasada: las que tienen ahí (columnas sin encabezado dentro
    del bloque o a su derecha) celdas que no son todas "" ni todas None (también una con "" y None,
    que `_extras` descarta). Con largos distintos, las que pasan del encabezado o, si el bloque tiene
    columnas sin encabezado, todas.
    """
    sin_encabezado, ancho, largo = plan.columnas.sin_encabezado, plan.columnas.ancho, max(map(len, filas))
    fuera = (*sin_encabezado, *range(ancho, largo))
    if not fuera:
        return [False] * len(filas)
    if min(map(len, filas)) < largo:
        return [bool(sin_encabezado) or len(f) > ancho for f in filas]
    celdas = list(map(itemgetter(*fuera, fuera[0]), filas))  # con dos índices o más, itemgetter da una tupla
    vacias, nulas = ("",) * (len(fuera) + 1), (None,) * (len(fuera) + 1)
    return list(map(and_, map(ne, celdas, repeat(vacias)), map(ne, celdas, repeat(nulas))))


def _columnas_de(filas: list[Sequence[object]], usadas: tuple[int, ...]) -> dict[int, tuple[object, ...]]:
    """Las columnas `usadas` de las filas, leídas de una pasada por las filas (una tupla por columna)."""
    tomar = itemgetter(*usadas, usadas[0])  # con dos índices o más, itemgetter siempre da una tupla
    return dict(zip(usadas, zip(*map(tomar, filas), strict=True), strict=False))  # la repetida sobra


class _PorAnio(NamedTuple):
    por_fila: list[dict[int, Valor]]  # {año: Valor} de cada fila (vacía si el grupo no tiene columnas)
    con_ilegibles: set[int]  # las filas con algún valor ilegible (texto, error o ambiguo)
    numeros: dict[int, list[float | None]]  # el número de cada fila en cada año (None si no tiene)


def _por_anio(
    columnas_por_anio: tuple[tuple[int, int], ...], columnas: dict[int, tuple[object, ...]]
) -> _PorAnio:
    """Los valores de un grupo con año (logros esperados u obtenidos), de sus columnas (año, columna)."""
    if not columnas_por_anio:
        return _PorAnio([], set(), {})
    anios = tuple(a for a, _ in columnas_por_anio)
    por_columna = [leer_valores(columnas[j]) for _, j in columnas_por_anio]
    con_ilegibles: set[int] = set()
    for valores in por_columna:  # sin recorrer en Python: lo común es que no haya ninguno
        if not ILEGIBLES.isdisjoint(map(_MOTIVO, valores)):
            ilegible = map(ILEGIBLES.__contains__, map(_MOTIVO, valores))
            con_ilegibles.update(compress(range(len(valores)), ilegible))
    por_fila: list[dict[int, Valor]] = [{} for _ in por_columna[0]]
    for anio, valores in zip(anios, por_columna, strict=True):  # año por año: menos que un dict(zip) por fila
        deque(map(setitem, por_fila, repeat(anio), valores), maxlen=0)
    numeros = {a: list(map(_NUMERO, valores)) for a, valores in zip(anios, por_columna, strict=True)}
    return _PorAnio(por_fila, con_ilegibles, numeros)


def _columnas_por_anio(bloques: list[dict[int, list[float | None]]], filas: list[int]) -> dict[int, Columna]:
    """Los números de un grupo con año de todos los indicadores de la tabla: los de cada bloque
    (con `filas` indicadores nuevos) uno tras otro, NaN donde el bloque no tiene ese año."""
    anios = sorted({a for numeros in bloques for a in numeros})
    return {
        a: np.concatenate(
            [
                np.array(numeros[a], dtype=np.float64) if a in numeros else np.full(n, np.nan)
                for numeros, n in zip(bloques, filas, strict=True)
            ]
        )
        for a in anios
    }
