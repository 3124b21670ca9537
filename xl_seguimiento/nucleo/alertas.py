"""Motor de alertas (METODOLOGÍA §5): alertas por indicador, servicio, objetivo y política."""

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from .auditoria import revisar_indice
from .codigos import Nivel, nombre_corto, numero_objetivo
from .indice import Columna
from .modelo import (
    Alerta,
    Categoria,
    Indice,
    IndiceRegistrado,
    Objetivo,
    ResultadoIndicador,
    Servicio,
    TipoAlerta,
    servicios_con_alertas,
)
from .orden import lugares
from .parametros import Parametros
from .situacion import CATEGORIA_POR_TIPO, TIPO_POR_CATEGORIA
from .textos import estado_indice, oracion, un_decimal
from .valores import Valor, describir

# Nivel y tipo de una alerta en un solo entero, en su orden (después del lugar del código).
_POSICION = {(n, t): i for i, (n, t) in enumerate((n, t) for n in Nivel for t in TipoAlerta)}
_NIVELES_Y_TIPOS = len(_POSICION)
_CON_ALERTA = (Categoria.BAJO, Categoria.ATIPICO)  # las categorías con alerta de avance
_SIN_COLUMNA = Valor(None)  # el año que el bloque del indicador no tiene


def alertas_indicador(
    resultado: ResultadoIndicador, anio: int, parametros: Parametros, problemas: Iterable[str]
) -> list[Alerta]:
    """Alertas de avance (bajo, atípico, sin información) e inconsistencias de un indicador (sus
    `problemas`, de `auditoria.revisar_indicadores`). Los textos propios ya son oraciones; los que
    llevan un motivo o un problema pasan por `oracion`."""
    avance = resultado.avance
    mensajes: list[tuple[TipoAlerta, str]] = []
    if avance.valor is None:
        tipo = avance.sin_calculo or TipoAlerta.SIN_INFORMACION
        mensajes.append((tipo, oracion(f"No se calcula el avance {anio}: {avance.motivo}")))
    elif resultado.categoria is Categoria.BAJO:
        mensajes.append(
            (TipoAlerta.BAJO_AVANCE, f"{_avance(resultado, anio)}, menor a {parametros.umbral_bajo:g}.")
        )
    elif resultado.categoria is Categoria.ATIPICO:
        limite = parametros.umbral_atipico
        texto = f"{_avance(resultado, anio)}, mayor a {limite:g}: posible error de planeamiento."
        mensajes.append((TipoAlerta.AVANCE_ATIPICO, texto))
    for problema in problemas:
        mensajes.append((TipoAlerta.INCONSISTENCIA, oracion(f"Inconsistencia: {problema}")))
    return _del_indicador(resultado, mensajes) if mensajes else []


def alertas_indicadores(
    resultados: Sequence[ResultadoIndicador],
    anio: int,
    parametros: Parametros,
    problemas: Mapping[int, list[str]],
) -> list[Alerta]:
    """`alertas_indicador` de cada indicador, en orden (`problemas`, por posición); sin llamarla para
    los que no pueden tener ninguna: con avance, ni bajo ni atípico, y sin problemas (lo común)."""
    alertas = []
    for k, r in enumerate(resultados):
        if r.avance.valor is None or r.categoria in _CON_ALERTA or k in problemas:
            alertas.extend(alertas_indicador(r, anio, parametros, problemas.get(k, ())))
    return alertas


class Tendencias(NamedTuple):
    """Retroceso y bajo avance persistente de cada indicador (columnas, una posición por indicador).

    `previo` y `ahora` van con tope (el avance del último año anterior con dato, de `anio_previo`, y
    el del año de análisis); `anterior` y `actual`, sin tope (el año inmediato anterior y el de análisis).
    """

    retrocede: npt.NDArray[np.bool_]
    anio_previo: npt.NDArray[np.int_]
    previo: Columna
    ahora: Columna
    persistente: npt.NDArray[np.bool_]
    anterior: Columna
    actual: Columna


def tendencias(avances: npt.ArrayLike, anios: Sequence[int], parametros: Parametros) -> Tendencias:
    """Las dos reglas de tendencia (docs/METODOLOGIA.md) sobre el avance de cada año (NaN = ND).

    `avances` tiene una fila por año de `anios` (ascendentes; el último es el de análisis) y una
    columna por indicador. Retrocede si el avance con tope cae al menos la caída del parámetro desde
    el último año anterior con dato; es persistente si el del año inmediato anterior y el de
    análisis son bajos.
    """
    matriz = np.asarray(avances, dtype=np.float64).reshape(len(anios), -1)
    actual, tope = matriz[-1], parametros.tope
    previo = np.full(actual.shape, np.nan)
    anio_previo = np.zeros(actual.shape, dtype=np.int_)
    for anio, fila in zip(anios[:-1], matriz[:-1], strict=True):
        con_dato = ~np.isnan(fila)
        previo[con_dato], anio_previo[con_dato] = fila[con_dato], anio
    previo, ahora = np.minimum(previo, tope), np.minimum(actual, tope)
    with np.errstate(invalid="ignore"):
        retrocede = previo - ahora >= parametros.caida_retroceso
    anterior = matriz[-2] if len(anios) > 1 and anios[-2] == anios[-1] - 1 else np.full(actual.shape, np.nan)
    persistente = np.maximum(actual, anterior) < parametros.umbral_bajo
    return Tendencias(retrocede, anio_previo, previo, ahora, persistente, anterior, actual)


