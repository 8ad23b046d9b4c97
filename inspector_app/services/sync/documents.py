"""The parts of an inspection record that make its documents lawful (docs/bundle-format.md §6, §7
"Roles, re-checks and document numbers"): the role each person signs in, the re-check visit and the
document numbers issued for the inspection – written into the record on export, applied on import.

* **Roles come from the office.** An office's bundle sets the role of every person it lists (audited on
  the inspections that list them, like a renaming); an inspector's bundle never changes a role the
  office's register holds – a different one is left as the office has it and reported (``role_kept``). A
  person new to the receiving workspace takes the role the record states (there is nothing else to go by).
* **The re-check visit** (two officers, time, opinion) is replaced as a whole, matched by uid; a record
  without ``recheck`` (an older bundle) leaves the local one as it is.
* **Document numbers only accumulate.** An incoming number is added to the register unless this
  inspection already holds another number of that kind here (``number_differs``) or another inspection
  holds the same number (``number_taken``: two laptops issued it offline). Both are reported and audited,
  never a refusal: the paper was printed and signed. The number stays in the inspection's audit trail,
  so its documents still show it and ``sheets.next_serial`` never issues it again.

Each ``apply``/``merge`` function returns its warnings as ``(code, message)``; the import turns them
into report lines (``action == "warning"``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.profile import Direction
from inspector_app.bundle.records import NUMBER_FIELDS, RECHECK_FIELDS, fields_of, parse_field
from inspector_app.reports import DocumentNumber
from inspector_app.reports.sheet_data import DOC_TITLES
from inspector_app.services import audit, inspections, sheets
from inspector_app.storage.models import (
    OFFICER,
    PERSON_ROLES,
    AuditEvent,
    Inspection,
    InspectionInspector,
    Inspector,
)
from inspector_app.storage.models_sheets import IssuedNumber, Recheck
from inspector_app.translation import N_, _

Note = tuple[str, str]  # a warning: (code, message for people)


# -- export ---------------------------------------------------------------------------------------
def person_record(person: Inspector) -> dict[str, Any]:
    return {"name": person.name, "cert_number": person.cert_number, "organisation": person.organisation,
            "phone": person.phone, "role": person.role}


def recheck_record(session: Session, insp: Inspection) -> dict[str, Any] | None:
    """The re-check visit with its officers by name and certificate number (``None``: none entered)."""
    row = session.scalar(select(Recheck).where(Recheck.inspection_id == insp.id))
    if row is None:
        return None
    people = [session.get(Inspector, i) for i in (row.officer1_id, row.officer2_id) if i is not None]
    return {**fields_of(row, RECHECK_FIELDS),
            "officers": [{"name": p.name, "cert_number": p.cert_number} for p in people if p is not None]}


def number_records(session: Session, insp: Inspection) -> list[dict[str, Any]]:
    """The register's numbers of the inspection's documents."""
    rows = session.scalars(select(IssuedNumber).where(IssuedNumber.inspection_uid == insp.uid)
                           .order_by(IssuedNumber.kind))
    return [fields_of(row, NUMBER_FIELDS) for row in rows]


# -- import ---------------------------------------------------------------------------------------
def _role_name(role: str) -> str:
    return PERSON_ROLES.get(role, role)


def link_people(session: Session, insp: Inspection, people: list[dict[str, Any]], direction: Direction,
                actor: str, reason: str) -> list[Note]:
    """The people the record lists become the inspection's, in order, with their roles as above."""
    warnings: list[Note] = []
    found = []
    for person in people:
        cert = str(person["cert_number"]).strip()
        new = session.scalar(select(Inspector.id).where(Inspector.cert_number == cert)) is None
        known = inspections.find_or_create_inspector(session, person["name"], cert, person.get("organisation", ""),
                                                     actor)
        role = person.get("role")
        if role is not None and role != known.role:
            if new:
                known.role = role
            elif direction is Direction.OFFICE_TO_INSPECTOR:
                adopt_role(session, known, role, actor, reason)
            else:
                warnings.append(("role_kept", _("{known_name}（{cert}）在数据包中是{role_name}，本局人员名录中是{role_name2}：人员角色以本局为准，未更改").format(known_name=known.name, cert=cert, role_name=_role_name(role), role_name2=_role_name(known.role))))
        found.append(known)
    insp.inspector_links.clear()
    session.flush()
    for position, known in enumerate(found):
        insp.inspector_links.append(InspectionInspector(inspector=known, position=position))
    return warnings


def adopt_role(session: Session, person: Inspector, role: str, actor: str, reason: str) -> None:
    """The office's role for ``person``, audited on every inspection that lists them (entity
    ``inspector``, field ``role``; an inspector's bundle never brings such events back, §10)."""
    listing = session.scalars(select(Inspection).join(InspectionInspector)
                              .where(InspectionInspector.inspector_id == person.id))
    for inspection in listing:
        audit.record(session, inspection, "inspector", person.cert_number, "role", _role_name(person.role),
                     _role_name(role), actor, reason)
    person.role = role


