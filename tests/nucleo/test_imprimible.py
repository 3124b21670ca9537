"""`imprimible`: lo mismo que `str.isprintable`, revisado por bytes en Latin-1."""

from hypothesis import given, settings
from hypothesis import strategies as st

from xl_seguimiento.nucleo.imprimible import imprimible


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" aé|_\t\x00\x7f\x85\xa0\xad\xff\u0100\u2003\u200b", max_size=8))
def test_imprimible_como_isprintable(texto):
    assert imprimible(texto) == texto.isprintable()


def test_cada_caracter_latin1_y_algunos_mas():
    """Los 256 de Latin-1 (los controles C0 y C1, el espacio duro y el guion blando no son
    imprimibles) y los de más allá, que van por `isprintable`."""
    assert [imprimible(chr(c)) for c in range(0x300)] == [chr(c).isprintable() for c in range(0x300)]
    assert not imprimible("a\x85b") and not imprimible("\xa0") and not imprimible("\xad")
    assert imprimible("Avance Tipo 1 (%): ñandú") and imprimible("")
