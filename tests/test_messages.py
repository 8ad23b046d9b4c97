"""The core's message catalogues (inspector_app/translation.py): every message marked with _(), N_() or
ngettext() in the Qt-free code has an English translation with the same placeholders, the compiled .mo
files are current, and the language switch reaches the messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from inspector_app import translation

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "resources" / "locale" / "en" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _marked() -> Iterator[tuple[str, int, str]]:
    method_map = [("inspector_app/ui/**", "ignore"), ("inspector_app/**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map=method_map, keywords=KEYWORDS, comment_tags=()):
        first = message[0] if isinstance(message, tuple) else message
        if first:
            yield filename, lineno, first


def _translations() -> dict[str, str]:
    found: dict[str, str] = {}
    for po in sorted(LOCALE.glob("*.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if message.id and not message.fuzzy:
                ident = message.id[0] if isinstance(message.id, tuple) else message.id
                text = message.string[0] if isinstance(message.string, tuple) else message.string
                if text:
                    found[str(ident)] = str(text)
    return found


def test_every_marked_message_has_an_english_translation_with_the_same_placeholders() -> None:
    translations = _translations()
    missing = [f"{name}:{line}: {text}" for name, line, text in _marked() if text not in translations]
    assert not missing, "untranslated (scripts/messages.sh update PART PATH…):\n" + "\n".join(missing[:40])
    wrong = [f"{source} → {text}" for source, text in translations.items()
             if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong[:40])
    chinese = re.compile(r"[\u4e00-\u9fff]")
    leaking = [text for text in translations.values() if chinese.search(PLACEHOLDER.sub("", text))]
    assert not leaking, "Chinese left in English translations:\n" + "\n".join(leaking[:40])


def _key(value: object) -> object:
    """A message id or text as something hashable (plural forms come as lists or tuples)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalogues_are_current() -> None:
    for po in sorted(LOCALE.glob("*.po")):
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo.name} missing: scripts/messages.sh compile"
        with po.open("rb") as handle:
            source = {_key(m.id): _key(m.string) for m in read_po(handle) if m.id and m.string and not m.fuzzy}
        with mo.open("rb") as handle:
            compiled = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
        assert source == compiled, f"{mo.name} is older than {po.name}: scripts/messages.sh compile"


@pytest.fixture
def english() -> Iterator[None]:
    translation.set_language("en")
    yield
    translation.set_language(translation.DEFAULT_LANGUAGE)


def test_language_switch_reaches_a_core_message(english: None) -> None:
    from inspector_app.domain import uscc

    assert "18" in uscc.check("123").problem and "统一" not in uscc.check("123").problem
    translation.set_language("zh_CN")
    assert uscc.check("123").problem.startswith("统一社会信用代码")


def test_language_names_are_normalised() -> None:
    assert translation.normalise("en_US") == "en" and translation.normalise("en-GB") == "en"
    assert translation.normalise(None) == translation.normalise("zh_TW") == "zh_CN"
