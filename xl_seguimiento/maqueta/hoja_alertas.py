"""Maquetación de la hoja «Alertas» como datos: filas de celdas con estilo, tabla y anchos.

Los escritores (el del archivo, en `xlsx`, y Excel en vivo con xlwings) solo traducen esta maqueta.
"""

from collections.abc import Sequence
from datetime import date, time

from ..nucleo.a1 import hoja_citada, letras_columna
from ..nucleo.codigos import Nivel
from ..nucleo.modelo import Alerta, Informe, Lineamiento, Objetivo, TipoAlerta
from ..nucleo.motor import HOJA_ALERTAS
from ..nucleo.valores import describir
from ..nucleo.version import VERSION
from .anotaciones import VACIAS, Anotacion, Conciliacion, Valores, nada_escrito
from .columnas import (
    COLUMNAS_DETALLE,
    COLUMNAS_HUERFANAS,
    COLUMNAS_USUARIO,
    ESTADOS,
    ETIQUETA_ANIO,
    SECCION_HUERFANAS,
    SIN_CODIGO,
)
from .hoja import (
    VACIA,
    Celda,
    Columna,
    Columnas,
    Fila,
    Filas,
    Maqueta,
    Validacion,
    altos_de_filas,
    columna_de_celdas,
    columna_numero_o_nd,
    encabezado,
    lineas,
    numero_o_nd,
    pagina_de_informe,
)

NOMBRE_TABLA = "TablaAlertas"
ULTIMA_COLUMNA = letras_columna(len(COLUMNAS_DETALLE) - 1)  # de la tabla de detalle y los párrafos
COLUMNAS_INDICES = ("Nivel", "Código", "Denominación", "Cobertura", "Categoría", "Índice")
# Anchos para A4 apaisado ajustado a una página de ancho (suma 212: se imprime al 70 % más o menos):
# los textos largos (Denominación, Responsable, Detalle y las columnas del usuario) van ajustados.
ANCHOS = (12, 15, 26, 16, 12, 8, 42, 26, 20, 14, 11, 10)
ETIQUETA_NIVEL = {
    Nivel.INDICADOR: "Indicador",
    Nivel.SERVICIO: "Servicio",
    Nivel.LINEAMIENTO: "Lineamiento",
    Nivel.OBJETIVO: "Objetivo prioritario",
    Nivel.POLITICA: "Política",
}
NOTA_USUARIO = (
    "Las columnas «Justificación (causas)» a «Estado» son suyas: lo que escriba ahí se conserva junto a "
    "su alerta en cada ejecución. Todo lo demás de esta hoja se regenera."
)
NOTA_HUERFANAS = (
    "Lo que se escribió para alertas que ya no aparecen (resueltas o de otro año). Se conserva aquí "
    "hasta que usted lo borre."
)
VINCULO_DEBAJO = (
    "Debajo de la tabla, desde la fila {fila}: ALERTAS IDENTIFICADAS, resumen, índices y parámetros."
)
ANCHO_PARRAFO = sum(ANCHOS[: len(COLUMNAS_DETALLE)])  # un párrafo va combinado de A a G


# Fila de la tabla de detalle cuando no hay alertas (una tabla de Excel no queda sin filas).
SIN_ALERTAS: Fila = (Celda("—"), *(VACIA for _ in COLUMNAS_DETALLE[2:]), Celda("Sin alertas"))


