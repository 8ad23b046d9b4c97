"""Sync by bundle through the dialogs: keys and trust (fingerprint, export, enrol with confirmation,
revoke), export from an inspector's workspace and import in the office's (report, "已导入过", unknown
key, a folder with a broken file, encryption), the conflict list, the keyring-missing message, and the
supervisor's 验收 / 退回修改 on a received inspection, triggered through the real menu actions (the same
operation and audit rows as the CLI). In-memory keyrings, work run inline. The desk follows every change
by the runner's ``changed`` broadcast: nothing here reloads it. What the inspector sends back was assigned
to 陈示范 by the office first (an inspector's bundle may carry nothing else: docs/bundle-format.md §10)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from desk_support import settings
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inspector_app.bundle.crypto import is_encrypted
from inspector_app.bundle.signing import format_fingerprint
from inspector_app.cli import main as cli_main
from inspector_app.domain import uscc
from inspector_app.domain.progress import CancelToken
from inspector_app.domain.scoring import Answer
from inspector_app.secrets import InMemoryKeyring
from inspector_app.services import audit, inspections, signatures
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops.sync import ImportReport
from inspector_app.services.queries import sync as sync_queries
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Inspection
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.sync.conflicts_dialog import ConflictDialog
from inspector_app.ui.sync.enrol_dialog import EnrolDialog, read_key_file
from inspector_app.ui.sync.export_dialog import ExportDialog
from inspector_app.ui.sync.identity import SyncContext, keyring_problem
from inspector_app.ui.sync.import_dialog import ImportReportDialog
from inspector_app.ui.sync.import_work import FileOutcome, import_work, reason_text
from inspector_app.ui.sync.keys_dialog import KeysDialog
from inspector_app.ui.sync.review import ReturnDialog
from inspector_app.ui.tasks import InlineTaskRunner, TaskRunner

__all__ = ["settings"]
PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")]


@dataclass
class Side:
    ws: Workspace
    context: SyncContext
    runner: InlineTaskRunner
    qtbot: QtBot

    def keys(self) -> KeysDialog:
        dialog = KeysDialog(self.context, self.runner)
        self.qtbot.addWidget(dialog)  # deleted at teardown, not whenever Python collects it
        dialog.load()
        return dialog


@pytest.fixture
def field(qtbot: QtBot, tmp_path: Path) -> Iterator[Side]:
    """陈示范's laptop: he signs with his name from the settings (his key file and bundles carry it)."""
    ws = open_workspace(tmp_path / "field")
    yield Side(ws, SyncContext(ws, "陈示范", InMemoryKeyring(), "陈示范"), InlineTaskRunner(), qtbot)
    ws.close()


@pytest.fixture
def office(qtbot: QtBot, tmp_path: Path) -> Iterator[Side]:
    ws = open_workspace(tmp_path / "office")
    side = Side(ws, SyncContext(ws, "科长", InMemoryKeyring()), InlineTaskRunner(), qtbot)
    side.keys().change_role("office")
    yield side
    ws.close()


@pytest.fixture
def office_window(qtbot: QtBot, office: Side, settings: AppSettings) -> Iterator[MainWindow]:
    install_translators("zh_CN")
    win = MainWindow(office.runner, settings)
    qtbot.addWidget(win)
    win.sync.keyring = office.context.keyring
    win.set_workspace(office.ws)
    win.resize(1366, 768)
    win.show()
    win.reload()
    yield win
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def enrol(into: Side, other: Side, tmp_path: Path) -> None:
    """``other`` exports its public key through its keys dialog; ``into`` enrols it after confirming."""
    file = tmp_path / f"{other.context.actor}.inspkey"
    other.keys().export_to(file)
    key = read_key_file(None, file)
    assert key is not None
    confirm = EnrolDialog(key)
    into.qtbot.addWidget(confirm)
    assert not confirm.ok.isEnabled()  # not before the fingerprint was confirmed
    confirm.confirm.setChecked(True)
    assert confirm.ok.isEnabled()
    keys = into.keys()
    keys.enrol(key, confirm.name(), confirm.role())
    assert any(k["fingerprint"] == key.fingerprint and not k["revoked"] for k in keys.data["keys"])


