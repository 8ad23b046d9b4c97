"""Conflict-of-interest flags on the reviews behind certificates, computed from the registers (never
typed): the rules and their sources are ``domain.conflict_rules``; this module reads the registers and
applies them.

How, so that 100,000 certificates take about two seconds: the certificates, their review teams and the
consultancy staff are read with SQL on the DB-API cursor (tuples, no ORM objects); organisations,
reviewers, links and sanctions – hundreds or a few thousand rows – are read once into dictionaries; a
pair (review organisation, consultancy) is judged once however many certificates share it; a team
member is looked up in the consultancy's staff list and the enterprise's declared consultants by
dictionary. Asked about some enterprises, or one review organisation, the same code reads only their
certificates and what those name.

What each rule compares (names, certificate numbers and lists as ``conflict_rules.norm`` /
``split_names`` leave them):

* ``same_org`` – the review organisation is the consultancy (the same row, or the same USCC);
* ``related_orgs`` – otherwise: the same legal representative; one organisation's name among the
  other's shareholders; a shareholder in common; a declared ``org_links`` row either way. One flag per
  certificate with every ground found;
* ``reviewer_consulted`` – a team member on the consultancy's staff list or declared to have consulted
  for the enterprise (``consultancy_staff.enterprise_id``): by certificate number where the staff row has
  one (a different number is a different person, whatever the name), else by name (``matched_by``
  says which);
* ``speciality_mismatch`` / ``speciality_unregistered`` – the enterprise's industry is not among the
  member's specialities / the member has none registered (an enterprise without an industry: no check);
* ``org_barred`` / ``reviewer_barred`` – the review date falls in a period a sanction bars reviewing
  (``conflict_rules.sanction_bar``); an organisation or reviewer without any sanction row of a barring
  kind is judged by its register status and ``status_since`` (``status_bar``). No review date: no check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.domain.conflict_rules import (
    ORG_BARRED,
    ORG_BARS,
    RELATED_ORGS,
    REVIEWER_BARRED,
    REVIEWER_BARS,
    REVIEWER_CONSULTED,
    SAME_ORG,
    SPECIALITY_MISMATCH,
    SPECIALITY_UNREGISTERED,
    Bar,
    Flag,
    bar_on,
    norm,
    norm_code,
    sanction_bar,
    split_names,
    status_bar,
)
from inspector_app.storage import rawsql
from inspector_app.storage.models_registers import RELATIONS
from inspector_app.translation import N_, _, listing

# Above this many ids a filtered read loads the whole (small) table instead of an IN list.
_IN_LIMIT = 500


@dataclass(frozen=True)
class _Org:
    id: int
    name: str
    uscc: str
    legal_rep: str
    shareholders: tuple[str, ...]
    status: str
    since: date | None
    until: date | None


@dataclass(frozen=True)
class _Reviewer:
    id: int
    name: str
    cert_number: str
    specialities: tuple[str, ...]
    status: str
    since: date | None
    name_key: str = ""
    cert_key: str = ""


@dataclass
class _Staff:
    """Who consulted: by certificate number and by name (rows without a number), with the row's words."""

    by_cert: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _rows(session: Session, sql: str) -> list[Any]:
    """The rows of ``sql`` as the DB-API cursor gives them (tuples, no result wrapping; on PostgreSQL
    through ``rawsql``, dates as text as SQLite gives them)."""
    connection = session.connection()
    if not rawsql.is_sqlite(connection):
        return list(rawsql.execute(connection, sql).fetchall())
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _ids_clause(column: str, ids: Collection[int] | None) -> str:
    """`` WHERE column IN (…)`` for a short list of ids; "" (every row) for None or a long list."""
    if ids is None or len(ids) > _IN_LIMIT:
        return ""
    return f" WHERE {column} IN ({', '.join(str(int(i)) for i in ids) or 'NULL'})"


