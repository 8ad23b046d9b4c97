"""Chinese line breaking (避头尾) for plain table cells and Paragraphs.

GB/T 15834: the points (、，。；：？！) and the closing halves of quotes, brackets and title marks never
start a line; the opening halves never end one; ……/—— are not split. Latin words and numbers are kept
whole unless longer than a line.

reportlab's own ``wordWrap="CJK"`` does neither: it lets a closing mark hang *past* the right edge (into
a cell's border), knows only some of the Chinese marks and leaves an opening bracket at a line's end.
Here a line is filled greedily and, where the break would violate a rule, the break moves back
(the last character(s) go down to the next line with the mark); nothing ever exceeds the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines, _handleBulletWidth, imgNormV, imgVRange

# never at the start of a line: points, closing brackets/quotes, 连接号, 间隔号 and unit-like signs
NO_START = frozenset("、，。．；：？！）》」』】〕〉］｝”’～·％‰℃,.;:?!)]}%")
# never at the end of a line: opening brackets/quotes
NO_END = frozenset("（《「『【〔〈［｛“‘([{")
# runs of these are words (numbers, Latin text, codes such as A.2-3) and are kept on one line
WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-/_%+#@&=~×")
# breakable spaces (dropped at a soft line break); U+00A0 is not one: it makes blanks to fill in by hand
SPACES = frozenset(" \t\u3000")
_PAIRED = frozenset("…—")
_FUZZ = 1e-6


def can_break(prev: str, nxt: str) -> bool:
    """May a line end after ``prev`` with ``nxt`` starting the next one?"""
    if nxt in NO_START or prev in NO_END:
        return False
    if nxt in SPACES or prev in SPACES:
        return True
    if (prev == nxt and prev in _PAIRED) or prev == nxt == "\xa0":
        return False
    return not (prev in WORD and nxt in WORD)


def break_lines(text: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` (no newlines in it), ``widths[i]`` being the advance of
    ``text[i]`` and ``max_widths[k]`` the width of line k (the last one repeats).

    A line keeps at least one character, so a character wider than the line still makes progress;
    otherwise no line is wider than its width, except for trailing spaces (the caller drops them).
    """
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    last = len(max_widths) - 1
    while start < n:
        limit = max_widths[min(len(lines), last)] + _FUZZ
        used = 0.0
        end = start
        while end < n and (end == start or used + widths[end] <= limit or text[end] in SPACES):
            used += widths[end]
            end += 1
        if end < n:
            b = end
            while b > start and not can_break(text[b - 1], text[b]):
                b -= 1
            if b > start:
                end = b
        lines.append((start, end))
        start = end
        while start < n and text[start] in SPACES:
            start += 1
    return lines


_WIDTHS: dict[str, tuple[dict[int, int], int] | None] = {}


def char_widths(text: str, font: str, size: float) -> list[float]:
    """The advance of each character of ``text`` (a table look-up for TrueType fonts)."""
    if font not in _WIDTHS:
        face = pdfmetrics.getFont(font).face
        table = getattr(face, "charWidths", None)
        _WIDTHS[font] = (table, int(face.defaultWidth)) if isinstance(table, dict) else None
    known = _WIDTHS[font]
    if known is None:  # a standard Type 1 font
        return [pdfmetrics.stringWidth(ch, font, size) for ch in text]
    table, default = known
    scale = size / 1000.0
    return [table.get(ord(ch), default) * scale for ch in text]


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return end


