"""The confirmation before 完成并锁定 and before 验收: what is locked in or accepted – the score, the
conclusion with its reasons, the open points (what completion checks, and the hazards still to be
rectified) and who signs – read by ``services.queries.confirm`` in a worker.

Enter confirms, Esc cancels (the confirm button is the default one). Before locking, open points that
block completion disable the confirm button; "逐项处理…" then lists them in the editor's 缺项 dialog, where
each one jumps to its place. Shown with ``open()`` (no nested event loop): ``accepted`` / ``fixRequested``
tell the caller what was chosen."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui import labels

if TYPE_CHECKING:  # the dialog is on the way to the review page: the read model loads when it is used
    from inspector_app.services.queries.confirm import Confirmation, OpenPoint, Signer

ACCEPT = "accept"  # services.queries.confirm.ACCEPT (the other action: "lock")

_BUCKET_COLOURS = {"维持": "#2e7d32", "限期整改": "#b36b00", "建议摘牌": "#c62828"}
_RED, _AMBER, _GREEN, _GREY = "#c62828", "#b36b00", "#2e7d32", "#607d8b"
_SHOWN = 12  # open points listed one by one; the rest are counted


class ConfirmDialog(QDialog):
    fixRequested = Signal()  # "逐项处理…": show the open points where they can be dealt with

    def __init__(self, confirmation: Confirmation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConfirmDialog")
        self.confirmation = confirmation
        self.setModal(True)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.template, self.score, self.conclusion = QLabel(), QLabel(), QLabel()
        self.conclusion.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet(f"color: {_GREY};")
        self.open_points, self.signers, self.note = QLabel(), QLabel(), QLabel()
        for label in (self.open_points, self.signers, self.note):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_labels = [QLabel() for _ in range(6)]
        for caption, field in zip(self.form_labels, (self.template, self.score, self.conclusion, self.open_points,
                                                     self.signers, self.reasons), strict=True):
            self.form.addRow(caption, field)
        body = QWidget()
        body.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = QPushButton()
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.fix_button: QPushButton | None = None
        if confirmation.action != ACCEPT and confirmation.blocking:
            self.fix_button = QPushButton()
            self.buttons.addButton(self.fix_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.fix_button.clicked.connect(self._fix)
            self.confirm_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.default_button = self.fix_button if self.fix_button is not None else self.confirm_button
        for button in (self.cancel_button, self.confirm_button, self.fix_button):
            if button is not None:  # only the default one answers Enter, whatever has the focus
                button.setAutoDefault(button is self.default_button)
        self.default_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(620, min(640, 320 + 22 * (len(confirmation.open_points[:_SHOWN]) + len(confirmation.signers))))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.default_button.setDefault(True)  # the button box picks its own default when shown
        self.default_button.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        c = self.confirmation
        accepting = c.action == ACCEPT
        self.setWindowTitle(self.tr("验收检查") if accepting else self.tr("完成并锁定"))
        question = self.tr("验收“%1”的检查吗？") if accepting else self.tr("完成并锁定“%1”的检查吗？")
        self.question.setText(question.replace("%1", c.enterprise))
        for caption, text in zip(self.form_labels, (self.tr("检查表"), self.tr("得分"), self.tr("结论"),
                                                    self.tr("待处理"), self.tr("签名"), self.tr("理由")), strict=True):
            caption.setText(text + self.tr("："))
        self.template.setText(c.template)
        self.score.setText(self.tr("%1（已检查 %2/%3）").replace("%1", c.score_text)
                           .replace("%2", str(c.answered)).replace("%3", str(c.total_items)))
        if c.conclusion:
            colour = _BUCKET_COLOURS.get(c.counts_as, _AMBER)
            text = QCoreApplication.translate("EditorLabels", c.conclusion)  # as the score panel says it
        else:
            colour, text = labels.NOT_STARTED_COLOUR, labels.not_started_label()
        self.conclusion.setText(f"<b style='color:{colour}'>{escape(text)}</b>")
        self.reasons.setText("\n".join(f"• {r}" for r in c.reasons))
        self.open_points.setText(self._open_points_html())
        self.signers.setText("<br>".join(self._signer_html(s) for s in c.signers))
        self.cancel_button.setText(self.tr("取消"))
        self.confirm_button.setText(self.tr("验收") if accepting else self.tr("锁定"))
        if self.fix_button is not None:
            self.fix_button.setText(self.tr("逐项处理…"))
        if accepting:
            note = self.tr("验收记入审计记录，检查保持锁定。如需更正，可在检查员桌面选中这项检查，"
                           "用“检查 → 退回修改…”退回检查人员（须填写意见）。")
        elif c.blocking:
            note = self.tr("还有 %1 项须处理，处理后才能锁定。").replace("%1", str(len(c.blocking)))
        else:
            note = self.tr("锁定后检查只读；如需修改，可用“重新打开…”并说明理由（记入审计记录）。")
        self.note.setText(escape(note))
        self.note.setStyleSheet(f"color: {_RED if c.blocking and not accepting else _GREY};")

    def _open_points_html(self) -> str:
        c = self.confirmation
        unanswered = [p.item_code for p in c.open_points if p.kind == "unanswered"]
        others = [p for p in c.open_points if p.kind not in ("hazard", "unanswered")]
        lines: list[str] = []
        if unanswered:  # one line: the codes, as many as fit
            codes = self.tr("、").join(unanswered[:_SHOWN]) + ("…" if len(unanswered) > _SHOWN else "")
            colour = _RED if c.action != ACCEPT else _AMBER
            lines.append(f"<span style='color:{colour}'>• " + escape(self.tr("尚未检查 %1 项：%2")
                         .replace("%1", str(len(unanswered))).replace("%2", codes)) + "</span>")
        if not others and not unanswered:
            lines.append(f"<span style='color:{_GREEN}'>"
                         + escape(self.tr("检查项均已作答，说明、照片和签名齐全")) + "</span>")
        for point in others[:_SHOWN]:
            lines.append(f"<span style='color:{_RED if point.blocking else _AMBER}'>• {escape(point.text)}</span>")
        if len(others) > _SHOWN:
            lines.append(escape(self.tr("…… 另有 %1 项").replace("%1", str(len(others) - _SHOWN))))
        hazards = c.hazards
        if hazards:
            lines.append(escape(self.tr("待整改隐患 %1 项（不影响%2，列入整改指令）：")
                                .replace("%1", str(len(hazards)))
                                .replace("%2", self.tr("验收") if c.action == ACCEPT else self.tr("锁定"))))
            lines += [f"<span style='color:{_AMBER}'>• {self._hazard_text(h)}</span>" for h in hazards[:_SHOWN]]
            if len(hazards) > _SHOWN:
                lines.append(escape(self.tr("…… 另有 %1 项").replace("%1", str(len(hazards) - _SHOWN))))
        else:
            lines.append(escape(self.tr("没有待整改的隐患")))
        return "<br>".join(lines)

    def _hazard_text(self, point: OpenPoint) -> str:
        deadline = self.tr("（期限 %1）").replace("%1", point.deadline) if point.deadline else ""
        where = f"{point.item_code} " if point.item_code else ""
        return escape(f"[{labels.value_label(point.severity)}] {where}{point.text}{deadline} "
                      f"{labels.value_label(point.status)}")

    def _signer_html(self, signer: Signer) -> str:
        role = {"officer": self.tr("行政执法人员（现场检查记录）"), "expert": self.tr("评审专家（评分表）"),
                "enterprise_rep": self.tr("被检查单位负责人"), "reviewer": self.tr("验收人")}.get(signer.role, signer.role)
        name = signer.name or self.tr("（未填写）")
        if signer.role == "reviewer":
            state, colour = self.tr("本次验收，记入审计记录"), _GREY
        elif signer.refused:
            state, colour = self.tr("拒绝签名（已记录）"), _AMBER
        elif signer.signed:
            state, colour = self.tr("已签名"), _GREEN
        else:
            state, colour = self.tr("未签名"), _RED
        return f"{escape(role)} {escape(name)}：<span style='color:{colour}'>{escape(state)}</span>"

    # -- answers ---------------------------------------------------------------------------------
    def _fix(self) -> None:
        self.fixRequested.emit()
        self.reject()

    def texts(self) -> str:
        """Everything the dialog says, as plain text (tests and screenshots read it)."""
        parts = [self.question.text(), self.template.text(), self.score.text(), self.conclusion.text(),
                 self.reasons.text(), self.open_points.text(), self.signers.text(), self.note.text()]
        return "\n".join(parts)
