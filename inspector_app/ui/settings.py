"""The user's settings (QSettings, organisation "Inspector"): language, identity, window geometry.

A version number is stored so that a later release can upgrade older settings (Picard's approach);
settings written by a newer release are read as far as they are understood.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCryptographicHash, QSettings

from inspector_app.ui.i18n import DEFAULT_LANGUAGE, normalise

ORGANISATION = "Inspector"
APPLICATION = "Inspector"
SETTINGS_VERSION = 1


class AppSettings:
    """Typed access to the settings; pass a ``QSettings`` (an ini file in tests) or use the default."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANISATION, APPLICATION)
        stored = str(self.store.value("meta/version", 0) or 0)
        if (int(stored) if stored.isdigit() else 0) < SETTINGS_VERSION:
            self.store.setValue("meta/version", SETTINGS_VERSION)

    def _text(self, key: str, default: str = "") -> str:
        value = self.store.value(key, default)
        return str(value) if value is not None else default

    @property
    def language(self) -> str:
        return normalise(self._text("ui/language", DEFAULT_LANGUAGE))

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue("ui/language", normalise(value))

    @property
    def inspector_name(self) -> str:
        return self._text("identity/name")

    @inspector_name.setter
    def inspector_name(self, value: str) -> None:
        self.store.setValue("identity/name", value.strip())

    @property
    def inspector_cert(self) -> str:
        return self._text("identity/cert_number")

    @inspector_cert.setter
    def inspector_cert(self, value: str) -> None:
        self.store.setValue("identity/cert_number", value.strip())

    @property
    def inspector_role(self) -> str:
        """officer (行政执法人员), expert (评审专家) or office (机关); "" when not chosen yet."""
        value = self._text("identity/role")
        return value if value in ("officer", "expert", "office") else ""

    @inspector_role.setter
    def inspector_role(self, value: str) -> None:
        self.store.setValue("identity/role", value)

    @property
    def actor(self) -> str:
        """Who the audit trail names: "name（certificate）", or a neutral word when not set."""
        name, cert = self.inspector_name, self.inspector_cert
        if not name:
            return "检查员"
        return f"{name}（{cert}）" if cert else name

    # Demo data is offered once per workspace folder (a new --data-dir is a new first start).
    @staticmethod
    def _demo_key(workspace_root: object) -> str:
        # Qt's SHA-1 (the same digest as hashlib's, so keys written earlier still match): hashlib would
        # cost start-up 2.5 ms to import.
        digest = QCryptographicHash.hash(str(workspace_root).encode("utf-8"), QCryptographicHash.Algorithm.Sha1)
        return "workspace/demo_offered_" + bytes(digest.toHex().data()).decode("ascii")[:12]

    def demo_offered(self, workspace_root: object) -> bool:
        return self._text(self._demo_key(workspace_root)) == "1"

    def mark_demo_offered(self, workspace_root: object) -> None:
        self.store.setValue(self._demo_key(workspace_root), "1")

    # The first-run wizard is offered once per workspace folder too (设置 → 首次设置向导… opens it again).
    def first_run_offered(self, workspace_root: object) -> bool:
        return self._text(self._demo_key(workspace_root).replace("demo_offered_", "first_run_offered_")) == "1"

    def mark_first_run_offered(self, workspace_root: object) -> None:
        self.store.setValue(self._demo_key(workspace_root).replace("demo_offered_", "first_run_offered_"), "1")

    def geometry(self, key: str) -> QByteArray | None:
        value = self.store.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self.store.setValue(f"window/{key}", value)

    # The folder a file dialog used last, per purpose (ui.file_dialogs).
    def last_folder(self, purpose: str) -> str:
        return self._text(f"folders/{purpose}")

    def set_last_folder(self, purpose: str, folder: str) -> None:
        self.store.setValue(f"folders/{purpose}", folder)

    def sync(self) -> None:
        self.store.sync()
