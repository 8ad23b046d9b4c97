"""Start-up of the GUI: QApplication, workspace, main window. (Placeholder until the desk lands.)"""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from inspector_app.config import resolve_data_dir
from inspector_app.storage.engine import open_workspace


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication([])
    ws = open_workspace(resolve_data_dir(getattr(args, "data_dir", None)))
    window = QMainWindow()
    window.setWindowTitle("Inspector – 安全生产标准化回头看")
    window.setCentralWidget(QLabel(f"工作区：{ws.root}"))
    window.resize(1280, 720)
    window.show()
    return int(app.exec())
