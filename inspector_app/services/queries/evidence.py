"""Read models of the evidence: an inspection's photos and who has signed, as plain rows; for the command
line the photos as JSON-ready documents (the stable shape of ``photos list --format json`` and of
"photos" in ``inspections show``) and the chain-of-custody check of their originals.

The gallery and the signatures dialog never hold ORM objects: a worker (or, for the few signers, the GUI
thread) reads ``PhotoRow`` / ``SignerRow`` values and the GUI only displays them. Changes go through
``services.ops.evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.plausibility import PhotoCheck
from inspector_app.photos.store import PhotoStore, StoredFileMissing
from inspector_app.photos.watermark import StampContext
from inspector_app.services import photos as photo_service
from inspector_app.services import plausibility
from inspector_app.services.inspections import get as get_inspection
from inspector_app.services.signatures import list_signatures
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models_evidence import Photo, Signature

NO_CHECK = PhotoCheck(0)


@dataclass(frozen=True)
class PhotoRow:
    """What the gallery shows of one photo."""

    id: int
    sha256: str
    file_name: str
    caption: str
    position: int
    item_code: str
    finding_id: int | None
    captured_at: datetime | None
    captured_offset: str
    time_source: str  # "exif" / "device_clock"
    gps: tuple[float, float] | None
    make: str
    model: str
    width: int
    height: int
    size_bytes: int
    role: str  # "" / "before" / "after"
    pair_id: int | None
    thumb_sha256: str
    display_sha256: str
    markup_sha256: str
    markup_json: str
    # Evidence plausibility (domain.plausibility): warnings, notes and what the inspector accepted.
    check: PhotoCheck = NO_CHECK

    @property
    def camera(self) -> str:
        make, model = self.make.strip(), self.model.strip()
        if make and model.lower().startswith(make.lower()):
            return model
        return " ".join(part for part in (make, model) if part)

    @property
    def captured_text(self) -> str:
        if self.captured_at is None:
            return ""
        return self.captured_at.strftime("%Y-%m-%d %H:%M:%S") + (f" {self.captured_offset}" if self.captured_offset else "")

    @property
    def gps_text(self) -> str:
        if self.gps is None:
            return ""
        lat, lon = self.gps
        return f"{abs(lat):.5f}°{'N' if lat >= 0 else 'S'} {abs(lon):.5f}°{'E' if lon >= 0 else 'W'}"

    @property
    def shown_sha256(self) -> str:
        """The image to show large: the marked-up copy when there is one, else the display copy."""
        return self.markup_sha256 or self.display_sha256


def photo_row(photo: Photo, check: PhotoCheck | None = None) -> PhotoRow:
    gps = (photo.gps_lat, photo.gps_lon) if photo.gps_lat is not None and photo.gps_lon is not None else None
    return PhotoRow(
        id=photo.id, sha256=photo.sha256, file_name=photo.original_name, caption=photo.caption or "",
        position=photo.position, item_code=photo.item_code or "", finding_id=photo.finding_id,
        captured_at=photo.captured_at, captured_offset=photo.captured_offset or "",
        time_source=photo.time_source or "", gps=gps, make=photo.make or "", model=photo.model or "",
        width=photo.width, height=photo.height, size_bytes=photo.size_bytes, role=photo.role or "",
        pair_id=photo.pair_id, thumb_sha256=photo.thumb_sha256 or "", display_sha256=photo.display_sha256 or "",
        markup_sha256=photo.markup_sha256 or "", markup_json=photo.markup_json or "",
        check=check or PhotoCheck(photo.id))


def photo_rows(ws: Workspace, inspection_id: int) -> list[PhotoRow]:
    """Every photo of the inspection in display order, with its plausibility verdicts: 500 photos take
    ~10 ms (up to 40) to read on the 10,000/50,000 workspace, and their verdicts ~9 ms more (measured:
    ``domain.plausibility.assess`` on 500 photos with GPS fixes). Read in a worker, never on the GUI thread."""
    with reading(ws) as session:
        rows = photo_service.list_photos(session, inspection_id)
        if not rows:
            return []
        checks = plausibility.check_photos(session, get_inspection(session, inspection_id), rows)
        return [photo_row(p, checks.get(p.id)) for p in rows]


def check_photo_target(ws: Workspace, inspection_id: int, *, item_code: str = "",
                       finding_id: int | None = None) -> StampContext:
    """Raise ``NotFoundError``/``LifecycleError``/``ValidationError`` unless photos may be added there –
    before files are ingested, so that a wrong target fails before any work. Returns the inspection's
    part of the photos' stamp, for the print copies made while adding (``IngestOptions.print_stamp``)."""
    with reading(ws) as session:
        inspection = photo_service.check_photo_target(session, inspection_id, item_code=item_code,
                                                      finding_id=finding_id)
        return photo_service.stamp_context(inspection)


