"""La jerarquía por códigos (METODOLOGÍA §1) y sus índices de cada año, por columnas.

Objetivos → lineamientos → servicios → indicadores se deducen de los códigos una vez (`arbol`);
`Niveles` dice a qué servicio, lineamiento y objetivo pertenece cada indicador, y con eso el
índice de todos los niveles de un año sale de la regla de `indice` en una pasada. Núcleo puro.
"""

from collections import defaultdict
from itertools import compress, islice, repeat
from typing import NamedTuple

import numpy as np

from .categorias import CATEGORIAS, codigos_categoria
from .codigos import lineamiento_de, objetivo_de, servicios_de
from .indice import Columna, Enteros, a_indices, indices_por_grupo
from .modelo import Indice, Lineamiento, Objetivo, ResultadoIndicador, Servicio, Situacion
from .orden import en_orden
from .parametros import Parametros, Ponderacion

__all__ = [
    "POLITICA",
    "SERVICIO",
    "Arbol",
    "IndicesDeNiveles",
    "Niveles",
    "Serie",
    "arbol",
    "jerarquia",
    "series_por_anio",
]

Serie = dict[str, dict[int, float | None]]

# Los cuatro niveles con índice, cada uno con sus propios números de grupo.
SERVICIO, LINEAMIENTO, OBJETIVO, POLITICA = range(4)
Arbol = list[tuple[str, list[int], list[tuple[str, list[tuple[str, list[int]]]]]]]
IndicesDeNiveles = list[tuple[Columna, Enteros, Enteros]]


def arbol(codigos: list[str]) -> Arbol:
    """(objetivo, posiciones de sus IOP, [(lineamiento, [(servicio, posiciones de sus indicadores)])]),
    deducidos de los códigos (§1), en el orden natural de los códigos."""
    por_servicio: dict[str, list[int]] = defaultdict(list)
    iop: dict[str, list[int]] = defaultdict(list)
    for posicion, (codigo, destino) in enumerate(zip(codigos, servicios_de(codigos), strict=True)):
        if destino:
            por_servicio[destino].append(posicion)
        else:
            iop[objetivo_de(codigo)].append(posicion)
    por_lineamiento: dict[str, list[tuple[str, list[int]]]] = defaultdict(list)
    for servicio in en_orden(list(por_servicio)):
        por_lineamiento[lineamiento_de(servicio) or ""].append((servicio, por_servicio[servicio]))
    por_objetivo: dict[str, list[tuple[str, list[tuple[str, list[int]]]]]] = defaultdict(list)
    for lineamiento, servicios in por_lineamiento.items():
        por_objetivo[objetivo_de(lineamiento)].append((lineamiento, servicios))
    return [
        (o, iop.get(o, []), por_objetivo.get(o, []))
        for o in en_orden(list(dict.fromkeys([*por_objetivo, *iop])))
    ]


