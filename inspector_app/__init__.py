"""Inspector: offline-first desk for work-safety standardization look-back inspections."""

from __future__ import annotations

# The one version: pyproject.toml reads it from here ([tool.setuptools.dynamic]); the command line's
# --version, the About box, the PDF metadata, the .deb and the Windows installer all take it from here
# (the commit: inspector_app.buildinfo).
__version__ = "0.1.0"


def pdf_creator() -> str:
    """The PDF /Creator of every document this program writes: ``Inspector 0.1.0``."""
    return f"Inspector {__version__}"
