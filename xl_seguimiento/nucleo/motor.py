"""El motor: de la cuadrícula de una hoja al informe completo (avances, índices, alertas, narrativa).

Núcleo puro: no lee ni escribe archivos; lo usan por igual la línea de comandos y el botón de Excel.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .alertas import (
    alertas_indicador,
    alertas_objetivo,
    alertas_politica,
    alertas_servicio,
    alertas_tendencia,
    ordenar,
)
from .avance import avance_indicador
from .categorias import categoria
from .celdas import Cuadricula
from .codigos import Nivel, clave_orden, lineamiento_de, objetivo_de, servicio_de
from .errores import ErrorSeguimiento
from .indice import indice_de_grupos
from .modelo import (
    Alerta,
    Avance,
    Categoria,
    Indicador,
    Indice,
    Informe,
    Lineamiento,
    Objetivo,
    ResultadoIndicador,
    Servicio,
    TipoAlerta,
)
from .narrativa import (
    inconsistentes_por_objetivo,
    parrafo_objetivo,
    parrafo_sintesis,
    tendencias_por_objetivo,
)
from .parametros import PARAMETROS, Parametros
from .situacion import situacion
from .tabla import Tabla, leer_tabla
from .textos import oracion
from .valores import VACIO

HOJA_ALERTAS = "Alertas"


def analizar_libro(
    hojas: Iterable[tuple[str, Cuadricula]], parametros: Parametros = PARAMETROS, anio: int | None = None
) -> Informe:
    """Analiza la primera hoja (sin contar «Alertas») que tiene la tabla de seguimiento."""
    revisadas = []
    for nombre, cuadricula in hojas:
        if nombre.casefold() == HOJA_ALERTAS.casefold():
            continue
        revisadas.append(nombre)
        tabla = leer_tabla(cuadricula, nombre, anio)
        if tabla is not None:
            return analizar(tabla, parametros)
    raise ErrorSeguimiento(
        "No se encontró la tabla de seguimiento: ninguna hoja ("
        + ", ".join(f"«{h}»" for h in revisadas)
        + ") tiene una fila de encabezados con «Código» y «Valores obtenidos»."
    )


def analizar(tabla: Tabla, parametros: Parametros = PARAMETROS) -> Informe:
    """Calcula avances, índices, categorías, alertas y narrativa de una tabla leída."""
    anio = tabla.anio
    resultados, objetivos, indice = _calculo(tabla, anio, parametros)
    series = _series(tabla, parametros, (resultados, objetivos, indice))
    cat = categoria(indice.valor, parametros)
    alertas = ordenar(
        [
            *(a for r in resultados for a in alertas_indicador(r, anio, parametros)),
            *(
                a
                for r in resultados
                for a in alertas_tendencia(r, series.get(r.indicador.codigo, {}), anio, parametros)
            ),
            *(a for o in objetivos for s in o.servicios for a in alertas_servicio(s)),
            *(a for o in objetivos for a in alertas_objetivo(o)),
            *alertas_politica(indice, cat, tabla.indice_registrado, parametros),
            *_observaciones(tabla),
        ]
    )
    inconsistentes = inconsistentes_por_objetivo(alertas)
    codigos = [r.indicador.codigo for r in resultados]
    tendencias = tendencias_por_objetivo(series, codigos, anio, parametros)
    parrafos = (
        *(
            parrafo_objetivo(o, inconsistentes.get(o.codigo, []), parametros, tendencias.get(o.codigo, []))
            for o in objetivos
        ),
        parrafo_sintesis(objetivos, indice, cat, alertas),
    )
    return Informe(
        titulo=tabla.titulo,
        hoja=tabla.hoja,
        anio=anio,
        parametros=parametros,
        objetivos=objetivos,
        indice=indice,
        categoria=cat,
        indice_registrado=tabla.indice_registrado,
        alertas=alertas,
        parrafos=parrafos,
        series=series,
    )


SIN_AVANCE = Avance(None)  # un año sin datos: no cuenta en el índice de ese año
Calculo = tuple[list[ResultadoIndicador], tuple[Objetivo, ...], Indice]


def _calculo(tabla: Tabla, anio: int, parametros: Parametros) -> Calculo:
    """Avances de los indicadores, jerarquía con sus índices e índice de la política de un año."""
    resultados = [_resultado(ind, anio, parametros) for ind in tabla.indicadores]
    objetivos = _jerarquia(resultados, tabla.nombres, parametros)
    return resultados, objetivos, indice_de_grupos(_grupos(objetivos), parametros)


def _series(tabla: Tabla, parametros: Parametros, actual: Calculo) -> dict[str, dict[int, float | None]]:
    """Avance de cada indicador e índice de cada servicio, lineamiento, objetivo y de la política ("")
    en cada año hasta el de análisis; un indicador, solo en los años en que tiene avance.

    El año de análisis ya está calculado; los anteriores reusan su jerarquía y solo cambian los avances.
    """
    resultados, objetivos, indice = actual
    niveles = _niveles(objetivos, indice)
    anteriores = sorted({a for i in tabla.indicadores for a in (*i.logros, *i.obtenidos) if a < tabla.anio})
    series: dict[str, dict[int, float | None]] = defaultdict(dict)
    for anio, del_anio in [
        *(
            (a, {r.indicador.codigo: _resultado_de(r.indicador, a, parametros) for r in resultados})
            for a in anteriores
        ),
        (tabla.anio, {r.indicador.codigo: r for r in resultados}),
    ]:
        for codigo, r in del_anio.items():
            if r.avance.valor is not None:
                series[codigo][anio] = r.avance.valor
        for codigo, grupos, del_analisis in niveles:
            if anio == tabla.anio:
                series[codigo][anio] = del_analisis.valor
            else:
                en_anio = [[del_anio[r.indicador.codigo] for r in g] for g in grupos]
                series[codigo][anio] = indice_de_grupos(en_anio, parametros).valor
    return dict(series)


GruposDeNivel = tuple[str, list[Sequence[ResultadoIndicador]], Indice]


def _niveles(objetivos: tuple[Objetivo, ...], indice: Indice) -> list[GruposDeNivel]:
    """(código, grupos con los que se calcula su índice, índice del año de análisis) de cada servicio,
    lineamiento, objetivo y de la política (""), con los mismos grupos que `_jerarquia`."""
    niveles: list[GruposDeNivel] = []
    for o in objetivos:
        niveles.append(
            (
                o.codigo,
                [*([r] for r in o.indicadores_objetivo), *(sv.indicadores for sv in o.servicios)],
                o.indice,
            )
        )
        for ln in o.lineamientos:
            niveles.append((ln.codigo, [sv.indicadores for sv in ln.servicios], ln.indice))
            niveles.extend((sv.codigo, [sv.indicadores], sv.indice) for sv in ln.servicios)
    niveles.append(("", list(_grupos(objetivos)), indice))
    return niveles


def _resultado_de(indicador: Indicador, anio: int, parametros: Parametros) -> ResultadoIndicador:
    """El resultado de un indicador en un año anterior: sin logro esperado o valor obtenido, ND sin calcular."""
    if not (indicador.logros.get(anio, VACIO).disponible and indicador.obtenidos.get(anio, VACIO).disponible):
        return ResultadoIndicador(indicador, SIN_AVANCE, Categoria.SIN_INFORMACION)
    return _resultado(indicador, anio, parametros)


def _resultado(indicador, anio: int, parametros: Parametros) -> ResultadoIndicador:
    avance = avance_indicador(indicador, anio, parametros)
    return ResultadoIndicador(indicador, avance, categoria(avance.valor, parametros))


def _jerarquia(
    resultados: list[ResultadoIndicador], nombres: dict[str, str], parametros: Parametros
) -> tuple[Objetivo, ...]:
    """Objetivos → lineamientos → servicios → indicadores, deducidos de los códigos (§1)."""
    por_servicio: dict[str, list[ResultadoIndicador]] = defaultdict(list)
    iop: dict[str, list[ResultadoIndicador]] = defaultdict(list)
    for r in resultados:
        codigo = r.indicador.codigo
        destino = servicio_de(codigo)
        if destino:
            por_servicio[destino].append(r)
        else:
            iop[objetivo_de(codigo)].append(r)
    servicios = [
        Servicio(
            c, nombres.get(c, ""), tuple(rs), indice_de_grupos([rs], parametros), situacion(rs, parametros)
        )
        for c, rs in sorted(por_servicio.items(), key=lambda par: clave_orden(par[0]))
    ]
    por_lineamiento: dict[str, list[Servicio]] = defaultdict(list)
    for s in servicios:
        por_lineamiento[lineamiento_de(s.codigo) or ""].append(s)
    por_objetivo: dict[str, list[Lineamiento]] = defaultdict(list)
    for c, ss in por_lineamiento.items():
        por_objetivo[objetivo_de(c)].append(_lineamiento(c, nombres.get(c, ""), tuple(ss), parametros))
    codigos_objetivo = sorted(set(por_objetivo) | set(iop), key=clave_orden)
    return tuple(
        _objetivo(c, nombres.get(c, ""), tuple(por_objetivo.get(c, ())), tuple(iop.get(c, ())), parametros)
        for c in codigos_objetivo
    )


def _lineamiento(
    codigo: str, nombre: str, servicios: tuple[Servicio, ...], parametros: Parametros
) -> Lineamiento:
    indice = indice_de_grupos([s.indicadores for s in servicios], parametros)
    return Lineamiento(codigo, nombre, servicios, indice, categoria(indice.valor, parametros))


def _objetivo(
    codigo: str,
    nombre: str,
    lineamientos: tuple[Lineamiento, ...],
    iop: tuple[ResultadoIndicador, ...],
    parametros: Parametros,
) -> Objetivo:
    grupos = [*([r] for r in iop), *(s.indicadores for ln in lineamientos for s in ln.servicios)]
    indice = indice_de_grupos(grupos, parametros)
    return Objetivo(codigo, nombre, lineamientos, iop, indice, categoria(indice.valor, parametros))


def _grupos(objetivos: Iterable[Objetivo]) -> list[tuple[ResultadoIndicador, ...]]:
    return [
        *((r,) for o in objetivos for r in o.indicadores_objetivo),
        *(s.indicadores for o in objetivos for s in o.servicios),
    ]


def _observaciones(tabla: Tabla) -> list[Alerta]:
    return [
        Alerta(
            Nivel.INDICADOR,
            o.codigo,
            TipoAlerta.INCONSISTENCIA,
            oracion(f"Inconsistencia: {o.mensaje}"),
            celda=o.celda,
        )
        for o in tabla.observaciones
    ]