class _Registers:
    """What the rules read besides the certificates themselves."""

    def __init__(self, session: Session, org_ids: Collection[int] | None, reviewer_ids: Collection[int] | None,
                 enterprise_ids: Collection[int] | None) -> None:
        def run(sql: str) -> list[Any]:
            return _rows(session, sql)

        self.orgs = {row[0]: _Org(row[0], row[1] or "", norm_code(row[2]), norm(row[3]), split_names(row[4]),
                                  row[5] or "", _day(row[6]), _day(row[7]))
                     for row in run("SELECT id, name, uscc, legal_rep, shareholders, status, status_since, "
                                    "status_until FROM organisations" + _ids_clause("id", org_ids))}
        self.reviewers = {row[0]: _Reviewer(row[0], row[1] or "", row[2] or "", split_names(row[3]), row[4] or "",
                                            _day(row[5]), norm(row[1]), norm_code(row[2]))
                          for row in run("SELECT id, name, cert_number, specialities, status, status_since "
                                         "FROM reviewers" + _ids_clause("id", reviewer_ids))}
        self.links: dict[frozenset[int], list[str]] = defaultdict(list)
        for org_id, other_id, relation, note in run("SELECT org_id, other_id, relation, note FROM org_links"):
            label = RELATIONS.get(relation, relation)
            self.links[frozenset((org_id, other_id))].append(f"{label}（{note}）" if note else label)
        self.staff: dict[int, _Staff] = defaultdict(_Staff)  # consultancy id → its staff list
        self.declared: dict[int, _Staff] = defaultdict(_Staff)  # enterprise id → who declared consulting
        where = ""
        if org_ids is not None and enterprise_ids is not None and max(len(org_ids), len(enterprise_ids)) <= _IN_LIMIT:
            where = (f" WHERE org_id IN ({', '.join(str(int(i)) for i in org_ids) or 'NULL'}) OR enterprise_id IN "
                     f"({', '.join(str(int(i)) for i in enterprise_ids) or 'NULL'})")
        for org_id, enterprise_id, name, cert, note in run(
                "SELECT org_id, enterprise_id, name, cert_number, note FROM consultancy_staff" + where):
            target = self.declared[enterprise_id] if enterprise_id is not None else self.staff[org_id]
            words = note or ""
            if norm_code(cert):
                target.by_cert[norm_code(cert)] = words
            elif norm(name):
                target.by_name[norm(name)] = words
        self.org_bars: dict[int, list[Bar]] = defaultdict(list)
        self.reviewer_bars: dict[int, list[Bar]] = defaultdict(list)
        kinds = ", ".join(f"'{k}'" for k in (*ORG_BARS, *REVIEWER_BARS))
        for kind, org_id, reviewer_id, decided, start, until, lifted, number in run(
                "SELECT kind, org_id, reviewer_id, decided_on, period_from, period_until, lifted_on, document_number "
                f"FROM sanctions WHERE kind IN ({kinds}) ORDER BY decided_on, id"):
            bar = sanction_bar(kind, _day(decided) or date.min, _day(start), _day(until), _day(lifted), number or "")
            # A sanction row of a barring kind, even one lifted, makes the sanctions the record.
            if kind in ORG_BARS and org_id is not None:
                bars = self.org_bars[org_id]
            elif kind in REVIEWER_BARS and reviewer_id is not None:
                bars = self.reviewer_bars[reviewer_id]
            else:
                continue
            if bar is not None:
                bars.append(bar)
        for org in self.orgs.values():
            if org.id not in self.org_bars and (bar := status_bar(org.status, org.since, org.until)):
                self.org_bars[org.id] = [bar]
        for reviewer in self.reviewers.values():
            if reviewer.id not in self.reviewer_bars and (bar := status_bar(reviewer.status, reviewer.since)):
                self.reviewer_bars[reviewer.id] = [bar]


