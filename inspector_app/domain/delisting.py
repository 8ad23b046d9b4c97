"""The 摘牌 case file as data: its steps in order, who may take each, and the dates they must keep
(DOMAIN.md §5; 苏应急电〔2020〕3号 第四条 and 常应急函〔2020〕8号 第四条: "对未真实有效运行或运行质量差的企业
实施摘牌").

A case is opened from a look-back or audit whose conclusion is 建议摘牌, then:

    opened ─notify→ notified ─defence→ defended ─decide→ decided ─announce→ announced ─withdraw→ closed
                                 └──────────(period over)───┴─drop→ dropped

* **告知 (notify)** – the enterprise is told of the facts, grounds and basis and of its right to state its
  case, on a date, with the 告知书's number; the period for its defence ends on ``defence_until``.
* **陈述申辩 (defence)** – received on a date (its letter attached), or recorded as not received by the end
  of the period (only after that day).
* **决定 (decide) / 不予摘牌 (drop)** – only by the body that granted the grade (``GRANTED_BY``): never
  before the period ended unless the enterprise has been heard.
* **公告 (announce)**, then **撤销证书 (withdraw)**: the certificate is withdrawn and the enterprise may
  not re-apply for one year (``reapply_from``).

Where the sources are less than certain this module says so instead of naming an article: the numbered
articles of 安监总办〔2014〕49号 on revocation are not quoted here because their numbers were not
verified against the text; whether revoking a grade is an administrative penalty (行政处罚) is not decided
here either – the 告知/陈述申辩 steps follow DOMAIN.md §5, which follows the 行政处罚法's procedure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from inspector_app.domain.errors import LifecycleError, ValidationError
from inspector_app.translation import N_, _, listing

_S49 = "安监总办〔2014〕49号《企业安全生产标准化评审工作管理办法（试行）》（撤销等级的规定；条号未核对）"
_D5 = "DOMAIN.md §5"


@dataclass(frozen=True)
class Step:
    """One step of a case: the stage it reaches, its label, whether only the deciding body may take it,
    the stages it may follow, and where the rule comes from."""

    name: str
    stage: str
    label: str
    deciding_body_only: bool
    after: tuple[str, ...]
    source: str


STEPS: dict[str, Step] = {s.name: s for s in (
    Step("notify", "notified", N_("告知"), False, ("opened",),
         f"{_D5}（摘牌前先告知企业）；告知事实、理由、依据及陈述申辩的权利，参照行政处罚法（2017 年修正）"
         "第三十一条、第三十二条"),
    Step("defence", "defended", N_("陈述申辩"), False, ("notified",),
         f"{_D5}（听取企业的陈述申辩）；参照行政处罚法（2017 年修正）第三十二条"),
    Step("decide", "decided", N_("摘牌决定"), True, ("notified", "defended"),
         f"{_D5}（由授予等级的机关决定：二级 → 省，三级 → 市）；{_S49}"),
    Step("drop", "dropped", N_("不予摘牌"), True, ("notified", "defended"),
         "本产品的约定：授予等级的机关听取陈述申辩后也可以决定不予摘牌，案卷就此结束"),
    Step("announce", "announced", N_("公告"), True, ("decided",), f"{_D5}（摘牌决定予以公告）"),
    Step("withdraw", "closed", N_("撤销证书"), True, ("announced",),
         f"{_D5}（收回证书；撤销后一年内不得重新申请）；{_S49}"),
)}
STAGE_ORDER: dict[str, int] = {"opened": 0, "notified": 1, "defended": 2, "decided": 3, "dropped": 3,
                               "announced": 4, "closed": 5}
#: Stages only the deciding body records; a roll-up from below the deciding level may not carry them.
DECISION_STAGES = frozenset(s.stage for s in STEPS.values() if s.deciding_body_only)
FINAL_STAGES = frozenset({"closed", "dropped"})
_STAGE_WORDS = {"opened": N_("立案"), "notified": N_("告知"), "defended": N_("陈述申辩"), "decided": N_("摘牌决定"),
                "announced": N_("公告"), "closed": N_("撤销证书"), "dropped": N_("不予摘牌")}
LEVEL_RANK: dict[str, int] = {"district": 0, "city": 1, "province": 2}

#: Who revokes which grade: the body that granted it (DOMAIN.md §5: 一级 by the ministry, 二级 by the
#: province, 三级 by the city). 一级 is outside the chain of offices this program serves; 小微企业 is a
#: separate standard whose granting body the notices leave to each city (苏应急电〔2020〕3号 第一条) –
#: neither is handled until a notice says who decides.
GRANTED_BY: dict[str, tuple[str, str]] = {
    "二级": ("province", f"{_D5}：二级由省应急管理厅授予并撤销"),
    "三级": ("city", f"{_D5}：三级由设区市应急管理局授予并撤销"),
}

#: The defence period in days after the 告知 is served, when the office has not set ``defence_days``
#: and the 告知 names no date. The three days are the period the 行政处罚告知书 forms commonly give
#: ("自收到本告知书之日起三日内"); no rule fixing it for a revocation was found, so it is the office's
#: setting (workspace set defence_days N), and a 告知书 that names its own date overrides it.
DEFENCE_DAYS = 3
DEFENCE_DAYS_SOURCE = ("本机关设置（workspace set defence_days）；默认 3 日，取行政处罚告知书常见的“自收到本告知书之日起"
                       "三日内”，未查到撤销等级的法定期间")
REAPPLY_SOURCE = f"{_D5}：撤销后一年内不得重新申请；{_S49}"


def deciding_level(cert_grade: str) -> str:
    """The level of the body that decides a case on a certificate of this grade (refused otherwise)."""
    found = GRANTED_BY.get(cert_grade.strip())
    if found is None:
        raise ValidationError(_("证书等级“{grade}”的撤销机关未在本程序中规定（只办理 {grades} 的摘牌案卷；{source}）").format(
            grade=_(cert_grade) if cert_grade else _("（未登记）"), grades=listing(_(g) for g in GRANTED_BY), source=_D5))
    return found[0]


def defence_deadline(served: date, days: int = DEFENCE_DAYS) -> date:
    """The last day of the defence period: ``days`` calendar days after the day the 告知 was served (that
    day not counted); a last day on a Saturday or Sunday moves to the Monday. Public holidays are not known
    here: a 告知书 that names its own last day is recorded with that day instead."""
    if days < 1:
        raise ValidationError(_("陈述申辩期限至少 1 日"))
    last = served + timedelta(days=days)
    while last.weekday() >= 5:
        last += timedelta(days=1)
    return last


def reapply_from(withdrawn: date) -> date:
    """The first day the enterprise may apply again: one year after the withdrawal (29 February → 1 March)."""
    try:
        return withdrawn.replace(year=withdrawn.year + 1)
    except ValueError:
        return date(withdrawn.year + 1, 3, 1)


def step(name: str) -> Step:
    found = STEPS.get(name)
    if found is None:
        raise ValidationError(_("没有步骤“{name}”，可用：{available}").format(name=name, available=listing(STEPS)))
    return found


@dataclass(frozen=True)
class CaseState:
    """What the order rules look at: the stage, the defence period, the last step's date and whether a
    defence was actually received (a step "not received by the end of the period" is no defence)."""

    stage: str
    defence_until: date | None
    last_on: date | None
    heard: bool


def check_step(name: str, state: CaseState, on: date, *, no_defence: bool = False) -> Step:
    """The step, if it may be taken on ``on`` (``LifecycleError`` naming the rule otherwise)."""
    taken = step(name)
    if state.stage in FINAL_STAGES:
        raise LifecycleError(_("案卷已结束（{stage}），不能再记录{step}").format(
            stage=_(_STAGE_WORDS[state.stage]), step=_(taken.label)))
    if state.stage not in taken.after:
        raise LifecycleError(_("{step}须在{stages}之后记录（案卷当前：{stage}）").format(
            step=_(taken.label), stages=_("或").join(_(_STAGE_WORDS[s]) for s in taken.after),
            stage=_(_STAGE_WORDS.get(state.stage, state.stage))))
    if state.last_on is not None and on < state.last_on:
        raise LifecycleError(_("{step}的日期 {on} 早于上一步的日期 {last}").format(
            step=_(taken.label), on=on.isoformat(), last=state.last_on.isoformat()))
    if name == "defence" and no_defence and state.defence_until is not None and on <= state.defence_until:
        raise LifecycleError(_("陈述申辩期限至 {until} 止：期限届满前不能记录“逾期未陈述申辩”").format(
            until=state.defence_until.isoformat()))
    period_open = state.defence_until is None or on <= state.defence_until
    if name in ("decide", "drop") and not state.heard and period_open:
        until = state.defence_until.isoformat() if state.defence_until else _("（未定）")
        raise LifecycleError(_("陈述申辩期限至 {until} 止，企业尚未陈述申辩：期限届满前不能作出决定"
                               "（{source}：先告知、听取陈述申辩，再决定）").format(until=until, source=_D5))
    return taken



def check_decider(taken: Step, office_level: str, case_level: str, cert_grade: str) -> None:
    """A step only the deciding body takes is refused elsewhere: a district prepares a 三级 case (告知,
    陈述申辩) and sends it up in its roll-up; the city decides it; the province decides a 二级 case."""
    if not taken.deciding_body_only or office_level == case_level:
        return
    from_words = {"district": N_("辖市（区）"), "city": N_("设区市"), "province": N_("省")}
    here = _(from_words.get(office_level, N_("本机关（未设置层级）")))
    raise LifecycleError(_("{grade}证书由{level}应急管理部门撤销（{source}）：{here}机关不能记录{step}，"
                           "只能告知、听取陈述申辩，并随汇总数据包报送上级决定").format(
        grade=_(cert_grade), level=_(from_words.get(case_level, case_level)), source=_D5, here=here,
        step=_(taken.label)))


def stage_of(stages: list[str]) -> str:
    """The case's stage from its steps' stages: the furthest one ("opened" when none)."""
    return max(stages, key=lambda s: STAGE_ORDER.get(s, -1), default="opened")
