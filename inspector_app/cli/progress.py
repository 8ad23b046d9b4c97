"""``report progress``: the campaign's progress per area, counted by enterprise, as of a date – as a
table, CSV, JSON, a workbook or a PDF. Every format names the campaign, the office's jurisdiction and the
as-of date; headings are Chinese, JSON keys English (docs/reports.md)."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date
from pathlib import Path

from inspector_app.cli.common import fail, refreshed_workspace, render, write_out
from inspector_app.cli.output import csv_cell
from inspector_app.services.queries.progress import (
    FIGURES,
    PROGRESS_HEADINGS,
    REPORT_TITLE,
    ProgressReport,
    columns_for,
    progress_pdf,
    progress_report,
    write_progress_xlsx,
)
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.translation import _


def as_of_date(text: str | None, option: str = "--as-of") -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        fail(_("{option}：日期“{text}”应写成 YYYY-MM-DD").format(option=option, text=text), 2)


def header_lines(report: ProgressReport) -> list[str]:
    return [REPORT_TITLE, _("活动：{campaign_title}（{campaign_id}）").format(campaign_title=report.campaign_title, campaign_id=report.campaign_id),
            _("填报单位：{authority}").format(authority=report.authority), _("辖区：{jurisdiction}").format(jurisdiction=report.jurisdiction or _('（未设置）')),
            _("统计截至：{as_of}").format(as_of=report.as_of.isoformat())]


def _headed(rows: list[dict[str, object]], columns: tuple[str, ...]) -> list[dict[str, object]]:
    return [{PROGRESS_HEADINGS[c]: r.get(c) for c in columns} for r in rows]


def as_table(report: ProgressReport) -> str:
    parts = ["\n".join(header_lines(report)) + "\n"]
    for kind in report.kinds:
        columns = ("area", *columns_for(kind))
        rows = report.rows_of(kind)
        parts.append(f"\n{rows[0]['kind_label'] if rows else kind}\n")
        parts.append(render(_headed(rows, columns), [PROGRESS_HEADINGS[c] for c in columns], "table"))
    return "".join(parts)


def as_csv(report: ProgressReport) -> str:
    """Three lines naming the campaign, the jurisdiction and the date, a blank line, then the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([csv_cell(part) for part in line.split("：", 1)] for line in header_lines(report))
    columns = ("kind_label", "area", *FIGURES)
    table = render(_headed(report.rows, columns), [PROGRESS_HEADINGS[c] for c in columns], "csv")
    return buffer.getvalue() + "\n" + table


def progress(args: argparse.Namespace) -> int:
    as_of = as_of_date(args.as_of)
    output: Path | None = args.output
    if args.format in ("xlsx", "pdf") and output is None:
        fail(_("--format {format} 须用 -o 指定输出文件").format(format=args.format), 2)
    if output is not None and output.is_dir():
        fail(_("{output} 是一个文件夹；请用 -o 给出文件名").format(output=output), 2)
    report = progress_report(refreshed_workspace(args), args.campaign or "", as_of)
    try:
        written = _write(report, args.format, output)
    except OSError as exc:
        fail(_("无法写入 {output}：{strerror}").format(output=output, strerror=exc.strerror or exc))
    if written:
        write_out(_("已写入 {output}（{jurisdiction}，截至 {as_of}）\n").format(output=output, jurisdiction=report.jurisdiction or _('本工作区'), as_of=report.as_of.isoformat()))
    return 0


def _write(report: ProgressReport, fmt: str, output: Path | None) -> bool:
    if fmt == "xlsx":
        assert output is not None
        write_progress_xlsx(report, output)
        return True
    if fmt == "pdf":
        assert output is not None
        atomic_write_bytes(output, progress_pdf(report))
        return True
    if fmt == "json":
        text = json.dumps(report.document(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = as_csv(report) if fmt == "csv" else as_table(report)
    if output is None:
        write_out(text)
        return False
    atomic_write_bytes(output, text.encode("utf-8-sig" if fmt == "csv" else "utf-8"))
    return True
