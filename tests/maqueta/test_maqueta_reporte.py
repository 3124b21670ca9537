"""La maqueta del reporte de seguimiento sobre la matriz mínima de las pruebas, con cifras a mano."""

import datetime

from apoyo import tabla_basica

from xl_seguimiento.maqueta.anotaciones import VACIAS, Conciliacion
from xl_seguimiento.maqueta.reporte import (
    ANCHO_APAISADO,
    ANCHO_VERTICAL,
    PENDIENTE,
    Parrafo,
    SaltoDePagina,
    TablaReporte,
    Titulo,
    fecha_en_letras,
    maquetar_reporte,
)
from xl_seguimiento.nucleo.motor import analizar_libro

FECHA = datetime.date(2026, 1, 2)


def tabla(reporte, primera):
    (encontrada,) = [b for b in reporte.bloques if isinstance(b, TablaReporte) and b.columnas[0] == primera]
    return [[c.valor for c in f] for f in encontrada.filas]


def tablas_con(reporte, columnas):
    return [
        b for b in reporte.bloques if isinstance(b, TablaReporte) and b.columnas[: len(columnas)] == columnas
    ]


def test_los_parrafos_son_los_del_informe_y_cada_tabla_cabe_en_su_pagina():
    informe = analizar_libro([("Hoja", tabla_basica())])
    reporte = maquetar_reporte(informe, None, FECHA)
    textos = [b.texto for b in reporte.bloques if isinstance(b, Parrafo)]
    assert all(p in textos for p in informe.parrafos)
    assert "Generado el 2 de enero de 2026" in textos
    assert [b.texto for b in reporte.bloques if isinstance(b, Titulo) and b.nivel == 1][-1] == "Anexos"
    apaisada = False
    for bloque in reporte.bloques:
        if isinstance(bloque, SaltoDePagina) and bloque.apaisada is not None:
            apaisada = bloque.apaisada
        if isinstance(bloque, TablaReporte):
            assert len(bloque.anchos) == len(bloque.columnas)
            assert sum(bloque.anchos) <= (ANCHO_APAISADO if apaisada else ANCHO_VERTICAL) + 1e-9
            assert all(len(f) in (1, len(bloque.columnas)) for f in bloque.filas)


def test_tendencias_y_anexos_con_cifras_a_mano():
    reporte = maquetar_reporte(analizar_libro([("Hoja", tabla_basica())]), None, FECHA)
    # 2023: 8/10 = 80.0 y 30/40 = 75.0; 2024: 10/20 = 50.0 y 45/50 = 90.0; índice 77.5 y 70.0.
    assert tabla(reporte, "Año") == [["2023", "77.5"], ["2024", "70.0"]]
    (tendencias,) = tablas_con(reporte, ("Código", "Denominación", "Alerta"))
    assert [[c.valor for c in f] for f in tendencias.filas] == [
        ["ISS.01.01.01.01", "Número de A", "Retroceso", "80.0", "50.0"]  # cae 30 puntos
    ]
    assert tabla(reporte, "Parámetro")[:2] == [
        ["Año de análisis", "2024"],
        ["Umbral de avance bajo (menor a)", "75.0"],
    ]
    (inconsistencias,) = tablas_con(reporte, ("Código", "Inconsistencia"))
    assert [[c.valor for c in f] for f in inconsistencias.filas] == [["Sin inconsistencias."]]


def test_sin_anio_anterior_no_hay_indicadores_con_tendencia():
    reporte = maquetar_reporte(analizar_libro([("Hoja", tabla_basica())], anio=2023), None, FECHA)
    (tendencias,) = tablas_con(reporte, ("Código", "Denominación", "Alerta"))
    assert [[c.valor for c in f] for f in tendencias.filas] == [
        ["Ningún indicador retrocede ni mantiene un avance bajo."]
    ]


def test_columnas_del_usuario_como_texto_y_pendiente_sin_justificacion():
    informe = analizar_libro([("Hoja", tabla_basica())])
    escrito = ("Falta de presupuesto", "Reprogramar", "DGX", datetime.date(2025, 3, 31), "En curso")
    sin_justificar = ("", "Pedir datos", "", 3.0, "")
    por_alerta = (escrito, sin_justificar, *(VACIAS,) * (len(informe.alertas) - 2))
    reporte = maquetar_reporte(informe, Conciliacion(por_alerta, ()), FECHA)
    (alertas,) = tablas_con(reporte, ("Código", "Tipo de alerta", "Detalle"))
    usuario = [[c.valor for c in f[3:]] for f in alertas.filas]
    assert usuario[0] == ["Falta de presupuesto", "Reprogramar", "DGX", "31/03/2025", "En curso"]
    assert usuario[1] == [PENDIENTE, "Pedir datos", "", "3", ""]
    assert {u[0] for u in usuario[2:]} == {PENDIENTE}
    assert len(usuario) == len(informe.alertas) == 5


def test_fecha_en_letras():
    assert fecha_en_letras(datetime.date(2024, 12, 31)) == "31 de diciembre de 2024"
