"""Reemplazar «Alertas» y «Tablero» en Excel en vivo: todo o nada, y solo las hojas nuestras.

Antes de cambiar nada se revisa el libro (estructura y hojas protegidas, hojas de gráfico con esos
nombres, hojas del mismo nombre que no escribimos). Las hojas nuevas se arman con nombres
temporales; cada cambio anota cómo deshacerse. Solo con las dos completas se apartan las
anteriores (se renombran), las nuevas toman su nombre y al final las anteriores se borran en una
sola llamada. Un error en cualquier paso deshace lo hecho: el libro queda como estaba.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..maqueta.propias import HOJAS_PROPIAS, MARCA, es_propia, mensaje_hoja_ajena
from ..nucleo.celdas import Cuadricula
from ..nucleo.errores import ErrorSeguimiento

VALOR_MARCA = '="xl-seguimiento"'


@dataclass
class Deshacer:
    """Los cambios hechos al libro, cada uno con la llamada que lo deshace."""

    pasos: list[Callable[[], object]] = field(default_factory=list)

    def anotar(self, deshacer: Callable[[], object]) -> None:
        self.pasos.append(deshacer)

    def revertir(self) -> None:
        """Deshace en orden inverso; un paso que falla no impide los demás."""
        for paso in reversed(self.pasos):
            try:
                paso()
            except Exception:  # se sigue: el libro, lo más cerca posible de como estaba
                continue
        self.pasos.clear()


@dataclass(frozen=True)
class Escritura:
    """Una hoja por escribir: su nombre final, el de su tabla y cómo llenarla (hoja, tabla)."""

    nombre: str
    tabla: str
    llenar: Callable[[Any, str], None]


def comprobar_libro(libro) -> dict[str, Any]:
    """Revisa el libro antes de cambiar nada; devuelve las hojas «Alertas» y «Tablero» que existen."""
    if libro.api.ProtectStructure:
        raise ErrorSeguimiento(
            "La estructura del libro está protegida (Revisar › Proteger libro): no se pueden agregar ni "
            "reemplazar hojas. Quite la protección y vuelva a generar las alertas. No se cambió nada."
        )
    graficos = {hoja.Name.casefold(): hoja.Name for hoja in libro.api.Charts}
    for nombre in HOJAS_PROPIAS:
        if nombre.casefold() in graficos:
            raise ErrorSeguimiento(
                f"El libro tiene una hoja de gráfico llamada «{graficos[nombre.casefold()]}»: cámbiele el "
                "nombre y vuelva a generar las alertas. No se cambió nada.",
                hoja=graficos[nombre.casefold()],
            )
    por_nombre = {hoja.name.casefold(): hoja for hoja in libro.sheets}
    anteriores = {n: por_nombre[n.casefold()] for n in HOJAS_PROPIAS if n.casefold() in por_nombre}
    for hoja in anteriores.values():
        if hoja.api.ProtectContents:
            raise ErrorSeguimiento(
                f"La hoja «{hoja.name}» está protegida (Revisar › Desproteger hoja): no se puede reemplazar. "
                "Quite la protección y vuelva a generar las alertas. No se cambió nada.",
                hoja=hoja.name,
            )
    return anteriores


def comprobar_propias(anteriores: dict[str, Any], cuadriculas: dict[str, Cuadricula]) -> None:
    """Un error si una hoja «Alertas» o «Tablero» existente no la escribió xl-seguimiento."""
    for nombre, hoja in anteriores.items():
        if not es_propia(nombre, cuadriculas.get(hoja.name, ()), marcada(hoja)):
            raise ErrorSeguimiento(mensaje_hoja_ajena(hoja.name), hoja=hoja.name)


def marcada(hoja) -> bool:
    """Si la hoja lleva la marca de xl-seguimiento (un nombre definido de alcance de hoja)."""
    return any(nombre.name.rsplit("!", 1)[-1] == MARCA for nombre in hoja.names)


def reemplazar(libro, anteriores: dict[str, Any], escrituras: Sequence[Escritura]) -> list:
    """Arma las hojas nuevas con nombres temporales y, completas todas, reemplaza las anteriores."""
    deshacer = Deshacer()
    try:
        tablas = _liberar_tablas(libro, anteriores, [e.tabla for e in escrituras], deshacer)
        nuevas = [
            _armar(libro, anteriores.get(e.nombre), e, tabla, deshacer)
            for e, tabla in zip(escrituras, tablas, strict=True)
        ]
        _intercambiar(
            libro, anteriores, [(e.nombre, h) for e, h in zip(escrituras, nuevas, strict=True)], deshacer
        )
        if anteriores:  # el último paso, el único que no se deshace: las dos a la vez o ninguna
            libro.api.Sheets(tuple(h.name for h in anteriores.values())).Delete()
    except BaseException:
        deshacer.revertir()
        raise
    return nuevas


def nombre_libre(deseado: str, ocupados: Iterable[str], separador: str = " ") -> str:
    """`deseado` o, si ya está (sin distinguir mayúsculas), `deseado 2`, `deseado 3`…"""
    tomados = {n.casefold() for n in ocupados}
    candidato, numero = deseado, 1
    while candidato.casefold() in tomados:
        numero += 1
        candidato = f"{deseado}{separador}{numero}"
    return candidato


def _nombres_de_hojas(libro) -> list[str]:
    """Todas las hojas, también las de gráfico (libro.sheets solo lista las de cálculo)."""
    return [hoja.Name for hoja in libro.api.Sheets]


def _liberar_tablas(libro, anteriores: dict[str, Any], deseadas: list[str], deshacer: Deshacer) -> list[str]:
    """Un nombre libre para cada tabla nueva; la tabla de una hoja anterior nuestra cede el suyo."""
    propias = {id(h) for h in anteriores.values()}
    de_otras: list[Any] = []
    de_anteriores: list[Any] = []
    for hoja in libro.sheets:
        (de_anteriores if id(hoja) in propias else de_otras).extend(hoja.tables)
    nombres = [nombre_libre(d, [t.name for t in de_otras], separador="") for d in deseadas]
    ocupados = [t.name for t in (*de_otras, *de_anteriores)] + nombres
    for tabla in de_anteriores:
        if tabla.name.casefold() in {n.casefold() for n in nombres}:
            original = tabla.name
            tabla.name = nombre_libre(f"{original}Anterior", ocupados, separador="")
            ocupados.append(tabla.name)
            deshacer.anotar(_devolver_nombre(tabla, original))
    return nombres


def _armar(libro, anterior, escritura: Escritura, tabla: str, deshacer: Deshacer):
    """La hoja nueva, con nombre temporal, junto a la anterior (o al final) y con la marca."""
    temporal = nombre_libre(f"{escritura.nombre} (nueva)", _nombres_de_hojas(libro))
    if anterior is not None:
        hoja = libro.sheets.add(temporal, before=anterior)
    else:
        hoja = libro.sheets.add(temporal, after=list(libro.sheets)[-1])
    deshacer.anotar(hoja.delete)
    escritura.llenar(hoja, tabla)
    hoja.names.add(MARCA, VALOR_MARCA)
    return hoja


def _intercambiar(
    libro, anteriores: dict[str, Any], nuevas: list[tuple[str, Any]], deshacer: Deshacer
) -> None:
    """Las anteriores se apartan con otro nombre y las nuevas toman el suyo (todo se puede deshacer)."""
    for nombre, hoja in anteriores.items():
        _renombrar(hoja, nombre_libre(f"{nombre} (anterior)", _nombres_de_hojas(libro)), deshacer)
    for nombre, hoja in nuevas:
        _renombrar(hoja, nombre, deshacer)


def _renombrar(hoja, nombre: str, deshacer: Deshacer) -> None:
    original = hoja.name
    hoja.name = nombre
    deshacer.anotar(_devolver_nombre(hoja, original))


def _devolver_nombre(objeto: Any, nombre: str) -> Callable[[], None]:
    """La llamada que devuelve a una hoja o tabla su nombre anterior."""
    return lambda: setattr(objeto, "name", nombre)
