"""机关工作台: the office's pages in a side list (审核队列, 分配计划, 进度看板, 报告, 隐患台账; the registers'
登记册, 统计, 摘牌案件, 处理决定; 检查表, the template versions), and the inspections opened from them in tabs
beside it – the desk's editor, read-only for a locked inspection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui import errors
from inspector_app.ui.editor_tabs import EditorTabs, make_editor
from inspector_app.ui.office.cases_page import CasesPage
from inspector_app.ui.office.dashboard_page import DashboardPage
from inspector_app.ui.office.hazards_page import HazardsPage
from inspector_app.ui.office.planning_page import PlanningPage
from inspector_app.ui.office.registers_page import RegistersPage
from inspector_app.ui.office.reports_page import ReportsPage
from inspector_app.ui.office.review_page import ReviewPage
from inspector_app.ui.office.sanctions_page import SanctionsPage
from inspector_app.ui.office.stats_page import StatsPage
from inspector_app.ui.office.templates_page import TemplatesPage

if TYPE_CHECKING:
    from inspector_app.services.queries.office import OfficeInfo
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.desk_window import DeskWindow
    from inspector_app.ui.office.page import OfficePage

REVIEW, PLANNING, DASHBOARD, REPORTS, HAZARDS, REGISTERS, STATS, CASES, SANCTIONS, TEMPLATES = range(10)
_ICONS = (QStyle.StandardPixmap.SP_DialogApplyButton, QStyle.StandardPixmap.SP_FileDialogNewFolder,
          QStyle.StandardPixmap.SP_FileDialogContentsView, QStyle.StandardPixmap.SP_FileDialogDetailedView,
          QStyle.StandardPixmap.SP_MessageBoxWarning, QStyle.StandardPixmap.SP_DirIcon,
          QStyle.StandardPixmap.SP_FileDialogInfoView, QStyle.StandardPixmap.SP_FileIcon,
          QStyle.StandardPixmap.SP_MessageBoxCritical, QStyle.StandardPixmap.SP_FileDialogListView)


class Workbench(QWidget):
    """The office's pages; the ``OfficeHost`` they use (``page.py``)."""

    def __init__(self, window: DeskWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeWorkbench")
        self.window_ = window
        self.runner = window.runner
        self.workspace: Workspace | None = None
        self.info: OfficeInfo | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("officeNav")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self.review = ReviewPage(self)
        self.planning = PlanningPage(self)
        self.dashboard = DashboardPage(self)
        self.reports = ReportsPage(self)
        self.hazards = HazardsPage(self)
        self.registers = RegistersPage(self)
        self.stats = StatsPage(self)
        self.cases = CasesPage(self)
        self.sanctions = SanctionsPage(self)
        self.templates = TemplatesPage(self)
        self.pages: tuple[OfficePage, ...] = (self.review, self.planning, self.dashboard, self.reports, self.hazards,
                                              self.registers, self.stats, self.cases, self.sanctions, self.templates)
        for page, icon in zip(self.pages, _ICONS, strict=True):
            self.stack.addWidget(page)
            self.nav.addItem(QListWidgetItem(self.style().standardIcon(icon), ""))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        home = QWidget()
        row = QHBoxLayout(home)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("officeTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(home, "")
        self.editor_tabs = EditorTabs(self.tabs, self._make_editor)
        for side in (QTabBar.ButtonPosition.RightSide, QTabBar.ButtonPosition.LeftSide):
            self.tabs.tabBar().setTabButton(0, side, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()
        self.nav.setCurrentRow(REVIEW)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("机关工作台"))
        names = (self.tr("审核队列"), self.tr("分配计划"), self.tr("进度看板"), self.tr("报告"), self.tr("隐患台账"),
                 self.tr("登记册"), self.tr("统计"), self.tr("摘牌案件"), self.tr("处理决定"), self.tr("检查表"))
        for position, name in enumerate(names):
            item = self.nav.item(position)
            if item is not None:
                item.setText(name)
        widest = max(self.nav.fontMetrics().horizontalAdvance(n) for n in names)
        self.nav.setFixedWidth(widest + 64)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the host of the pages -------------------------------------------------------------------
    @property
    def actor(self) -> str:
        return self.window_.settings.actor

    def set_office(self, workspace: Workspace | None, info: OfficeInfo) -> None:
        """Where the office sits changed (or was first read): every page rereads."""
        self.workspace, self.info = workspace, info
        for page in self.pages:
            page.office_changed()
            page.invalidate()

    def show_page(self, position: int) -> OfficePage:
        self.tabs.setCurrentIndex(0)
        self.nav.setCurrentRow(position)
        return self.pages[position]

    def show_case(self, case_id: int) -> None:
        """A 摘牌 case (just opened from an inspection): its page, the case selected."""
        self.show_page(CASES)
        self.cases.show_case(case_id)

    def open_inspection(self, inspection_id: int, title: str = "") -> None:
        if self.workspace is None:
            return
        try:
            self.editor_tabs.open(inspection_id, title)
        except Exception as error:  # an editor that cannot open must not take the workbench down
            self.show_error(error, self.tr("无法打开检查"))

    def _make_editor(self, inspection_id: int) -> QWidget:
        return make_editor(self.workspace, inspection_id, self.runner, self.actor, self)

    def close_editors(self) -> bool:
        return self.editor_tabs.close_all()

    def message(self, text: str, timeout_ms: int = 5000) -> None:
        self.window_.statusBar().showMessage(text, timeout_ms)

    def show_error(self, error: BaseException, title: str = "") -> None:
        errors.show_error(self, error, title)

    def offer_export(self, selected_id: int = 0) -> Any:
        """The export dialog for office-to-inspector bundles (文件 → 导出数据包…): ``selected_id`` alone
        ticked, or (0, no inspection has it) every pending one – never the desk's selected row."""
        sync = getattr(self.window_, "sync", None)
        return sync.do_export(selected_id) if sync is not None else None

    def sizeHint(self) -> QSize:
        return QSize(1280, 700)
