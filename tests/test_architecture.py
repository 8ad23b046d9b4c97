"""The core is Qt-free: only inspector_app/ui/ (and the GUI entry app.py) may import PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "inspector_app"
ALLOWED = {PACKAGE / "app.py", PACKAGE / "__main__.py"}


def _imports_qt(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Import) and any(a.name.split(".")[0] in ("PySide6", "shiboken6") for a in node.names)) or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("PySide6", "shiboken6")):
            lines.append(node.lineno)
    return lines


def test_only_ui_imports_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path in ALLOWED or (PACKAGE / "ui") in path.parents:
            continue
        offenders += [f"{path.relative_to(PACKAGE.parent)}:{line}" for line in _imports_qt(path)]
    assert not offenders, f"PySide6 imported outside inspector_app/ui/: {offenders}"


def test_core_packages_import_without_qt() -> None:
    """Import every core module in a fresh interpreter and check that PySide6 never got loaded."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        name = ".".join(parts)
        if name.startswith(("inspector_app.ui", "inspector_app.storage.migrations")) or name in (
                "inspector_app.__main__", "inspector_app.app"):
            continue
        names.append(name)
    code = (f"import sys, importlib\nfor n in {names!r}:\n    importlib.import_module(n)\n"
            "bad = [n for n in sys.modules if n.startswith('PySide6')]\nassert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)
