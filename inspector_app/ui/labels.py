"""Display labels and colours for stored codes (status, grade, outcome, finding status).

The core stores status codes in English (``in_progress``) and grades, outcomes and finding states in
Chinese. Every label goes through ``QCoreApplication.translate`` with the Chinese text as the source,
so the Chinese interface needs no .qm file and the English one comes from ``inspector_en.ts``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


# Status code → Chinese source label (the same words as domain.lifecycle.INSPECTION_LABELS).
STATUS_SOURCE = {
    "": "未安排检查",
    "assigned": "已分配",
    "in_progress": "检查中",
    "completed": "已完成锁定",
    "exported": "已导出",
    "received": "已接收",
    "accepted": "已验收",
    "returned": "已退回",
}
# Marked for lupdate: these literals must appear inside translate() calls somewhere.
_MARK = (
    QCoreApplication.translate("Labels", "未安排检查"), QCoreApplication.translate("Labels", "已分配"),
    QCoreApplication.translate("Labels", "检查中"), QCoreApplication.translate("Labels", "已完成锁定"),
    QCoreApplication.translate("Labels", "已导出"), QCoreApplication.translate("Labels", "已接收"),
    QCoreApplication.translate("Labels", "已验收"), QCoreApplication.translate("Labels", "已退回"),
    QCoreApplication.translate("Labels", "一级"), QCoreApplication.translate("Labels", "二级"),
    QCoreApplication.translate("Labels", "三级"), QCoreApplication.translate("Labels", "小微"),
    QCoreApplication.translate("Labels", "不达标"), QCoreApplication.translate("Labels", "维持"),
    QCoreApplication.translate("Labels", "限期整改"), QCoreApplication.translate("Labels", "建议摘牌"),
    QCoreApplication.translate("Labels", "合格"), QCoreApplication.translate("Labels", "建议通报批评"),
    QCoreApplication.translate("Labels", "建议暂停评审活动"), QCoreApplication.translate("Labels", "建议取消评审资格"),
    QCoreApplication.translate("Labels", "待整改"), QCoreApplication.translate("Labels", "已整改待复查"),
    QCoreApplication.translate("Labels", "复查合格"), QCoreApplication.translate("Labels", "复查不合格"),
    QCoreApplication.translate("Labels", "一般"), QCoreApplication.translate("Labels", "重大"),
    QCoreApplication.translate("Labels", "新增"), QCoreApplication.translate("Labels", "更新"),
    QCoreApplication.translate("Labels", "不变"),
)

# Statuses in which the inspector's work is done (no longer "due").
DONE_STATUSES = frozenset({"completed", "exported", "received", "accepted"})

STATUS_COLOURS = {
    "": "#8a8a8a",
    "assigned": "#1f5fbf",
    "in_progress": "#b36b00",
    "completed": "#2e7d32",
    "exported": "#2e7d32",
    "received": "#00695c",
    "accepted": "#1b5e20",
    "returned": "#c62828",
}
# Conclusions (the cached ``outcome``): look-back and audit, then the review-quality self-inspection.
OUTCOME_COLOURS = {"维持": "#2e7d32", "限期整改": "#b36b00", "建议摘牌": "#c62828",
                   "合格": "#2e7d32", "建议通报批评": "#b36b00", "建议暂停评审活动": "#c62828",
                   "建议取消评审资格": "#c62828"}
NOT_STARTED_COLOUR = "#78909c"  # an inspection nothing has been answered in yet: no conclusion (domain.states)
FINDING_COLOURS = {"待整改": "#c62828", "已整改待复查": "#b36b00", "复查合格": "#2e7d32",
                   "复查不合格": "#c62828"}


def status_label(code: str | None) -> str:
    return _t(STATUS_SOURCE.get(code or "", code or ""))


def value_label(text: str | None) -> str:
    """Grade, outcome, severity or finding status: stored in Chinese, shown translated."""
    return _t(text) if text else ""


def not_started_label() -> str:
    """What a list shows instead of a conclusion before the first answer (``domain.states``)."""
    return QCoreApplication.translate("Labels", "尚未作答")


def not_started_tip() -> str:
    return QCoreApplication.translate("Labels", "尚未作答：作答第一个检查项后开始计分并给出结论")


def outcome_text(outcome: str | None, inspection: bool = True) -> str:
    """An inspection's cached conclusion as a list shows it: "尚未作答" while there is none (every
    inspection that has been answered has one; an enterprise row without an inspection shows nothing)."""
    if outcome:
        return value_label(outcome)
    return not_started_label() if inspection else ""


def colour(table: dict[str, str], key: str | None) -> QColor | None:
    value = table.get(key or "")
    return QColor(value) if value else None


def status_codes() -> list[str]:
    return list(STATUS_SOURCE)


def store_description(backend: str) -> str:
    """Where the keyring backend ``backend`` (a dotted class name, as ``keyring`` names it) keeps the key,
    in the words its users know – never the class name."""
    if backend.startswith(("keyring.backends.SecretService.", "keyring.backends.libsecret.")):
        return QCoreApplication.translate("Labels", "桌面密钥环服务")
    if backend.startswith("keyring.backends.kwallet."):
        return QCoreApplication.translate("Labels", "KDE 钱包")
    if backend.startswith("keyring.backends.Windows."):
        return QCoreApplication.translate("Labels", "Windows 凭据管理器")
    if backend.startswith("keyring.backends.macOS."):
        return QCoreApplication.translate("Labels", "macOS 钥匙串")
    return QCoreApplication.translate("Labels", "操作系统的密钥环")


def keyring_advice(status: Any) -> str:
    """What is wrong with the keyring and what to do (a ``secrets.BackendStatus``), in the interface
    language; "" when it is secure. The core words it (``message`` / ``message_en``); which one shows follows
    the installed translation, by Qt's marker-string idiom: the English .qm translates "zh_CN" to "en".
    Without a keyring the stand-in backend's class name (``keyring.backends.fail.Keyring``) is left out."""
    if status.secure:
        return ""
    english = QCoreApplication.translate("SyncKeyring", "zh_CN") == "en"
    text: str = (status.message_en or status.message) if english else status.message
    if str(status.state) == "missing":
        text = text.replace(f"（{status.backend}）", "").replace(f" ({status.backend})", "")
    return text
