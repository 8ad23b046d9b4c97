"""Evidence plausibility on the database: the rules of ``domain.plausibility`` applied to an inspection's
photos, the workspace's thresholds, the district an inspection is checked against, and the inspector's
acceptance of a photo's warnings (``photos.plausibility_ack``, audited). Nothing is ever rejected here.

Which district: the enterprise's ``district`` (e.g. 武进区), else the district its address names
(常州市武进区…), else this office's ``jurisdiction`` setting; none found – no place-outside warning, the
other rules still apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.domain.plausibility import (
    WARNING_CODES,
    Area,
    InspectionFacts,
    PhotoCheck,
    Thresholds,
    find_area,
    format_ack,
    parse_ack,
    shipped_regions,
)
from inspector_app.services import audit, sheet_build, workspace_meta
from inspector_app.services.inspections import get as get_inspection
from inspector_app.services.inspections import require_editable, require_own
from inspector_app.services.photos import list_photos
from inspector_app.services.sheet_build import DAYS_BEFORE as DAYS_BEFORE
from inspector_app.services.sheet_build import DISTANCE_KM as DISTANCE_KM
from inspector_app.services.sheet_build import MARGIN_KM as MARGIN_KM
from inspector_app.services.sheet_build import area_hints, area_of, photo_checks, thresholds_of
from inspector_app.services.sheet_build import caption_notes as caption_notes
from inspector_app.services.sheet_build import photo_facts as photo_facts
from inspector_app.services.sheet_build import stamp as stamp
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_evidence import Photo
from inspector_app.translation import _

SETTINGS = (DAYS_BEFORE, DISTANCE_KM, MARGIN_KM)


def _setting(session: Session) -> Callable[[str], str]:
    return lambda key: workspace_meta.get(session, key)


def thresholds(session: Session) -> Thresholds:
    """The workspace's limits (``workspace set photo_days_before 3`` …), the defaults where unset."""
    return thresholds_of(_setting(session))


def area_for(session: Session, inspection: Inspection) -> Area | None:
    """The district (or city) the inspection's photos are expected in, or None when none is known."""
    return area_of(inspection, _setting(session))


def area_and_source(session: Session, inspection: Inspection) -> tuple[str, str] | None:
    """(district name, the source of its box) for the CLI and the report, or None."""
    found = find_area(shipped_regions(), *area_hints(inspection, _setting(session)))
    return (found[1].name, found[0].source_of(found[1])) if found is not None else None


def inspection_facts(session: Session, inspection: Inspection, now: datetime | None = None) -> InspectionFacts:
    return sheet_build.inspection_facts(inspection, _setting(session), now)


def check_photos(session: Session, inspection: Inspection, photos: Sequence[Photo],
                 now: datetime | None = None) -> dict[int, PhotoCheck]:
    """The verdicts on ``photos`` – all of the inspection's, in any order – by photo id."""
    return photo_checks(inspection, photos, _setting(session), now)


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


# What the printed record says (the stamp's mismatches, the caption's notes): ``services.sheet_build``
# (``stamp``, ``caption_notes``, re-exported here), which the quick print shares.
