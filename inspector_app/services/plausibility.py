"""Evidence plausibility on the database: the rules of ``domain.plausibility`` applied to an inspection's
photos, the workspace's thresholds, the district an inspection is checked against, and the inspector's
acceptance of a photo's warnings (``photos.plausibility_ack``, audited). Nothing is ever rejected here.

Which district: the enterprise's ``district`` (e.g. 武进区), else the district its address names
(常州市武进区…), else this office's ``jurisdiction`` setting; none found – no place-outside warning, the
other rules still apply.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.plausibility import (
    FAR_FROM_SITE,
    OUTSIDE_AREA,
    WARNING_CODES,
    Area,
    InspectionFacts,
    PhotoCheck,
    PhotoFacts,
    Thresholds,
    assess,
    find_area,
    format_ack,
    km_text,
    parse_ack,
    shipped_regions,
)
from inspector_app.photos.watermark import StampInfo
from inspector_app.services import audit, workspace_meta
from inspector_app.services.inspections import get as get_inspection
from inspector_app.services.inspections import require_editable, require_own
from inspector_app.services.photos import list_photos
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_evidence import Photo
from inspector_app.translation import _

DAYS_BEFORE, DISTANCE_KM, MARGIN_KM = "photo_days_before", "photo_distance_km", "photo_region_margin_km"
SETTINGS = (DAYS_BEFORE, DISTANCE_KM, MARGIN_KM)


def _number(session: Session, key: str, default: float) -> float:
    text = workspace_meta.get(session, key).strip()
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if value >= 0 else default


def thresholds(session: Session) -> Thresholds:
    """The workspace's limits (``workspace set photo_days_before 3`` …), the defaults where unset."""
    default = Thresholds()
    return Thresholds(days_before=_number(session, DAYS_BEFORE, default.days_before),
                      distance_km=_number(session, DISTANCE_KM, default.distance_km),
                      margin_km=_number(session, MARGIN_KM, default.margin_km))


def area_for(session: Session, inspection: Inspection) -> Area | None:
    """The district (or city) the inspection's photos are expected in, or None when none is known."""
    enterprise = inspection.enterprise
    hints = [enterprise.district or "", enterprise.address or ""] if enterprise is not None else []
    hints.append(workspace_meta.get(session, "jurisdiction"))
    found = find_area(shipped_regions(), *hints)
    return found[1] if found is not None else None


def area_and_source(session: Session, inspection: Inspection) -> tuple[str, str] | None:
    """(district name, the source of its box) for the CLI and the report, or None."""
    enterprise = inspection.enterprise
    hints = [enterprise.district or "", enterprise.address or ""] if enterprise is not None else []
    hints.append(workspace_meta.get(session, "jurisdiction"))
    found = find_area(shipped_regions(), *hints)
    return (found[1].name, found[0].source_of(found[1])) if found is not None else None


def photo_facts(photo: Photo) -> PhotoFacts:
    gps = (photo.gps_lat, photo.gps_lon) if photo.gps_lat is not None and photo.gps_lon is not None else None
    return PhotoFacts(photo.id, photo.captured_at, photo.captured_offset or "", photo.time_source or "",
                      gps, rectification=photo.finding_id is not None or photo.role == "after",
                      added_at=photo.added_at)


def inspection_facts(session: Session, inspection: Inspection, now: datetime | None = None) -> InspectionFacts:
    locked = InspectionStatus(inspection.status).locked
    return InspectionFacts(started_at=inspection.started_at,
                           locked_at=inspection.completed_at if locked else None,
                           now=now or datetime.now().replace(microsecond=0), area=area_for(session, inspection))


def check_photos(session: Session, inspection: Inspection, photos: Sequence[Photo],
                 now: datetime | None = None) -> dict[int, PhotoCheck]:
    """The verdicts on ``photos`` – all of the inspection's, in any order – by photo id."""
    accepted = {p.id: parse_ack(p.plausibility_ack) for p in photos}
    return assess(inspection_facts(session, inspection, now), [photo_facts(p) for p in photos], accepted,
                  thresholds(session))


def photo_elsewhere(photo_id: int, inspection_id: int) -> NotFoundError:
    """The refusal when a photo named with an inspection belongs to another one."""
    return NotFoundError(_("检查 {inspection} 中没有编号为 {photo} 的照片").format(inspection=inspection_id,
                                                                         photo=photo_id))


