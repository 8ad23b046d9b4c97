"""``python -m inspector_app`` – the same as the ``inspector-app`` command."""

from __future__ import annotations

import sys

from inspector_app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # Photo workers in a frozen (PyInstaller) build. Outside one, freeze_support() does nothing, and
        # importing multiprocessing (pickle, socket, …) would cost start-up ~10 ms for nothing.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
