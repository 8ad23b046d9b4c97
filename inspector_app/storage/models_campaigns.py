"""ORM models of campaigns and of what an office reports up the chain (DOMAIN.md §1–2): each campaign
version used, the reports an office filed at a reporting duty (frozen figures, numbered, dated), and the
reports it received on paper (the review organisations' self-inspection, say).

Roll-ups from the offices below arrive as ordinary records marked with their ``origin`` (the path of
the jurisdiction of the office that holds them, "" = this office); ``Rollup`` remembers the newest one
applied from each office so that an older one never replaces a newer one; ``RollupOffice`` keeps the
document settings of each office below whose records this office holds, so that their printed sheets
verify here as they do there."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.storage.models import Base, new_uid, now


class CampaignRecord(Base):
    """A copy of each campaign version used, so that inspections and filed reports stay readable."""

    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("campaign_id", "version"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text)  # the campaign JSON
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class FiledReport(Base):
    """A report filed at a duty: the figures frozen as of a date, the text the office wrote, its number
    and files (``sheets/<sha256>`` like printed sheets)."""

    __tablename__ = "filed_reports"
    __table_args__ = (UniqueConstraint("campaign_id", "jurisdiction", "duty_id", "serial"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    campaign_id: Mapped[str] = mapped_column(String(100), index=True)
    duty_id: Mapped[str] = mapped_column(String(60))
    jurisdiction: Mapped[str] = mapped_column(String(200))  # path of the filing office's area
    serial: Mapped[int] = mapped_column(Integer)  # 1, 2… per office and duty (a corrected report is 2)
    number: Mapped[str] = mapped_column(String(100))  # as printed, e.g. 武进区〔2020〕回头看报告第1号
    as_of: Mapped[date] = mapped_column(Date)
    filed_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    filed_by: Mapped[str] = mapped_column(String(100), default="")
    figures: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the progress rows, frozen
    text: Mapped[str] = mapped_column(Text, default="")
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    xlsx_sha256: Mapped[str] = mapped_column(String(64), default="")
    origin: Mapped[str] = mapped_column(String(200), default="")  # "" = filed here


class ReceivedReport(Base):
    """A report received outside the roll-ups (on paper, by mail): who sent it for which duty, when."""

    __tablename__ = "received_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    campaign_id: Mapped[str] = mapped_column(String(100), index=True)
    duty_id: Mapped[str] = mapped_column(String(60))
    sender: Mapped[str] = mapped_column(String(200))
    received_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class Rollup(Base):
    """The newest roll-up applied from each office below (by the jurisdiction its key is enrolled for)."""

    __tablename__ = "rollups"
    jurisdiction: Mapped[str] = mapped_column(String(200), primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    sender: Mapped[str] = mapped_column(String(100), default="")


class RollupOffice(Base):
    """The document settings (authority name, number prefix, appeal bodies: ``services.sheets``) of an
    office below whose records arrived in a roll-up, by the path of its area: a sheet it printed is
    rebuilt here with its settings, not this office's (docs/bundle-format.md §12)."""

    __tablename__ = "rollup_offices"
    jurisdiction: Mapped[str] = mapped_column(String(200), primary_key=True)
    settings: Mapped[str] = mapped_column(Text, default="{}")  # JSON {setting key: value}
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)
