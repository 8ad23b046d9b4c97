"""The demo's registers (issue 13): five review organisations (评审单位) and four consultancies (咨询服务单位),
twenty reviewers with their specialities (the demo's three experts among them), the consultancies' staff
lists, declared links, and what stands behind every demo enterprise's certificate – its review
organisation and consultant as the enterprise list names them, a review date before the certificate was
issued, a score fitting its grade and a team of two or three reviewers whose specialities cover the
enterprise's industry, the first its leader.

Every organisation, person and number is fictional (示范, 演示, 样例, 示例 …). Deterministic (its own
seeded generator: the rest of the demo draws the same numbers with or without it) and fast (plain rows,
one flush per kind).

Planted for the conflict-of-interest flags (``services.conflicts``), each on its own enterprise, in this
order, as far as the demo has enterprises (``DemoRegisters.planted`` says which got which):

* ``same_org`` – a review organisation that is also the consultant of an enterprise it reviewed;
* ``same_legal_rep`` / ``shareholder`` / ``declared_link`` – review organisation and consultant related:
  the same legal representative (REVIEW_ORGS[0] and the fourth consultancy), one a shareholder of the
  other (REVIEW_ORGS[1] holds shares in it), a declared link (REVIEW_ORGS[2] – it);
* ``staff_member`` – a reviewer on the consultant's staff list, on the team of an enterprise that
  consultant helped; ``declared_consulted`` – a reviewer who declared they consulted for the enterprise
  they reviewed;
* ``speciality`` – a reviewer on a team outside their specialities;
* ``reviewer_barred`` / ``org_barred`` – a reviewer blacklisted and a review organisation suspended a few
  days before the last review they took part in (``plant_sanction_statuses``).

The sanctions themselves: ``plant_sanction_statuses`` only sets ``status`` / ``status_since`` /
``status_until`` on the register rows (which the conflict rules read when no sanction row exists) and
returns each as a ``PlantedSanction`` – kind, whom, dates, grounds, deciding body, number – for the
sanctions register to record (``services.sanctions.add``) if the demo should hold the decisions too. A
sixth register-only fact: REVIEW_ORGS' fifth organisation, disqualified in 2019, reviewed nobody."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain import uscc
from inspector_app.services import registers, sanctions, suspensions
from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import (
    Certification,
    CertificationReviewer,
    ConsultancyStaff,
    Organisation,
    Reviewer,
)

# The names the demo enterprises carry as free text (demo.workspace draws from these: keep four of each).
REVIEW_ORGS = ("江苏示范安全评审有限公司", "常州演示安全生产评审中心", "江苏样例安全评审有限公司", "南京示例安全技术评审中心")
CONSULT_ORGS = ("常州示范安全咨询有限公司", "江苏演示安全技术服务有限公司", "常州样例管理咨询有限公司", "")
EXTRA_REVIEW_ORG = "苏州示例评审技术有限公司"  # disqualified in 2019; no certificate names it
RELATED_CONSULTANCY = "常州示例企业管理咨询有限公司"  # related to three review organisations (planted)

# name, region, legal representative, shareholders, qualification, scope (review organisations)
_REVIEW = (
    (REVIEW_ORGS[0], "320400", "王明", "王明、江苏示范控股集团有限公司", "二级评审单位", "机械、轻工、纺织、建材、冶金、有色、商贸"),
    (REVIEW_ORGS[1], "320400", "李建国", "李建国、赵立新", "三级评审单位", "机械、轻工、纺织、建材、冶金、有色、商贸"),
    (REVIEW_ORGS[2], "320500", "孙海燕", "孙海燕、样例投资有限公司", "二级评审单位", "危险化学品、化工（含石化）、医药、机械"),
    (REVIEW_ORGS[3], "320100", "周文斌", "周文斌、钱示例", "二级评审单位", "机械、轻工、纺织、建材、冶金、有色、危险化学品、化工（含石化）、医药、商贸"),
    (EXTRA_REVIEW_ORG, "320500", "吴立群", "吴立群", "三级评审单位", "机械、轻工"),
)
_CONSULT = (
    (CONSULT_ORGS[0], "320400", "郑国华", "郑国华、冯春燕", "", ""),
    (CONSULT_ORGS[1], "320100", "何志刚", "何志刚、演示科技有限公司", "", ""),
    (CONSULT_ORGS[2], "320400", "高晓东", "高晓东", "", ""),
    # the same legal representative as REVIEW_ORGS[0]; REVIEW_ORGS[1] among its shareholders
    (RELATED_CONSULTANCY, "320400", "王明", f"{REVIEW_ORGS[1]}、林示例", "", ""),
)
_DECLARED_LINK = (REVIEW_ORGS[2], RELATED_CONSULTANCY, "两家单位同属样例集团，负责人互相兼职")

# Specialities by group: every review organisation has two or more reviewers for every industry.
_A, _B, _C = ("机械", "冶金", "有色"), ("轻工", "纺织", "建材", "商贸"), ("危险化学品", "化工（含石化）", "医药")
_SPECIALITIES = (_A + _B, _A + _C, _B + _C, _A + _B)
_SURNAMES = "钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
_GIVEN = ("示范", "演示", "样例", "示例", "模拟", "测试", "范例", "例证")
_STAFF_GIVEN = ("咨询甲", "咨询乙", "咨询丙", "咨询丁", "顾问甲", "顾问乙")
_BODY = "江苏省应急管理厅"


@dataclass(frozen=True)
class PlantedSanction:
    """A decision the demo's register statuses stand for, for the sanctions register to record."""

    kind: str  # SANCTION_KINDS: suspension / disqualification / blacklist
    org_id: int | None
    reviewer_id: int | None
    decided_on: date
    period_until: date | None
    grounds: str
    deciding_body: str
    number: str


