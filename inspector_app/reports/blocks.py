"""Flowables shared by the sheets: subject table, signature blocks, photo appendix."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfutils import readJPEGInfo
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from inspector_app.reports.errors import ReportError
from inspector_app.reports.layout import FRAME_W, Styles, blank, esc, fmt_date, fmt_span, grid_table, p
from inspector_app.reports.linebreak import wrap_text
from inspector_app.reports.sheet_data import CERTIFICATE_LABELS, Inspector, Photo, SheetData, Signature


class JpegSource:
    """A JPEG that reportlab embeds as is (DCTDecode), without decoding or re-encoding it.

    ``Canvas.drawImage`` names an image by ``str(image)`` unless it is an ``ImageReader`` (which it
    would decode to hash the pixels), and ``PDFImageXObject`` copies the bytes of anything with a
    ``jpeg_fh()``. So this small adaptor gives both: a name from the original's digest and the bytes.
    """

    def __init__(self, data: bytes, key: str) -> None:
        self.data = data
        self.key = key
        try:
            width, height = readJPEGInfo(io.BytesIO(data))[:2]
        except Exception as exc:  # reportlab raises bare exceptions for broken JPEGs
            raise ReportError(f"photo {key[:12]} is not a usable JPEG: {exc}") from exc
        self.width = int(width)
        self.height = int(height)

    def jpeg_fh(self) -> io.BytesIO:
        return io.BytesIO(self.data)

    def __str__(self) -> str:
        return f"jpeg:{self.key}"


class PhotoBlock(Flowable):  # type: ignore[misc]
    """A photo fitted into a fixed box, centred, with a thin frame, and its caption lines below."""

    CAPTION_GAP = 2 * mm

    def __init__(self, source: JpegSource, box_w: float, box_h: float, font: str,
                 caption: list[tuple[str, float]]) -> None:
        super().__init__()
        self.source = source
        scale = min(box_w / source.width, box_h / source.height)
        self.img_w = source.width * scale
        self.img_h = source.height * scale
        self.box_w = box_w
        self.box_h = box_h
        self.font = font
        self.lines = [(line, size) for text, size in caption for line in wrap_text(text, font, size, box_w).split("\n")]
        self.text_h = sum(size * 1.4 for _, size in self.lines)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.box_w, self.box_h + self.CAPTION_GAP + self.text_h

    def draw(self) -> None:
        canv = self.canv
        base = self.text_h + self.CAPTION_GAP
        x = (self.box_w - self.img_w) / 2
        y = base + (self.box_h - self.img_h) / 2
        canv.drawImage(self.source, x, y, self.img_w, self.img_h)
        canv.setStrokeColor(colors.Color(.5, .5, .5))
        canv.setLineWidth(0.4)
        canv.rect(x, y, self.img_w, self.img_h)
        canv.setFillColor(colors.black)
        top = self.text_h
        for line, size in self.lines:
            top -= size * 1.4
            canv.setFont(self.font, size)
            canv.drawString(0, top + size * 0.3, line)


class SignatureImage(Flowable):  # type: ignore[misc]
    """A captured signature (PNG with transparency) fitted into a box."""

    def __init__(self, png: bytes, box_w: float, box_h: float) -> None:
        super().__init__()
        try:
            self.reader = ImageReader(io.BytesIO(png))
            iw, ih = self.reader.getSize()
        except Exception as exc:
            raise ReportError(f"a signature image cannot be read: {exc}") from exc
        scale = min(box_w / iw, box_h / ih)
        self.w, self.h = iw * scale, ih * scale
        self.box_w, self.box_h = box_w, box_h

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.box_w, self.box_h

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, (self.box_h - self.h) / 2, self.w, self.h, mask="auto")


def subject_table(data: SheetData, st: Styles, *, with_time: bool = True) -> Table:
    s = data.subject
    w = FRAME_W
    widths = [34 * mm, 36 * mm, 16 * mm, 28 * mm, 20 * mm, w - 134 * mm]
    L = st.label
    C = st.cell

    rows: list[list[Any]] = [[p("被检查单位", L), p(esc(s.name), C), "", "", "", ""]]
    spans: list[tuple[Any, ...]] = [("SPAN", (1, 0), (5, 0))]
    if s.uscc:
        rows.append([p("统一社会信用代码", L), p(esc(s.uscc), C), "", "", "", ""])
        spans.append(("SPAN", (1, len(rows) - 1), (5, len(rows) - 1)))
    rows.append([p("地址", L), p(blank(s.address), C), "", "", "", ""])
    spans.append(("SPAN", (1, len(rows) - 1), (5, len(rows) - 1)))
    rows.append([p("法定代表人<br/>（负责人）", L), p(blank(s.legal_representative), C), p("职务", L),
                 p(blank(s.position), C), p("联系电话", L), p(blank(s.phone), C)])
    rows.append([p("检查场所", L), p(blank(s.place), C), "", "", "", ""])
    spans.append(("SPAN", (1, len(rows) - 1), (5, len(rows) - 1)))
    if with_time:
        rows.append([p("检查时间", L), p(esc(fmt_span(data.started_at, data.ended_at)), C), "", "", "", ""])
        spans.append(("SPAN", (1, len(rows) - 1), (5, len(rows) - 1)))
    extra = [*spans, ("BACKGROUND", (0, 0), (0, -1), colors.Color(.96, .96, .96))]
    return grid_table(rows, widths, st.font, extra=extra)


def inspectors_table(inspectors: tuple[Inspector, ...], st: Styles, label: str = "行政执法人员", *,
                     minimum: int = 2) -> Table:
    """The people of one role, each with the number of the certificate that role needs (执法证号 for an
    officer, 评审员证号 for an expert); rows left blank up to ``minimum`` are filled in by hand."""
    people = list(inspectors)
    while len(people) < minimum:
        people.append(Inspector(""))
    rows: list[list[Any]] = []
    for i, person in enumerate(people):
        org = f"（{esc(person.organisation)}）" if person.organisation else ""
        rows.append([p(label if i == 0 else "", st.label), p(esc(person.name) + org, st.cell),
                     p(CERTIFICATE_LABELS.get(person.role, "证件号码"), st.label),
                     p(blank(person.certificate_no) if person.name else "", st.cell)])  # a blank row is filled in by hand
    extra: list[tuple[Any, ...]] = [("SPAN", (0, 0), (0, len(rows) - 1)),
                                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(.96, .96, .96))]
    return grid_table(rows, [34 * mm, 66 * mm, 20 * mm, FRAME_W - 120 * mm], st.font, extra=extra)


def officer_signatures(officers: tuple[Inspector, ...], role: str = "行政执法人员") -> tuple[Signature, ...]:
    """Blank blocks to sign on paper for the officers (at least two), with their certificate numbers."""
    people = list(officers)
    while len(people) < 2:
        people.append(Inspector(""))
    return tuple(Signature(role=role, name=i.name, certificate_no=i.certificate_no) for i in people)


def default_signatures(data: SheetData) -> tuple[Signature, ...]:
    """Blank blocks when nothing was captured: the officers and the enterprise's person in charge."""
    return (*officer_signatures(data.officers), Signature(role="被检查单位现场负责人", name=""))


