"""`py -m xl_seguimiento …`: la misma línea de comandos, sin depender de que Scripts esté en el PATH."""

import sys

from .app.cli import main

sys.exit(main())
