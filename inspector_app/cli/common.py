"""What the handlers that work on a workspace share: opening it and who acts. No Qt here: every
non-GUI command must run on a machine without a display.

The output helpers live in ``cli.output`` (importable without SQLAlchemy) and are re-exported here for
the handler modules."""

from __future__ import annotations

import argparse
import getpass

from inspector_app.cli import database_password, language
from inspector_app.cli.output import FORMATS, CliError, fail, render, write_out
from inspector_app.config import resolve_data_dir
from inspector_app.services.ops.workspace import refresh_outcomes
from inspector_app.services.queries.workspace import settings, signing_name
from inspector_app.storage.engine import Workspace, open_workspace

__all__ = ["FORMATS", "CliError", "actor", "default_actor", "fail", "refreshed_workspace", "render", "workspace",
           "write_out"]


def workspace(args: argparse.Namespace) -> Workspace:
    """Open (creating or migrating) the workspace named by --data-dir / INSPECTOR_DATA_DIR / the user
    data folder, its database on PostgreSQL when --database or the folder's database.url names one
    (the password from libpq's sources or the keyring). It is remembered on ``args`` so that
    ``actor(args)`` can ask it who signs here."""
    ws = open_workspace(resolve_data_dir(getattr(args, "data_dir", None)), database=getattr(args, "database", None),
                        password=database_password)
    args.opened_workspace = ws
    if getattr(args, "database", None) or ws.database:  # an office database: its setting is read now
        language.apply_setting(next((s.value for s in settings(ws) if s.key == language.SETTING), None))
    return ws


def refreshed_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace, with today's outcome refresh done (deadlines that passed turn cached outcomes):
    what lists and reports of outcomes read from."""
    ws = workspace(args)
    refresh_outcomes(ws)
    return ws


def default_actor() -> str:
    """Who the CLI records as acting when ``--by`` is not given: the login name."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers, services)
        return "cli"


def actor(args: argparse.Namespace) -> str:
    """``--by NAME`` when given; else the person this workspace signs bundles as (the office accepts an
    inspector's audit rows only under that name, docs/bundle-format.md §10); else the login name."""
    by = getattr(args, "by", None)
    if by:
        return str(by)
    ws = getattr(args, "opened_workspace", None)
    signer = signing_name(ws) if isinstance(ws, Workspace) else ""
    return signer or default_actor()