SIGNATURE_ROW = 19 * mm  # room for a captured signature image
PAPER_ROW = 13 * mm  # room to sign on the line by hand
SIGNATURE_WIDTHS = (48 * mm, 50 * mm, 36 * mm, FRAME_W - 134 * mm)  # role, signature, name, date


def _printed_name(name: str) -> str:
    """（张立明） under a signature; a name that has its own brackets, 周敏（街道安监站）, as it is."""
    if not name.strip():
        return ""
    return esc(name) if "（" in name or "(" in name else f"（{esc(name)}）"


def _signature_rows(sig: Signature, st: Styles, row: int) -> tuple[list[list[Any]], list[float | None],
                                                                    list[tuple[Any, ...]]]:
    """The rows of one signer: role, signature (image or a line to sign on), name, date.

    A refusal says so where the signature would be, the reason on a row of its own, and the witness
    signs on a row with their own role and name (never in the refusing person's signature field).
    """
    cert = f"<br/><font size='7.5'>证号：{esc(sig.certificate_no)}</font>" if sig.certificate_no else ""
    role = p(f"{esc(sig.role)}（{esc(sig.action)}）{cert}", st.cell)
    when = p(esc(f"{fmt_date(sig.signed_at.date())} {sig.signed_at:%H:%M}" if sig.signed_at
                 else fmt_date(None)), st.cell_c)
    name = p(_printed_name(sig.name), st.cell_c)
    line = ("LINEBELOW", (1, row), (1, row), 0.5, colors.black)
    if not sig.refusal_reason:
        if sig.image_png:
            return [[role, SignatureImage(sig.image_png, 46 * mm, 16 * mm), name, when]], [SIGNATURE_ROW], []
        return [[role, "", name, when]], [PAPER_ROW], [line]
    rows: list[list[Any]] = [[role, p("<b>拒绝签名</b>", st.cell), name, when],
                             ["", p(f"拒绝签名原因：{esc(sig.refusal_reason)}", st.cell), "", ""]]
    heights: list[float | None] = [12 * mm, None]
    extra: list[tuple[Any, ...]] = [("SPAN", (1, row + 1), (3, row + 1))]
    if sig.witness_name or sig.witness_png:
        witness = p(_printed_name(sig.witness_name), st.cell_c)
        if sig.witness_png:
            mark: Any = SignatureImage(sig.witness_png, 46 * mm, 16 * mm)
        else:
            mark = ""
            extra.append(("LINEBELOW", (1, row + 2), (1, row + 2), 0.5, colors.black))
        rows.append([p("见证人（签名）", st.cell), mark, witness, when])
        heights.append(SIGNATURE_ROW)
    return rows, heights, extra


