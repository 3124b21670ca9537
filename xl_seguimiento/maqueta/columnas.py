"""Las columnas y rótulos de la hoja «Alertas» que se escriben y se vuelven a leer."""

__all__ = [
    "COLUMNAS_DETALLE",
    "COLUMNAS_HUERFANAS",
    "COLUMNAS_USUARIO",
    "ESTADOS",
    "ETIQUETA_ANIO",
    "SECCION_HUERFANAS",
    "SIN_CODIGO",
]

SIN_CODIGO = "—"  # la columna «Código» de una alerta de la política, que no tiene código

# Columnas que se regeneran en cada ejecución.
COLUMNAS_DETALLE = (
    "Nivel",
    "Código",
    "Denominación",
    "Responsable",
    "Tipo de alerta",
    "Avance Tipo 1 (%)",
    "Detalle",
)
# Columnas del usuario: lo que escribe ahí se conserva junto a su alerta.
COLUMNAS_USUARIO = (
    "Justificación (causas)",
    "Medida correctiva",
    "Responsable de la medida",
    "Plazo",
    "Estado",
)
ESTADOS = ("Pendiente", "En curso", "Atendida")
SECCION_HUERFANAS = "Justificaciones de alertas que ya no aparecen"
COLUMNAS_HUERFANAS = ("Código", "Tipo de alerta", "Año", *COLUMNAS_USUARIO)
ETIQUETA_ANIO = "Año de análisis"
