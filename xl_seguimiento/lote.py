"""Modo por lotes: muchos libros en procesos paralelos, un libro que falla no detiene a los demás,
y un resumen consolidado (consola y libro) para la oficina central de planeamiento."""

import os
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .archivos import EXTENSIONES
from .atomico import escritura_atomica
from .errores import ErrorSeguimiento
from .modelo import TipoAlerta
from .parametros import Parametros
from .procesar import SUFIJO_RESPALDO, SUFIJO_SALIDA
from .textos import parece_formula, un_decimal

Aviso = Callable[[int, int, str], None]
CONSOLIDADO = "consolidado_alertas.xlsx"  # nombre por omisión del libro consolidado
COLUMNAS_CONSOLIDADO = (
    "Archivo", "Política", "Año", "Índice de gestión", "Con dato", "Total", "Categoría",
    *(t.etiqueta for t in TipoAlerta), "Estado",
)  # fmt: skip
COLUMNAS_ALERTAS = ("Archivo", "Nivel", "Código", "Tipo de alerta", "Avance Tipo 1 (%)", "Detalle")


@dataclass(frozen=True)
class ResultadoLibro:
    """Lo que vuelve de procesar un libro: su resumen, sus alertas, o su error."""

    archivo: str
    salida: str = ""
    error: str = ""
    titulo: str = ""
    anio: int | None = None
    indice: float | None = None
    con_dato: int = 0
    total: int = 0
    categoria: str = ""
    cuentas: dict[str, int] = field(default_factory=dict)
    alertas: tuple[tuple[str, str, str, float | None, str], ...] = ()  # nivel, código, tipo, avance, detalle
    documento: dict | None = None

    def documento_json(self) -> dict:
        if self.error:
            return {"archivo": self.archivo, "estado": "error", "error": self.error}
        return {"archivo": self.archivo, "estado": "ok", "salida": self.salida, **(self.documento or {})}


def buscar_libros(rutas: list[Path]) -> list[Path]:
    """Los libros a procesar: los archivos dados y los .xlsx/.xlsm de cada carpeta (sin los generados)."""
    libros: list[Path] = []
    for ruta in rutas:
        if ruta.is_dir():
            libros.extend(sorted(p for p in ruta.iterdir() if p.is_file() and _es_libro_de_usuario(p)))
        else:
            libros.append(ruta)
    if not libros:
        nombres = ", ".join(f"«{r}»" for r in rutas)
        raise ErrorSeguimiento(f"No hay libros .xlsx o .xlsm que procesar en {nombres}.")
    return libros


def _es_libro_de_usuario(ruta: Path) -> bool:
    nombre = ruta.name
    generado = (
        ruta.stem.endswith(SUFIJO_SALIDA) or SUFIJO_RESPALDO in nombre or nombre.startswith(("~$", "."))
    )
    return ruta.suffix.lower() in EXTENSIONES and not generado and nombre != CONSOLIDADO


def procesar_lote(
    libros: list[Path],
    parametros: Parametros,
    anio: int | None,
    en_sitio: bool,
    procesos: int | None,
    avisar: Aviso,
) -> list[ResultadoLibro]:
    """Procesa cada libro en un proceso aparte; devuelve los resultados en el orden de `libros`."""
    trabajadores = max(1, min(procesos or os.cpu_count() or 1, len(libros)))
    resultados: dict[int, ResultadoLibro] = {}
    with ProcessPoolExecutor(max_workers=trabajadores) as grupo:
        futuros = {
            grupo.submit(procesar_uno, libro, parametros, anio, en_sitio): i for i, libro in enumerate(libros)
        }
        for hechos, futuro in enumerate(as_completed(futuros), start=1):
            i = futuros[futuro]
            try:
                resultados[i] = futuro.result()
            except Exception as error:  # el proceso murió: se informa y se sigue con los demás
                resultados[i] = ResultadoLibro(
                    str(libros[i]), error=f"«{libros[i]}»: fallo inesperado ({error})"
                )
            avisar(hechos, len(libros), libros[i].name)
    return [resultados[i] for i in range(len(libros))]


def procesar_uno(libro: Path, parametros: Parametros, anio: int | None, en_sitio: bool) -> ResultadoLibro:
    """El trabajo de un proceso: un libro, su hoja «Alertas» y su resumen (o su error, sin excepción)."""
    from .presentacion import documento_json
    from .procesar import procesar_libro, salida_por_omision

    destino = libro if en_sitio else salida_por_omision(libro)
    try:
        informe = procesar_libro(libro, destino, parametros, anio)
    except ErrorSeguimiento as error:
        return ResultadoLibro(str(libro), error=str(error))
    except Exception as error:  # último recurso: el lote sigue
        return ResultadoLibro(
            str(libro), error=f"«{libro}»: error inesperado ({type(error).__name__}: {error})"
        )
    return ResultadoLibro(
        archivo=str(libro),
        salida=str(destino),
        titulo=informe.titulo,
        anio=informe.anio,
        indice=informe.indice.valor,
        con_dato=informe.indice.con_dato,
        total=informe.indice.total,
        categoria=str(informe.categoria),
        cuentas=dict(Counter(str(a.tipo) for a in informe.alertas)),
        alertas=tuple((str(a.nivel), a.codigo, str(a.tipo), a.avance, a.mensaje) for a in informe.alertas),
        documento=documento_json(informe),
    )


def filas_consolidado(resultados: Iterable[ResultadoLibro]) -> list[tuple]:
    """Una fila por libro: índice, cobertura, categoría, alertas por tipo y estado."""
    return [
        (
            Path(r.archivo).name,
            r.titulo,
            r.anio,
            r.indice,
            r.con_dato,
            r.total,
            r.categoria,
            *(r.cuentas.get(str(t), 0) for t in TipoAlerta),
            r.error or "OK",
        )
        for r in resultados
    ]


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
    totales: Counter[str] = Counter()
    for r in resultados:
        totales.update(r.cuentas)
    correctos = sum(1 for r in resultados if not r.error)
    lineas.append(f"Libros procesados: {correctos} de {len(resultados)}")
    lineas.append("Alertas: " + ", ".join(f"{t.etiqueta}: {totales.get(str(t), 0)}" for t in TipoAlerta))
    lineas.append(f"Consolidado escrito en: {consolidado}")
    return "\n".join(lineas)


def escribir_consolidado(resultados: list[ResultadoLibro], destino: Path) -> None:
    """Libro nuevo con la hoja «Consolidado» (una fila por libro) y «Alertas» (todas, con su archivo)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    libro = openpyxl.Workbook(write_only=True)
    hojas = (
        (libro.create_sheet("Consolidado"), COLUMNAS_CONSOLIDADO, filas_consolidado(resultados)),
        (
            libro.create_sheet("Alertas"),
            COLUMNAS_ALERTAS,
            [(Path(r.archivo).name, *fila) for r in resultados for fila in r.alertas],
        ),
    )
    for hoja, columnas, filas in hojas:
        hoja.append(columnas)
        for fila in filas:
            hoja.append([_celda_texto(hoja, v, WriteOnlyCell) for v in fila])
    with escritura_atomica(destino) as temporal:
        libro.save(temporal)


def _celda_texto(hoja, valor, celda_solo_escritura):
    """Un texto que parece fórmula se guarda como texto, nunca como fórmula."""
    if parece_formula(valor):
        celda = celda_solo_escritura(hoja, value=valor)
        celda.data_type = "s"
        return celda
    return valor
