"""``workspace gc [--dry-run] [--shared-ok]``: remove the derived images no record uses any more
(``services.ops.store_gc``); originals and printed documents are never touched."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import workspace, write_out
from inspector_app.services.ops.store_gc import collect_derived, describe


def collect(args: argparse.Namespace) -> int:
    report = collect_derived(workspace(args), dry_run=bool(args.dry_run), shared_ok=bool(getattr(args, "shared_ok", False)))
    write_out(describe(report))
    return 0
