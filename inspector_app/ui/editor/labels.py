"""Words and colours shared by the editor's views: results, statuses, severities and item badges.

The core speaks Chinese (result names, statuses); these functions give the words in the UI's
language through Qt's translation system, with the Chinese originals as source strings.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.template import CONFORM, NONCONFORM, NOT_APPLICABLE, PARTIAL

RESULT_COLORS = {CONFORM: "#2e7d32", PARTIAL: "#c77700", NONCONFORM: "#c62828", NOT_APPLICABLE: "#616161"}
RESULT_BACKGROUNDS = {CONFORM: "#e8f5e9", PARTIAL: "#fff3e0", NONCONFORM: "#ffebee", NOT_APPLICABLE: "#eeeeee"}




def result_label(result: str) -> str:
    return {
        CONFORM: QCoreApplication.translate("EditorLabels", "符合"),
        PARTIAL: QCoreApplication.translate("EditorLabels", "部分符合"),
        NONCONFORM: QCoreApplication.translate("EditorLabels", "不符合"),
        NOT_APPLICABLE: QCoreApplication.translate("EditorLabels", "不涉及"),
    }.get(result, result)


def unanswered_label() -> str:
    return QCoreApplication.translate("EditorLabels", "未检查")


def status_label(status: InspectionStatus) -> str:
    return {
        InspectionStatus.ASSIGNED: QCoreApplication.translate("EditorLabels", "已分配"),
        InspectionStatus.IN_PROGRESS: QCoreApplication.translate("EditorLabels", "检查中"),
        InspectionStatus.COMPLETED: QCoreApplication.translate("EditorLabels", "已完成锁定"),
        InspectionStatus.EXPORTED: QCoreApplication.translate("EditorLabels", "已导出"),
        InspectionStatus.RECEIVED: QCoreApplication.translate("EditorLabels", "已接收"),
        InspectionStatus.ACCEPTED: QCoreApplication.translate("EditorLabels", "已验收"),
        InspectionStatus.RETURNED: QCoreApplication.translate("EditorLabels", "已退回"),
    }[status]


def severity_label(severity: str) -> str:
    return {"一般": QCoreApplication.translate("EditorLabels", "一般"), "重大": QCoreApplication.translate("EditorLabels", "重大")}.get(severity, severity)


def finding_status_label(status: str) -> str:
    return {"待整改": QCoreApplication.translate("EditorLabels", "待整改"), "已整改待复查": QCoreApplication.translate("EditorLabels", "已整改待复查"), "复查合格": QCoreApplication.translate("EditorLabels", "复查合格"),
            "复查不合格": QCoreApplication.translate("EditorLabels", "复查不合格")}.get(status, status)


def outcome_label(outcome: str) -> str:
    """A conclusion's code or label (template data) in the UI's language."""
    return {
        "维持": QCoreApplication.translate("EditorLabels", "维持"),
        "维持（符合证书等级要求）": QCoreApplication.translate("EditorLabels", "维持（符合证书等级要求）"),
        "限期整改": QCoreApplication.translate("EditorLabels", "限期整改"),
        "建议摘牌": QCoreApplication.translate("EditorLabels", "建议摘牌"),
        "合格": QCoreApplication.translate("EditorLabels", "合格"),
        "建议通报批评": QCoreApplication.translate("EditorLabels", "建议通报批评"),
        "建议暂停评审活动": QCoreApplication.translate("EditorLabels", "建议暂停评审活动"),
        "建议取消评审资格": QCoreApplication.translate("EditorLabels", "建议取消评审资格"),
    }.get(outcome, outcome)


def role_label(role: str) -> str:
    """Who a person on an inspection is: 行政执法人员 (officer) or 评审专家 (expert)."""
    return {"officer": QCoreApplication.translate("EditorLabels", "行政执法人员"),
            "expert": QCoreApplication.translate("EditorLabels", "评审专家")}.get(role, role)


def cert_label(role: str) -> str:
    """The certificate a person in that role holds: 执法证 for an officer, 评审员证 for an expert."""
    if role == "expert":
        return QCoreApplication.translate("EditorLabels", "评审员证号")
    return QCoreApplication.translate("EditorLabels", "执法证号")


def cert_kind(role: str) -> str:
    """The certificate itself, short (执法证 or 评审员证): the tag of a person in the header strip."""
    if role == "expert":
        return QCoreApplication.translate("EditorLabels", "评审员证")
    return QCoreApplication.translate("EditorLabels", "执法证")


def measure_label(code: str) -> str:
    """An on-site measure of a 重大 hazard (安全生产法第六十五条第一款第（三）项)."""
    return {"evacuate": QCoreApplication.translate("EditorLabels", "从危险区域内撤出作业人员"),
            "suspend": QCoreApplication.translate("EditorLabels", "暂时停产停业"),
            "stop_use": QCoreApplication.translate("EditorLabels", "停止使用相关设施、设备")}.get(code, code)


def grade_label(grade: str) -> str:
    return {"一级": QCoreApplication.translate("EditorLabels", "一级"), "二级": QCoreApplication.translate("EditorLabels", "二级"), "三级": QCoreApplication.translate("EditorLabels", "三级"), "小微": QCoreApplication.translate("EditorLabels", "小微"),
            "不达标": QCoreApplication.translate("EditorLabels", "不达标")}.get(grade, grade)


def badge_glyphs() -> dict[str, tuple[str, str, str]]:
    """Badge key → (glyph, colour, tooltip). Glyphs are one character so they fit a 16 px square."""
    return {
        "veto": (QCoreApplication.translate("EditorLabels", "否"), "#b71c1c", QCoreApplication.translate("EditorLabels", "否决项：不符合时整体不通过或本类目清零")),
        "photo": (QCoreApplication.translate("EditorLabels", "照"), "#1565c0", QCoreApplication.translate("EditorLabels", "不符合时须拍照取证")),
        "has_photo": (QCoreApplication.translate("EditorLabels", "图"), "#00838f", QCoreApplication.translate("EditorLabels", "已有照片")),
        "note": (QCoreApplication.translate("EditorLabels", "注"), "#6a1b9a", QCoreApplication.translate("EditorLabels", "不符合时须填写说明")),
        "has_note": (QCoreApplication.translate("EditorLabels", "记"), "#2e7d32", QCoreApplication.translate("EditorLabels", "已填写备注")),
        "finding": (QCoreApplication.translate("EditorLabels", "患"), "#e65100", QCoreApplication.translate("EditorLabels", "已登记隐患")),
    }


@cache
def _badge_pixmap(glyphs: tuple[tuple[str, str], ...], size: int, ratio: float) -> QPixmap:
    gap = 2
    width = len(glyphs) * (size + gap)
    pixmap = QPixmap(int(width * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(size - 4)
    painter.setFont(font)
    for n, (glyph, colour) in enumerate(glyphs):
        rect = QRectF(n * (size + gap), 0, size, size)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return pixmap


def badge_icon(keys: tuple[str, ...], size: int = 16, ratio: float = 1.0) -> QIcon | None:
    """One icon per combination of badges in the current language (the tree asks on every repaint)."""
    if not keys:
        return None
    table = badge_glyphs()
    return _badge_icon(tuple((table[k][0], table[k][1]) for k in keys), size, ratio)


@cache
def _badge_icon(glyphs: tuple[tuple[str, str], ...], size: int, ratio: float) -> QIcon:
    # Keyed by the glyphs themselves, so a language switch gets its own icons.
    return QIcon(_badge_pixmap(glyphs, size, ratio))


def badge_tooltip(keys: tuple[str, ...]) -> str:
    table = badge_glyphs()
    return "\n".join(f"{table[k][0]}：{table[k][2]}" for k in keys)
