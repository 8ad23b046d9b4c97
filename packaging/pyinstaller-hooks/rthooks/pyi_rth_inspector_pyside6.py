"""Run-time hook for PySide6 (packaging/pyinstaller-hooks/rthooks.dat): where Qt finds its plugins and QML
modules inside the one-folder build, without importing Qt (PySide6 embeds its own qt.conf when imported)."""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6") if sys.platform.startswith("win") else os.path.join(
    sys._MEIPASS, "PySide6", "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_qt, "qml")
if sys.platform.startswith("win"):  # QtNetwork looks for OpenSSL's DLLs on PATH
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
del _qt
