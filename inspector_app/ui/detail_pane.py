"""The detail pane: the selected enterprise's data, the conflict-of-interest flags on the review behind its
certificate (利益冲突提示, when there are any) and its whole inspection history, with every earlier finding
and whether it was rectified – the comparison a look-back is about, one glance away."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.numbers import score_text
from inspector_app.ui import labels

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFormLayout, QTreeWidget, QTreeWidgetItem

# (key, Chinese label) of the enterprise fields shown, in order.
FIELDS = (
    ("uscc", "统一社会信用代码"), ("address", "地址"), ("district", "辖市区"), ("industry", "行业"),
    ("cert_grade", "证书等级"), ("cert_number", "证书编号"), ("cert_dates", "发证 / 有效期至"),
    ("scoring_standard", "评分标准"), ("review_org", "评审单位"), ("consulting_org", "咨询单位"),
    ("legal_rep", "法定代表人"), ("contact", "联系人"),
)
def escape(text: str) -> str:
    """HTML-escape (``html.escape`` would cost start-up ~7 ms for its entity tables)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


INSPECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class DetailPane(QWidget):
    """Shows one enterprise (``show_detail``) or a hint when nothing is selected."""

    open_inspection = Signal(int)

    def __init__(self, parent: QWidget | None = None, defer_body: bool = False) -> None:
        """``defer_body``: build the enterprise form and the history (hidden while nothing is selected)
        only in ``ensure_body`` – at start-up right after the window is shown, or on the first detail."""
        super().__init__(parent)
        self._detail: dict[str, Any] | None = None
        self._body = False
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self._title_font = font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 0, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addStretch(0)
        if defer_body:
            self._render()
        else:
            self.ensure_body()

    def ensure_body(self) -> None:
        """Build the form of enterprise fields and the history tree (once)."""
        if self._body:
            return
        self._body = True

        self.form_host = QWidget()
        self.form: QFormLayout = QFormLayout(self.form_host)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setVerticalSpacing(3)
        self.field_labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, _text in FIELDS:
            name, value = QLabel(), QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"value_{key}")
            self.field_labels[key], self.values[key] = name, value
            self.form.addRow(name, value)

        self.history_title = QLabel()
        self.history_title.setFont(self._title_font)
        self.history: QTreeWidget = QTreeWidget()
        self.history.setObjectName("history")
        self.history.setColumnCount(4)
        self.history.setUniformRowHeights(True)
        self.history.setAlternatingRowColors(True)
        self.history.itemActivated.connect(self._activated)
        head = self.history.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.history_box = QWidget()
        box = QVBoxLayout(self.history_box)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.history_title)
        box.addWidget(self.history, 1)
        self.finding_text = QLabel()
        self.finding_text.setObjectName("findingText")
        self.finding_text.setWordWrap(True)
        self.finding_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.finding_text.setVisible(False)
        box.addWidget(self.finding_text)
        self.history.currentItemChanged.connect(self._show_finding)

        # 利益冲突提示: the flags computed from the registers (services.conflicts), hidden when none.
        self.conflicts = QLabel()
        self.conflicts.setObjectName("conflicts")
        self.conflicts.setWordWrap(True)
        self.conflicts.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts.setVisible(False)

        self.form_host.setVisible(False)  # as _render leaves them with nothing selected
        self.history_box.setVisible(False)
        self._layout.insertWidget(1, self.form_host)
        self._layout.insertWidget(2, self.conflicts)
        self._layout.insertWidget(3, self.history_box, 1)
        self.retranslate()

    # -- language ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if not self._body:
            self._render()
            return
        texts = {
            "uscc": self.tr("统一社会信用代码"), "address": self.tr("地址"), "district": self.tr("辖市区"),
            "industry": self.tr("行业"), "cert_grade": self.tr("证书等级"), "cert_number": self.tr("证书编号"),
            "cert_dates": self.tr("发证 / 有效期至"), "scoring_standard": self.tr("评分标准"),
            "review_org": self.tr("评审单位"), "consulting_org": self.tr("咨询单位"),
            "legal_rep": self.tr("法定代表人"), "contact": self.tr("联系人"),
        }
        for key, label in self.field_labels.items():
            label.setText(texts[key] + self.tr("："))
        self.history_title.setText(self.tr("检查历史与隐患整改情况"))
        self.history.setHeaderLabels([self.tr("日期 / 隐患"), self.tr("状态"), self.tr("得分"),
                                      self.tr("结论 / 期限")])
        self._render()

    # -- content -------------------------------------------------------------------------------
    def clear(self) -> None:
        self._detail = None
        self._render()

    def show_detail(self, detail: dict[str, Any] | None) -> None:
        self._detail = detail
        self._render()

    @property
    def detail(self) -> dict[str, Any] | None:
        return self._detail

    def _render(self) -> None:
        detail = self._detail
        if not self._body:
            if detail is None:
                self.title.setText(self.tr("请在左侧列表中选择一家企业"))
                return
            self.ensure_body()  # its retranslate() renders the detail
            return
        self.history.clear()
        self.finding_text.setVisible(False)
        self._show_conflicts(detail.get("conflicts", []) if detail is not None else [])
        self.form_host.setVisible(detail is not None)
        self.history_box.setVisible(detail is not None)
        if detail is None:
            self.title.setText(self.tr("请在左侧列表中选择一家企业"))
            return
        self.title.setText(detail["name"])
        dash = "—"
        shown = dict(detail)
        industry = detail["industry"] + (f"（{detail['sub_speciality']}）" if detail["sub_speciality"] else "")
        shown["industry"] = industry
        shown["cert_grade"] = labels.value_label(detail["cert_grade"])
        shown["cert_dates"] = f"{detail['cert_issued'] or dash} / {detail['cert_expires'] or dash}"
        shown["contact"] = " ".join(x for x in (detail["contact_person"], detail["contact_phone"]) if x)
        old_code = {"reg15": self.tr("旧版15位工商注册号，待更新为统一社会信用代码"),
                    "org9": self.tr("旧版9位组织机构代码，待更新为统一社会信用代码")}.get(detail.get("code_kind", ""))
        if old_code:
            shown["uscc"] = f"{detail['uscc']}（{old_code}）"
        for key, value in self.values.items():
            value.setText(str(shown.get(key) or dash))
        self._fill_history(detail["history"])

    def _show_conflicts(self, flags: list[dict[str, Any]]) -> None:
        """Each flag as its rule's title, whom it names and the evidence; the clause as the tooltip."""
        self.conflicts.setVisible(bool(flags))
        if not flags:
            self.conflicts.clear()
            return
        lines = []
        for flag in flags:
            who = flag["reviewer"] or flag["org"]
            lines.append(f"• <b>{escape(flag['rule_title'])}</b>（{escape(who)}）：{escape(flag['evidence'])}")
        heading = self.tr("利益冲突提示（%1 条）").replace("%1", str(len(flags)))
        self.conflicts.setText(f"<span style='color:#b3261e'><b>{heading}</b></span><br>" + "<br>".join(lines))
        self.conflicts.setToolTip(self.tr("依据：") + "；".join(dict.fromkeys(f["source"] for f in flags)))

    def _fill_history(self, history: list[dict[str, Any]]) -> None:

        if not history:
            item = QTreeWidgetItem([self.tr("尚无检查记录")])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.history.addTopLevelItem(item)
            return
        bold = QFont(self.history.font())
        bold.setBold(True)
        for entry in history:
            score = score_text(entry["score"])
            verdict = " / ".join(x for x in (labels.value_label(entry["grade"]), labels.outcome_text(entry["outcome"])) if x)
            top = QTreeWidgetItem([f"{entry['date']}  {entry['template']}", labels.status_label(entry["status"]),
                                   score, verdict])
            top.setData(0, INSPECTION_ID_ROLE, entry["id"])
            top.setToolTip(0, entry["template"])
            top.setFont(0, bold)
            status_colour = labels.colour(labels.STATUS_COLOURS, entry["status"])
            if status_colour is not None:
                top.setForeground(1, QBrush(status_colour))
            self.history.addTopLevelItem(top)
            findings = entry["findings"]
            rectified = sum(1 for f in findings if f["status"] == "复查合格")
            if entry["reviewer_comment"]:
                note = QTreeWidgetItem([self.tr("审核意见：") + entry["reviewer_comment"]])
                note.setForeground(0, QBrush(labels.colour(labels.STATUS_COLOURS, "returned") or Qt.GlobalColor.red))
                note.setFirstColumnSpanned(True)
                top.addChild(note)
            for finding in findings:
                child = QTreeWidgetItem([
                    f"[{labels.value_label(finding['severity'])}] {finding['description']}",
                    labels.value_label(finding["status"]), "",
                    finding["deadline"]])
                child.setToolTip(0, f"{finding['description']}\n{self.tr('整改要求：')}{finding['requirement']}")
                child.setData(0, INSPECTION_ID_ROLE, entry["id"])
                child.setData(0, FINDING_ROLE, finding)
                finding_colour = labels.colour(labels.FINDING_COLOURS, finding["status"])
                if finding_colour is not None:
                    child.setForeground(1, QBrush(finding_colour))
                top.addChild(child)
            if findings:
                top.setToolTip(3, self.tr("隐患 %1 条，复查合格 %2 条").replace("%1", str(len(findings)))
                               .replace("%2", str(rectified)))
        self.history.expandAll()

    def _show_finding(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        """The whole text of the finding under the cursor (the tree elides long descriptions)."""
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        if not finding:
            self.finding_text.setVisible(False)
            return
        text = (f"<b>[{labels.value_label(finding['severity'])}] {escape(finding['description'])}</b><br>"
                + self.tr("整改要求：") + escape(finding["requirement"] or "—") + "<br>"
                + self.tr("整改期限：") + (finding["deadline"] or "—") + "　"
                + self.tr("状态：") + labels.value_label(finding["status"]))
        self.finding_text.setText(text)
        self.finding_text.setVisible(True)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        inspection_id = item.data(0, INSPECTION_ID_ROLE)
        if inspection_id is not None:
            self.open_inspection.emit(int(inspection_id))