def assign(office: Side, field: Side, tmp_path: Path, count: int = 1) -> None:
    """The office assigns ``count`` inspections to 陈示范 and 吴敏 and sends them (one bundle); the field,
    trusting the office's key, imports them."""
    if not any(k.role == "office" for k in sync_queries.trusted_keys(field.ws)):
        enrol(field, office, tmp_path)
    with office.ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        for _ in range(count):
            serial = f"MA1W2X{len(s.scalars(select(Inspection)).all()):03d}"
            enterprise, _ = upsert(s, EnterpriseData(name=f"常州恒达机械制造有限公司{serial[-3:]}",
                                                     uscc=uscc.make_code("9", "1", "320412", serial)))
            inspections.assign(s, enterprise, template, PAIR, "科长", due_date=date(2026, 12, 31))
            s.flush()
    number = len(list(tmp_path.glob("assign-*.inspbundle")))
    sent = sync_ops.export_bundle(office.ws, office.context.identity(), tmp_path / f"assign-{number}.inspbundle")
    (report,) = sync_ops.import_paths(field.ws, [sent.path]).reports
    assert report.status == "imported", report.reason


def complete_one(side: Side) -> int:
    """Answer every item of an inspection the office assigned (or one in progress), sign it, complete it."""
    with side.ws.sessions.begin() as s:
        insp = s.scalars(select(Inspection).where(Inspection.status.in_(["assigned", "in_progress"]))
                         .order_by(Inspection.id)).first()
        assert insp is not None
        for item in inspections.template_for(insp).items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        signers = [("inspector", p.name) for p in insp.inspectors] + [("enterprise_rep", "王厂长")]
        for number, (role, name) in enumerate(signers):
            signatures.save_signature(s, None, insp.id, role, name, [[[0.0, 0.0], [10.0 + number, 5.0], [20.0, 0.0]]],
                                  "陈示范")
        inspection_id = insp.id
    inspection_ops.complete(side.ws, inspection_id, "陈示范")
    return inspection_id


def export(side: Side, target: Path, selected: int | None = None, encrypt: bool = False) -> ExportDialog:
    dialog = ExportDialog(side.context, side.runner, None, selected)
    side.qtbot.addWidget(dialog)
    dialog.load()
    dialog.target.setText(str(target))
    if encrypt:
        dialog.encrypt.setChecked(True)
    assert dialog.export_button.isEnabled()
    dialog.start_export()
    assert dialog.result_ is not None and target.is_file()
    assert dialog.done_message is not None and str(target) in dialog.done_message.text()
    dialog.done_message.close()
    return dialog


def status_of(ws: Workspace, uid: str) -> Inspection:
    with ws.sessions() as s:
        found = s.scalar(select(Inspection).where(Inspection.uid == uid))
        assert found is not None
        return found


def uid_of(ws: Workspace, inspection_id: int) -> str:
    with ws.sessions() as s:
        return inspections.get(s, inspection_id).uid


def test_keys_dialog_shows_the_fingerprint_in_groups_of_four(field: Side) -> None:
    keys = field.keys()
    shown = keys.fingerprint.text()
    lines = shown.splitlines()
    assert len(lines) == 4 and all(len(line.split()) == 4 for line in lines)
    assert " ".join(lines) == format_fingerprint(field.context.identity().signer.fingerprint)
    assert keys.export_button.isEnabled() and "系统密钥环" in keys.keyring.text()
    assert keys.role.currentData() == "inspector"


