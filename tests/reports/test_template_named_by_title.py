"""The printed record and score sheet name the checklist by its title and version, never by its id
(``lookback-2020``): the id is nobody's word for it, and English on a Chinese page (issue 17)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sheet_helpers import pdftotext

from inspector_app.demo.sample_sheets import sample_sheet
from inspector_app.reports import content_hash, render_sheet

pytestmark = pytest.mark.usefixtures("cjk_font")


@pytest.mark.parametrize("kind", ["record", "scoresheet"])
def test_the_page_names_the_template_by_title_and_version(tmp_path: Path, kind: str) -> None:
    data = sample_sheet(findings=1)
    assert data.template_ref == "lookback-2020 1.0.0" and data.template_version == "1.0.0"
    out = tmp_path / f"{kind}.pdf"
    render_sheet(data, kind, out)  # type: ignore[arg-type]
    text = "".join(pdftotext(out).split())
    assert data.template_title.strip("《》") in text and "（1.0.0版）" in text
    assert "lookback" not in text


def test_the_verification_hash_still_covers_the_template_reference() -> None:
    """Printed sheets keep verifying: the hash is over ``template_ref`` as before, whatever the page shows."""
    data = sample_sheet(findings=1)
    other = dataclasses.replace(data, template_ref="lookback-2020 1.0.1")
    assert content_hash(data, "record") != content_hash(other, "record")
