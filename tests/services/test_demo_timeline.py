"""The demo reads on its own calendar: a 2020 campaign's statuses, hazards and audit rows carry 2020
dates, so progress as of a reporting date of the campaign shows the work done by then."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.demo.workspace import CAMPAIGN_START, build
from inspector_app.services.ops.workspace import set_setting
from inspector_app.services.queries.progress import progress_report
from inspector_app.storage.engine import Workspace

pytestmark = pytest.mark.both_engines


def test_progress_as_of_the_campaign_dates_grows_with_the_demo_calendar(workspace: Workspace) -> None:
    build(workspace, enterprises=60, seed=11)
    set_setting(workspace, "level", "city", "t")
    set_setting(workspace, "jurisdiction", "常州市", "t")
    totals = [progress_report(workspace, as_of=day).total("lookback")
              for day in (date(2020, 1, 31), date(2020, 3, 27), date(2020, 6, 30), date.today())]
    assert totals[0]["assigned"] == 0  # nothing before the campaign began
    assigned = [t["assigned"] for t in totals]
    assert assigned == sorted(assigned) and 0 < assigned[1] <= assigned[2] == assigned[3]
    completed = [t["completed"] for t in totals]
    assert completed == sorted(completed) and completed[2] > 0
    with workspace.engine.connect() as con:
        years = {row[0] for row in con.exec_driver_sql(
            "SELECT DISTINCT substr(CAST(at AS TEXT), 1, 4) FROM audit_events WHERE inspection_id IS NOT NULL")}
        first, last = con.exec_driver_sql(
            "SELECT min(at), max(at) FROM audit_events WHERE field = 'status' AND entity = 'inspection'").one()
    assert years == {"2020"}
    assert str(CAMPAIGN_START - date.resolution * 10) <= str(first)[:10] and str(last)[:10] < "2020-08-01"
