"""Sync by bundle in the GUI: export and import dialogs with progress and cancel, the import report,
the conflict list, keys and trust, and the supervisor's review (验收 / 退回修改).

``install_sync_actions(window)`` adds the menu actions to the desk.
"""

from __future__ import annotations

from inspector_app.ui.sync.actions import SyncActions, install_sync_actions

__all__ = ["SyncActions", "install_sync_actions"]
