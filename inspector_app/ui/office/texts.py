"""Words the core hands the office's window in Chinese – the headings of the progress figures
(``PROGRESS_HEADINGS``), the duties' roles and states, 合计 – shown through ``QCoreApplication.translate``
with the Chinese text as the source (as ``ui/labels.py`` does for statuses), so the English interface
gets them from ``inspector_office_en.ts`` and the Chinese one needs nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

CONTEXT = "OfficeTexts"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# Marked for lupdate: these literals must appear inside translate() calls somewhere.
_MARK = (
    QCoreApplication.translate("OfficeTexts", "检查种类"), QCoreApplication.translate("OfficeTexts", "辖区"),
    QCoreApplication.translate("OfficeTexts", "辖区全称"), QCoreApplication.translate("OfficeTexts", "纳入范围企业"),
    QCoreApplication.translate("OfficeTexts", "已分配"), QCoreApplication.translate("OfficeTexts", "已到场检查"),
    QCoreApplication.translate("OfficeTexts", "已完成"), QCoreApplication.translate("OfficeTexts", "已验收"),
    QCoreApplication.translate("OfficeTexts", "退回修改"), QCoreApplication.translate("OfficeTexts", "维持"),
    QCoreApplication.translate("OfficeTexts", "限期整改"), QCoreApplication.translate("OfficeTexts", "建议摘牌"),
    QCoreApplication.translate("OfficeTexts", "合格"), QCoreApplication.translate("OfficeTexts", "建议通报批评"),
    QCoreApplication.translate("OfficeTexts", "建议暂停评审活动"),
    QCoreApplication.translate("OfficeTexts", "建议取消评审资格"),
    QCoreApplication.translate("OfficeTexts", "发现一般隐患"), QCoreApplication.translate("OfficeTexts", "发现重大隐患"),
    QCoreApplication.translate("OfficeTexts", "一般隐患已整改"), QCoreApplication.translate("OfficeTexts", "重大隐患已整改"),
    QCoreApplication.translate("OfficeTexts", "一般隐患逾期未整改"),
    QCoreApplication.translate("OfficeTexts", "重大隐患逾期未整改"),
    QCoreApplication.translate("OfficeTexts", "证书已过期"), QCoreApplication.translate("OfficeTexts", "合计"),
    QCoreApplication.translate("OfficeTexts", "其他（未归属辖区）"),
    QCoreApplication.translate("OfficeTexts", "“回头看”"), QCoreApplication.translate("OfficeTexts", "运行质量审计"),
    QCoreApplication.translate("OfficeTexts", "评审质量自查"),
    QCoreApplication.translate("OfficeTexts", "报送"), QCoreApplication.translate("OfficeTexts", "接收"),
    QCoreApplication.translate("OfficeTexts", "已报送"), QCoreApplication.translate("OfficeTexts", "逾期报送"),
    QCoreApplication.translate("OfficeTexts", "未报送"), QCoreApplication.translate("OfficeTexts", "已收到"),
    QCoreApplication.translate("OfficeTexts", "逾期收到"), QCoreApplication.translate("OfficeTexts", "未收到"),
    QCoreApplication.translate("OfficeTexts", "有效"), QCoreApplication.translate("OfficeTexts", "本机关"),
    # The registers (issue 13): statuses, 摘牌 case stages and steps, sanctions, register sheets, relations.
    QCoreApplication.translate("OfficeTexts", "正常"), QCoreApplication.translate("OfficeTexts", "通报批评"),
    QCoreApplication.translate("OfficeTexts", "暂停评审活动"), QCoreApplication.translate("OfficeTexts", "取消评审资格"),
    QCoreApplication.translate("OfficeTexts", "黑名单"), QCoreApplication.translate("OfficeTexts", "评审单位"),
    QCoreApplication.translate("OfficeTexts", "咨询服务单位"), QCoreApplication.translate("OfficeTexts", "立案"),
    QCoreApplication.translate("OfficeTexts", "已告知"), QCoreApplication.translate("OfficeTexts", "已陈述申辩"),
    QCoreApplication.translate("OfficeTexts", "已决定"), QCoreApplication.translate("OfficeTexts", "已公告"),
    QCoreApplication.translate("OfficeTexts", "已撤销证书"), QCoreApplication.translate("OfficeTexts", "不予摘牌"),
    QCoreApplication.translate("OfficeTexts", "告知"), QCoreApplication.translate("OfficeTexts", "陈述申辩"),
    QCoreApplication.translate("OfficeTexts", "摘牌决定"), QCoreApplication.translate("OfficeTexts", "公告"),
    QCoreApplication.translate("OfficeTexts", "撤销证书"), QCoreApplication.translate("OfficeTexts", "设区市"),
    QCoreApplication.translate("OfficeTexts", "省"), QCoreApplication.translate("OfficeTexts", "辖市（区）"),
    QCoreApplication.translate("OfficeTexts", "执行中"), QCoreApplication.translate("OfficeTexts", "未开始"),
    QCoreApplication.translate("OfficeTexts", "已到期"), QCoreApplication.translate("OfficeTexts", "已解除"),
    QCoreApplication.translate("OfficeTexts", "暂停中"), QCoreApplication.translate("OfficeTexts", "已恢复"),
    QCoreApplication.translate("OfficeTexts", "二级"), QCoreApplication.translate("OfficeTexts", "三级"),
    QCoreApplication.translate("OfficeTexts", "小微"), QCoreApplication.translate("OfficeTexts", "单位名录"),
    QCoreApplication.translate("OfficeTexts", "关联关系"), QCoreApplication.translate("OfficeTexts", "咨询人员"),
    QCoreApplication.translate("OfficeTexts", "评审人员"), QCoreApplication.translate("OfficeTexts", "评审记录"),
    QCoreApplication.translate("OfficeTexts", "股东关系"), QCoreApplication.translate("OfficeTexts", "同一法定代表人"),
    QCoreApplication.translate("OfficeTexts", "声明的关联关系"),
)

STATE_COLOURS = {"filed": "#2e7d32", "received": "#2e7d32", "late": "#b36b00", "missing": "#c62828"}


def text(source: Any) -> str:
    """A Chinese word of the core, translated when the interface is English (as it is otherwise)."""
    return _t(str(source)) if source else ""


def longest(*words: str) -> str:
    """The longest of some words of the core in the interface's language (a column's sample width)."""
    return max((text(w) for w in words), key=len)


def state_colour(row: dict[str, Any]) -> QColor | None:
    value = STATE_COLOURS.get(str(row.get("state") or ""))
    return QColor(value) if value else None


def days_left(value: Any) -> str:
    """还有 N 天 / 今天到期 / 已过 N 天; "" without a due date."""
    if value is None or value == "":
        return ""
    days = int(value)
    if days > 0:
        return QCoreApplication.translate("OfficeTexts", "还有 %1 天").replace("%1", str(days))
    if days == 0:
        return QCoreApplication.translate("OfficeTexts", "今天到期")
    return QCoreApplication.translate("OfficeTexts", "已过 %1 天").replace("%1", str(-days))