def test_keyring_missing_says_what_to_do(field: Side) -> None:
    context = SyncContext(field.ws, "陈示范", fail.Keyring())
    keys = KeysDialog(context, field.runner)
    field.qtbot.addWidget(keys)
    keys.load()
    assert "密钥环" in keys.keyring.text() and "gnome-keyring" in keys.keyring.text()
    assert not keys.export_button.isEnabled()
    dialog = ExportDialog(context, field.runner)
    field.qtbot.addWidget(dialog)
    dialog.load()
    assert dialog.keyring.isVisibleTo(dialog) and "不能签名" in dialog.keyring.text()
    assert not dialog.export_button.isEnabled()


def test_keyring_advice_and_rejections_follow_the_interface_language(field: Side) -> None:
    """The keyring advice comes from the core (Chinese ``message`` / ``message_en``); rejected files are
    explained by their stable ``code``, in the interface language."""
    status = SyncContext(field.ws, "陈示范", fail.Keyring()).status()
    fp = "ab" * 32
    own = FileOutcome(Path("x.inspbundle"), ImportReport(Path("x.inspbundle"), "rejected", "…", fingerprint=fp,
                                                         code="own_bundle"))
    role = FileOutcome(Path("y.inspbundle"), ImportReport(Path("y.inspbundle"), "rejected", "…", fingerprint=fp,
                                                          code="wrong_signer_role"))
    other = FileOutcome(Path("z.inspbundle"), ImportReport(Path("z.inspbundle"), "rejected", "某个原因",
                                                           code="bad_record"))
    install_translators("zh_CN")
    # the advice as the core words it, without the stand-in backend's class name (nobody's word for anything)
    assert keyring_problem(status) == status.message.replace(f"（{status.backend}）", "")
    assert "GNOME Keyring" in status.message and "keyring.backends" not in keyring_problem(status)
    assert reason_text(own) == "这是本机导出的数据包，应在对方的电脑上导入。"
    assert format_fingerprint(fp) in reason_text(role) and "角色" in reason_text(role)
    assert reason_text(other) == "未导入：某个原因"
    try:
        install_translators("en")
        assert keyring_problem(status) == status.message_en.replace(f" ({status.backend})", "")
        assert "No system keyring" in keyring_problem(status)
        assert reason_text(own) == "This bundle was made by this installation; import it on the other side."
        assert format_fingerprint(fp) in reason_text(role) and "enrolled with a role" in reason_text(role)
    finally:
        install_translators("zh_CN")


def test_export_import_report_and_review(field: Side, office: Side, office_window: MainWindow,
                                         tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path)
    inspection_id = complete_one(field)
    uid = uid_of(field.ws, inspection_id)
    dialog = export(field, tmp_path / "out.inspbundle", selected=inspection_id)
    assert dialog.checked_ids() == [inspection_id]  # the selected row only
    assert status_of(field.ws, uid).status == "exported"

    office_window.sync.run_import([tmp_path / "out.inspbundle"])
    report = office_window.sync.dialog
    assert isinstance(report, ImportReportDialog)
    assert report.status_texts() == ["已导入"] and "已导入 1" in report.summary.text()
    actions = {report.lines.item(r, 2).text() for r in range(report.lines.rowCount())}  # type: ignore[union-attr]
    assert "更新" in actions  # the office's own assignment, now received
    received = status_of(office.ws, uid)
    assert received.status == "received"
    report.close()

    office_window.sync.run_import([tmp_path / "out.inspbundle"])  # the same bundle again
    again = office_window.sync.dialog
    assert again.status_texts() == ["已导入过"] and "以前已导入过" in again.files.item(0, 3).text()
    again.close()

    # the supervisor accepts, then returns it with a comment – through the menu's actions; the row follows
    # (the desk listens to the runner's broadcast: nothing reloads it)
    broadcast: list[tuple[Changes, object]] = []
    office.runner.changed.connect(lambda changes, initiator: broadcast.append((changes, initiator)))
    assert office_window.select_row(received.id)
    actions = office_window.sync
    assert actions.accept.isEnabled() and actions.return_.isEnabled()
    actions.accept.trigger()
    actions.dialog.confirm_button.click()  # the confirmation: score, conclusion, open points, who signs
    assert status_of(office.ws, uid).status == "accepted"
    assert office_window.current_row()["status"] == "accepted"  # type: ignore[index]
    (changes, initiator), = broadcast
    assert changes.touches_inspection(received.id) and changes.has(ChangeKind.STATUS) and initiator is actions
    assert not actions.accept.isEnabled() and actions.return_.isEnabled()

    actions.return_.trigger()  # the menu's 退回修改…: asks for the comment (it used to crash here)
    dialog = actions.dialog
    assert isinstance(dialog, ReturnDialog) and dialog.isVisible() and not dialog.ok.isEnabled()
    dialog.comment.setPlainText("  B2 证据不足，请补充照片 ")
    dialog.ok.click()
    returned = status_of(office.ws, uid)
    assert returned.status == "returned" and returned.reviewer_comment == "B2 证据不足，请补充照片"
    assert office_window.current_row()["status"] == "returned"  # type: ignore[index]
    assert not actions.accept.isEnabled() and not actions.return_.isEnabled()
    assert len(broadcast) == 2 and broadcast[1][0].touches_inspection(received.id)
    actor = office_window.settings.actor
    assert review_rows(office.ws, received.id, actor) == [
        ("status", "received", "accepted", ""),
        ("status", "accepted", "returned", "B2 证据不足，请补充照片"),
        ("reviewer_comment", "", "B2 证据不足，请补充照片", ""),
    ]


