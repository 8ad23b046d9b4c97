"""Opening the first-run wizard from the desk: at start-up on a workspace without a user, and from
设置 → 首次设置向导…. What it shows is read in a worker first; demo data, when chosen, is built once the
wizard closes (``DeskActions.build_demo``: a worker with progress)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from inspector_app.ui.first_run.apply import SetupData, load_setup
from inspector_app.ui.first_run.wizard import FirstRunWizard

if TYPE_CHECKING:
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.desk_window import DeskWindow

last_wizard: FirstRunWizard | None = None  # the wizard opened last (tests and screenshots look at it)


def offer_first_run(window: DeskWindow, workspace: Workspace, enterprises: int) -> None:
    def work(_progress: Any, _cancel: Any) -> SetupData:
        return load_setup(workspace, enterprises)

    window.runner.run(work, lambda data: open_wizard(window, data))


def open_wizard(window: DeskWindow, data: SetupData) -> FirstRunWizard | None:
    global last_wizard
    if window.workspace is None or window.sync is None:
        return None
    wizard = FirstRunWizard(window.workspace, data, window.settings, window.runner, window.sync.key_access,
                            window)  # type: ignore[arg-type]
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.finished.connect(lambda _result: _finished(window, wizard))
    last_wizard = wizard
    wizard.open()
    return wizard


def _finished(window: DeskWindow, wizard: FirstRunWizard) -> None:
    if wizard.wants_demo():
        window.actions_.build_demo()
