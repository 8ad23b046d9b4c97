"""The desk's detail pane shows the conflict-of-interest flags on an enterprise's certificate (利益冲突提示),
read with the enterprise's detail in the worker; nothing when there are none."""

from __future__ import annotations

import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from inspector_app.services.queries.desk import enterprise_detail
from inspector_app.storage.engine import Workspace
from inspector_app.ui.detail_pane import DetailPane

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from registers_helpers import base


def test_flags_shown_with_their_evidence_and_source(qtbot: QtBot, workspace: Workspace) -> None:
    with workspace.sessions.begin() as s:
        r = base(s)
        clean_id = r.enterprise.id
        r.consultant.legal_rep = "王明"
        r.reviewer.specialities = "机械"
    pane = DetailPane()
    qtbot.addWidget(pane)
    detail = enterprise_detail(workspace, clean_id)
    assert detail is not None and [f["rule"] for f in detail["conflicts"]] == ["related_orgs", "speciality_mismatch"]
    pane.show_detail(detail)
    text = pane.conflicts.text()
    assert not pane.conflicts.isHidden()
    assert "利益冲突提示（2 条）" in text and "法定代表人相同（王明）" in text and "陈一鸣" in text
    assert "苏应急电〔2020〕3号 第三条" in pane.conflicts.toolTip()
    with workspace.sessions.begin() as s:
        r.consultant.legal_rep = "孙丽"
        s.merge(r.consultant)
        r.reviewer.specialities = "化工"
        s.merge(r.reviewer)
    pane.show_detail(enterprise_detail(workspace, clean_id))
    assert pane.conflicts.isHidden()
    pane.clear()
    assert pane.conflicts.isHidden()
