"""The office's window (机关工作台): the review queue, assignment planning, the progress dashboard and the
reports, beside the inspector's desk for an office's workspace.

``install_office_mode(window)`` adds the switch 检查员桌面 / 机关工作台 to the desk; the workbench and its
pages load when it is first shown. ``install_template_actions(window)`` adds 文件 → 检查表… (every
workspace): the template versions, their preview and the blank paper forms.
"""

from __future__ import annotations

from inspector_app.ui.office.switch import OfficeMode, install_office_mode
from inspector_app.ui.office.template_actions import TemplateActions, install_template_actions

__all__ = ["OfficeMode", "TemplateActions", "install_office_mode", "install_template_actions"]