def accept(session: Session, photo: Photo, actor: str, codes: Iterable[str] | None = None,
           now: datetime | None = None) -> tuple[str, str]:
    """Accept the photo's current warnings (or only ``codes`` of them): the inspector has looked and the
    photo stays. Stores the union with what was accepted before (a decision is never lost) and writes an
    audit row naming the statements accepted. Returns (old, new) ``plausibility_ack``; the same twice
    changes nothing and writes nothing.

    Allowed where the photo may be edited: an open inspection, or a rectification photo (linked to a
    finding) of a locked one – as captions are (``services.photos``)."""
    inspection = get_inspection(session, photo.inspection_id)
    if photo.finding_id is None:
        require_editable(inspection)
    else:
        require_own(inspection)
    checks = check_photos(session, inspection, list_photos(session, inspection.id), now)
    current = {w.code: w for w in checks[photo.id].warnings}
    wanted = set(current) if codes is None else set(codes)
    unknown = wanted - set(WARNING_CODES)
    if unknown:
        raise ValidationError(_("未知的提示代码：{codes}（可用：{known}）").format(
            codes="、".join(sorted(unknown)), known="、".join(WARNING_CODES)))
    old = photo.plausibility_ack or ""
    new = format_ack(parse_ack(old) | (wanted & set(current)))
    if new == old:
        return old, new
    photo.plausibility_ack = new
    statements = "；".join(current[code].statement() for code in sorted(wanted & set(current)))
    audit.record(session, inspection, "photo", photo.uid, "plausibility_ack", old, new, actor,
                 reason=f"检查人员确认照片无误：{statements}")
    audit.touch(inspection)
    return old, new


# -- what the printed record says -----------------------------------------------------------------
#
# A bureau reading the record wants to know that a photo's time or place does not match the visit, and
# whether the inspector saw it and vouched for the photo anyway. So the paper states every warning,
# accepted or not (an acceptance is the inspector's word, not a fact that makes the mismatch go away; a
# reviewer or a court must still be able to weigh it), and says beside each whether the inspector
# confirmed it. Who confirmed it and when is in the audit trail. The stamp on the image no longer puts
# GPS coordinates beside the site's address when they do not agree: it states the mismatch instead.


def _coordinates(lat: float, lon: float) -> str:
    return f"{abs(lat):.5f}°{'N' if lat >= 0 else 'S'} {abs(lon):.5f}°{'E' if lon >= 0 else 'W'}"


def stamp(info: StampInfo, photo: Photo, check: PhotoCheck | None) -> StampInfo:
    """The photo's stamp with its mismatches stated: "时间：…（与检查时间不符）", and the GPS fix with
    "（不在本辖区内）" / "（距检查场所约 N km）" instead of the site's address."""
    if check is None:
        return info
    time_text = info.time_text
    if check.time_warning is not None and time_text:
        time_text += "（与检查时间不符）"
    location = info.location_text
    place = [w for w in check.warnings if w.code in (OUTSIDE_AREA, FAR_FROM_SITE)]
    if place and photo.gps_lat is not None and photo.gps_lon is not None:
        said = "，".join("不在本辖区内" if w.code == OUTSIDE_AREA else f"距检查场所约 {km_text(w.amount)} km"
                        for w in place)
        location = f"{_coordinates(photo.gps_lat, photo.gps_lon)}（{said}）"
    if (time_text, location) == (info.time_text, info.location_text):
        return info
    return dataclasses.replace(info, time_text=time_text, location_text=location)


def caption_notes(check: PhotoCheck | None) -> tuple[str, ...]:
    """The lines under a photo on the printed record: "核验提示（检查人员已确认）：…" for the warnings the
    inspector accepted, "核验提示（未经检查人员确认）：…" for the others (and a device-clock time that is
    off, which nobody can confirm)."""
    if check is None:
        return ()
    accepted = [w.statement() for w in check.warnings if w.code in check.accepted]
    open_ = [w.statement() for w in check.open_warnings] + [n.statement() for n in check.notes if n.amount is not None]
    lines = []
    if accepted:
        lines.append("核验提示（检查人员已确认）：" + "；".join(accepted))
    if open_:
        lines.append("核验提示（未经检查人员确认）：" + "；".join(open_))
    return tuple(lines)
