"""Si un texto es imprimible (`str.isprintable`), revisado de una pasada por sus bytes.

Hoja del árbol, solo con la biblioteca estándar: la usan la lectura de la tabla y los escapes de XML
(`xlsx.opc.xml_seguro`), que revisan columnas enteras unidas en un solo texto.
"""

_IMPRIMIBLES_LATIN1 = bytes(b for b in range(256) if chr(b).isprintable())


def imprimible(texto: str) -> bool:
    """`texto.isprintable()`. Un texto que cabe en Latin-1 (lo común en castellano) se revisa en sus
    bytes: quitar los imprimibles con `bytes.translate` cuesta la mitad o menos que `isprintable`."""
    try:
        octetos = texto.encode("latin-1")
    except UnicodeEncodeError:
        return texto.isprintable()
    return not octetos.translate(None, _IMPRIMIBLES_LATIN1)
