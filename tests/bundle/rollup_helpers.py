"""Offices as a chain for the roll-up tests: a district, its city and the province, each a workspace with
its level, jurisdiction and document settings, real keys (in-memory keyring, passed explicitly) and the
public key files that the offices above and below enrol."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pg_support

from inspector_app.bundle.signing import PublicKeyFile
from inspector_app.secrets import InMemoryKeyring
from inspector_app.services import campaigns, workspace_meta
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.sync.identity import Identity, meta_set
from inspector_app.services.templates import sync_shipped_templates
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models_sync import META_ROLE

WUJIN, LIYANG, CITY, PROVINCE = "江苏省常州市武进区", "江苏省常州市溧阳市", "江苏省常州市", "江苏省"
SETTINGS = {
    WUJIN: {"authority_name": "常州市武进区应急管理局", "authority_short": "常武",
            "government_name": "常州市武进区人民政府", "superior_authority": "常州市应急管理局",
            "court_name": "常州市武进区人民法院"},
    LIYANG: {"authority_name": "溧阳市应急管理局", "authority_short": "溧"},
    CITY: {"authority_name": "常州市应急管理局", "authority_short": "常", "government_name": "常州市人民政府"},
    PROVINCE: {"authority_name": "江苏省应急管理厅", "authority_short": "苏"},
}
LEVEL = {WUJIN: "district", LIYANG: "district", CITY: "city", PROVINCE: "province"}


@dataclass
class Office:
    ws: Workspace
    keyring: InMemoryKeyring
    key: PublicKeyFile
    path: str
    name: str

    def identity(self) -> Identity:
        return sync_ops.load_identity(self.ws, self.keyring, with_encryption=True)


def make_office(root: Path, path: str, name: str, *, level: str = "") -> Office:
    """An office workspace for ``path`` (its key file exported to ``root.with_suffix('.pub')``)."""
    ws = open_workspace(pg_support.prepare(root))
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        campaigns.sync_shipped_campaigns(s)
        meta_set(s, META_ROLE, "office")
        workspace_meta.set_value(s, "level", level or LEVEL[path])
        workspace_meta.set_value(s, "jurisdiction", path)
        for key, value in SETTINGS.get(path, {}).items():
            workspace_meta.set_value(s, key, value)
    keyring = InMemoryKeyring()
    key = sync_ops.export_public_key(ws, root.with_suffix(".pub"), keyring=keyring, name=name)
    return Office(ws, keyring, key, path, name)


def link(child: Office, parent: Office) -> None:
    """The parent enrols the child's key and the child the parent's (each from its key file)."""
    sync_ops.enrol_key(parent.ws, PublicKeyFile.parse(child.key.to_text()), "科长")
    sync_ops.enrol_key(child.ws, PublicKeyFile.parse(parent.key.to_text()), "科长")


def make_laptop(root: Path, district: Office, name: str = "陈示范") -> Office:
    """An inspector's laptop of ``district``: the district's document settings (it prints the district's
    sheets), and the laptop and the district enrol each other."""
    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        campaigns.sync_shipped_campaigns(s)
        meta_set(s, META_ROLE, "inspector")
        for key, value in SETTINGS.get(district.path, {}).items():
            workspace_meta.set_value(s, key, value)
    keyring = InMemoryKeyring()
    key = sync_ops.export_public_key(ws, root.with_suffix(".pub"), keyring=keyring, name=name)
    laptop = Office(ws, keyring, key, district.path, name)
    sync_ops.enrol_key(district.ws, PublicKeyFile.parse(key.to_text()), "科长")
    sync_ops.enrol_key(ws, PublicKeyFile.parse(district.key.to_text()), name)
    return laptop


def jpeg(path: Path, colour: tuple[int, int, int] = (200, 60, 40)) -> Path:
    from PIL import Image

    Image.new("RGB", (320, 240), colour).save(path, "JPEG")
    return path


def send(source: Office, target: Office, path: Path, **kw: object) -> sync_ops.ImportReport:
    """An ordinary bundle from ``source`` (office ↔ laptop), imported by ``target``."""
    result = sync_ops.export_bundle(source.ws, source.identity(), path, **kw)  # type: ignore[arg-type]
    return sync_ops.import_bundle(target.ws, result.path)


def roll_up(child: Office, parent: Office, path: Path, *, with_photos: bool = False) -> sync_ops.ImportReport:
    """``child``'s roll-up, imported by ``parent``."""
    result = sync_ops.export_rollup(child.ws, child.identity(), path, with_photos=with_photos)
    return sync_ops.import_bundle(parent.ws, result.path)
