"""Inspector: offline-first desk for work-safety standardization look-back inspections."""

from __future__ import annotations

from functools import cache

# The one version: pyproject.toml reads it from here ([tool.setuptools.dynamic]); the command line's
# --version, the About box, the PDF metadata, the .deb and the Windows installer all take it from here.
__version__ = "0.1.0"


@cache
def build_commit() -> str:
    """The git commit this program was built from: baked into ``inspector_app/_build.py`` (not in git) by
    the package build (scripts/package-linux.sh), else asked of git in a checkout, else "unknown".
    "-dirty" follows a commit whose checkout had uncommitted changes to tracked files."""
    try:
        from inspector_app._build import COMMIT  # type: ignore[import-not-found, unused-ignore]

        return str(COMMIT)
    except ImportError:
        pass
    import subprocess
    from pathlib import Path

    checkout = Path(__file__).resolve().parent.parent
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
    return f"{__version__} (commit {build_commit()})"


def pdf_creator() -> str:
    """The PDF /Creator of every document this program writes: ``Inspector 0.1.0``."""
    return f"Inspector {__version__}"
