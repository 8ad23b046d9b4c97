"""检查 → 核验纸质记录…: type or paste the short code printed on a sheet (or the text a QR scanner gives)
and see at once whether the paper matches the database: 一致 / 打印后已修改 / 未知记录."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.reports import Verification
from inspector_app.services.queries.sheets import SheetVerification
from inspector_app.ui import glyphs
from inspector_app.ui.documents.sheet_work import verify
from inspector_app.ui.errors import show_error

if TYPE_CHECKING:
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.tasks import TaskRunner

# answer → (background, text colour)
COLOURS = {"matches": ("#e3f4e1", "#1e6b21"), "changed": ("#fdf0d8", "#8a5300"), "unknown": ("#f9e1e1", "#9b1c1c"),
           "": ("#f2f2f2", "#444444")}


class VerifyDialog(QDialog):
    """Check a printed code against the database; the answer is shown big, with its details."""

    answered = Signal(str)  # "matches" / "changed" / "unknown"

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None,
                 open_inspection: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("VerifyDialog")
        self.workspace, self.runner = workspace, runner
        self.open_inspection = open_inspection
        self.answer: SheetVerification | None = None
        self.answer_code = ""  # matches / changed / unknown, "" before the first check
        self.not_a_code = False
        self._seq = 0

        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("verifyCode")
        font = self.code.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", *font.families()])
        self.code.setFont(font)
        self.code.setClearButtonEnabled(True)
        self.check_button = QPushButton()
        self.code.returnPressed.connect(self.check)
        self.code.textChanged.connect(lambda _t: self.check_button.setEnabled(bool(self.code.text().strip())))
        self.check_button.setDefault(True)
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)

        self.banner = QFrame()
        self.banner.setObjectName("verifyBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict = QLabel()
        self.verdict.setObjectName("verifyVerdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = self.verdict.font()
        big.setPointSizeF(big.pointSizeF() * 2.6)
        big.setBold(True)
        self.verdict.setFont(big)
        self.explanation = QLabel()
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation.setWordWrap(True)
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 14, 16, 14)
        banner_layout.addWidget(self.verdict)
        banner_layout.addWidget(self.explanation)
        self.details = QLabel()
        self.details.setObjectName("verifyDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._open)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 400)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("核验纸质记录"))
        self.prompt.setText(self.tr("输入纸质检查记录每页底部印的核验码（如 INSP-3F2A9C1E-ABCDE-FGHIJ），"
                                    "或用扫码枪扫描二维码，然后按回车。"))
        self.code.setPlaceholderText(self.tr("核验码或二维码内容"))
        self.check_button.setText(self.tr("核验"))
        self.open_button.setText(self.tr("打开该检查"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def check(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        self._seq += 1
        seq, workspace = self._seq, self.workspace
        self.check_button.setEnabled(False)

        def done(answer: SheetVerification | None) -> None:
            if seq != self._seq:
                return
            self.check_button.setEnabled(True)
            self.answer, self.not_a_code = answer, answer is None
            self.answer_code = "unknown" if answer is None else _result_code(answer)
            self._show()
            self.answered.emit(self.answer_code)

        def failed(error: BaseException) -> None:
            self.check_button.setEnabled(True)
            show_error(self, error, self.tr("无法核验"))

        self.runner.run(lambda _p, _c: verify(workspace, text), done, failed)

    def _show(self) -> None:
        background, colour = COLOURS[self.answer_code]
        self.banner.setStyleSheet(f"#verifyBanner {{ background: {background}; border: 1px solid {colour};"
                                  f" border-radius: 6px; }} #verifyBanner QLabel {{ color: {colour}; }}")
        verdicts = {"matches": (self.tr("✔ 一致"), self.tr("纸质记录与数据库中的记录完全一致。")),
                    "changed": (self.tr("⚠ 打印后已修改"),
                                self.tr("这份纸质记录打印之后，数据库中的检查记录又被修改过，两者不再一致。")),
                    "unknown": (self.tr("✖ 未知记录"), self.tr("本工作区中没有与此核验码对应的检查记录。")),
                    "": (self.tr("等待核验"), self.tr("结果将显示在这里。"))}
        verdict, explanation = verdicts[self.answer_code]
        if self.not_a_code:
            explanation = self.tr("输入的内容不是本系统的核验码，请检查是否输错（字母 O 与数字 0 易混）。")
        glyphs.set_label(self.verdict, verdict)  # ⚠ is drawn (not in the font)
        self.explanation.setText(explanation)
        self.details.setText(self._details_html())
        self.open_button.setVisible(self.open_inspection is not None and self.answer is not None
                                    and self.answer.inspection_id is not None)

    def _details_html(self) -> str:
        answer = self.answer
        if answer is None or answer.inspection_id is None:
            return ""
        rows = [(self.tr("检查编号"), f"#{answer.inspection_id}"), (self.tr("被检查单位"), answer.enterprise)]
        kinds = {"record": self.tr("现场检查记录"), "order": self.tr("责令限期整改指令书"),
                 "recheck": self.tr("整改复查意见书")}
        for kind, printed_at, printed_by in answer.printed:
            when = printed_at.strftime("%Y-%m-%d %H:%M") if isinstance(printed_at, datetime) else str(printed_at)
            text = self.tr("%1，%2 打印").replace("%1", kinds.get(kind, kind)).replace("%2", when)
            if printed_by:
                text += self.tr("（%1）").replace("%1", printed_by)
            rows.append((self.tr("打印记录"), text))
        if not answer.printed:
            rows.append((self.tr("打印记录"), self.tr("本工作区没有这份纸质记录的打印登记")))
        cells = "".join(f"<tr><td style='padding:3px 14px 3px 0;color:#666'>{escape(k)}</td>"
                        f"<td style='padding:3px 0'>{escape(v)}</td></tr>" for k, v in rows)
        return f"<table>{cells}</table>"

    def _open(self) -> None:
        if self.open_inspection is not None and self.answer is not None and self.answer.inspection_id is not None:
            self.open_inspection(self.answer.inspection_id)
            self.accept()


def _result_code(answer: SheetVerification) -> str:
    return {Verification.MATCHES: "matches", Verification.CHANGED: "changed"}.get(answer.result, "unknown")
