"""How the evidence parts join the inspection editor, kept here so that the editor's own files only
gain a few calls:

* ``findings_and_photos(editor, findings_panel)`` – a tab widget with the findings panel and the
  "照片" tab (an ``EvidencePanel`` following the current item), wired to the editor's tree, model and
  controller; sets ``editor.evidence`` and ``editor.evidence_tabs``;
* ``signature_button(editor)`` – the toolbar's "签名…" button;
* ``open_signatures(editor)`` – the signatures dialog (``editor.signatures_dialog``);
* ``missing_entry(editor, kind, code)`` – the completion list's jump for "signature" and "photo".

Connections go to slots of objects owned by the panel, so when the editor rebuilds its widgets (on a
language change) the old connections die with the old panel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot
from PySide6.QtWidgets import QPushButton, QSplitter, QTabWidget, QWidget

from inspector_app.ui.evidence.panel import EvidencePanel
from inspector_app.ui.evidence.signatures import SignaturesDialog


class _Link(QObject):
    """Editor → panel: the current item, the findings, the lock; and drops anywhere on the editor."""

    def __init__(self, editor: Any, panel: EvidencePanel) -> None:
        super().__init__(panel)
        self.editor, self.panel = editor, panel

    @Slot(str)
    def item_changed(self, code: str) -> None:
        self.panel.set_current_item(code)

    @Slot()
    def findings_changed(self) -> None:
        controller = self.editor.controller
        rows = []
        for n, row in enumerate(controller.snapshot.findings, start=1):
            finding_id = controller.finding_id(row.key)
            if finding_id is not None:
                text = row.description.strip().splitlines()[0] if row.description.strip() else ""
                rows.append((finding_id, f"{n}. {text[:16]}", row.item_code))
        self.panel.set_findings(rows)

    @Slot()
    def status_changed(self) -> None:
        self.panel.set_locked(self.editor.controller.locked)
        self.findings_changed()

    @Slot(int)
    def tab_changed(self, index: int) -> None:
        """The photos need room: while their tab is shown the score above them is compact (score,
        conclusion, progress, the first reasons) and the photos take the rest of the column; with the
        findings the score shows in full (every element row) and the findings take the rest."""
        tabs = self.panel.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        splitter = tabs.parentWidget() if tabs is not None else None
        if not isinstance(splitter, QSplitter) or splitter.count() != 2:
            return
        photos = tabs.widget(index) is self.panel  # type: ignore[union-attr]
        score = splitter.widget(0)
        if hasattr(score, "set_compact"):
            score.set_compact(photos)
        total = sum(splitter.sizes()) or splitter.height()
        if photos:
            top = score.minimumSizeHint().height()
        else:
            top = min(score.sizeHint().height(), max(score.minimumSizeHint().height(), int(total * 0.62)))
        splitter.setSizes([top, max(0, total - top)])

    @Slot(set)
    def photos_changed(self, codes: set[str]) -> None:
        self.editor.model.set_photos(codes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            mime = event.mimeData()  # type: ignore[attr-defined]
            if mime.hasUrls() or mime.hasImage():
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            mime = event.mimeData()  # type: ignore[attr-defined]
            if (mime.hasUrls() or mime.hasImage()) and self.panel.add_mime(mime):
                self.editor.evidence_tabs.setCurrentWidget(self.panel)
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        return False


class EvidenceTabs(QTabWidget):
    pass


def findings_and_photos(editor: Any, findings_panel: QWidget) -> QTabWidget:
    controller = editor.controller
    workspace, runner, actor = controller.services()
    panel = EvidencePanel(workspace, controller.inspection_id, runner, actor)
    tabs = EvidenceTabs()
    tabs.addTab(findings_panel, QCoreApplication.translate("EditorEvidence", "隐患"))
    tabs.addTab(panel, QCoreApplication.translate("EditorEvidence", "照片"))
    link = _Link(editor, panel)
    panel.editor_link = link  # type: ignore[attr-defined]
    editor.tree.currentItemChanged.connect(link.item_changed)
    controller.findingsChanged.connect(link.findings_changed)
    controller.loaded.connect(link.findings_changed)
    controller.statusChanged.connect(link.status_changed)
    controller.saved.connect(link.findings_changed)  # a new finding gets its id once saved
    panel.photosChanged.connect(link.photos_changed)
    editor.setAcceptDrops(True)
    editor.installEventFilter(link)
    editor.evidence = panel
    editor.evidence_tabs = tabs
    tabs.currentChanged.connect(link.tab_changed)
    link.status_changed()
    link.item_changed(editor.tree.current_code())
    # The rows are read on the writer (EvidencePanel.__init__, and again whenever photos change): they
    # arrive after this, and their photosChanged marks the tree; with rows already there (an inline
    # runner) say which items now.
    panel.announce_photos()
    return tabs


def signature_button(editor: Any) -> QPushButton:
    button = QPushButton(QCoreApplication.translate("EditorEvidence", "签名…"))
    button.setObjectName("evidenceSignatures")
    button.setToolTip(QCoreApplication.translate("EditorEvidence", "检查人员和被检查单位负责人签名，或记录拒绝签名"))
    button.clicked.connect(lambda: open_signatures(editor))
    return button


def open_signatures(editor: Any, modal: bool = False) -> SignaturesDialog:
    controller = editor.controller
    old = getattr(editor, "signatures_dialog", None)
    if old is not None:
        old.close()
    workspace, runner, actor = controller.services()
    dialog = SignaturesDialog(workspace, controller.inspection_id, runner, actor, editor)
    dialog.select_first_missing()
    editor.signatures_dialog = dialog
    if modal:
        dialog.exec()
    else:
        dialog.open()
    return dialog


def missing_entry(editor: Any, kind: str, code: str) -> None:
    """A double-click in the completion list: signatures open their dialog; photos show the tab."""
    if kind == "signature":
        open_signatures(editor)
    elif kind == "photo" and getattr(editor, "evidence_tabs", None) is not None:
        editor.evidence_tabs.setCurrentWidget(editor.evidence)
