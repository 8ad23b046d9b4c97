"""The organisation a review-quality check is about (评审质量自查自纠, 苏应急电〔2020〕3号 第三条; templates
whose ``subject`` is 评审单位, e.g. review-quality-2020).

Such a check is an inspection of a review organisation and a sample of its certified enterprises: the
inspection's ``review_org_id`` names the organisation (its conclusion – 合格 / 建议通报批评 / 建议暂停评审
活动 / 建议取消评审资格 – attaches to it) and its ``enterprise_id`` one enterprise whose certificate that
organisation reviewed, the review file the inspectors look at (points 2–7 of the checklist are judged
on a review). Rules:

* a template checking a 评审单位 requires ``review_org_id``, and one checking an enterprise refuses it;
* the organisation must be registered as a 评审单位 (not a 咨询服务单位);
* an enterprise given by the caller whose certificate (``certifications``) was not reviewed by that
  organisation is a problem the assigner may override with a reason, like a template that does not fit;
* no enterprise given: the sample is the organisation's certified enterprise reviewed most recently that
  no review-quality check of the organisation has sampled yet; when every one has been, the one
  reviewed most recently (``sample_enterprise``).
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.domain.template import REVIEW_ORG, Template
from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import ORG_KINDS, Certification, Organisation
from inspector_app.translation import _

_SAMPLE_SQL = """
SELECT c.enterprise_id FROM certifications c WHERE c.review_org_id = :org
ORDER BY EXISTS (SELECT 1 FROM inspections i WHERE i.review_org_id = :org AND i.enterprise_id = c.enterprise_id),
         c.review_date IS NULL, c.review_date DESC, c.enterprise_id DESC
LIMIT 1
"""


def get_org(session: Session, org_id: int) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFoundError(_("没有编号为 {org_id} 的评审单位").format(org_id=org_id))
    return org


def check(session: Session, template: Template, enterprise: Enterprise,
          review_org_id: int | None) -> tuple[Organisation | None, list[str]]:
    """The organisation the check is about (None for a check of an enterprise) and the problems the
    assigner may override; what cannot be overridden raises ``ValidationError``."""
    name = _("检查表“{title}”").format(title=template.title)
    if template.subject != REVIEW_ORG:
        if review_org_id is not None:
            raise ValidationError(_("{name}检查的是企业，不能指定评审单位").format(name=name))
        return None, []
    if review_org_id is None:
        raise ValidationError(_("{name}检查的是评审单位：须指定评审单位，企业一栏为该单位评审过的一家达标企业（抽查样本）").format(name=name))
    org = get_org(session, review_org_id)
    if org.kind != "review":
        raise ValidationError(_("“{name}”登记为{value}，不是评审单位").format(
            name=org.name, value=_(ORG_KINDS.get(org.kind, org.kind))))
    reviewed_by = session.scalar(select(Certification.review_org_id).where(Certification.enterprise_id == enterprise.id))
    if reviewed_by != org.id:
        return org, [_("企业“{enterprise}”的证书登记中评审单位不是“{org}”，不是该单位的抽查样本").format(
            enterprise=enterprise.name, org=org.name)]
    return org, []


def sample_enterprise(session: Session, review_org_id: int) -> int:
    """The enterprise a new review-quality check of the organisation samples (module docstring)."""
    org = get_org(session, review_org_id)
    found = session.execute(text(_SAMPLE_SQL), {"org": org.id}).scalar()
    if found is None:
        raise ValidationError(_("评审单位“{name}”没有登记评审过的达标企业（证书登记），无法抽取样本企业；请先导入证书登记或指定企业").format(
            name=org.name))
    return int(found)
