"""A pair of workspaces for training (``inspector-app demo --pair OFFICE_DIR INSPECTOR_DIR``): a district
office and an inspector's laptop that share enterprises, assignments and keys.

Everything goes the way it goes in an office, through the same operations the window and the command
line use – nothing is copied between the two databases:

1. the office (role office, 常州市武进区, its authority names) imports its enterprise list from a
   spreadsheet written beside it (``demo-files/企业名单.csv``, fictional enterprises with valid credit
   codes in the district);
2. both sides make their keys and export their public keys; each enrols the other's (the fingerprint
   check a trainer would do by phone is done here by reading the file just written);
3. the office assigns look-backs: some to the trainee and a colleague, two to another pair of officers;
4. the office exports the assignment bundle for the trainee, encrypted to the laptop's key, and the
   laptop imports it: the laptop's list is exactly the trainee's assignments, its enterprises are the
   office's (same credit code, same name), and the laptop's bundles are accepted at the office.

The people are the demo's fictional officers (``demo.workspace.OFFICERS``); the enterprises are made by
``demo.workspace.demo_enterprise`` with certificates valid today, so that assignments fit without warnings.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from keyring.backend import KeyringBackend

from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import PublicKeyFile
from inspector_app.demo.workspace import OFFICERS, demo_enterprise
from inspector_app.domain.errors import ValidationError
from inspector_app.secrets import PassphraseFileKeyring
from inspector_app.services.enterprises import EnterpriseData
from inspector_app.services.ops import enterprises as enterprise_ops
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import enterprises as enterprise_queries
from inspector_app.services.queries import sync as sync_queries
from inspector_app.services.queries.inspection_list import inspection_list
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.tabular.reader import FIELD_LABELS
from inspector_app.translation import _

DISTRICT, AREA = "武进区", "常州市武进区"
AUTHORITY = {"authority_name": "常州市武进区应急管理局", "authority_short": "常武", "level": "district",
             "jurisdiction": AREA}
OFFICE_NAME = "常州市武进区应急管理局"
TEMPLATE = "lookback-2020"
TRAINEES = OFFICERS[:2]  # the laptop's pair of enforcement officers: the trainee signs the laptop's bundles
OTHERS = OFFICERS[2:4]  # another pair: their assignments stay at the office
ACTOR = "演示数据"


@dataclass(frozen=True)
class PairResult:
    """What ``build_pair`` made, for the trainer."""

    office: Path
    inspector: Path
    enterprises: int  # in the office's list
    assigned: tuple[int, ...]  # the trainee's inspections, ids at the office
    others: int  # assigned to the other pair, not sent
    laptop_inspections: tuple[int, ...]  # ids on the laptop
    # (id at the office, id on the laptop, enterprise) of each sent inspection: the two databases number
    # their rows independently, so the trainer needs the pairs to talk about "the same" inspection.
    matching: tuple[tuple[int, int, str], ...]
    office_fingerprint: str
    inspector_fingerprint: str
    bundle: Path  # the assignment bundle the laptop imported
    register: Path  # the enterprise list the office imported


def _enterprises(count: int, seed: int, today: date) -> list[EnterpriseData]:
    """``count`` fictional enterprises of the district, certificates issued in the last two years."""
    rng = random.Random(seed)
    made: list[EnterpriseData] = []
    seen: set[str] = set()
    index = 0
    while len(made) < count:
        data = demo_enterprise(rng, index)
        index += 1
        if data.district != DISTRICT or data.uscc in seen:
            continue
        seen.add(data.uscc)
        issued = today - timedelta(days=rng.randrange(30, 700))
        expires = issued.replace(year=issued.year + 3) - timedelta(days=1)
        made.append(EnterpriseData(**{**{f: getattr(data, f) for f in EnterpriseData.field_names()},
                                      "cert_grade": "三级" if data.cert_grade == "小微" else data.cert_grade,
                                      "cert_issued": issued, "cert_expires": expires}))
    return made


def _write_register(path: Path, rows: list[EnterpriseData]) -> Path:
    """The office's enterprise list as a bureau keeps it (CSV, Chinese headers, UTF-8 with BOM for Excel)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [f for f in FIELD_LABELS if f in EnterpriseData.field_names()]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([FIELD_LABELS[f] for f in names])
        for row in rows:
            writer.writerow(["" if getattr(row, f) is None else str(getattr(row, f)) for f in names])
    return path


def _require_empty(ws: Workspace) -> None:
    if inspection_list(ws) or enterprise_queries.enterprise_rows(ws):
        raise ValidationError(_("工作区 {folder} 中已有数据：培训用的一对工作区请放在两个新的（空）文件夹中").format(
            folder=ws.root))


