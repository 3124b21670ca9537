"""Compresión de MS-OVBA (2.4.1): el contenedor en que se guardan el código y el flujo `dir`.

El contenedor es la firma 0x01 seguida de trozos de hasta 4096 bytes descomprimidos. Cada trozo
lleva una cabecera de 2 bytes y secuencias de un byte de banderas y ocho fichas: un literal o una
copia (distancia y largo) dentro del mismo trozo. Un trozo que no se achica va sin comprimir
(4096 bytes, rellenados con ceros si es el último, como manda la especificación).
"""

__all__ = ["comprimir"]

TAMANO_TROZO = 4096
FIRMA_CONTENEDOR = b"\x01"
FIRMA_TROZO = 0b011 << 12
TROZO_COMPRIMIDO = 0x8000
LARGO_MINIMO = 3
CANDIDATOS_MAXIMOS = 64  # posiciones anteriores que se prueban por prefijo (solo afecta la razón)


def comprimir(datos: bytes) -> bytes:
    """Contenedor comprimido de `datos` (MS-OVBA 2.4.1.3.6); el mismo contenido da los mismos bytes."""
    trozos = [datos[i : i + TAMANO_TROZO] for i in range(0, len(datos), TAMANO_TROZO)]
    return FIRMA_CONTENEDOR + b"".join(map(_trozo, trozos))


def _trozo(datos: bytes) -> bytes:
    fichas = _fichas(datos)
    if len(fichas) <= TAMANO_TROZO:
        return (TROZO_COMPRIMIDO | FIRMA_TROZO | (len(fichas) + 2 - 3)).to_bytes(2, "little") + fichas
    crudo = datos.ljust(TAMANO_TROZO, b"\x00")  # 2.4.1.3.10: un trozo crudo siempre lleva 4096 bytes
    return (FIRMA_TROZO | (TAMANO_TROZO - 1)).to_bytes(2, "little") + crudo


def _fichas(datos: bytes) -> bytes:
    """Secuencias de banderas y fichas de un trozo (2.4.1.3.8)."""
    salida = bytearray()
    vistos: dict[bytes, list[int]] = {}
    posicion = 0
    while posicion < len(datos):
        banderas = 0
        indice_banderas = len(salida)
        salida.append(0)
        for bit in range(8):
            if posicion >= len(datos):
                break
            distancia, largo = _coincidencia(datos, posicion, vistos)
            if largo >= LARGO_MINIMO:
                salida += _ficha_copia(posicion, distancia, largo).to_bytes(2, "little")
                banderas |= 1 << bit
            else:
                largo = 1
                salida.append(datos[posicion])
            for paso in range(posicion, posicion + largo):
                vistos.setdefault(datos[paso : paso + LARGO_MINIMO], []).append(paso)
            posicion += largo
        salida[indice_banderas] = banderas
    return bytes(salida)


def _coincidencia(datos: bytes, posicion: int, vistos: dict[bytes, list[int]]) -> tuple[int, int]:
    """La copia más larga de lo ya visto en el trozo que empieza en `posicion`: (distancia, largo)."""
    maximo = min(_largo_maximo(posicion), len(datos) - posicion)
    mejor_distancia, mejor_largo = 0, 0
    for previa in reversed(vistos.get(datos[posicion : posicion + LARGO_MINIMO], ())[-CANDIDATOS_MAXIMOS:]):
        largo = 0
        while largo < maximo and datos[previa + largo] == datos[posicion + largo]:
            largo += 1
        if largo > mejor_largo:
            mejor_distancia, mejor_largo = posicion - previa, largo
            if largo == maximo:
                break
    return mejor_distancia, mejor_largo


def _bits_distancia(posicion: int) -> int:
    """Bits de la distancia en una ficha de copia, según lo ya descomprimido del trozo (2.4.1.3.19.1)."""
    return max((posicion - 1).bit_length(), 4)


def _largo_maximo(posicion: int) -> int:
    return (0xFFFF >> _bits_distancia(posicion)) + LARGO_MINIMO


def _ficha_copia(posicion: int, distancia: int, largo: int) -> int:
    bits = _bits_distancia(posicion)
    return ((distancia - 1) << (16 - bits)) | (largo - LARGO_MINIMO)
