"""SQLAlchemy 2 ORM models of the workspace. Times are naive local wall-clock times (the inspectors'
own time zone); evidence and sync tables live in ``models_evidence.py`` and ``models_sync.py``."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from inspector_app.domain.sheet_terms import EXPERT as EXPERT
from inspector_app.domain.sheet_terms import OFFICER as OFFICER
from inspector_app.domain.sheet_terms import ON_SITE_MEASURES as ON_SITE_MEASURES
from inspector_app.domain.sheet_terms import PERSON_ROLES as PERSON_ROLES


def new_uid() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Workspace-level facts: device id, workspace role (field / office), settings that travel."""

    __tablename__ = "workspace_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Enterprise(Base):
    __tablename__ = "enterprises"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uscc: Mapped[str] = mapped_column(String(32), unique=True)
    uscc_override: Mapped[bool] = mapped_column(Boolean, default=False)  # stored although invalid
    # What ``uscc`` holds: "uscc" (统一社会信用代码, GB 32100-2015), or an old code kept until the enterprise
    # is updated – "reg15" (15-digit 工商注册号) or "org9" (9-character 组织机构代码, GB 11714).
    code_kind: Mapped[str] = mapped_column(String(8), default="uscc", server_default="uscc")
    name: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    district: Mapped[str] = mapped_column(String(50), default="", index=True)
    industry: Mapped[str] = mapped_column(String(50), default="")
    sub_speciality: Mapped[str] = mapped_column(String(100), default="")
    cert_grade: Mapped[str] = mapped_column(String(10), default="")
    cert_number: Mapped[str] = mapped_column(String(100), default="")
    cert_issued: Mapped[date | None] = mapped_column(Date, nullable=True)
    cert_expires: Mapped[date | None] = mapped_column(Date, nullable=True)
    scoring_standard: Mapped[str] = mapped_column(String(200), default="")
    review_org: Mapped[str] = mapped_column(String(200), default="")
    consulting_org: Mapped[str] = mapped_column(String(200), default="")
    legal_rep: Mapped[str] = mapped_column(String(50), default="")
    contact_person: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    # The jurisdiction path of the office this record came from in a roll-up ("" = this office's own).
    origin: Mapped[str] = mapped_column(String(200), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    # Optimistic locking (0011), as on inspections: every ORM UPDATE says WHERE version = <read> and bumps
    # it; the register import's bulk UPDATE checks and bumps it too (services.enterprise_import).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)

    inspections: Mapped[list[Inspection]] = relationship(back_populates="enterprise")


class TemplateRecord(Base):
    """A copy of each template version used, so inspections stay readable when files change."""

    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("template_id", "version"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)  # the template JSON
    sha256: Mapped[str] = mapped_column(String(64))
    item_count: Mapped[int] = mapped_column(Integer, default=0)


# The role a person acts in (officer / expert, PERSON_ROLES) and the on-site measures (ON_SITE_MEASURES):
# domain.sheet_terms, re-exported here.


class Inspector(Base):
    __tablename__ = "inspectors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    cert_number: Mapped[str] = mapped_column(String(100), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[str] = mapped_column(String(10), default=OFFICER)  # officer / expert (PERSON_ROLES)


class InspectionInspector(Base):
    __tablename__ = "inspection_inspectors"
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               primary_key=True)
    inspector_id: Mapped[int] = mapped_column(ForeignKey("inspectors.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    inspector: Mapped[Inspector] = relationship(lazy="joined")


class Inspection(Base):
    __tablename__ = "inspections"
    __table_args__ = (Index("ix_inspections_status_due", "status", "due_date"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    template_pk: Mapped[int] = mapped_column(ForeignKey("templates.pk"))
    status: Mapped[str] = mapped_column(String(20), default="assigned")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    location: Mapped[str] = mapped_column(String(200), default="")  # 检查场所
    rep_name: Mapped[str] = mapped_column(String(50), default="")  # 被检查单位现场负责人
    rep_title: Mapped[str] = mapped_column(String(50), default="")
    rep_phone: Mapped[str] = mapped_column(String(50), default="")
    # Cached from the scoring engine after every change so that lists need no recomputation.
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    grade: Mapped[str] = mapped_column(String(10), default="")
    outcome: Mapped[str] = mapped_column(String(10), default="")
    answered: Mapped[int] = mapped_column(Integer, default=0)
    reviewer_comment: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)  # bumped on every change (sync)
    campaign_id: Mapped[str] = mapped_column(String(100), default="", index=True)  # "" = none
    origin: Mapped[str] = mapped_column(String(200), default="", index=True)  # as Enterprise.origin
    # The organisation a review-quality check is about (its conclusion attaches to it); None otherwise.
    review_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    # Optimistic locking (several supervisors on one office database): every UPDATE of the row says
    # WHERE version = <the version read> and bumps it, so a change committed meanwhile by someone else
    # makes it match no row (StaleDataError, which services.unit words as StaleEditError). Local only:
    # unlike ``revision`` it never travels in a bundle.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)

    enterprise: Mapped[Enterprise] = relationship(back_populates="inspections")
    template: Mapped[TemplateRecord] = relationship()
    inspector_links: Mapped[list[InspectionInspector]] = relationship(
        order_by=InspectionInspector.position, cascade="all, delete-orphan")
    answers: Mapped[list[AnswerRecord]] = relationship(cascade="all, delete-orphan")
    findings: Mapped[list[Finding]] = relationship(cascade="all, delete-orphan", order_by="Finding.id")

    @property
    def inspectors(self) -> list[Inspector]:
        return [link.inspector for link in self.inspector_links]


class AnswerRecord(Base):
    __tablename__ = "answers"
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"),
                                               primary_key=True)
    item_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    result: Mapped[str] = mapped_column(String(10), default="")
    deductions: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[rule code, times], ...]
    extra_deduction: Mapped[float] = mapped_column(Float, default=0.0)
    extra_reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class Finding(Base):
    """A hidden hazard (隐患) found during an inspection, with its rectification lifecycle."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    item_code: Mapped[str] = mapped_column(String(40), default="")
    severity: Mapped[str] = mapped_column(String(4), default="一般")
    description: Mapped[str] = mapped_column(Text)
    requirement: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    responsible_person: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(10), default="待整改")
    recheck_note: Mapped[str] = mapped_column(Text, default="")
    rechecked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # On-site measures a 重大 hazard needs (现场处理措施决定书), codes of ``ON_SITE_MEASURES`` joined by
    # ","; "" = none.
    measures: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    # Optimistic locking (0011), as on inspections: a supervisor's edit made on an older reading of the
    # hazard (a re-check recorded meanwhile) matches no row and is refused (services.findings.check_version).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy reads it once)



class AuditEvent(Base):
    """Who changed what, when, from what to what – and why, when a locked record was reopened."""

    __tablename__ = "audit_events"
    # An inspection's status on a day is its newest status row before the day ended (the progress report,
    # services.progress): a partial index holds only those rows (migration 0007).
    __table_args__ = (Index("ix_audit_events_status", "inspection_id", "at",
                            sqlite_where=text("entity = 'inspection' AND field = 'status'"),
                            postgresql_where=text("entity = 'inspection' AND field = 'status'")),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), nullable=True, index=True)
    entity: Mapped[str] = mapped_column(String(30))  # inspection / answer / finding / enterprise
    entity_key: Mapped[str] = mapped_column(String(60), default="")
    field: Mapped[str] = mapped_column(String(40), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=now)
    reason: Mapped[str] = mapped_column(Text, default="")