def maquetar(informe: Informe, archivo: str = "", conciliacion: Conciliacion | None = None) -> Maqueta:
    """La hoja «Alertas»: arriba, el título y la tabla de detalle, con su encabezado inmovilizado;
    debajo, lo escrito para alertas que ya no aparecen, ALERTAS IDENTIFICADAS, resumen y parámetros.

    `conciliacion` trae lo que el usuario había escrito junto a cada alerta y lo que ya no tiene alerta.
    """
    cabeza: list[Fila] = [
        (Celda(f"Alertas de seguimiento — {informe.titulo} — año {informe.anio}", "titulo_ajustado"),),
        (Celda(_origen(informe, archivo), "nota"),),
        (Celda(NOTA_USUARIO, "nota"),),
    ]
    fila_tabla = len(cabeza) + 2  # tras el vínculo a lo que va debajo de la tabla
    por_alerta = conciliacion.por_alerta if conciliacion else (VACIAS,) * len(informe.alertas)
    hoja = hoja_citada(informe.hoja)
    detalle: list[Sequence[Fila]] = [
        (tuple(Celda(c, "encabezado_ajustado") for c in (*COLUMNAS_DETALLE, *COLUMNAS_USUARIO)),),
        _bloque_detalle(informe.alertas, por_alerta, hoja)
        if informe.alertas
        else ((*SIN_ALERTAS, *celdas_de_usuario(VACIAS)),),
    ]
    fila_fin_tabla = fila_tabla + sum(map(len, detalle)) - 1
    # filas y primera columna del usuario de cada tabla con columnas amarillas
    entradas = [(fila_tabla + 1, fila_fin_tabla, len(COLUMNAS_DETALLE))]
    huerfanas = _huerfanas(conciliacion.huerfanas if conciliacion else (), fila_fin_tabla, entradas)
    fila_debajo = fila_fin_tabla + len(huerfanas) + 2  # tras una fila vacía
    antes: list[Fila] = [
        *cabeza,
        (
            Celda(
                VINCULO_DEBAJO.format(fila=fila_debajo),
                "enlace",
                f"{hoja_citada(HOJA_ALERTAS)}!A{fila_debajo}",
            ),
        ),
    ]
    despues: tuple[Fila, ...] = (
        *huerfanas,
        (),
        (Celda("ALERTAS IDENTIFICADAS", "seccion"),),
        *((Celda(p, "parrafo"),) for p in informe.parrafos),
        (),
    )
    resumen, indices, tipos = _resumen(informe, conciliacion)
    filas = Filas(tuple(antes), *detalle, despues, resumen, indices, (*tipos, (), *_parametros(informe)))
    altos = altos_de_filas(filas, ANCHOS)
    parrafos = [
        i for i, f in enumerate(despues, start=fila_fin_tabla + 1) if len(f) == 1 and f[0].estilo == "parrafo"
    ]
    altos.update((i, min(409.0, 15.0 * lineas(str(filas[i - 1][0].valor), ANCHO_PARRAFO))) for i in parrafos)
    # El título, combinado a todo el ancho y ajustado: uno largo no sale de la página (14 puntos: 1.4
    # veces el ancho de un carácter de 11 y líneas de 20 puntos).
    altos[1] = min(409.0, 20.0 * lineas(str(antes[0][0].valor), sum(ANCHOS) / 1.4))
    return Maqueta(
        HOJA_ALERTAS,
        filas,
        fila_tabla,
        fila_fin_tabla,
        NOMBRE_TABLA,
        ANCHOS,
        combinadas=(
            f"A1:{letras_columna(len(ANCHOS) - 1)}1",
            *(f"A{i}:{ULTIMA_COLUMNA}{i}" for i in parrafos),
        ),
        altos=tuple(sorted(altos.items())),
        validaciones=_validaciones(entradas),
        pagina=pagina_de_informe(  # inmovilizada hasta el encabezado de la tabla; impreso, se repite
            informe.titulo,
            informe.anio,
            f"A1:{letras_columna(len(ANCHOS) - 1)}{len(filas)}",
            fila_tabla,
            inmovilizar=fila_tabla + 1,
        ),
        autoajuste=(fila_tabla, fila_fin_tabla),
    )


def _bloque_detalle(alertas: Sequence[Alerta], por_alerta: Sequence[Valores], hoja: str) -> Columnas:
    """Las filas de las alertas (con lo escrito junto a cada una) como columnas; `hoja`, la de origen
    ya citada («'Matriz'»), para el vínculo de cada código."""
    vinculos = [f"{hoja}!{a.celda}" if a.celda else "" for a in alertas]
    return bloque_detalle(alertas, por_alerta, vinculos)


def bloque_detalle(
    alertas: Sequence[Alerta], por_alerta: Sequence[Valores], vinculos: Sequence[str] = ()
) -> Columnas:
    """Las filas de la tabla de detalle (los valores de cada alerta, en el orden de COLUMNAS_DETALLE, y
    lo escrito junto a ella) como columnas; `vinculos` lleva cada código a su celda de origen (sin
    ellos, ninguno lleva vínculo)."""
    if not alertas:
        return Columnas(())
    return Columnas(
        (*_columnas_detalle(alertas, vinculos or [""] * len(alertas)), *_columnas_de_usuario(por_alerta))
    )


