"""Every symbol the interface shows is in the shipped font (WenQuanYi Micro Hei, fonts-wqy-microhei: the
package's dependency) or is drawn (``ui.glyphs``): an empty box for ⏱ on the photo badge was the bug."""

from __future__ import annotations

import io
import re
import tokenize
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot

from inspector_app.ui import glyphs

ROOT = Path(__file__).resolve().parents[2]
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def _cjk(char: str) -> bool:
    """Han characters and CJK punctuation: the font's reason for being, not symbols to check one by one."""
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF)


def interface_symbols() -> dict[str, str]:
    """Non-ASCII, non-Han characters in the string literals of inspector_app/ui and in the English
    translations, each with one place it occurs."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "inspector_app" / "ui").rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
                for char in token.string:
                    if ord(char) > 127 and not _cjk(char):
                        found.setdefault(char, f"{path.relative_to(ROOT)}:{token.start[0]}")
    for path in sorted((ROOT / "resources" / "translations").glob("inspector*_en.ts")):
        for match in re.finditer(r"<translation>(.*?)</translation>", path.read_text(encoding="utf-8"), re.S):
            for char in match.group(1):
                if ord(char) > 127 and not _cjk(char):
                    found.setdefault(char, str(path.relative_to(ROOT)))
    return found


def has(font: QRawFont, char: str) -> bool:
    """The font maps the character to a glyph of its own (``supportsCharacter`` also says yes for
    characters that map to glyph 0, the "missing" box)."""
    return any(font.glyphIndexesForString(char))


@pytest.fixture(scope="module")
def font() -> QRawFont:
    if not FONT.is_file():
        pytest.skip("fonts-wqy-microhei is not installed")
    raw = QRawFont(str(FONT), 14)
    assert raw.isValid() and "WenQuanYi" in raw.familyName()
    assert has(raw, "…") and has(raw, "前") and not has(raw, "\u23f1")  # the check itself tells them apart
    return raw


def test_every_symbol_is_in_the_font_or_drawn(qtbot: QtBot, font: QRawFont) -> None:
    symbols = interface_symbols()
    assert "…" in symbols and "⚠" in symbols  # the scan sees the interface's texts
    missing = {f"U+{ord(c):04X} {c} {unicodedata.name(c, '?')} ({where})" for c, where in symbols.items()
               if not has(font, c) and c not in glyphs.DRAWN and not c.isspace()}
    assert not missing, "symbols neither in WenQuanYi Micro Hei nor drawn by ui.glyphs:\n" + "\n".join(sorted(missing))


def test_the_drawn_symbols_are_really_missing_from_the_font(font: QRawFont) -> None:
    """Drawn because they have to be (else the font's own glyph would do)."""
    for symbol in glyphs.DRAWN:
        assert not has(font, symbol), symbol


def _ink(image: QImage) -> int:
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).alpha() > 60)


@pytest.mark.parametrize("symbol", sorted(glyphs.DRAWN))
def test_a_drawn_symbol_has_ink_on_a_badge(qtbot: QtBot, symbol: str) -> None:
    image = QImage(20, 18, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    assert glyphs.paint(painter, QRectF(3, 1, 14, 16), symbol, QColor("white"))
    painter.end()
    assert 15 < _ink(image) < 20 * 18 * 0.8  # a shape, neither nothing nor a filled box
    assert not glyphs.paint(QPainter(), QRectF(0, 0, 10, 10), "前")  # a character of the font: drawn as text


def test_labels_and_buttons_show_the_drawn_symbol_not_the_character(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    glyphs.set_label(label, "⚠ 行政执法人员不足两名")
    assert "⚠" not in label.text() and "<img " in label.text() and "行政执法人员不足两名" in label.text()
    glyphs.set_label(label, "a < b")
    assert label.text() == "a < b" and label.textFormat() == Qt.TextFormat.AutoText
    button = QToolButton()
    qtbot.addWidget(button)
    glyphs.set_button(button, "⚠ 利益冲突提示 2 条")
    assert button.text() == "利益冲突提示 2 条" and not button.icon().isNull()
    label.show()
    glyphs.set_label(label, "⚠ 打印后已修改")
    qtbot.waitExposed(label)
    shot = label.grab().toImage()
    amber = sum(1 for y in range(shot.height()) for x in range(min(shot.width(), 24))
                if (c := shot.pixelColor(x, y)).red() > 200 and 120 < c.green() < 200 and c.blue() < 80)
    assert amber > 10  # the triangle is on screen