def _exchange_keys(office: Workspace, laptop: Workspace, office_keys: KeyringBackend | None,
                   laptop_keys: KeyringBackend | None) -> tuple[str, str]:
    """Each side exports its public key (into its own folder) and enrols the other's."""
    office_file = office.root / "demo-files" / f"{OFFICE_NAME}.inspkey"
    laptop_file = laptop.root / "demo-files" / f"{TRAINEES[0][0]}.inspkey"
    office_file.parent.mkdir(parents=True, exist_ok=True)
    laptop_file.parent.mkdir(parents=True, exist_ok=True)
    office_key = sync_ops.export_public_key(office, office_file, keyring=office_keys, name=OFFICE_NAME)
    laptop_key = sync_ops.export_public_key(laptop, laptop_file, keyring=laptop_keys, name=TRAINEES[0][0])
    sync_ops.enrol_key(office, PublicKeyFile.parse(laptop_file.read_text("utf-8")), ACTOR)
    sync_ops.enrol_key(laptop, PublicKeyFile.parse(office_file.read_text("utf-8")), ACTOR)
    return office_key.fingerprint, laptop_key.fingerprint


def _key_file_store(ws: Workspace, passphrase: str) -> KeyringBackend:
    """Keep this workspace's private keys in its passphrase-protected key file (``keys store passphrase-file``)."""
    backend = PassphraseFileKeyring(sync_queries.key_store(ws)[1], passphrase)
    sync_ops.set_key_store(ws, "passphrase-file", ACTOR, target=backend, copy_keys=False)
    return backend


def build_pair(office_dir: Path, inspector_dir: Path, *, office_keys: KeyringBackend | None = None,
               inspector_keys: KeyringBackend | None = None, passphrase: str | None = None, enterprises: int = 24,
               assignments: int = 5, seed: int = 2020, today: date | None = None) -> PairResult:
    """Make the two workspaces (see the module docs). ``office_keys`` / ``inspector_keys``: where each
    side keeps its private keys (``None``: the system keyring); with ``passphrase`` each side keeps them
    in its own passphrase-protected key file instead (where no keyring runs). Both folders must be new
    or empty (``ValidationError``)."""
    if Path(office_dir).resolve() == Path(inspector_dir).resolve():
        raise ValidationError(_("办公室和检查员的工作区须是两个不同的文件夹"))
    day = today or date.today()
    office, laptop = open_workspace(Path(office_dir)), open_workspace(Path(inspector_dir))
    try:
        _require_empty(office)
        _require_empty(laptop)
        if passphrase:
            office_keys, inspector_keys = _key_file_store(office, passphrase), _key_file_store(laptop, passphrase)
        sync_ops.set_role(office, "office", ACTOR)
        sync_ops.set_role(laptop, "inspector", ACTOR)
        for key, value in AUTHORITY.items():
            workspace_ops.set_setting(office, key, value, ACTOR)
        for key in ("authority_name", "authority_short"):  # the laptop prints the office's documents
            workspace_ops.set_setting(laptop, key, AUTHORITY[key], ACTOR)
        rows = _enterprises(enterprises, seed, day)
        register = _write_register(office.root / "demo-files" / "企业名单.csv", rows)
        enterprise_ops.import_register(office, register)
        office_fp, laptop_fp = _exchange_keys(office, laptop, office_keys, inspector_keys)

        people = [(name, cert, "officer") for name, cert in TRAINEES]
        others = [(name, cert, "officer") for name, cert in OTHERS]
        mine: list[int] = []
        for n, row in enumerate(rows[:assignments]):
            enterprise_id = enterprise_queries.enterprise_id_by_uscc(office, row.uscc)
            mine.append(inspection_ops.assign(office, enterprise_id, TEMPLATE, people, ACTOR,
                                              due_date=day + timedelta(days=3 + 2 * n)).value)
        for n, row in enumerate(rows[assignments:assignments + 2]):
            enterprise_id = enterprise_queries.enterprise_id_by_uscc(office, row.uscc)
            inspection_ops.assign(office, enterprise_id, TEMPLATE, others, ACTOR, due_date=day + timedelta(days=10 + n))

        bundle = office.root / "demo-files" / f"分配-{TRAINEES[0][0]}.inspbundle"
        identity = sync_ops.load_identity(office, office_keys)
        sync_ops.export_bundle(office, identity, bundle, inspection_ids=mine, direction=Direction.OFFICE_TO_INSPECTOR,
                               encrypt_to=sync_queries.encryption_key(office, laptop_fp))
        receiver = sync_ops.load_identity(laptop, inspector_keys, with_encryption=True)
        report = sync_ops.import_bundle(laptop, bundle, identity=receiver)
        if report.status != "imported":
            raise ValidationError(_("检查员工作区未能导入分配数据包：{reason}").format(reason=report.reason))
        on_laptop = inspection_list(laptop)
        laptop_ids = tuple(int(r["id"]) for r in on_laptop)
        at_office = {str(r["uid"]): int(r["id"]) for r in inspection_list(office)}
        matching = tuple(sorted((at_office[str(r["uid"])], int(r["id"]), str(r["enterprise"]))
                                for r in on_laptop if str(r["uid"]) in at_office))
        return PairResult(Path(office.root), Path(laptop.root), len(rows), tuple(mine), 2, laptop_ids,
                          matching, office_fp, laptop_fp, bundle, register)
    finally:
        office.close()
        laptop.close()
