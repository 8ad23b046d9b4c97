"""The legal sentences of the enforcement documents, as data keyed by date (``resources/legal/texts.json``).

Every legal sentence a document prints names its source – the law, its edition and the articles – as
in force on the document's date: a 2020 inspection cites the 2014 安全生产法, a 2022 one the 2021
revision; a 复议 text for 2024 or later follows the 2023 行政复议法. ``legal_texts(day)`` picks, for each
text, the last variant whose ``from`` date is on or before ``day``. No database, no Qt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from inspector_app.domain.template import resource_path
from inspector_app.reports.errors import ReportError
from inspector_app.translation import _


@dataclass(frozen=True)
class Source:
    """One law cited: 《中华人民共和国安全生产法》（2014年修正）第六十二条第一款第（二）项、第（三）项."""

    title: str  # 《中华人民共和国安全生产法》
    edition: str  # 2014年修正
    in_force: date
    articles: str

    def cite(self) -> str:
        return f"{self.title}（{self.edition}）{self.articles}"


@dataclass(frozen=True)
class LegalText:
    key: str
    text: str  # with placeholders ({cite}, {government}, …)
    sources: tuple[Source, ...]
    valid_from: date

    def cite(self) -> str:
        return "和".join(s.cite() for s in self.sources)

    def render(self, escape: Callable[[str], str] = str, **values: str) -> tuple[str, bool]:
        """The sentence with its placeholders filled (``values`` as they are, the text and the citation
        through ``escape``); the flag says whether it names its sources itself (``{cite}`` in the text) –
        if not, the document prints the citation beside it."""
        inline = "{cite}" in self.text
        return escape(self.text).format(cite=escape(self.cite()), **values), inline


def default_path() -> Path:
    return resource_path("legal", "texts.json")


@cache
def _load(path: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(_("无法读取法律文本 {path}：{exc}").format(path=path, exc=exc)) from exc
    return data


def legal_texts(day: date, path: Path | None = None) -> dict[str, LegalText]:
    """Each text as in force on ``day``; a text with no variant that early is left out (the document
    that needs it refuses, see ``require``)."""
    data = _load(str(path or default_path()))
    laws = data.get("laws", {})
    chosen: dict[str, LegalText] = {}
    for key, variants in data.get("texts", {}).items():
        dated = sorted(((date.fromisoformat(v["from"]), v) for v in variants), key=lambda pair: pair[0])
        applicable = [(start, v) for start, v in dated if start <= day]
        if not applicable:
            continue
        start, variant = applicable[-1]
        sources = []
        for ref in variant.get("sources", []):
            law = laws.get(ref["law"])
            if law is None:
                raise ReportError(_("法律文本 {key} 引用了未定义的法律 {ref}").format(key=key, ref=ref['law']))
            sources.append(Source(law["title"], law["edition"], date.fromisoformat(law["in_force"]), ref["articles"]))
        if not sources:
            raise ReportError(_("法律文本 {key}（{start}）没有注明依据").format(key=key, start=start))
        for source in sources:
            if source.in_force > day:
                raise ReportError(_("法律文本 {key}：{title}（{edition}）{in_force} 起施行，晚于 {day}").format(
                    key=key, title=source.title, edition=source.edition, in_force=source.in_force, day=day))
        chosen[key] = LegalText(key, variant["text"], tuple(sources), start)
    return chosen


def require(texts: dict[str, LegalText], key: str, day: date) -> LegalText:
    text = texts.get(key)
    if text is None:
        raise ReportError(_("没有适用于 {day:%Y-%m-%d} 的法律文本“{key}”（resources/legal/texts.json）").format(
            day=day, key=key))
    return text
