"""ORM models of the bureau's registers and decisions (苏应急电〔2020〕3号 第三、四条; DOMAIN.md §1–2, §5):
review organisations and consultancies, the reviewers and experts, related-party links, what stands
behind each certificate (who reviewed it, who consulted), the 摘牌 case files, the sanctions and the
blacklist, and the suspension of review applications.

Statuses that follow from decisions (an organisation's 暂停评审活动, a reviewer's 黑名单) are kept on the
register row for fast lists and recomputed from ``sanctions`` whenever a sanction is recorded or lifted
(``services.sanctions.refresh_status``); the sanctions are the record. ``origin`` is as on enterprises: the
jurisdiction path of the office a roll-up record came from ("" = this office's own)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.storage.models import Base, new_uid, now
from inspector_app.translation import N_

# The words below are stored (Chinese) and shown in the interface language where they are shown (N_: the
# catalogue has them; the GUI has them in OfficeTexts).
# What an organisation is: a 评审单位 (performs reviews) or a 咨询服务单位 (helped the enterprise prepare).
ORG_KINDS: dict[str, str] = {"review": N_("评审单位"), "consulting": N_("咨询服务单位")}
# An organisation's standing (苏应急电〔2020〕3号 第四条: 通报批评, 暂停评审活动, 取消评审资格).
ORG_STATUSES = (N_("正常"), N_("通报批评"), N_("暂停评审活动"), N_("取消评审资格"))
REVIEWER_STATUSES = (N_("正常"), N_("黑名单"))
# Declared or found relations between organisations (相关方): shareholding, the same legal
# representative, or another relation a party declared.
RELATIONS: dict[str, str] = {"shareholder": N_("股东关系"), "same_legal_rep": N_("同一法定代表人"),
                             "declared": N_("声明的关联关系")}
SANCTION_KINDS: dict[str, str] = {"criticism": N_("通报批评"), "suspension": N_("暂停评审活动"),
                                  "disqualification": N_("取消评审资格"), "blacklist": N_("黑名单")}
CASE_STAGES: dict[str, str] = {"opened": N_("立案"), "notified": N_("已告知"), "defended": N_("已陈述申辩"),
                               "decided": N_("已决定"), "announced": N_("已公告"), "closed": N_("已撤销证书"),
                               "dropped": N_("不予摘牌")}


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    kind: Mapped[str] = mapped_column(String(12))  # ORG_KINDS
    name: Mapped[str] = mapped_column(String(200), unique=True)
    uscc: Mapped[str] = mapped_column(String(32), default="", index=True)
    legal_rep: Mapped[str] = mapped_column(String(50), default="")
    shareholders: Mapped[str] = mapped_column(Text, default="")  # names joined by "、"
    qualification: Mapped[str] = mapped_column(String(200), default="")  # e.g. 二级评审单位
    qualification_scope: Mapped[str] = mapped_column(Text, default="")  # industries, joined by "、"
    status: Mapped[str] = mapped_column(String(12), default="正常")  # ORG_STATUSES, from sanctions
    status_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    status_until: Mapped[date | None] = mapped_column(Date, nullable=True)  # end of a suspension
    note: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)  # bumped on every edit (optimistic locking)
    # The UPDATE also says WHERE version = <the version read> (the code bumps it): an edit committed meanwhile
    # by someone else makes it match no row – StaleEditError, even between two READ COMMITTED transactions.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012 (SQLAlchemy reads it once)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class OrgLink(Base):
    """A declared relation between two organisations (found relations – the same legal representative,
    one a shareholder of the other – are computed, never stored)."""

    __tablename__ = "org_links"
    __table_args__ = (UniqueConstraint("org_id", "other_id", "relation"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(20))  # RELATIONS
    note: Mapped[str] = mapped_column(Text, default="")


class Reviewer(Base):
    """A 评审人员 or 专家, by certificate number; ``org_id`` the organisation they review for."""

    __tablename__ = "reviewers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    name: Mapped[str] = mapped_column(String(50))
    cert_number: Mapped[str] = mapped_column(String(100), unique=True)
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True, index=True)
    specialities: Mapped[str] = mapped_column(Text, default="")  # industries, joined by "、"
    status: Mapped[str] = mapped_column(String(10), default="正常")  # REVIEWER_STATUSES, from sanctions
    status_since: Mapped[date | None] = mapped_column(Date, nullable=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The UPDATE also says WHERE version = <the version read> (the code bumps it): an edit committed meanwhile
    # by someone else makes it match no row – StaleEditError, even between two READ COMMITTED transactions.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012 (SQLAlchemy reads it once)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class ConsultancyStaff(Base):
    """A person on a consultancy's staff list, or declared to have consulted for an enterprise (then
    ``enterprise_id`` says which): the sources of the "reviewer consulted for the same enterprise" rule."""

    __tablename__ = "consultancy_staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=True,
                                               index=True)
    name: Mapped[str] = mapped_column(String(50))
    cert_number: Mapped[str] = mapped_column(String(100), default="", index=True)  # when known
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"),
                                                      nullable=True, index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class Certification(Base):
    """What stands behind an enterprise's certificate: the review organisation, the consultant, the
    review date and score."""

    __tablename__ = "certifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"), unique=True)
    review_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True, index=True)
    consulting_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True, index=True)
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_score: Mapped[float | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class CertificationReviewer(Base):
    """A member of the review team behind a certificate."""

    __tablename__ = "certification_reviewers"
    certification_id: Mapped[int] = mapped_column(ForeignKey("certifications.id", ondelete="CASCADE"),
                                                  primary_key=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id"), primary_key=True)
    leader: Mapped[bool] = mapped_column(default=False)


class DelistCase(Base):
    """A 摘牌 case file (DOMAIN.md §5): from a 建议摘牌 conclusion through 告知, 陈述申辩 and the decision of
    the body that granted the grade (三级 → city, 二级 → province) to 公告 and the certificate withdrawn;
    the enterprise may not re-apply before ``reapply_after``. Each step is a ``CaseStep``."""

    __tablename__ = "delist_cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    inspection_uid: Mapped[str] = mapped_column(String(36), default="", index=True)  # where it came from
    cert_grade: Mapped[str] = mapped_column(String(10), default="")
    deciding_level: Mapped[str] = mapped_column(String(10))  # city / province
    stage: Mapped[str] = mapped_column(String(12), default="opened")  # CASE_STAGES
    grounds: Mapped[str] = mapped_column(Text, default="[]")  # JSON: vetoes and findings with evidence
    defence_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision_number: Mapped[str] = mapped_column(String(100), default="")
    reapply_after: Mapped[date | None] = mapped_column(Date, nullable=True)
    origin: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The UPDATE also says WHERE version = <the version read> (the code bumps it): an edit committed meanwhile
    # by someone else makes it match no row – StaleEditError, even between two READ COMMITTED transactions.
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012 (SQLAlchemy reads it once)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    opened_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class CaseStep(Base):
    __tablename__ = "case_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    case_id: Mapped[int] = mapped_column(ForeignKey("delist_cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(12))  # the stage this step reached
    on: Mapped[date] = mapped_column(Date)  # the step's own date (告知 served, defence received…)
    by: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[str] = mapped_column(String(200), default="")  # who acted: the bureau, the enterprise
    note: Mapped[str] = mapped_column(Text, default="")
    document_number: Mapped[str] = mapped_column(String(100), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")  # an attached file (sheets/ store)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class Sanction(Base):
    """A decision on a review organisation (通报批评, 暂停评审活动 for a period, 取消评审资格) or a reviewer
    (黑名单), with its grounds, the case or inspections it rests on, who decided, when and its number."""

    __tablename__ = "sanctions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    kind: Mapped[str] = mapped_column(String(20))  # SANCTION_KINDS
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True, index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("reviewers.id"), nullable=True, index=True)
    grounds: Mapped[str] = mapped_column(Text)
    linked: Mapped[str] = mapped_column(Text, default="[]")  # JSON: case and inspection uids
    deciding_body: Mapped[str] = mapped_column(String(200))
    decided_on: Mapped[date] = mapped_column(Date)
    document_number: Mapped[str] = mapped_column(String(100), default="")
    period_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    lifted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class ApplicationSuspension(Base):
    """Review applications suspended at a level in an area, since when and until when (苏应急电〔2020〕3号
    第一条: 二级 by the province at once; 三级 and 小微 as each city decides)."""

    __tablename__ = "application_suspensions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    grade: Mapped[str] = mapped_column(String(10))  # 二级 / 三级 / 小微
    area: Mapped[str] = mapped_column(String(200))  # jurisdiction path
    suspended_from: Mapped[date] = mapped_column(Date)
    resumed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    basis: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(100), default="")
