"""Mensajes de argparse en español (ayuda, uso y errores de la línea de comandos).

argparse toma sus textos de gettext en el momento de usarlos; aquí se reemplaza esa función
para los textos que ve el usuario. Los no traducidos quedan como los da Python.
"""

import argparse

TRADUCCIONES = {
    "usage: ": "uso: ",
    "options": "opciones",
    "positional arguments": "argumentos",
    "show this help message and exit": "muestra esta ayuda y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid %(type)s value: %(value)r": "valor no válido (se esperaba %(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "expected one argument": "se esperaba un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "expected at most one argument": "se esperaba a lo sumo un valor",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "one of the arguments %s is required": "se requiere uno de estos argumentos: %s",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "ignored explicit argument %r": "se ignoró el valor explícito %r",
}


def traducir(texto: str) -> str:
    return TRADUCCIONES.get(texto, texto)


def en_espanol() -> None:
    """Activa los mensajes en español de argparse en este proceso."""
    argparse._ = traducir  # type: ignore[attr-defined]  # argparse busca `_` al formatear cada mensaje
