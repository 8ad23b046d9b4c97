"""Document numbers – （常武）应急检记〔2020〕7号 – as rules on rows already read: the numbers an inspection's
documents hold (this workspace's register, or its audit trail for a number issued on another device),
the serials of an authority, kind and year already taken, the next one in a device's range, and the year a
number belongs to. No SQLAlchemy: ``services.sheets`` (through the ORM) and the command line's quick print
(``services.ops.sheet_quick``, plain SQL) read the rows and both apply these rules."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from inspector_app.reports import DocumentNumber, SheetData
from inspector_app.reports.sheet_data import DOC_WORDS

NUMBER_PATTERN = re.compile(r"（(?P<prefix>[^（）]+)）应急(?P<word>[^〔]+)〔(?P<year>\d{4})〕(?P<serial>\d+)号")


def numbers_in_trail(events: Sequence[tuple[str, str]]) -> list[tuple[str, DocumentNumber]]:
    """(kind, number) of the numbers an audit trail records as issued: its ``sheet``/``number`` events as
    (entity_key, new_value)."""
    found = []
    for kind, text in events:
        match = NUMBER_PATTERN.fullmatch(text or "")
        if match and DOC_WORDS.get(kind) == match["word"]:
            found.append((kind, DocumentNumber(match["prefix"], int(match["year"]), match["serial"])))
    return found


def numbers_of(trail: Sequence[tuple[str, str]], register: Sequence[tuple[str, str, int, int]]
               ) -> dict[str, DocumentNumber]:
    """The numbers issued for an inspection's documents: from this workspace's register (kind, authority,
    year, serial) or – for a document numbered on another device – from its audit trail."""
    issued = dict(numbers_in_trail(trail))
    issued.update({kind: DocumentNumber(authority, year, str(serial)) for kind, authority, year, serial in register})
    return issued


def trail_pattern(prefix: str, kind: str, year: int) -> str:
    """A SQL ``LIKE`` pattern for the audit trail's numbers of an authority, kind and year."""
    return f"（{prefix}）应急{DOC_WORDS[kind]}〔{year}〕%"


def taken_serials(register: Iterable[int], trail: Sequence[tuple[str, str]], prefix: str) -> set[int]:
    """The serials of a prefix, kind and year issued so far: the register's, and those of the numbers issued
    on another device that this workspace knows only from an inspection's audit trail (``trail``: the
    events matching ``trail_pattern``)."""
    return set(register) | {int(n.serial) for _, n in numbers_in_trail(trail) if n.authority_short == prefix}


def next_serial_of(taken: Iterable[int], start: int, end: int | None) -> int:
    """The serial a device issues next: after the last one taken inside its range ``start``–``end`` (so that
    laptops given ranges of their own never issue the same number offline); the caller refuses one past
    ``end``."""
    inside = [serial for serial in taken if start <= serial <= (end or serial)]
    return max(inside, default=start - 1) + 1


def issue_date(data: SheetData, kind: str, inspection: Any) -> datetime | None:
    """When the document is made, which gives its number's year: the re-check's time for a 整改复查意见书,
    else the inspection's start."""
    when: datetime | None = data.recheck.rechecked_at if kind == "recheck" and data.recheck else inspection.started_at
    return when
