"""The state of an inspection nobody has answered yet: no score, no grade, no conclusion.

An inspection is scored and concluded from the answers given to the items that apply to the enterprise
(DOMAIN.md §4; ``domain.scoring``). Before the first such answer there is nothing to conclude from: the
items answered 不涉及 at assignment because they belong to another industry (``services.inspections.assign``;
DOMAIN.md §10) are not answers of the inspector. Such an inspection is "not yet" – neither 维持 nor
不达标 – everywhere: the cached ``score`` / ``grade`` / ``outcome`` are None / "" / "", lists show
``NOT_STARTED``, and a printed sheet leaves the conclusion out. This is this product's convention, not a
legal rule: no conclusion rule (``domain.conclusions``) and no source applies before an answer.
"""

from __future__ import annotations

from inspector_app.translation import N_, _

__all__ = ["NOT_STARTED", "NOT_STARTED_REASON", "NOT_STARTED_RULE", "not_started_reason"]

NOT_STARTED = N_("尚未作答")  # what a list or the score panel shows instead of a conclusion
NOT_STARTED_REASON = N_("尚未作答：作答第一个检查项后开始计分并给出结论")
NOT_STARTED_RULE = "not_started"  # the ``Reason.rule`` of that reason


def not_started_reason() -> str:
    """The reason shown beside "no conclusion yet", in the interface language."""
    return _(NOT_STARTED_REASON)
