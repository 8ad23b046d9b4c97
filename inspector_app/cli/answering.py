"""``inspections answer | finding add | complete``: answering a checklist from the command line, for
transcribing paper checklists and for scripted checks. Every command goes through the same operations
as the editor (``services.ops.inspections``), so the audit trail is the same.

``inspections answer ID --from FILE.json`` reads ``{"answers": [ANSWER, …]}`` or a bare list, each
ANSWER ``{"item": "A.1", "result": "部分符合", "deduct": ["A.1-2", "A.1-3x2"], "extra": 1.5,
"reason": "另扣的理由", "note": "说明"}`` (``result`` null clears the item); all answers are written in
one transaction or none.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from inspector_app.cli.common import actor, fail, workspace, write_out
from inspector_app.domain.lifecycle import Severity
from inspector_app.domain.numbers import score_text
from inspector_app.domain.scoring import Answer
from inspector_app.domain.states import NOT_STARTED
from inspector_app.domain.template import RESULTS
from inspector_app.domain.template_words import shown
from inspector_app.services.ops import inspections as ops
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.translation import _

# English and keyboard aliases of the four results (the editor's keys 1–4), for scripts.
RESULT_ALIASES = {"1": RESULTS[0], "conform": RESULTS[0], "2": RESULTS[1], "partial": RESULTS[1],
                  "3": RESULTS[2], "nonconform": RESULTS[2], "4": RESULTS[3], "na": RESULTS[3]}
_DEDUCT = re.compile(r"^(?P<code>[^\sx×*]+?)(?:[x×*](?P<times>\d+))?$")


def result_of(text: str) -> str:
    result = RESULT_ALIASES.get(text.strip().lower(), text.strip())
    if result not in RESULTS:
        fail(_("结果“{text}”无效：应为 {results}（或 1–4、conform/partial/nonconform/na）").format(text=text, results=' / '.join(RESULTS)), 2)
    return result


def deduction_of(text: str) -> tuple[str, int]:
    """``A.1-2`` or ``A.1-2x3`` (also ``×`` and ``*``): a deduction clause and how often it applies."""
    match = _DEDUCT.match(text.strip())
    if match is None:
        fail(_("扣分条款“{text}”无效：应为 条款编号 或 条款编号x次数（如 A.1-2x2）").format(text=text), 2)
    return match["code"], int(match["times"] or 1)


def _extra(points: object, where: str) -> float:
    if isinstance(points, bool) or not isinstance(points, int | float) or not math.isfinite(points) or points < 0:
        fail(_("{where}：另扣分须为不小于 0 的数").format(where=where), 2)
    return float(points)


def _answer_from(entry: object, number: int) -> tuple[str, Answer | None]:
    where = _("第 {number} 条答案").format(number=number)
    if not isinstance(entry, dict) or not isinstance(entry.get("item"), str):
        fail(_("{where}：须为含 \"item\" 的对象").format(where=where), 2)
    item = entry["item"]
    if entry.get("result") is None:
        return item, None
    deduct = entry.get("deduct", [])
    if not isinstance(deduct, list) or not all(isinstance(d, str) for d in deduct):
        fail(_("{where}（{item}）：\"deduct\" 须为条款编号的列表").format(where=where, item=item), 2)
    texts = {key: entry.get(key, "") for key in ("reason", "note")}
    if not all(isinstance(value, str) for value in texts.values()):
        fail(_("{where}（{item}）：\"reason\" 与 \"note\" 须为文字").format(where=where, item=item), 2)
    return item, Answer(result_of(str(entry["result"])), tuple(deduction_of(d) for d in deduct),
                        _extra(entry.get("extra", 0), f"{where}（{item}）"), texts["reason"], texts["note"])


def _answers_file(path: Path) -> list[tuple[str, Answer | None]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        fail(_("无法读取答案文件 {path}：{exc}").format(path=path, exc=exc), 2)
    entries: Any = document.get("answers") if isinstance(document, dict) else document
    if not isinstance(entries, list) or not entries:
        fail(_("{path}：应为 {{\"answers\": [...]}} 或答案列表，且至少一条").format(path=path), 2)
    return [_answer_from(entry, n) for n, entry in enumerate(entries, start=1)]


def answer(args: argparse.Namespace) -> int:
    if args.file is not None:
        if args.item or args.result:
            fail(_("--from 与 ITEM RESULT 只能用其一"), 2)
        answers = _answers_file(args.file)
    else:
        if not args.item or not args.result:
            fail(_("须给出 ITEM RESULT，或用 --from FILE.json"), 2)
        if args.extra and not (args.reason or "").strip():
            fail(_("另扣分（--extra）须用 --reason 写明理由"), 2)
        answers = [(args.item, Answer(result_of(args.result), tuple(deduction_of(d) for d in args.deduct),
                                      _extra(args.extra, args.item), args.reason or "", args.note or ""))]
    ops.set_answers(workspace(args), args.id, answers, actor(args))
    write_out(_("检查 {id}：已记录 {count} 项答案\n").format(id=args.id, count=len(answers)))
    return 0


def finding(args: argparse.Namespace) -> int:
    """``inspections finding add``: a hidden hazard (隐患) with its rectification deadline and, for a 重大
    one, the on-site measures (``--measures evacuate,suspend``; the core checks the codes)."""
    try:
        deadline = date.fromisoformat(args.deadline) if args.deadline else None
    except ValueError:
        fail(_("整改期限“{deadline}”无效：应为 YYYY-MM-DD").format(deadline=args.deadline), 2)
    result = ops.add_finding(workspace(args), args.id, actor(args), description=args.text,
                             severity=Severity(args.severity), item_code=args.item or "",
                             requirement=args.requirement or "", deadline=deadline,
                             responsible_person=args.responsible or "", measures=args.measures or "")
    write_out(_("检查 {id}：已登记隐患（编号 {result}）\n").format(id=args.id, result=result.value))
    return 0


def complete(args: argparse.Namespace) -> int:
    """完成并锁定; when something is missing, the list goes to stderr and the exit status is 1."""
    ws = workspace(args)
    try:
        ops.complete(ws, args.id, actor(args))
    except ops.IncompleteError as exc:
        lines = [_("检查 {id} 还不能完成（{count} 项）：").format(id=args.id, count=len(exc.missing))]
        lines += [f"  - {m.message}" for m in exc.missing]
        fail("\n".join(lines), 1)
    write_out(_("检查 {id} 已完成并锁定\n").format(id=args.id))
    # What was locked, as the window's confirmation shows it: the score and the conclusion.
    score = inspection_detail(ws, args.id)
    write_out(_("得分：{score}  结论：{conclusion}\n").format(
        score=score_text(score["score"]["score"], "—"), conclusion=shown(score.get("conclusion_label")) or _(NOT_STARTED)))
    return 0