def _columnas_detalle(alertas: Sequence[Alerta], vinculos: Sequence[str]) -> tuple[Columna, ...]:
    """Las columnas de la tabla de detalle con sus estilos, columna por columna (sin una tupla por
    alerta); `vinculos` lleva cada código a su celda de origen."""
    tipos = [_CELDA_TIPO[a.tipo] for a in alertas]
    return (
        Columna([ETIQUETA_NIVEL[a.nivel] for a in alertas], _AJUSTADO),
        Columna([a.codigo or SIN_CODIGO for a in alertas], _estilos_codigo(vinculos), vinculos),
        Columna([a.denominacion for a in alertas], _AJUSTADO),
        Columna([a.responsable for a in alertas], _AJUSTADO),
        columna_de_celdas(tipos),
        columna_numero_o_nd([a.avance for a in alertas]),
        # ajustado: el mensaje nunca se derrama en la columna del usuario
        Columna([a.mensaje for a in alertas], _AJUSTADO),
    )


def _estilos_codigo(vinculos: Sequence[str]) -> str | list[str]:
    """El del código: un vínculo, o ajustado si no lo lleva."""
    if all(vinculos):
        return _VINCULO
    return [_VINCULO if v else _AJUSTADO for v in vinculos] if any(vinculos) else _AJUSTADO


def _columnas_de_usuario(por_alerta: Sequence[Valores]) -> tuple[Columna, ...]:
    """Las columnas del usuario (`celdas_de_usuario` de cada fila); sin nada escrito, vacías con su estilo."""
    if nada_escrito(por_alerta):
        return tuple(Columna([None] * len(por_alerta), estilo) for estilo in _ESTILOS_USUARIO)
    return tuple(map(columna_de_celdas, zip(*map(celdas_de_usuario, por_alerta), strict=True)))


def _huerfanas(
    huerfanas: Sequence[Anotacion], fila_fin_tabla: int, entradas: list[tuple[int, int, int]]
) -> list[Fila]:
    """La tabla de lo escrito para alertas que ya no aparecen, tras la tabla de detalle y una fila
    vacía; agrega a `entradas` sus filas y su primera columna del usuario."""
    if not huerfanas:
        return []
    filas: list[Fila] = [(), (Celda(SECCION_HUERFANAS, "seccion"),), (Celda(NOTA_HUERFANAS, "nota"),)]
    filas.append(encabezado(COLUMNAS_HUERFANAS))
    primera = fila_fin_tabla + len(filas) + 1
    entradas.append((primera, primera + len(huerfanas) - 1, len(COLUMNAS_HUERFANAS) - len(COLUMNAS_USUARIO)))
    filas.extend(
        (Celda(h.codigo), Celda(h.tipo), Celda(h.anio), *celdas_de_usuario(h.valores)) for h in huerfanas
    )
    return filas


def celdas_de_usuario(valores: Sequence[object]) -> Fila:
    """Las celdas del usuario de una fila, con su estilo de entrada (el plazo y toda fecha, con formato de fecha)."""
    if valores is VACIAS or all(v is None or v == "" for v in valores):  # lo usual: nada escrito todavía
        return _SIN_ESCRIBIR
    return tuple(
        Celda(_celda_de_usuario(v), "entrada_fecha" if isinstance(v, date) else estilo)
        for estilo, v in zip(_ESTILOS_USUARIO, valores, strict=True)
    )


_ESTILOS_USUARIO = tuple("entrada_fecha" if c == "Plazo" else "entrada" for c in COLUMNAS_USUARIO)
_SIN_ESCRIBIR = tuple(Celda(None, estilo) for estilo in _ESTILOS_USUARIO)


def _celda_de_usuario(valor: object) -> str | float | int | date | None:
    """Lo escrito, tal como se leyó: texto (aunque empiece con «=»), número, fecha o nada."""
    if valor is None or valor == "":
        return None
    if isinstance(valor, str | float | int | date):
        return valor
    if isinstance(valor, time):  # un número en una celda con formato de fecha, leído como hora
        return (valor.hour * 3600 + valor.minute * 60 + valor.second + valor.microsecond / 1e6) / 86400
    return str(valor)


