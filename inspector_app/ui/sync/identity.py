"""This installation's identity for the sync dialogs: the keyring (the system one, or one passed in by
tests), its status in words a non-programmer can act on, and the signing/encryption keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox

from inspector_app.bundle.signing import format_fingerprint
from inspector_app.secrets import BackendStatus, backend_status
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.ui import labels

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from inspector_app.services.ops.sync import Identity
    from inspector_app.storage.engine import Workspace


@dataclass
class SyncContext:
    """What the sync dialogs share: the workspace, who acts, and the keyring backend (None: the system's)."""

    workspace: Workspace
    actor: str
    keyring: KeyringBackend | None = None
    name: str = ""  # the inspector's (or office's) name from the settings: it signs bundles and key files

    def status(self) -> BackendStatus:
        return backend_status(self.keyring) if self.keyring is not None else backend_status()

    def identity(self, with_encryption: bool = False) -> Identity:
        """Load (or create on first use) this installation's keys. Raises ``InsecureKeyringError``.
        Signed with the name from the settings; without one, the login name (which means nothing to the
        other side)."""
        return sync_ops.load_identity(self.workspace, self.keyring, with_encryption=with_encryption, name=self.name)

    def role(self) -> str:
        return sync_queries.role(self.workspace)


def keyring_problem(status: BackendStatus) -> str:
    """What is wrong with the keyring and what to do, in the interface language; "" when it is secure.

    The core writes the advice (``secrets.backend_status``): Chinese in ``message``, English in
    ``message_en``.  Which one the interface shows follows the installed translation, by Qt's marker-string
    idiom (cf. ``QT_LAYOUT_DIRECTION``): the English .qm translates the marker "zh_CN" to "en"."""
    return labels.keyring_advice(status)


def keyring_banner_style(problem: bool) -> str:
    colour, background = ("#8a5300", "#fdf0d8") if problem else ("#1e6b21", "#e3f4e1")
    return (f"QLabel {{ color: {colour}; background: {background}; border: 1px solid {colour};"
            " border-radius: 4px; padding: 6px; }")


def role_label(role: str) -> str:
    return QCoreApplication.translate("SyncKeyring", "市局（办公室）") if role == "office" else QCoreApplication.translate("SyncKeyring", "检查人员")


def fingerprint_lines(fp: str, per_line: int = 4) -> str:
    """The fingerprint in groups of four, ``per_line`` groups a line – for reading over the phone."""
    groups = format_fingerprint(fp).split()
    return "\n".join(" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))


def fingerprint_font(base: Any) -> QFont:
    font = QFont(base)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "Courier New", *font.families()])
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    return font


def inform(parent: Any, title: str, text: str) -> QMessageBox:
    """A message that nothing waits on (``open()``, not ``exec()``); returned so tests can read and close it."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