def _de_una_serie(serie: dict[int, float | None], anio: int, parametros: Parametros) -> Tendencias:
    anios = sorted({*(a for a in serie if a < anio), anio})
    return tendencias(np.array([serie.get(a) for a in anios], dtype=np.float64), anios, parametros)


def retroceso(
    serie: dict[int, float | None], anio: int, parametros: Parametros
) -> tuple[int, float, float] | None:
    """(año anterior con dato, avance de entonces, avance de `anio`), ambos con tope, si cae lo que pide la regla."""
    t = _de_una_serie(serie, anio, parametros)
    return (int(t.anio_previo[0]), float(t.previo[0]), float(t.ahora[0])) if t.retrocede[0] else None


def bajo_persistente(
    serie: dict[int, float | None], anio: int, parametros: Parametros
) -> tuple[float, float] | None:
    """(avance del año anterior, avance de `anio`) si los dos son bajos."""
    t = _de_una_serie(serie, anio, parametros)
    return (float(t.anterior[0]), float(t.actual[0])) if t.persistente[0] else None


def alertas_tendencia(
    resultados: Sequence[ResultadoIndicador],
    marcados: Iterable[tuple[int, "Tendencia"]],
    anio: int,
    parametros: Parametros,
) -> list[Alerta]:
    """Retroceso y bajo avance persistente de los indicadores `marcados` (de `marcadas`, según su
    avance de cada año: docs/METODOLOGIA.md)."""
    alertas = []
    for k, t in marcados:
        mensajes: list[tuple[TipoAlerta, str]] = []
        if t.retrocede:
            mensajes.append((TipoAlerta.RETROCESO, _texto_retroceso(t, anio, parametros)))
        if t.persistente:
            mensajes.append((TipoAlerta.BAJO_PERSISTENTE, _texto_persistente(t, anio, parametros)))
        alertas.extend(_del_indicador(resultados[k], mensajes))
    return alertas


class Tendencia(NamedTuple):
    """Una posición de `Tendencias` (los campos, en números de Python)."""

    retrocede: bool
    anio_previo: int
    previo: float
    ahora: float
    persistente: bool
    anterior: float
    actual: float


def marcadas(tendencia: Tendencias) -> list[tuple[int, Tendencia]]:
    """(posición, su tendencia) de los indicadores que retroceden o tienen bajo avance persistente."""
    posiciones = np.flatnonzero(tendencia.retrocede | tendencia.persistente)
    columnas = (columna[posiciones].tolist() for columna in tendencia)
    return list(zip(posiciones.tolist(), map(Tendencia, *columnas), strict=True))


def _texto_retroceso(t: Tendencia, anio: int, parametros: Parametros) -> str:
    return (
        f"Retrocede de {un_decimal(t.previo)} ({t.anio_previo}) a {un_decimal(t.ahora)} ({anio}), con "
        f"el avance limitado a {parametros.tope:g}: cae {un_decimal(t.previo - t.ahora)} puntos."
    )


def _texto_persistente(t: Tendencia, anio: int, parametros: Parametros) -> str:
    return (
        f"Avance bajo por segundo año: {un_decimal(t.anterior)} en {anio - 1} y {un_decimal(t.actual)} en {anio}, "
        f"menores a {parametros.umbral_bajo:g}."
    )


def _del_indicador(resultado: ResultadoIndicador, mensajes: list[tuple[TipoAlerta, str]]) -> list[Alerta]:
    """Una alerta por mensaje (ya redactado como oración), con los datos del indicador, su avance y
    su celda de origen."""
    indicador = resultado.indicador
    codigo, denominacion, responsable, celda = (
        indicador.codigo,
        indicador.denominacion,
        indicador.responsable,
        indicador.celda,
    )
    avance = resultado.avance.valor
    return [
        Alerta(Nivel.INDICADOR, codigo, tipo, mensaje, denominacion, responsable, avance, celda)
        for tipo, mensaje in mensajes
    ]


def alertas_servicios(objetivos: Iterable[Objetivo]) -> list[Alerta]:
    """Las alertas de cada servicio de los objetivos, en orden; solo los que tienen algún indicador
    con alerta de avance las tienen (lo común es que no: ni se recorren)."""
    return [alerta for servicio in servicios_con_alertas(objetivos) for alerta in _alertas_servicio(servicio)]


