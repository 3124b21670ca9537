"""El consolidado del modo por lotes, como datos: el resultado de cada libro, el resumen para la
consola y las hojas del libro consolidado («Consolidado» y «Alertas»).

Maqueta pura (no lee ni escribe archivos): el modo por lotes (`lote`) reparte los libros entre procesos y escribe estas maquetas.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..nucleo.modelo import Informe, TipoAlerta
from ..nucleo.motor import HOJA_ALERTAS
from ..nucleo.textos import un_decimal
from .anotaciones import Conciliacion
from .columnas import COLUMNAS_DETALLE, COLUMNAS_USUARIO
from .hoja import (
    VACIA,
    Celda,
    Columna,
    Columnas,
    Fila,
    Filas,
    Maqueta,
    altos_de_bloque,
    altos_de_filas,
    encabezado,
    numero_o_nd,
)
from .hoja_alertas import ANCHOS, SIN_ALERTAS, bloque_detalle
from .presentacion import HOJAS_ESCRITAS, documento_json

HOJA_CONSOLIDADO = "Consolidado"
COLUMNAS_CONSOLIDADO = (
    "Archivo", "Política", "Año", "Índice de gestión", "Con dato", "Total", "Categoría",
    *(t.etiqueta for t in TipoAlerta), "Estado",
)  # fmt: skip
ANCHO_ARCHIVO = 28
ANCHOS_CONSOLIDADO = (ANCHO_ARCHIVO, 50, 8, 18, 10, 10, 14, *(16 for _ in TipoAlerta), 60)
COLUMNAS_ALERTAS = ("Archivo", *COLUMNAS_DETALLE, *COLUMNAS_USUARIO)
ANCHOS_ALERTAS = (ANCHO_ARCHIVO, *ANCHOS)
CORRECTO = "OK"
SIN_CUENTAS = (0,) * len(TipoAlerta)


@dataclass(frozen=True)
class ResultadoLibro:
    """Lo que vuelve de procesar un libro: su resumen y sus alertas, o su error."""

    archivo: str
    salida: str = ""
    error: str = ""
    titulo: str = ""
    anio: int | None = None
    indice: float | None = None
    con_dato: int = 0
    total: int = 0
    categoria: str = ""
    # Las filas de sus alertas en la hoja «Alertas» del consolidado, armadas en el proceso del libro:
    # columnas de valores simples, que viajan rápido entre procesos; el proceso principal solo las junta.
    alertas: Columnas = field(default_factory=lambda: Columnas(()))
    altos: dict[int, float] = field(
        default_factory=dict
    )  # los de sus filas que no caben en una línea, desde 0
    cuentas: tuple[int, ...] = SIN_CUENTAS  # cuántas alertas de cada tipo, en el orden de TipoAlerta
    avisos: tuple[str, ...] = ()  # los de la lectura (encabezados de año que no se pudieron usar)
    documento: dict | None = None  # el de --json, solo si se pidió

    def documento_json(self) -> dict:
        if self.error:
            return {"archivo": self.archivo, "estado": "error", "error": self.error}
        return {"archivo": self.archivo, "estado": "ok", "salida": self.salida, **(self.documento or {})}


def resultado_libro(
    archivo: str, salida: str, informe: Informe, conciliacion: Conciliacion, con_documento: bool
) -> ResultadoLibro:
    """El resultado de un libro analizado y escrito en `salida`, con lo que el usuario escribió."""
    alertas = filas_de_alertas(archivo, informe, conciliacion)
    return ResultadoLibro(
        archivo=archivo,
        salida=salida,
        titulo=informe.titulo,
        anio=informe.anio,
        indice=informe.indice.valor,
        con_dato=informe.indice.con_dato,
        total=informe.indice.total,
        categoria=str(informe.categoria),
        avisos=informe.avisos,
        alertas=alertas,
        altos=altos_de_bloque(alertas, ANCHOS_ALERTAS),
        cuentas=tuple(map(informe.alertas_por_tipo().__getitem__, TipoAlerta)),
        documento=documento_json(informe, conciliacion) if con_documento else None,
    )


def resumen_lote(resultados: list[ResultadoLibro], consolidado: Path) -> str:
    """Resumen para la consola: una línea por política, totales por tipo y dónde quedó el consolidado."""
    lineas = []
    for r in resultados:
        if r.error:
            lineas.append(f"✗ {Path(r.archivo).name}: {r.error}")
        else:
            lineas.append(
                f"✓ {Path(r.archivo).name}: índice {un_decimal(r.indice)} "
                f"(calculado con {r.con_dato} de {r.total} indicadores), {r.categoria}"
            )
            lineas.extend(f"  Aviso: {aviso}" for aviso in r.avisos)
    totales = [sum(cuentas) for cuentas in zip(SIN_CUENTAS, *(r.cuentas for r in resultados), strict=True)]
    correctos = sum(1 for r in resultados if not r.error)
    lineas.append(f"Libros procesados: {correctos} de {len(resultados)}")
    if correctos:
        lineas.append(f"{HOJAS_ESCRITAS} {_donde(resultados)}")
    lineas.append(
        "Alertas: " + ", ".join(f"{t.etiqueta}: {n}" for t, n in zip(TipoAlerta, totales, strict=True))
    )
    lineas.append(f"Consolidado escrito en: {consolidado}")
    return "\n".join(lineas)


def _donde(resultados: list[ResultadoLibro]) -> str:
    """Dónde quedaron las hojas de los libros procesados: en cada libro (--en-sitio) o en su copia."""
    if all(r.salida == r.archivo for r in resultados if not r.error):
        return "en cada libro procesado (copiado antes a LIBRO.respaldo.xlsx)"
    return "en la copia de cada libro procesado (LIBRO_alertas.xlsx, a su lado)"


def maquetas_consolidado(resultados: list[ResultadoLibro]) -> tuple[Maqueta, Maqueta]:
    """Las hojas del libro consolidado: una fila por libro, y todas las alertas con su archivo."""
    por_libro = [encabezado(COLUMNAS_CONSOLIDADO), *map(_fila_libro, resultados)]
    cabeza: list[Fila] = [encabezado(COLUMNAS_ALERTAS)]
    con_alertas = [r for r in resultados if len(r.alertas)]
    if not con_alertas:
        cabeza.append((Celda("—"), *SIN_ALERTAS))
    alertas = Filas(tuple(cabeza), *(r.alertas for r in con_alertas))
    altos = tuple(sorted(_altos(cabeza, con_alertas).items()))
    return (
        Maqueta(HOJA_CONSOLIDADO, tuple(por_libro), 1, len(por_libro), "TablaConsolidado", ANCHOS_CONSOLIDADO),
        Maqueta(HOJA_ALERTAS, alertas, 1, len(alertas), "TablaAlertasConsolidadas", ANCHOS_ALERTAS, altos=altos),
    )  # fmt: skip


def _altos(cabeza: list[Fila], con_alertas: list[ResultadoLibro]) -> dict[int, float]:
    """Los altos de la hoja «Alertas»: los de `cabeza` y, debajo, los que trae cada libro (calculados en
    su proceso), corridos a su primera fila."""
    altos = altos_de_filas(Filas(tuple(cabeza)), ANCHOS_ALERTAS)
    inicio = len(cabeza) + 1
    for r in con_alertas:
        altos.update((inicio + i, alto) for i, alto in r.altos.items())
        inicio += len(r.alertas)
    return altos


def filas_de_alertas(archivo: str, informe: Informe, conciliacion: Conciliacion) -> Columnas:
    """Las filas de las alertas de un libro en la hoja «Alertas» del consolidado (con su archivo y lo
    escrito junto a cada una), como columnas."""
    bloque = bloque_detalle(informe.alertas, conciliacion.por_alerta)
    if not len(bloque):
        return bloque
    return Columnas((Columna([Path(archivo).name] * len(bloque), ""), *bloque.columnas))


def _fila_libro(r: ResultadoLibro) -> Fila:
    """Índice, cobertura, categoría y alertas por tipo de un libro; un libro con error, solo su error."""
    nombre = Celda(Path(r.archivo).name)
    if r.error:
        return (nombre, *(VACIA for _ in COLUMNAS_CONSOLIDADO[1:-1]), Celda(r.error))
    return (
        nombre,
        Celda(r.titulo),
        Celda(r.anio),
        numero_o_nd(r.indice),
        Celda(r.con_dato),
        Celda(r.total),
        Celda(r.categoria),
        *map(Celda, r.cuentas),
        Celda(CORRECTO),
    )
