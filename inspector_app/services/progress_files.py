"""The progress report as files: the PDF (``reports.progress_pdf``), the workbook (``tabular.xlsx_writer``)
and the generated summary that stands in for the written section when the office wrote none. Used by
``report progress --format pdf|xlsx`` (through the read model) and by the filed reports."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from inspector_app.domain.campaign import CHECK_KINDS
from inspector_app.reports.progress_pdf import Group, ProgressDoc, TableSection, cn_date, render_progress_pdf
from inspector_app.services.progress import (
    KIND_CONCLUSIONS,
    PROGRESS_HEADINGS,
    ProgressReport,
    columns_for,
)
from inspector_app.tabular.xlsx_writer import Sheet, write_workbook

# The title of each kind of duty's report (domain.campaign.DUTY_KINDS), and the kinds of check it covers
# (None: every kind the campaign names).
REPORT_TITLES: dict[str, str] = {"progress": "“回头看”工作推进落实情况表",
                                 "self_inspection": "评审质量自查自纠情况表",
                                 "audit_plan": "运行质量审计计划及结果运用情况表"}
REPORT_KINDS: dict[str, tuple[str, ...] | None] = {"progress": None, "self_inspection": ("review_quality",),
                                                   "audit_plan": ("audit",)}
DEFINITIONS = ("说明：按企业计数，同一企业同类检查有多次的按最近一次计；状态为统计截至日当天的状态；“已完成”含已完成锁定、"
               "已导出、已接收、已验收，不含退回修改；检查结论只计已完成的检查；隐患“已整改”指复查合格，“逾期未整改”指"
               "截至日已过整改期限且未复查合格；“证书已过期”指纳入范围的企业中截至日证书已到期的。")


def kind_title(kind: str) -> str:
    return CHECK_KINDS.get(kind, kind)


def _n(row: dict[str, Any], key: str) -> int:
    return int(row.get(key) or 0)


def summary(report: ProgressReport) -> str:
    """The generated written section: one paragraph per kind of check, from its 合计 row."""
    paragraphs = []
    for kind in report.kinds:
        t = report.total(kind)
        where = report.jurisdiction or "本辖区"
        text = f"截至{cn_date(report.as_of)}，{where}"
        if kind == "lookback":
            text += f"纳入{kind_title(kind)}范围的企业{_n(t, 'in_scope')}家；{kind_title(kind)}"
        else:
            text += kind_title(kind)
        text += (f"已分配{_n(t, 'assigned')}家，已到场检查{_n(t, 'visited')}家，已完成{_n(t, 'completed')}家"
                 f"（其中已验收{_n(t, 'accepted')}家），退回修改{_n(t, 'returned')}家。")
        conclusions = "、".join(f"{PROGRESS_HEADINGS[c]}{_n(t, c)}家" for c in KIND_CONCLUSIONS.get(kind, ()))
        if conclusions:
            text += f"已完成的检查中，{conclusions}。"
        text += (f"发现一般隐患{_n(t, 'hazards_general')}项、重大隐患{_n(t, 'hazards_major')}项，已整改（复查合格）"
                 f"一般{_n(t, 'rectified_general')}项、重大{_n(t, 'rectified_major')}项，逾期未整改一般"
                 f"{_n(t, 'overdue_general')}项、重大{_n(t, 'overdue_major')}项。")
        if kind == "lookback":
            text += f"纳入范围的企业中证书已过期{_n(t, 'certs_expired')}家。"
        paragraphs.append(text)
    return "\n".join(paragraphs)


def notes(report: ProgressReport) -> list[str]:
    lines = [DEFINITIONS]
    filed = [f"{area}：{source}" for area, source in report.sources.items() if source]
    if filed:
        lines.append(f"数据来源：{'；'.join(filed)}。")
    if report.unfiled:
        lines.append(f"未报送的下级单位：{'、'.join(report.unfiled)}（其数据按本机关掌握的记录统计）。")
    return lines


def _groups(kind: str) -> list[Group]:
    own = KIND_CONCLUSIONS.get(kind, ())
    return [Group(PROGRESS_HEADINGS["in_scope"], 1), Group("检查进度（家）", 5), Group("检查结论（家）", len(own)),
            Group("隐患（项）", 6), Group(PROGRESS_HEADINGS["certs_expired"], 1)]


def sections(report: ProgressReport) -> list[TableSection]:
    out = []
    for kind in report.kinds:
        columns = columns_for(kind)
        rows = [[r["area"], *(r.get(c) for c in columns)] for r in report.rows_of(kind)]
        out.append(TableSection(kind_title(kind), [PROGRESS_HEADINGS[c] for c in columns], _groups(kind), rows))
    return out


def render_pdf(report: ProgressReport, *, title: str = REPORT_TITLES["progress"],
               text: str = "", number: str = "", filed_on: date | None = None, filed_by: str = "",
               font_path: str | None = None) -> bytes:
    doc = ProgressDoc(title=title, authority=report.authority, campaign=report.campaign_title, basis=report.basis,
                      jurisdiction=report.jurisdiction, as_of=report.as_of, sections=sections(report),
                      text=text.strip() or summary(report), notes=notes(report), number=number,
                      filed_on=filed_on, filed_by=filed_by)
    pdf, _pages = render_progress_pdf(doc, font_path=font_path)
    return pdf


def preamble(report: ProgressReport, title: str, number: str = "") -> list[str]:
    lines = [title, f"活动：{report.campaign_title}（{report.campaign_id}）",
             f"填报单位：{report.authority}　辖区：{report.jurisdiction or '（未设置）'}　"
             f"统计截至：{report.as_of.isoformat()}"]
    if number:
        lines.append(f"编号：{number}")
    return lines


def _rows(report: ProgressReport, kind: str, columns: Sequence[str]) -> Iterator[list[Any]]:
    for row in report.rows_of(kind):
        yield [row["area"], *(row.get(c) for c in columns)]


def sheets(report: ProgressReport, *, title: str = REPORT_TITLES["progress"], number: str = "",
           text: str = "") -> list[Sheet]:
    """One sheet per kind of check (named by it, without the quotes), then 说明 (text and notes)."""
    head = preamble(report, title, number)
    out = []
    for kind in report.kinds:
        columns = columns_for(kind)
        headings = ["辖区", *(PROGRESS_HEADINGS[c] for c in columns)]
        widths = [16.0] + [max(8.0, min(14.0, len(PROGRESS_HEADINGS[c]) * 1.6 + 2)) for c in columns]
        out.append(Sheet(kind_title(kind).strip("“”"), headings, _rows(report, kind, columns), widths,
                         [head[0] + "　" + kind_title(kind), *head[1:]]))
    body = [[line] for line in (text.strip() or summary(report)).splitlines()] + [[n] for n in notes(report)]
    out.append(Sheet("说明", ["工作开展情况及说明"], body, [120.0], head))
    return out


def write_xlsx(report: ProgressReport, target: IO[bytes] | Path, *, title: str = REPORT_TITLES["progress"],
               number: str = "", text: str = "") -> None:
    write_workbook(target, sheets(report, title=title, number=number, text=text),
                   title=f"{title} {report.jurisdiction} 截至{report.as_of.isoformat()}", creator=report.authority)


def xlsx_bytes(report: ProgressReport, **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(report, buffer, **kwargs)
    return buffer.getvalue()
