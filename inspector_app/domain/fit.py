"""Does a checklist template fit an enterprise (issue 11, item 5)?

Rules, each with its source:

- The certificate grades a template is for (``applies_to``): the look-back is for certified 二级 and
  三级 enterprises (苏应急电〔2020〕3号 第二条; 常应急函〔2020〕8号 第二条 gives the districts the 三级 ones);
  a template with no grades checks a review organisation (``subject`` 评审单位, 苏应急电〔2020〕3号 第三条),
  which holds no standardization certificate. Named with ``review_org``, the organisation is what the
  check is about and the enterprise one it certified, a sample of its reviews (``services.review_subject``):
  the enterprise's grade and industry are then no reason to refuse.
- The industries a template fits (``industries``): a 工贸 checklist does not fit a 危化 enterprise
  (DOMAIN.md §10). An item naming industries is not applicable (不涉及) to an enterprise of another
  industry, automatically (``Item.applies_to``; e.g. the safety-cost item only for the industries
  财企〔2012〕16号 第二条 lists, the 重大事故隐患 item under the standard of the enterprise's industry,
  DOMAIN.md §7).
- A grade or an industry not recorded cannot be checked: a warning, not a refusal.
- A certificate that had expired on the inspection date is flagged (certificates are valid 3 years,
  安监总办〔2014〕49号; DOMAIN.md §5): a warning – the enterprise may be in the middle of renewal.

Refusals can be overridden with a reason, which the caller audits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inspector_app.domain.template import REVIEW_ORG, Template
from inspector_app.translation import _, listing


@dataclass(frozen=True)
class Fit:
    problems: tuple[str, ...] = ()  # refuse unless overridden
    warnings: tuple[str, ...] = ()

    @property
    def fits(self) -> bool:
        return not self.problems


def cert_expired(cert_expires: date | None, on: date) -> bool:
    """Whether a certificate valid until ``cert_expires`` (inclusive) had expired on ``on``."""
    return cert_expires is not None and cert_expires < on


def template_fit(template: Template, *, cert_grade: str, industry: str, cert_expires: date | None = None,
                 on: date | None = None, due: date | None = None, review_org: str = "") -> Fit:
    """What stops (``problems``) or should be noted (``warnings``) when ``template`` is assigned to an
    enterprise with this grade, industry and certificate end, on ``on`` with the deadline ``due`` – or,
    for a template checking a review organisation, to the organisation ``review_org`` with the enterprise
    as its sample."""
    problems: list[str] = []
    warnings: list[str] = []
    name = _("检查表“{title}”").format(title=template.title)
    if template.subject == REVIEW_ORG and review_org:
        return Fit()
    if template.subject == REVIEW_ORG:
        if cert_grade:
            problems.append(_("{name}检查的是评审单位，而该单位持有{grade}标准化证书（是企业）").format(
                name=name, grade=_(cert_grade)))
        return Fit(tuple(problems), ())
    if template.applies_to:
        grades = listing(_(g) for g in template.applies_to)
        if not cert_grade:
            warnings.append(_("该企业未登记证书等级，无法核对{name}是否适用（适用于{grades}企业）").format(
                name=name, grades=grades))
        elif cert_grade not in template.applies_to:
            problems.append(_("{name}适用于{grades}企业，该企业证书等级为{grade}").format(
                name=name, grades=grades, grade=_(cert_grade)))
    if template.industries:
        if not industry:
            warnings.append(_("该企业未登记行业，无法核对{name}是否适用（适用行业：{industries}）").format(
                name=name, industries=listing(template.industries)))
        elif industry not in template.industries:
            problems.append(_("{name}不适用于{industry}行业（适用行业：{industries}）").format(
                name=name, industry=industry, industries=listing(template.industries)))
    if on is not None and cert_expired(cert_expires, on):
        warnings.append(_("标准化证书有效期至 {expires}，检查日（{on}）已过期").format(expires=cert_expires, on=on))
    elif due is not None and cert_expired(cert_expires, due):
        warnings.append(_("标准化证书有效期至 {expires}，早于检查期限 {due}").format(expires=cert_expires, due=due))
    return Fit(tuple(problems), tuple(warnings))


def not_applicable_items(template: Template, industry: str) -> list[str]:
    """Codes of the items that do not apply to an enterprise of ``industry`` (automatically 不涉及)."""
    return [item.code for item in template.items if item.applies_to(industry) is False]
