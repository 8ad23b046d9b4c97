"""GUI wiring: paths, logging, workspace + migrations, QApplication, translations, main window.

The only module outside ``ui/`` that imports PySide6 (besides ``__main__``)."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    from inspector_app.ui.main import run

    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_gui(argparse.Namespace(data_dir=None, lang=None)))
