"""Several supervisors on one database (issue 15): two real connections (two opened workspaces, as two
supervisors' machines have) deciding on the same record at the same time. The first holds its
transaction open until the second has begun; exactly one wins and the other is refused with a clear
message, nothing of its own written – on SQLite (the second waits for the write lock, then reads the new
state) and on PostgreSQL (the second's UPDATE waits for the first's row lock, then matches no row)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pg_support
import pytest

from inspector_app.demo.workspace import build
from inspector_app.domain.errors import InspectorError, LifecycleError, StaleEditError
from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.services import enterprises, findings, inspections, registers
from inspector_app.services.enterprises import EnterpriseData
from inspector_app.services.ops import enterprises as enterprise_ops
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import registers as register_ops
from inspector_app.services.ops import review
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import AuditEvent, Enterprise, Finding, Inspection

pytestmark = pytest.mark.both_engines


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """One office database opened twice (two engines: two supervisors)."""
    root = pg_support.prepare(tmp_path / "office")
    first = open_workspace(root)
    second = open_workspace(root)
    yield first, second
    second.close()
    first.close()


def _race(first: Callable[[Any], None], ws: Workspace, second: Callable[[], Any]) -> tuple[Any, Any]:
    """``first(session)`` inside a unit of work on ``ws`` that stays open until ``second()`` has run
    for a while in another thread; returns what each raised (None when it succeeded)."""
    flushed, outcome = threading.Event(), [None, None]

    def one() -> None:
        try:
            with unit_of_work(ws) as session:
                first(session)
                session.flush()
                flushed.set()
                time.sleep(0.8)  # the second is now waiting for this transaction
        except InspectorError as exc:
            outcome[0] = exc  # type: ignore[call-overload]
        finally:
            flushed.set()

    def two() -> None:
        try:
            second()
        except InspectorError as exc:
            outcome[1] = exc  # type: ignore[call-overload]

    a = threading.Thread(target=one)
    a.start()
    assert flushed.wait(20)
    b = threading.Thread(target=two)
    b.start()
    a.join(30)
    b.join(30)
    return outcome[0], outcome[1]


def _received(ws: Workspace) -> tuple[int, int]:
    build(ws, enterprises=10)
    with unit_of_work(ws) as session:
        inspection = session.query(Inspection).filter(
            Inspection.status == InspectionStatus.IN_PROGRESS.value).order_by(Inspection.id).first()
        assert inspection is not None
        inspection.status = InspectionStatus.RECEIVED.value
        session.flush()
        return inspection.id, inspection.version


def _status_rows(ws: Workspace, iid: int) -> list[str]:
    return [r["new"] for r in inspection_detail(ws, iid)["audit"] if r["field"] == "status"]


def test_accept_and_return_at_once_one_wins(two: tuple[Workspace, Workspace]) -> None:
    a, b = two
    iid, version = _received(a)
    before = _status_rows(a, iid)
    first, second = _race(lambda s: inspections.accept(s, inspections.get(s, iid), "科长甲"), a,
                          lambda: review.return_for_correction(b, iid, "科长乙", "请补充照片", expected_version=version))
    assert first is None
    assert isinstance(second, StaleEditError)
    assert "已被他人" in str(second)
    assert _status_rows(a, iid) == [*before, InspectionStatus.ACCEPTED.value]
    detail = inspection_detail(b, iid)  # the fresh state, as the refused supervisor's screen rereads it
    assert detail["status"] == InspectionStatus.ACCEPTED.value and detail["reviewer_comment"] == ""


def test_accept_and_return_without_a_version_lose_nothing(two: tuple[Workspace, Workspace]) -> None:
    """Without the version the screen showed, no update is lost: the second is refused (PostgreSQL: its
    UPDATE finds the row changed) or applied on top of the first (SQLite: it waits for the write lock
    and reads the accepted inspection, which may be returned) – never over a state it did not read."""
    a, b = two
    iid, _version = _received(a)
    before = _status_rows(a, iid)
    first, second = _race(lambda s: inspections.accept(s, inspections.get(s, iid), "科长甲"), a,
                          lambda: review.return_for_correction(b, iid, "科长乙", "请补充照片"))
    assert first is None
    if second is None:
        assert _status_rows(a, iid) == [*before, InspectionStatus.ACCEPTED.value, InspectionStatus.RETURNED.value]
    else:
        assert isinstance(second, StaleEditError | LifecycleError), second
        assert _status_rows(a, iid) == [*before, InspectionStatus.ACCEPTED.value]


def test_a_stale_version_is_refused_naming_the_state_now(two: tuple[Workspace, Workspace]) -> None:
    a, b = two
    iid, version = _received(a)
    review.accept(a, iid, "科长甲", expected_version=version)
    with pytest.raises(StaleEditError, match="验收"):
        review.return_for_correction(b, iid, "科长乙", "请补充", expected_version=version)


def test_two_edits_of_one_register_row(two: tuple[Workspace, Workspace]) -> None:
    a, b = two
    org_id = register_ops.add_org(a, "王明", name="江苏示范评审有限公司", kind="review", legal_rep="王明").value
    first, second = _race(
        lambda s: registers.update_org(s, registers.get_org(s, org_id), 1, "科长甲", {"legal_rep": "李强"}), a,
        lambda: register_ops.update_org(b, org_id, 1, "科长乙", legal_rep="赵六"))
    assert first is None
    assert isinstance(second, StaleEditError)
    with unit_of_work(b) as session:
        org = registers.get_org(session, org_id)
        assert (org.legal_rep, org.version) == ("李强", 2)


def _open_finding(ws: Workspace) -> tuple[int, int]:
    build(ws, enterprises=10)
    with unit_of_work(ws) as session:
        finding = session.query(Finding).filter(Finding.status == FindingStatus.OPEN.value).order_by(Finding.id).first()
        assert finding is not None
        return finding.id, finding.version


def test_two_supervisors_recording_one_hazard_one_wins(two: tuple[Workspace, Workspace]) -> None:
    """Two supervisors record the rectification of one hazard from the same screen: the second is refused
    naming what the hazard is now (its version moved), and nothing of its own is written."""
    a, b = two
    fid, version = _open_finding(a)
    first, second = _race(
        lambda s: findings.set_status(s, findings.get(s, fid), FindingStatus.RECTIFIED, "科长甲", "已整改"), a,
        lambda: inspection_ops.set_finding_status(b, fid, FindingStatus.RECTIFIED, "科长乙", "企业报告已整改",
                                                  expected_version=version))
    assert first is None
    assert isinstance(second, StaleEditError)
    assert "已被他人修改" in str(second) and FindingStatus.RECTIFIED.value in str(second)
    with unit_of_work(b) as session:  # the fresh state the refused supervisor rereads
        finding = findings.get(session, fid)
        assert (finding.status, finding.version) == (FindingStatus.RECTIFIED.value, version + 1)
        notes = [e.reason for e in session.query(AuditEvent).filter(AuditEvent.entity == "finding",
                                                                     AuditEvent.entity_key == finding.uid,
                                                                     AuditEvent.field == "status")]
        assert notes == ["已整改"]


def test_a_stale_finding_version_is_refused(two: tuple[Workspace, Workspace]) -> None:
    a, b = two
    fid, version = _open_finding(a)
    inspection_ops.set_finding_status(a, fid, FindingStatus.RECTIFIED, "科长甲", expected_version=version)
    with pytest.raises(StaleEditError, match="已整改待复查"):
        inspection_ops.set_finding_status(b, fid, FindingStatus.RECTIFIED, "科长乙", expected_version=version)
    with pytest.raises(StaleEditError):
        inspection_ops.remove_finding(b, fid, "科长乙", expected_version=version)


def _enterprise(ws: Workspace) -> tuple[int, int, EnterpriseData]:
    build(ws, enterprises=3)
    with unit_of_work(ws) as session:
        record = session.query(Enterprise).order_by(Enterprise.id).first()
        assert record is not None
        data = EnterpriseData(**{name: getattr(record, name) for name in EnterpriseData.field_names()})
        return record.id, record.version, data


def _edit(ws: Workspace, enterprise_id: int, data: EnterpriseData) -> None:
    """What a bundle or roll-up import does to an enterprise it carries (``services.enterprises.apply``)."""
    with unit_of_work(ws) as session:
        enterprises.apply(enterprises.get(session, enterprise_id), data)


def test_two_edits_of_one_enterprise_never_overwrite_silently(two: tuple[Workspace, Workspace]) -> None:
    """PostgreSQL: the second UPDATE waits for the first's row lock, then matches no row (version) –
    refused with the message, nothing written. SQLite: the second waits for the write lock and then reads
    the first's state, so its change is made on top of it (two versions on) – never over a state it did not read."""
    a, b = two
    eid, version, data = _enterprise(a)
    first, second = _race(lambda s: enterprises.apply(enterprises.get(s, eid), replace(data, contact_phone="13800000001")),
                          a, lambda: _edit(b, eid, replace(data, contact_phone="13800000002")))
    assert first is None
    with unit_of_work(b) as session:
        record = enterprises.get(session, eid)
        now = (record.contact_phone, record.version)
    if a.dialect == "postgresql":
        assert isinstance(second, StaleEditError) and "已被他人" in str(second)
        assert now == ("13800000001", version + 1)
    else:
        assert second is None and now == ("13800000002", version + 2)
    _edit(b, eid, replace(data, contact_phone=now[0]))  # the same details again: no update, no new version
    with unit_of_work(b) as session:
        assert enterprises.get(session, eid).version == now[1]


def test_a_register_import_does_not_write_over_an_edit_made_meanwhile(two: tuple[Workspace, Workspace],
                                                                        tmp_path: Path) -> None:
    """The register import's bulk UPDATE checks the version it read: an edit committed in between makes it
    refuse the whole file (PostgreSQL); on SQLite it reads after the edit and applies on top."""
    a, b = two
    eid, version, data = _enterprise(a)
    sheet = tmp_path / "register.csv"
    sheet.write_text("企业名称,统一社会信用代码,联系电话\n" f"{data.name},{data.uscc},13800000003\n", "utf-8")
    first, second = _race(lambda s: enterprises.apply(enterprises.get(s, eid), replace(data, contact_phone="13800000001")),
                          a, lambda: enterprise_ops.import_register(b, sheet))
    assert first is None
    with unit_of_work(b) as session:
        record = enterprises.get(session, eid)
        now = (record.contact_phone, record.version)
    if a.dialect == "postgresql":
        assert isinstance(second, StaleEditError) and "1 家企业已被他人修改" in str(second)
        assert now == ("13800000001", version + 1)
    else:
        assert second is None and now == ("13800000003", version + 2)
