"""``inspections accept`` and ``inspections return`` from the command line: the same status, reviewer
comment and audit rows as the operations (``services.ops.review``) write, and clear refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pg_support
import pytest

from inspector_app.cli import main
from inspector_app.cli.common import default_actor
from inspector_app.demo.workspace import build
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services.ops import review
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.services.queries.inspections import InspectionFilter, inspection_rows
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Inspection

pytestmark = pytest.mark.both_engines

REVIEWER = "市局审核员 王芳"
COMMENT = "隐患2的整改期限与现场照片不符，请核实后重新提交"


@pytest.fixture
def ws(tmp_path: Path) -> Any:
    workspace = open_workspace(pg_support.prepare(tmp_path / "ws"))
    build(workspace, enterprises=30)
    yield workspace
    workspace.close()


def _ids(ws: Workspace, status: InspectionStatus) -> list[int]:
    with ws.sessions() as session:
        return [r["id"] for r in inspection_rows(session, InspectionFilter(status=status.value))]


def _received(ws: Workspace, count: int) -> list[int]:
    """``count`` inspections put into 已接收 (as a bundle import would leave them)."""
    ids = _ids(ws, InspectionStatus.IN_PROGRESS)[:count]
    assert len(ids) == count
    with ws.sessions.begin() as session:
        for iid in ids:
            session.get(Inspection, iid).status = InspectionStatus.RECEIVED.value  # type: ignore[union-attr]
    return ids


def _new_audit(ws: Workspace, iid: int, before: int) -> list[tuple[str, ...]]:
    """The audit rows written since ``before`` rows, without the time and the record key (uid)."""
    rows = inspection_detail(ws, iid)["audit"][before:]
    return [(r["entity"], r["field"], r["old"], r["new"], r["actor"], r["reason"]) for r in rows]


def _cli(ws: Workspace, *args: str) -> int:
    return main(["--data-dir", str(ws.root), "inspections", *args])


def test_accept_from_the_cli_writes_what_the_operation_writes(ws: Workspace,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    by_cli, by_op = _received(ws, 2)
    before = {i: len(inspection_detail(ws, i)["audit"]) for i in (by_cli, by_op)}
    assert _cli(ws, "accept", str(by_cli), "--by", REVIEWER) == 0
    assert str(by_cli) in capsys.readouterr().out
    review.accept(ws, by_op, REVIEWER)
    for iid in (by_cli, by_op):
        assert inspection_detail(ws, iid)["status"] == InspectionStatus.ACCEPTED.value
    cli_rows, op_rows = _new_audit(ws, by_cli, before[by_cli]), _new_audit(ws, by_op, before[by_op])
    assert cli_rows == op_rows
    assert ("inspection", "status", "received", "accepted", REVIEWER, "") in cli_rows


def test_return_from_the_cli_writes_the_comment_and_the_same_audit_rows(
        ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    by_cli, by_op = _received(ws, 2)
    before = {i: len(inspection_detail(ws, i)["audit"]) for i in (by_cli, by_op)}
    assert _cli(ws, "return", str(by_cli), "--comment", f"  {COMMENT} ") == 0
    capsys.readouterr()
    review.return_for_correction(ws, by_op, default_actor(), COMMENT)
    for iid in (by_cli, by_op):
        detail = inspection_detail(ws, iid)
        assert detail["status"] == InspectionStatus.RETURNED.value and detail["reviewer_comment"] == COMMENT
    cli_rows = _new_audit(ws, by_cli, before[by_cli])
    assert cli_rows == _new_audit(ws, by_op, before[by_op])
    # Without --by the login name acts, as for every other command.
    assert ("inspection", "status", "received", "returned", default_actor(), COMMENT) in cli_rows
    assert any(r[1] == "reviewer_comment" and r[3] == COMMENT for r in cli_rows)
    # The text view shows the comment the inspector gets back.
    assert _cli(ws, "show", str(by_cli)) == 0 and COMMENT in capsys.readouterr().out


@pytest.mark.parametrize("comment", [None, "", "   "])
def test_a_return_without_a_comment_is_refused(ws: Workspace, capsys: pytest.CaptureFixture[str],
                                                comment: str | None) -> None:
    (iid,) = _received(ws, 1)
    before = inspection_detail(ws, iid)["audit"]
    args = ["return", str(iid)] + ([] if comment is None else ["--comment", comment])
    assert _cli(ws, *args) == 2
    out, err = capsys.readouterr()
    assert out == "" and "--comment" in err and "Traceback" not in err
    detail = inspection_detail(ws, iid)
    assert detail["status"] == InspectionStatus.RECEIVED.value and detail["audit"] == before


def test_accepting_an_inspection_that_was_not_received_fails_cleanly(
        ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    iid = _ids(ws, InspectionStatus.IN_PROGRESS)[0]
    before = inspection_detail(ws, iid)["audit"]
    assert _cli(ws, "accept", str(iid)) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("inspector-app: ") and "Traceback" not in err
    assert InspectionStatus.IN_PROGRESS.label in err and InspectionStatus.ACCEPTED.label in err
    detail = inspection_detail(ws, iid)
    assert detail["status"] == InspectionStatus.IN_PROGRESS.value and detail["audit"] == before


def test_an_unknown_inspection_fails_cleanly(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(ws, "accept", "99999") == 1
    assert _cli(ws, "return", "99999", "--comment", COMMENT) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("99999") == 2 and "Traceback" not in err