@dataclass
class DemoRegisters:
    organisations: int = 0
    reviewers: int = 0
    certifications: int = 0
    planted: dict[str, int] = field(default_factory=dict)  # case → enterprise id
    sanctions: list[PlantedSanction] = field(default_factory=list)


def _code(rng: random.Random, region: str) -> str:
    return uscc.make_code("9", "1", region, "".join(rng.choice(uscc.CHARSET) for _ in range(8)) + rng.choice("0123456789"))


def _orgs(session: Session, rng: random.Random, actor: str) -> dict[str, Organisation]:
    found = {o.name: o for o in session.scalars(select(Organisation))}
    for kind, rows in (("review", _REVIEW), ("consulting", _CONSULT)):
        for name, region, legal_rep, holders, qualification, scope in rows:
            code = _code(rng, region)
            if name not in found:
                found[name] = registers.create_org(session, {
                    "name": name, "kind": kind, "uscc": code, "legal_rep": legal_rep, "shareholders": holders,
                    "qualification": qualification, "qualification_scope": scope}, actor, "演示数据")
    first, second, note = found[_DECLARED_LINK[0]], found[_DECLARED_LINK[1]], _DECLARED_LINK[2]
    registers.add_link(session, first, second, "declared", note, actor)
    return found


def _reviewers(session: Session, rng: random.Random, orgs: dict[str, Organisation],
               experts: Sequence[tuple[str, str]], actor: str) -> dict[int, list[Reviewer]]:
    """Four reviewers for each review organisation; the demo's experts are the first of the first three."""
    known = {r.cert_number: r for r in session.scalars(select(Reviewer))}
    names = [s + g for s in _SURNAMES for g in _GIVEN]
    rng.shuffle(names)
    by_org: dict[int, list[Reviewer]] = {}
    serial = 100
    for index, (org_name, *_rest) in enumerate(_REVIEW):
        org = orgs[org_name]
        for slot, specialities in enumerate(_SPECIALITIES):
            if slot == 0 and index < len(experts):
                name, cert = experts[index]
            else:
                serial += rng.randrange(7, 40)
                name, cert = names.pop(), f"苏评审{rng.choice((2016, 2017, 2018))}-{serial:04d}"
            reviewer = known.get(cert)
            if reviewer is None:
                reviewer = registers.create_reviewer(session, {
                    "name": name, "cert_number": cert, "org_id": org.id,
                    "specialities": registers.join_names(specialities)}, actor, "演示数据")
            by_org.setdefault(org.id, []).append(reviewer)
    return by_org


def _staff(session: Session, rng: random.Random, orgs: dict[str, Organisation]) -> None:
    """Three or four consultants per consultancy, with consultancy certificates of their own."""
    if session.scalar(select(ConsultancyStaff.id).limit(1)) is not None:
        return
    for n, (name, *_rest) in enumerate(_CONSULT):
        for k in range(rng.choice((3, 4))):
            session.add(ConsultancyStaff(org_id=orgs[name].id, name=_SURNAMES[n * 5 + k] + _STAFF_GIVEN[k],
                                         cert_number=f"苏咨询{2017 + k % 3}-{n * 10 + k + 1:03d}"))


