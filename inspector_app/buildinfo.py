"""Which build this is: the git commit, baked into ``inspector_app/_build.py`` (not in git) by the package
build (scripts/package-linux.sh), else asked of git in a checkout, else "unknown". Kept out of the
package's ``__init__`` so that importing the package starts no subprocess machinery; ``--version``, the
About box and the error report ask here."""

from __future__ import annotations

import importlib
import subprocess
from functools import cache
from pathlib import Path

import inspector_app


@cache
def build_commit() -> str:
    """The commit; "-dirty" follows one whose checkout had uncommitted changes to tracked files."""
    try:
        # An optional, generated module: present in a package, absent in a checkout.
        return str(importlib.import_module("inspector_app._build").COMMIT)
    except ImportError:
        pass
    checkout = Path(inspector_app.__file__).resolve().parent.parent
    if not (checkout / ".git").exists():
        return "unknown"
    try:
        git = ["git", "-C", str(checkout)]
        commit = subprocess.run([*git, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = subprocess.run([*git, "diff", "--quiet", "HEAD", "--"], capture_output=True, timeout=10).returncode
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}-dirty" if dirty == 1 else commit or "unknown"


def version_text() -> str:
    """``0.1.0 (commit 1af089f1a2b3)`` – what ``--version`` and the About box show."""
    return f"{inspector_app.__version__} (commit {build_commit()})"
