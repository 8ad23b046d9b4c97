"""Sheet tests need a Chinese TrueType font (fonts-wqy-microhei, installed by scripts/bootstrap.sh);
where none is installed, the rendering tests are skipped with the install hint."""

from __future__ import annotations

import pytest

from inspector_app.reports import FontNotFoundError
from inspector_app.reports.fonts import find_font


@pytest.fixture(scope="session")
def cjk_font() -> None:
    try:
        find_font()
    except FontNotFoundError as exc:
        pytest.skip(str(exc).splitlines()[0])
