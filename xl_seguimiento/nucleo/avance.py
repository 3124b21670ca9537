"""Avance Tipo 1 (METODOLOGÍA §3): fórmulas por sentido y estándar, acumulado, y por qué no se calcula.

La regla es columnar: `avance_tipo1` calcula de una vez el avance de todas las filas (numpy), y
la usan igual el motor (todos los indicadores de un año) y las funciones de Excel (una columna
entera, o una sola celda). Lo que no es un par de números (ND, textos, series acumuladas con
huecos, escalas mezcladas) se revisa antes, fila por fila, y se explica con su motivo.
"""

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .modelo import REGLAS_CON_SENTIDO, Avance, Indicador, Regla, TipoAlerta
from .parametros import PARAMETROS, Parametros
from .reglas import clasificar
from .valores import ILEGIBLES, VACIO, MotivoND, Valor, describir, leer_valor

Columna = npt.NDArray[np.float64]
CUMPLE = 100.0
NO_CUMPLE = 0.0
# Por qué un par de números no da avance; el índice 0 es «se calcula».
MOTIVOS = (
    "",
    "valor negativo en un cociente: no se calcula el avance",
    "logro esperado igual a 0: el cociente no se puede calcular",
    "valor obtenido (sentido descendente) igual a 0: el cociente no se puede calcular",
    "valores fuera de escala: el cociente no da un número finito",
)
_NEGATIVO, _LOGRO_CERO, _OBTENIDO_CERO, _FUERA_DE_ESCALA = 1, 2, 3, 4
# Cada regla como entero, para las columnas: su posición en Regla.
CODIGO_REGLA = {regla: i for i, regla in enumerate(Regla)}
_CODIGO_O_NINGUNA = {regla: CODIGO_REGLA.get(regla, -1) for regla in (*Regla, None)}  # -1: sin regla
_ASCENDENTE, _DESCENDENTE, _MINIMO = (
    CODIGO_REGLA[r] for r in (Regla.ASCENDENTE, Regla.DESCENDENTE, Regla.MINIMO_PERMISIBLE)
)


def avance_tipo1(
    logros: npt.ArrayLike, obtenidos: npt.ArrayLike, reglas: npt.ArrayLike
) -> tuple[Columna, npt.NDArray[np.int8]]:
    """Avance Tipo 1 de cada fila de números, en puntos, y el motivo (índice en MOTIVOS) si no se calcula.

    Ascendente: VO/LE×100; descendente: LE/VO×100 (ninguno negativo, divisor distinto de 0);
    mínimo permisible: 100 si VO ≥ LE, si no 0; máximo permisible: 100 si VO ≤ LE, si no 0.
    `reglas` lleva el código de cada regla (CODIGO_REGLA). Donde no se calcula, el avance es NaN.
    """
    le, vo = np.asarray(logros, dtype=np.float64), np.asarray(obtenidos, dtype=np.float64)
    regla = np.broadcast_to(np.asarray(reglas), le.shape)
    ascendente = regla == _ASCENDENTE
    con_sentido = ascendente | (regla == _DESCENDENTE)
    numerador, divisor = np.where(ascendente, vo, le), np.where(ascendente, le, vo)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cociente = numerador / divisor * 100
    cumple = np.where(regla == _MINIMO, vo >= le, vo <= le)
    valor = np.where(con_sentido, cociente, np.where(cumple, CUMPLE, NO_CUMPLE))
    motivo = np.zeros(le.shape, dtype=np.int8)
    motivo[con_sentido & ~np.isfinite(cociente)] = _FUERA_DE_ESCALA
    sin_divisor = con_sentido & (divisor == 0)
    motivo[sin_divisor] = np.where(ascendente, _LOGRO_CERO, _OBTENIDO_CERO)[sin_divisor]
    motivo[con_sentido & ((le < 0) | (vo < 0))] = _NEGATIVO
    valor[motivo != 0] = np.nan
    return valor, motivo


_NUMERO = attrgetter("valor.numero")
_LOGROS, _OBTENIDOS, _ACUMULADO = attrgetter("logros"), attrgetter("obtenidos"), attrgetter("acumulado")
_REGLA = attrgetter("regla")


class Dato(NamedTuple):
    """Un valor del cálculo con su nombre para los mensajes ('valor obtenido 2024')."""

    nombre: str
    valor: Valor


class Par(NamedTuple):
    """Logro esperado y valor obtenido ya sumados (si es acumulado), listos para la regla."""

    logro: float
    obtenido: float
    regla: Regla


