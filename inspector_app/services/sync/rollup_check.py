"""Who may send a roll-up, and for which records (docs/bundle-format.md §12). Run inside the import's
transaction, before anything of the roll-up is written; the first breach refuses the whole bundle.

* **The sender is an office directly below this one.** The signing key is enrolled here as an office key
  (``wrong_signer_role`` otherwise, checked with the direction) whose *recorded* jurisdiction – from its
  signed key file – is a child of this office's area (``not_in_jurisdiction``). What the bundle says about
  itself (its header's ``extra.rollup``) is not looked at.
* **Every record lies in that child's area.** The ``origin`` of each enterprise, inspection and filed
  report, a filed report's ``jurisdiction`` and the area of each office whose settings it carries must be
  the child's area or an area below it in the campaign's tree; a record that names another office's
  area – a sibling's, this office's own, one elsewhere – refuses the bundle (``not_in_jurisdiction``), and
  so does a record that would replace one this office holds itself or holds from another office below.
* **Never older than what was applied.** A roll-up created before the one applied last from the same
  office is stale (``stale_rollup``); the same bundle again is "already imported" (``importing``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag_verify import VerifiedBundle
from inspector_app.bundle.rollup import ROLLUP_KINDS
from inspector_app.domain.campaign import Jurisdiction
from inspector_app.services.enterprises import by_uscc
from inspector_app.services.sync import offices
from inspector_app.services.sync.report import Rejected
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_campaigns import FiledReport, Rollup
from inspector_app.storage.models_sync import PeerSequence
from inspector_app.translation import _

NOT_IN_JURISDICTION = offices.NOT_IN_JURISDICTION
STALE = "stale_rollup"
_CHUNK = 500


def created_at(bundle: VerifiedBundle) -> datetime:
    """The bundle's creation time (UTC, naive) as the ``rollups`` table keeps it."""
    return datetime.strptime(bundle.header.created_at, "%Y-%m-%dT%H:%M:%SZ")


def sender_area(session: Session, bundle: VerifiedBundle) -> Jurisdiction:
    """The area of the office below that signed the roll-up (by its enrolled key), or refused."""
    key = bundle.signer
    child = offices.child_area(session, key.jurisdiction) if key is not None else None
    if child is None:
        _campaign, area = offices.own_area(session)
        here = area.path if area is not None else _("（本机关未设置辖区）")
        held = _("登记的辖区是 {jurisdiction}").format(jurisdiction=key.jurisdiction) if key is not None and key.jurisdiction else _("登记时没有写明辖区")
        name = key.name if key is not None else "?"
        raise Rejected(_("汇总数据包由 {name} 的机关密钥签名，该密钥{held}：只接受本机关（{here}）直属下级机关的汇总数据包（下级机关须导出写明辖区的公钥，由本机关登记）").format(name=name, held=held, here=here), code=NOT_IN_JURISDICTION,
                       fingerprint=bundle.signer_fingerprint)
    return child


def check_stale(session: Session, bundle: VerifiedBundle, child: Jurisdiction) -> None:
    """Refuse a roll-up older than the one applied from ``child``: created before it, or – made within
    the same second – with a sequence number its device had already passed."""
    applied = session.get(Rollup, child.path)
    made = created_at(bundle)
    peer = session.get(PeerSequence, bundle.header.device_id)
    passed = peer is not None and bundle.header.sequence <= peer.last_sequence
    if applied is not None and (made < applied.created_at or (made == applied.created_at and passed)):
        raise Rejected(_("过时的汇总数据包：{path} 的这份汇总生成于 {made:%Y-%m-%d %H:%M:%S}（UTC），早于已导入的{created_at:%Y-%m-%d %H:%M:%S} 的那份（{bundle_id}）：较新的汇总不会被较旧的替换，本次没有作任何更改").format(path=child.path, made=made, created_at=applied.created_at, bundle_id=applied.bundle_id), code=STALE, fingerprint=bundle.signer_fingerprint)


