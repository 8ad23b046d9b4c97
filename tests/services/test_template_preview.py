"""The template read models (issue 14 item 4): the versions a workspace holds and the shipped ones it
has not stored, one version as the inspector sees it (items, marks, clauses, conclusion rules with their
sources), a newer version stored beside the old one, and the blank form of a version."""

from __future__ import annotations

import hashlib
import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader

from inspector_app.domain import uscc
from inspector_app.domain.errors import NotFoundError
from inspector_app.reports import FontNotFoundError
from inspector_app.reports.fonts import find_font
from inspector_app.services import inspections, workspace_meta
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.queries.templates import blank_pdf, template_preview, template_rows
from inspector_app.services.templates import sync_shipped_templates, template_record
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import TemplateRecord

pytestmark = pytest.mark.both_engines


def _store_version(ws: Workspace, version: str, title_suffix: str) -> None:
    """A changed lookback template stored with a new version (as an office's import would)."""
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        data = json.loads(template_record(s, "lookback-2020").content)
        data["version"], data["title"] = version, data["title"] + title_suffix
        data["elements"][0]["items"][0]["text"] = "新版本的检查内容：标准化机构实际运行"
        content = json.dumps(data, ensure_ascii=False)
        s.add(TemplateRecord(template_id="lookback-2020", version=version, kind=data["kind"], title=data["title"],
                             content=content, sha256=hashlib.sha256(content.encode()).hexdigest(),
                             item_count=sum(len(e["items"]) for e in data["elements"])))


def _assign(ws: Workspace) -> None:
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司", cert_grade="三级",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        inspections.assign(s, enterprise, template_record(s, "lookback-2020"), [("陈示范", "苏应急执法32040001"), ("林演示", "苏应急执法32040002")],
                           "科长", due_date=date(2026, 12, 31))


def test_rows_list_stored_and_shipped_versions(workspace: Workspace) -> None:
    rows = template_rows(workspace)
    assert {r["template_id"] for r in rows} == {"lookback-2020", "operation-audit-2020", "review-quality-2020"}
    assert all(not r["stored"] and r["in_use"] == 0 and r["latest"] for r in rows)
    _assign(workspace)
    _store_version(workspace, "2.1.0", "（2021年修订）")
    rows = {(r["template_id"], r["version"]): r for r in template_rows(workspace)}
    old, new = rows[("lookback-2020", "2.0.1")], rows[("lookback-2020", "2.1.0")]
    assert (old["stored"], old["in_use"], old["latest"], old["items"]) == (True, 1, False, 37)
    assert (new["stored"], new["in_use"], new["latest"]) == (True, 0, True)
    assert new["title"].endswith("（2021年修订）") and new["kind"] == "回头看"


def test_preview_shows_items_marks_clauses_and_rules(workspace: Workspace) -> None:
    view = template_preview(workspace, "lookback-2020")
    assert (view.version, view.stored, view.in_use, view.item_count) == ("2.0.1", False, 0, 37)
    assert view.total_points == sum(e.points for e in view.elements) == 210
    items = {i.code: i for e in view.elements for i in e.items}
    veto = items["A.5"]
    assert veto.veto == "A" and veto.marks[:2] == ("否决项A", "不可不涉及") and veto.source
    assert veto.evidence and veto.clauses[0].veto == "A" and not veto.clauses[0].enterprise_fix
    assert any(i.major_hazard and "重大隐患" in i.marks for i in items.values())
    assert any(i.industries for i in items.values())
    fix = items["A.1"]
    assert fix.enterprise_fix and all(c.enterprise_fix for c in fix.clauses) and "企业自行整改" in fix.marks
    assert [c.code for c in fix.clauses] == ["A.1-1", "A.1-2", "A.1-3"] and fix.clauses[1].points == 2
    assert [level[0] for level in view.levels] == ["维持", "限期整改", "建议摘牌"]
    rules = {(r.when, r.then) for r in view.rules}
    assert ("veto", "建议摘牌") in rules and all(r.source and r.condition for r in view.rules)
    delist = next(r for r in view.rules if r.when == "score_below")
    assert delist.condition == "得分低于 60 分" and delist.then_label == "建议摘牌"
    review = template_preview(workspace, "review-quality-2020")
    assert review.subject == "评审单位" and review.relative_to == "none" and len(review.levels) == 4


def test_a_newer_version_is_previewed_and_printed(workspace: Workspace) -> None:
    _store_version(workspace, "2.1.0", "（2021年修订）")
    newest = template_preview(workspace, "lookback-2020")
    assert newest.version == "2.1.0" and newest.stored
    assert newest.elements[0].items[0].text == "新版本的检查内容：标准化机构实际运行"
    old = template_preview(workspace, "lookback-2020", "2.0.1")
    assert old.elements[0].items[0].text != newest.elements[0].items[0].text
    with pytest.raises(NotFoundError, match=re.escape("已有版本：2.0.1、2.1.0")):
        template_preview(workspace, "lookback-2020", "9.9")
    with pytest.raises(NotFoundError, match="没有检查表 no-such"):
        template_preview(workspace, "no-such")


def test_blank_pdf_of_a_stored_version(workspace: Workspace) -> None:
    try:
        find_font()
    except FontNotFoundError as exc:
        pytest.skip(str(exc).splitlines()[0])
    _store_version(workspace, "2.1.0", "（2021年修订）")
    with workspace.sessions.begin() as s:
        workspace_meta.set_value(s, "authority_name", "常州市应急管理局")
    pdf, sheet = blank_pdf(workspace, "lookback-2020")
    reader = PdfReader(io.BytesIO(pdf))
    flat = "".join("".join(p.extract_text().split()) for p in reader.pages)
    assert sheet.version == "2.1.0" and "新版本的检查内容" in flat and "常州市应急管理局" in flat
    assert reader.metadata is not None and reader.metadata.author == "常州市应急管理局"