class DatosPorAnio(NamedTuple):
    """Los números de los indicadores por columnas (NaN = sin número): logro esperado y valor
    obtenido de cada año, y la regla (CODIGO_REGLA; -1 sin regla) y si es acumulado."""

    logros: dict[int, Columna]
    obtenidos: dict[int, Columna]
    reglas: npt.NDArray[np.int8]
    acumulados: npt.NDArray[np.bool_]

    @classmethod
    def de(
        cls,
        indicadores: Sequence[Indicador],
        anios: Iterable[int],
        leidos: tuple[dict[int, Columna], dict[int, Columna]] | None = None,
    ) -> "DatosPorAnio":
        """Leídos una vez de los indicadores, para todos los años de `anios`; los números, de
        `leidos` (logros y obtenidos por año, como los da la tabla) si se dan."""
        anios = list(anios)
        if leidos is None:
            logros = {a: _numeros(indicadores, a, _LOGROS) for a in anios}
            obtenidos = {a: _numeros(indicadores, a, _OBTENIDOS) for a in anios}
        else:
            sin_numero = np.full(len(indicadores), np.nan)
            logros, obtenidos = ({a: grupo.get(a, sin_numero) for a in anios} for grupo in leidos)
        return cls(
            logros,
            obtenidos,
            np.fromiter(
                map(_CODIGO_O_NINGUNA.__getitem__, map(_REGLA, indicadores)), np.int8, len(indicadores)
            ),
            np.fromiter(map(_ACUMULADO, indicadores), bool, len(indicadores)),
        )


def _numeros(indicadores: Sequence[Indicador], anio: int, grupo: attrgetter) -> Columna:
    return np.array([v.get(anio, VACIO).numero for v in map(grupo, indicadores)], dtype=np.float64)


def avances_del_anio(
    indicadores: Sequence[Indicador],
    anio: int,
    parametros: Parametros = PARAMETROS,
    datos: DatosPorAnio | None = None,
) -> tuple[list[Avance], Columna]:
    """Avance Tipo 1 de cada indicador del libro en `anio`, y la columna de sus valores (NaN = ND).
    `datos`, si ya se leyeron (con `anio`; las series acumuladas con años que no están ahí se suman
    una por una)."""
    datos = DatosPorAnio.de(indicadores, _hasta(indicadores, anio)) if datos is None else datos
    valores, motivos, explicados = _del_anio(indicadores, anio, parametros, datos, solo_con_datos=False)
    avances = list(map(Avance, valores.tolist()))  # los calculados; luego, los que no
    for k in np.flatnonzero(motivos).tolist():
        avances[k] = _inconsistencia(MOTIVOS[motivos[k]])
    for k, avance in explicados.items():
        avances[k] = avance
    return avances, valores


def valores_del_anio(
    indicadores: Sequence[Indicador],
    anio: int,
    parametros: Parametros = PARAMETROS,
    datos: DatosPorAnio | None = None,
) -> Columna:
    """Solo el avance de cada indicador en un año anterior (NaN si no se calcula): sin su logro
    esperado o su valor obtenido de ese año no hay avance, y no se explica por qué. `datos`, como en
    `avances_del_anio`."""
    datos = DatosPorAnio.de(indicadores, _hasta(indicadores, anio)) if datos is None else datos
    return _del_anio(indicadores, anio, parametros, datos, solo_con_datos=True)[0]


def _hasta(indicadores: Sequence[Indicador], anio: int) -> list[int]:
    """`anio` y los años de logros esperados anteriores (los de las series acumuladas)."""
    return sorted({anio, *(a for i in indicadores for a in i.logros if a < anio)})


def _del_anio(
    indicadores: Sequence[Indicador],
    anio: int,
    parametros: Parametros,
    datos: DatosPorAnio,
    solo_con_datos: bool,
) -> tuple[Columna, npt.NDArray[np.int8], dict[int, Avance]]:
    """La regla sobre todos los indicadores de un año de una vez: avances (NaN si no se calcula),
    motivos (MOTIVOS) y, aparte, los Avance sin cálculo de los que no llegan a un par de números.

    Un par directo (dos números en la misma escala, sin serie acumulada) va a la regla tal cual;
    los demás se revisan uno por uno (`_par_o_motivo`). Con `solo_con_datos`, el que no tiene
    logro esperado o valor obtenido en el año no se revisa: queda en NaN.
    """
    le, vo = datos.logros[anio].copy(), datos.obtenidos[anio].copy()
    regla = datos.reglas
    con_datos = ~np.isnan(le) & ~np.isnan(vo)
    serie = datos.acumulados & (regla >= 0) & (regla <= _DESCENDENTE)
    directo = (regla >= 0) & ~serie & con_datos & ~_escalas_distintas(le, vo, parametros.limite_fraccion)
    explicados: dict[int, Avance] = {}
    revisar = np.flatnonzero(~directo & (con_datos if solo_con_datos else True))
    series = revisar[serie[revisar]]
    sumadas, le[sumadas], vo[sumadas] = _series_de_numeros(indicadores, series, anio, datos, parametros)
    directo[sumadas] = True
    for k in revisar[~directo[revisar]].tolist():  # las que no se sumaron por columnas
        par = _par_o_motivo(indicadores[k], anio, parametros)
        if isinstance(par, Par):
            le[k], vo[k], directo[k] = par.logro, par.obtenido, True
        else:
            explicados[k] = par
    valores = np.full(len(indicadores), np.nan)
    motivos = np.zeros(len(indicadores), dtype=np.int8)
    valores[directo], motivos[directo] = avance_tipo1(le[directo], vo[directo], regla[directo])
    return valores, motivos, explicados


