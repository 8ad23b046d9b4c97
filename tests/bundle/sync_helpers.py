"""Two workspaces (office and inspector) that trust each other, and helpers to fill them."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pg_support

from inspector_app.bundle.crypto import x25519_public
from inspector_app.bundle.signing import Signer, TrustedKey
from inspector_app.domain import uscc
from inspector_app.domain.scoring import Answer
from inspector_app.services import findings, inspections, photos, signatures
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.sync.identity import Identity, device_id, meta_set
from inspector_app.services.sync.trust import SqlTrustStore
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models_sync import META_KEY_FINGERPRINT, META_ROLE

PAIR = [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")]


@dataclass
class Side:
    ws: Workspace
    identity: Identity
    role: str


def make_side(root: Path, role: str, name: str) -> Side:
    ws = open_workspace(pg_support.prepare(root) if role == "office" else root)  # laptops stay on SQLite
    signer = Signer.generate()
    with ws.sessions.begin() as s:
        meta_set(s, META_ROLE, role)
        meta_set(s, META_KEY_FINGERPRINT, signer.fingerprint)
        dev = device_id(s)
    return Side(ws, Identity(dev, name, signer, os.urandom(32)), role)


def enrol(into: Side, other: Side) -> None:
    signer = other.identity.signer
    assert other.identity.encryption_private is not None
    with into.ws.sessions.begin() as s:
        SqlTrustStore(s).enrol(TrustedKey(signer.fingerprint, signer.public_raw, other.identity.name, other.role,
                                          other.identity.device_id, x25519_public(other.identity.encryption_private)))


def assign_one(office: Side, name: str = "常州恒达机械制造有限公司", serial: str = "MA1W2X3Y4",
               people: Sequence[tuple[str, str]] = PAIR) -> int:
    with office.ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name=name, uscc=uscc.make_code("9", "1", "320412", serial),
                                                 cert_grade="三级", district="武进区"))
        return inspections.assign(s, enterprise, template, people, "科长", due_date=date(2026, 12, 31)).id


def id_of(side: Side, uid: str) -> int:
    from sqlalchemy import select

    from inspector_app.storage.models import Inspection

    with side.ws.sessions() as s:
        found = s.scalar(select(Inspection.id).where(Inspection.uid == uid))
        assert found is not None
        return found


def fill_and_complete(side: Side, inspection_id: int, photo_files: Sequence[Path] = (), actor: str = "陈示范") -> None:
    with side.ws.sessions.begin() as s:
        insp = inspections.get(s, inspection_id)
        items = inspections.template_for(insp).items
        for item in items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), actor)
        inspections.set_answer(s, insp, items[1].code, Answer("不符合", note="未见记录"), actor)
        findings.add(s, insp, actor, description="消防通道堆放杂物", item_code=items[1].code,
                     requirement="立即清理", deadline=date.today() + timedelta(days=7), responsible_person="张三")
        store = photos.photo_store(side.ws.photo_dir)
        for path in photo_files:
            photos.add_photo_bytes(s, store, inspection_id, path.read_bytes(), path.name, actor,
                                   item_code=items[1].code, caption=f"现场照片 {path.stem}")
        signers = [("inspector", person.name) for person in insp.inspectors] + [("enterprise_rep", "王厂长")]
        for number, (signer_role, name) in enumerate(signers):
            stroke = [[[0.0, 0.0], [10.0 + number, 5.0 * number], [20.0, 0.0]]]
            signatures.save_signature(s, store if photo_files else None, inspection_id, signer_role, name, stroke, actor)
    inspection_ops.complete(side.ws, inspection_id, actor)


def snapshot(ws: Workspace) -> tuple[str, list[str]]:
    """The database content and the file list: what an adversarial import must leave unchanged."""
    con = sqlite3.connect(ws.db_path)
    try:
        dump = "\n".join(con.iterdump())
    finally:
        con.close()
    files = sorted(str(p.relative_to(ws.root)) for p in ws.root.rglob("*")
                   if p.is_file() and not p.name.startswith("workspace.sqlite"))
    return dump, files
