"""ORM models of the evidence: photos (with their chain of custody) and signatures.

The image files themselves live in the content-addressed store (``inspector_app.photos.store``,
under the workspace's ``photos/`` folder); rows here refer to them by SHA-256. A photo row is never
the only record of what was received: ``sha256`` names the original, byte for byte, and
``PhotoStore.verify`` re-hashes it on demand.

Times follow ``models.py``: naive local wall-clock times. A photo's ``captured_at`` is the time the
camera recorded, with ``captured_offset`` ("+08:00") when the camera stated its zone, and
``time_source`` saying whether it came from EXIF or from the device clock (file time), because device
time can be wrong (DOMAIN.md §8).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.storage.models import Base, new_uid, now

PHOTO_ROLES = ("", "before", "after")
SIGNER_ROLES = ("inspector", "enterprise_rep", "witness")


class Photo(Base):
    """A photo attached to an inspection, optionally to one checklist item and/or one finding."""

    __tablename__ = "photos"
    __table_args__ = (
        UniqueConstraint("inspection_id", "sha256", name="uq_photos_inspection_sha256"),
        Index("ix_photos_inspection_position", "inspection_id", "position"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"))
    item_code: Mapped[str] = mapped_column(String(40), default="")
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL"), nullable=True, index=True)
    # Chain of custody: the original as received.
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(255), default="")
    original_ext: Mapped[str] = mapped_column(String(8), default="jpg")
    format: Mapped[str] = mapped_column(String(10), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    # What the photo says about itself.
    captured_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    captured_offset: Mapped[str] = mapped_column(String(6), default="")
    time_source: Mapped[str] = mapped_column(String(16), default="device_clock")  # exif / device_clock
    gps_lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    gps_lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    gps_alt: Mapped[float | None] = mapped_column(Float, nullable=True)
    make: Mapped[str] = mapped_column(String(100), default="")
    model: Mapped[str] = mapped_column(String(100), default="")
    orientation: Mapped[int] = mapped_column(Integer, default=1)
    width: Mapped[int] = mapped_column(Integer, default=0)  # upright size of the original
    height: Mapped[int] = mapped_column(Integer, default=0)
    # Derived images in the store.
    display_sha256: Mapped[str] = mapped_column(String(64), default="")
    thumb_sha256: Mapped[str] = mapped_column(String(64), default="")
    markup_json: Mapped[str] = mapped_column(Text, default="")  # {"version": 1, "shapes": [...]}
    markup_sha256: Mapped[str] = mapped_column(String(64), default="")
    # Plausibility warnings (capture time, place) the inspector has seen and accepted for this photo: their
    # codes joined by ","; "" = none accepted. Setting it is audited; nothing is ever rejected.
    plausibility_ack: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Presentation.
    caption: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(10), default="")  # "" / before / after (rectification)
    pair_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL"), nullable=True)  # the photo it pairs with
    added_by: Mapped[str] = mapped_column(String(100), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class Signature(Base):
    """A signature on an inspection – or a recorded refusal to sign, with an optional witness."""

    __tablename__ = "signatures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # inspector / enterprise_rep / witness
    signer_name: Mapped[str] = mapped_column(String(50))
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("inspectors.id"), nullable=True)
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    strokes_json: Mapped[str] = mapped_column(Text, default="")  # {"version": 1, "strokes": [...]}
    image_sha256: Mapped[str] = mapped_column(String(64), default="")  # transparent PNG in the store
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    witness_id: Mapped[int | None] = mapped_column(
        ForeignKey("signatures.id", ondelete="SET NULL"), nullable=True)  # the witness's signature
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
