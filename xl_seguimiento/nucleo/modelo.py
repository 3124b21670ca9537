"""Dominio del seguimiento: indicadores leídos, sus resultados, la jerarquía y las alertas.

Registros con `slots` y sin `frozen`: se crean cientos de miles por libro y `frozen` multiplica
por ocho lo que cuesta crear uno (2 µs con 13 campos, medido). El núcleo nunca los modifica
después de crearlos: cada función devuelve registros nuevos.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter
from typing import TYPE_CHECKING

from .codigos import Nivel
from .errores import ErrorSeguimiento
from .parametros import Parametros
from .valores import Valor

if TYPE_CHECKING:
    import pandas


class Regla(StrEnum):
    """Cómo se compara el valor obtenido con el logro esperado (METODOLOGÍA §3)."""

    ASCENDENTE = "ascendente"
    DESCENDENTE = "descendente"
    MINIMO_PERMISIBLE = "mínimo permisible"
    MAXIMO_PERMISIBLE = "máximo permisible"


# Reglas con cociente y sentido (las de estándar solo dicen si cumple): el acumulado suma su serie
# y la auditoría compara su sentido con la tendencia de los logros esperados.
REGLAS_CON_SENTIDO = frozenset({Regla.ASCENDENTE, Regla.DESCENDENTE})


class TipoAlerta(StrEnum):
    """Tipos de alerta (METODOLOGÍA §5), con su nombre visible en `etiqueta`."""

    BAJO_AVANCE = "bajo_avance"
    SIN_INFORMACION = "sin_informacion"
    AVANCE_ATIPICO = "avance_atipico"
    INCONSISTENCIA = "inconsistencia"
    RETROCESO = "retroceso"
    BAJO_PERSISTENTE = "bajo_persistente"

    @property
    def etiqueta(self) -> str:
        return _ETIQUETAS_TIPO[self]


_ETIQUETAS_TIPO = {
    TipoAlerta.BAJO_AVANCE: "Bajo avance",
    TipoAlerta.SIN_INFORMACION: "Sin información",
    TipoAlerta.AVANCE_ATIPICO: "Avance atípico",
    TipoAlerta.INCONSISTENCIA: "Inconsistencia",
    TipoAlerta.RETROCESO: "Retroceso",
    TipoAlerta.BAJO_PERSISTENTE: "Bajo avance persistente",
}


class Categoria(StrEnum):
    """Categoría de un avance o índice (METODOLOGÍA §5)."""

    BAJO = "Bajo"
    INTERMEDIO = "Intermedio"
    ALTO = "Alto"
    ATIPICO = "Atípico"
    SIN_INFORMACION = "Sin información"


_PORCENTAJE = attrgetter("porcentaje")


@dataclass(slots=True)
class CeldaExtra:
    """Celda con valor en una columna sin encabezado (fila desalineada)."""

    referencia: str
    valor: Valor


@dataclass(slots=True)
class Indicador:
    """Un indicador tal como lo trae el libro, con valores por año ya leídos (§2)."""

    codigo: str
    denominacion: str
    responsable: str
    celda: str  # celda del código en la hoja de origen ('B12')
    regla: Regla | None
    acumulado: bool = False
    problema_regla: str = ""  # por qué no se reconoció el sentido o estándar
    logros: dict[int, Valor] = field(default_factory=dict)
    obtenidos: dict[int, Valor] = field(default_factory=dict)
    avance_registrado: Valor | None = None
    celda_avance_registrado: str = ""
    extras: tuple[CeldaExtra, ...] = ()
    relevancia: float = 1.0
    linea_base: Valor | None = None  # el valor de la línea base, si el libro la trae (no entra en el avance)

    @property
    def es_porcentaje(self) -> bool:
        """Indicador de porcentaje: así se denomina o alguno de sus valores trae '%'."""
        return (
            any(map(_PORCENTAJE, self.logros.values()))
            or any(map(_PORCENTAJE, self.obtenidos.values()))
            or self.denominacion.strip().lower().startswith("porcentaje")
        )


@dataclass(slots=True)
class Avance:
    """Avance Tipo 1 en puntos porcentuales; si no se calcula, `sin_calculo` y `motivo` dicen por qué."""

    valor: float | None
    sin_calculo: TipoAlerta | None = None
    motivo: str = ""


@dataclass(slots=True)
class Indice:
    """Índice de gestión con su cobertura: calculado con `con_dato` de `total` indicadores."""

    valor: float | None
    con_dato: int
    total: int

    @property
    def cobertura(self) -> str:
        return f"calculado con {self.con_dato} de {self.total} indicadores"


@dataclass(slots=True)
class ResultadoIndicador:
    indicador: Indicador
    avance: Avance
    categoria: Categoria


@dataclass(slots=True)
class Situacion:
    """Frase de la situación de un grupo de indicadores, con el verbo en singular y plural."""

    singular: str
    plural: str
    tipos: tuple[TipoAlerta, ...]  # tipos de alerta de avance presentes, en el orden de las frases

    @property
    def vacia(self) -> bool:
        return not self.tipos


@dataclass(slots=True)
class Servicio:
    codigo: str
    denominacion: str
    indicadores: tuple[ResultadoIndicador, ...]
    indice: Indice
    situacion: Situacion  # se redacta una vez: la usan la alerta del servicio y la narrativa


@dataclass(slots=True)
class Lineamiento:
    codigo: str
    denominacion: str
    servicios: tuple[Servicio, ...]
    indice: Indice
    categoria: Categoria


@dataclass(slots=True)
class Objetivo:
    codigo: str
    denominacion: str
    lineamientos: tuple[Lineamiento, ...]
    indicadores_objetivo: tuple[ResultadoIndicador, ...]  # los IOP
    indice: Indice
    categoria: Categoria

    @property
    def servicios(self) -> tuple[Servicio, ...]:
        return tuple(s for ln in self.lineamientos for s in ln.servicios)


def servicios_con_alertas(objetivos: Iterable[Objetivo]) -> list[Servicio]:
    """Los servicios con algún indicador con alerta de avance (su situación no está vacía), en orden."""
    return [s for o in objetivos for ln in o.lineamientos for s in ln.servicios if not s.situacion.vacia]


@dataclass(slots=True)
class Alerta:
    """Una alerta: nivel, código, tipo y un mensaje determinista en español."""

    nivel: Nivel
    codigo: str
    tipo: TipoAlerta
    mensaje: str
    denominacion: str = ""
    responsable: str = ""
    avance: float | None = None
    celda: str = ""  # celda de origen en la hoja de seguimiento, para el vínculo


@dataclass(slots=True)
class IndiceRegistrado:
    """El índice de la política que el libro declara, y dónde."""

    valor: Valor
    celda: str


@dataclass(slots=True)
class Informe:
    """Todo lo calculado para una política en un año de análisis."""

    titulo: str
    hoja: str
    anio: int
    parametros: Parametros
    objetivos: tuple[Objetivo, ...]
    indice: Indice
    categoria: Categoria
    indice_registrado: IndiceRegistrado | None
    alertas: tuple[Alerta, ...]
    parrafos: tuple[str, ...]
    # Avance (indicadores) o índice (servicios, objetivos y la política, con código "") por año.
    series: dict[str, dict[int, float | None]] = field(default_factory=dict)
    # Lo que la lectura de la tabla no pudo usar (encabezados de año ilegibles o repetidos): también
    # son alertas de inconsistencia de la política; el resumen de la consola las muestra una por una.
    avisos: tuple[str, ...] = ()

    @property
    def indicadores(self) -> tuple[ResultadoIndicador, ...]:
        return tuple(
            r
            for o in self.objetivos
            for r in (*o.indicadores_objetivo, *(r for s in o.servicios for r in s.indicadores))
        )

    def alertas_por_tipo(self) -> Counter["TipoAlerta"]:
        """Cuántas alertas hay de cada tipo (un tipo sin alertas cuenta 0)."""
        return Counter(a.tipo for a in self.alertas)

    def filas_indicadores(self) -> list[dict[str, object]]:
        """Una fila por indicador (columnas de `a_dataframe`): jerarquía, datos, valores por año y resultado.

        Los valores por año son números o None (ND); «LE 2024» es el logro esperado y «VO 2024» el
        valor obtenido. «Alertas» lista los tipos de alerta del indicador, separados por «; ».
        """
        tipos: dict[str, list[str]] = {}
        for alerta in self.alertas:
            if alerta.nivel is Nivel.INDICADOR:
                tipos.setdefault(alerta.codigo, []).append(alerta.tipo.etiqueta)
        anios = sorted({a for r in self.indicadores for a in (*r.indicador.logros, *r.indicador.obtenidos)})
        filas: list[dict[str, object]] = []
        for objetivo in self.objetivos:
            ubicados = [("", "", r) for r in objetivo.indicadores_objetivo] + [
                (ln.codigo, s.codigo, r)
                for ln in objetivo.lineamientos
                for s in ln.servicios
                for r in s.indicadores
            ]
            for lineamiento, servicio, r in ubicados:
                i = r.indicador
                filas.append(
                    {
                        "Código": i.codigo,
                        "Objetivo": objetivo.codigo,
                        "Lineamiento": lineamiento,
                        "Servicio": servicio,
                        "Denominación": i.denominacion,
                        "Responsable": i.responsable,
                        "Sentido": str(i.regla) if i.regla else "",
                        **{f"LE {a}": i.logros[a].numero if a in i.logros else None for a in anios},
                        **{f"VO {a}": i.obtenidos[a].numero if a in i.obtenidos else None for a in anios},
                        "Avance Tipo 1 (%)": r.avance.valor,
                        "Categoría": str(r.categoria),
                        "Alertas": "; ".join(dict.fromkeys(tipos.get(i.codigo, []))),
                    }
                )
        return filas

    def a_dataframe(self) -> "pandas.DataFrame":
        """Los indicadores como un DataFrame de pandas, uno por fila e indexado por código.

        Requiere pandas (el extra opcional `[pandas]` de la rueda o de una copia del proyecto).
        """
        try:
            import pandas
        except ImportError as error:
            raise ErrorSeguimiento(
                "a_dataframe() necesita pandas: instálelo con «py -m pip install pandas» "
                "(«python3 -m pip install pandas» en Linux o Mac)."
            ) from error
        return pandas.DataFrame(self.filas_indicadores()).set_index("Código")
