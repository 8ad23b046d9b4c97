"""Campaigns as data (issue 12): the shipped 2020 campaign holds the notice's duties with their years,
and a campaign file is checked field by field."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from inspector_app.domain.campaign import parse_campaign, shipped_campaign_paths
from inspector_app.domain.errors import ValidationError


def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shipped_campaign_paths()[0].read_text(encoding="utf-8"))
    return data


def test_the_2020_campaign_has_the_notices_duties_with_full_dates() -> None:
    """苏应急电〔2020〕3号 / 常应急函〔2020〕8号 (DOMAIN.md §1): districts → city 3/27 and 6/26, city → province
    3/31 and 6/30, 二级 review organisations → province 2/29 (2020 is a leap year), district
    self-inspection → city 3/27, the audit plan with no date."""
    campaign = parse_campaign(_shipped(), "shipped")
    due = {d.id: (d.sender, d.receiver, d.due) for d in campaign.duties}
    assert due == {
        "review-org-self-inspection": ("review_org", "province", date(2020, 2, 29)),
        "district-self-inspection": ("district", "city", date(2020, 3, 27)),
        "district-progress-1": ("district", "city", date(2020, 3, 27)),
        "city-progress-1": ("city", "province", date(2020, 3, 31)),
        "district-progress-2": ("district", "city", date(2020, 6, 26)),
        "city-progress-2": ("city", "province", date(2020, 6, 30)),
        "district-audit-plan": ("district", "city", None),
    }
    assert [n.number for n in campaign.notices] == ["苏应急电〔2020〕3号", "常应急函〔2020〕8号"]
    assert campaign.templates == {"lookback": "lookback-2020", "audit": "operation-audit-2020",
                                  "review_quality": "review-quality-2020"}
    wujin = campaign.area("常州市武进区")
    assert (wujin.level, wujin.path) == ("district", "江苏省常州市武进区")
    assert campaign.find("武进区") == wujin == campaign.find("江苏省常州市武进区")
    city = campaign.area("常州市")
    assert city.child_on(wujin.path) == wujin and campaign.root.child_on(wujin.path) == city
    assert len(city.children) == 7
    assert campaign.scope.covers("三级", "机械", date(2021, 1, 1))
    assert not campaign.scope.covers("三级", "机械", date(2019, 12, 31))  # expired before the notice
    assert not campaign.scope.covers("二级", "机械", None)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["duties"][0].update(due="2月29日"), "YYYY-MM-DD"),
    (lambda d: d["duties"][0].update(what="party"), "what"),
    (lambda d: d["duties"][1].update(id=d["duties"][0]["id"]), "重复"),
    (lambda d: d["jurisdictions"]["children"][0].update(level="district"), "不能直属于"),
    (lambda d: d["scope"].update(jurisdiction="南京市"), "范围辖区"),
    (lambda d: d.update(notices=[]), "至少列出一份文件"),
    (lambda d: d["templates"].update(inspection="x"), "未知的检查种类"),
    (lambda d: d.pop("scope"), "scope"),
])
def test_a_bad_campaign_file_names_what_is_wrong(change: Any, message: str) -> None:
    data = _shipped()
    change(data)
    with pytest.raises(ValidationError, match=message):
        parse_campaign(data, "bad.json")