def review_rows(ws: Workspace, inspection_id: int, actor: str) -> list[tuple[str, str, str, str]]:
    """The audit rows the review wrote: (field, old, new, reason) of the rows by ``actor``."""
    with ws.sessions() as s:
        return [(e.field, e.old_value, e.new_value, e.reason or "") for e in audit.trail(s, inspection_id)
                if e.actor == actor]


def test_the_review_actions_write_the_rows_the_cli_writes(field: Side, office: Side, office_window: MainWindow,
                                                         tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """验收 and 退回修改 from the menu and ``inspector-app inspections accept/return`` run the same operation
    (``services.ops.review``): the same status changes, the same comment, the same audit rows."""
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path, 2)
    first, second = complete_one(field), complete_one(field)
    export(field, tmp_path / "two.inspbundle")
    office_window.sync.run_import([tmp_path / "two.inspbundle"])
    office_window.sync.dialog.close()
    by_menu, by_cli = (status_of(office.ws, uid_of(field.ws, i)).id for i in (first, second))
    actor = office_window.settings.actor
    comment = "第 3 项缺少现场照片"

    assert office_window.select_row(by_menu)
    office_window.sync.accept.trigger()
    office_window.sync.dialog.confirm_button.click()
    office_window.sync.return_.trigger()
    office_window.sync.dialog.comment.setPlainText(comment)
    office_window.sync.dialog.ok.click()

    root = str(office.ws.root)
    assert cli_main(["--data-dir", root, "inspections", "accept", str(by_cli), "--by", actor]) == 0
    assert cli_main(["--data-dir", root, "inspections", "return", str(by_cli), "--comment", comment,
                     "--by", actor]) == 0
    capsys.readouterr()
    menu, cli = status_of(office.ws, uid_of(office.ws, by_menu)), status_of(office.ws, uid_of(office.ws, by_cli))
    assert (menu.status, menu.reviewer_comment) == (cli.status, cli.reviewer_comment) == ("returned", comment)
    assert review_rows(office.ws, by_menu, actor) == review_rows(office.ws, by_cli, actor) == [
        ("status", "received", "accepted", ""), ("status", "accepted", "returned", comment),
        ("reviewer_comment", "", comment, "")]


