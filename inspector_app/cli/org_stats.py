"""``orgs stats [--reviewers]``: per review organisation (or per reviewer) the certificates it stands
behind, how many were looked back, their conclusions, the share recommended for 摘牌, the look-back
score against the review score and the conflict flags (definitions: docs/registers.md). Table and CSV
with Chinese headings, JSON with English keys, a workbook with ``-o``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.cli.common import fail, refreshed_workspace, render, write_out
from inspector_app.services.queries.org_stats import (
    ORG_STATS_KEYS,
    REVIEWER_STATS_KEYS,
    STATS_HEADINGS,
    org_stats,
    reviewer_stats,
    write_stats_xlsx,
)
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.translation import _


def _shown(row: dict[str, Any], keys: tuple[str, ...], fmt: str) -> dict[str, Any]:
    """A row under Chinese headings; in the table the share as a percentage."""
    out = {STATS_HEADINGS[k]: row.get(k) for k in keys}
    share = row.get("delist_share")
    if fmt == "table" and share is not None:
        out[STATS_HEADINGS["delist_share"]] = f"{share * 100:.1f}%"
    if fmt == "table":  # the stored words (a status, a conclusion) in the run's language
        out.update({STATS_HEADINGS[k]: _(row[k]) for k in ("status", "review_quality") if k in keys and row.get(k)})
    return out


def stats(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if args.format == "xlsx" and output is None:
        fail(_("--format xlsx 须用 -o 指定输出文件"), 2)
    if output is not None and output.is_dir():
        fail(_("{output} 是一个文件夹；请用 -o 给出文件名").format(output=output), 2)
    ws = refreshed_workspace(args)
    per_reviewer = bool(args.reviewers)
    rows = reviewer_stats(ws) if per_reviewer else org_stats(ws)
    keys = REVIEWER_STATS_KEYS if per_reviewer else ORG_STATS_KEYS
    try:
        if args.format == "xlsx":
            assert output is not None
            write_stats_xlsx(rows, per_reviewer, output)
            write_out(_("已写入 {output}（{count} 行）\n").format(output=output, count=len(rows)))
            return 0
        if args.format == "json":
            text = render(rows, keys, "json")
        else:
            text = render([_shown(r, keys, args.format) for r in rows], [STATS_HEADINGS[k] for k in keys], args.format)
        if output is None:
            write_out(text)
            return 0
        atomic_write_bytes(output, text.encode("utf-8-sig" if args.format == "csv" else "utf-8"))
    except OSError as exc:
        fail(_("无法写入 {output}：{strerror}").format(output=output, strerror=exc.strerror or exc))
    write_out(_("已写入 {output}（{count} 行）\n").format(output=output, count=len(rows)))
    return 0
