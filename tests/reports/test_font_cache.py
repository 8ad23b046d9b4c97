"""The parsed sheet font kept in the cache folder (``reports.font_cache``): the font made from the cache is
the one a parse makes (metrics, maps, the subset embedded in a PDF); a damaged or stale cache is ignored
and written anew; a cache that cannot be written changes nothing."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from inspector_app.reports import font_cache
from inspector_app.reports.fonts import find_font

pytestmark = pytest.mark.usefixtures("cjk_font")
TEXT = "现场检查记录共页第一二三ABC123，。"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INSPECTOR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _same(parsed: TTFont, cached: TTFont) -> None:
    a, b = vars(parsed.face), vars(cached.face)
    assert set(a) == set(b)
    transient = ("_pdfScale", "_pos")  # a function; the parser's read position (every read seeks first)
    assert {k: v for k, v in a.items() if k not in transient} == {k: v for k, v in b.items() if k not in transient}
    assert [type(a[k]) for k in ("name", "familyName")] == [type(b[k]) for k in ("name", "familyName")]
    assert b["name"].ustr == a["name"].ustr and b["_pdfScale"](1234) == a["_pdfScale"](1234)
    assert {k: v for k, v in vars(parsed).items() if k not in ("face", "state", "encoding")} == \
        {k: v for k, v in vars(cached).items() if k not in ("face", "state", "encoding")}
    subset = [ord(c) for c in TEXT]
    assert cached.face.makeSubset(subset) == parsed.face.makeSubset(subset)
    assert cached.stringWidth(TEXT, 10.5) == parsed.stringWidth(TEXT, 10.5)


def test_the_cached_font_is_the_parsed_font(cache: Path) -> None:
    candidate, _ = find_font()
    parsed = TTFont("Probe", str(candidate.path), subfontIndex=candidate.subfont_index)
    first = font_cache.parsed_font("Probe", candidate.path, candidate.subfont_index)  # parses, keeps it
    where = font_cache.cache_file(candidate.path, candidate.subfont_index)
    assert where.is_file() and where.parent == cache / "fonts"
    second = font_cache.parsed_font("Probe", candidate.path, candidate.subfont_index)  # from the cache
    _same(parsed, first)
    _same(parsed, second)


def test_a_damaged_or_foreign_cache_is_ignored_and_written_anew(cache: Path) -> None:
    candidate, _ = find_font()
    parsed = TTFont("Probe", str(candidate.path), subfontIndex=candidate.subfont_index)
    font_cache.parsed_font("Probe", candidate.path, candidate.subfont_index)
    where = font_cache.cache_file(candidate.path, candidate.subfont_index)
    whole = where.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"", b"not marshal at all", b"\x00" * 64):
        where.write_bytes(damaged)
        _same(parsed, font_cache.parsed_font("Probe", candidate.path, candidate.subfont_index))
        assert where.read_bytes() == whole  # written anew
    where.write_bytes(marshal.dumps((font_cache.FORMAT + 1, "0.0", {})))  # another format or version
    _same(parsed, font_cache.parsed_font("Probe", candidate.path, candidate.subfont_index))
    assert where.read_bytes() == whole


def test_the_cache_is_named_by_the_font_file_as_it_is_now(cache: Path, tmp_path: Path) -> None:
    candidate, _ = find_font()
    copy = tmp_path / f"copy{candidate.path.suffix}"
    copy.write_bytes(candidate.path.read_bytes())
    before = font_cache.cache_file(copy, candidate.subfont_index)
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 10**9))  # the file replaced
    assert font_cache.cache_file(copy, candidate.subfont_index) != before
    assert font_cache.cache_file(copy, candidate.subfont_index + 1) != font_cache.cache_file(copy, candidate.subfont_index)


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("INSPECTOR_CACHE_DIR", str(blocker / "cache"))  # a folder under a file: never made
    candidate, _ = find_font()
    parsed = TTFont("Probe", str(candidate.path), subfontIndex=candidate.subfont_index)
    _same(parsed, font_cache.parsed_font("Probe", candidate.path, candidate.subfont_index))
