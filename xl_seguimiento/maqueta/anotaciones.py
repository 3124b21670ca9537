"""Lo que el usuario escribe junto a cada alerta (justificación, medida, responsable, plazo, estado).

Se lee de la hoja «Alertas» que se va a reemplazar (como cuadrícula de valores) y se vuelve a
poner junto a su alerta, que se reconoce por (Código, Tipo de alerta, Año de análisis) y, si hay
varias iguales, por su orden. Lo escrito que ya no corresponde a ninguna alerta pasa a la sección
«Justificaciones de alertas que ya no aparecen»: nada de lo escrito se pierde.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..nucleo.celdas import Cuadricula
from ..nucleo.modelo import Informe
from .columnas import COLUMNAS_DETALLE, COLUMNAS_HUERFANAS, COLUMNAS_USUARIO, ETIQUETA_ANIO, SIN_CODIGO

__all__ = [
    "Anotacion",
    "Conciliacion",
    "conciliar",
    "leer_anotaciones",
]

Valores = tuple[object, ...]  # una celda por columna de usuario
VACIAS: Valores = ("",) * len(COLUMNAS_USUARIO)


class Anotacion(NamedTuple):
    """Lo escrito para una alerta: su clave (código, tipo, año, orden entre iguales) y los valores."""

    codigo: str
    tipo: str  # la etiqueta que muestra la hoja («Bajo avance»)
    anio: int | None
    orden: int
    valores: Valores

    @property
    def clave(self) -> tuple[str, str, int | None, int]:
        return (self.codigo, self.tipo, self.anio, self.orden)


class Conciliacion(NamedTuple):
    """Los valores de usuario de cada alerta del informe (en su orden) y lo que ya no tiene alerta."""

    por_alerta: tuple[Valores, ...]
    huerfanas: tuple[Anotacion, ...]

    @property
    def sin_justificar(self) -> int:
        if nada_escrito(self.por_alerta):  # lo usual
            return len(self.por_alerta)
        return sum(1 for valores in self.por_alerta if _vacio(valores[0]))


def nada_escrito(por_alerta: Sequence[Valores]) -> bool:
    """Si el usuario no escribió nada junto a ninguna alerta (sin recorrerlas en Python)."""
    return por_alerta.count(VACIAS) == len(por_alerta)


def leer_anotaciones(cuadricula: Cuadricula) -> list[Anotacion]:
    """Lo escrito en una hoja «Alertas» anterior: en la tabla de detalle y en la sección de las que ya no aparecen."""
    anio = _anio(cuadricula)
    leidas: list[Anotacion] = []
    encabezado_detalle = (*COLUMNAS_DETALLE, *COLUMNAS_USUARIO)
    for i, fila in enumerate(cuadricula):
        textos = tuple(str(c).strip() for c in fila)
        if textos[: len(encabezado_detalle)] == encabezado_detalle:
            filas = _filas_bajo(cuadricula, i)
            primera = len(COLUMNAS_DETALLE)
            leidas.extend(_numeradas((str(f[1]), str(f[4]), anio, _valores(f, primera)) for f in filas))
        elif textos[: len(COLUMNAS_HUERFANAS)] == COLUMNAS_HUERFANAS:
            filas = _filas_bajo(cuadricula, i)
            leidas.extend(_numeradas((str(f[0]), str(f[1]), _entero(f[2]), _valores(f, 3)) for f in filas))
    return [a for a in leidas if not all(_vacio(v) for v in a.valores)]


def conciliar(informe: Informe, previas: Iterable[Anotacion]) -> Conciliacion:
    """Pone cada anotación junto a su alerta; las demás (y las repetidas con otro texto) quedan aparte."""
    por_clave: dict[tuple[str, str, int | None, int], Anotacion] = {}
    aparte: list[Anotacion] = []
    for anotacion in previas:
        existente = por_clave.get(anotacion.clave)
        if existente is None:
            por_clave[anotacion.clave] = anotacion
        elif existente.valores != anotacion.valores and anotacion not in aparte:
            aparte.append(anotacion)  # otra fuente escribió otra cosa: no se pierde
    if not por_clave:  # nada escrito antes: ninguna alerta tiene anotación
        return Conciliacion((VACIAS,) * len(informe.alertas), ())
    vistas: Counter[tuple[str, str]] = Counter()
    por_alerta = []
    for alerta in informe.alertas:
        codigo, tipo = alerta.codigo or SIN_CODIGO, alerta.tipo.etiqueta
        clave = (codigo, tipo, informe.anio, vistas[(codigo, tipo)])
        vistas[(codigo, tipo)] += 1
        por_alerta.append(por_clave.pop(clave).valores if clave in por_clave else VACIAS)
    return Conciliacion(tuple(por_alerta), tuple([*por_clave.values(), *aparte]))


def _anio(cuadricula: Cuadricula) -> int | None:
    for fila in cuadricula:
        if fila and str(fila[0]).strip() == ETIQUETA_ANIO:
            return next((_entero(v) for v in fila[1:] if not _vacio(v)), None)
    return None


def _filas_bajo(cuadricula: Cuadricula, encabezado: int) -> list[Sequence[object]]:
    """Las filas de una tabla, desde la siguiente al encabezado hasta la primera vacía."""
    filas: list[Sequence[object]] = []
    for fila in cuadricula[encabezado + 1 :]:
        if all(_vacio(c) for c in fila):
            break
        filas.append(list(fila))
    return filas


def _numeradas(filas: Iterable[tuple[str, str, int | None, Valores]]) -> list[Anotacion]:
    """Las anotaciones con su orden entre las de igual (código, tipo, año)."""
    vistas: Counter[tuple[str, str, int | None]] = Counter()
    resultado = []
    for codigo, tipo, anio, valores in filas:
        resultado.append(Anotacion(codigo, tipo, anio, vistas[(codigo, tipo, anio)], valores))
        vistas[(codigo, tipo, anio)] += 1
    return resultado


def _valores(fila: Sequence[object], desde: int) -> Valores:
    celdas = list(fila[desde : desde + len(COLUMNAS_USUARIO)])
    return tuple(celdas + [""] * (len(COLUMNAS_USUARIO) - len(celdas)))


def _entero(valor: object) -> int | None:
    try:
        return int(float(str(valor)))
    except ValueError:
        return None


def _vacio(valor: object) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())
