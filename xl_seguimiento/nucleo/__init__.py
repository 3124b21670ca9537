"""Núcleo puro: una cuadrícula de valores entra, un Informe sale. Solo biblioteca estándar; no importa ninguna otra capa."""
