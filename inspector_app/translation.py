"""The core's messages in the interface language: gettext catalogues, Chinese first.

Source strings (msgids) are the Chinese texts the core has always shown, so Chinese needs no catalogue and
a message nobody has translated yet still reads correctly in Chinese. English comes from the compiled
catalogues in ``resources/locale/en/LC_MESSAGES/*.mo`` – one per part of the core (``core.mo``, ``cli.mo``,
…), all loaded and chained, so parts can be translated independently. ``scripts/messages.sh`` extracts,
updates and compiles them with Babel; a test checks every marked message has an English translation.

Use ``_("…{name}…").format(name=…)`` (translate first, then fill in: the translator sees the placeholders),
``N_("…")`` to mark a module-level constant that is translated where it is shown (``_(CONSTANT)``), and
``ngettext`` where English needs a plural. A Chinese word with two senses in English gets a context:
``pgettext("heading", "编号")`` is a table's column heading ("No.", capitalised), ``_("编号")`` the word
inside a sentence ("code"); ``NP_(context, "…")`` marks such a constant, ``heading()`` shows a column
heading (its "heading" translation, else the plain one). Each (context, message) has one English text in
every part (tests/test_messages.py). Legal documents (PDF sheets, filed reports) stay Chinese
whatever the interface language: they are the bureau's documents, not messages.

The language is process-wide: the GUI sets it with the interface language, the CLI from
``INSPECTOR_LANGUAGE`` or the workspace's ``language`` setting.
"""

from __future__ import annotations

import gettext
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
ENV_VARIABLE = "INSPECTOR_LANGUAGE"

_lock = threading.Lock()
_current = DEFAULT_LANGUAGE
_catalogues: dict[str, gettext.NullTranslations] = {}
_thread = threading.local()  # ``chinese()``: this thread's messages in Chinese for a while


def normalise(language: str | None) -> str:
    """"en", "en_GB", "en-US" → "en"; anything else (including "" and None) → Chinese."""
    if language and language.replace("-", "_").lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def locale_dir() -> Path:
    """``resources/locale``: beside the package in a checkout, inside it when frozen (as
    ``domain.template.resources_root``, which this bottom-floor module may not import)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate / "locale"
    return here.parent / "resources" / "locale"


def _load(language: str) -> gettext.NullTranslations:
    catalogue: gettext.NullTranslations = gettext.NullTranslations()
    if language == DEFAULT_LANGUAGE:
        return catalogue
    folder = locale_dir() / language / "LC_MESSAGES"
    for path in sorted(folder.glob("*.mo")):
        with path.open("rb") as handle:
            part = gettext.GNUTranslations(handle)
        part.add_fallback(catalogue)  # each part asks the parts loaded before it
        catalogue = part
    return catalogue


def _language() -> str:
    return DEFAULT_LANGUAGE if getattr(_thread, "chinese", 0) else _current


def _catalogue() -> gettext.NullTranslations:
    language = _language()
    found = _catalogues.get(language)
    if found is None:
        with _lock:
            found = _catalogues.get(language)
            if found is None:
                found = _catalogues[language] = _load(language)
    return found


def set_language(language: str | None) -> str:
    """Make ``language`` the one every later message is given in; returns the normalised code."""
    global _current
    _current = normalise(language)
    return _current


def language_from_environment(default: str | None = None) -> str:
    """``INSPECTOR_LANGUAGE`` when set, else ``default`` (a workspace or GUI setting), else Chinese."""
    return normalise(os.environ.get(ENV_VARIABLE) or default)


def current_language() -> str:
    return _language()


def is_english() -> bool:
    return _language() == "en"


@contextmanager
def chinese() -> Iterator[None]:
    """Inside, this thread's messages are Chinese whatever the interface language: the documents the
    core builds from its messages (PDF sheets with their score reasons, filed reports, the bureau's
    workbooks, their content hashes) are the bureau's documents and never change with the interface.
    Other threads (the GUI's) keep the interface language meanwhile; nests."""
    _thread.chinese = getattr(_thread, "chinese", 0) + 1
    try:
        yield
    finally:
        _thread.chinese -= 1


def listing(items: Iterable[str]) -> str:
    """Words in a row inside a message: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return (", " if is_english() else "、").join(items)


def _(message: str) -> str:
    """``message`` (Chinese, the msgid) in the current language."""
    if _language() == DEFAULT_LANGUAGE or not message:
        return message
    return _catalogue().gettext(message)


def N_(message: str) -> str:
    """Marks a constant for extraction without translating it (translate where it is shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Chinese has one form (pass the same text twice); English picks by ``count``."""
    if _language() == DEFAULT_LANGUAGE:
        return singular
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the sense ``context`` (e.g. "heading": a table's column heading)."""
    if _language() == DEFAULT_LANGUAGE or not message:
        return message
    return _catalogue().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """``ngettext`` in the sense ``context``."""
    if _language() == DEFAULT_LANGUAGE:
        return singular
    return _catalogue().npgettext(context, singular, plural, count)


def NP_(context: str, message: str) -> str:
    """Marks a constant for extraction in the sense ``context`` (translate it with ``pgettext``)."""
    return message


HEADING = "heading"


def heading(text: str) -> str:
    """A table's column heading in the current language: its "heading" translation when a catalogue has
    one (编号 → "No."), else the plain one (a heading word with one sense needs no context)."""
    if _language() == DEFAULT_LANGUAGE or not text:
        return text
    found = _catalogue().pgettext(HEADING, text)
    return found if found != text else _catalogue().gettext(text)


def reload_catalogues() -> None:
    """Forget loaded catalogues (after ``scripts/messages.sh compile`` in a running test session)."""
    with _lock:
        _catalogues.clear()
