"""The shipped templates' stored words (kinds, conclusion codes and labels) are in the message catalogue and
follow the interface language where they are shown; stored values stay Chinese."""

from __future__ import annotations

import json
from pathlib import Path

from inspector_app import translation
from inspector_app.domain.template_words import CONCLUSION_WORDS, KIND_WORDS, shown

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def test_every_shipped_template_word_is_marked() -> None:
    for path in sorted(TEMPLATES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "conclusion" not in data:
            continue  # the schema
        assert data["kind"] in KIND_WORDS, path.name
        for level in data["conclusion"]["levels"]:
            assert level["code"] in CONCLUSION_WORDS and level["label"] in CONCLUSION_WORDS, (path.name, level)


def test_shown_follows_the_language() -> None:
    assert shown("限期整改") == "限期整改" and shown(None) == "" and shown("本局自定的结论") == "本局自定的结论"
    translation.set_language("en")
    try:
        assert shown("限期整改") == "Rectify by deadline" and shown("回头看") == "Look-back"
        assert shown("本局自定的结论") == "本局自定的结论"  # a bureau's own word: data, shown as written
    finally:
        translation.set_language(translation.DEFAULT_LANGUAGE)