def _pair_grounds(review: _Org, consultant: _Org, links: list[str]) -> tuple[str, list[str], list[str]]:
    """(rule, matched_by codes, evidence) for a review organisation and a consultancy ("" when none)."""
    if review.id == consultant.id:
        return SAME_ORG, ["same_org"], [_("评审单位“{name}”同时登记为该企业的咨询服务单位").format(name=review.name)]
    if review.uscc and review.uscc == consultant.uscc:
        return SAME_ORG, ["uscc"], [_("统一社会信用代码相同（{uscc}）").format(uscc=review.uscc)]
    matched: list[str] = []
    words: list[str] = []
    if review.legal_rep and review.legal_rep == consultant.legal_rep:
        matched.append("legal_rep")
        words.append(_("法定代表人相同（{legal_rep}）").format(legal_rep=review.legal_rep))
    for owned, owner in ((review, consultant), (consultant, review)):
        if norm(owned.name) in owner.shareholders:
            matched.append("shareholder")
            words.append(_("“{name}”是“{name2}”的股东").format(name=owned.name, name2=owner.name))
    common = [name for name in review.shareholders if name in consultant.shareholders]
    if common:
        matched.append("shared_shareholder")
        words.append(_("共同股东：{items}").format(items=listing(common)))
    if links:
        matched.append("org_link")
        words.append(_("已登记的关联关系：{items}").format(items=_('；').join(links)))
    return (RELATED_ORGS if matched else ""), matched, words


def _consulted(staff: _Staff | None, reviewer: _Reviewer) -> tuple[str, str] | None:
    """(matched_by, note) when the reviewer is on this staff list: by certificate number, else by name."""
    if staff is None:
        return None
    if reviewer.cert_key and reviewer.cert_key in staff.by_cert:
        return "cert_number", staff.by_cert[reviewer.cert_key]
    if reviewer.name_key and reviewer.name_key in staff.by_name:
        return "name", staff.by_name[reviewer.name_key]
    return None


_HOW = {"cert_number": N_("按证书编号匹配"), "name": N_("按姓名匹配，名单未登记证号，请核实是否同一人")}


def flags(session: Session, *, enterprise_ids: Collection[int] | None = None,
          review_org_id: int | None = None) -> list[Flag]:
    """Every flag on the certificates of ``enterprise_ids`` (None: all) and/or of the review organisation
    ``review_org_id``, by enterprise name, each certificate's flags in the order of ``RULES``."""
    where: list[str] = []
    if enterprise_ids is not None:
        where.append(f"c.enterprise_id IN ({', '.join(str(int(i)) for i in enterprise_ids) or 'NULL'})")
    if review_org_id is not None:
        where.append(f"c.review_org_id = {int(review_org_id)}")
    condition = f" WHERE {' AND '.join(where)}" if where else ""
    certificates = _rows(session,
        "SELECT c.id, c.enterprise_id, e.name, e.uscc, e.industry, c.review_org_id, c.consulting_org_id, "
        f"c.review_date FROM certifications c JOIN enterprises e ON e.id = c.enterprise_id{condition} "
        "ORDER BY e.name, e.id")
    if not certificates:
        return []
    # The team's leader first, then by id. Unscoped, the whole table in its own order (no join, no sort).
    members: dict[int, list[tuple[bool, int]]] = defaultdict(list)
    team_sql = ("SELECT cr.certification_id, cr.reviewer_id, cr.leader FROM certification_reviewers cr"
                + (f" JOIN certifications c ON c.id = cr.certification_id{condition}" if where else ""))
    for cert_id, reviewer_id, leader in _rows(session, team_sql):
        members[cert_id].append((not leader, reviewer_id))
    teams = {cert_id: [r for _, r in sorted(team)] for cert_id, team in members.items()}
    scoped = bool(where)
    org_ids = {o for row in certificates for o in row[5:7] if o is not None} if scoped else None
    reviewer_ids = {r for team in teams.values() for r in team} if scoped else None
    registers = _Registers(session, org_ids, reviewer_ids, {row[1] for row in certificates} if scoped else None)
    return list(_evaluate(certificates, teams, registers))


# What a flag says about its certificate: enterprise id, name and USCC, certificate id, review date,
# review organisation id and name, consultancy id and name (``Flag``'s fields in that order).
_Head = tuple[int, str, str, int, date | None, int | None, str, int | None, str]


def _flag(head: _Head, rule: str, matched_by: str, evidence: str, member: _Reviewer | None = None) -> Flag:
    enterprise_id, name, uscc, cert_id, on, org_id, org, other_id, other = head
    if member is None:
        return Flag(rule, enterprise_id, name, uscc, cert_id, on, org_id, org, matched_by, evidence, other_id, other)
    return Flag(rule, enterprise_id, name, uscc, cert_id, on, org_id, org, matched_by, evidence, other_id, other,
                member.id, member.name, member.cert_number)


