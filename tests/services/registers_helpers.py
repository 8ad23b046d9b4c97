"""A small register built row by row for the conflict and statistics tests: one enterprise certified by
a review organisation with a consultancy and a one-reviewer team, none of them related – so that each
case adds exactly the fact a rule looks for (or a near miss of it). All names are fictional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import count

from sqlalchemy.orm import Session

from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import (
    Certification,
    CertificationReviewer,
    Organisation,
    Reviewer,
)

REVIEW_DATE = date(2020, 1, 10)
_serial = count(1)


@dataclass
class Register:
    enterprise: Enterprise
    review: Organisation
    consultant: Organisation
    other: Organisation  # a third organisation (another consultancy), for near misses
    reviewer: Reviewer
    certification: Certification


def org(s: Session, name: str, kind: str = "review", **values: object) -> Organisation:
    row = Organisation(kind=kind, name=name, uscc=values.pop("uscc", f"91320400TEST{next(_serial):05d}X"),
                       **values)
    s.add(row)
    s.flush()
    return row


def reviewer(s: Session, name: str, cert: str, specialities: str = "化工、冶金", **values: object) -> Reviewer:
    row = Reviewer(name=name, cert_number=cert, specialities=specialities, **values)
    s.add(row)
    s.flush()
    return row


def certified(s: Session, name: str, review: Organisation | None, consultant: Organisation | None,
              team: list[Reviewer], *, industry: str = "化工", on: date | None = REVIEW_DATE,
              score: float | None = None) -> tuple[Enterprise, Certification]:
    enterprise = Enterprise(uscc=f"91320411CERT{next(_serial):06d}", name=name, district="新北区", industry=industry,
                            cert_grade="三级", cert_expires=date(2022, 12, 31))
    s.add(enterprise)
    s.flush()
    cert = Certification(enterprise_id=enterprise.id, review_org_id=review.id if review else None,
                         consulting_org_id=consultant.id if consultant else None, review_date=on, review_score=score)
    s.add(cert)
    s.flush()
    for n, member in enumerate(team):
        s.add(CertificationReviewer(certification_id=cert.id, reviewer_id=member.id, leader=n == 0))
    s.flush()
    return enterprise, cert


def base(s: Session) -> Register:
    review = org(s, "常州示范安全评审中心", legal_rep="王明", shareholders="赵刚、钱芳", qualification_scope="化工、机械")
    consultant = org(s, "常州示例安全咨询有限公司", "consulting", legal_rep="孙丽", shareholders="李强")
    other = org(s, "常州样例管理咨询有限公司", "consulting", legal_rep="周平", shareholders="吴越")
    member = reviewer(s, "陈一鸣", "PS-2018-001", org_id=review.id)
    enterprise, cert = certified(s, "常州示例化工有限公司", review, consultant, [member])
    return Register(enterprise, review, consultant, other, member, cert)
