"""The core's messages follow the interface language (catalogue part ``core``): score reasons and
conclusions, a workspace error, a stale edit, an import problem and a photo refusal come out in English
when English is set, unchanged in Chinese by default, and documents stay Chinese inside
``translation.chinese()`` whatever the interface."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from inspector_app import translation
from inspector_app.domain.conclusions import Facts, conclude, legacy_spec
from inspector_app.domain.errors import InspectorError
from inspector_app.domain.lifecycle import InspectionStatus, check_inspection_transition

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english() -> Iterator[None]:
    translation.set_language("en")
    yield
    translation.set_language(translation.DEFAULT_LANGUAGE)


def _reasons() -> list[str]:
    spec = legacy_spec({}, ["二级", "三级"])
    facts = Facts(score=Decimal("55.0"), grade_held="二级", major_open=2, general_open=1,
                  legal=("1.1", "2.3"), nonconform=("1.1",))
    _level, reasons = conclude(spec, facts)
    return [r.text for r in reasons]


def _stale_edit() -> str:
    from inspector_app.services.inspections import check_version

    inspection: Any = SimpleNamespace(id=7, version=4, status=InspectionStatus.RECEIVED.value)
    with pytest.raises(InspectorError) as caught:
        check_version(inspection, 3)
    return str(caught.value)


def _import_problem() -> str:
    from inspector_app.services.register_import import Problems

    problems = Problems("reviewers.xlsx")
    problems.add("", 4, "证书号", "—")
    with pytest.raises(InspectorError) as caught:
        problems.raise_any()
    return str(caught.value)


def _workspace_error() -> str:
    from inspector_app.storage.schema_version import damage_reason, not_a_workspace

    return str(not_a_workspace(Path("inspector.db"), damage_reason(UnicodeDecodeError("utf-8", b"", 0, 1, "x"))))


def _photo_refused() -> str:
    from inspector_app.photos.decode import PhotoRejected, decode_photo
    from inspector_app.photos.ingest import IngestOptions

    with pytest.raises(PhotoRejected) as caught:
        decode_photo(b"", "empty.jpg", IngestOptions(), None, None)
    return str(caught.value)


def _transition() -> str:
    with pytest.raises(InspectorError) as caught:
        check_inspection_transition(InspectionStatus.ASSIGNED, InspectionStatus.ACCEPTED)
    return str(caught.value)


def test_score_reasons_and_conclusions_in_english(english: None) -> None:
    reasons = _reasons()
    assert "Score 55.0 is below 60" in reasons
    assert "2 major accident hazards not yet rectified" in reasons
    assert "1 general accident hazard still to be rectified" in reasons
    assert any(r.startswith("2 deductions to be rectified under the law: 1.1, 2.3") for r in reasons)
    assert not [r for r in reasons if CHINESE.search(r)]


def test_errors_and_problems_in_english(english: None) -> None:
    stale = _stale_edit()
    assert stale.startswith("Inspection 7 was changed by someone else") and "“Received”" in stale
    assert "version 4, you saw version 3" in stale
    problem = _import_problem()
    assert problem.startswith("The file reviewers.xlsx has 1 problem; nothing was imported")
    assert "Row 4, column" in problem
    workspace = _workspace_error()
    assert "is not a valid workspace database" in workspace and "the file was not changed" in workspace
    assert not CHINESE.search(workspace)
    assert _photo_refused().endswith("The file is empty (0 bytes)")
    assert _transition() == "An inspection cannot go from “Assigned” to “Accepted”"


def test_chinese_is_the_default_and_unchanged() -> None:
    assert translation.current_language() == translation.DEFAULT_LANGUAGE
    reasons = _reasons()
    assert "得分 55.0 低于 60 分" in reasons and "存在未整改的重大事故隐患 2 项" in reasons
    assert "须依法整改的扣分项 2 项：1.1、2.3" in reasons
    assert _stale_edit() == ("检查 7 已被他人处理，现在的状态是“已接收”（第 4 版，您看到的是第 3 版）；"
                             "本次操作未保存，请刷新后再操作")
    assert "第 4 行，列“证书号”：—" in _import_problem()
    assert "不是有效的工作区数据库" in _workspace_error()
    assert _transition() == "检查状态不能从“已分配”变为“已验收”"


def test_documents_stay_chinese_under_an_english_interface(english: None) -> None:
    with translation.chinese():
        assert translation.current_language() == translation.DEFAULT_LANGUAGE
        assert "存在未整改的重大事故隐患 2 项" in _reasons()
        with translation.chinese():  # nests
            assert _transition().startswith("检查状态不能")
        assert _transition().startswith("检查状态不能")
    assert translation.is_english() and _transition().startswith("An inspection")
    assert translation.listing(["a", "b"]) == "a, b"
