"""Procesar un libro de principio a fin: leer, seguir (`maqueta.seguimiento`) y escribir.

Es el trabajo que hacen la orden de un libro, cada proceso del modo por lotes, la API y el
reporte. El libro de entrada se valida y se abre con python-calamine una vez (`LibroAbierto`);
su hoja «Alertas» anterior se lee de ese mismo libro abierto, solo si la tiene. La copia se escribe
de una pasada (`Edicion`).
"""

import shutil
import stat
from pathlib import Path

from ..maqueta.anotaciones import Anotacion, leer_anotaciones
from ..maqueta.propias import comprobar_hojas_propias, es_tabla_del_tablero
from ..maqueta.seguimiento import Seguimiento, seguir
from ..maqueta.tablero import HOJA_TABLERO
from ..nucleo.celdas import Cuadricula
from ..nucleo.errores import ErrorSeguimiento
from ..nucleo.motor import HOJA_ALERTAS
from ..nucleo.parametros import PARAMETROS, Parametros
from ..xlsx.escritura.dibujo import dibujar
from ..xlsx.escritura.edicion import Edicion
from ..xlsx.lectura.calamine import LibroAbierto
from ..xlsx.lectura.tablas_hoja import tablas_de_hoja
from ..xlsx.opc.atomico import escritura_atomica, revisar_destino
from .nombres import libro_previo, respaldo, salida_por_omision


def procesar_libro(
    libro: Path,
    destino: Path,
    parametros: Parametros = PARAMETROS,
    anio: int | None = None,
    desde: Path | None = None,
    entrada: LibroAbierto | None = None,
) -> Seguimiento:
    """Analiza `libro`, escribe la copia con las hojas «Alertas» y «Tablero» en `destino` y devuelve el
    seguimiento (el informe, la conciliación y las maquetas ya armadas).

    Lo que el usuario escribió en las columnas suyas de una hoja «Alertas» anterior se conserva: se
    lee de `desde`, de `destino` si ya existe y de la del propio libro, en ese orden, mientras otro
    hilo lee la tabla. Si `destino` es el mismo libro, antes guarda LIBRO.respaldo.xlsx. Los errores
    nombran el archivo. `entrada`: el libro ya abierto (quizá con su lectura empezada: `empezar`).
    Antes de leer nada se revisa que `destino` (y el respaldo) se puedan reemplazar.
    """
    en_sitio = destino.resolve() == libro.resolve()
    revisar_destino(destino)
    if en_sitio:
        revisar_destino(respaldo(libro))
    entrada = entrada or LibroAbierto(libro).empezar()
    seguimiento = seguir_libro(entrada, destino, parametros, anio, desde)
    if destino.suffix.lower() != libro.suffix.lower():
        raise ErrorSeguimiento(
            f"La salida «{destino}» debe tener la misma extensión que el libro de entrada ({libro.suffix}).",
            archivo=destino,
        )
    comprobar_tablero_propio(entrada)
    entrada.cerrar()  # todo lo que había que leer del libro ya se leyó
    if en_sitio:
        guardar_respaldo(libro)
    with Edicion.de_archivo(libro) as edicion:  # ya validado al abrirlo
        edicion.agregar_hoja(seguimiento.alertas)
        edicion.agregar_hoja(seguimiento.tablero.hoja, dibujar(seguimiento.tablero))
        edicion.guardar(destino)
    return seguimiento


def guardar_respaldo(libro: Path) -> None:
    """Copia `libro` a LIBRO.respaldo.xlsx, con sus permisos y su fecha, como toda escritura: atómica."""
    with escritura_atomica(respaldo(libro), stat.S_IMODE(libro.stat().st_mode)) as temporal:
        shutil.copy2(libro, temporal)


def previo_de_un_libro(desde: Path | None, libro: Path) -> Path | None:
    """El libro de --desde para un solo libro: el archivo dado o, en una carpeta, su LIBRO_alertas.xlsx."""
    if desde is None or desde.is_file():
        return desde
    if not desde.exists():
        raise ErrorSeguimiento(
            f"No existe «{desde}», el libro (o la carpeta) de --desde de donde traer las columnas del usuario.",
            archivo=desde,
        )
    previo = libro_previo(desde, libro)
    if previo is None:
        raise ErrorSeguimiento(
            f"En la carpeta «{desde}» de --desde no está «{salida_por_omision(libro).name}», la salida "
            f"anterior de «{libro.name}».",
            archivo=desde,
        )
    return previo


