"""The command line's words in English: a column heading and the same word in a sentence are told apart
(pgettext "heading"), stored words (statuses, kinds) are shown translated in tables only, the sheet
command names the documents as the PDFs title them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inspector_app import translation
from inspector_app.cli.output import render, worded
from inspector_app.cli.sheet import KIND_LABELS
from inspector_app.reports import DOC_TITLES


@pytest.fixture
def english() -> Iterator[None]:
    translation.set_language("en")
    yield
    translation.set_language(translation.DEFAULT_LANGUAGE)


def test_headings_in_english(english: None) -> None:
    table = render([{"id": 7, "title": "回头看检查表", "对象": "某评审中心"}], ["id", "title", "对象"], "table")
    head = table.splitlines()[0].split()
    assert head == ["No.", "Name", "Whom"]  # not "code", "title" or "An object" (the words in sentences)
    assert translation._("编号") == "code" and translation._("对象") == "an object"


def test_headings_stay_chinese_in_chinese() -> None:
    assert render([{"id": 7}], ["id"], "table").splitlines()[0] == "编号"


def test_stored_words_are_translated_in_tables_only(english: None) -> None:
    rows = [{"kind": "暂停评审活动", "status_now": "执行中", "grounds": "评审报告弄虚作假"}]
    shown = worded(rows, ("kind", "status_now"), "table")
    assert shown == [{"kind": "Suspension", "status_now": "In force", "grounds": "评审报告弄虚作假"}]
    assert worded(rows, ("kind", "status_now"), "csv") == rows and rows[0]["kind"] == "暂停评审活动"


def test_sheet_titles_are_the_documents_titles() -> None:
    assert KIND_LABELS == DOC_TITLES
