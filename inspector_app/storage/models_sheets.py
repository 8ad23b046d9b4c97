"""ORM model of printed sheets: each PDF printed (现场检查记录, 责令限期整改指令书, 整改复查意见书) is
recorded with the content hash and the short code printed on it, so that a paper sheet can be
verified against the database later (``inspector_app.services.sheets``).

The PDF itself is kept in the workspace's ``sheets/`` folder, named by its own SHA-256
(``pdf_sha256``), the name bundles carry it under (``data/sheets/<sha256>.pdf``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.storage.models import Base, new_uid, now

SHEET_KINDS = ("record", "order", "recheck")


class PrintedSheet(Base):
    __tablename__ = "printed_sheets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    inspection_uid: Mapped[str] = mapped_column(String(36), index=True)  # stable across workspaces
    kind: Mapped[str] = mapped_column(String(10))  # record / order / recheck
    content_hash: Mapped[str] = mapped_column(String(64), index=True)  # SHA-256 hex of the record's content
    code: Mapped[str] = mapped_column(String(80), index=True)  # INSP-<id>-XXXXX-XXXXX as printed
    pages: Mapped[int] = mapped_column(Integer, default=0)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    printed_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    printed_by: Mapped[str] = mapped_column(String(100), default="")
