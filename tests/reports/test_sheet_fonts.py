"""Font lookup: configured path first, CFF fonts skipped, a clear error when nothing is usable."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from inspector_app import fontfiles
from inspector_app.demo.sample_sheets import sample_sheet
from inspector_app.reports import FontNotFoundError, fonts, render_sheet


def _system_font() -> fonts.FontCandidate:
    for cand in fonts.system_candidates():
        if cand.path.is_file():
            return cand
    pytest.skip("no Chinese TrueType font on this machine")


def test_finds_a_system_font_with_chinese_glyphs() -> None:
    cand, font = fonts.find_font()
    assert cand.path.is_file()
    assert ord("检") in font.face.charToGlyph


def test_configured_path_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = _system_font()
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    assert fonts.candidates(chosen.path)[0] == chosen
    monkeypatch.setenv(fonts.ENV_VAR, f"{chosen.path}#0")
    assert fonts.candidates()[0] == fonts.FontCandidate(chosen.path, 0)


def test_cff_font_is_skipped_for_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    otf = sorted(glob.glob("/usr/share/fonts/opentype/**/*.otf", recursive=True))
    if not otf:
        pytest.skip("no CFF .otf font here to try")
    _system_font()
    cand, _ = fonts.find_font(otf[0])
    assert cand.path != Path(otf[0])
    monkeypatch.setattr(fontfiles, "system_candidates", lambda: [])
    with pytest.raises(FontNotFoundError) as info:
        fonts.find_font(otf[0])
    assert "CFF" in str(info.value)


def test_font_without_chinese_glyphs_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        pytest.skip("DejaVuSans not installed")
    monkeypatch.setattr(fontfiles, "system_candidates", lambda: [])
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    with pytest.raises(FontNotFoundError, match="no Chinese glyphs"):
        fonts.find_font(latin)


def test_no_font_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fontfiles, "system_candidates", lambda: [])
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    with pytest.raises(FontNotFoundError) as info:
        render_sheet(sample_sheet(), "record", tmp_path / "x.pdf")
    message = str(info.value)
    assert "sudo apt-get install fonts-wqy-microhei" in message
    assert fonts.ENV_VAR in message
    assert not (tmp_path / "x.pdf").exists()


def test_an_explicit_font_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    import pytest

    from inspector_app.reports.errors import FontNotFoundError

    with pytest.raises(FontNotFoundError, match="不存在"):
        fonts.find_font(tmp_path / "missing.ttf")
