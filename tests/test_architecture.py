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


# -- the front door and the floors (the contracts themselves are in pyproject.toml, run by lint-imports) --

def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _pyproject() -> dict[str, object]:
    import tomllib

    with open(PACKAGE.parent / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def _contract(contract_id: str) -> dict[str, object]:
    contracts = _pyproject()["tool"]["importlinter"]["contracts"]  # type: ignore[index]
    return next(c for c in contracts if c["id"] == contract_id)  # type: ignore[union-attr]


def test_the_front_door_contract_names_every_building_block() -> None:
    """A building block added to services/ must be forbidden to the UI and the CLI at once: the
    contract lists them by name, so this test keeps the list whole."""
    services = PACKAGE / "services"
    blocks = {f"inspector_app.services.{p.stem}" for p in services.glob("*.py") if p.stem != "__init__"}
    blocks |= {f"inspector_app.services.{p.name}" for p in services.iterdir()
               if p.is_dir() and (p / "__init__.py").exists()}
    blocks -= {"inspector_app.services.ops", "inspector_app.services.queries", "inspector_app.services.changes"}
    forbidden = set(_contract("front-door")["forbidden_modules"])  # type: ignore[arg-type]
    assert blocks - forbidden == set(), "add these building blocks to the front-door contract"
    layers = _contract("ops-and-queries")["layers"]  # type: ignore[index]
    layered = {f"inspector_app.services.{name.strip()}" for name in layers[1].split(":")}  # type: ignore[index]
    assert blocks - {"inspector_app.services.unit"} == layered, "the ops-and-queries contract's building blocks"


def test_no_ui_module_opens_a_database_session() -> None:
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "sessions(" in line or "sessions.begin(" in line or "Session(" in line.replace("CaptureSession(", ""):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{number}")
    assert not offenders, offenders


def test_no_module_is_over_500_lines() -> None:
    long = [f"{p.relative_to(PACKAGE.parent)}: {n}" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500]
    assert not long, long


def _lazy_modules(tree: ast.Module) -> tuple[dict[str, str], dict[str, str]]:
    """(name → module) of ``X = LazyModule("m")`` and of the ``TYPE_CHECKING`` imports."""
    lazy: dict[str, str] = {}
    typed: dict[str, str] = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", "") == "LazyModule"):
            argument = node.value.args[0]
            assert isinstance(argument, ast.Constant)
            for target in node.targets:
                lazy[getattr(target, "id", "")] = str(argument.value)
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for child in node.body:
                if isinstance(child, ast.ImportFrom):
                    for alias in child.names:
                        typed[alias.asname or alias.name] = f"{child.module}.{alias.name}"
                elif isinstance(child, ast.Import):
                    for alias in child.names:
                        typed[alias.asname or alias.name] = alias.name
    return lazy, typed


def test_every_lazy_module_is_a_real_module_with_a_typed_twin() -> None:
    """``LazyModule("m")`` must name a module that exists and stand beside ``if TYPE_CHECKING: import m
    as name``, so that the reader, mypy and import-linter all see the dependency."""
    import importlib.util

    problems = []
    for path in PACKAGE.rglob("*.py"):
        lazy, typed = _lazy_modules(ast.parse(path.read_text(encoding="utf-8")))
        for name, module in lazy.items():
            where = f"{path.relative_to(PACKAGE.parent)}: {name}"
            if importlib.util.find_spec(module) is None:
                problems.append(f"{where} names {module}, which does not exist")
            if typed.get(name) != module:
                problems.append(f"{where} = LazyModule({module!r}) has no TYPE_CHECKING twin")
    assert not problems, problems


# Heavy third-party libraries that one function needs (a workbook, a template file's schema, a
# migration, a HEIC photo): importing them where they are used keeps every other command fast.
HEAVY_LIBRARIES = frozenset({"openpyxl", "jsonschema", "alembic", "pillow_heif", "psycopg", "xlrd"})


def _imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [alias.name for alias in node.names]


def test_lazy_imports_only_at_the_seams() -> None:
    """Imports inside function bodies hide a module's dependencies. Our own modules and Qt are imported
    lazily only at the seams of docs/architecture.md (the CLI's handler table, ``ui/lazy.py``, the GUI
    entry); elsewhere only the heavy libraries above, where a single function needs them."""
    seams = {PACKAGE / "app.py", PACKAGE / "__main__.py", PACKAGE / "ui" / "lazy.py", PACKAGE / "ui" / "main.py",
             PACKAGE / "cli" / "__init__.py", PACKAGE / "cli" / "commands.py"}
    hidden = []
    for path in PACKAGE.rglob("*.py"):
        if path in seams or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom) and any(
                        name.split(".")[0] not in HEAVY_LIBRARIES for name in _imported_names(node)):
                    hidden.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not hidden, f"{len(hidden)} function-level imports: {hidden}"


def test_the_floors_hold() -> None:
    """import-linter's contracts (pyproject.toml) – also run by scripts/run-tests.sh on its own."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
