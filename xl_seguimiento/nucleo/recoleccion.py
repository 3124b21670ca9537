"""El recolector de ciclos de Python, en pausa mientras el núcleo crea sus objetos.

Leer la tabla y analizarla crea cientos de miles de objetos que viven hasta el final (un
indicador, su resultado, sus alertas), y ninguno forma ciclos. Con el recolector activo, cada
tantos objetos nuevos recorre de nuevo todos los vivos, la cuadrícula del libro incluida: a
100 000 indicadores, más de un tercio del tiempo de la lectura y el cálculo. Pausado, los objetos
se liberan igual (al perder su última referencia); solo la basura con ciclos espera a que vuelva.

La línea de órdenes lo pausa en toda la corrida; la lectura y el análisis lo pausan además por su
cuenta, para quien llega sin ella: el botón de Excel, la API y los procesos del lote en Windows
(que arrancan con spawn y el recolector activo).
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["sin_recoleccion"]


@contextmanager
def sin_recoleccion() -> Iterator[None]:
    """Pausa el recolector de ciclos y lo deja como estaba al salir (aunque salga con un error).

    Sirve también de decorador; anidado, solo el de afuera lo vuelve a activar.
    """
    activo = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if activo:
            gc.enable()
