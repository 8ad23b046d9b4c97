"""No real person's name in the repository: the officials the notice names as contact persons
(``联系人：…``) must not appear in demo data, tests, placeholders, screenshots or docs. The names are read
from the notice itself (``../shared/seed/``), so this test does not have to write them down."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed"


def _contact_names() -> set[str]:
    names: set[str] = set()
    for notice in SEED.glob("*.txt"):
        names |= set(re.findall(r"联系人：\s*([\u4e00-\u9fff]{2,4}?)[\s0-9a-zA-Z，,]", notice.read_text("utf-8")))
    return names


@pytest.mark.skipif(not SEED.is_dir(), reason="the notice (../shared/seed) is not here")
def test_the_notices_contact_persons_appear_nowhere() -> None:
    names = _contact_names()
    assert names, "no 联系人 found in the notice: the pattern needs updating"
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in tracked:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".qm", ".png", ".jpg", ".pdf", ".xlsx"}:
            continue
        text = path.read_bytes().decode("utf-8", "ignore")
        found += [f"{name}: {person}" for person in names if person in text]
    assert not found, found
