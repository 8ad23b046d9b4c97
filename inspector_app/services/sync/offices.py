"""Offices as a chain (issue 12 item 3): this office's place in the campaign's tree of jurisdictions,
how an enrolled office key stands to it (the office directly below – a *child* – or directly above – the
*parent*), and whether a record's origin lies inside an area.

An office key names its level and jurisdiction in its signed key file (``bundle.signing``, docs/bundle-
format.md §5); the trust store records them. Who may send a roll-up, and for which records, is decided by
that recorded jurisdiction – never by what a bundle says about itself (§12)."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from inspector_app.bundle.errors import KeyFileError
from inspector_app.domain.campaign import LEVELS, Campaign, Jurisdiction
from inspector_app.services import campaigns
from inspector_app.translation import _

Relation = Literal["child", "parent"]
NOT_IN_JURISDICTION = "not_in_jurisdiction"


def own_area(session: Session) -> tuple[Campaign, Jurisdiction | None]:
    """The current campaign and this office's area in it (``None`` while the workspace names none)."""
    office = campaigns.office(session)
    return office.campaign, office.area


def node(area: Jurisdiction, path: str) -> Jurisdiction | None:
    """The area of ``area``'s tree (itself or below it) whose path is exactly ``path``."""
    return next((a for a in area.walk() if a.path == path), None)


def is_under(area: Jurisdiction, path: str) -> bool:
    """Whether ``path`` is ``area`` itself or an area below it (exact paths of the campaign's tree, so
    that a prefix of names never counts as inside)."""
    return node(area, path) is not None


def relation(session: Session, level: str, jurisdiction: str) -> Relation:
    """How an office key with this (signed) level and jurisdiction stands to this office: its child or
    its parent. Anything else – no area here, an area not in the campaign, the same area, an office two
    levels away or in another branch – is refused (``KeyFileError`` ``not_in_jurisdiction``)."""
    campaign, area = own_area(session)
    if area is None:
        raise KeyFileError(_("本机关尚未设置层级和辖区（workspace set level …、workspace set jurisdiction …）：不能登记机关 {jurisdiction} 的密钥").format(jurisdiction=jurisdiction), code=NOT_IN_JURISDICTION)
    target = node(campaign.root, jurisdiction)
    if target is None or target.level != level:
        raise KeyFileError(_("密钥所写的辖区 {jurisdiction}（{LEVELS}）不在活动“{id}”的辖区表中").format(jurisdiction=jurisdiction, LEVELS=LEVELS.get(level, level), id=campaign.id), code=NOT_IN_JURISDICTION)
    if target.path == area.path:
        raise KeyFileError(_("密钥所写的辖区 {jurisdiction} 就是本机关的辖区：机关之间只登记直属的上级或下级").format(jurisdiction=jurisdiction),
                           code=NOT_IN_JURISDICTION)
    if any(child.path == target.path for child in area.children):
        return "child"
    if any(child.path == area.path for child in target.children):
        return "parent"
    raise KeyFileError(_("密钥所写的辖区 {jurisdiction} 不在本机关（{path}）辖下，也不是本机关的直属上级：机关之间只登记直属的上级或下级").format(jurisdiction=jurisdiction, path=area.path), code=NOT_IN_JURISDICTION)


def child_area(session: Session, jurisdiction: str) -> Jurisdiction | None:
    """The area directly below this office's with this path (``None``: not a child of this office)."""
    _campaign, area = own_area(session)
    if area is None or not jurisdiction:
        return None
    return next((child for child in area.children if child.path == jurisdiction), None)


def parent_area(session: Session) -> Jurisdiction | None:
    """The area directly above this office's (``None`` for a province, or while no area is set)."""
    campaign, area = own_area(session)
    if area is None:
        return None
    return next((a for a in campaign.root.walk() if any(c.path == area.path for c in a.children)), None)
