"""ORM models of the documents: each PDF printed is recorded with the content hash and the short code
printed on it, so that a paper sheet can be verified against the database later
(``inspector_app.services.sheets``); the register of document numbers; the re-check visit that the
整改复查意见书 records.

The PDF itself is kept in the workspace's ``sheets/`` folder, named by its own SHA-256
(``pdf_sha256``), the name bundles carry it under (``data/sheets/<sha256>.pdf``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.storage.models import Base, new_uid, now

# record 现场检查记录, scoresheet 评分表 (internal), order 责令限期整改指令书, measures 现场处理措施决定书,
# recheck 整改复查意见书
SHEET_KINDS = ("record", "scoresheet", "order", "measures", "recheck")


class PrintedSheet(Base):
    __tablename__ = "printed_sheets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    inspection_uid: Mapped[str] = mapped_column(String(36), index=True)  # stable across workspaces
    kind: Mapped[str] = mapped_column(String(10))  # SHEET_KINDS
    content_hash: Mapped[str] = mapped_column(String(64), index=True)  # SHA-256 hex of the record's content
    code: Mapped[str] = mapped_column(String(80), index=True)  # INSP-<id>-XXXXX-XXXXX as printed
    pages: Mapped[int] = mapped_column(Integer, default=0)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    printed_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    printed_by: Mapped[str] = mapped_column(String(100), default="")


class IssuedNumber(Base):
    """The number register: （常武）应急检记〔2020〕7号 is serial 7 of kind "record", year 2020, authority
    "常武". A number is issued once per document (inspection and kind), in sequence per authority, kind
    and year, and never reused (the row stays when the document is printed again)."""

    __tablename__ = "document_numbers"
    __table_args__ = (UniqueConstraint("authority", "kind", "year", "serial"),
                      UniqueConstraint("inspection_uid", "kind"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    authority: Mapped[str] = mapped_column(String(20))  # the prefix, e.g. 常 or 常武
    kind: Mapped[str] = mapped_column(String(10))  # record / order / measures / recheck
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    inspection_uid: Mapped[str] = mapped_column(String(36), index=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    issued_by: Mapped[str] = mapped_column(String(100), default="")


class Recheck(Base):
    """The re-check visit (整改复查) of an inspection's rectification order: its own time and its own two
    enforcement officers; the result of each item is the finding's status (复查合格 / 复查不合格)."""

    __tablename__ = "rechecks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), unique=True)
    rechecked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    officer1_id: Mapped[int | None] = mapped_column(ForeignKey("inspectors.id"), nullable=True)
    officer2_id: Mapped[int | None] = mapped_column(ForeignKey("inspectors.id"), nullable=True)
    opinion: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
