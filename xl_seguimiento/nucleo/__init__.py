"""Núcleo puro: una cuadrícula de valores entra, un Informe sale. Biblioteca estándar y numpy (las reglas por columnas); no importa ninguna otra capa."""
