"""La versión del paquete, declarada una vez (pyproject.toml la lee de aquí)."""

VERSION = "0.1.0"