_SCORES = {"二级": (76.0, 93.0), "三级": (62.0, 89.0), "小微": (60.0, 90.0)}


def _team(rng: random.Random, pool: list[Reviewer], industry: str) -> list[Reviewer]:
    fit = [r for r in pool if industry in registers.names_of(r.specialities)] or pool
    return rng.sample(fit, min(len(fit), rng.choice((2, 2, 3))))


def build_registers(session: Session, enterprises: Sequence[Enterprise], experts: Sequence[tuple[str, str]],
                    seed: int = 2020, actor: str = "演示数据") -> DemoRegisters:
    """The registers for the demo's new ``enterprises`` (their review organisation and consultant taken from
    their free text, planted cases rewritten into it); the caller commits."""
    rng = random.Random(seed * 31 + 13)
    result = DemoRegisters()
    before = len(list(session.scalars(select(Organisation.id))))
    orgs = _orgs(session, rng, actor)
    by_org = _reviewers(session, rng, orgs, experts, actor)
    _staff(session, rng, orgs)
    result.organisations = len(orgs) - before
    result.reviewers = sum(len(v) for v in by_org.values())
    plan = ["same_org", "same_legal_rep", "shareholder", "declared_link", "staff_member", "declared_consulted",
            "speciality"]
    related = {"same_legal_rep": REVIEW_ORGS[0], "shareholder": REVIEW_ORGS[1], "declared_link": REVIEW_ORGS[2]}
    teams: dict[int, tuple[Certification, list[Reviewer], Enterprise]] = {}
    for n, enterprise in enumerate(enterprises):
        case = plan[n] if n < len(plan) else ""
        if case == "same_org":
            enterprise.consulting_org = enterprise.review_org
        elif case in related:
            enterprise.review_org, enterprise.consulting_org = related[case], RELATED_CONSULTANCY
        elif case == "staff_member" and not enterprise.consulting_org:
            enterprise.consulting_org = CONSULT_ORGS[0]
        review = orgs.get(enterprise.review_org)
        if review is None or enterprise.cert_issued is None:
            continue
        low, high = _SCORES.get(enterprise.cert_grade, _SCORES["三级"])
        consultant = orgs.get(enterprise.consulting_org)
        cert = Certification(enterprise_id=enterprise.id, review_org_id=review.id,
                             consulting_org_id=consultant.id if consultant is not None else None,
                             review_date=enterprise.cert_issued - timedelta(days=rng.randrange(20, 75)),
                             review_score=round(rng.uniform(low, high), 1))
        session.add(cert)
        pool = by_org[review.id]
        team = _team(rng, pool, enterprise.industry)
        if case == "speciality":
            outside = [r for r in pool if enterprise.industry not in registers.names_of(r.specialities)]
            team = [team[0], outside[0]] if outside else team
        teams[n] = (cert, team, enterprise)
        if case:
            result.planted[case] = enterprise.id
    session.flush()
    for n, (cert, team, enterprise) in teams.items():
        session.add_all(CertificationReviewer(certification_id=cert.id, reviewer_id=r.id, leader=i == 0)
                        for i, r in enumerate(team))
        case = plan[n] if n < len(plan) else ""
        if case == "staff_member" and cert.consulting_org_id is not None:
            # the member who reviewed fewest of this consultancy's clients: the flag stays on few certificates
            clients = [t for c, t, _ in teams.values() if c.consulting_org_id == cert.consulting_org_id]
            member = min(team, key=lambda r: sum(r in t for t in clients))
            session.add(ConsultancyStaff(org_id=cert.consulting_org_id, name=member.name,
                                         cert_number=member.cert_number, note="兼职咨询人员"))
        elif case == "declared_consulted":
            session.add(ConsultancyStaff(org_id=None, name=team[-1].name, cert_number=team[-1].cert_number,
                                         enterprise_id=enterprise.id, note="本人声明曾为该企业提供标准化咨询服务"))
    result.certifications = len(teams)
    session.flush()
    if teams:
        result.sanctions = plant_sanction_statuses(session, [(c, t) for c, t, _ in teams.values()], by_org, actor,
                                                    {cert for _, cert in experts})
        result.planted.update(_barred_enterprises(teams, result.sanctions))
    return result