def test_returning_from_the_menu_can_be_cancelled(field: Side, office: Side, office_window: MainWindow,
                                                  tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path)
    inspection_id = complete_one(field)
    export(field, tmp_path / "one.inspbundle")
    office_window.sync.run_import([tmp_path / "one.inspbundle"])
    office_window.sync.dialog.close()
    received = status_of(office.ws, uid_of(field.ws, inspection_id))
    assert office_window.select_row(received.id)
    office_window.sync.return_.trigger()
    dialog = office_window.sync.dialog
    assert isinstance(dialog, ReturnDialog)
    dialog.comment.setPlainText("不退了")
    dialog.reject()
    assert status_of(office.ws, received.uid).status == "received"
    assert review_rows(office.ws, received.id, office_window.settings.actor) == []


def test_return_needs_a_comment(qtbot: QtBot) -> None:
    dialog = ReturnDialog("常州恒达机械制造有限公司")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.comment.setPlainText("   ")
    assert not dialog.ok.isEnabled()
    dialog.comment.setPlainText("请补充照片")
    assert dialog.ok.isEnabled() and dialog.text() == "请补充照片"


def test_unknown_key_is_rejected_with_its_fingerprint(field: Side, office: Side, office_window: MainWindow,
                                                     tmp_path: Path) -> None:
    assign(office, field, tmp_path)  # the field trusts the office; the office does not know the field's key
    complete_one(field)
    export(field, tmp_path / "stranger.inspbundle")
    office_window.sync.run_import([tmp_path / "stranger.inspbundle"])
    report = office_window.sync.dialog
    assert report.status_texts() == ["已拒绝"]
    reason = report.files.item(0, 3).text()
    assert "未登记" in reason and format_fingerprint(field.context.identity().signer.fingerprint) in reason


def test_folder_import_with_a_broken_file_and_revocation(field: Side, office: Side, office_window: MainWindow,
                                                         tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path, 3)
    complete_one(field)
    stick = tmp_path / "usb"
    stick.mkdir()
    export(field, stick / "1.inspbundle")
    complete_one(field)
    export(field, stick / "2.inspbundle")
    (stick / "3-damaged.inspbundle").write_bytes(b"PK\x03\x04 not really a zip")
    office_window.sync.run_import([stick])
    report = office_window.sync.dialog
    assert report.status_texts() == ["已导入", "已导入", "已拒绝"]
    assert "未导入任何内容" in report.files.item(2, 3).text()
    assert "已拒绝 1" in report.summary.text()

    keys = office.keys()  # revoke the inspector's key: the next bundle is refused
    keys.table.selectRow(0)
    keys.revoke_selected(confirm=False)
    assert keys.data["keys"][0]["revoked"] and "已吊销" in keys.table.item(0, 3).text()  # type: ignore[union-attr]
    complete_one(field)
    export(field, tmp_path / "after.inspbundle")
    office_window.sync.run_import([tmp_path / "after.inspbundle"])
    assert "已被吊销" in office_window.sync.dialog.files.item(0, 3).text()

    keys.table.selectRow(0)  # revoked by mistake: trusting it again is an explicit step
    assert keys.unrevoke_button.isEnabled() and not keys.revoke_button.isEnabled()
    keys.unrevoke_selected(confirm=False)
    assert not keys.data["keys"][0]["revoked"]  # type: ignore[index]
    office_window.sync.run_import([tmp_path / "after.inspbundle"])
    assert office_window.sync.dialog.status_texts() == ["已导入"]


