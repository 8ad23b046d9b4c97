"""The blank paper checklist and score sheet (issue 14 item 4): every item with its text, points, the four
boxes' labels, the deduction clauses, the notes line and the signatures; the Chinese font embedded as a
subset; real metadata; cancelling stops the layout."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

import pytest
from pypdf import PdfReader

from inspector_app.domain.errors import Cancelled
from inspector_app.domain.progress import CancelToken
from inspector_app.domain.template import Template, shipped_templates
from inspector_app.reports.blank_checklist_pdf import item_marks, render_blank_bytes
from inspector_app.reports.errors import ReportError

pytestmark = pytest.mark.usefixtures("cjk_font")


def _template(template_id: str = "lookback-2020") -> Template:
    return next(t for t in shipped_templates() if t.id == template_id)


def _flat(reader: PdfReader) -> str:
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def _fonts(reader: PdfReader) -> list[Any]:
    found = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            found[str(font["/BaseFont"])] = font
    return list(found.values())


def test_every_item_with_boxes_clauses_notes_and_signatures() -> None:
    template = _template()
    pdf, sheet = render_blank_bytes(template, authority="常州市应急管理局")
    reader = PdfReader(io.BytesIO(pdf))
    assert (sheet.kind, sheet.template_id, sheet.version) == ("checklist", template.id, template.version)
    assert sheet.pages == len(reader.pages) > 5 and sheet.size_bytes == len(pdf)
    flat = _flat(reader)
    for needle in ("现场检查表", template.title, "被检查单位", "统一社会信用代码", "检查时间", "行政执法人员",
                   "执法证号", "评审员证号", "现场负责人", "得分汇总", "检查结论", "发现的问题和隐患"):
        assert needle in flat, needle
    for item in template.items:
        assert item.code in flat
        assert "".join(item.text.split())[:12] in flat, item.code
        for rule in item.deductions:
            assert rule.code in flat and "".join(rule.text.split())[:10] in flat, rule.code
    # the four boxes of every item (不涉及 struck through where it cannot be chosen, but still named)
    for label in ("部分符合", "不涉及", "情况记录："):
        assert flat.count(label) >= len(template.items), label
    assert flat.count("得分：") >= len(template.items)
    assert "★否决项A" in flat and "不可不涉及" in flat and "企业自行整改项" in flat and "重大隐患项" in flat
    # the conclusion with the template's rules and their sources
    for rule in template.conclusion.rules:
        assert "".join(rule.source.split())[:12] in flat
    # signatures at the end, initials and 共 N 页 第 M 页 on every page
    assert flat.rindex("行政执法人员（签名）") > flat.rindex("发现的问题和隐患")
    assert "被检查单位负责人（签名）" in flat and "评审专家（签名）" in flat
    pages = [re.findall(r"共(\d+)页第(\d+)页", "".join(p.extract_text().split())) for p in reader.pages]
    assert pages == [[(str(sheet.pages), str(n))] for n in range(1, sheet.pages + 1)]
    assert all("检查人员签名" in p.extract_text() for p in reader.pages)


def test_the_chinese_font_is_embedded_and_the_metadata_is_real() -> None:
    template = _template("review-quality-2020")
    reader = PdfReader(io.BytesIO(render_blank_bytes(template, authority="常州市应急管理局")[0]))
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        assert "+" in str(font["/BaseFont"])  # a subset
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
            else font["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()  # the TrueType program itself
    meta = reader.metadata
    assert meta is not None and meta.author == "常州市应急管理局"
    assert template.title in str(meta.title) and f"{template.version} 版" in str(meta.title)
    assert "review-quality-2020" not in str(meta.title) and "review-quality-2020" not in _flat(reader)  # no ids
    assert meta.creation_date is not None and meta.creation_date.year == datetime.now().year
    flat = _flat(reader)
    assert "被检查评审单位" in flat and "评审资质" in flat
    for level in template.conclusion.levels:
        assert level.label in flat


def test_the_blank_score_sheet() -> None:
    template = _template("operation-audit-2020")
    pdf, sheet = render_blank_bytes(template, "scoresheet")
    flat = _flat(PdfReader(io.BytesIO(pdf)))
    assert sheet.kind == "scoresheet"
    for needle in ("检查评分表", "编号", "检查内容", "分值", "结果", "扣分原因及说明", "得分和检查结论", "评分人员签名",
                   "内部评定材料"):
        assert needle in flat, needle
    assert all(item.code in flat for item in template.items)


def test_marks_and_refusals() -> None:
    item = _template().item("A.5")
    assert item_marks(item)[:2] == ["★否决项A", "不可不涉及"]
    with pytest.raises(ReportError):
        render_blank_bytes(_template(), "order")  # type: ignore[arg-type]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        render_blank_bytes(_template(), cancel=token)
