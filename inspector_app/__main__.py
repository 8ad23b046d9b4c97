"""``python -m inspector_app`` – the same as the ``inspector-app`` command."""

from __future__ import annotations

import multiprocessing
import sys

from inspector_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # photo workers in a frozen (PyInstaller) build
    sys.exit(main())