def _series_de_numeros(
    indicadores: Sequence[Indicador],
    posiciones: npt.NDArray[np.intp],
    anio: int,
    datos: DatosPorAnio,
    parametros: Parametros,
) -> tuple[npt.NDArray[np.intp], Columna, Columna]:
    """Las series acumuladas (de `posiciones`) que llegan a un Par sin nada que explicar, sumadas por
    columnas como `_sumar_serie`: sus posiciones, y el logro esperado y el valor obtenido sumados.

    Lo son si cada año de su serie está en `datos`, tiene logro esperado en `anio` y valor obtenido
    en cada año que se suma, y los números distintos de 0 que se suman están todos en una misma
    escala (fracción o puntos). Las demás siguen por `_par_o_motivo`, que explica qué les falta.
    """
    if not len(posiciones):  # un libro sin series acumuladas
        return posiciones, np.zeros(0), np.zeros(0)
    anios = sorted(a for a in datos.logros if a <= anio)
    de_la_serie = [_anios_de_serie(indicadores[k], anio, anios) for k in posiciones.tolist()]
    en_datos = np.array([fila is not None for fila in de_la_serie], dtype=bool)
    en_serie = np.array([fila or [False] * len(anios) for fila in de_la_serie], dtype=bool).T.reshape(
        len(anios), -1
    )
    le = np.array([datos.logros[a][posiciones] for a in anios]).reshape(len(anios), -1)
    vo = np.array([datos.obtenidos[a][posiciones] for a in anios]).reshape(len(anios), -1)
    usados, suma_le, suma_vo = serie_acumulada(le, vo, en_serie)
    le_usados, vo_usados = usados & ~np.isnan(le), usados
    completa = en_datos & ~np.isnan(le[-1]) & ~(vo_usados & np.isnan(vo)).any(axis=0)
    limite = parametros.limite_fraccion
    distintos = [
        (m & (x != 0), m & (x != 0) & _es_fraccion(x, limite)) for x, m in ((le, le_usados), (vo, vo_usados))
    ]
    fraccion = np.any([f for _, f in distintos], axis=(0, 1))
    puntos = np.any([d & ~f for d, f in distintos], axis=(0, 1))
    sumables = completa & ~(fraccion & puntos)
    return posiciones[sumables], suma_le[sumables], suma_vo[sumables]


def _anios_de_serie(indicador: Indicador, anio: int, anios: list[int]) -> list[bool] | None:
    """Cuáles de `anios` están en la serie del indicador (sus años de logro esperado hasta `anio`, y
    `anio`); None si alguno de sus años no está en `anios`."""
    propios = {a for a in indicador.logros if a <= anio}
    if not propios.issubset(anios):
        return None
    return [a in propios or a == anio for a in anios]


def _par_o_motivo(indicador: Indicador, anio: int, parametros: Parametros) -> Par | Avance:
    """Los dos números que van a la regla, o el Avance sin cálculo que explica por qué no hay."""
    regla = indicador.regla
    if regla is None:
        return Avance(None, TipoAlerta.INCONSISTENCIA, indicador.problema_regla)
    serie = indicador.acumulado and regla in REGLAS_CON_SENTIDO
    anios = sorted({*(a for a in indicador.logros if a <= anio), anio}) if serie else [anio]
    logros = [Dato(f"logro esperado {a}", indicador.logros.get(a, VACIO)) for a in anios]
    obtenidos = [Dato(f"valor obtenido {a}", indicador.obtenidos.get(a, VACIO)) for a in anios]
    return _sumar_serie(logros, obtenidos, regla, indicador.acumulado, indicador.es_porcentaje, parametros)