def _refuse(bundle: VerifiedBundle, record: str, message: str) -> Rejected:
    return Rejected(f"[{record}] {message}", code=NOT_IN_JURISDICTION, fingerprint=bundle.signer_fingerprint)


def _in_area(bundle: VerifiedBundle, child: Jurisdiction, record: str, what: str, path: str) -> None:
    if not offices.is_under(child, path):
        raise _refuse(bundle, record, _("{what} {path!r} 不在发送机关的辖区（{path2}）内：下级机关只能上报其辖区内的记录").format(what=what, path=path, path2=child.path))


def _held_here(bundle: VerifiedBundle, child: Jurisdiction, record: str, origin: str) -> None:
    """A record with this uid is here already: it must be one this child sent before."""
    if not origin:
        raise _refuse(bundle, record, _("是本机关自己的记录：下级机关的汇总不能替换它"))
    if not offices.is_under(child, origin):
        raise _refuse(bundle, record, _("本机关保存的这条记录来自 {origin}：{path} 的汇总不能替换它").format(origin=origin, path=child.path))


def _origins(session: Session, model: Any, uids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(uids), _CHUNK):
        rows = session.execute(select(model.uid, model.origin).where(model.uid.in_(uids[start:start + _CHUNK])))
        found.update({uid: origin for uid, origin in rows})
    return found


def check_records(session: Session, bundle: VerifiedBundle, child: Jurisdiction) -> None:
    """Every record of the roll-up lies in ``child``'s area and replaces only what that office sent (and
    is of a kind roll-ups carry: ``not_permitted`` otherwise)."""
    for path in bundle.records:
        if path.split("/")[2] not in ROLLUP_KINDS:
            raise Rejected(_("[{path}] 汇总数据包只能带 {ROLLUP_KINDS} 记录").format(path=path, ROLLUP_KINDS='、'.join(ROLLUP_KINDS)), code="not_permitted",
                           fingerprint=bundle.signer_fingerprint)
    for key, rec in bundle.records_of("enterprises"):
        _in_area(bundle, child, f"enterprises/{key}", _("企业的所属辖区（origin）"), str(rec["origin"]))
    inspections = bundle.records_of("inspections")
    for key, rec in inspections:
        _in_area(bundle, child, f"inspections/{key}", _("检查的所属机关（origin）"), str(rec["origin"]))
    held = _origins(session, Inspection, [str(rec["uid"]) for _key, rec in inspections])
    for _key, rec in inspections:
        if rec["uid"] in held:
            _held_here(bundle, child, f"inspections/{rec['uid']}", held[rec["uid"]])
    reports = bundle.records_of("filed_reports")
    for key, rec in reports:
        _in_area(bundle, child, f"filed_reports/{key}", _("报告的所属机关（origin）"), str(rec["origin"]))
        _in_area(bundle, child, f"filed_reports/{key}", _("报告的报送机关辖区（jurisdiction）"), str(rec["jurisdiction"]))
    held = _origins(session, FiledReport, [str(rec["uid"]) for _key, rec in reports])
    for _key, rec in reports:
        if rec["uid"] in held:
            _held_here(bundle, child, f"filed_reports/{rec['uid']}", held[rec["uid"]])
    for key, rec in bundle.records_of("offices"):
        _in_area(bundle, child, f"offices/{key}", _("机关设置的辖区"), str(rec["jurisdiction"]))


def enterprise_is_theirs(session: Session, child: Jurisdiction, uscc: str) -> bool | None:
    """Whether the enterprise with this code here came from ``child`` (``None``: not here at all). One
    this office keeps in its own register, or has from another office below, stays as it is."""
    found = by_uscc(session, uscc)
    if found is None:
        return None
    return bool(found.origin) and offices.is_under(child, found.origin)


def under(child: Jurisdiction, origins: Iterable[tuple[Any, str]]) -> list[Any]:
    """The rows (``(row, origin)``) whose origin lies in ``child``'s area."""
    return [row for row, origin in origins if origin and offices.is_under(child, origin)]
