"""The day outcomes were last refreshed (see ``outcome_refresh``), readable without SQLAlchemy so that
the CLI's fast read path can check it for free."""

from __future__ import annotations

from datetime import date

STAMP_KEY = "outcomes_refreshed_on"


def refreshed_today(stamp: str | None, today: date | None = None) -> bool:
    return stamp == (today or date.today()).isoformat()
