"""The log file: ``<data dir>/logs/inspector.log``, rotated. Set up by the GUI entry once the window is
on screen (``logging.handlers`` costs start-up ~7 ms to import)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from inspector_app.ui.errors import remember_log_path

LOG_NAME = "inspector.log"


def setup_logging(data_dir: Path) -> Path | None:
    """Log to ``<data dir>/logs/inspector.log`` (rotated); returns the path, or None if unwritable."""
    folder = data_dir / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / LOG_NAME, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    remember_log_path(folder / LOG_NAME)
    return folder / LOG_NAME
