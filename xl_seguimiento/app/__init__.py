"""Aplicación: línea de comandos y modo por lotes. Puede importar todas las capas; ninguna la importa a ella."""