def _validaciones(entradas: list[tuple[int, int, int]]) -> tuple[Validacion, ...]:
    """Fecha en «Plazo» y lista de estados en «Estado», en las filas del usuario de cada tabla
    (`entradas`: primera fila, última fila y primera columna del usuario, desde 0)."""
    validaciones = []
    for desde, hasta, primera in entradas:
        plazo, estado = (letras_columna(primera + COLUMNAS_USUARIO.index(c)) for c in ("Plazo", "Estado"))
        validaciones.append(Validacion(f"{plazo}{desde}:{plazo}{hasta}"))
        validaciones.append(Validacion(f"{estado}{desde}:{estado}{hasta}", ESTADOS))
    return tuple(validaciones)


def _origen(informe: Informe, archivo: str) -> str:
    fuente = f"hoja «{informe.hoja}»" + (f" de {archivo}" if archivo else "")
    return f"Generado por xl-seguimiento {VERSION} a partir de la {fuente}. Se reemplaza en cada ejecución."


def _parametros(informe: Informe) -> list[Fila]:
    datos = ((ETIQUETA_ANIO, informe.anio), *informe.parametros.filas())
    return [(Celda("Parámetros", "seccion"),), *(_dato(k, Celda(v)) for k, v in datos)]


def _dato(etiqueta: str, *valores: Celda) -> Fila:
    """Etiqueta en A (se lee sobre B y C, que quedan vacías) y sus valores desde D."""
    return (Celda(etiqueta, "etiqueta"), VACIA, VACIA, *valores)


def _resumen(
    informe: Informe, conciliacion: Conciliacion | None
) -> tuple[tuple[Fila, ...], Columnas, tuple[Fila, ...]]:
    """El índice de la política, la tabla de índices por objetivo y lineamiento (un bloque de
    columnas: puede tener miles de filas) y las alertas por tipo, en tres tramos de filas."""
    registrado = informe.indice_registrado
    antes: list[Fila] = [
        (Celda("Resumen", "seccion"),),
        _dato(
            "Índice de gestión de la política",
            numero_o_nd(informe.indice.valor),
            Celda(str(informe.categoria)),
            Celda(informe.indice.cobertura),  # la última: su texto se lee sobre las vacías de al lado
        ),
    ]
    if registrado is not None:
        numero = registrado.valor.numero  # un número, como en el libro; si no lo es, el texto que trae
        celda = Celda(describir(registrado.valor)) if numero is None else numero_o_nd(numero)
        antes.append(_dato("Índice registrado en el libro", celda))
    antes.append(())
    antes.append(encabezado(COLUMNAS_INDICES))
    despues: list[Fila] = [(), (Celda("Tipo de alerta", "encabezado"), Celda("Cantidad", "encabezado"))]
    cuenta = informe.alertas_por_tipo()
    despues.extend((Celda(t.etiqueta, f"tipo:{t}"), Celda(cuenta[t])) for t in TipoAlerta)
    sin_justificar = conciliacion.sin_justificar if conciliacion else len(informe.alertas)
    despues.append((Celda("Alertas sin justificar", "etiqueta"), Celda(sin_justificar)))
    return tuple(antes), _tabla_indices(informe), tuple(despues)


def _tabla_indices(informe: Informe) -> Columnas:
    """Cada objetivo seguido de sus lineamientos, en las mismas columnas que el detalle de alertas."""
    niveles: list[Nivel] = []
    grupos: list[Objetivo | Lineamiento] = []
    for o in informe.objetivos:
        niveles.extend((Nivel.OBJETIVO, *(Nivel.LINEAMIENTO for _ in o.lineamientos)))
        grupos.extend((o, *o.lineamientos))
    estilos = [_ESTILO_NIVEL_INDICE.get(n, _AJUSTADO) for n in niveles]  # arriba, como lo ajustado
    return Columnas(
        (
            Columna([ETIQUETA_NIVEL[n] for n in niveles], estilos),
            Columna([g.codigo for g in grupos], estilos),
            Columna([g.denominacion for g in grupos], _AJUSTADO),
            Columna([g.indice.cobertura for g in grupos], _AJUSTADO),
            Columna([str(g.categoria) for g in grupos], _AJUSTADO),
            columna_numero_o_nd([g.indice.valor for g in grupos]),
        )
    )


_ESTILO_NIVEL_INDICE = {Nivel.OBJETIVO: "etiqueta_ajustada"}


# Celdas que se repiten en cada fila del detalle: se crean una vez (hay una fila por alerta).
_CELDA_TIPO = {tipo: Celda(tipo.etiqueta, f"tipo:{tipo}") for tipo in TipoAlerta}
_AJUSTADO, _VINCULO = "ajustado", "vinculo"