def test_encrypted_bundle_to_the_office(field: Side, office: Side, office_window: MainWindow, tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    enrol(field, office, tmp_path)  # the office's key file carries its encryption key
    assign(office, field, tmp_path)
    complete_one(field)
    dialog = export(field, tmp_path / "secret.inspbundle", encrypt=True)
    assert dialog.result_ is not None and dialog.result_.encrypted
    assert is_encrypted(tmp_path / "secret.inspbundle")
    office_window.sync.run_import([tmp_path / "secret.inspbundle"])
    assert office_window.sync.dialog.status_texts() == ["已导入"]


def test_conflict_list_takes_the_incoming_revision(field: Side, office: Side, office_window: MainWindow,
                                                   tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path)
    inspection_id = complete_one(field)
    uid = uid_of(field.ws, inspection_id)
    export(field, tmp_path / "first.inspbundle")
    office_window.sync.run_import([tmp_path / "first.inspbundle"])
    office_id = status_of(office.ws, uid).id
    office_window.select_row(office_id)
    office_window.sync.accept.trigger()  # changed in the office …
    office_window.sync.dialog.confirm_button.click()
    inspection_ops.reopen(field.ws, inspection_id, "补充说明", "陈示范")  # … and in the field
    with field.ws.sessions() as s:
        item = inspections.template_for(inspections.get(s, inspection_id)).items[0]
    inspection_ops.set_answer(field.ws, inspection_id, item.code, Answer("符合", note="复核后补充"), "陈示范")
    inspection_ops.complete(field.ws, inspection_id, "陈示范")
    export(field, tmp_path / "second.inspbundle")
    office_window.sync.run_import([tmp_path / "second.inspbundle"])
    report = office_window.sync.dialog
    assert report.run.total("conflict") == 1 and report.conflicts_button.isVisibleTo(report)

    report.conflicts_button.click()  # → the conflict list
    conflicts = office_window.sync.dialog
    assert isinstance(conflicts, ConflictDialog) and len(conflicts.rows) == 1
    assert conflicts.compare.item(0, 0).text() == "已验收"  # type: ignore[union-attr]
    assert conflicts.compare.item(0, 1).text() == "已接收"  # type: ignore[union-attr]
    conflicts.resolve(take_incoming=True, confirm=False)
    assert conflicts.rows == [] and not conflicts.take.isEnabled()
    assert status_of(office.ws, uid).status == "received"
    assert office_window.current_row()["status"] == "received"  # type: ignore[index]  # the desk listened


def test_cancelled_import_keeps_what_was_imported(field: Side, office: Side, office_window: MainWindow,
                                                  tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path, 2)
    stick = tmp_path / "usb"
    stick.mkdir()
    complete_one(field)
    export(field, stick / "1.inspbundle")
    complete_one(field)
    export(field, stick / "2.inspbundle")
    cancel = CancelToken()

    def progress(done: int, _total: int, _message: str) -> None:
        if done >= 1:  # the user presses Cancel once the first file is in
            cancel.cancel()

    run = import_work(office.context, [stick], progress, cancel)
    assert [o.report.status for o in run.outcomes] == ["imported"]
    assert [p.name for p in run.not_done] == ["2.inspbundle"]
    report = office_window.sync.show_report(run)
    assert "导入已取消" in report.summary.text() and "其余 1 个文件" in report.summary.text()


def test_export_and_import_on_the_real_worker_threads(qtbot: QtBot, field: Side, office: Side, settings: AppSettings,
                                                      tmp_path: Path) -> None:
    enrol(office, field, tmp_path)
    assign(office, field, tmp_path)
    complete_one(field)
    runner = TaskRunner()
    try:
        dialog = ExportDialog(field.context, runner)
        qtbot.addWidget(dialog)
        dialog.load()
        qtbot.waitUntil(lambda: bool(dialog.choices), timeout=10000)
        dialog.target.setText(str(tmp_path / "threaded.inspbundle"))
        dialog.start_export()  # on the writer thread, with a progress dialog
        qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=30000)
        dialog.done_message.close()  # type: ignore[union-attr]

        win = MainWindow(runner, settings)
        qtbot.addWidget(win)
        win.sync.keyring = office.context.keyring
        win.set_workspace(office.ws)
        win.sync.run_import([tmp_path / "threaded.inspbundle"])
        qtbot.waitUntil(lambda: isinstance(win.sync.dialog, ImportReportDialog), timeout=30000)
        assert win.sync.dialog.status_texts() == ["已导入"]
        qtbot.waitUntil(lambda: any(r["status"] == "received" for r in win.model.rows()), timeout=10000)
        assert runner.wait_idle(10000) or runner.wait_idle(10000)
    finally:
        runner.shutdown()
