"""Opening inspections in tabs. The editor (``inspector_app.ui.editor.InspectionEditor``) is loaded on
first use (``ui/lazy.py``): the desk is shown before its widgets and the evidence code are imported."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTabWidget, QWidget

from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.ui import editor
else:  # the editor, its widgets and the evidence code load when the first inspection is opened
    editor = LazyModule("inspector_app.ui.editor")


def make_editor(*args: Any) -> QWidget:
    """``InspectionEditor(workspace, inspection_id, runner, actor, parent)``."""
    widget: QWidget = editor.InspectionEditor(*args)
    return widget

INSPECTION_ID_PROPERTY = "inspection_id"


class EditorTabs:
    """Keeps one tab per open inspection in ``tabs`` (tab 0 is the list and is never closed)."""

    def __init__(self, tabs: QTabWidget, make_editor: Callable[[int], QWidget]) -> None:
        self.tabs = tabs
        self._make = make_editor
        tabs.setTabsClosable(True)
        tabs.tabCloseRequested.connect(self.close_tab)

    def find(self, inspection_id: int) -> int:
        for index in range(1, self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is not None and widget.property(INSPECTION_ID_PROPERTY) == inspection_id:
                return index
        return -1

    def open(self, inspection_id: int, title: str) -> QWidget:
        index = self.find(inspection_id)
        existing = self.tabs.widget(index) if index >= 0 else None
        if existing is not None:
            self.tabs.setCurrentIndex(index)
            return existing
        widget = self._make(inspection_id)
        widget.setProperty(INSPECTION_ID_PROPERTY, inspection_id)
        short = title if len(title) <= 12 else title[:11] + "…"
        own_title = getattr(widget, "title", None)
        if callable(own_title):  # the editor's own title also says whether the inspection is locked
            short = str(own_title())
        index = self.tabs.addTab(widget, f"#{inspection_id} {short}")
        self.tabs.setTabToolTip(index, title)
        self.tabs.setCurrentIndex(index)
        renamed: Any = getattr(widget, "titleChanged", None)
        if renamed is not None and hasattr(renamed, "connect"):
            renamed.connect(lambda text, w=widget, i=inspection_id: self._rename(w, i, text))
        return widget

    def _rename(self, widget: QWidget, inspection_id: int, text: str) -> None:
        index = self.tabs.indexOf(widget)
        if index > 0:
            self.tabs.setTabText(index, f"#{inspection_id} {text}")

    def close_tab(self, index: int) -> bool:
        if index <= 0:
            return False
        widget = self.tabs.widget(index)
        if widget is None:
            return False
        if not widget.close():  # an editor may refuse (e.g. while a save is running)
            return False
        self.tabs.removeTab(index)
        widget.deleteLater()
        return True

    def close_all(self) -> bool:
        return all(self.close_tab(index) for index in range(self.tabs.count() - 1, 0, -1))

    def editors(self) -> list[QWidget]:
        widgets = (self.tabs.widget(i) for i in range(1, self.tabs.count()))
        return [w for w in widgets if w is not None]
