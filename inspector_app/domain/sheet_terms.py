"""Stored codes the documents print by their names: the role a person signs in and the on-site measures
of a 现场处理措施决定书. Here rather than with the ORM models (``storage.models`` re-exports them) so that
the command line's quick print (``services.ops.sheet_quick``) reads them without SQLAlchemy."""

from __future__ import annotations

from inspector_app.translation import N_

# The role a person acts in, given by the certificate they hold (one row per certificate number):
# 行政执法人员 (执法证) sign the enforcement documents, at least two of them; 评审专家 (评审员证) assess on
# site and sign the score sheet only (DOMAIN.md §2, §6).
OFFICER, EXPERT = "officer", "expert"
PERSON_ROLES: dict[str, str] = {OFFICER: N_("行政执法人员"), EXPERT: N_("评审专家")}  # printed as they are

# 安全生产法 2014 第六十二条第一款第（三）项 / 2021 第六十五条第一款第（三）项: what a 现场处理措施决定书 orders.
ON_SITE_MEASURES: dict[str, str] = {
    "evacuate": N_("从危险区域内撤出作业人员"),
    "suspend": N_("暂时停产停业"),
    "stop_use": N_("停止使用相关设施、设备"),
}
