"""The inspector's desk: menus and toolbar, the filter bar, the list, the detail pane and editor tabs.

All database work goes through the ``TaskRunner``: reads are the desk's read models
(``services.queries.desk``) on the pool, state changes are operations on the single writer. The window
only ever receives plain dicts back on the GUI thread, and it keeps itself current by listening to the
runner's ``changed`` broadcast: whatever operation changed an inspection (an editor, the review, a
bundle import, a sheet printed), its row and the detail pane are reread here, by the desk itself.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.ui import labels
from inspector_app.ui.actions import DeskActions
from inspector_app.ui.desk_columns import DeskColumns
from inspector_app.ui.detail_pane import DetailPane
from inspector_app.ui.editor_tabs import EditorTabs, make_editor
from inspector_app.ui.filter_bar import FilterBar
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.models.inspection_table import (
    COL_CERT_GRADE,
    COL_DISTRICT,
    COL_DUE,
    COL_GRADE,
    COL_ID,
    COL_OUTCOME,
    COL_PROGRESS,
    COL_SCORE,
    COL_STATUS,
    COL_TEMPLATE,
    COL_USCC,
    ROW_ID_ROLE,
    ROW_ROLE,
    InspectionTableModel,
    RowFilter,
)
from inspector_app.ui.models.read_order import ReadOrder
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner
from inspector_app.ui.window_fit import SideFit, available_size, saved_sizes, small_screen

if TYPE_CHECKING:
    from inspector_app.services.queries import desk as desk_queries
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui import documents, errors, office, sync
    from inspector_app.ui.documents import DocumentActions
    from inspector_app.ui.office import OfficeMode, TemplateActions
    from inspector_app.ui.sync import SyncActions
else:
    # The core is loaded in the first worker that reads rows, the document and sync menus by
    # finish_setup, the error box on the first error: all after the window is shown.
    desk_queries = LazyModule("inspector_app.services.queries.desk")
    documents = LazyModule("inspector_app.ui.documents")
    errors = LazyModule("inspector_app.ui.errors")
    office = LazyModule("inspector_app.ui.office")
    sync = LazyModule("inspector_app.ui.sync")

log = logging.getLogger(__name__)
DETAIL_MIN, DETAIL_SHARE = 300, 0.42  # the detail pane: at least 300 pixels, at most 42% of the window


class DeskTable(QTableView):
    """The list; Enter opens the current row (QTableView would otherwise swallow it)."""

    activated_row = Signal(QModelIndex)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    rows_loaded = Signal(int)
    detail_loaded = Signal(int)

    def __init__(self, runner: TaskRunner, settings: AppSettings, parent: QWidget | None = None,
                 defer_setup: bool = False) -> None:
        """``defer_setup``: leave icons, the clear button, column widths and the detail pane's (still
        hidden) form and history to ``finish_setup`` (called by start-up right after the window is shown,
        so that it appears sooner)."""
        super().__init__(parent)
        self._setup_done = False
        self.setObjectName("MainWindow")
        self.runner = runner
        self.settings = settings
        self.workspace: Workspace | None = None
        self._detail_seq = 0
        self._loading = False

        self.model = InspectionTableModel(self)
        self.read_order = ReadOrder()  # rows reread in workers: only the newest read of a row is shown
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(self.apply_filter)
        self.table = DeskTable()
        self.table.setObjectName("deskTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.columns = DeskColumns(self.table)  # widths from the content, the name first (desk_columns)
        header.setHighlightSections(False)
        self.filter_bar.text.installEventFilter(self)
        self.table.doubleClicked.connect(self.open_index)
        self.table.activated_row.connect(self.open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = DetailPane(defer_body=defer_setup)  # empty until a row is selected
        self.detail.setObjectName("detailPane")
        self.detail.open_inspection.connect(self.open_inspection)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("deskSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([930, 436])

        self.tabs = QTabWidget()
        self.tabs.setObjectName("deskTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, "")
        self.editor_tabs = EditorTabs(self.tabs, self._make_editor)
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            self.tabs.tabBar().setTabButton(0, side, None)  # the list itself cannot be closed
        self.setCentralWidget(self.tabs)

        self.count_label = QLabel()
        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)
        self.actions_ = DeskActions(self)
        self.documents: DocumentActions | None = None  # 检查 → 打印检查记录… / 核验纸质记录… (finish_setup)
        self.sync: SyncActions | None = None  # 文件 → 导出/导入数据包…, 设置 → 密钥与信任…, 验收/退回 (finish_setup)
        self.office: OfficeMode | None = None  # 视图 → 检查员桌面 / 机关工作台 of an office's workspace (finish_setup)
        self.templates: TemplateActions | None = None  # 文件 → 检查表… (finish_setup)
        self.runner.error.connect(lambda error: errors.show_error(self, error))
        self.runner.changed.connect(self._on_changes)
        self.retranslate()
        self._restore_geometry()
        if not defer_setup:
            self.finish_setup()

    def finish_setup(self) -> None:
        if self._setup_done:
            return
        self._setup_done = True
        self.filter_bar.text.setClearButtonEnabled(True)
        self.actions_.set_icons()
        self.documents = documents.install_document_actions(self)
        self.sync = sync.install_sync_actions(self)
        self.office = office.install_office_mode(self)
        self.templates = office.install_template_actions(self)
        if self.workspace is not None:
            self.office.set_workspace(self.workspace)
        self.documents.set_icons()
        self.sync.set_icons()
        self.documents.set_enabled(self.workspace is not None)
        self.sync.set_enabled(self.workspace is not None)
        self.detail.ensure_body()
        self.tabs.setTabIcon(0, self.style().standardIcon(QtWidgets.QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self._set_column_widths()

    # -- layout and language ---------------------------------------------------------------------
    def _set_column_widths(self) -> None:
        """Widths from sample texts in the current language (measuring 50,000 rows with
        ResizeToContents would be slow); called again after a language change."""
        metrics = self.fontMetrics()
        header_metrics = self.table.horizontalHeader().fontMetrics()

        def widest(*texts: str) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts)

        grades = [labels.value_label(g) for g in ("一级", "二级", "三级", "小微", "不达标")]
        samples = {
            COL_ID: widest("00000"),
            COL_USCC: widest("91320402KUGKM7P790"), COL_DISTRICT: widest("常州经开区"),
            COL_CERT_GRADE: widest(*grades), COL_STATUS: widest(*(labels.status_label(c) for c in
                                                                   labels.status_codes())),
            COL_PROGRESS: widest("35/150"), COL_SCORE: widest("100.0"), COL_GRADE: widest(*grades),
            COL_OUTCOME: widest(labels.not_started_label(),
                                *(labels.value_label(o) for o in ("维持", "限期整改", "建议摘牌"))),
            COL_DUE: widest("2026-12-31"), COL_TEMPLATE: widest("安全生产"),
        }
        titles = {column: header_metrics.horizontalAdvance(str(self.model.headerData(
            column, Qt.Orientation.Horizontal))) + 8 for column in samples}
        floors = {column: titles[column] for column in samples}  # a column narrower than its title: never
        floors[COL_USCC] = max(titles[COL_USCC], widest("91320402KU"))
        floors[COL_TEMPLATE] = max(titles[COL_TEMPLATE], widest("安全"))
        self.columns.set_wants({column: max(width, titles[column]) for column, width in samples.items()}, floors)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down (or Enter) in the filter box moves to the list, so the keyboard never needs the mouse."""
        if watched is self.filter_bar.text and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                self.filter_bar.flush()
                self.table.setFocus()
                if self.current_row() is None:
                    self.table.selectRow(0)
                    self.table.setCurrentIndex(self.model.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Inspector – 安全生产标准化“回头看”"))
        self.tabs.setTabText(0, self.tr("企业与检查"))
        self.actions_.retranslate()
        self.model.refresh_headers()
        if self._setup_done:
            self._set_column_widths()
        self._update_counts()
        self._update_path()

    def _update_path(self) -> None:
        if self.workspace is None:
            self.path_label.setText(self.tr("正在打开工作区…"))
        else:
            self.path_label.setText(self.tr("工作区：%1").replace("%1", str(self.workspace.root)))

    def _update_counts(self) -> None:
        if self._loading:
            self.count_label.setText(self.tr("正在加载…"))
            return
        total, shown = self.model.total_count(), self.model.rowCount()
        inspections = self.model.inspection_count()
        text = self.tr("显示 %1 / %2 行（检查 %3 项）").replace("%1", str(shown)).replace("%2", str(total))
        self.count_label.setText(text.replace("%3", str(inspections)))

    # -- workspace and rows ----------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._update_path()
        self.actions_.set_enabled(True)
        if self.documents is not None and self.sync is not None:  # installed by finish_setup
            self.documents.set_enabled(True)
            self.sync.set_enabled(True)
        if self.office is not None:
            self.office.set_workspace(workspace)

    def reload(self, on_loaded: Any = None) -> None:
        """Read all rows in a worker and put them into the model (keeps the filter and selection)."""
        if self.workspace is None:
            return
        workspace = self.workspace
        self._loading = True
        self._update_counts()
        seq = self.read_order.start()

        def work(_progress: Any, _cancel: Any) -> list[dict[str, Any]]:
            return desk_queries.desk_rows(workspace)

        def done(rows: list[dict[str, Any]]) -> None:
            self._loading = False
            show, newer = self.read_order.list_read(seq)  # reads finish in any order: the newest wins
            if newer:
                self._refresh_rows(newer)
            if not show:  # an older read of the whole list: the newer one is shown already
                if on_loaded is not None:
                    on_loaded()
                return
            selected = self.current_row()
            self.model.set_rows(rows)
            self.columns.set_names(row["enterprise"] for row in rows)
            self.filter_bar.set_districts(self.model.distinct("district"))
            if selected is not None:
                self.select_row(selected["id"], selected["enterprise_id"])
            self._update_counts()
            self.rows_loaded.emit(len(rows))
            if on_loaded is not None:
                on_loaded()

        def failed(error: BaseException) -> None:
            self._loading = False
            self._update_counts()
            errors.show_error(self, error, self.tr("无法读取检查列表"))

        self.runner.run(work, done, failed)

    def apply_filter(self, row_filter: RowFilter) -> None:
        selected = self.current_row()
        self.model.set_filter(row_filter)
        if selected is None or not self.select_row(selected["id"], selected["enterprise_id"], scroll=False):
            self.detail.clear()  # the selected row was filtered out
        self._update_counts()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        """An operation finished somewhere (an editor, the review, a bundle import…): reread what it
        touched. A bulk change or new enterprises reread the whole list."""
        if self.workspace is None:
            return
        if changes.everything or changes.has(ChangeKind.ENTERPRISES):
            self.reload()
        elif changes.inspections:
            self._refresh_rows(changes.inspections)
        current = self.current_row()
        if current is not None and (changes.touches_enterprise(current["enterprise_id"])
                                    or (current["id"] is not None and changes.touches_inspection(current["id"]))):
            self.load_detail(current["enterprise_id"])

    def _refresh_rows(self, inspection_ids: frozenset[int]) -> None:
        """Reread the rows of some inspections in a worker and put them into the model in place."""
        workspace = self.workspace
        assert workspace is not None
        seq = self.read_order.start()

        def work(_progress: Any, _cancel: Any) -> list[dict[str, Any]]:
            return desk_queries.desk_rows_of(workspace, inspection_ids)

        def done(rows: list[dict[str, Any]]) -> None:
            selected, position = self.current_row(), self.table.currentIndex().row()
            for row in self.read_order.fresh(seq, rows):  # an older read finishing later changes nothing
                self.model.update_row(row)  # a row that no longer matches the filter leaves the list
            if selected is not None and self.current_row() is None \
                    and not self.select_row(selected["id"], selected["enterprise_id"], scroll=False) \
                    and self.model.rowCount():  # it left the filter: its neighbour, as after a delete
                self.select_row_at(min(position, self.model.rowCount() - 1))
            self._update_counts()

        self.runner.run(work, done)

    # -- selection and detail --------------------------------------------------------------------
    def current_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        row: dict[str, Any] = index.data(ROW_ROLE)
        return row

    def select_row(self, inspection_id: int | None, enterprise_id: int | None = None, scroll: bool = True) -> bool:
        position = self.model.find(inspection_id, enterprise_id)
        if position < 0:
            return False
        index = self.model.index(position, 0)
        self.table.selectRow(position)
        self.table.setCurrentIndex(index)
        if scroll:
            self.table.scrollTo(index)
        return True

    def select_row_at(self, position: int) -> None:
        index = self.model.index(position, 0)
        self.table.selectRow(position)
        self.table.setCurrentIndex(index)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.current_row()
        if row is None:
            self.detail.clear()
            return
        if self.detail.detail is None or self.detail.detail["id"] != row["enterprise_id"]:
            self.load_detail(row["enterprise_id"])

    def load_detail(self, enterprise_id: int) -> None:
        if self.workspace is None:
            return
        workspace = self.workspace
        self._detail_seq += 1
        seq = self._detail_seq

        def work(_progress: Any, _cancel: Any) -> dict[str, Any] | None:
            return desk_queries.enterprise_detail(workspace, enterprise_id)

        def done(detail: dict[str, Any] | None) -> None:
            if seq == self._detail_seq:  # a newer selection wins
                self.detail.show_detail(detail)
                self.detail_loaded.emit(enterprise_id)

        self.runner.run(work, done)

    # -- editor ----------------------------------------------------------------------------------
    def open_index(self, index: QModelIndex) -> None:
        inspection_id = index.data(ROW_ID_ROLE)
        if inspection_id is None:
            self.statusBar().showMessage(self.tr("该企业尚未安排检查。"), 4000)
            return
        row = index.data(ROW_ROLE)
        self.open_inspection(int(inspection_id), row["enterprise"] if row else "")

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_index(index)

    def open_inspection(self, inspection_id: int, title: str = "") -> None:
        if self.workspace is None:
            return
        if not title:
            title = next((r["enterprise"] for r in self.model.rows() if r["id"] == inspection_id), "")
        try:
            self.editor_tabs.open(inspection_id, title)
        except Exception as error:  # an editor that cannot open must not take the desk down
            log.exception("could not open inspection %s", inspection_id)
            errors.show_error(self, error, self.tr("无法打开检查"))

    def _make_editor(self, inspection_id: int) -> QWidget:
        return make_editor(self.workspace, inspection_id, self.runner, self.settings.actor, self)

    # -- window state ----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The saved size and splitter, both clamped to this screen (they may have been saved on a wider
        one); without them 1280×720, or maximised on a screen that small (``start_maximized``)."""
        geometry = self.settings.geometry("geometry")
        available = available_size(self)
        self.start_maximized = False
        if geometry is None or not self.restoreGeometry(geometry):
            self.start_maximized = small_screen(available)
            self.resize(1280, 720)
        if available is not None and (self.width() > available.width() or self.height() > available.height()):
            self.resize(min(self.width(), available.width()), min(self.height(), available.height()))
        state = self.settings.geometry("state")
        if state is not None:
            self.restoreState(state)
        split = self.settings.geometry("splitter")
        sizes = saved_sizes(split.data()) if split is not None and self.splitter.restoreState(split) else []
        restored = (sizes[1], sum(sizes)) if len(sizes) == 2 else None
        # the detail pane: what the list's columns leave (at least 300 pixels, at most 440 or 42%)
        self.side_fit = SideFit(self.splitter, DETAIL_MIN, DETAIL_SHARE,
                                lambda total: min(440, total - self.columns.total_want()), restored)

    def save_geometry(self) -> None:
        self.settings.set_geometry("geometry", self.saveGeometry())
        self.settings.set_geometry("state", self.saveState())
        self.settings.set_geometry("splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editor_tabs.close_all():
            event.ignore()
            return
        if self.runner.busy and not self.runner.wait_idle(15000):
            answer = QMessageBox.question(self, self.tr("仍在保存"),
                                          self.tr("还有操作没有完成。仍要退出吗？"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_geometry()
        event.accept()
