"""The plausibility rules (``domain.plausibility``): capture time against the inspection's start and lock,
the district's box with its margin, the distance from the centre of the inspection's photos, the device
clock's note – each at its boundary – and the district data with its sources."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from inspector_app import translation
from inspector_app.domain.plausibility import (
    DEVICE_CLOCK,
    FAR_FROM_SITE,
    KM_PER_DEGREE_LAT,
    OUTSIDE_AREA,
    RULES,
    TIME_AFTER,
    TIME_BEFORE,
    InspectionFacts,
    PhotoCheck,
    PhotoFacts,
    PhotoWarning,
    Thresholds,
    assess,
    centre,
    distance_km,
    find_area,
    format_ack,
    local_time,
    parse_ack,
    shipped_regions,
)

START = datetime(2026, 3, 10, 9, 0)
LOCKED = datetime(2026, 3, 10, 16, 30)
SITE = (31.7000, 119.9500)  # 湖塘, 武进区
MILAN = (45.50067, 9.11033)  # the HTC Desire photo of the shared fixtures


def _wujin():
    found = find_area(shipped_regions(), "武进区")
    assert found is not None
    return found[1]


def _inspection(locked: bool = False, area: bool = True, now: datetime = datetime(2026, 3, 10, 12, 0)) -> InspectionFacts:
    return InspectionFacts(started_at=START, locked_at=LOCKED if locked else None, now=now,
                           area=_wujin() if area else None, local_offset=timedelta(hours=8))


def _codes(inspection: InspectionFacts, *photos: PhotoFacts, thresholds: Thresholds | None = None) -> list[set[str]]:
    checks = assess(inspection, photos, thresholds=thresholds)
    return [{f.code for f in checks[p.photo_id].findings} for p in photos]


def _photo(n: int, when: datetime | None, gps: tuple[float, float] | None = SITE, source: str = "exif",
           rectification: bool = False, offset: str = "") -> PhotoFacts:
    return PhotoFacts(n, when, offset, source, gps, rectification=rectification)


# -- time ------------------------------------------------------------------------------------------


def test_more_than_two_days_before_the_start_is_a_warning_and_two_days_is_not() -> None:
    at_limit = _photo(1, START - timedelta(days=2))
    past_limit = _photo(2, START - timedelta(days=2, minutes=1))
    assert _codes(_inspection(), at_limit, past_limit) == [set(), {TIME_BEFORE}]
    wider = Thresholds(days_before=5)
    assert _codes(_inspection(), past_limit, thresholds=wider) == [set()]
    warning = assess(_inspection(), [past_limit])[2].warnings[0]
    assert warning.amount == pytest.approx(2 + 1 / 1440) and warning.reference == START


def test_any_time_after_the_lock_is_a_warning_but_not_for_rectification_photos() -> None:
    at_lock = _photo(1, LOCKED)
    after = _photo(2, LOCKED + timedelta(minutes=1))
    rectified = _photo(3, LOCKED + timedelta(days=6), rectification=True)
    assert _codes(_inspection(locked=True), at_lock, after, rectified) == [set(), {TIME_AFTER}, set()]
    assert "检查完成锁定" in assess(_inspection(locked=True), [after])[2].warnings[0].statement()


def test_while_open_a_time_in_the_future_is_a_wrong_clock() -> None:
    now = datetime(2026, 3, 10, 12, 0)
    future = _photo(1, now + timedelta(hours=3))
    assert _codes(_inspection(now=now), future) == [{TIME_AFTER}]
    warning = assess(_inspection(now=now), [future])[1].warnings[0]
    assert warning.against_now and "核对时间" in warning.statement()


def test_the_device_clock_gets_a_note_never_an_alarm() -> None:
    plain = _photo(1, START + timedelta(hours=1), source="device_clock")
    years_off = _photo(2, datetime(2011, 5, 6, 9, 59), source="device_clock")
    checks = assess(_inspection(), [plain, years_off])
    assert [f.code for f in checks[1].findings] == [DEVICE_CLOCK] and checks[1].findings[0].amount is None
    assert [f.code for f in checks[2].findings] == [DEVICE_CLOCK] and checks[2].findings[0].amount > 5000
    assert not checks[1].warnings and not checks[2].warnings and checks[2].notes
    assert all(RULES[f.code].level == "note" for f in checks[2].findings)
    assert "设备时钟" in checks[2].findings[0].statement()


def test_no_time_no_time_rule_and_no_start_means_the_first_photo_added() -> None:
    assert _codes(_inspection(), _photo(1, None)) == [set()]
    added = datetime(2026, 3, 10, 9, 30)
    unstarted = InspectionFacts(None, None, datetime(2026, 3, 10, 12, 0), None)
    old = PhotoFacts(1, added - timedelta(days=3), added_at=added)
    assert _codes(unstarted, old) == [{TIME_BEFORE}]
    assert _codes(InspectionFacts(None, None, datetime(2026, 3, 10, 12, 0), None),
                  PhotoFacts(1, datetime(2000, 1, 1))) == [set()]  # nothing to compare with


def test_a_time_with_an_offset_is_compared_as_local_time() -> None:
    assert local_time(datetime(2026, 3, 10, 1, 0), "+00:00", timedelta(hours=8)) == datetime(2026, 3, 10, 9, 0)
    assert local_time(datetime(2026, 3, 10, 1, 0), "", timedelta(hours=8)) == datetime(2026, 3, 10, 1, 0)
    # 16:40 in UTC is 00:40 the next day in Changzhou: after the lock at 16:30 local time
    late = _photo(1, datetime(2026, 3, 10, 16, 40), offset="+00:00")
    assert _codes(_inspection(locked=True), late) == [{TIME_AFTER}]
    # 08:40 UTC is 16:40 in Changzhou too; 08:20 UTC is 16:20, before the lock
    assert _codes(_inspection(locked=True), _photo(2, datetime(2026, 3, 10, 8, 20), offset="+00:00")) == [set()]


# -- place -----------------------------------------------------------------------------------------


def test_missing_gps_gives_no_place_warning() -> None:
    photos = [_photo(n, START, gps=None) for n in range(1, 5)]
    assert _codes(_inspection(), *photos) == [set()] * 4


def test_outside_the_district_with_its_margin() -> None:
    south, _west, north, east = _wujin().box
    lat = (south + north) / 2
    step = 1 / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))  # 1 km of longitude
    inside_margin = _photo(1, START, gps=(lat, east + 0.5 * step))
    outside_margin = _photo(2, START, gps=(lat, east + 1.5 * step))
    milan = _photo(3, START, gps=MILAN)
    assert _codes(_inspection(), inside_margin) == [set()]
    assert _codes(_inspection(), outside_margin) == [{OUTSIDE_AREA}]
    assert _codes(_inspection(), milan) == [{OUTSIDE_AREA}]
    assert _codes(_inspection(), outside_margin, thresholds=Thresholds(margin_km=2)) == [set()]
    assert _codes(_inspection(area=False), milan) == [set()]  # no district known: not checked
    said = assess(_inspection(), [milan])[3].warnings[0].statement()
    assert re.fullmatch(r"位置不在本辖区内（武进区，相距约 8,9\d\d km）", said), said  # Milan: ~8,900 km away


def test_far_from_the_other_photos_flags_only_the_odd_one() -> None:
    near = [_photo(n, START, gps=(SITE[0] + n * 0.0003, SITE[1] + n * 0.0002)) for n in range(1, 4)]
    away = _photo(9, START, gps=(SITE[0] + 0.05, SITE[1]))  # about 5.6 km north, still in 武进区
    codes = _codes(_inspection(), *near, away)
    assert codes == [set(), set(), set(), {FAR_FROM_SITE}]
    warning = assess(_inspection(), [*near, away])[9].warnings[0]
    assert 5.3 < (warning.amount or 0) < 5.8 and warning.statement() == f"位置距检查场所约 {warning.amount:.1f} km"
    assert _codes(_inspection(), *near, away, thresholds=Thresholds(distance_km=6)) == [set()] * 4


def test_the_distance_threshold_is_a_boundary() -> None:
    near = [_photo(n, START, gps=SITE) for n in range(1, 4)]
    two_km = 2 / KM_PER_DEGREE_LAT
    just_inside = _photo(7, START, gps=(SITE[0] + two_km * 0.99, SITE[1]))
    just_outside = _photo(8, START, gps=(SITE[0] + two_km * 1.02, SITE[1]))
    assert _codes(_inspection(), *near, just_inside) == [set()] * 4
    assert _codes(_inspection(), *near, just_outside)[-1] == {FAR_FROM_SITE}


def test_no_other_photos_or_two_that_disagree_give_no_distance_warning() -> None:
    alone = _photo(1, START, gps=SITE)
    assert _codes(_inspection(), alone) == [set()]
    other = _photo(2, START, gps=(SITE[0] + 0.05, SITE[1]))  # 5.6 km: which one is off? no telling
    assert _codes(_inspection(), alone, other) == [set(), set()]


def test_the_centre_is_where_most_photos_are() -> None:
    cluster = [(SITE[0] + d, SITE[1] - d) for d in (0.0, 0.0002, 0.0004)]
    middle = centre([*cluster, MILAN])
    assert distance_km(middle, SITE) < 0.1  # one photo from Milan does not move the site
    assert distance_km(centre([*cluster, MILAN, MILAN]), SITE) < 0.1
    assert distance_km(MILAN, SITE) == pytest.approx(8960, rel=0.01)  # great-circle distance


# -- verdicts, acceptance, language ----------------------------------------------------------------


def test_accepted_codes_and_what_is_still_open() -> None:
    milan = _photo(1, datetime(2011, 5, 6, 9, 59), gps=MILAN)
    check = assess(_inspection(), [milan], {1: parse_ack("outside_area")})[1]
    assert {w.code for w in check.warnings} == {TIME_BEFORE, OUTSIDE_AREA}
    assert [w.code for w in check.open_warnings] == [TIME_BEFORE] and not check.all_accepted
    assert check.location_warning is not None and check.time_warning is not None
    full = PhotoCheck(1, check.findings, parse_ack("time_before,outside_area"))
    assert full.all_accepted and not full.open_warnings
    assert format_ack(["outside_area", "time_before", "outside_area"]) == "outside_area,time_before"
    assert parse_ack("") == frozenset() and parse_ack(None) == frozenset()


@pytest.fixture
def english() -> Iterator[None]:
    translation.set_language("en")
    yield
    translation.set_language(translation.DEFAULT_LANGUAGE)


def test_reasons_follow_the_language_and_statements_stay_chinese(english: None) -> None:
    warning = PhotoWarning(TIME_BEFORE, 5689.2, START)
    assert warning.reason().startswith("Taken about 15.6 years before")
    assert warning.statement() == "拍摄时间与检查时间不符（早于检查开始约 15.6 年）"
    assert "outside the enterprise's district (武进区)" in PhotoWarning(OUTSIDE_AREA, area="武进区").reason()


# -- the district data ------------------------------------------------------------------------------


def test_the_changzhou_districts_are_data_with_sources() -> None:
    (region,) = [r for r in shipped_regions() if r.id == "jiangsu-changzhou"]
    assert region.datum == "WGS-84"
    names = {a.name for a in region.areas}
    assert {"常州市", "天宁区", "钟楼区", "新北区", "武进区", "金坛区", "溧阳市", "常州经开区"} <= names
    city = next(a for a in region.areas if a.level == "city")
    assert city.box == pytest.approx((31.15, 119.1333, 32.0667, 120.2), abs=1e-3)  # 31°09′–32°04′, 119°08′–120°12′
    for area in region.areas:
        assert region.source_of(area) and region.source_of(area) != area.basis, area.name  # a named source
        if area is not city:  # every district lies within the city's published extent (give or take 3 km)
            assert city.contains(area.box[0], area.box[1], 3) and city.contains(area.box[2], area.box[3], 3)
    for hint, name in [("武进区", "武进区"), ("常州市武进区", "武进区"), ("常州市钟楼区五星街道某路1号", "钟楼区"),
                       ("金坛市", "金坛区"), ("经开区", "常州经开区"), ("戚墅堰区", "常州经开区"), ("常州市", "常州市")]:
        found = find_area(shipped_regions(), hint)
        assert found is not None and found[1].name == name, hint
    assert find_area(shipped_regions(), "朝阳区", "") is None
    assert find_area(shipped_regions(), "", "某地", "常州市新北区") is not None  # later hints are tried in turn