def plant_sanction_statuses(session: Session, reviewed: list[tuple[Certification, list[Reviewer]]],
                            by_org: dict[int, list[Reviewer]], actor: str, spare: Collection[str] = (),
                            ) -> list[PlantedSanction]:
    """Statuses that bar a review the demo holds, set on the register rows, and the decisions behind them:

    * a reviewer (the first of REVIEW_ORGS[1] who reviewed, not one of the ``spare`` certificate numbers:
      the demo's experts, who also assist on look-backs) blacklisted three days before the last review
      they took part in;
    * REVIEW_ORGS[3] (or the last organisation that reviewed) suspended three days before its last review,
      for half a year;
    * EXTRA_REVIEW_ORG disqualified in 2019 (it reviewed nothing: no flag)."""
    last_by_reviewer: dict[int, date] = {}
    last_by_org: dict[int, date] = {}
    for cert, team in reviewed:
        if cert.review_date is None or cert.review_org_id is None:
            continue
        for reviewer in team:
            last_by_reviewer[reviewer.id] = max(last_by_reviewer.get(reviewer.id, cert.review_date), cert.review_date)
        last_by_org[cert.review_org_id] = max(last_by_org.get(cert.review_org_id, cert.review_date), cert.review_date)
    orgs = {o.name: o for o in session.scalars(select(Organisation))}
    planted: list[PlantedSanction] = []
    candidates = [*by_org.get(orgs[REVIEW_ORGS[1]].id, []), *(r for rs in by_org.values() for r in rs)]
    barred = next((r for r in candidates if r.id in last_by_reviewer and r.cert_number not in spare), None)
    if barred is not None:
        since = last_by_reviewer[barred.id] - timedelta(days=3)
        grounds = "评审中未按评分标准扣分，评审报告与企业实际严重不符"
        registers.set_reviewer_status(session, barred, "黑名单", since, actor, grounds)
        planted.append(PlantedSanction("blacklist", None, barred.id, since, None, grounds, _BODY,
                                       f"（示例）苏应急评〔{since.year}〕7号"))
    preferred = orgs[REVIEW_ORGS[3]]
    org = preferred if preferred.id in last_by_org else next(
        (o for o in orgs.values() if o.id in last_by_org), None)
    if org is not None:
        since = last_by_org[org.id] - timedelta(days=3)
        until = since + timedelta(days=182)
        grounds = "评审质量抽查问题较多，现场抽查覆盖面不足"
        registers.set_org_status(session, org, "暂停评审活动", since, until, actor, grounds)
        planted.append(PlantedSanction("suspension", org.id, None, since, until, grounds, _BODY,
                                       f"（示例）苏应急评〔{since.year}〕12号"))
    extra = orgs[EXTRA_REVIEW_ORG]
    if extra.id not in last_by_org:
        since = date(2019, 6, 28)
        grounds = "评审报告弄虚作假"
        registers.set_org_status(session, extra, "取消评审资格", since, None, actor, grounds)
        planted.append(PlantedSanction("disqualification", extra.id, None, since, None, grounds, _BODY,
                                       "（示例）苏应急评〔2019〕20号"))
    return planted


def _barred_enterprises(teams: dict[int, tuple[Certification, list[Reviewer], Enterprise]],
                        sanctions: list[PlantedSanction]) -> dict[str, int]:
    """The enterprise whose review each planted bar covers (the last one of the barred reviewer or organisation)."""
    found: dict[str, int] = {}
    for sanction in sanctions:
        for cert, team, enterprise in teams.values():
            day = cert.review_date
            if day is None or day < sanction.decided_on:
                continue
            if sanction.kind == "blacklist" and any(r.id == sanction.reviewer_id for r in team):
                found["reviewer_barred"] = enterprise.id
            elif sanction.kind == "suspension" and cert.review_org_id == sanction.org_id and (
                    sanction.period_until is None or day <= sanction.period_until):
                found["org_barred"] = enterprise.id
    return found


def record_decisions(session: Session, planted: Sequence[PlantedSanction], actor: str) -> None:
    """The planted statuses recorded as the decisions they stand for (the sanctions are the record; the
    statuses follow from them), and the suspensions of review applications the 2020 notices state."""
    for decision in planted:
        sanctions.add(session, decision.kind, grounds=decision.grounds, deciding_body=decision.deciding_body,
                      decided_on=decision.decided_on, actor=actor, today=date.today(),
                      org=session.get(Organisation, decision.org_id) if decision.org_id else None,
                      reviewer=session.get(Reviewer, decision.reviewer_id) if decision.reviewer_id else None,
                      number=decision.number, period_until=decision.period_until)
    suspensions.record_notice_facts(session, actor)
