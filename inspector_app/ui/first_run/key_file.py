"""This session's access to the workspace's private keys: the system keyring (``None``), or the key file
protected by a passphrase (``secrets.PassphraseFileKeyring``), which is asked for once per session – on
first need, from whichever thread needs it (a worker asks the GUI thread and waits for the answer) – and
asked again after a wrong answer. The wizard and the settings hand over a file they just unlocked."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from inspector_app.secrets import filekey
    from inspector_app.secrets.filekey import PassphraseFileKeyring
else:  # cryptography and keyring load when the keys are first used
    filekey = LazyModule("inspector_app.secrets.filekey")

KEYRING, PASSPHRASE_FILE = "keyring", "passphrase-file"  # services.sync.identity.KEY_STORES


class KeyFileAccess(QObject):
    """Which store the workspace uses and, for the file, the session's open backend."""

    _ask_on_gui = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.store = KEYRING
        self.path: Path | None = None
        self._backend: PassphraseFileKeyring | None = None
        self._answer: str | None = None
        self._ask_on_gui.connect(self._ask_here, Qt.ConnectionType.BlockingQueuedConnection)

    def set_store(self, store: str, path: Path | None) -> None:
        if (store, path) != (self.store, self.path):
            self._backend = None
        self.store, self.path = store, path

    def adopt(self, backend: PassphraseFileKeyring) -> None:
        """A file the wizard or the settings just created or unlocked: not asked again this session."""
        self.store, self.path, self._backend = PASSPHRASE_FILE, backend.path, backend

    def keyring(self) -> KeyringBackend | None:
        """``None`` for the system keyring, else the file (its passphrase asked on first use)."""
        if self.store != PASSPHRASE_FILE or self.path is None:
            return None
        if self._backend is None or self._backend.rejected:
            self._backend = filekey.PassphraseFileKeyring(self.path, self.ask)
        return self._backend

    # -- asking ----------------------------------------------------------------------------------
    def ask(self) -> str | None:
        """The passphrase from the user (``None``: cancelled); callable from any thread."""
        if threading.current_thread() is threading.main_thread():  # the GUI thread
            self._ask_here()
        else:
            self._ask_on_gui.emit()
        answer, self._answer = self._answer, None
        return answer

    @Slot()
    def _ask_here(self) -> None:
        text, ok = QInputDialog.getText(
            self.parent_widget, self.tr("输入密钥文件的口令"),
            self.tr("本工作区的签名密钥保存在用口令保护的文件中：\n%1\n\n请输入口令（本次运行只问一次）：")
            .replace("%1", str(self.path)), QLineEdit.EchoMode.Password)
        self._answer = text if ok and text else None