def signature_height(signatures: tuple[Signature, ...]) -> float:
    """About how tall ``signature_blocks`` is (to keep it on one page with its heading)."""
    return float(sum((SIGNATURE_ROW if s.image_png or s.refusal_reason else PAPER_ROW)
                     + (24 * mm if s.refusal_reason else 0) for s in signatures) + 2 * mm)


def signature_blocks(signatures: tuple[Signature, ...], st: Styles) -> list[Flowable]:
    """The signers one below the other: role, the signature (image, blank line or refusal), name and date."""
    rows: list[list[Any]] = []
    heights: list[float | None] = []
    extra: list[tuple[Any, ...]] = []
    for sig in signatures:
        r, h, e = _signature_rows(sig, st, len(rows))
        rows += r
        heights += h
        extra += e
    if not rows:
        return []
    table = Table(rows, colWidths=list(SIGNATURE_WIDTHS), rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), st.font),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                               ("TOPPADDING", (0, 0), (-1, -1), 6), *extra]))
    return [Spacer(1, 2 * mm), table]


def photo_appendix(photos: tuple[Photo, ...], st: Styles, title: str = "附件：现场照片") -> list[Flowable]:
    """Numbered, captioned photos, two per page, embedded without re-encoding."""
    if not photos:
        return []
    story: list[Flowable] = [PageBreak(), p(f"{title}（共 {len(photos)} 张）", st.heading)]
    box_h = 92 * mm
    for photo in sorted(photos, key=lambda ph: ph.number):
        src = JpegSource(photo.jpeg, photo.sha256_original or str(photo.number))
        caption: list[tuple[str, float]] = [(f"照片 {photo.number}\u3000{photo.caption}", 9.5)]
        meta = []
        if photo.finding_number is not None:
            meta.append(f"对应问题第 {photo.finding_number} 项")
        if photo.captured_at is not None:
            source = f"（{photo.time_source}）" if photo.time_source else ""
            meta.append(f"拍摄时间：{photo.captured_at:%Y-%m-%d %H:%M:%S}{source}")
        if meta:
            caption.append(("\u3000".join(meta), 9))
        caption.extend((note, 9) for note in photo.notes)
        caption.append((f"原图 SHA-256：{photo.sha256_original}", 7))
        story.append(PhotoBlock(src, FRAME_W, box_h, st.font, caption))
        story.append(Spacer(1, 6 * mm))
    return story
