"""One 摘牌 case file (``services.queries.cases.case_detail``): who and what, the way through the steps
(立案 → 告知 → 陈述申辩 → 决定 → 公告 → 撤销证书) with the ones taken marked, the grounds frozen at 立案
(the rules with their sources, the findings and photos), the steps in order with their dates, who took
them, the document numbers and the attached files (opened with the system's viewer), and a button for
each step that may come next – those only the deciding body takes are disabled, with the reason, in an
office that is not it (a district prepares a 三级 case; a case held below is only decided here)."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.delisting import FINAL_STAGES, GRANTED_BY, STEPS
from inspector_app.ui import labels
from inspector_app.ui.office import texts

PATH = ("opened", "notified", "defended", "decided", "announced", "closed")
NOTE, FILE = 5, 6  # the steps' columns: step, date, number, body, by, note, file
LEVEL_WORDS = {"district": "辖市（区）", "city": "设区市", "province": "省"}
STAGE_COLOURS = {"opened": "#1f5fbf", "notified": "#b36b00", "defended": "#b36b00", "decided": "#c62828",
                 "announced": "#c62828", "closed": "#6a1b9a", "dropped": "#2e7d32"}


def next_steps(stage: str) -> list[str]:
    """The steps that may follow ``stage``, in the order of ``domain.delisting.STEPS``."""
    if stage in FINAL_STAGES:
        return []
    return [name for name, step in STEPS.items() if stage in step.after]


class CaseView(QWidget):
    stepRequested = Signal(str)  # the step's name
    inspectionRequested = Signal(int, str)  # inspection id, enterprise

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.case: dict[str, Any] | None = None
        self.office_level = ""
        self.step_buttons: dict[str, QPushButton] = {}

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stage = QLabel()
        self.inspection_button = QPushButton()
        self.inspection_button.clicked.connect(self._open_inspection)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.stage)
        top.addWidget(self.inspection_button)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("color: #444;")
        self.path = QLabel()
        self.path.setTextFormat(Qt.TextFormat.RichText)

        self.grounds = QTextBrowser()
        self.grounds.setObjectName("caseGrounds")
        self.grounds.setOpenLinks(False)
        self.steps = QTableWidget(0, 7)
        self.steps.setObjectName("caseSteps")
        self.steps.verticalHeader().hide()
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setWordWrap(False)
        self.steps.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.steps.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.grounds_title, self.steps_title = QLabel(), QLabel()
        for title in (self.grounds_title, self.steps_title):
            title.setStyleSheet("font-weight: bold;")
        grounds_box, steps_box = QWidget(), QWidget()
        for box, title, body in ((grounds_box, self.grounds_title, self.grounds),
                                 (steps_box, self.steps_title, self.steps)):
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(title)
            box_layout.addWidget(body, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(grounds_box)
        split.addWidget(steps_box)
        split.setChildrenCollapsible(False)
        split.setSizes([170, 260])

        self.next_label = QLabel()
        self.next_row = QHBoxLayout()
        self.next_row.addWidget(self.next_label)
        for name in STEPS:
            button = QPushButton()
            button.setObjectName(f"step_{name}")
            button.clicked.connect(lambda _checked=False, n=name: self.stepRequested.emit(n))
            self.step_buttons[name] = button
            self.next_row.addWidget(button)
        self.next_row.addStretch(1)
        self.restriction = QLabel()
        self.restriction.setWordWrap(True)
        self.restriction.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.path)
        layout.addWidget(split, 1)
        layout.addLayout(self.next_row)
        layout.addWidget(self.restriction)
        self.retranslate()
        self.show_case(None)

    def retranslate(self) -> None:
        self.inspection_button.setText(self.tr("查看检查"))
        self.grounds_title.setText(self.tr("摘牌依据（立案时确定）"))
        self.steps_title.setText(self.tr("办理步骤"))
        self.next_label.setText(self.tr("下一步："))
        words = {"notify": self.tr("告知…"), "defence": self.tr("陈述申辩…"), "decide": self.tr("摘牌决定…"),
                 "drop": self.tr("不予摘牌…"), "announce": self.tr("公告…"), "withdraw": self.tr("撤销证书…")}
        for name, button in self.step_buttons.items():
            button.setText(words[name])
        self.steps.setHorizontalHeaderLabels([self.tr("步骤"), self.tr("日期"), self.tr("文号"), self.tr("机关或当事人"),
                                              self.tr("经办人"), self.tr("说明"), self.tr("附件")])
        self.show_case(self.case, self.office_level)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- showing ---------------------------------------------------------------------------------
    def show_case(self, case: dict[str, Any] | None, office_level: str = "") -> None:
        self.case, self.office_level = case, office_level
        for widget in (self.inspection_button, self.stage):
            widget.setVisible(case is not None)
        if case is None:
            self.heading.setText(self.tr("请在左侧选择一个摘牌案卷"))
            for label in (self.facts, self.path, self.restriction):
                label.clear()
            self.grounds.clear()
            self.steps.setRowCount(0)
            self._show_buttons([], "")
            return
        self.heading.setText(f"{case['enterprise']}　{case['uscc']}")
        colour = STAGE_COLOURS.get(case["stage_code"], "#555")
        self.stage.setText(texts.text(case["stage"]))
        self.stage.setStyleSheet(f"color: white; background: {colour}; border-radius: 3px; padding: 2px 8px;")
        self.inspection_button.setEnabled(case.get("inspection_id") is not None)
        facts = [self.tr("证书等级 %1").replace("%1", labels.value_label(case["cert_grade"])),
                 self.tr("决定机关 %1").replace("%1", texts.text(case["deciding"])),
                 self.tr("办理机关 %1").replace("%1", texts.text(case["held_by"])),
                 self.tr("立案 %1（%2）").replace("%1", self._opened_on(case)).replace("%2", case["opened_by"])]
        if case["defence_until"]:
            facts.append(self.tr("申辩期限至 %1").replace("%1", case["defence_until"]))
        if case["reapply_after"]:
            facts.append(self.tr("%1 起可重新申请").replace("%1", case["reapply_after"]))
        self.facts.setText(" · ".join(facts))
        self.path.setText(self._path_html(case))
        self.grounds.setHtml(self._grounds_html(case["grounds"]))
        self._fill_steps(case["steps"])
        self._show_buttons(next_steps(case["stage_code"]), self._restriction(case))

    @staticmethod
    def _opened_on(case: dict[str, Any]) -> str:
        """The date of 立案 (its step), else when the case was recorded."""
        return next((s["on"] for s in case["steps"] if s["stage"] == "opened"), case["opened_at"][:10])

    def _path_html(self, case: dict[str, Any]) -> str:
        reached = {s["stage"] for s in case["steps"]} | {"opened"}
        words = {"opened": self.tr("立案"), "notified": self.tr("告知"), "defended": self.tr("陈述申辩"),
                 "decided": self.tr("摘牌决定"), "announced": self.tr("公告"), "closed": self.tr("撤销证书")}
        parts = []
        for stage in PATH:
            word = escape(words[stage])
            parts.append(f"<b style='color:#2e7d32'>✓ {word}</b>" if stage in reached else f"<span style='color:#888'>{word}</span>")
        text = " → ".join(parts)
        if "dropped" in reached:
            text += "　<b style='color:#2e7d32'>" + escape(self.tr("不予摘牌（案卷结束）")) + "</b>"
        return text

    def _grounds_html(self, grounds: list[dict[str, Any]]) -> str:
        if not grounds:
            return escape(self.tr("（无）"))
        parts = []
        for ground in grounds:
            parts.append(f"<p><b>{escape(ground['text'])}</b><br><span style='color:#555'>"
                         f"{escape(self.tr('依据：'))}{escape(ground['source'])}</span>")
            if ground.get("item_codes"):
                parts.append("<br>" + escape(self.tr("检查项目：")) + escape("、".join(ground["item_codes"])))
            findings = ground.get("findings") or []
            if findings:
                parts.append("<br>" + escape(self.tr("隐患 %1 项：").replace("%1", str(len(findings)))) + "<ul style='margin:0'>")
                for f in findings:
                    deadline = self.tr("，整改期限 %1").replace("%1", f["deadline"]) if f.get("deadline") else ""
                    parts.append(f"<li>【{escape(labels.value_label(f['severity']))}】{escape(f['item_code'])} "
                                 f"{escape(f['description'])}（{escape(labels.value_label(f['status']))}{escape(deadline)}）</li>")
                parts.append("</ul>")
            photos = ground.get("photos") or []
            if photos:
                captions = "、".join(p["caption"] or p["sha256"][:12] for p in photos)
                parts.append(escape(self.tr("照片 %1 张：").replace("%1", str(len(photos)))) + escape(captions))
            parts.append("</p>")
        return "".join(parts)

    def _fill_steps(self, steps: list[dict[str, Any]]) -> None:
        self.steps.setRowCount(len(steps))
        for row, step in enumerate(steps):
            values = (texts.text(step["label"]), step["on"], step["document_number"], step["body"], step["by"],
                      step["note"], "")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value or "")
                item.setToolTip(value or "")
                self.steps.setItem(row, column, item)
            if step["file_name"]:
                button = QPushButton(step["file_name"] if step["file"] else self.tr("%1（不在本工作区）")
                                     .replace("%1", step["file_name"]))
                button.setFlat(True)
                button.setStyleSheet("text-align: left; color: #1f5fbf; text-decoration: underline;")
                button.setEnabled(bool(step["file"]))
                button.setToolTip(step["file"] or step["file_sha256"])
                button.clicked.connect(lambda _c=False, p=step["file"]: self.open_file(p))
                self.steps.setCellWidget(row, FILE, button)
        metrics = self.steps.fontMetrics()
        for column, sample in enumerate(("撤销证书", "2020-12-31", "常应急决〔2020〕12号", "常州市应急管理局", "科长（演示）")):
            self.steps.resizeColumnToContents(column)  # the labels in the interface's language
            width = min(self.steps.columnWidth(column), metrics.horizontalAdvance(sample) * 3 // 2 + 18)
            self.steps.setColumnWidth(column, max(width, metrics.horizontalAdvance(sample) + 18))
        self.steps.setColumnWidth(FILE, metrics.horizontalAdvance("陈述申辩书.pdf") + 18)

    def _restriction(self, case: dict[str, Any]) -> str:
        """Why the steps only the deciding body takes are not this office's, or why the others are not."""
        level = GRANTED_BY.get(case["cert_grade"], ("", ""))[0]
        if self.office_level and level and self.office_level != level:
            return self.tr("%1证书由%2应急管理部门撤销：本机关只能告知、听取陈述申辩，并随汇总数据包报送上级决定。") \
                .replace("%1", case["cert_grade"]).replace("%2", texts.text(LEVEL_WORDS.get(level, level)))
        if case["origin"]:
            return self.tr("本案卷由下级机关（%1）办理：本机关只能作出决定、公告和撤销证书。").replace("%1", case["origin"])
        return ""

    def _allowed(self, name: str, case: dict[str, Any]) -> bool:
        deciding_only = STEPS[name].deciding_body_only
        level = GRANTED_BY.get(case["cert_grade"], ("", ""))[0]
        if deciding_only:
            return not self.office_level or self.office_level == level
        return not case["origin"]

    def _show_buttons(self, names: list[str], restriction: str) -> None:
        case = self.case
        for name, button in self.step_buttons.items():
            button.setVisible(name in names)
            allowed = case is not None and self._allowed(name, case)
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else restriction)
        self.next_label.setVisible(bool(names))
        hint = ""
        if case is not None and case["stage_code"] == "notified" and case["defence_until"] \
                and date.fromisoformat(case["defence_until"]) >= date.today():
            hint = self.tr("申辩期限至 %1 止：企业陈述申辩之前，期限届满后才能作出决定。").replace("%1", case["defence_until"])
        if case is not None and not names:
            hint = self.tr("案卷已结束。")
        self.restriction.setText("\n".join(t for t in (restriction, hint) if t))

    # -- actions ---------------------------------------------------------------------------------
    def _open_inspection(self) -> None:
        case = self.case
        if case is not None and case.get("inspection_id") is not None:
            self.inspectionRequested.emit(int(case["inspection_id"]), case["enterprise"])

    def open_file(self, path: str | None) -> bool:
        if not path or not Path(path).is_file():
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(path))
