from __future__ import annotations

from datetime import date

from inspector_app.domain.reporting import load_periods, next_deadlines
from inspector_app.services.demo import build_demo
from inspector_app.services.reporting import district_progress
from inspector_app.storage.engine import Workspace


def test_periods_come_from_data_and_feb_29_falls_back() -> None:
    periods = {p.id: p for p in load_periods()}
    assert periods["lookback-city-1"].deadline(2020) == date(2020, 3, 31)
    assert periods["self-inspection-province"].deadline(2021) == date(2021, 2, 28)
    upcoming = next_deadlines(date(2020, 3, 28))
    assert upcoming[0][0] == date(2020, 3, 31)


def test_district_progress_adds_up(workspace: Workspace) -> None:
    with workspace.sessions.begin() as session:
        build_demo(session, enterprises=40)
    with workspace.sessions() as session:
        rows = district_progress(session)
    total = rows[-1]
    assert total["district"] == "合计" and total["enterprises"] == 40
    assert total["inspections"] == sum(r["inspections"] for r in rows[:-1]) > 0
    assert total["finished"] >= total["maintain"] + total["rectify"] + total["delist"] - total["finished"]
