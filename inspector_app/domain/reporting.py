"""Reporting deadlines as data (``resources/reporting_periods.json``), never as constants in code."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.template import resource_path


@dataclass(frozen=True)
class ReportingPeriod:
    id: str
    title: str
    sender: str
    receiver: str
    month: int
    day: int

    def deadline(self, year: int) -> date:
        # 2月29日 in a common year falls back to the last day of February.
        return date(year, self.month, min(self.day, calendar.monthrange(year, self.month)[1]))


def load_periods(path: Path | None = None) -> list[ReportingPeriod]:
    path = path or resource_path("reporting_periods.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        periods = [ReportingPeriod(p["id"], p["title"], p["from"], p["to"], int(p["month"]), int(p["day"]))
                   for p in data["periods"]]
        for p in periods:
            p.deadline(2020)  # validates month and day
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"{path.name}：报送时间配置无效（{exc}）") from exc
    return periods


def next_deadlines(today: date, periods: list[ReportingPeriod] | None = None) -> list[tuple[date, ReportingPeriod]]:
    """Every period's next deadline on or after ``today``, soonest first."""
    periods = periods if periods is not None else load_periods()
    upcoming = []
    for period in periods:
        deadline = period.deadline(today.year)
        if deadline < today:
            deadline = period.deadline(today.year + 1)
        upcoming.append((deadline, period))
    return sorted(upcoming, key=lambda pair: pair[0])