def _evaluate(certificates: Iterable[Any], teams: dict[int, list[int]], reg: _Registers) -> Iterable[Flag]:
    pairs: dict[tuple[int, int], tuple[str, list[str], list[str]]] = {}
    days: dict[Any, date | None] = {}
    industries: dict[Any, str] = {}
    for cert_id, enterprise_id, name, uscc, industry, review_id, consultant_id, review_text in certificates:
        if review_text not in days:
            days[review_text] = _day(review_text)
        on = days[review_text]
        review = reg.orgs.get(review_id) if review_id is not None else None
        consultant = reg.orgs.get(consultant_id) if consultant_id is not None else None
        head: _Head = (enterprise_id, name or "", uscc or "", cert_id, on, review_id, review.name if review else "",
                       consultant_id, consultant.name if consultant else "")
        if review is not None and consultant is not None:
            key = (review.id, consultant.id)
            if key not in pairs:
                pairs[key] = _pair_grounds(review, consultant, reg.links.get(frozenset(key), []))
            rule, matched, words = pairs[key]
            if rule:
                yield _flag(head, rule, "、".join(matched), _("；").join(words))
        members = [reg.reviewers[r] for r in teams.get(cert_id, ()) if r in reg.reviewers]
        staff = reg.staff.get(consultant_id) if consultant_id is not None else None
        declared = reg.declared.get(enterprise_id)
        for member in members if staff is not None or declared is not None else ():
            on_list = _consulted(staff, member)
            if on_list is not None:
                note = _("（{note}）").format(note=on_list[1]) if on_list[1] else ""
                yield _flag(head, REVIEWER_CONSULTED, f"staff_list.{on_list[0]}",
                            _("在咨询服务单位“{head}”的人员名单中{note}，{how}").format(
                                head=head[8], note=note, how=_(_HOW[on_list[0]])), member)
            was_declared = _consulted(declared, member)
            if was_declared is not None:
                note = _("（{note}）").format(note=was_declared[1]) if was_declared[1] else ""
                yield _flag(head, REVIEWER_CONSULTED, f"declared.{was_declared[0]}",
                            _("登记为曾为该企业提供咨询辅导{note}，{how}").format(note=note, how=_(_HOW[was_declared[0]])), member)
        if industry not in industries:
            industries[industry] = norm(industry)
        wanted = industries[industry]
        for member in members if wanted else ():
            if not member.specialities:
                yield _flag(head, SPECIALITY_UNREGISTERED, "specialities",
                            _("评审人员未登记专业，无法核对与企业行业“{industry}”是否相符").format(industry=industry), member)
            elif wanted not in member.specialities:
                yield _flag(head, SPECIALITY_MISMATCH, "industry.specialities",
                            _("企业行业“{industry}”不在评审人员专业（{items}）内").format(
                                industry=industry, items=listing(member.specialities)), member)
        if on is None:
            continue
        if review is not None and review.id in reg.org_bars and (bar := bar_on(reg.org_bars[review.id], on)):
            yield _flag(head, ORG_BARRED, "register_status" if bar.from_register else "sanction",
                        _("评审日期 {on} 在{value}期间").format(on=on, value=bar.describe()))
        for member in members:
            if member.id in reg.reviewer_bars and (bar := bar_on(reg.reviewer_bars[member.id], on)):
                yield _flag(head, REVIEWER_BARRED, "register_status" if bar.from_register else "sanction",
                            _("评审日期 {on} 在{value}期间").format(on=on, value=bar.describe()), member)


def counts(session: Session) -> tuple[dict[int, int], dict[int, int]]:
    """How many flags fall on each review organisation's certificates, and name each reviewer."""
    by_org: dict[int, int] = defaultdict(int)
    by_reviewer: dict[int, int] = defaultdict(int)
    for flag in flags(session):
        if flag.org_id is not None:
            by_org[flag.org_id] += 1
        if flag.reviewer_id is not None:
            by_reviewer[flag.reviewer_id] += 1
    return dict(by_org), dict(by_reviewer)
