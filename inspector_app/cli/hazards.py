"""``hazards list``: the hazard ledger (隐患台账) of this office's area – every finding with its enterprise,
severity, deadline, status and days overdue as of a date, overdue 重大 first, with the summary per area
(``services.queries.hazards``). A table (the summary, then the rows), CSV (the rows, Chinese headings),
JSON (English keys: the summary and the rows) or a workbook (汇总 and 隐患台账; needs -o)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from inspector_app.cli.common import fail, refreshed_workspace, render, write_out
from inspector_app.cli.output import worded
from inspector_app.cli.progress import as_of_date
from inspector_app.services.queries.hazards import (
    ROW_COLUMNS,
    ROW_HEADINGS,
    SUMMARY_HEADINGS,
    TITLE,
    HazardFilter,
    HazardLedger,
    filter_text,
    ledger,
    write_xlsx,
)
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.translation import _

TABLE_SUMMARY = ("area", "overdue_major", "overdue_general", "found_major", "found_general", "rectified", "open",
                 "overdue", "closure_pct")
TABLE_ROWS = ("finding_id", "district", "enterprise", "inspection_id", "severity", "deadline", "status",
              "days_overdue", "description")


def _headed(rows: list[dict[str, Any]], columns: tuple[str, ...], headings: dict[str, str]) -> list[dict[str, Any]]:
    return [{headings[c]: r.get(c) for c in columns} for r in rows]


def as_table(found: HazardLedger) -> str:
    lines = [_(TITLE), _("辖区：{jurisdiction}").format(jurisdiction=found.jurisdiction or _('（未设置）')), _("统计截至：{as_of}").format(as_of=found.as_of.isoformat()),
             _("筛选：{filter_text}（汇总不受筛选影响）").format(filter_text=filter_text(found.filters)), _("逾期：整改期限已过且仍为待整改或复查不合格")]
    summary = render(_headed(found.summary, TABLE_SUMMARY, SUMMARY_HEADINGS),
                     [SUMMARY_HEADINGS[c] for c in TABLE_SUMMARY], "table")
    rows = worded([r.document() for r in found.rows], ("severity", "status"), "table")
    table = render(_headed(rows, TABLE_ROWS, ROW_HEADINGS), [ROW_HEADINGS[c] for c in TABLE_ROWS], "table")
    return "\n".join(lines) + "\n\n" + summary + _("\n隐患 {count} 条\n").format(count=len(found.rows)) + table


def as_csv(found: HazardLedger) -> str:
    rows = [r.document() for r in found.rows]
    return render(_headed(rows, ROW_COLUMNS, ROW_HEADINGS), [ROW_HEADINGS[c] for c in ROW_COLUMNS], "csv")


def as_json(found: HazardLedger) -> str:
    """The document (``HazardLedger.document``) compact, a row per line (``indent`` would take the pure-
    Python encoder, several times slower on 300,000 rows)."""
    document = found.document()
    rows = document.pop("rows")
    head = json.dumps(document, ensure_ascii=False, separators=(",", ":"))[:-1]
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
    return f'{head},"rows":[\n{body}\n]}}\n'


def list_hazards(args: argparse.Namespace) -> int:
    as_of = as_of_date(args.as_of)
    output: Path | None = args.output
    if args.format == "xlsx" and output is None:
        fail(_("--format xlsx 须用 -o 指定输出文件"), 2)
    if output is not None and output.is_dir():
        fail(_("{output} 是一个文件夹；请用 -o 给出文件名").format(output=output), 2)
    filters = HazardFilter(severity=args.severity or "", district=args.district or "", status=args.status or "",
                           overdue=bool(args.overdue))
    found = ledger(refreshed_workspace(args), filters, as_of)
    try:
        written = _write(found, args.format, output)
    except OSError as exc:
        fail(_("无法写入 {output}：{strerror}").format(output=output, strerror=exc.strerror or exc))
    if written:
        write_out(_("已写入 {output}：隐患 {count} 条（{jurisdiction}，截至 {as_of}）\n").format(output=output, count=len(found.rows), jurisdiction=found.jurisdiction or _('本工作区'), as_of=found.as_of.isoformat()))
    return 0


def _write(found: HazardLedger, fmt: str, output: Path | None) -> bool:
    if fmt == "xlsx":
        assert output is not None
        write_xlsx(found, output)
        return True
    text = {"json": as_json, "csv": as_csv}.get(fmt, as_table)(found)
    if output is None:
        write_out(text)
        return False
    atomic_write_bytes(output, text.encode("utf-8-sig" if fmt == "csv" else "utf-8"))
    return True
