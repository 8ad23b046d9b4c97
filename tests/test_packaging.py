"""The packaging files agree with each other and with the program (the build itself is tried by
scripts/test-package.sh in CI): the lock parser, the NSIS file lists, the desktop entry and MIME types."""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def test_lock_entries_are_read_with_their_markers(tmp_path: Path) -> None:
    lockcheck = _load(ROOT / "scripts" / "lockcheck.py")
    lock = tmp_path / "x.lock"
    lock.write_text("# via uv\nPySide6-Essentials==6.11.3 \\\n    --hash=sha256:00\n    # via inspector-app\n"
                    "pywin32-ctypes==0.2.3 ; sys_platform == 'win32' \\\n    --hash=sha256:11\n"
                    "zipp==4.1.2 ; python_full_version < '4' \\\n    --hash=sha256:22\n", encoding="utf-8")
    pins = {name: str(version) for name, version in lockcheck.locked(lock).items()}
    expected = {"pyside6-essentials": "6.11.3", "zipp": "4.1.2"}
    if sys.platform == "win32":
        expected["pywin32-ctypes"] = "0.2.3"
    assert pins == expected
    lock.write_text("requests>=2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="not a pinned requirement"):
        lockcheck.locked(lock)


def test_every_lock_pins_every_requirement_of_pyproject() -> None:
    lockcheck = _load(ROOT / "scripts" / "lockcheck.py")
    assert lockcheck.unmet(ROOT / "requirements" / "dev.lock") == []
    app = lockcheck.locked(ROOT / "requirements" / "app.lock")
    dev = lockcheck.locked(ROOT / "requirements" / "dev.lock")
    assert all(dev.get(name) == version for name, version in app.items())  # the same versions in both


def test_nsis_lists_install_and_remove_exactly_the_build(tmp_path: Path) -> None:
    files = _load(ROOT / "packaging" / "windows" / "files.py")
    build = tmp_path / "Inspector"
    (build / "_internal" / "PySide6" / "plugins").mkdir(parents=True)
    (build / "inspector-app.exe").write_bytes(b"MZ")
    (build / "_internal" / "PySide6" / "plugins" / "q$x.dll").write_bytes(b"")
    (build / "_internal" / "base_library.zip").write_bytes(b"")
    install, uninstall = tmp_path / "files.nsh", tmp_path / "uninstall.nsh"
    assert files.write(build, install, uninstall) == 3
    lines = install.read_text(encoding="utf-8").splitlines()[1:]
    assert lines[:2] == ['SetOutPath "$INSTDIR"', f'File "{build / "inspector-app.exe"}"']
    assert 'SetOutPath "$INSTDIR\\_internal\\PySide6\\plugins"' in lines
    assert f'File "{build / "_internal" / "PySide6" / "plugins" / "q$$x.dll"}"' in lines  # $ escaped
    removal = uninstall.read_text(encoding="utf-8").splitlines()[1:]
    assert 'Delete "$INSTDIR\\_internal\\PySide6\\plugins\\q$$x.dll"' in removal
    assert removal[-3:] == ['RMDir "$INSTDIR\\_internal\\PySide6\\plugins"', 'RMDir "$INSTDIR\\_internal\\PySide6"',
                            'RMDir "$INSTDIR\\_internal"']


def test_bundle_files_open_in_the_import() -> None:
    desktop = (ROOT / "packaging" / "linux" / "inspector-app.desktop").read_text(encoding="utf-8")
    assert "Exec=inspector-app gui %F" in desktop.splitlines()
    mime_line = re.search(r"^MimeType=(.*)$", desktop, re.M)
    assert mime_line is not None
    declared = set(mime_line.group(1).strip(";").split(";"))
    tree = ET.parse(ROOT / "packaging" / "linux" / "inspector-app-mime.xml")
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    types = {t.get("type"): [g.get("pattern") for g in t.findall("m:glob", ns)]
             for t in tree.getroot().findall("m:mime-type", ns)}
    assert declared == set(types)
    assert sorted(p for globs in types.values() for p in globs) == ["*.inspbundle", "*.inspbundle.enc"]
    nsis = (ROOT / "packaging" / "windows" / "installer.nsi").read_text(encoding="utf-8")
    assert '\'"$INSTDIR\\${EXE}" gui "%1"\'' in nsis