class Niveles(NamedTuple):
    """Cómo se agrupan los avances en cada nivel, por columnas.

    `orden`: posiciones de los indicadores en el orden en que se suman (los IOP de cada objetivo y
    luego los indicadores de cada servicio); `grupo`: el grupo de cada uno (un IOP solo, o su
    servicio). Por nivel (SERVICIO…POLITICA): el número del nivel de cada indicador y de cada grupo
    (-1 si no pertenece) y cuántos hay. `codigos`: (código, nivel, número) en el orden de la serie.
    """

    orden: Enteros
    grupo: Enteros
    por_indicador: list[Enteros]
    por_grupo: list[Enteros]
    cantidad: list[int]
    codigos: list[tuple[str, int, int]]
    pesos: Columna | None
    parametros: Parametros

    @classmethod
    def de(cls, arbol: Arbol, relevancias: list[float], parametros: Parametros) -> "Niveles":
        """Los números de grupo y de nivel de cada indicador, del árbol de códigos (una vez por libro)."""
        grupos = [[p] for _, iop, _ in arbol for p in iop] + [
            posiciones for _, _, lns in arbol for _, servicios in lns for _, posiciones in servicios
        ]
        niveles_de_grupo = [(-1, -1, o, 0) for o, (_, iop, _) in enumerate(arbol) for _ in iop]
        # Cada objetivo, sus lineamientos y tras cada uno sus servicios; la política al final.
        codigos: list[tuple[str, int, int]] = []
        cuenta = [0, 0, 0, 1]
        for o, (codigo_o, _, lineamientos) in enumerate(arbol):
            codigos.append((codigo_o, OBJETIVO, o))
            for codigo_ln, servicios in lineamientos:
                codigos.append((codigo_ln, LINEAMIENTO, cuenta[LINEAMIENTO]))
                for codigo_s, _ in servicios:
                    codigos.append((codigo_s, SERVICIO, cuenta[SERVICIO]))
                    niveles_de_grupo.append((cuenta[SERVICIO], cuenta[LINEAMIENTO], o, 0))
                    cuenta[SERVICIO] += 1
                cuenta[LINEAMIENTO] += 1
        cuenta[OBJETIVO] = len(arbol)
        codigos.append(("", POLITICA, 0))
        por_grupo = np.array(niveles_de_grupo, dtype=np.intp).reshape(-1, 4)
        tamanos = np.array([len(g) for g in grupos], dtype=np.intp)
        orden = np.array([p for g in grupos for p in g], dtype=np.intp)
        grupo = np.repeat(np.arange(len(grupos), dtype=np.intp), tamanos)
        pesos = None
        if parametros.ponderacion is Ponderacion.RELEVANCIA:
            pesos = np.array(relevancias, dtype=np.float64)[orden]
        return cls(
            orden,
            grupo,
            [por_grupo[grupo, k] for k in range(4)],
            [por_grupo[:, k] for k in range(4)],
            cuenta,
            codigos,
            pesos,
            parametros,
        )

    def indices(self, columnas: list[Columna]) -> list[IndicesDeNiveles]:
        """(índices, con dato, total) de cada nivel en cada año, con los avances de cada año (una
        columna por año; NaN = ND). Todos los años de una vez: uno tras otro, cada uno con sus
        propios números de grupo (la suma de cada grupo no cambia de orden)."""
        anios, tope = len(columnas), self.parametros.tope
        ordenados = np.stack(columnas)[:, self.orden]  # una fila por año
        medias = None
        if self.parametros.ponderacion is Ponderacion.SERVICIO:
            grupos = len(self.por_grupo[0])
            medias = indices_por_grupo(
                ordenados.ravel(), _de_cada_anio(self.grupo, grupos, anios), grupos * anios, tope
            )[0]
            medias = medias.reshape(anios, grupos)
        por_nivel = []
        for nivel in range(4):
            dentro, cantidad = self.por_indicador[nivel] >= 0, self.cantidad[nivel]
            pesos = None if self.pesos is None else np.tile(self.pesos[dentro], anios)
            grupos_de_nivel = _de_cada_anio(self.por_indicador[nivel][dentro], cantidad, anios)
            valor, con_dato, total = indices_por_grupo(
                ordenados[:, dentro].ravel(), grupos_de_nivel, cantidad * anios, tope, pesos
            )
            if medias is not None:  # promedio de los índices de sus servicios (o IOP)
                de_nivel = self.por_grupo[nivel] >= 0
                grupos_de_nivel = _de_cada_anio(self.por_grupo[nivel][de_nivel], cantidad, anios)
                valor = indices_por_grupo(
                    medias[:, de_nivel].ravel(), grupos_de_nivel, cantidad * anios, tope
                )[0]
            por_nivel.append([columna.reshape(anios, cantidad) for columna in (valor, con_dato, total)])
        return [
            [(valor[a], con_dato[a], total[a]) for valor, con_dato, total in por_nivel] for a in range(anios)
        ]


def _de_cada_anio(grupos: Enteros, cantidad: int, anios: int) -> Enteros:
    """Los números de grupo repetidos para cada año, los del año `a` corridos en `a` × `cantidad`."""
    return (grupos + (np.arange(anios) * cantidad)[:, np.newaxis]).ravel()


