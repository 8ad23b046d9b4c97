"""Importing bundles for the GUI (writer thread): one file, several, or every bundle in a folder.

Each file goes through ``services.bundle_import.import_bundle`` (verify everything, then one
transaction); a file that fails is kept as a rejected outcome with the error's class and the signing
key's fingerprint, so the report can say *why* in the interface language. No widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from inspector_app.services.bundle_import import ImportReport
    from inspector_app.ui.sync.identity import SyncContext


@dataclass
class FileOutcome:
    path: Path
    report: ImportReport
    error_code: str = ""  # the bundle error's ``code`` (unknown-key, bad-signature, …) or "rejected"
    fingerprint: str = ""  # of the signing key, when the error names one


@dataclass
class ImportRun:
    outcomes: list[FileOutcome] = field(default_factory=list)
    keyring_message: str = ""  # why encrypted bundles could not be opened, if that happened
    names: dict[str, tuple[int, str]] = field(default_factory=dict)  # inspection uid → (local id, enterprise)
    open_conflicts: int = 0
    not_done: list[Path] = field(default_factory=list)  # files left when the user cancelled

    def total(self, action: str) -> int:
        return sum(1 for o in self.outcomes for line in o.report.lines if line.action == action)

    def files(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.report.status == status)


def import_work(context: SyncContext, paths: list[Path], progress: Any, cancel: Any) -> ImportRun:
    from sqlalchemy import select

    from inspector_app.bundle.crypto import is_encrypted
    from inspector_app.domain.errors import Cancelled, InspectorError
    from inspector_app.secrets import SecretsError
    from inspector_app.services.bundle_import import (
        ImportReport,
        Rejected,
        collect_paths,
        import_bundle,
        open_conflicts,
    )
    from inspector_app.storage.models import Inspection
    from inspector_app.ui.sync.identity import keyring_problem

    run = ImportRun()
    files = collect_paths(paths)
    identity = None
    if any(p.is_file() and is_encrypted(p) for p in files):
        try:
            identity = context.identity(with_encryption=True)
        except SecretsError as exc:
            status = getattr(exc, "status", None)
            run.keyring_message = keyring_problem(status) if status is not None else str(exc)
    for number, path in enumerate(files):
        if cancel.cancelled:  # what was imported stays imported; the rest is listed as not done
            run.not_done = files[number:]
            break
        progress(number, len(files), path.name)

        def inner(done: int, total: int, _message: str, name: str = path.name, index: int = number) -> None:
            progress(index, len(files), f"{name}：{done * 100 // max(total, 1)} %")

        try:
            report = import_bundle(context.workspace, path, identity=identity, progress=inner, cancel=cancel)
            run.outcomes.append(FileOutcome(path, report))
        except (InspectorError, OSError) as exc:  # one bad file never stops the others
            if isinstance(exc, Cancelled):  # this file was rolled back as a whole
                run.not_done = files[number:]
                break
            code = "rejected" if isinstance(exc, Rejected) else str(getattr(exc, "code", "") or "error")
            run.outcomes.append(FileOutcome(path, ImportReport(path, "rejected", str(exc)), code,
                                            str(getattr(exc, "fingerprint", "") or "")))
    progress(len(files), len(files), "")
    uids = {line.key for o in run.outcomes for line in o.report.lines if line.kind == "inspection"}
    with context.workspace.sessions() as session:
        if uids:
            for inspection in session.scalars(select(Inspection).where(Inspection.uid.in_(uids))):
                run.names[inspection.uid] = (inspection.id, inspection.enterprise.name)
        run.open_conflicts = len(open_conflicts(session))
    return run


def status_text(status: str) -> str:
    return {"imported": QCoreApplication.translate("SyncImport", "已导入"),
            "already imported": QCoreApplication.translate("SyncImport", "已导入过"),
            "rejected": QCoreApplication.translate("SyncImport", "已拒绝")}.get(status, status)


def action_text(action: str) -> str:
    return {"added": QCoreApplication.translate("SyncImport", "新增"),
            "updated": QCoreApplication.translate("SyncImport", "更新"),
            "unchanged": QCoreApplication.translate("SyncImport", "不变"),
            "conflict": QCoreApplication.translate("SyncImport", "冲突"),
            "rejected": QCoreApplication.translate("SyncImport", "拒绝")}.get(action, action)


def kind_text(kind: str) -> str:
    return {"template": QCoreApplication.translate("SyncImport", "检查表"),
            "enterprise": QCoreApplication.translate("SyncImport", "企业"),
            "inspection": QCoreApplication.translate("SyncImport", "检查")}.get(kind, kind)


def reason_text(outcome: FileOutcome) -> str:
    """Why a file was rejected (or that it was imported before), in the interface language."""
    from inspector_app.bundle.signing import format_fingerprint

    report = outcome.report
    if report.status == "already imported":
        return QCoreApplication.translate("SyncImport", "此数据包以前已导入过，本次没有作任何更改。")
    if report.status != "rejected":
        return ""
    shown = format_fingerprint(outcome.fingerprint) if len(outcome.fingerprint) == 64 else outcome.fingerprint
    original = report.reason
    texts = {
        "unknown-key": QCoreApplication.translate(
            "SyncImport", "签名密钥未登记（指纹 %1）。如确认是对方的数据包，请先当面或电话与对方核对指纹，"
                          "再在“设置 → 密钥与信任”中登记其公钥。"),
        "revoked-key": QCoreApplication.translate("SyncImport", "签名密钥已被吊销（指纹 %1），不接受其数据包。"),
        "bad-signature": QCoreApplication.translate("SyncImport", "签名无效：数据包在签名之后被改动过，或签名已损坏。"),
        "unsafe-archive": QCoreApplication.translate("SyncImport", "文件已损坏或结构不安全，未导入任何内容。"),
        "bag-invalid": QCoreApplication.translate("SyncImport", "数据包内容不完整或被改动（校验值不符），未导入任何内容。"),
        "newer-version": QCoreApplication.translate("SyncImport", "此数据包由更新版本的 Inspector 生成，请先升级本程序。"),
        "decryption": QCoreApplication.translate("SyncImport", "无法解密：此数据包不是加密给本机的，或文件已损坏。"),
    }
    if outcome.error_code in texts:
        return texts[outcome.error_code].replace("%1", shown)
    if outcome.error_code == "rejected":
        if "made by this installation" in original:
            return QCoreApplication.translate("SyncImport", "这是本机导出的数据包，应在对方的电脑上导入。")
        if "replayed or superseded" in original:
            return QCoreApplication.translate("SyncImport", "这是一个旧的或重复发送的数据包（序号不大于已导入的），已拒绝。")
        if "workspace expects" in original or "must be signed by" in original:
            return QCoreApplication.translate("SyncImport", "数据包的方向与本机角色不符（检查人员与市局之间互相导入）。")
    return QCoreApplication.translate("SyncImport", "未导入：%1").replace("%1", original)
