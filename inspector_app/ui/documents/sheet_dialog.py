"""检查 → 打印检查记录…: choose the document (现场检查记录, 检查评分表, 责令限期整改指令书,
现场处理措施决定书, 整改复查意见书), preview its pages, print it through the system print dialog or save it
as PDF. Rendering runs in a worker with progress and cancel. A print or save first issues the document's
number (once; the document is rendered again with it), then is recorded (printed-sheet row, content hash
and code, audit event) on the serial writer. For the 整改复查意见书 the re-check visit – its time and its
two enforcement officers – is entered here; a document that cannot be issued as it stands (an order
without items, a re-check not done) shows why instead of its pages."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPageSize, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.reports import FontNotFoundError
from inspector_app.services.changes import OpResult
from inspector_app.ui import file_dialogs
from inspector_app.ui.documents.pdf_pages import render_page
from inspector_app.ui.documents.recheck_panel import RecheckPanel
from inspector_app.ui.documents.sheet_work import (
    KINDS,
    Preview,
    issue_number,
    needs_number,
    print_pdf,
    record,
    render_preview,
)
from inspector_app.ui.errors import show_error, user_message

if TYPE_CHECKING:
    from inspector_app.domain.progress import CancelToken
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.tasks import TaskRunner

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH = 0.0
SCREEN_DPI = 96.0


class SheetDialog(QDialog):
    """Preview, print and save one inspection's sheet."""

    recorded = Signal(int, str)  # inspection id, verification code – after a print or save was recorded

    def __init__(self, workspace: Workspace, runner: TaskRunner, actor: str, inspection_id: int, title: str = "",
                 parent: QWidget | None = None, kind: str = "record") -> None:
        super().__init__(parent)
        self.setObjectName("SheetDialog")
        self.workspace, self.runner, self.actor = workspace, runner, actor
        self.inspection_id, self.subject = inspection_id, title
        self.preview: Preview | None = None
        self.error: BaseException | None = None
        self.last_code = ""
        self._page = 0
        self._render_seq = 0
        self._page_seq = 0
        self.printed_pages: int | None = None  # after print_to: how many pages went to the printer
        self._closed = False
        self._cancel: Any = None

        self.kind_label = QLabel()
        self.kind = QComboBox()
        for code in KINDS:
            self.kind.addItem("", code)
        self.kind.setCurrentIndex(max(0, KINDS.index(kind) if kind in KINDS else 0))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.info = QLabel()
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_out, self.zoom_in = QToolButton(), QToolButton()
        self.zoom_out.setText("−")
        self.zoom_in.setText("+")
        self.zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.zoom = QComboBox()
        self.zoom.addItem("", FIT_WIDTH)
        for factor in ZOOMS:
            self.zoom.addItem(f"{factor:.0%}", factor)
        self.zoom.currentIndexChanged.connect(lambda _i: self.show_page(self._page))
        self.zoom_out.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self._step_zoom(1))
        top = QHBoxLayout()
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addWidget(self.info, 1)
        top.addWidget(self.zoom_out)
        top.addWidget(self.zoom)
        top.addWidget(self.zoom_in)

        self.thumbs = QListWidget()
        self.thumbs.setObjectName("sheetThumbnails")
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.setIconSize(QSize(104, 148))
        self.thumbs.setSpacing(6)
        self.thumbs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thumbs.setMinimumWidth(140)
        self.thumbs.setMaximumWidth(170)
        self.thumbs.currentRowChanged.connect(self.show_page)
        self.page_view = QLabel()
        self.page_view.setObjectName("sheetPage")
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_view.setWordWrap(True)
        self.page_view.setMargin(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.page_view)
        self.scroll_area.setStyleSheet("QScrollArea > QWidget > QWidget { background: #7a7a7a; }")
        pages = QHBoxLayout()
        pages.addWidget(self.thumbs)
        pages.addWidget(self.scroll_area, 1)

        self.regenerate = QPushButton()
        self.regenerate.clicked.connect(self.start_render)
        self.print_button, self.save_button, self.close_button = QPushButton(), QPushButton(), QPushButton()
        self.print_button.setDefault(True)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.regenerate)
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)

        self.recheck = RecheckPanel(workspace, runner, actor, inspection_id, self)
        self.recheck.saved.connect(self.start_render)
        self.recheck.setVisible(kind == "recheck")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.recheck)
        layout.addLayout(pages, 1)
        layout.addLayout(buttons)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(lambda: self.show_page(self._page))
        self.resize(1180, 700)
        self.retranslate()
        self._set_ready(False)

    # -- language --------------------------------------------------------------------------------
    def kind_text(self, code: str) -> str:
        return {"record": self.tr("现场检查记录"), "scoresheet": self.tr("检查评分表（内部）"),
                "order": self.tr("责令限期整改指令书"), "measures": self.tr("现场处理措施决定书"),
                "recheck": self.tr("整改复查意见书")}[code]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印检查记录 – #%1 %2").replace("%1", str(self.inspection_id))
                            .replace("%2", self.subject).rstrip())
        self.kind_label.setText(self.tr("文书种类："))
        for index, code in enumerate(KINDS):
            self.kind.setItemText(index, self.kind_text(code))
        self.zoom.setItemText(0, self.tr("适合宽度"))
        self.zoom_out.setToolTip(self.tr("缩小"))
        self.zoom_in.setToolTip(self.tr("放大"))
        self.regenerate.setText(self.tr("重新生成"))
        self.print_button.setText(self.tr("打印…"))
        self.save_button.setText(self.tr("另存为 PDF…"))
        self.close_button.setText(self.tr("关闭"))
        self._update_info()
        if self.error is not None:
            self._show_error(self.error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        """Closing stops a render still running; late results are dropped."""
        self._closed = True
        if self._cancel is not None:
            self._cancel.cancel()
        super().done(result)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.preview is not None and self.zoom.currentData() == FIT_WIDTH:
            self._resize_timer.start()

    # -- rendering -------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        recheck = self.current_kind() == "recheck"
        self.recheck.setVisible(recheck)
        if recheck:
            self.recheck.load()
        self.start_render()

    def start_render(self) -> None:
        """Render the chosen kind in a worker (progress dialog with Cancel) and show its pages."""
        self._render_seq += 1
        seq, kind = self._render_seq, self.current_kind()
        if kind == "recheck" and self.recheck.state is None:
            self.recheck.load()
        self.preview, self.error = None, None
        self.thumbs.clear()
        self.page_view.setPixmap(QPixmap())
        self.page_view.setText(self.tr("正在生成…"))
        self._set_ready(False)
        workspace, inspection_id = self.workspace, self.inspection_id

        def work(progress: Any, cancel: Any) -> Preview:
            return render_preview(workspace, inspection_id, kind, progress, cancel)

        def done(preview: Preview) -> None:
            if seq == self._render_seq and not self._closed:
                self._show_preview(preview)

        def failed(error: BaseException) -> None:
            if seq == self._render_seq and not self._closed:
                self._show_error(error)

        if self._cancel is not None:
            self._cancel.cancel()
        self._cancel = self.runner.run(work, done, failed, title=self.tr("正在生成%1…").replace("%1", self.kind_text(kind)),
                        parent=self)

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        self.thumbs.clear()
        # QPixmaps only on the GUI thread; the QImages were rendered in the worker: 254 pages take 79 ms.
        for number, image in enumerate(preview.thumbnails, start=1):
            pixmap = QPixmap.fromImage(image)
            icon = QIcon(pixmap)
            icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the page itself, not tinted by the selection colour
            item = QListWidgetItem(icon, str(number))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbs.addItem(item)
        self._set_ready(True)
        self._update_info()
        self.thumbs.setCurrentRow(0)
        self.show_page(0)

    def _show_error(self, error: BaseException) -> None:
        self.error = error
        self._set_ready(False)
        self.page_view.setPixmap(QPixmap())
        if isinstance(error, FontNotFoundError):
            text = self.tr(
                "找不到可用于打印的中文字体，无法生成检查记录。\n\n"
                "请安装一种中文 TrueType 字体，例如在 Debian/Ubuntu 上运行：\n"
                "    sudo apt-get install fonts-wqy-microhei\n"
                "Windows 和 macOS 自带的中文字体（微软雅黑、黑体、华文黑体）可直接使用。\n"
                "也可以把环境变量 INSPECTOR_PDF_FONT 设为某个中文 .ttf/.ttc 字体文件的路径。\n"
                "安装后点击“重新生成”。")
            detail = str(error)
        else:
            text, detail = user_message(error)
        self.page_view.setText(f"<p style='color:#fff;font-size:15px'>{_html(text)}</p>"
                               + (f"<p style='color:#ddd'>{_html(detail)}</p>" if detail else ""))
        self._update_info()

    def _update_info(self) -> None:
        if self.preview is None:
            self.info.setText("")
            return
        text = self.tr("共 %1 页 · 核验码 %2").replace("%1", str(self.preview.pages))
        text = text.replace("%2", self.preview.rendered.code)
        if self.last_code:
            text += self.tr(" · 已登记打印")
        if self.preview.font is not None:  # the official 宋体/仿宋 where installed, else a packaged CJK font
            family, path, official = self.preview.font
            text += self.tr(" · 字体 %1").replace("%1", family) + ("" if official else self.tr("（非宋体/仿宋）"))
            self.info.setToolTip(str(path))
        self.info.setText(text)

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.print_button, self.save_button, self.zoom, self.zoom_in, self.zoom_out):
            widget.setEnabled(ready)

    def _step_zoom(self, step: int) -> None:
        index = self.zoom.currentIndex()
        if index == 0:  # from "fit width" to the nearest fixed zoom
            factor = self._fit_factor()
            index = min(range(1, self.zoom.count()), key=lambda i: abs(float(self.zoom.itemData(i)) - factor))
        self.zoom.setCurrentIndex(max(1, min(self.zoom.count() - 1, index + step)))

    def _fit_factor(self) -> float:
        if self.preview is None or not self.preview.sizes:
            return 1.0
        width_pt = self.preview.sizes[self._page][0]
        bar = self.scroll_area.verticalScrollBar()
        available = self.scroll_area.viewport().width() - 2 * self.page_view.margin() - 4
        if not bar.isVisible():  # it appears as soon as the page is taller than the view
            available -= bar.sizeHint().width()
        return max(0.2, float(available) / (width_pt / 72.0 * SCREEN_DPI))

    def zoom_factor(self) -> float:
        factor = float(self.zoom.currentData() or 0.0)
        return factor if factor > 0 else self._fit_factor()

    def show_page(self, index: int) -> None:
        """Render page ``index`` at the current zoom (in a worker; the thumbnail stands in meanwhile)."""
        if self.preview is None or not 0 <= index < self.preview.pages:
            return
        self._page = index
        self._page_seq += 1
        seq, pdf = self._page_seq, self.preview.pdf
        ratio = self.devicePixelRatioF()
        dpi = SCREEN_DPI * self.zoom_factor() * ratio
        if index < len(self.preview.thumbnails) and self.page_view.pixmap().isNull():
            self.page_view.setPixmap(QPixmap.fromImage(self.preview.thumbnails[index]))

        def done(image: QImage) -> None:
            if seq == self._page_seq and not self._closed:
                image.setDevicePixelRatio(ratio)
                self.page_view.setPixmap(QPixmap.fromImage(image))

        self.runner.run(lambda _p, _c: render_page(pdf, index, dpi), done, lambda _e: None)

    # -- print and save --------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)
        printer.setDocName(f"{self.kind_text(self.current_kind())} #{self.inspection_id}")
        return printer

    def print_dialog(self) -> None:
        if self.preview is None:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印 %1").replace("%1", self.kind_text(self.preview.kind)))
        dialog.setMinMax(1, self.preview.pages)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Issue the document's number (when it has none yet), then print its pages on ``printer`` and
        record the print (``_print_now``)."""
        self._finalise(lambda: self._print_now(printer))

    def _finalise(self, then: Any) -> None:
        """Before a print or save: issue the document's number on the writer (once per document) and
        render it again with the number, then ``then()`` – what is printed is what is recorded."""
        preview = self.preview
        if preview is None:
            return
        if not needs_number(preview):
            then()
            return
        workspace, actor, kind, inspection_id = self.workspace, self.actor, preview.kind, preview.inspection_id

        def issued(_result: Any) -> None:
            if self._closed:
                return

            def done(final: Preview) -> None:
                if not self._closed:
                    self._show_preview(final)
                    then()

            self.runner.run(lambda progress, cancel: render_preview(workspace, inspection_id, kind, progress, cancel),
                            done, self._show_error, title=self.tr("正在生成%1…").replace("%1", self.kind_text(kind)),
                            parent=self)

        self.runner.write(lambda _p, _c: issue_number(workspace, preview, actor), issued,
                          lambda error: self._report(error, self.tr("不能签发文书编号")), initiator=self)

    def _print_now(self, printer: QPrinter) -> CancelToken | None:
        """Print the previewed pages on ``printer`` in a worker (progress with Cancel) and record the
        print; ``printed_pages`` says how many went out. Each A4 page is rendered at up to 300 dpi (~80 ms
        here) and painted onto the printer (QPainter on a QPrinter is allowed off the GUI thread): a
        254-page record took 65 s on the GUI thread before, the window only breathing between pages."""
        preview = self.preview
        if preview is None:
            return None
        self.printed_pages = None

        def work(progress: Any, cancel: CancelToken) -> tuple[int, bool]:
            def on_page(done: int, total: int) -> bool:
                progress(done, total, "")
                return not cancel.cancelled

            return print_pdf(preview.pdf, printer, on_page), cancel.cancelled

        def done(result: tuple[int, bool]) -> None:
            pages, cancelled = result
            self.printed_pages = pages
            if pages and not cancelled:
                self._record(preview, None)

        def failed(error: BaseException) -> None:
            self.printed_pages = 0
            if isinstance(error, OSError):
                self._report(error, self.tr("无法打印"))
            else:
                self.runner.error.emit(error)

        return self.runner.run(work, done, failed, title=self.tr("正在发送到打印机…"), parent=self)

    def default_file_name(self) -> str:
        kind = self.kind_text(self.current_kind())
        return f"{kind}-{self.inspection_id}-{self.subject}.pdf" if self.subject else f"{kind}-{self.inspection_id}.pdf"

    def save_dialog(self) -> None:
        if self.preview is None:
            return
        path, _ = file_dialogs.save_file(self, "documents", self.tr("另存为 PDF"), self.default_file_name(),
                                         self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.save_to(Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf"))

    def save_to(self, path: Path) -> None:
        """Issue the document's number (when it has none yet), then write the PDF to ``path``
        (atomically) and record it, on the writer thread."""

        def save() -> None:
            if self.preview is not None:
                self._record(self.preview, path)

        self._finalise(save)

    def _record(self, preview: Preview, path: Path | None) -> None:
        workspace, actor = self.workspace, self.actor

        def done(result: OpResult[str]) -> None:
            if self._closed:
                return
            code = self.last_code = result.value
            self._update_info()
            self.recorded.emit(preview.inspection_id, code)
            if path is not None:
                self.info.setText(self.info.text() + self.tr(" · 已保存到 %1").replace("%1", path.name))

        title = self.tr("未能保存")
        self.runner.write(lambda _p, _c: record(workspace, preview, actor, path), done,
                          lambda error: self._report(error, title), initiator=self)

    def _report(self, error: BaseException, title: str) -> None:
        show_error(None if self._closed else self, error, title)


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>").replace("  ", "&nbsp;&nbsp;")
