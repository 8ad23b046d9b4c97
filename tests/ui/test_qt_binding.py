"""Guards against a broken Qt binding: PySide6 6.12.0 dropped a reference to None on every void call,
which aborts Python ("none_dealloc") after a few thousand paints. pyproject pins PySide6 below 6.12;
this test fails loudly if an upgrade brings such a defect back."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QStringListModel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_and_none_data_keep_none_referenced() -> None:
    probe = QObject()
    model = QStringListModel(["a"])
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
        model.index(5, 0).data()
    assert sys.getrefcount(None) - before > -20, "the Qt binding loses references to None"
