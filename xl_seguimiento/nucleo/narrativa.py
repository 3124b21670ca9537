"""Narrativa de ALERTAS IDENTIFICADAS: un párrafo por objetivo y una síntesis, al estilo del reporte."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from .alertas import Tendencia
from .codigos import nombre_corto, numero_objetivo, objetivo_de
from .modelo import Alerta, Categoria, Indice, Objetivo, TipoAlerta, servicios_con_alertas
from .parametros import Parametros
from .situacion import ORDEN_TIPOS, con, tipo_de_avance
from .textos import enumerar, estado_indice, un_decimal

CIERRE_OBJETIVO = (
    "Estas situaciones podrían afectar el cumplimiento del objetivo y requieren revisión técnica."
)
CIERRE_POLITICA = (
    "Estas situaciones requieren revisión técnica, reformulación de servicios y fortalecimiento "
    "de los mecanismos de reporte y planificación."
)
SINTESIS_POR_TIPO = {
    TipoAlerta.BAJO_AVANCE: "indicadores de avance bajo",
    TipoAlerta.SIN_INFORMACION: "ausencia de información",
    TipoAlerta.AVANCE_ATIPICO: "posibles errores de planeamiento por avances atípicamente altos",
}


def parrafo_objetivo(
    objetivo: Objetivo, inconsistentes: Sequence[str], parametros: Parametros, tendencias: Sequence[str] = ()
) -> str:
    """'OP 01: El objetivo prioritario 1 presenta un avance intermedio (...); los servicios ... '.

    `inconsistentes`: códigos del objetivo con alertas de inconsistencia, en orden; `tendencias`:
    las cláusulas de retroceso y de bajo avance persistente de sus indicadores.
    """
    numero = numero_objetivo(objetivo.codigo)
    estado = estado_indice(objetivo.indice, objetivo.categoria)
    cabeza = f"OP {numero:02d}: El objetivo prioritario {numero} {estado}"
    clausulas = _clausulas_servicios(objetivo) + _clausulas_iop(objetivo, parametros)
    if (
        not clausulas
        and not inconsistentes
        and not tendencias
        and objetivo.categoria in (Categoria.INTERMEDIO, Categoria.ALTO)
    ):
        return f"{cabeza}; sus servicios no presentan alertas."
    texto = "; ".join([cabeza, *clausulas[:-1]]) + (f"; y {clausulas[-1]}" if clausulas else "") + "."
    if inconsistentes:
        texto += f" Además, hay inconsistencias de datos en {_indicadores(inconsistentes)}."
    if tendencias:
        texto += f" Frente al año anterior, {enumerar(list(tendencias))}."
    return f"{texto} {CIERRE_OBJETIVO}"


def tendencias_por_objetivo(
    marcados: Iterable[tuple[int, Tendencia]], codigos: Sequence[str]
) -> dict[str, list[str]]:
    """Cláusulas de tendencia por objetivo: «el indicador X retrocede de 100.0 a 62.0» y los de bajo
    avance persistente juntos, en el orden de `codigos` (los indicadores; `marcados`, de
    `alertas.marcadas`, por posición)."""
    retrocesos: dict[str, list[str]] = defaultdict(list)
    persistentes: dict[str, list[str]] = defaultdict(list)
    for k, t in marcados:
        codigo = codigos[k]
        if t.retrocede:
            retrocesos[objetivo_de(codigo)].append(
                f"el indicador {codigo} retrocede de {un_decimal(t.previo)} a {un_decimal(t.ahora)}"
            )
        if t.persistente:
            persistentes[objetivo_de(codigo)].append(codigo)
    resultado: dict[str, list[str]] = defaultdict(list)
    for objetivo in {*retrocesos, *persistentes}:
        resultado[objetivo].extend(retrocesos[objetivo])
        if persistentes[objetivo]:
            verbo = "mantiene" if len(persistentes[objetivo]) == 1 else "mantienen"
            resultado[objetivo].append(
                f"{_indicadores(persistentes[objetivo])} {verbo} un avance bajo por segundo año"
            )
    return dict(resultado)


def parrafo_sintesis(
    objetivos: Sequence[Objetivo], indice: Indice, categoria: Categoria, alertas: Sequence[Alerta]
) -> str:
    """Síntesis de la política: índice, servicios por tipo de alerta e inconsistencias."""
    texto = f"La política nacional {estado_indice(indice, categoria)}."
    listas = []
    con_alertas = servicios_con_alertas(objetivos)
    for tipo in ORDEN_TIPOS:
        codigos = [nombre_corto(s.codigo) for s in con_alertas if tipo in s.situacion.tipos]
        if codigos:
            listas.append(f"{SINTESIS_POR_TIPO[tipo]} ({enumerar(codigos)})")
    if listas:
        texto += f" Se han identificado servicios con {enumerar(listas)}."
    inconsistencias = [a for a in alertas if a.tipo is TipoAlerta.INCONSISTENCIA]
    if inconsistencias:
        cuantas = len(inconsistencias)
        texto += (
            f" Se registran {cuantas} alertas de inconsistencia de datos, que deben corregirse en el libro."
        )
    if not listas and not inconsistencias:
        return f"{texto} No se identifican alertas."
    return f"{texto} {CIERRE_POLITICA}"


def _clausulas_servicios(objetivo: Objetivo) -> list[str]:
    """Servicios agrupados por la misma situación, en el orden de sus códigos."""
    grupos: dict[str, tuple[str, list[str]]] = {}
    for servicio in servicios_con_alertas((objetivo,)):
        frase = servicio.situacion
        grupos.setdefault(frase.singular, (frase.plural, []))[1].append(nombre_corto(servicio.codigo))
    clausulas = []
    for singular, (plural, codigos) in grupos.items():
        if len(codigos) == 1:
            clausulas.append(f"el servicio {codigos[0]} {singular}")
        else:
            clausulas.append(f"los servicios {enumerar(codigos)} {plural}")
    return clausulas


def _clausulas_iop(objetivo: Objetivo, parametros: Parametros) -> list[str]:
    return [
        f"el indicador de objetivo {r.indicador.codigo} se encuentra {con(tipo, parametros)}"
        for r in objetivo.indicadores_objetivo
        if (tipo := tipo_de_avance(r)) is not None
    ]


def inconsistentes_por_objetivo(alertas: Sequence[Alerta]) -> dict[str, list[str]]:
    """Códigos con alertas de inconsistencia agrupados por su objetivo prioritario, sin repetir."""
    grupos: dict[str, dict[str, None]] = defaultdict(dict)
    for a in alertas:
        if a.tipo is TipoAlerta.INCONSISTENCIA and a.codigo:
            grupos[objetivo_de(a.codigo)][a.codigo] = None
    return {objetivo: list(codigos) for objetivo, codigos in grupos.items()}


def _indicadores(codigos: Sequence[str]) -> str:
    return f"el indicador {codigos[0]}" if len(codigos) == 1 else f"los indicadores {enumerar(codigos)}"
