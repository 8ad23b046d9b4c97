"""What the law requires of each document, read back from the PDF text (pdftotext): the number format,
the 出示证件 opening, the legal basis as in force on the inspection date (a 2020 inspection cites the 2014
安全生产法 第六十二条, a 2022 one the 2021 revision 第六十五条), the 复议 wording (the 2023 行政复议法 from
2024-01-01), 送达 and 签收; the record the enterprise signs carries no score, grade or conclusion; a
document that cannot be issued is refused with the reason; real PDF metadata (DOMAIN.md §6)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sheet_helpers import pdftotext

from inspector_app.demo.sample_sheets import sample_sheet
from inspector_app.reports import ReportError, check_ready, render_sheet
from inspector_app.reports.legal import legal_texts, require

pytestmark = pytest.mark.usefixtures("cjk_font")

Y2020 = datetime(2020, 3, 5, 9, 30)
Y2022 = datetime(2022, 5, 10, 9, 0)
Y2024 = datetime(2024, 5, 6, 9, 0)


def _text(tmp_path: Path, kind: str, day: datetime = Y2020, **kw: object) -> str:
    data = sample_sheet(findings=4, day=day, **kw)  # type: ignore[arg-type]
    out = tmp_path / f"{kind}-{day.year}.pdf"
    render_sheet(data, kind, out)  # type: ignore[arg-type]
    return "".join(pdftotext(out).split())  # lines wrap anywhere in Chinese text: compare without spaces


def test_the_record_shows_the_officers_and_their_certificates_and_no_conclusion(tmp_path: Path) -> None:
    text = _text(tmp_path, "record")
    assert re.search(r"（常武）应急检记〔2020〕\d+号", text)
    assert "出示证件" in text and "我们是常州市武进区应急管理局行政执法人员张示例、李演示" in text
    assert "《中华人民共和国安全生产法》（2014年修正）第六十二条第一款第（一）项、第六十三条、第六十四条" in text
    assert "苏应急执法32040012" in text and "苏应急执法32040057" in text and "执法证号" in text
    assert text.count("行政执法人员（签名）") == 2 and "被检查单位现场负责人（签名）" in text
    assert "评审专家（签名）" not in text and "赵专家" in text  # named as assisting, not signing
    assert "第六十五条" in text  # the record is signed by the officers and the person in charge
    data = sample_sheet(findings=4)
    for internal in ("得分", "分值", "扣分（", "评定等级", "检查结论", "一级", "维持", "建议摘牌",
                     data.summary.conclusion or "限期整改", f"{data.summary.score:.1f}"):
        assert internal not in text, internal
    assert "缺少季度会议记录" in text  # what was found is there: the clause chosen, not the result
    assert "不符合：不符合" not in text


def test_the_score_sheet_has_the_score_and_conclusion_and_everyone_who_assessed(tmp_path: Path) -> None:
    text = _text(tmp_path, "scoresheet")
    data = sample_sheet(findings=4)
    assert "检查评分表" in text and "内部评定材料" in text and "应急检记" not in text
    assert f"折算得分{data.summary.score:.1f}分" in text and f"检查结论：{data.summary.conclusion}" in text
    assert "结论理由" in text and "否决项C.1" in text
    assert text.count("行政执法人员（签名）") == 2 and text.count("评审专家（签名）") == 1
    assert "评审员证号" in text and "苏评审PS-2019-0457" in text
    assert "评定等级" not in text and "一级" not in text


@pytest.mark.parametrize(("day", "edition", "basis", "penalty"), [
    (Y2020, "2014年修正", "第六十二条第一款第（二）项、第（三）项", "第九十九条"),
    (Y2022, "2021年修正", "第六十五条第一款第（二）项、第（三）项", "第一百零二条"),
])
def test_the_order_cites_the_law_in_force_on_the_inspection_date(tmp_path: Path, day: datetime, edition: str,
                                                                 basis: str, penalty: str) -> None:
    text = _text(tmp_path, "order", day)
    assert re.search(rf"（常武）应急责改〔{day.year}〕\d+号", text)
    assert f"依据《中华人民共和国安全生产法》（{edition}）{basis}的规定，现责令你单位" in text
    assert f"《中华人民共和国安全生产法》（{edition}）{penalty}的规定依法予以处罚" in text
    assert "2014年修正" not in text if day.year > 2021 else "2021年修正" not in text
    assert f"《现场检查记录》（常武）应急检记〔{day.year}〕" in text
    # 复议 before 2024: the 本级人民政府 or the authority above, 60 days; a suit within 6 months
    assert "可以依法在60日内向常州市武进区人民政府或者常州市应急管理局申请行政复议" in text
    assert "《中华人民共和国行政复议法》（2017年修正）第九条第一款、第十二条第一款" in text
    assert "在6个月内依法向" in text and "人民法院提起行政诉讼" in text and "第四十六条第一款" in text
    assert "本指令不停止执行" in text
    assert "被检查单位负责人（签收）" in text and "送达方式" in text and "送达地点" in text
    assert text.count("行政执法人员（签名）") == 2


def test_from_2024_the_reconsideration_goes_to_the_government(tmp_path: Path) -> None:
    text = _text(tmp_path, "order", Y2024)
    assert "可以依法在60日内向常州市武进区人民政府申请行政复议，或者在6个月内" in text
    assert "或者常州市应急管理局申请行政复议" not in text
    assert "《中华人民共和国行政复议法》（2023年修订）第二十条第一款、第二十四条第一款第（一）项" in text


def test_a_blank_is_left_for_a_court_the_settings_do_not_name(tmp_path: Path) -> None:
    text = pdftotext(_pdf(tmp_path, "order", sample_sheet(findings=4)))
    assert "人民法院提起行政诉讼" in "".join(text.split())
    assert "<u>" not in text  # a blank line, not markup


def _pdf(tmp_path: Path, kind: str, data: object) -> Path:
    out = tmp_path / f"{kind}.pdf"
    render_sheet(data, kind, out)  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(("day", "article"), [(Y2020, "（2014年修正）第六十二条第一款第（三）项"),
                                             (Y2022, "（2021年修正）第六十五条第一款第（三）项")])
def test_the_measures_decision(tmp_path: Path, day: datetime, article: str) -> None:
    text = _text(tmp_path, "measures", day)
    assert re.search(rf"（常武）应急现决〔{day.year}〕\d+号", text)
    assert "重大事故隐患" in text and "暂时停产停业" in text and "从危险区域内撤出作业人员" in text
    assert f"依据《中华人民共和国安全生产法》{article}的规定，现作出如下现场处理决定" in text
    assert "方可恢复生产经营和使用" in text and "本决定不停止执行" in text and "申请行政复议" in text
    assert "被检查单位负责人（签收）" in text and "送达方式" in text
    assert "二号车间配电箱" not in text  # a 一般 hazard is not part of it


def test_the_recheck_refers_to_its_order_and_covers_its_items_only(tmp_path: Path) -> None:
    data = sample_sheet(findings=4)
    text = "".join(pdftotext(_pdf(tmp_path, "recheck", data)).split())
    assert re.search(r"（常武）应急复查〔2020〕\d+号", text)
    assert "本机关于2020年3月5日作出（常武）应急责改〔2020〕17号《责令限期整改指令书》" in text
    assert "于2020年4月10日14时00分对你单位整改情况进行了复查" in text
    assert "应急管理局（印章）2020年4月10日" in text
    without_deadline = [f for f in data.findings if f.deadline is None]
    assert without_deadline and without_deadline[0].description[:10] not in text  # not an item of the order
    assert "王复核" in text and "李演示" not in text  # the re-check's own two officers
    assert "第九十九条" in text  # an item failed: what follows, and its source


def test_documents_that_cannot_be_issued_are_refused_with_the_reason() -> None:
    data = sample_sheet(findings=4)
    no_deadlines = dataclasses.replace(data, findings=tuple(dataclasses.replace(f, deadline=None)
                                                            for f in data.findings))
    with pytest.raises(ReportError, match="责令限期整改指令书须列明限期整改的问题"):
        check_ready(no_deadlines, "order")
    with pytest.raises(ReportError, match="责令限期整改指令书须列明限期整改的问题"):
        render_sheet(no_deadlines, "order", Path("/nonexistent/never.pdf"))
    no_measures = dataclasses.replace(data, findings=tuple(dataclasses.replace(f, measures=())
                                                           for f in data.findings))
    with pytest.raises(ReportError, match="现场处理措施决定书"):
        check_ready(no_measures, "measures")
    pending = dataclasses.replace(data, findings=tuple(dataclasses.replace(f, recheck_result=None)
                                                       if f.number == 2 else f for f in data.findings))
    with pytest.raises(ReportError, match="第 2 项尚无复查结果"):
        check_ready(pending, "recheck")
    assert data.recheck is not None
    no_order = dataclasses.replace(data, recheck=dataclasses.replace(data.recheck, order_number=""))
    with pytest.raises(ReportError, match="尚未签发责令限期整改指令书"):
        check_ready(no_order, "recheck")
    one_officer = dataclasses.replace(data, recheck=dataclasses.replace(data.recheck,
                                                                        inspectors=data.recheck.inspectors[:1]))
    with pytest.raises(ReportError, match="两名行政执法人员"):
        check_ready(one_officer, "recheck")
    early = dataclasses.replace(data, recheck=dataclasses.replace(data.recheck, rechecked_at=datetime(2020, 3, 1)))
    with pytest.raises(ReportError, match="复查时间早于指令书的日期"):
        check_ready(early, "recheck")
    check_ready(data, "record")  # the others can always be printed
    check_ready(data, "scoresheet")


def test_real_pdf_metadata(tmp_path: Path) -> None:
    data = sample_sheet(findings=2)
    out = _pdf(tmp_path, "order", data)
    meta = PdfReader(out).metadata
    assert meta is not None
    assert meta.title is not None and "责令限期整改指令书" in meta.title and "应急责改〔2020〕17号" in meta.title
    assert data.subject.name in meta.title
    assert meta.author == "常州市武进区应急管理局"
    created = meta.creation_date
    assert created is not None and created.date() >= date.today().replace(day=1) and created.year != 2000


@pytest.mark.parametrize(("day", "edition"), [
    (date(2014, 12, 1), "2014年修正"), (date(2020, 3, 5), "2014年修正"), (date(2021, 8, 31), "2014年修正"),
    (date(2021, 9, 1), "2021年修正"), (date(2026, 1, 1), "2021年修正"),
])
def test_the_safety_law_by_date(day: date, edition: str) -> None:
    texts = legal_texts(day)
    for key in ("record.opening", "record.signing", "order.basis", "order.penalty", "measures.basis"):
        assert texts[key].sources[0].edition == edition, key
        assert all(s.in_force <= day for s in texts[key].sources)


@pytest.mark.parametrize(("day", "edition"), [(date(2020, 3, 5), "2017年修正"), (date(2023, 12, 31), "2017年修正"),
                                              (date(2024, 1, 1), "2023年修订")])
def test_the_reconsideration_law_by_date(day: date, edition: str) -> None:
    appeal = legal_texts(day)["appeal"]
    assert appeal.sources[0].edition == edition and "60日" in appeal.text and "6个月" in appeal.text
    assert ("{superior}" in appeal.text) == (edition == "2017年修正")


def test_every_legal_text_names_its_source_and_none_is_made_up_for_earlier_dates() -> None:
    for day in (date(2020, 3, 5), date(2022, 5, 10), date(2024, 5, 6)):
        for text in legal_texts(day).values():
            assert text.sources and all(s.title.startswith("《中华人民共和国") and s.articles.startswith("第")
                                        for s in text.sources)
    assert "appeal" not in legal_texts(date(2016, 5, 1))  # no 复议 text is known that early: refused
    with pytest.raises(ReportError, match="没有适用于 2016-05-01 的法律文本"):
        require(legal_texts(date(2016, 5, 1)), "appeal", date(2016, 5, 1))


def test_the_record_says_what_was_found_not_what_it_cost(tmp_path: Path) -> None:
    data = sample_sheet(findings=1)
    element = data.elements[0]
    item = dataclasses.replace(element.items[0], result="部分符合", deduction=2.0, reasons=(
        "应急预案未组织演练的，扣2分（×2）", "存在伪造、编造运行记录的，不得分，本次检查判定为不合格（否决项）",
        "说明：演练记录缺失"))
    data = dataclasses.replace(data, elements=(dataclasses.replace(element, items=(item, *element.items[1:])),
                                               *data.elements[1:]))
    record = "".join(pdftotext(_pdf(tmp_path, "record", data)).split())
    assert "应急预案未组织演练的；存在伪造、编造运行记录的；说明：" in record
    assert not re.search(r"扣\d|不得分|不合格|否决", record)
    scoresheet = "".join(pdftotext(_pdf(tmp_path, "scoresheet", data)).split())
    assert "扣2分" in scoresheet and "否决项" in scoresheet


@pytest.mark.parametrize("kind", ["order", "measures"])
def test_the_signatures_seal_receipt_and_service_stay_on_one_page(tmp_path: Path, kind: str) -> None:
    """Whatever the length of the list above them, the officers' signatures, the seal, the 签收 and the
    送达 line are one block: never a lone 送达 line (or 签收) on a page of its own."""
    base = sample_sheet(findings=2)
    third = dataclasses.replace(base.officers[0], name="王第三", certificate_no="苏应急执法 32040099")
    for findings in range(1, 13):
        data = sample_sheet(findings=findings)
        data = dataclasses.replace(data, inspectors=(*data.officers, third, *data.experts))
        try:
            check_ready(data, kind)  # type: ignore[arg-type]
        except ReportError:
            continue  # e.g. no item with a deadline yet
        pages = ["".join(page.split()) for page in pdftotext(_pdf(tmp_path, kind, data)).split("\f")]
        last = next(i for i, page in enumerate(pages) if "送达方式" in page)
        assert "（签收）" in pages[last] and "（印章）" in pages[last], (findings, last)
        assert pages[last].count("行政执法人员（签名）") == 3, (findings, last)
    short = "".join(pdftotext(_pdf(tmp_path, kind, sample_sheet(findings=2))).split())
    assert "共1页" in short  # a block that fits stays on the page


def test_the_recheck_signatures_and_seal_stay_on_one_page(tmp_path: Path) -> None:
    for findings in range(1, 25, 2):
        data = sample_sheet(findings=findings)
        try:
            check_ready(data, "recheck")
        except ReportError:
            continue
        pages = ["".join(page.split()) for page in pdftotext(_pdf(tmp_path, "recheck", data)).split("\f")]
        last = next(i for i, page in enumerate(pages) if "（印章）" in page)
        assert pages[last].count("行政执法人员（签名）") == 2 and "被复查单位负责人（签名）" in pages[last], findings
