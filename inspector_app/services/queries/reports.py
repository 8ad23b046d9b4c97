"""Read models for the reporting deadlines: progress of the look-back per district (辖市区) and the
next deadlines themselves. The district aggregation is the building block ``services.reporting``."""

from __future__ import annotations

from datetime import date
from typing import Any

from inspector_app.domain.reporting import next_deadlines
from inspector_app.services import reporting
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace

DISTRICT_COLUMNS = reporting.DISTRICT_COLUMNS
DEADLINE_COLUMNS = ("deadline", "title", "from", "to")


def district_rows(ws: Workspace) -> list[dict[str, Any]]:
    """One row per district plus a 合计 row: enterprises, inspections, finished, their outcomes
    (maintain / rectify / delist), hazards found and closed. Cached outcomes are as fresh as the last
    ``ops.workspace.refresh_outcomes``: callers that print figures refresh first."""
    with reading(ws) as session:
        return reporting.district_progress(session)


def deadline_rows(today: date) -> list[dict[str, Any]]:
    """Every reporting period's next deadline on or after ``today`` (resources/reporting_periods.json),
    soonest first."""
    return [{"deadline": d.isoformat(), "title": p.title, "from": p.sender, "to": p.receiver}
            for d, p in next_deadlines(today)]