def _alertas_servicio(servicio: Servicio) -> list[Alerta]:
    """Una alerta por tipo presente entre sus indicadores, con la situación del servicio."""
    frase = servicio.situacion
    alertas = []
    indicadores = servicio.indicadores
    responsables = _responsables(indicadores)
    sujeto = f"El servicio {nombre_corto(servicio.codigo)} {frase.singular}"
    for tipo in frase.tipos:
        categoria = CATEGORIA_POR_TIPO[tipo]  # los citados: los de ese tipo (`tipo_de_avance`)
        lista = ", ".join(
            [
                f"{r.indicador.codigo} ({un_decimal(r.avance.valor)})"
                for r in indicadores
                if r.categoria is categoria
            ]
        )
        alertas.append(
            Alerta(
                Nivel.SERVICIO,
                servicio.codigo,
                tipo,
                f"{sujeto}: {lista}.",  # ya una oración: empieza en mayúscula; la lista termina en «)»
                servicio.denominacion,
                responsables,
                servicio.indice.valor,
            )
        )
    return alertas


def alertas_objetivo(objetivo: Objetivo) -> list[Alerta]:
    """Alerta del objetivo prioritario si su índice es bajo, atípico o sin información."""
    sujeto = f"El objetivo prioritario {numero_objetivo(objetivo.codigo)}"
    return _alerta_de_indice(
        Nivel.OBJETIVO, objetivo.codigo, sujeto, objetivo.indice, objetivo.categoria, objetivo.denominacion
    )


def alertas_politica(
    indice: Indice, categoria: Categoria, registrado: IndiceRegistrado | None, parametros: Parametros
) -> list[Alerta]:
    """Alerta de la política por su índice, y la inconsistencia del índice registrado si difiere."""
    alertas = _alerta_de_indice(Nivel.POLITICA, "", "La política nacional", indice, categoria, "")
    diferencia = revisar_indice(registrado, indice, parametros)
    if diferencia:
        alertas.append(
            Alerta(Nivel.POLITICA, "", TipoAlerta.INCONSISTENCIA, oracion(diferencia), avance=indice.valor)
        )
    return alertas


def ordenar(alertas: Iterable[Alerta]) -> tuple[Alerta, ...]:
    """Orden determinista: por código (en su orden natural), luego nivel, tipo y mensaje; las
    alertas con todo igual, en el orden en que llegan.

    Por columnas: un entero por alerta (el lugar de su código, su nivel y su tipo) se ordena de una
    vez; solo las que empatan en los tres se ordenan por mensaje."""
    alertas = list(alertas)
    codigos = list(dict.fromkeys([a.codigo for a in alertas]))
    lugar = dict(zip(codigos, (lugares(codigos) * _NIVELES_Y_TIPOS).tolist(), strict=True))
    claves = np.array([lugar[a.codigo] + _POSICION[a.nivel, a.tipo] for a in alertas], dtype=np.int64)
    orden = np.argsort(claves, kind="stable")
    inicios = np.flatnonzero(np.diff(claves[orden], prepend=-1))  # de cada tramo con la misma clave
    largos = np.diff(inicios, append=len(alertas))
    posiciones = orden.tolist()
    for inicio, largo in zip(inicios[largos > 1].tolist(), largos[largos > 1].tolist(), strict=True):
        tramo = slice(inicio, inicio + largo)  # empatan en código, nivel y tipo: por mensaje
        posiciones[tramo] = sorted(posiciones[tramo], key=lambda k: alertas[k].mensaje)
    return tuple(map(alertas.__getitem__, posiciones))


def _alerta_de_indice(
    nivel: Nivel, codigo: str, sujeto: str, indice: Indice, categoria: Categoria, denominacion: str
) -> list[Alerta]:
    tipo = TIPO_POR_CATEGORIA.get(categoria)
    if tipo is None:
        return []
    mensaje = oracion(f"{sujeto} {estado_indice(indice, categoria)}")
    return [Alerta(nivel, codigo, tipo, mensaje, denominacion=denominacion, avance=indice.valor)]


def _avance(resultado: ResultadoIndicador, anio: int) -> str:
    indicador = resultado.indicador
    logro = indicador.logros.get(anio, _SIN_COLUMNA)
    obtenido = indicador.obtenidos.get(anio, _SIN_COLUMNA)
    forma = f"{indicador.regla}, acumulado" if indicador.acumulado else str(indicador.regla)
    return (
        f"Avance Tipo 1 de {un_decimal(resultado.avance.valor)} ({forma}; logro esperado {anio}: "
        f"{describir(logro)}; valor obtenido {anio}: {describir(obtenido)})"
    )


def _responsables(resultados: Iterable[ResultadoIndicador]) -> str:
    return ", ".join(filter(None, dict.fromkeys([r.indicador.responsable for r in resultados])))
