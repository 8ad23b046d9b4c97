"""The demo's registers (demo.registers): organisations, reviewers and a certification behind every demo
enterprise that agree with the enterprise list, every planted conflict of interest present in the rows
(and found by the conflict rules), deterministic and fast."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pg_support
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.demo.registers import EXTRA_REVIEW_ORG, REVIEW_ORGS, build_registers
from inspector_app.demo.workspace import EXPERTS, build_demo, demo_enterprise
from inspector_app.services import conflicts
from inspector_app.services.enterprises import upsert
from inspector_app.services.queries.registers import certification_rows, org_rows, reviewer_rows
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import (
    Certification,
    CertificationReviewer,
    ConsultancyStaff,
    Organisation,
    OrgLink,
    Reviewer,
    Sanction,
)

pytestmark = pytest.mark.both_engines

N = 30


def _demo(root: Path, n: int = N) -> Workspace:
    ws = open_workspace(pg_support.prepare(root))
    with unit_of_work(ws) as session:
        build_demo(session, enterprises=n)
    return ws


def _team(session: Session, cert: Certification) -> list[tuple[Reviewer, bool]]:
    rows = session.execute(select(Reviewer, CertificationReviewer.leader).join(
        CertificationReviewer, CertificationReviewer.reviewer_id == Reviewer.id).where(
        CertificationReviewer.certification_id == cert.id))
    return [(r, bool(leader)) for r, leader in rows]


def test_the_registers_agree_with_the_enterprise_list(tmp_path: Path) -> None:
    ws = _demo(tmp_path / "ws")
    try:
        orgs = org_rows(ws)
        assert Counter(o["kind"] for o in orgs) == {"review": 5, "consulting": 4}
        assert len({o["uscc"] for o in orgs}) == 9 and all(o["uscc"] for o in orgs)
        reviewers = reviewer_rows(ws)
        assert len(reviewers) == 20 and all(r["specialities"] and r["org"] for r in reviewers)
        assert {cert for _, cert in EXPERTS} <= {r["cert_number"] for r in reviewers}
        with reading(ws) as session:
            staff = session.scalars(select(ConsultancyStaff).where(ConsultancyStaff.enterprise_id.is_(None))).all()
            assert {s.org_id for s in staff} == {o["id"] for o in orgs if o["kind"] == "consulting"}
            firms = {e.id: e for e in session.scalars(select(Enterprise))}
            certs = list(session.scalars(select(Certification)))
            assert {c.enterprise_id for c in certs} == set(firms)  # every demo enterprise
            names = {o["id"]: o["name"] for o in orgs}
            grades = {"二级": 76, "三级": 62, "小微": 60}
            for cert in certs:
                firm = firms[cert.enterprise_id]
                assert names[cert.review_org_id or 0] == firm.review_org
                assert names.get(cert.consulting_org_id or 0, "") == firm.consulting_org
                assert cert.review_date is not None and firm.cert_issued is not None
                assert cert.review_date < firm.cert_issued
                assert cert.review_score is not None and grades[firm.cert_grade] <= cert.review_score <= 93
                team = _team(session, cert)
                assert 2 <= len(team) <= 3 and sum(leader for _, leader in team) == 1
                assert all(r.org_id == cert.review_org_id for r, _ in team)
    finally:
        ws.close()


def _planted(session: Session) -> dict[str, list[int]]:
    """Enterprise ids of each planted case, found from the rows alone."""
    orgs = {o.id: o for o in session.scalars(select(Organisation))}
    staff = list(session.scalars(select(ConsultancyStaff)))
    links = {frozenset((k.org_id, k.other_id)) for k in session.scalars(select(OrgLink))}
    # The demo records its barred parties as sanctions (demo.registers.record_decisions); the register's
    # status today follows them (an expired suspension reads 正常 again), so the sanctions are looked at.
    suspensions = [x for x in session.scalars(select(Sanction)) if x.kind == "suspension" and x.org_id]
    found: dict[str, list[int]] = {}
    for cert in session.scalars(select(Certification)):
        firm = session.get(Enterprise, cert.enterprise_id)
        assert firm is not None and cert.review_org_id is not None and cert.review_date is not None
        review, consultant = orgs[cert.review_org_id], orgs.get(cert.consulting_org_id or 0)
        team = [r for r, _ in _team(session, cert)]
        cases = {
            "same_org": consultant is review,
            "same_legal_rep": consultant is not None and consultant is not review
            and consultant.legal_rep == review.legal_rep,
            "shareholder": consultant is not None and review.name in consultant.shareholders,
            "declared_link": consultant is not None and frozenset((review.id, consultant.id)) in links,
            "staff_member": any(s.org_id == cert.consulting_org_id and s.enterprise_id is None
                                and s.cert_number == r.cert_number for s in staff for r in team),
            "declared_consulted": any(s.enterprise_id == firm.id and s.cert_number == r.cert_number
                                      for s in staff for r in team),
            "speciality": any(firm.industry not in r.specialities.split("、") for r in team),
            "reviewer_barred": any(r.status == "黑名单" and r.status_since is not None
                                   and r.status_since <= cert.review_date for r in team),
            "org_barred": any(x.org_id == review.id and x.period_from is not None and x.period_until is not None
                              and x.period_from <= cert.review_date <= x.period_until for x in suspensions),
        }
        for case, holds in cases.items():
            if holds:
                found.setdefault(case, []).append(firm.id)
    return found


def test_every_planted_conflict_is_in_the_registers(tmp_path: Path) -> None:
    ws = _demo(tmp_path / "ws")
    try:
        with reading(ws) as session:
            found = _planted(session)
            assert set(found) == {"same_org", "same_legal_rep", "shareholder", "declared_link", "staff_member",
                                  "declared_consulted", "speciality", "reviewer_barred", "org_barred"}
            assert len(found["speciality"]) == 1 and len(found["same_org"]) == 1  # planted, not by accident
            extra = session.scalar(select(Organisation).where(Organisation.name == EXTRA_REVIEW_ORG))
            assert extra is not None and extra.status == "取消评审资格"
            suspended = {orgs.name for orgs in session.scalars(select(Organisation))
                         if any(x.org_id == orgs.id and x.kind == "suspension"
                                for x in session.scalars(select(Sanction)))}
            assert suspended == {REVIEW_ORGS[3]}
            flags = {(f.rule, f.enterprise_id) for f in conflicts.flags(session)}
        rules = {"same_org": "same_org", "same_legal_rep": "related_orgs", "shareholder": "related_orgs",
                 "declared_link": "related_orgs", "staff_member": "reviewer_consulted",
                 "declared_consulted": "reviewer_consulted", "speciality": "speciality_mismatch",
                 "reviewer_barred": "reviewer_barred", "org_barred": "org_barred"}
        for case, rule in rules.items():  # what services.conflicts flags from them
            assert any((rule, enterprise) in flags for enterprise in found[case]), case
    finally:
        ws.close()


def _comparable(ws: Workspace) -> list[Any]:
    def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "uid"} for r in rows]
    return [strip(org_rows(ws)), strip(reviewer_rows(ws)), certification_rows(ws)]


def test_the_demo_registers_are_deterministic_and_fast(tmp_path: Path) -> None:
    first, second = _demo(tmp_path / "a", 8), _demo(tmp_path / "b", 8)
    try:
        assert _comparable(first) == _comparable(second)
    finally:
        first.close()
        second.close()
    ws = open_workspace(pg_support.prepare(tmp_path / "c"))
    try:
        with unit_of_work(ws) as session:
            rng = random.Random(2020)
            made = [upsert(session, demo_enterprise(rng, i))[0] for i in range(240)]
            session.flush()
            start = time.perf_counter()
            result = build_registers(session, made, EXPERTS)
            elapsed = time.perf_counter() - start
        assert result.certifications == 240 and len(result.sanctions) == 3
        assert elapsed < 1.0, elapsed
    finally:
        ws.close()
