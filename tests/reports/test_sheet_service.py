"""Sheets from the database: print, record, verify; the ``sheet`` command line."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sheet_helpers import pdftotext
from sqlalchemy import select

from inspector_app.cli import main
from inspector_app.demo.workspace import build_demo
from inspector_app.domain.lifecycle import FindingStatus
from inspector_app.reports import BadVerificationCodeError, Verification, qr_payload
from inspector_app.services import findings as finding_service
from inspector_app.services import inspections as inspection_service
from inspector_app.services import photos, signatures
from inspector_app.services.changes import ChangeKind
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.queries import sheets as sheet_queries
from inspector_app.services.queries.sheets import read_verification as verify_code
from inspector_app.services.sheets import (
    build_sheet_data,
    current_hash,
    preview_sheet,
    print_sheet,
    record_printed,
)
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_sheets import PrintedSheet

pytestmark = pytest.mark.usefixtures("cjk_font")


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws") / "demo"
    ws = open_workspace(root)
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=12)
    ws.close()
    return root


@pytest.fixture
def ws(demo_root: Path, tmp_path: Path) -> Iterator[Workspace]:
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    workspace = open_workspace(root)
    yield workspace
    workspace.close()


def _editable_with_findings(ws: Workspace) -> int:
    with ws.sessions.begin() as session:
        rows = session.scalars(select(Inspection).where(Inspection.status == "in_progress")).all()
        inspection = next(r for r in rows if len(r.inspectors) >= 2)
        if not inspection.findings:
            finding_service.add(session, inspection, "测试", description="配电箱未上锁",
                                requirement="立即加锁", deadline=date(2027, 1, 10), severity="一般")
        return inspection.id


def test_print_records_the_sheet_and_verifies(ws: Workspace, tmp_path: Path) -> None:
    inspection_id = _editable_with_findings(ws)
    out = tmp_path / "record.pdf"
    with ws.sessions.begin() as session:
        rendered, row = print_sheet(session, inspection_id, "record", out, sheet_dir=ws.sheet_dir, actor="张三")
        name = session.get(Inspection, inspection_id).enterprise.name  # type: ignore[union-attr]
        description = session.get(Inspection, inspection_id).findings[0].description  # type: ignore[union-attr]
    assert out.is_file() and (ws.sheet_dir / f"{row.pdf_sha256}.pdf").is_file()
    text = pdftotext(out)
    assert name in text and description[:8] in text and rendered.code in text
    assert re.search(r"共\s*\d+\s*页", text)
    with ws.sessions() as session:
        stored = session.scalars(select(PrintedSheet)).one()
        assert (stored.inspection_id, stored.kind, stored.code) == (inspection_id, "record", rendered.code)
        assert stored.content_hash == rendered.content_hash == current_hash(session, inspection_id)
        answer = verify_code(session, rendered.code)
        assert answer.result is Verification.MATCHES and answer.inspection_id == inspection_id
        assert answer.printed and answer.printed[0][0] == "record"
        assert verify_code(session, rendered.qr_payload).result is Verification.MATCHES
    # the record changes after printing
    with ws.sessions.begin() as session:
        inspection = inspection_service.get(session, inspection_id)
        finding_service.update(session, inspection.findings[0], "李四", description="配电箱门已损坏，内部线路裸露")
    with ws.sessions() as session:
        assert verify_code(session, rendered.code).result is Verification.CHANGED
        assert verify_code(session, rendered.qr_payload).result is Verification.CHANGED
        assert verify_code(session, "INSP-99999-ABCDE-FGHIJ").result is Verification.UNKNOWN
        unknown_uid = qr_payload(99999, "00000000-0000-0000-0000-000000000000", rendered.content_hash)
        assert verify_code(session, unknown_uid).result is Verification.UNKNOWN


def test_every_kind_verifies_and_rectification_leaves_the_record_intact(ws: Workspace, tmp_path: Path) -> None:
    inspection_id = _editable_with_findings(ws)
    with ws.sessions.begin() as session:
        inspection = inspection_service.get(session, inspection_id)
        finding_service.add(session, inspection, "测试", description="有限空间作业无监护人", severity="重大",
                            requirement="立即停止作业", deadline=date(2027, 1, 20), measures=["suspend", "evacuate"])
    codes = {}
    with ws.sessions.begin() as session:
        for kind in ("record", "scoresheet", "order", "measures"):
            rendered, _ = print_sheet(session, inspection_id, kind, tmp_path / f"{kind}.pdf")  # type: ignore[arg-type]
            codes[kind] = rendered.code
    with ws.sessions.begin() as session:  # the hazards are rectified after the documents were signed
        inspection = inspection_service.get(session, inspection_id)
        start = inspection.started_at
        assert start is not None
        for finding in inspection.findings:
            finding_service.set_status(session, finding, FindingStatus.RECTIFIED, "王经理", "已整改")
            finding_service.set_status(session, finding, FindingStatus.PASSED, "陈示范", "已整改到位",
                                       at=start + timedelta(days=20))
        finding_service.set_recheck(session, inspection, start + timedelta(days=20),
                                    [("陈示范", "苏应急执法32040001"), ("林演示", "苏应急执法32040017")], "陈示范")
    with ws.sessions.begin() as session:
        rendered, _ = print_sheet(session, inspection_id, "recheck", tmp_path / "recheck.pdf")
        codes["recheck"] = rendered.code
    assert len(set(codes.values())) == 5
    assert "责令限期整改指令书" in pdftotext(tmp_path / "order.pdf")
    assert "现场处理措施决定书" in pdftotext(tmp_path / "measures.pdf")
    recheck_text = "".join(pdftotext(tmp_path / "recheck.pdf").split())
    assert "整改复查意见书" in recheck_text and "应急责改〔2020〕" in recheck_text
    with ws.sessions() as session:
        assert all(verify_code(session, c).result is Verification.MATCHES for c in codes.values())
    with ws.sessions.begin() as session:  # a later note on the re-check changes that opinion only
        finding = inspection_service.get(session, inspection_id).findings[0]
        finding.recheck_note = "复查时发现仍有杂物"
    with ws.sessions() as session:
        assert verify_code(session, codes["record"]).result is Verification.MATCHES
        assert verify_code(session, codes["order"]).result is Verification.MATCHES
        assert verify_code(session, codes["recheck"]).result is Verification.CHANGED


def test_photos_and_signatures_from_the_evidence_store(ws: Workspace, tmp_path: Path) -> None:
    inspection_id = _editable_with_findings(ws)
    store = photos.photo_store(ws.photo_dir)
    with ws.sessions.begin() as session:
        before, _ = print_sheet(session, inspection_id, "record", tmp_path / "before.pdf", store=store)
    with ws.sessions.begin() as session:
        inspection = inspection_service.get(session, inspection_id)
        for n in range(3):
            buf = io.BytesIO()
            Image.new("RGB", (800, 600), (40 * n, 120, 200)).save(buf, "JPEG")
            photos.add_photo_bytes(session, store, inspection_id, buf.getvalue(), f"p{n}.jpg", "张三",
                                   caption=f"配电房现场{n + 1}", finding_id=inspection.findings[0].id)
        person = inspection.inspectors[0]
        signatures.save_signature(session, store, inspection_id, "inspector", person.name,
                              [[[0, 0], [30, 20], [60, 0], [90, 25]]], "张三")
        signatures.record_refusal(session, store, inspection_id, "王经理", "对检查结论有异议", "张三",
                              witness_name="周见证", witness_strokes=[[[0, 5], [40, 30], [80, 5]]])
    with ws.sessions.begin() as session:
        after, _ = print_sheet(session, inspection_id, "record", tmp_path / "after.pdf", store=store)
        data = build_sheet_data(session, inspection_id, store=store)
    assert len(store.remembered()) == 3  # the print copies made while adding, found by their keys
    assert after.pages >= before.pages + 2
    assert after.content_hash != before.content_hash
    assert [p.finding_number for p in data.photos] == [1, 1, 1]
    assert all(p.jpeg[:2] == b"\xff\xd8" for p in data.photos)
    assert any(s.image_png for s in data.signatures)
    text = " ".join(pdftotext(tmp_path / "after.pdf").split())
    assert "配电房现场1" in text and "拒绝签名" in text and "周见证" in text
    assert len(PdfReader(tmp_path / "after.pdf").pages) == after.pages


def test_cli_print_and_verify_exit_codes(ws: Workspace, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    inspection_id = _editable_with_findings(ws)
    root = str(ws.root)
    ws.close()
    out = tmp_path / "cli.pdf"
    assert main(["--data-dir", root, "sheet", str(inspection_id), "-o", str(out), "--kind", "order"]) == 0
    printed = capsys.readouterr().out
    code = re.search(r"INSP-[0-9A-F]{8}-[A-Z2-7]{5}-[A-Z2-7]{5}", printed)
    assert code and out.is_file()
    assert main(["--data-dir", root, "sheet", "verify", code.group(0)]) == 0
    assert capsys.readouterr().out.startswith("matches")
    assert main(["--data-dir", root, "sheet", "verify", "INSP-4242-ABCDE-FGHIJ"]) == 2
    assert capsys.readouterr().out.startswith("unknown record")
    assert main(["--data-dir", root, "sheet", "verify", "not a code"]) == 2
    assert capsys.readouterr().out.startswith("unknown record")
    again = open_workspace(Path(root))
    with again.sessions.begin() as session:
        inspection = inspection_service.get(session, inspection_id)
        inspection_service.update_header(session, inspection, "李四", location="三号车间")
    again.close()
    assert main(["--data-dir", root, "sheet", "verify", code.group(0)]) == 1
    assert capsys.readouterr().out.startswith("changed since printing")
    assert main(["--data-dir", root, "sheet", "abc", "-o", str(out)]) == 2
    assert main(["--data-dir", root, "sheet", "99999", "-o", str(tmp_path / "none.pdf")]) == 1
    assert not (tmp_path / "none.pdf").exists()


def test_preview_records_nothing_until_printed(ws: Workspace) -> None:
    inspection_id = _editable_with_findings(ws)
    with ws.sessions.begin() as session:
        pdf, rendered = preview_sheet(session, inspection_id, "record")
        assert pdf.startswith(b"%PDF") and rendered.path is None
        assert session.scalars(select(PrintedSheet)).first() is None
        row = record_printed(session, inspection_id, pdf, rendered, sheet_dir=ws.sheet_dir, actor="张三")
    assert (ws.sheet_dir / f"{row.pdf_sha256}.pdf").read_bytes() == pdf
    with ws.sessions() as session:
        assert verify_code(session, rendered.code).printed[0][2] == "张三"


def test_the_sheet_operation_and_read_models(ws: Workspace, tmp_path: Path) -> None:
    """What the GUI calls: ``queries.sheets.preview`` records nothing, ``ops.sheets.record_printed`` records
    the previewed bytes and says so (``ChangeKind.SHEETS``), ``queries.sheets.verify`` answers for the code;
    ``ops.sheets.print_sheet`` (the CLI's way) renders outside the write transaction and records."""
    inspection_id = _editable_with_findings(ws)
    pdf, rendered = sheet_queries.preview(ws, inspection_id, "record")
    assert pdf.startswith(b"%PDF")
    assert _printed_count(ws) == 0
    out = tmp_path / "saved.pdf"
    result = sheet_ops.record_printed(ws, inspection_id, pdf, rendered, "张三", out_path=out)
    assert result.value == rendered.code and out.read_bytes() == pdf
    assert result.changes.has(ChangeKind.SHEETS) and result.changes.touches_inspection(inspection_id)
    answer = sheet_queries.verify(ws, f"  {rendered.code} ")
    assert answer.result is Verification.MATCHES and answer.inspection_id == inspection_id
    assert [who for _kind, _at, who in answer.printed] == ["张三"]
    with pytest.raises(BadVerificationCodeError):
        sheet_queries.verify(ws, "不是核验码")
    printed = sheet_ops.print_sheet(ws, inspection_id, "order", tmp_path / "order.pdf", "李四")
    assert printed.value.path == tmp_path / "order.pdf" and printed.changes.has(ChangeKind.SHEETS)
    assert _printed_count(ws) == 2


def _printed_count(ws: Workspace) -> int:
    with ws.sessions() as session:
        return len(session.scalars(select(PrintedSheet)).all())


def test_cli_print_to_a_folder_or_unwritable_path_is_a_clear_error(ws: Workspace, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming a folder, or a path under a file, is reported with the path; nothing is recorded."""
    inspection_id = _editable_with_findings(ws)
    root = str(ws.root)
    with ws.sessions() as session:
        printed_before = len(session.scalars(select(PrintedSheet)).all())
    ws.close()
    folder = tmp_path / "out"
    folder.mkdir()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for target in (folder, blocker / "x.pdf"):
        assert main(["--data-dir", root, "sheet", str(inspection_id), "-o", str(target)]) in (1, 2)
        err = capsys.readouterr().err
        assert str(target) in err and "Traceback" not in err
    assert list(folder.iterdir()) == []
    again = open_workspace(Path(root))
    with again.sessions() as session:
        assert len(session.scalars(select(PrintedSheet)).all()) == printed_before
    again.close()
