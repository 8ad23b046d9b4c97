"""What the office's pages share: the workbench as they see it (``OfficeHost``), rereading in a worker
when an operation changed what they show (only while shown; a hidden page rereads when it is next
shown), and a table set up like the desk's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from inspector_app.services.changes import ChangeKind, Changes

if TYPE_CHECKING:
    from inspector_app.services.queries.office import OfficeInfo
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.tasks import TaskRunner


class OfficeHost(Protocol):
    """The workbench, as its pages use it."""

    runner: TaskRunner
    workspace: Workspace | None
    info: OfficeInfo | None

    @property
    def actor(self) -> str: ...

    def open_inspection(self, inspection_id: int, title: str = "") -> None: ...

    def message(self, text: str, timeout_ms: int = 5000) -> None: ...

    def show_error(self, error: BaseException, title: str = "") -> None: ...

    def offer_export(self, selected_id: int = 0) -> None: ...

    def show_case(self, case_id: int) -> None: ...


class OfficePage(QWidget):
    """A page of the workbench. Subclasses set ``kinds`` (the changes that make it reread) and implement
    ``read`` (worker thread: read models only, no widget) and ``show_data`` (GUI thread)."""

    kinds: tuple[ChangeKind, ...] = ()

    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.stale = True
        self.loads = 0  # finished reads (tests wait on it)
        self._seq = 0
        host.runner.changed.connect(self._on_changes)

    # -- reading ---------------------------------------------------------------------------------
    def params(self) -> Any:
        """What the read needs from the widgets (taken on the GUI thread)."""
        return None

    def read(self, workspace: Workspace, params: Any) -> Any:
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        self.stale = False
        workspace = self.host.workspace
        if workspace is None:
            return
        params = self.params()
        self._seq += 1
        seq = self._seq

        def done(data: Any) -> None:
            if seq == self._seq:  # a newer read wins
                self.show_data(data)
                self.loads += 1

        def failed(error: BaseException) -> None:
            if seq == self._seq:
                self.read_failed(error)
                self.loads += 1

        self.host.runner.run(lambda _p, _c: self.read(workspace, params), done, failed)

    def read_failed(self, error: BaseException) -> None:
        self.host.show_error(error, self.tr("无法读取数据"))

    def office_changed(self) -> None:
        """The workspace or where the office sits changed (``host.info``): refill choices that depend on it."""

    def invalidate(self) -> None:
        """Reread now if shown, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.reload()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if self.host.workspace is not None and changes.has(*self.kinds):
            self.invalidate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.reload()

    # -- language --------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text (called once by the subclass's constructor and on a language change)."""


def make_table(model: Any, multi: bool = False) -> QTableView:
    return setup_table(QTableView(), model, multi)


def setup_table(table: QTableView, model: Any, multi: bool = False) -> QTableView:
    """Rows selected whole, sorted by a click on a heading, read-only, compact rows."""
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    return table


def fit_columns(table: QTableView, samples: dict[str, str], stretch: str = "") -> None:
    """Widths from sample texts (and the heading), the ``stretch`` column taking what is left."""
    model = table.model()
    metrics, header_metrics = table.fontMetrics(), table.horizontalHeader().fontMetrics()
    for column in range(model.columnCount()):
        key = model.key_of(column)
        heading = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = max(metrics.horizontalAdvance(samples.get(key, "")), header_metrics.horizontalAdvance(heading) + 8)
        table.setColumnWidth(column, width + 18)
        if key == stretch:
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
