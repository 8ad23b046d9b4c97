"""Operations on the registers (issue 13): importing organisations (with staff and links), reviewers and
certifications from the spreadsheets bureaus keep, all or nothing; adding and editing an organisation or
a reviewer with optimistic locking (the form names the ``version`` it read; ``StaleEditError`` when it
moved); declaring and removing a link between two organisations. Every change is audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector_app.services import org_import, register_import, registers
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes, OpResult
from inspector_app.services.register_import import RegisterImport
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace

__all__ = ["RegisterImport", "add_link", "add_org", "add_reviewer", "import_certifications", "import_orgs",
           "import_reviewers", "remove_link", "update_org", "update_reviewer"]

REGISTERS = Changes.of(ChangeKind.REGISTERS)


def _done(report: RegisterImport) -> RegisterImport:
    report.changes = Changes.bulk(ChangeKind.REGISTERS) if report.wrote else NO_CHANGES
    return report


def import_orgs(ws: Workspace, path: Path | str, actor: str, *, dry_run: bool = False) -> RegisterImport:
    """Organisations with their declared links, and consultancy staff (one workbook, or a CSV of either)."""
    with unit_of_work(ws) as session:
        return _done(org_import.import_orgs(session, path, actor, dry_run=dry_run))


def import_reviewers(ws: Workspace, path: Path | str, actor: str, *, dry_run: bool = False) -> RegisterImport:
    with unit_of_work(ws) as session:
        return _done(register_import.import_reviewers(session, path, actor, dry_run=dry_run))


def import_certifications(ws: Workspace, path: Path | str, actor: str, *, dry_run: bool = False) -> RegisterImport:
    with unit_of_work(ws) as session:
        return _done(register_import.import_certifications(session, path, actor, dry_run=dry_run))


def add_org(ws: Workspace, actor: str, **fields: Any) -> OpResult[int]:
    """A new organisation (``name``, ``kind`` review/consulting, and any of ``registers.ORG_FIELDS``); its id."""
    with unit_of_work(ws) as session:
        org = registers.create_org(session, fields, actor)
        return OpResult(org.id, REGISTERS)


def update_org(ws: Workspace, org_id: int, expected_version: int, actor: str, **fields: Any) -> OpResult[int]:
    """Change an organisation's fields (``registers.ORG_FIELDS``: name, uscc, kind, legal_rep, shareholders,
    qualification, qualification_scope, note; lists as text joined by “、” or as a list). Refused with
    ``StaleEditError`` when its version is no longer ``expected_version``. Returns the version now."""
    with unit_of_work(ws) as session:
        org = registers.get_org(session, org_id)
        changed = registers.update_org(session, org, expected_version, actor, fields)
        return OpResult(org.version, REGISTERS if changed else NO_CHANGES)


def add_reviewer(ws: Workspace, actor: str, **fields: Any) -> OpResult[int]:
    """A new reviewer (``name``, ``cert_number``, ``org`` by name or code or ``org_id``, ``specialities``)."""
    with unit_of_work(ws) as session:
        reviewer = registers.create_reviewer(session, fields, actor)
        return OpResult(reviewer.id, REGISTERS)


def update_reviewer(ws: Workspace, reviewer_id: int, expected_version: int, actor: str,
                    **fields: Any) -> OpResult[int]:
    """Change a reviewer's name, cert_number, organisation (``org`` or ``org_id``) or specialities, as
    ``update_org``. Returns the version now."""
    with unit_of_work(ws) as session:
        reviewer = registers.get_reviewer(session, reviewer_id)
        changed = registers.update_reviewer(session, reviewer, expected_version, actor, fields)
        return OpResult(reviewer.version, REGISTERS if changed else NO_CHANGES)


def add_link(ws: Workspace, org_id: int, other_id: int, relation: str, actor: str, note: str = "") -> OpResult[int]:
    """Declare a relation (shareholder / same_legal_rep / declared) between two organisations; the link's id
    (an existing link of that kind between them takes the note)."""
    with unit_of_work(ws) as session:
        org, other = registers.get_org(session, org_id), registers.get_org(session, other_id)
        link, _created = registers.add_link(session, org, other, relation, note.strip(), actor)
        return OpResult(link.id, REGISTERS)


def remove_link(ws: Workspace, link_id: int, actor: str) -> Changes:
    with unit_of_work(ws) as session:
        registers.remove_link(session, link_id, actor)
        return REGISTERS
