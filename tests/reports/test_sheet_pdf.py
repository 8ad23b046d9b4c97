"""The printed sheets: text, fonts, page counts, QR codes, JPEG pass-through, cancel and progress."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sheet_helpers import page_png, pdffonts, pdftotext, zbar

from inspector_app.demo.sample_sheets import sample_sheet
from inspector_app.domain.errors import Cancelled
from inspector_app.domain.progress import CancelToken
from inspector_app.reports import (
    RecordKey,
    Verification,
    content_hash,
    render_sheet,
    verify,
)

pytestmark = pytest.mark.usefixtures("cjk_font")


def _render(tmp_path: Path, name: str = "s", kind: str = "record", **kw: object) -> tuple[Path, int]:
    data = sample_sheet(**kw)  # type: ignore[arg-type]
    out = tmp_path / f"{name}-{kind}.pdf"
    result = render_sheet(data, kind, out)  # type: ignore[arg-type]
    assert out.is_file() and result.path == out
    assert len(PdfReader(out).pages) == result.pages
    return out, result.pages


def test_record_text_has_enterprise_findings_and_page_numbers(tmp_path: Path) -> None:
    pdf, pages = _render(tmp_path, findings=3)
    text = pdftotext(pdf)
    assert "常州市武进区华安精密机械有限公司" in text
    assert "现场检查记录" in text and "（常武）应急检记〔2020〕12号" in text
    for needle in ("二号车间配电箱未上锁", "危险化学品仓库未设置防爆型照明灯具", "有限空间作业未执行审批制度"):
        assert needle in text
    found = re.findall(r"共\s*(\d+)\s*页\s*第\s*(\d+)\s*页", text)
    assert found == [(str(pages), str(m)) for m in range(1, pages + 1)]
    assert "法定代表人" in text and "联系电话" in text and "检查场所" in text
    assert "执法人员签名" in text and "被检查单位签名" in text


def test_font_is_embedded_as_subset(tmp_path: Path) -> None:
    pdf, _ = _render(tmp_path)
    lines = [ln for ln in pdffonts(pdf).splitlines()[2:] if ln.strip()]
    assert lines, "no fonts listed"
    for line in lines:
        cols = line.split()
        # name type encoding emb sub uni object ID
        assert cols[-5] == "yes", line  # emb
        assert cols[-4] == "yes", line  # sub(set)
        assert "+" in cols[0]  # subset prefix


def test_page_count_grows_with_findings_and_photos(tmp_path: Path) -> None:
    _, base = _render(tmp_path, "a", findings=1)
    _, more_findings = _render(tmp_path, "b", findings=40)
    _, with_photos = _render(tmp_path, "c", findings=1, photos=6)
    assert more_findings > base
    assert with_photos >= base + 3  # two photos per page


def test_order_lists_only_findings_with_deadlines(tmp_path: Path) -> None:
    data = sample_sheet(findings=6)
    pdf = tmp_path / "order.pdf"
    render_sheet(data, "order", pdf)
    text = " ".join(pdftotext(pdf).split())
    assert "责令限期整改指令书" in text and "应急责改〔2020〕" in text
    with_deadline = [f for f in data.findings if f.deadline]
    without = [f for f in data.findings if not f.deadline]
    assert with_deadline and without
    assert f"{with_deadline[0].deadline.year}年" in text  # type: ignore[union-attr]
    assert "立即整改" not in text


def test_recheck_shows_each_result_and_two_inspectors(tmp_path: Path) -> None:
    pdf, _ = _render(tmp_path, kind="recheck", findings=4)
    text = " ".join(pdftotext(pdf).split())
    assert "整改复查意见书" in text and "复查合格" in text and "复查不合格" in text
    assert "（常武）应急责改〔2020〕17号" in text
    assert text.count("行政执法人员（签名）") == 2 and "王复核" in text


def test_refusal_and_blank_signature_blocks(tmp_path: Path) -> None:
    pdf, _ = _render(tmp_path, "r", refusal=True)
    text = " ".join(pdftotext(pdf).split())
    assert "拒绝签名" in text and "周见证（街道安监站）" in text
    pdf2, _ = _render(tmp_path, "b", signatures=False)
    text2 = " ".join(pdftotext(pdf2).split())
    assert text2.count("行政执法人员（签名）") == 2 and "被检查单位现场负责人（签名）" in text2
    assert "评审专家（签名）" not in text2  # the expert signs the score sheet, not the record


def test_qr_code_decodes_to_uid_and_hash_on_every_page(tmp_path: Path) -> None:
    data = sample_sheet(findings=2)
    pdf = tmp_path / "qr.pdf"
    result = render_sheet(data, "record", pdf)
    digest = content_hash(data)
    for page in (1, result.pages):
        decoded = zbar(page_png(pdf, page, tmp_path, dpi=150))
        assert decoded == [result.qr_payload], decoded
        assert data.inspection_uid in decoded[0] and digest.upper() in decoded[0]
    assert result.code in pdftotext(pdf)
    # the scanned payload verifies; after a change it no longer does
    assert verify(decoded[0], lambda key: digest if key.uid == data.inspection_uid else None) \
        is Verification.MATCHES
    changed = content_hash(dataclasses.replace(data, remarks="打印后修改"))
    assert verify(decoded[0], lambda key: changed) is Verification.CHANGED
    assert verify(decoded[0], lambda key: None) is Verification.UNKNOWN
    assert verify(result.code, lambda key: digest if key == RecordKey("12") else None) \
        is Verification.MATCHES


def test_photos_are_embedded_without_reencoding(tmp_path: Path) -> None:
    data = sample_sheet(findings=1, photos=3)
    pdf = tmp_path / "photos.pdf"
    render_sheet(data, "record", pdf)
    streams = []
    for page in PdfReader(pdf).pages:
        resources = page["/Resources"]
        xobjects = resources.get("/XObject", {}) if resources else {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image" and obj.get("/Filter") in ("/DCTDecode", ["/DCTDecode"]):
                streams.append(obj._data)
    originals = {p.jpeg for p in data.photos}
    assert originals <= set(streams)


def test_cancel_writes_nothing_and_progress_is_reported(tmp_path: Path) -> None:
    token = CancelToken()
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str) -> None:
        calls.append((done, total, message))
        if len(calls) == 3:
            token.cancel()

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        render_sheet(sample_sheet(findings=5), "record", out, progress, token)
    assert not out.exists() and not list(tmp_path.iterdir())
    calls.clear()
    render_sheet(sample_sheet(), "record", out, progress=lambda d, t, m: calls.append((d, t, m)))
    assert calls and calls[-1][0] == calls[-1][1]


def test_unknown_kind_is_refused(tmp_path: Path) -> None:
    from inspector_app.reports import ReportError

    with pytest.raises(ReportError):
        render_sheet(sample_sheet(), "invoice", tmp_path / "x.pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["record", "scoresheet", "order", "measures", "recheck"])
def test_texts_longer_than_a_page_go_to_notes(tmp_path: Path, kind: str) -> None:
    data = sample_sheet(findings=2)
    # the second finding is 重大, has a deadline and on-site measures: every document lists it
    long_finding = dataclasses.replace(data.findings[1], description="配电箱未上锁，" * 400,
                                       requirement="立即整改并复查，" * 300, recheck_note="仍未整改，" * 400)
    element = data.elements[0]
    item = dataclasses.replace(element.items[0], result="不符合", reasons=("扣分原因很长，" * 500,))
    data = dataclasses.replace(
        data, findings=(data.findings[0], long_finding),
        elements=(dataclasses.replace(element, items=(item, *element.items[1:])), *data.elements[1:]))
    result = render_sheet(data, kind, tmp_path / "long.pdf")  # type: ignore[arg-type]
    text = " ".join(pdftotext(tmp_path / "long.pdf").split())
    assert "见表后注1" in text and "注1：" in text
    assert result.pages >= 3