def merge_recheck(session: Session, insp: Inspection, rec: dict[str, Any], direction: Direction,
                  actor: str) -> list[Note]:
    """The inspection's re-check visit becomes the record's (none when it is null; unchanged when the
    record has no ``recheck``). Its officers are found by certificate number – an inspector's bundle may
    name only people the office knows or the bundle lists (``authorize``) –, or added."""
    if "recheck" not in rec:
        return []
    data = rec["recheck"]
    row = session.scalar(select(Recheck).where(Recheck.inspection_id == insp.id))
    if data is None:
        if row is not None:
            session.delete(row)
            session.flush()
        return []
    officers = [inspections.find_or_create_inspector(session, o["name"], o["cert_number"], actor=actor)
                for o in data["officers"]]
    if row is None:
        row = Recheck(inspection_id=insp.id)
        session.add(row)
    for name in RECHECK_FIELDS:
        setattr(row, name, parse_field(data, name))
    row.officer1_id, row.officer2_id = officers[0].id, officers[1].id
    session.flush()
    experts = [f"{p.name}（{p.cert_number}）" for p in officers if p.role != OFFICER]
    if direction is Direction.INSPECTOR_TO_OFFICE and experts:
        return [("role_kept", _("复查人员 {experts} 在本局人员名录中不是行政执法人员：复查须由行政执法人员进行，请核实").format(experts='、'.join(experts)))]
    return []


_NAMED, _NAMED_UID = N_("检查 #{id}（{enterprise}，{uid}）"), N_("检查 {uid}")


def _named(session: Session, uid: str, *, translated: bool = True) -> str:
    """An inspection as people recognise it: its local number and enterprise, then its uid (in Chinese
    for the audit trail, ``translated=False``: a stored record, compared by ``_noted``)."""
    found = session.scalar(select(Inspection).where(Inspection.uid == uid))
    pattern = _NAMED if found is not None else _NAMED_UID
    return (_(pattern) if translated else pattern).format(
        id=found.id if found is not None else "", enterprise=found.enterprise.name if found is not None else "",
        uid=uid)


def _noted(session: Session, insp: Inspection, kind: str, value: str) -> bool:
    """Whether this collision was recorded before (a later bundle with the inspection warns once only)."""
    return session.scalar(select(AuditEvent.id).where(
        AuditEvent.inspection_id == insp.id, AuditEvent.entity == "sheet", AuditEvent.entity_key == kind,
        AuditEvent.field == "number_collision", AuditEvent.new_value == value).limit(1)) is not None


def merge_numbers(session: Session, insp: Inspection, rec: dict[str, Any], actor: str,
                  reason: str) -> list[Note]:
    """Add the record's document numbers to the register (see the module: nothing is ever removed)."""
    warnings: list[Note] = []
    for data in rec.get("numbers", []):
        authority, kind, year, serial = str(data["authority"]), str(data["kind"]), int(data["year"]), int(data["serial"])
        text = DocumentNumber(authority, year, str(serial)).format(kind)  # type: ignore[arg-type]
        title = DOC_TITLES.get(kind, kind)
        mine = session.scalar(select(IssuedNumber).where(IssuedNumber.inspection_uid == insp.uid,
                                                         IssuedNumber.kind == kind))
        if mine is not None:
            held = DocumentNumber(mine.authority, mine.year, str(mine.serial)).format(kind)  # type: ignore[arg-type]
            if held != text and not _noted(session, insp, kind, text):
                audit.record(session, insp, "sheet", kind, "number_collision", held, text, actor, reason)
                warnings.append(("number_differs", _("{named} 的{title}在本机编号为 {held}，数据包中为 {text}：保留本机登记的编号，两者均记入审计记录，请核实").format(named=_named(session, insp.uid), title=title, held=held, text=text)))
            continue
        others = sorted(sheets.number_holders(session, authority, kind, year, serial) - {insp.uid})
        if others:
            # The audit trail keeps Chinese whatever the interface language (``_noted`` compares it).
            here_cn, there_cn = (_named(session, insp.uid, translated=False),
                                 _named(session, others[0], translated=False))
            if _noted(session, insp, kind, f"{text} 已由{there_cn}使用"):
                continue
            audit.record(session, insp, "sheet", kind, "number_collision", "", f"{text} 已由{there_cn}使用", actor, reason)
            other = session.scalar(select(Inspection).where(Inspection.uid == others[0]))
            if other is not None:
                audit.record(session, other, "sheet", kind, "number_collision", "", f"{text} 也由{here_cn}使用", actor,
                             reason)
            here, there = _named(session, insp.uid), _named(session, others[0])
            warnings.append(("number_taken", _("文书编号 {text}（{title}）重号：{there}已使用此编号，数据包中的{here}也使用了它（两台设备离线签发了同一编号）。数据包照常导入，此编号不再记入{here}的编号登记；请核实并更正其中一份文书").format(text=text, title=title, there=there, here=here)))
            continue
        session.add(IssuedNumber(authority=authority, kind=kind, year=year, serial=serial, inspection_uid=insp.uid,
                                 issued_at=parse_field(data, "issued_at"), issued_by=str(data["issued_by"])))
        session.flush()
    return warnings