def wrap_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` broken into lines no wider than ``width`` and joined with newlines, for plain table cells.

    A plain string cell costs a fraction of a ``Paragraph``; the checklist table, which holds most of a
    sheet's text, is laid out this way.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        widths = char_widths(paragraph, font, size)
        spans = break_lines(paragraph, widths, [width]) or [(0, 0)]
        lines += [paragraph[s:_trim(paragraph, s, e)] for s, e in spans]
    return "\n".join(lines)


def _bounds(f: Any, calc_bounds: bool) -> tuple[float, float]:
    cb: Any = getattr(f, "cbDefn", None)
    if calc_bounds and getattr(cb, "width", None):
        return imgVRange(imgNormV(cb.height, f.fontSize), cb.valign, f.fontSize)  # type: ignore[no-any-return]
    return pdfmetrics.getAscentDescent(f.fontName, f.fontSize)  # type: ignore[no-any-return]


def _frag_line(frags: Sequence[Any], owner: list[int], real: list[str], lo: int, hi: int, brk: int | None,
               max_w: float, used: float, calc_bounds: bool) -> Any:
    """One ``FragLine`` of the characters lo..hi (a run per frag), as reportlab's ``makeCJKParaLine``."""
    words: list[Any] = []
    i = lo
    while i < hi:
        j = i + 1
        while j < hi and owner[j] == owner[i]:
            j += 1
        words.append(frags[owner[i]].clone(text="".join(real[i:j])))
        i = j
    if brk is not None:
        words.append(frags[owner[brk]].clone(text=""))
    size = ascent = descent = 0.0
    for n in dict.fromkeys(owner[k] for k in range(lo, hi if brk is None else brk + 1)):
        f = frags[n]
        a, d = _bounds(f, calc_bounds)
        size, ascent, descent = max(size, f.fontSize), max(ascent, a), min(descent, d)
    return FragLine(kind=1, extraSpace=max_w - used, wordCount=1, words=words, fontSize=size, ascent=ascent,
                    descent=descent, maxWidth=max_w, currentWidth=used, lineBreak=brk is not None)


def frag_lines(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """reportlab's ``cjkFragSplit`` with the rules of ``break_lines`` (the frags keep their styles)."""
    real: list[str] = []  # the text of each position ('' for an image, anchor or line break)
    chars: list[str] = []  # what the rules see
    widths: list[float] = []
    owner: list[int] = []  # which frag each position belongs to
    hard: list[int] = []  # positions of <br/>
    for n, f in enumerate(frags):
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        cb = getattr(f, "cbDefn", None)
        if text and cb is None:
            real.extend(text)
            chars.extend(text)
            widths.extend(char_widths(text, f.fontName, f.fontSize))
            owner.extend([n] * len(text))
            continue
        if hasattr(f, "lineBreak"):
            hard.append(len(real))
        w: Any = getattr(cb, "width", 0) or 0
        if hasattr(w, "normalizedValue"):  # a percentage width (inline images)
            w._normalizer = max_widths[0]
            w = w.normalizedValue(max_widths[0])
        real.append("")
        chars.append("\ufffc")
        widths.append(float(w))
        owner.append(n)
    text = "".join(chars)
    lines: list[Any] = []
    last = len(max_widths) - 1
    seg_start = 0
    for brk in [*hard, None]:
        seg_end = len(text) if brk is None else brk
        spans = break_lines(text[seg_start:seg_end], widths[seg_start:seg_end],
                            list(max_widths[min(len(lines), last):]))
        if not spans and brk is not None:
            spans = [(0, 0)]
        for k, (s, e) in enumerate(spans):
            lo, hi = seg_start + s, _trim(text, seg_start + s, seg_start + e)
            max_w = max_widths[min(len(lines), last)]
            end_brk = brk if k == len(spans) - 1 else None
            lines.append(_frag_line(frags, owner, real, lo, hi, end_brk, max_w, sum(widths[lo:hi]), calc_bounds))
        seg_start = seg_end + 1
    return ParaLines(kind=1, lines=lines)


class CJKParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph whose CJK wrapping follows ``break_lines`` (use with ``wordWrap="CJK"``)."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        split = hasattr(self, "blPara") and getattr(self, "_splitpara", False)
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            f = frags[0]  # one style: reportlab's simple kind of lines (faster to draw)
            if split:
                return f.clone(kind=0, lines=self.blPara.lines)
            text = getattr(f, "text", "") or "".join(getattr(f, "words", []))
            spans = break_lines(text, char_widths(text, f.fontName, f.fontSize), maxWidths)
            lines = []
            for k, (s, e) in enumerate(spans):
                e = _trim(text, s, e)
                width = maxWidths[min(k, len(maxWidths) - 1)]
                lines.append((width - sum(char_widths(text[s:e], f.fontName, f.fontSize)), [text[s:e]]))
            return f.clone(kind=0, lines=lines, ascent=f.fontSize, descent=-0.2 * f.fontSize)
        if split:
            return self.blPara
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return frag_lines(frags, maxWidths, auto not in ("", "off"))