def seguir_libro(
    entrada: LibroAbierto,
    salida: Path,
    parametros: Parametros = PARAMETROS,
    anio: int | None = None,
    desde: Path | None = None,
    reemplaza: bool = True,
) -> Seguimiento:
    """El seguimiento del libro abierto con lo escrito antes por el usuario, sin escribir nada.

    `reemplaza`: quien llama va a reemplazar las hojas «Alertas» y «Tablero» del libro (el reporte, no).

    Lo escrito se lee de `desde` (un libro, o la carpeta con su salida anterior), de `salida` (la
    hoja «Alertas» que se va a reemplazar, o la de la última ejecución) y del propio libro, en ese
    orden. Los errores nombran el archivo.
    """
    desde = previo_de_un_libro(desde, entrada.ruta)  # una carpeta: la salida anterior de este libro
    hojas = entrada.hojas()  # si la lectura ya empezó, la primera hoja se lee mientras tanto
    previas = anotaciones_previas(entrada, salida, desde, reemplaza)
    try:
        return seguir(hojas, previas, parametros, anio, entrada.ruta.name)
    except ErrorSeguimiento as error:
        if error.archivo is not None:
            raise
        raise error.en_archivo(entrada.ruta) from error


def anotaciones_previas(
    entrada: LibroAbierto, destino: Path, desde: Path | None, reemplaza: bool = True
) -> list[Anotacion]:
    """Lo escrito en las hojas «Alertas» de `desde`, de la salida que se va a reemplazar y del libro.

    Cada archivo se lee una vez, aunque `desde` sea la misma salida o el mismo libro; el libro de
    entrada, del que ya está abierto. `reemplaza`: la hoja «Alertas» del libro se va a reemplazar,
    así que antes se revisa que sea nuestra (el reporte no reemplaza nada).
    """
    libro = entrada.ruta
    # Cada ruta se resuelve una vez (en Windows, abrir el archivo; aquí, un lstat por carpeta).
    resueltas = {ruta: ruta.resolve() for ruta in (desde, destino, libro) if ruta is not None}
    candidatas = [desde] if desde is not None else []
    if destino.exists():
        candidatas.append(destino)
    candidatas.append(libro)
    fuentes: dict[Path, Path] = {}
    for candidata in candidatas:
        fuentes.setdefault(resueltas[candidata], candidata)
    papeles = {resueltas[libro]: "", resueltas[destino]: PAPEL_SALIDA_ANTERIOR}
    if desde is not None:
        papeles[resueltas[desde]] = PAPEL_DESDE
    anotaciones = []
    for resuelta, fuente in fuentes.items():
        es_el_libro = resuelta == resueltas[libro]
        hoja = entrada.hoja(HOJA_ALERTAS) if es_el_libro else _hoja_alertas_previa(fuente, papeles[resuelta])
        if hoja is not None:
            if es_el_libro and reemplaza:  # la que se va a reemplazar: solo si es nuestra
                _comprobar_propia(libro, HOJA_ALERTAS, hoja)
            anotaciones.extend(leer_anotaciones(hoja))
    return anotaciones


PAPEL_SALIDA_ANTERIOR = (
    "Es la salida de una ejecución anterior, de donde se traen las columnas del usuario de «Alertas»: "
    "si no la necesita, bórrela o muévala y vuelva a ejecutar."
)
PAPEL_DESDE = "Es el libro de --desde, de donde se traen las columnas del usuario de «Alertas»."


def _hoja_alertas_previa(fuente: Path, papel: str) -> Cuadricula | None:
    """La hoja «Alertas» de `fuente`; si no se puede leer, el error dice qué papel tenía ese archivo."""
    try:
        return LibroAbierto(fuente).hoja(HOJA_ALERTAS)
    except ErrorSeguimiento as error:
        if not papel:
            raise
        raise ErrorSeguimiento(f"{error} {papel}", archivo=fuente) from error


def comprobar_tablero_propio(entrada: LibroAbierto) -> None:
    """Un error que nombra el archivo si el libro tiene una hoja «Tablero» que no escribimos.

    Primero por su nombre (un libro sin «Tablero» no se vuelve a abrir), luego por su tabla de
    indicadores, sin leer las celdas; si no la tiene, por su contenido.
    """
    nombres = entrada.nombres()
    if nombres is not None and HOJA_TABLERO.casefold() not in (n.casefold() for n in nombres):
        return
    tablas = tablas_de_hoja(entrada.ruta, HOJA_TABLERO)
    if tablas is not None and any(es_tabla_del_tablero(n, c) for n, c in tablas):
        return
    hoja = entrada.hoja(HOJA_TABLERO)
    if hoja is not None:
        _comprobar_propia(entrada.ruta, HOJA_TABLERO, hoja)


def _comprobar_propia(libro: Path, nombre: str, hoja: Cuadricula) -> None:
    try:
        comprobar_hojas_propias([(nombre, hoja)])
    except ErrorSeguimiento as error:
        raise error.en_archivo(libro) from error