@dataclass(frozen=True)
class SignerRow:
    """One person who must sign (or refuse): an inspector, the enterprise's representative, a witness."""

    role: str  # inspector / enterprise_rep / witness
    name: str
    inspector_id: int | None = None
    certificate: str = ""
    signature_id: int | None = None
    signed_at: datetime | None = None
    image_sha256: str = ""
    refused: bool = False
    refusal_reason: str = ""
    witness_name: str = ""

    @property
    def done(self) -> bool:
        return self.signature_id is not None


@dataclass(frozen=True)
class SignatureState:
    locked: bool
    rows: tuple[SignerRow, ...]


def _signed(row: SignerRow, signature: Signature | None, witnesses: dict[int, Signature]) -> SignerRow:
    if signature is None:
        return row
    witness = witnesses.get(signature.witness_id) if signature.witness_id is not None else None
    return SignerRow(row.role, signature.signer_name or row.name, row.inspector_id, row.certificate, signature.id,
                     signature.signed_at, signature.image_sha256 or "", signature.refused,
                     signature.refusal_reason or "", witness.signer_name if witness else "")


def signers(ws: Workspace, inspection_id: int) -> SignatureState:
    """Each inspector of the inspection, then the enterprise's representative, with what is recorded:
    0.8 ms measured on the 10,000/50,000 workspace (so the dialog may read it on the GUI thread)."""
    with reading(ws) as session:
        return _signers(session, inspection_id)


def _signers(session: Session, inspection_id: int) -> SignatureState:
    inspection = get_inspection(session, inspection_id)
    signatures = list_signatures(session, inspection_id)
    witnesses = {s.id: s for s in signatures if s.role == "witness"}
    rows: list[SignerRow] = []
    for person in inspection.inspectors:
        found = next((s for s in reversed(signatures) if s.role == "inspector" and s.inspector_id == person.id), None)
        rows.append(_signed(SignerRow("inspector", person.name, person.id, person.cert_number or ""), found,
                            witnesses))
    rep = next((s for s in reversed(signatures) if s.role == "enterprise_rep"), None)
    rep_name = inspection.rep_name or ""
    if not rep_name and inspection.enterprise is not None:
        rep_name = inspection.enterprise.legal_rep or ""
    rows.append(_signed(SignerRow("enterprise_rep", rep_name), rep, witnesses))
    return SignatureState(locked=InspectionStatus(inspection.status).locked, rows=tuple(rows))


@dataclass(frozen=True)
class OriginalCheck:
    photo_id: int
    file_name: str
    sha256: str
    intact: bool  # False: the original is missing or its content no longer matches its hash


def photo_documents(ws: Workspace, inspection_id: int) -> list[dict[str, Any]]:
    """Every photo of the inspection in display order (``services.photos.photo_document``). Raises
    ``NotFoundError`` for an unknown inspection."""
    with reading(ws) as session:
        get_inspection(session, inspection_id)
        return [photo_service.photo_document(p) for p in photo_service.list_photos(session, inspection_id)]


def check_originals(ws: Workspace, inspection_id: int) -> list[OriginalCheck]:
    """Re-hash every original of the inspection's photos (outside the read session: hashing a few
    hundred photos takes a while). Raises ``NotFoundError`` for an unknown inspection."""
    with reading(ws) as session:
        get_inspection(session, inspection_id)
        listed = [(p.id, p.original_name, p.sha256) for p in photo_service.list_photos(session, inspection_id)]
    store = photo_service.photo_store(ws.photo_dir)
    return [OriginalCheck(photo_id, name, sha256, _intact(store, sha256)) for photo_id, name, sha256 in listed]


def _intact(store: PhotoStore, sha256: str) -> bool:
    try:
        return store.verify(sha256)
    except StoredFileMissing:
        return False
