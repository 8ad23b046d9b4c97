"""The words the shipped checklist templates store, marked for the message catalogue.

A template is data (``resources/templates/*.json``): its kind (回头看, 运行质量审计, 评审质量自查自纠) and its
conclusion levels – the codes an inspection's cached ``outcome`` keeps (维持 / 限期整改 / 建议摘牌, or 合格 /
建议通报批评 / 建议暂停评审活动 / 建议取消评审资格) and their labels – are Chinese and stay Chinese where
they are stored and printed (the bureau's documents). Where a list, a summary or the command line shows one
of them to people, it goes through ``_()``; these marks put the shipped templates' words in the catalogue,
so the English interface reads "Rectify by deadline" instead of 限期整改. A template a bureau imports with
words of its own shows them as written (data, not messages). ``tests/domain/test_template_words.py`` checks
every shipped template's kind, level codes and labels are here.
"""

from __future__ import annotations

from inspector_app.translation import N_, _

__all__ = ["CONCLUSION_WORDS", "KIND_WORDS", "shown"]

#: The ``kind`` of each shipped template.
KIND_WORDS = (N_("回头看"), N_("运行质量审计"), N_("评审质量自查自纠"))
#: The conclusion levels' codes and labels of the shipped templates (``conclusion.levels``).
CONCLUSION_WORDS = (N_("维持"), N_("维持（符合证书等级要求）"), N_("限期整改"), N_("建议摘牌"), N_("合格"),
                    N_("建议通报批评"), N_("建议暂停评审活动"), N_("建议取消评审资格"))


def shown(word: str | None) -> str:
    """A stored template word (kind, conclusion code or label) in the interface language; "" for none."""
    return _(word) if word else ""
