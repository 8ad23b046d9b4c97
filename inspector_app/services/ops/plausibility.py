"""Operations on evidence plausibility: the inspector accepts a photo's warnings after looking at it.

Nothing is rejected and nothing is removed: the photo stays, ``photos.plausibility_ack`` records which
warnings were accepted, and an audit row records who, when and the statements accepted. The printed
record still states the mismatch (``services.sheets``), with the acceptance beside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from inspector_app.services import inspections, photos, plausibility
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes, OpResult
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace


def accept_warnings(ws: Workspace, photo_id: int, actor: str, codes: Iterable[str] | None = None,
                    *, inspection_id: int | None = None) -> OpResult[str]:
    """Accept the photo's current warnings (or only ``codes``); the value is the codes now accepted
    (``"time_before,outside_area"``). Accepting what is already accepted changes nothing (no audit row,
    no change announced). ``inspection_id``, when given, must be the photo's inspection (the CLI names
    both). Raises ``NotFoundError`` / ``LifecycleError`` (a locked inspection: reopen first, except for
    a rectification photo) / ``ValidationError`` (an unknown code)."""
    with unit_of_work(ws) as session:
        photo = photos.get_photo(session, photo_id)
        if inspection_id is not None and photo.inspection_id != inspection_id:
            raise plausibility.photo_elsewhere(photo_id, inspection_id)
        inspection = inspections.get(session, photo.inspection_id)
        old, new = plausibility.accept(session, photo, actor, codes)
        if old == new:
            return OpResult(new, NO_CHANGES)
        return OpResult(new, Changes.of(ChangeKind.PHOTOS, inspections=[inspection.id],
                                        enterprises=[inspection.enterprise_id]))
