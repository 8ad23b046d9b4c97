"""Printed sheets in the GUI: the preview/print/save dialog and the verification dialog.

``install_document_actions(window)`` adds 检查 → 打印检查记录… / 核验纸质记录… to the desk;
``open_sheet_dialog(window, inspection_id)`` is what an editor's "print" button calls.
"""

from __future__ import annotations

from inspector_app.ui.documents.actions import DocumentActions, install_document_actions, open_sheet_dialog

__all__ = ["DocumentActions", "install_document_actions", "open_sheet_dialog"]
