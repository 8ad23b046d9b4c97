"""The parsed sheet font, kept in the user's cache folder (``config.cache_dir() / "fonts"``).

Parsing a CJK TrueType font (reportlab's ``TTFontFile.extractInfo``: the character map, the widths and
the glyph offsets of some 50,000 glyphs) costs 0.1–0.3 s, and every ``inspector-app sheet`` process paid
it. What the parse yields is kept here as plain values (``marshal``: numbers, text, bytes, lists and
dicts – nothing that runs code when read), named by a hash of the font file's path, subfont index, size
and modification time, reportlab's version and this format's; the font file's bytes are read again (the
subsets embedded in a sheet are cut from them). The font object made from the cache is the one a parse
makes (``tests/reports/test_font_cache.py`` compares them and the PDFs).

A cache that is missing, unreadable, truncated or of another version is ignored and written anew
(atomically: a temporary file renamed); one that cannot be written (a read-only home) is simply not kept.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, unShapedFontGlob

from inspector_app.config import cache_dir

FORMAT = 1
_NAMES = ("name", "familyName", "styleName", "fullName", "uniqueFontID")  # TTFNameBytes: kept as bytes
_SKIP = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a function (made again)


def cache_file(path: Path, subfont_index: int) -> Path:
    """Where the parse of ``path`` (its ``subfont_index``) is kept, named by what makes it current."""
    stat = path.stat()
    key = f"{FORMAT}|{reportlab.Version}|{path.resolve()}|{subfont_index}|{stat.st_size}|{stat.st_mtime_ns}"
    return cache_dir() / "fonts" / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.marshal"


def parsed_font(name: str, path: Path, subfont_index: int) -> TTFont:
    """``TTFont(name, path, subfontIndex=subfont_index)``, from the cache when it holds this file's parse;
    otherwise parsed (raising what reportlab raises) and kept for the next process."""
    try:
        where: Path | None = cache_file(path, subfont_index)
    except OSError:
        where = None
    if where is not None:
        face = _read(where, path)
        if face is not None:
            return _font(name, face)
    font = TTFont(name, str(path), subfontIndex=subfont_index)
    if where is not None:
        _write(where, font.face)
    return font


def _font(name: str, face: TTFontFace) -> TTFont:
    """A ``TTFont`` around an already parsed face: what ``TTFont.__init__`` sets besides the parse."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = _shapable(name)
    return font


def _shapable(name: str) -> bool:
    """``TTFont.__init__``'s ``shapable`` (True unless the name matches ``unShapedFontGlob``)."""
    return not any(fnmatch(name, glob) for glob in unShapedFontGlob)


def _scale(units_per_em: int) -> Any:
    """``TTFontFile._pdfScale``: font units to a 1000-unit em."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _write(where: Path, face: TTFontFace) -> None:
    values = {key: (bytes(value) if key in _NAMES else value) for key, value in vars(face).items()
              if key not in _SKIP}
    try:
        blob = marshal.dumps((FORMAT, reportlab.Version, values))
    except ValueError:  # a value marshal cannot hold (another reportlab): no cache
        return
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".font-", suffix=".tmp", dir=where.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(blob)
            os.replace(tmp, where)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass


def _read(where: Path, path: Path) -> TTFontFace | None:
    try:
        blob = where.read_bytes()
        paused = gc.isenabled()
        gc.disable()  # some 200,000 small objects: collecting while they are made would double the time
        try:
            fmt, version, values = marshal.loads(blob)
        finally:
            if paused:
                gc.enable()
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if fmt != FORMAT or version != reportlab.Version or not isinstance(values, dict):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    state = dict(values)
    for key in _NAMES:
        if key in state:
            state[key] = TTFNameBytes(state[key])
    face.__dict__.update(state)
    face._ttf_data = data
    face._pdfScale = _scale(int(state.get("unitsPerEm", 1000)))
    return face
