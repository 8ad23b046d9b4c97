"""The first-run wizard's and the settings' work, run on the TaskRunner's threads: what they show
(``load_setup``: this installation's setup, the campaign's areas, the keyring's state) and what they change
(``apply_answers``: role, level and jurisdiction, the issuing authority and the document-number prefix,
where the keys are kept, the keys created and the public key saved for the office) – only through read
models and operations, each change audited under the person's name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector_app.domain.errors import InspectorError
from inspector_app.secrets import BackendStatus, backend_status
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import campaigns as campaign_queries
from inspector_app.services.queries import sync as sync_queries
from inspector_app.services.queries.sync import OwnSetup

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from inspector_app.bundle.signing import PublicKeyFile
    from inspector_app.storage.engine import Workspace

# Who the person is: the settings' identity/role. 行政执法人员 and 评审专家 sign as "inspector"
# installations; an office (区局、市局、省厅) as "office".
OFFICER, EXPERT, OFFICE = "officer", "expert", "office"
PERSON_ROLES = (OFFICER, EXPERT, OFFICE)
KEYRING, PASSPHRASE_FILE = "keyring", "passphrase-file"


@dataclass(frozen=True)
class Area:
    level: str  # district / city / province
    path: str  # 江苏省常州市武进区
    name: str  # 武进区
    office: str  # 常州市武进区应急管理局


@dataclass(frozen=True)
class SetupData:
    """What the wizard and the settings start from."""

    setup: OwnSetup
    areas: tuple[Area, ...]  # every area of the current campaign
    campaign_authority: str  # the campaign's authority (a default for the issuing authority)
    keyring: BackendStatus  # the system keyring
    enterprises: int  # how many rows the desk has (the demo is offered on an empty workspace)


@dataclass
class Answers:
    """What the person answered; ``apply_answers`` makes it so."""

    name: str
    person_role: str  # officer / expert / office
    cert: str = ""
    level: str = ""
    jurisdiction: str = ""  # the area's path
    authority_name: str = ""
    authority_short: str = ""
    key_store: str = KEYRING
    public_key_path: Path | None = None
    settings: dict[str, str] = field(default_factory=dict)  # the values before (only changed ones are set)

    @property
    def sync_role(self) -> str:
        return "office" if self.person_role == OFFICE else "inspector"

    @property
    def actor(self) -> str:
        """As ``AppSettings.actor`` names the person in the audit trail."""
        return f"{self.name}（{self.cert}）" if self.cert else self.name


def _areas(node: dict[str, Any]) -> list[Area]:
    found = [Area(node["level"], node["path"], node["name"], node.get("office") or "")]
    for child in node.get("children", []):
        found += _areas(child)
    return found


def load_setup(ws: Workspace, enterprises: int = 0) -> SetupData:
    areas: list[Area] = []
    authority = ""
    current = next((row for row in campaign_queries.campaign_rows(ws) if row["current"]), None)
    if current is not None:
        document = campaign_queries.campaign_detail(ws, current["id"])
        areas = _areas(document["jurisdictions"])
        authority = str(current.get("authority") or "")
    return SetupData(sync_queries.own_setup(ws), tuple(areas), authority, backend_status(), enterprises)


def apply_answers(ws: Workspace, answers: Answers, source: KeyringBackend | None,
                  target: KeyringBackend | None) -> PublicKeyFile | None:
    """Role, place in the chain, authority and prefix, key store; then the keys (created on first use) and
    the public key file for the office, which also makes the name the one this installation signs with.
    ``source`` / ``target``: the key stores before and after (``None``: the system keyring). Returns the
    public key written (``None`` when no path was given)."""
    actor = answers.actor
    old = answers.settings
    if sync_queries.role(ws) != answers.sync_role:
        sync_ops.set_role(ws, answers.sync_role, actor)
    if answers.person_role == OFFICE and (old.get("level", ""), old.get("jurisdiction", "")) != (
            answers.level, answers.jurisdiction):
        if old.get("jurisdiction"):  # another level's area would be refused beside the new level
            workspace_ops.set_setting(ws, "jurisdiction", "", actor)
        workspace_ops.set_setting(ws, "level", answers.level, actor)
        workspace_ops.set_setting(ws, "jurisdiction", answers.jurisdiction, actor)
    for key in ("authority_name", "authority_short"):
        value = getattr(answers, key).strip()
        if value != old.get(key, ""):
            workspace_ops.set_setting(ws, key, value, actor)
    if sync_queries.key_store(ws)[0] != answers.key_store:
        sync_ops.set_key_store(ws, answers.key_store, actor, source=source, target=target)
    if answers.public_key_path is None:
        return None
    try:
        return sync_ops.export_public_key(ws, answers.public_key_path, keyring=target, name=answers.name)
    except OSError as exc:
        raise InspectorError(f"无法保存公钥文件 {answers.public_key_path}：{exc.strerror or exc}") from exc