def _sumar_serie(
    logros: Sequence[Dato],
    obtenidos: Sequence[Dato],
    regla: Regla,
    acumulado: bool = False,
    es_porcentaje: bool = False,
    parametros: Parametros = PARAMETROS,
) -> Par | Avance:
    """El Par de las series de logros y obtenidos hasta el año t (el último), o el Avance sin cálculo.
    Una serie acumulada se suma con la misma regla por columnas que las de todo el libro."""
    serie = acumulado and regla in REGLAS_CON_SENTIDO
    if not serie:
        logros, obtenidos = logros[-1:], obtenidos[-1:]
    sumas = _serie_de_datos(logros, obtenidos) if serie else None  # desde dónde se suma
    inicio = int(sumas[0].argmax()) if sumas else 0
    usados_le, usados_vo = logros[inicio:], obtenidos[inicio:]
    problema = _sin_dato(usados_le[-1:], usados_vo, acumulado and len(usados_vo) > 1)
    problema = problema or _escalas_mezcladas(usados_le, usados_vo, es_porcentaje, parametros)
    if problema:
        return problema
    _, suma_le, suma_vo = sumas or _serie_de_datos(logros, obtenidos)
    return Par(suma_le.item(), suma_vo.item(), regla)


def _serie_de_datos(
    logros: Sequence[Dato], obtenidos: Sequence[Dato]
) -> tuple[npt.NDArray[np.bool_], Columna, Columna]:
    """`serie_acumulada` de una sola serie de datos."""
    numeros = np.array([list(map(_NUMERO, logros)), list(map(_NUMERO, obtenidos))], dtype=np.float64)
    return serie_acumulada(numeros[0, :, np.newaxis], numeros[1, :, np.newaxis])


def serie_acumulada(
    logros: Columna, obtenidos: Columna, en_serie: npt.NDArray[np.bool_] | None = None
) -> tuple[npt.NDArray[np.bool_], Columna, Columna]:
    """Serie acumulada (METODOLOGÍA §3), por columnas: `logros` y `obtenidos` tienen una fila por
    año (ascendentes; el último es t; NaN = sin número) y una columna por indicador; `en_serie`, los
    años de cada serie (todos si no se da). Se usa desde el primer año de la serie con logro
    esperado (si no hay, solo t) y se suman, año por año, los números de cada grupo.

    Devuelve los años usados y las dos sumas.
    """
    filas = logros.shape[0]
    en_serie = np.ones(logros.shape, dtype=bool) if en_serie is None else en_serie
    con_logro = en_serie & ~np.isnan(logros)
    inicio = np.where(con_logro.any(axis=0), con_logro.argmax(axis=0), filas - 1)
    usados = en_serie & (np.arange(filas)[:, np.newaxis] >= inicio)
    suma_le, suma_vo = np.zeros(logros.shape[1]), np.zeros(logros.shape[1])
    for fila in range(filas):  # año por año, en orden
        suma_le = suma_le + np.where(usados[fila] & ~np.isnan(logros[fila]), logros[fila], 0.0)
        suma_vo = suma_vo + np.where(usados[fila] & ~np.isnan(obtenidos[fila]), obtenidos[fila], 0.0)
    return usados, suma_le, suma_vo


def _sin_dato(logros: Sequence[Dato], obtenidos: Sequence[Dato], serie: bool) -> Avance | None:
    datos = (*logros, *obtenidos)
    if None not in map(_NUMERO, datos):  # lo común: todos con número
        return None
    ilegibles = [d for d in datos if d.valor.motivo in ILEGIBLES]
    if ilegibles:
        citas = "; ".join(f"{d.nombre}: {describir(d.valor)}" for d in ilegibles)
        ambiguos = all(d.valor.motivo is MotivoND.AMBIGUO for d in ilegibles)
        return _inconsistencia(f"{'dato ambiguo' if ambiguos else 'dato no numérico'} ({citas})")
    faltan = [d for d in datos if not d.valor.disponible]
    if not faltan:
        return None
    citas = ", ".join(f"{d.nombre} {describir(d.valor)}" for d in faltan)
    incompleta = serie and not any(d in logros for d in faltan)
    prefijo = "serie incompleta, falta " if incompleta else "falta "
    return Avance(None, TipoAlerta.SIN_INFORMACION, f"{prefijo}{citas}")


