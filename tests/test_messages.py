"""The core's message catalogues (inspector_app/translation.py): every message marked with _(), N_(),
ngettext(), pgettext(), npgettext() or NP_() in the Qt-free code has an English translation (in its context)
with the same placeholders, a message found in several parts reads the same in each, the compiled .mo
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
KEYWORDS: dict[str, object] = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
                               "npgettext": ((1, "c"), 2, 3), "NP_": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


Key = tuple[str | None, str]  # (context, message)


def _marked() -> Iterator[tuple[str, int, Key]]:
    method_map = [("inspector_app/ui/**", "ignore"), ("inspector_app/**.py", "python")]
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map=method_map, keywords=KEYWORDS, comment_tags=()):  # type: ignore[arg-type]
        first = message[0] if isinstance(message, tuple) else message
        if first:
            yield filename, lineno, (context, first)


def _by_part(every_form: bool = False) -> dict[str, dict[Key, str]]:
    """Each part's translations: (context, message) → English (the singular of a plural; with ``every_form``
    the forms joined by " | ")."""
    parts: dict[str, dict[Key, str]] = {}
    for po in sorted(LOCALE.glob("*.po")):
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        found = parts.setdefault(po.stem, {})
        for message in catalogue:
            if message.id and not message.fuzzy:
                ident = message.id[0] if isinstance(message.id, tuple) else message.id
                forms = message.string if isinstance(message.string, tuple) else (message.string,)
                text = " | ".join(forms) if every_form else forms[0]
                if text:
                    found[(message.context, str(ident))] = str(text)
    return parts


def _translations() -> dict[Key, str]:
    return {key: text for part in _by_part().values() for key, text in part.items()}


def _shown(key: Key) -> str:
    context, message = key
    return f"[{context}] {message}" if context else message


def test_every_marked_message_has_an_english_translation_with_the_same_placeholders() -> None:
    translations = _translations()
    missing = [f"{name}:{line}: {_shown(key)}" for name, line, key in _marked() if key not in translations]
    assert not missing, "untranslated (scripts/messages.sh update PART PATH…):\n" + "\n".join(missing[:40])
    wrong = [f"{_shown(key)} → {text}" for key, text in translations.items()
             if sorted(PLACEHOLDER.findall(key[1])) != sorted(PLACEHOLDER.findall(text))]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong[:40])
    chinese = re.compile(r"[\u4e00-\u9fff]")
    leaking = [text for text in translations.values() if chinese.search(PLACEHOLDER.sub("", text))]
    assert not leaking, "Chinese left in English translations:\n" + "\n".join(leaking[:40])


def test_a_message_reads_the_same_in_every_part() -> None:
    """All parts are chained, so a message in two parts would read as whichever part is asked first: the
    same (context, message) must have one English text. A word with two senses (a column heading and a
    word inside a sentence) takes a context instead (pgettext("heading", …))."""
    seen: dict[Key, dict[str, str]] = {}
    for part, found in _by_part(every_form=True).items():
        for key, text in found.items():
            seen.setdefault(key, {})[part] = text
    differing = [f"{_shown(key)}: " + " | ".join(f"{part}: {text}" for part, text in texts.items())
                 for key, texts in sorted(seen.items(), key=lambda kv: (kv[0][0] or "", kv[0][1]))
                 if len(set(texts.values())) > 1]
    assert not differing, f"{len(differing)} messages read differently in different parts:\n" + "\n".join(differing[:40])


def test_a_heading_and_the_same_word_in_a_sentence_are_told_apart(english: None) -> None:
    assert translation.heading("编号") == "No." and translation._("编号") == "code"
    assert translation.pgettext("heading", "名称") != translation._("名称")
    assert translation.heading("企业") == "Enterprise"  # no heading sense of its own: the plain translation
    translation.set_language("zh_CN")
    assert translation.heading("编号") == translation.pgettext("heading", "编号") == "编号"


def _key(value: object) -> object:
    """A message id or text as something hashable (plural forms come as lists or tuples)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalogues_are_current() -> None:
    for po in sorted(LOCALE.glob("*.po")):
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo.name} missing: scripts/messages.sh compile"
        with po.open("rb") as handle:
            source = {(m.context, _key(m.id)): _key(m.string) for m in read_po(handle)
                      if m.id and m.string and not m.fuzzy}
        with mo.open("rb") as handle:
            compiled = {(m.context, _key(m.id)): _key(m.string) for m in read_mo(handle) if m.id}
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
