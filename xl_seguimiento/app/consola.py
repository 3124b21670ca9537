"""Lo que la línea de comandos imprime sobrevive a cualquier página de códigos.

Windows escribe una salida redirigida (`> resumen.txt`) en la página ANSI (cp1252) y la consola
en español usa la OEM (cp850): a ninguna le caben «✓» y a cp850 tampoco «—». Un carácter que
la página no tiene se cambia por un equivalente ASCII («✓» → «OK», «—» → «-», «é» → «e» si
faltara); los que sí tiene (á, ñ, «, ») salen tal cual. El JSON sale con escapes \\uXXXX
si la salida no es Unicode: el mismo documento, sin perder un carácter.
"""

import codecs
import json
import os
import sys
import unicodedata
from io import TextIOWrapper

MANEJADOR = "xl_seguimiento_ascii"
EQUIVALENTES = {
    "✓": "OK", "✗": "ERROR", "—": "-", "–": "-", "…": "...", "→": "->",
    "“": '"', "”": '"', "‘": "'", "’": "'", "×": "x", "≤": "<=", "≥": ">=",
}  # fmt: skip


def _equivalente(caracter: str) -> str:
    """El equivalente ASCII de un carácter: el de la tabla, la letra sin tilde o «?»."""
    if caracter in EQUIVALENTES:
        return EQUIVALENTES[caracter]
    sin_marcas = unicodedata.normalize("NFKD", caracter).encode("ascii", "ignore").decode("ascii")
    return sin_marcas or "?"


def _reemplazar(error: UnicodeError) -> tuple[str, int]:
    """Manejador de errores de codificación (`codecs.register_error`): solo para escribir."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    texto = error.object[error.start : error.end]
    return "".join(map(_equivalente, texto)), error.end


codecs.register_error(MANEJADOR, _reemplazar)


def preparar() -> None:
    """La salida estándar y la de errores cambian lo que su página de códigos no tiene, sin fallar."""
    for flujo in (sys.stdout, sys.stderr):
        if isinstance(flujo, TextIOWrapper):
            flujo.reconfigure(errors=MANEJADOR)


def imprimir(texto: str) -> None:
    """`texto` en la salida estándar. Si quien la leía ya la cerró (`| more`, `| findstr`), lo que
    falta se descarta y la orden sigue: sus errores y su código de salida no dependen de la tubería."""
    try:
        print(texto)
    except BrokenPipeError:
        descartar_salida()


def descartar_salida() -> None:
    """Lo que quede por imprimir va a ningún lado: quien leía la salida estándar ya la cerró.

    Sin esto, Python vuelve a fallar al vaciar la salida cuando termina (BrokenPipeError).
    """
    try:
        salida = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # sin salida (pythonw) o no es un archivo: nada que vaciar
        return
    nulo = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nulo, salida)
    os.close(nulo)  # la salida ya apunta a él


def json_para_la_salida(documento: object) -> str:
    """El documento como JSON: con sus caracteres si la salida es Unicode; si no, con escapes."""
    codificacion = getattr(sys.stdout, "encoding", None) or "ascii"
    unicode = codecs.lookup(codificacion).name.startswith("utf")
    return json.dumps(documento, ensure_ascii=not unicode, indent=2)
