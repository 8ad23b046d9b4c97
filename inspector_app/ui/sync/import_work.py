"""Importing bundles for the GUI (writer thread): one file, several, or every bundle in a folder.

``services.ops.sync.import_paths`` does the work (verify everything, then one transaction per file); a
file that fails comes back as a rejected report with the error's stable ``code`` and the signing key's
``fingerprint``, so the report can say *why* in the interface language. The run carries the import's
``changes``: the runner announces them, and the desk rereads the rows they touch. No widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from inspector_app.bundle.crypto import is_encrypted
from inspector_app.bundle.signing import format_fingerprint
from inspector_app.secrets import SecretsError
from inspector_app.services.changes import NO_CHANGES, Changes
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.ui.sync.identity import keyring_problem

if TYPE_CHECKING:
    from inspector_app.services.ops.sync import Identity, ImportReport
    from inspector_app.ui.sync.identity import SyncContext


@dataclass
class FileOutcome:
    path: Path
    report: ImportReport

    @property
    def error_code(self) -> str:
        """The rejected file's ``code`` (unknown_key, replay, …; see ``bundle.errors.CODES``), else ""."""
        return self.report.code if self.report.status == "rejected" else ""

    @property
    def fingerprint(self) -> str:
        return self.report.fingerprint


@dataclass
class ImportRun:
    outcomes: list[FileOutcome] = field(default_factory=list)
    keyring_message: str = ""  # why encrypted bundles could not be opened, if that happened
    names: dict[str, tuple[int, str]] = field(default_factory=dict)  # inspection uid → (local id, enterprise)
    open_conflicts: int = 0
    not_done: list[Path] = field(default_factory=list)  # files left when the user cancelled
    changes: Changes = NO_CHANGES  # what the imports changed (the runner announces it)

    def total(self, action: str) -> int:
        return sum(1 for o in self.outcomes for line in o.report.lines if line.action == action)

    def files(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.report.status == status)


def import_work(context: SyncContext, paths: list[Path], progress: Any, cancel: Any) -> ImportRun:
    run = ImportRun()
    files = sync_queries.bundle_files(paths)
    identity: Identity | None = None
    if any(p.is_file() and is_encrypted(p) for p in files):
        try:
            identity = context.identity(with_encryption=True)
        except SecretsError as exc:
            status = getattr(exc, "status", None)
            run.keyring_message = keyring_problem(status) if status is not None else str(exc)
    # One bad file never stops the others; on cancel, what was imported stays and the rest is "cancelled".
    result = sync_ops.import_paths(context.workspace, files, identity=identity, progress=progress, cancel=cancel)
    run.changes = result.changes
    for report in result.reports:
        if report.status == "cancelled":
            run.not_done.append(report.path)
        else:
            run.outcomes.append(FileOutcome(report.path, report))
    uids = {line.key for o in run.outcomes for line in o.report.lines if line.kind == "inspection"}
    run.names = sync_queries.inspections_by_uid(context.workspace, uids)
    run.open_conflicts = sync_queries.open_conflict_count(context.workspace)
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
            "rejected": QCoreApplication.translate("SyncImport", "拒绝"),
            "warning": QCoreApplication.translate("SyncImport", "警告")}.get(action, action)


def kind_text(kind: str) -> str:
    return {"template": QCoreApplication.translate("SyncImport", "检查表"),
            "campaign": QCoreApplication.translate("SyncImport", "活动"),
            "enterprise": QCoreApplication.translate("SyncImport", "企业"),
            "inspection": QCoreApplication.translate("SyncImport", "检查")}.get(kind, kind)


def reason_text(outcome: FileOutcome) -> str:
    """Why a file was rejected (or that it was imported before), in the interface language."""
    report = outcome.report
    if report.status == "already imported":
        return QCoreApplication.translate("SyncImport", "此数据包以前已导入过，本次没有作任何更改。")
    if report.status != "rejected":
        return ""
    shown = format_fingerprint(outcome.fingerprint) if len(outcome.fingerprint) == 64 else outcome.fingerprint
    text = _REASONS.get(outcome.error_code)
    if text is not None:
        return QCoreApplication.translate("SyncImport", text).replace("%1", shown)
    return QCoreApplication.translate("SyncImport", "未导入：%1").replace("%1", report.reason)


# Why a file was rejected, by the error's stable ``code`` (bundle.errors.CODES); %1 is the key's fingerprint.
_REASONS = {
    "unknown_key": QT_TRANSLATE_NOOP(
        "SyncImport", "签名密钥未登记（指纹 %1）。如确认是对方的数据包，请先当面或电话与对方核对指纹，"
                      "再在“设置 → 密钥与信任”中登记其公钥。"),
    "revoked_key": QT_TRANSLATE_NOOP("SyncImport", "签名密钥已被吊销（指纹 %1），不接受其数据包。"),
    "bad_signature": QT_TRANSLATE_NOOP("SyncImport", "签名无效：数据包在签名之后被改动过，或签名已损坏。"),
    "unsafe_zip": QT_TRANSLATE_NOOP("SyncImport", "文件已损坏或结构不安全，未导入任何内容。"),
    "corrupt_zip": QT_TRANSLATE_NOOP("SyncImport", "文件已损坏或不完整（例如复制时中断），未导入任何内容。请重新复制后再导入。"),
    "unreadable": QT_TRANSLATE_NOOP("SyncImport", "无法读取此文件（不存在、不是文件或没有权限）。"),
    "bad_profile": QT_TRANSLATE_NOOP("SyncImport", "这不是有效的 Inspector 数据包（结构或字段不符合格式规范），未导入任何内容。"),
    "bad_manifest": QT_TRANSLATE_NOOP("SyncImport", "数据包内容不完整或被改动（校验值不符），未导入任何内容。"),
    "newer_format": QT_TRANSLATE_NOOP("SyncImport", "此数据包由更新版本的 Inspector 生成，请先升级本程序。"),
    "encrypted_for_other": QT_TRANSLATE_NOOP("SyncImport", "无法解密：此数据包是加密给另一把市局密钥的，不是给本机的。"),
    "bad_encryption": QT_TRANSLATE_NOOP("SyncImport", "无法解密：此数据包不是加密给本机的，或文件已损坏。"),
    "no_decryption_key": QT_TRANSLATE_NOOP("SyncImport", "此数据包已加密，但本机的密钥环不可用，无法解密。"),
    "own_bundle": QT_TRANSLATE_NOOP("SyncImport", "这是本机导出的数据包，应在对方的电脑上导入。"),
    "replay": QT_TRANSLATE_NOOP("SyncImport", "这是一个旧的或重复发送的数据包（序号不大于已导入的），已拒绝。"),
    "wrong_direction": QT_TRANSLATE_NOOP("SyncImport", "数据包的方向与本机角色不符（检查人员与市局之间互相导入）。"),
    "wrong_signer_role": QT_TRANSLATE_NOOP(
        "SyncImport", "签名密钥（指纹 %1）登记的角色与数据包的方向不符：检查人员的数据包须由检查人员的密钥签名，市局的由市局的密钥签名。"),
}
