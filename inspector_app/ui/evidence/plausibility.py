"""Evidence plausibility in the gallery: the badge on a thumbnail, the reasons in its tooltip and the
viewer, and the bar under the gallery with 「确认无误」, which accepts the selected photo's warnings.

The verdicts come with the rows (``services.queries.evidence.photo_rows``, read on the runner's writer
thread); this module only paints and asks for ``services.ops.plausibility.accept_warnings`` (audited).
The badge is drawn with QPainter, not a glyph: ⚠ (U+26A0) is not in the shipped font, WenQuanYi Micro Hei.
An open warning is an amber triangle with "!", an accepted one a grey triangle with a green tick, so the
inspector sees at a glance that the photo was looked at and kept – the printed record still states it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from inspector_app.domain.plausibility import PhotoCheck
from inspector_app.translation import _

OPEN, OPEN_EDGE = QColor("#f57c00"), QColor("#bf360c")
ACCEPTED, ACCEPTED_EDGE, TICK = QColor("#b0bec5"), QColor("#78909c"), QColor("#2e7d32")
BADGE = 22  # px, the triangle's side


def paint_badge(painter: QPainter, corner: QRectF, check: PhotoCheck) -> bool:
    """Draw the badge in the top-right of ``corner`` (the thumbnail's box); False when there is none."""
    if not check.warnings:
        return False
    accepted = not check.open_warnings
    box = QRectF(corner.right() - BADGE - 3, corner.top() + 3, BADGE, BADGE)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 190))  # a light backing: readable on a bright or a busy photo
    painter.drawRoundedRect(box.adjusted(-2, -2, 3, 2), 4, 4)
    triangle = QPainterPath()
    triangle.moveTo(box.center().x(), box.top() + 1)
    triangle.lineTo(box.right() - 0.5, box.bottom() - 2)
    triangle.lineTo(box.left() + 0.5, box.bottom() - 2)
    triangle.closeSubpath()
    painter.setPen(QPen(ACCEPTED_EDGE if accepted else OPEN_EDGE, 1.4))
    painter.setBrush(ACCEPTED if accepted else OPEN)
    painter.drawPath(triangle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    x, stem = box.center().x(), BADGE * 0.13
    painter.drawRoundedRect(QRectF(x - stem / 2, box.top() + BADGE * 0.32, stem, BADGE * 0.32), 1, 1)
    painter.drawEllipse(QPointF(x, box.top() + BADGE * 0.75), stem * 0.6, stem * 0.6)
    if accepted:  # a green disc with a white tick on the triangle's lower right
        disc = QRectF(box.right() - 9, box.bottom() - 10, 11, 11)
        painter.setBrush(TICK)
        painter.setPen(QPen(QColor("white"), 1))
        painter.drawEllipse(disc)
        pen = QPen(QColor("white"), 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPolyline([QPointF(disc.left() + 2.8, disc.center().y()),
                              QPointF(disc.left() + 4.8, disc.bottom() - 3.0),
                              QPointF(disc.right() - 2.5, disc.top() + 3.0)])
    painter.restore()
    return True


def reason_lines(check: PhotoCheck) -> list[str]:
    """One line per warning and note, for tooltips, the details and the viewer (already translated)."""
    lines = []
    for warning in check.warnings:
        state = (QCoreApplication.translate("Plausibility", "已确认") if warning.code in check.accepted
                 else QCoreApplication.translate("Plausibility", "待确认"))
        lines.append(QCoreApplication.translate("Plausibility", "提示（{0}）：{1}").format(state, warning.reason()))
    lines += [QCoreApplication.translate("Plausibility", "说明：{0}").format(note.reason()) for note in check.notes]
    return lines


class PlausibilityBar(QWidget):
    """Under the gallery: what is wrong with the selected photo, in a few words (the reasons in full are in
    its tooltip and in the details below), and 「确认无误」; hidden when nothing is left to confirm."""

    acceptRequested = Signal(int)  # photo id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo_id: int | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color: #bf360c;")
        self.button = QPushButton(self.tr("确认无误"))
        self.button.setToolTip(self.tr("照片经查看确属本次检查：保留照片并记录确认（记入审计记录；打印的检查记录仍会注明）"))
        self.button.clicked.connect(self._clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 2, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("PlausibilityBar { background: #fff3e0; border: 1px solid #ffcc80; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()

    def show_check(self, photo_id: int | None, check: PhotoCheck | None, can_accept: bool) -> None:
        """The selected photo's verdicts (None: nothing selected)."""
        open_ = check.open_warnings if check is not None else ()
        self.photo_id = photo_id if open_ else None
        if not open_:
            self.hide()
            return
        titles = dict.fromkeys(_(w.rule.title) for w in open_)  # two time rules share a title: once
        self.text.setText(_("；").join(titles))
        self.text.setToolTip("\n".join(w.reason() for w in open_))
        self.button.setEnabled(can_accept)
        self.button.setToolTip(self.tr("照片经查看确属本次检查：保留照片并记录确认（记入审计记录；打印的检查记录仍会注明）")
                               if can_accept else self.tr("检查已锁定：须先重新打开才能确认"))
        self.show()

    def _clicked(self) -> None:
        if self.photo_id is not None:
            self.acceptRequested.emit(self.photo_id)