def _escalas_mezcladas(
    logros: Sequence[Dato], obtenidos: Sequence[Dato], es_porcentaje: bool, parametros: Parametros
) -> Avance | None:
    """Un porcentaje con valores como fracción (<= límite) y otros como puntos (> límite)."""
    if not es_porcentaje:
        return None
    datos = [d for d in (*logros, *obtenidos) if d.valor.numero]
    if all(d.valor.porcentaje for d in datos):
        return None
    fraccion = [d for d in datos if _es_fraccion(d.valor.numero or 0.0, parametros.limite_fraccion)]
    puntos = [d for d in datos if d not in fraccion]
    if not fraccion or not puntos:
        return None
    return _inconsistencia(
        f"unidades mezcladas: {fraccion[0].nombre} {describir(fraccion[0].valor)} como fracción "
        f"y {puntos[0].nombre} {describir(puntos[0].valor)} en puntos porcentuales"
    )


def _es_fraccion(numero: Any, limite: float) -> Any:
    """Un porcentaje escrito como fracción (0.53) y no en puntos (53); también por columnas."""
    return abs(numero) <= limite


def _escalas_distintas(a: Columna, b: Columna, limite: float) -> npt.NDArray[np.bool_]:
    """Uno como fracción y el otro en puntos; el 0 vale en ambas escalas."""
    return (a != 0) & (b != 0) & (_es_fraccion(a, limite) != _es_fraccion(b, limite))


def _avance(valor: float, motivo: int) -> Avance:
    """El Avance de lo que da la regla: el valor, o sin cálculo con su motivo (MOTIVOS)."""
    return Avance(valor) if motivo == 0 else _inconsistencia(MOTIVOS[motivo])


def _inconsistencia(motivo: str) -> Avance:
    return Avance(None, TipoAlerta.INCONSISTENCIA, motivo)


def avances_de_columnas(
    obtenidos: Iterable[object], logros: Iterable[object], sentido: object = "ascendente", tipo: object = ""
) -> list[float | None]:
    """Avance (no acumulado) de cada par valor obtenido / logro esperado, con la misma regla.

    Los pares de números van a la regla en un solo bloque; los demás (textos, ND, errores) pasan
    antes por la lectura completa de celdas. None donde el avance es ND.
    """
    vo, le = list(obtenidos), list(logros)
    del vo[len(le) :], le[len(vo) :]
    regla = clasificar(sentido, tipo).regla
    columna_vo, columna_le = _numeros_de_excel(vo), _numeros_de_excel(le)
    numeros = ~np.isnan(columna_vo) & ~np.isnan(columna_le) & (regla is not None)
    valores = np.full(len(vo), np.nan)
    if regla is not None:
        valores[numeros] = avance_tipo1(columna_le[numeros], columna_vo[numeros], CODIGO_REGLA[regla])[0]
    resultado: list[float | None] = valores.tolist()
    for i in np.flatnonzero(~numeros).tolist():
        resultado[i] = avance_de_celdas([vo[i]], [le[i]], sentido, tipo).valor
    return [None if v != v else v for v in resultado]  # NaN (ND de la regla) → None


def _numeros_de_excel(celdas: list[object]) -> Columna:
    """Las celdas que Excel entrega como número, tal cual; las demás (textos, vacíos, errores), NaN."""
    return np.fromiter((c if type(c) is float else np.nan for c in celdas), np.float64, len(celdas))


def avance_de_celdas(
    obtenidos: Sequence[object], logros: Sequence[object], sentido: object = "ascendente", tipo: object = ""
) -> Avance:
    """Avance desde valores de celda tal como llegan de Excel: una celda por año, el último es t.

    `sentido`: ascendente, descendente, mínimo o máximo permisible; `tipo`: estándar de
    cumplimiento o agregación ('acumulado' suma la serie).
    """
    clasificacion = clasificar(sentido, tipo)
    if clasificacion.regla is None:
        return Avance(None, TipoAlerta.INCONSISTENCIA, clasificacion.problema)
    logros_leidos = [leer_valor(c) for c in logros]
    obtenidos_leidos = [leer_valor(c) for c in obtenidos]
    es_porcentaje = any(v.porcentaje for v in (*logros_leidos, *obtenidos_leidos))
    par = _sumar_serie(
        [Dato(f"logro esperado {i + 1}", v) for i, v in enumerate(logros_leidos)],
        [Dato(f"valor obtenido {i + 1}", v) for i, v in enumerate(obtenidos_leidos)],
        clasificacion.regla,
        clasificacion.acumulado,
        es_porcentaje,
    )
    if isinstance(par, Avance):
        return par
    valor, motivo = avance_tipo1([par.logro], [par.obtenido], [CODIGO_REGLA[par.regla]])
    return _avance(valor.item(), motivo.item())
