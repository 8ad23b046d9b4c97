"""Read model of evidence plausibility: the warnings and notes on each photo of an inspection, what the
inspector has accepted, and what they were checked against (the district, the thresholds). The rules are
``domain.plausibility``; ``photos check`` prints this, the gallery gets the same verdicts with its rows
(``queries.evidence.photo_rows``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from inspector_app.domain.plausibility import PhotoCheck, Thresholds
from inspector_app.services import photos as photo_service
from inspector_app.services import plausibility
from inspector_app.services.inspections import get as get_inspection
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace


@dataclass(frozen=True)
class PhotoVerdict:
    photo_id: int
    file_name: str
    captured_at: datetime | None
    time_source: str
    gps: tuple[float, float] | None
    check: PhotoCheck


@dataclass(frozen=True)
class PlausibilityReport:
    inspection_id: int
    area: str  # the district the photos were checked against, "" when none is known
    area_source: str  # where its box comes from (resources/geo)
    thresholds: Thresholds
    photos: tuple[PhotoVerdict, ...]

    @property
    def open_warnings(self) -> int:
        return sum(len(p.check.open_warnings) for p in self.photos)


def check_inspection(ws: Workspace, inspection_id: int, now: datetime | None = None) -> PlausibilityReport:
    """Every photo of the inspection with its verdicts. Raises ``NotFoundError`` for an unknown one."""
    with reading(ws) as session:
        inspection = get_inspection(session, inspection_id)
        rows = photo_service.list_photos(session, inspection_id)
        checks = plausibility.check_photos(session, inspection, rows, now)
        found = plausibility.area_and_source(session, inspection)
        limits = plausibility.thresholds(session)
        verdicts = tuple(PhotoVerdict(p.id, p.original_name, p.captured_at, p.time_source or "",
                                      (p.gps_lat, p.gps_lon) if p.gps_lat is not None and p.gps_lon is not None
                                      else None, checks[p.id]) for p in rows)
    return PlausibilityReport(inspection_id, found[0] if found else "", found[1] if found else "", limits, verdicts)


def document(report: PlausibilityReport) -> dict[str, Any]:
    """JSON-ready (``photos check --format json``): stable keys, codes as stored."""
    def finding(w: Any, accepted: frozenset[str]) -> dict[str, Any]:
        return {"code": w.code, "level": w.level, "accepted": w.code in accepted, "reason": w.reason(),
                "statement": w.statement(), "amount": None if w.amount is None else round(w.amount, 3),
                "source": w.rule.source}

    limits = report.thresholds
    return {
        "inspection_id": report.inspection_id, "area": report.area or None, "area_source": report.area_source or None,
        "thresholds": {"days_before": limits.days_before, "distance_km": limits.distance_km,
                       "margin_km": limits.margin_km},
        "photos": [{"photo_id": p.photo_id, "file_name": p.file_name,
                    "captured_at": p.captured_at.isoformat() if p.captured_at else None, "time_source": p.time_source,
                    "gps": {"lat": p.gps[0], "lon": p.gps[1]} if p.gps else None,
                    "findings": [finding(w, p.check.accepted) for w in p.check.findings]} for p in report.photos],
    }
