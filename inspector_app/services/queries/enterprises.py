"""Read model of the enterprise register: one plain dict per enterprise."""

from __future__ import annotations

from typing import Any

from inspector_app.domain.errors import NotFoundError
from inspector_app.services import enterprises
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.translation import _

# The columns a table of enterprises shows (the dicts carry every field).
ENTERPRISE_COLUMNS = ("id", "uscc", "name", "district", "industry", "cert_grade", "cert_number",
                      "cert_expires", "legal_rep", "contact_phone")


def enterprise_rows(ws: Workspace) -> list[dict[str, Any]]:
    """Every enterprise, as ``services.enterprises.to_dict`` gives it (dates as ISO text)."""
    with reading(ws) as session:
        return [enterprises.to_dict(e) for e in enterprises.list_all(session)]


def enterprise_id_by_uscc(ws: Workspace, code: str) -> int:
    """The id of the enterprise with this credit code (``NotFoundError`` when there is none)."""
    with reading(ws) as session:
        found = enterprises.by_uscc(session, code)
        if found is None:
            raise NotFoundError(_("没有统一社会信用代码为 {code} 的企业（先用 enterprises import 导入企业名录）").format(code=code))
        return found.id
