"""Cinta y módulos VBA del complemento, como texto: recursos del paquete (no hay código Python aquí)."""