def series_por_anio(
    codigos: list[str],
    anios: list[int],
    columnas: list[Columna],
    niveles: Niveles,
    indices: list[IndicesDeNiveles],
) -> Serie:
    """Avance de cada indicador e índice de cada servicio, lineamiento, objetivo y de la política ("")
    en cada año; un indicador, solo en los años en que tiene avance (y sin serie si no tiene ninguno)."""
    matriz = np.column_stack(columnas)  # una fila por indicador, una columna por año
    con_avance = ~np.isnan(matriz)
    filas = matriz.tolist()
    del_indicador = _por_anio(anios, filas)
    for k in np.flatnonzero(~con_avance.all(axis=1)).tolist():  # algún año sin avance (NaN): no va
        del_indicador[k] = {a: v for a, v in zip(anios, filas[k], strict=True) if v == v}
    con_alguno: list[bool] = np.any(con_avance, axis=1).tolist()  # sin ningún avance, sin serie
    series: Serie = dict(compress(zip(codigos, del_indicador, strict=True), con_alguno))
    # Los grupos de los cuatro niveles juntos, nivel tras nivel: el de `nivel` empieza en desde[nivel].
    de_grupos = _por_anio(
        anios, _sin_nan([np.concatenate([v for v, _, _ in del_anio]) for del_anio in indices])
    )
    desde = np.cumsum([0, *niveles.cantidad[:-1]]).tolist()
    series.update([(codigo, de_grupos[desde[nivel] + k]) for codigo, nivel, k in niveles.codigos])
    return series


def _sin_nan(por_anio: list[Columna]) -> list[list[float | None]]:
    """Los valores de cada grupo en cada año (una columna por año), con None donde son NaN."""
    matriz = np.column_stack(por_anio)
    objetos = matriz.astype(object)
    objetos[np.isnan(matriz)] = None
    return objetos.tolist()


def _por_anio(anios: list[int], filas: list[list[float | None]]) -> list[dict[int, float | None]]:
    """Cada fila (un valor por año de `anios`) como {año: valor}."""
    return list(map(dict, map(zip, repeat(anios), filas)))


def jerarquia(
    arbol: Arbol,
    resultados: list[ResultadoIndicador],
    nombres: dict[str, str],
    indices: IndicesDeNiveles,
    situaciones: list[Situacion],
    parametros: Parametros,
) -> tuple[Objetivo, ...]:
    """Objetivos → lineamientos → servicios → indicadores, con los índices del año de análisis y la
    situación de cada servicio (en el orden de `Niveles`)."""
    categorias = [codigos_categoria(valores, parametros).tolist() for valores, _, _ in indices]
    de_nivel = [a_indices(*del_nivel) for del_nivel in indices]
    servicios = iter(_servicios(arbol, resultados, nombres, de_nivel[SERVICIO], situaciones))
    del_arbol = (lineamiento for _, _, lineamientos in arbol for lineamiento in lineamientos)
    lineamientos = iter(
        [
            Lineamiento(
                codigo,
                nombres.get(codigo, ""),
                tuple(islice(servicios, len(de_lineamiento))),
                indice,
                CATEGORIAS[categoria],
            )
            for (codigo, de_lineamiento), indice, categoria in zip(
                del_arbol, de_nivel[LINEAMIENTO], categorias[LINEAMIENTO], strict=True
            )
        ]
    )
    return tuple(
        Objetivo(
            codigo,
            nombres.get(codigo, ""),
            tuple(islice(lineamientos, len(de_objetivo))),
            tuple([resultados[p] for p in iop]),
            de_nivel[OBJETIVO][o],
            CATEGORIAS[categorias[OBJETIVO][o]],
        )
        for o, (codigo, iop, de_objetivo) in enumerate(arbol)
    )


def _servicios(
    arbol: Arbol,
    resultados: list[ResultadoIndicador],
    nombres: dict[str, str],
    indices: list[Indice],
    situaciones: list[Situacion],
) -> list[Servicio]:
    """Todos los servicios en el orden del árbol (el de `Niveles`), de una vez."""
    del_arbol = [
        servicio for _, _, lineamientos in arbol for _, servicios in lineamientos for servicio in servicios
    ]
    codigos = [codigo for codigo, _ in del_arbol]
    return list(
        map(
            Servicio,
            codigos,
            [nombres.get(codigo, "") for codigo in codigos],
            [tuple([resultados[p] for p in posiciones]) for _, posiciones in del_arbol],
            indices,
            situaciones,
        )
    )
