"""Find and register a Chinese TrueType font for the printed sheets.

Order: an explicit path, the ``INSPECTOR_PDF_FONT`` environment variable, then 宋体 / 仿宋 where the machine
has them as TrueType (``simsun.ttc``, ``simfang.ttf``), then the usual CJK fonts of Linux (a package's:
``fonts-wqy-microhei``), Windows and macOS (``fontfiles.sheet_candidates``). ``describe_font`` says which
one a sheet is set in (``sheet … --verbose``, the print dialog). reportlab embeds TrueType fonts as subsets; it cannot use
CFF-based (PostScript-outline) OpenType fonts such as Noto Sans CJK, so those are skipped and the next
candidate is tried. A font that loads but has no Chinese glyphs is skipped too.

``INSPECTOR_PDF_FONT`` may carry a subfont index for collections: ``/path/font.ttc#1``.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from inspector_app import fontfiles
from inspector_app.reports.errors import FontNotFoundError
from inspector_app.reports.font_cache import parsed_font
from inspector_app.translation import _

ENV_VAR = fontfiles.ENV_VAR
FontCandidate = fontfiles.FontCandidate
INSTALL_HINT = fontfiles.INSTALL_HINT
_parse = fontfiles.parse_spec
FONT_NAME = "InspectorCJK"
# Characters every sheet prints; a font without them is useless here.
_PROBE_CHARS = "现场检查记录共页第"

system_candidates = fontfiles.system_candidates
candidates = fontfiles.sheet_candidates


def load_font(candidate: FontCandidate, name: str = FONT_NAME) -> TTFont:
    """Load one candidate; raise ``TTFError``/``OSError``/``ValueError`` if it is not usable."""
    font = parsed_font(name, candidate.path, candidate.subfont_index)  # the parse, cached (font_cache)
    cmap: dict[int, int] = font.face.charToGlyph
    missing = [c for c in _PROBE_CHARS if ord(c) not in cmap]
    if missing:
        raise ValueError(f"font has no Chinese glyphs ({''.join(missing)})")
    return font


def find_font(
    configured: str | os.PathLike[str] | None = None, name: str = FONT_NAME
) -> tuple[FontCandidate, TTFont]:
    """The first usable candidate, or ``FontNotFoundError`` listing what was tried and why."""
    tried: list[str] = []
    if configured and not _parse(configured).path.is_file():
        # A font the user named explicitly and that is not there is a mistake to report, not to
        # quietly replace with a system font.
        raise FontNotFoundError(_("指定的字体文件不存在：{path}").format(path=_parse(configured).path), [str(configured)])
    for cand in candidates(configured):
        if not cand.path.is_file():
            if configured and cand == _parse(configured):
                tried.append(f"{cand.path}: not found")
            continue
        try:
            return cand, load_font(cand, name)
        except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as exc:
            reason = str(exc)
            if "postscript outlines" in reason.lower():
                reason = "CFF/PostScript outlines (not TrueType), not supported"
            tried.append(f"{cand.path}: {reason}")
    detail = ("\nTried:\n  " + "\n  ".join(tried)) if tried else ""
    raise FontNotFoundError(INSTALL_HINT + detail, tried)


_lock = threading.Lock()
_registered: dict[str, FontCandidate] = {}


def register_font(configured: str | os.PathLike[str] | None = None) -> str:
    """Register the font with reportlab once per process; return the font name to use."""
    key = os.fspath(configured) if configured else (os.environ.get(ENV_VAR) or "")
    with _lock:
        if key in _registered:
            return _font_name(key)
        name = _font_name(key)
        cand, font = find_font(configured, name)
        pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        _registered[key] = cand
        return name


def registered_font_path(configured: str | os.PathLike[str] | None = None) -> Path:
    """The file behind ``register_font(configured)`` (for diagnostics and tests)."""
    register_font(configured)
    key = os.fspath(configured) if configured else (os.environ.get(ENV_VAR) or "")
    return _registered[key].path


def font_in_use(configured: str | os.PathLike[str] | None = None) -> tuple[str, Path, bool]:
    """(family, file, whether it is one of the official 宋体 / 仿宋) of the font the sheets are set in.
    Raises ``FontNotFoundError`` like ``register_font``."""
    path = registered_font_path(configured)
    face = getattr(pdfmetrics.getFont(register_font(configured)), "face", None)
    family = getattr(face, "familyName", b"")
    text = family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family or "")
    return text or path.stem, path, fontfiles.is_official(path)


def describe_font(configured: str | os.PathLike[str] | None = None) -> str:
    """The font the sheets are set in, for people: "SimSun（C:\\Windows\\Fonts\\simsun.ttc）", with a note
    when it is not one of the official 宋体 / 仿宋."""
    family, path, official = font_in_use(configured)
    note = "" if official else "；本机没有 TrueType 格式的宋体/仿宋，改用此字体"
    return f"{family}（{path}{note}）"


def _font_name(key: str) -> str:
    if not key:
        return FONT_NAME
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{FONT_NAME}-{digest}"
