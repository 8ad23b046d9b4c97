"""Is a photo plausible evidence of *this* inspection? Rules on its capture time and its GPS fix, as data.

Why: the notice asks whether enterprises "真创真运行" and whether reviews "如实反映企业真实情况"
(苏应急电〔2020〕3号 二、三; 常应急函〔2020〕8号 二、三) – a look-back visit is only worth its evidence if
the evidence was gathered on that visit, at that site. Evidence must be genuine and bear on the case
(《安全生产执法程序规定》, on evidence: 证据须经查证属实; the inspection's own record is
what it is checked against), and whole-process recording (执法全过程记录, 国办发〔2018〕118号) expects
photos to carry their time and place (DOMAIN.md §8). A phone photo taken years ago elsewhere, attached
without a word, is exactly what a reviewer of the record must be told about.

Nothing here rejects anything. Each rule yields a *warning* with a code, a human reason and the short
statement the printed record carries; the inspector looks at the photo and either removes it or accepts
the warning (``photos.plausibility_ack``, audited). A photo whose time came from the device clock (no
EXIF time) cannot be held to the time rules: it gets a *note*, never an alarm.

The rules (thresholds are workspace settings, ``Thresholds`` the defaults):

* ``time_before`` – captured more than ``days_before`` (2) days before the inspection started
  (``inspections.started_at``; before the first answer, the first photo's ``added_at``: the moment
  evidence began to be gathered). Two days leave room for a visit prepared the day before and for a
  phone clock off by a day.
* ``time_after`` – captured after the inspection was completed and locked (``completed_at``; any time
  after), or – while it is open – after the moment of the check (a clock in the future). Rectification
  evidence (a photo linked to a finding, or an "after" photo) is exempt: it is taken later by design
  (``services.photos``: rectification photos may be added after the lock).
* ``outside_area`` – the GPS fix is outside the enterprise's district (its box in ``resources/geo``,
  widened by ``margin_km`` (1 km) for GCJ-02 offsets and GPS error; see the data file's note).
* ``far_from_site`` – the GPS fix is more than ``distance_km`` (2 km) from the centre of the
  inspection's photos, the site as they show it (no geocoding offline: the enterprise's address has no
  coordinates). The centre is the geometric median of every photo with a fix (``centre``): robust to a
  minority of wrong ones. (A median of the *others* alone, component by component, is the midpoint of
  two photos when there are three, so one wrong photo would make all three look far; the median over
  all of them avoids that.) With fewer than three photos with a fix there is no majority to compare
  with: no warning (the district rule still applies).
* ``device_clock`` – a note: the time is the file's or the computer's clock, not the camera's.

Photo times are compared as local wall-clock times: a time with a UTC offset is converted to the
offset the inspection's times are kept in (the workspace's local time), one without is taken as local.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from inspector_app.domain.template import resource_path
from inspector_app.translation import N_, _

TIME_BEFORE = "time_before"
TIME_AFTER = "time_after"
OUTSIDE_AREA = "outside_area"
FAR_FROM_SITE = "far_from_site"
DEVICE_CLOCK = "device_clock"
WARNING_CODES = (TIME_BEFORE, TIME_AFTER, OUTSIDE_AREA, FAR_FROM_SITE)
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG); haversine on a sphere is within 0.5 % of WGS-84 here
KM_PER_DEGREE_LAT = 111.2
# With two photos that disagree there is no telling which one is off (the district rule still catches a
# photo from elsewhere); from three on, the centre is where most of them are.
MIN_FIXES_FOR_SITE = 3

_NOTICE = "苏应急电〔2020〕3号 二、三；常应急函〔2020〕8号 二、三（真创真运行、如实反映企业真实情况）"
_EVIDENCE = "《安全生产执法程序规定》关于证据的规定（证据须经查证属实）；国办发〔2018〕118号（执法全过程记录）"


@dataclass(frozen=True)
class Rule:
    """One rule: its code (stable: stored in ``plausibility_ack`` and bundles), level, the statement the
    printed record carries (Chinese: the record is the bureau's document) and where the rule comes from."""

    code: str
    level: str  # "warning" / "note"
    title: str  # marked with N_: shown translated, printed as is
    source: str


RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule(TIME_BEFORE, "warning", N_("拍摄时间与检查时间不符"),
         f"{_NOTICE}；{_EVIDENCE}；本检查的开始时间（started_at）"),
    Rule(TIME_AFTER, "warning", N_("拍摄时间与检查时间不符"),
         f"{_NOTICE}；{_EVIDENCE}；本检查的完成锁定时间（completed_at）"),
    Rule(OUTSIDE_AREA, "warning", N_("位置不在本辖区内"),
         f"{_NOTICE}；{_EVIDENCE}；企业所在辖区的范围（resources/geo）"),
    Rule(FAR_FROM_SITE, "warning", N_("位置与检查场所不符"),
         f"{_NOTICE}；{_EVIDENCE}；本检查其他照片位置的中位数"),
    Rule(DEVICE_CLOCK, "note", N_("拍摄时间取自设备时钟"),
         "DOMAIN.md §8（设备时间可能不准，须记录时间来源）"),
)}


@dataclass(frozen=True)
class Thresholds:
    """The limits (workspace settings ``photo_days_before``, ``photo_distance_km``,
    ``photo_region_margin_km``)."""

    days_before: float = 2.0
    distance_km: float = 2.0
    margin_km: float = 1.0


# -- places ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """A city or district with its bounding box ``(south, west, north, east)`` in WGS-84 degrees."""

    name: str
    level: str
    box: tuple[float, float, float, float]
    basis: str  # the source named in the data file
    parent: str = ""
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        full = f"{self.parent}{self.name}" if self.parent else self.name
        return (self.name, full, *self.aliases)

    def contains(self, lat: float, lon: float, margin_km: float = 0.0) -> bool:
        south, west, north, east = self.box
        dlat = margin_km / KM_PER_DEGREE_LAT
        dlon = margin_km / (KM_PER_DEGREE_LAT * max(0.01, math.cos(math.radians(lat))))
        return south - dlat <= lat <= north + dlat and west - dlon <= lon <= east + dlon

    def distance_km(self, lat: float, lon: float) -> float:
        """How far a point lies from the box (0 inside): to its nearest edge or corner."""
        south, west, north, east = self.box
        return distance_km((lat, lon), (min(max(lat, south), north), min(max(lon, west), east)))


@dataclass(frozen=True)
class Region:
    """One data file of ``resources/geo``: a city and its districts."""

    id: str
    title: str
    datum: str
    areas: tuple[Area, ...]
    sources: dict[str, str] = field(default_factory=dict)

    def source_of(self, area: Area) -> str:
        return self.sources.get(area.basis, area.basis)


def read_region(path: Path) -> Region:
    data = json.loads(path.read_text("utf-8"))
    areas = tuple(Area(name=a["name"], level=a.get("level", "district"), parent=a.get("parent", ""),
                       box=(float(a["box"][0]), float(a["box"][1]), float(a["box"][2]), float(a["box"][3])),
                       basis=a.get("basis", ""), aliases=tuple(a.get("aliases", ())))
                  for a in data["areas"])
    for area in areas:
        south, west, north, east = area.box
        if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
            raise ValueError(f"{path.name}: {area.name}: box {area.box} is not [south, west, north, east]")
    return Region(data["id"], data.get("title", ""), data.get("datum", "WGS-84"), areas, dict(data.get("sources", {})))


@cache
def shipped_regions(folder: Path | None = None) -> tuple[Region, ...]:
    """Every region file in ``resources/geo`` (read once)."""
    root = folder or resource_path("geo")
    return tuple(read_region(p) for p in sorted(root.glob("*.json"))) if root.is_dir() else ()


def find_area(regions: Iterable[Region], *hints: str) -> tuple[Region, Area] | None:
    """The area the first usable hint names: an exact name or alias (a district: "武进区", "常州市武进区"),
    else the most specific area whose full name a longer text (an address) starts with or contains."""
    regions = tuple(regions)
    for hint in (h.strip() for h in hints if h and h.strip()):
        for region in regions:
            for area in region.areas:
                if hint in area.names():
                    return region, area
        found = [(region, area) for region in regions for area in region.areas
                 if area.level != "city" and area.parent and f"{area.parent}{area.name}" in hint]
        if found:
            return found[0]
    return None


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def centre(points: Sequence[tuple[float, float]], iterations: int = 50) -> tuple[float, float]:
    """A robust centre of a site's photos: the geometric median (the point with the least summed
    distance to all of them; Weiszfeld's iteration from the component-wise median, on a local flat
    projection). Less than half of the photos taken elsewhere cannot pull it away from the rest – unlike
    the mean, and unlike the component-wise median of an even number of photos, which averages the two
    middle ones."""
    lat = statistics.median(p[0] for p in points)
    lon = statistics.median(p[1] for p in points)
    scale = max(0.01, math.cos(math.radians(lat)))  # degrees of longitude → "degrees of latitude" here
    for _step in range(iterations):
        weights, wlat, wlon = 0.0, 0.0, 0.0
        for plat, plon in points:
            d = math.hypot(plat - lat, (plon - lon) * scale)
            if d < 1e-9:  # on a photo: Weiszfeld's step is undefined there; the photo is a fine centre
                continue
            weights += 1 / d
            wlat += plat / d
            wlon += plon / d
        if weights == 0:
            break
        new_lat, new_lon = wlat / weights, wlon / weights
        if abs(new_lat - lat) < 1e-7 and abs(new_lon - lon) < 1e-7:
            lat, lon = new_lat, new_lon
            break
        lat, lon = new_lat, new_lon
    return lat, lon


# -- the facts and the verdicts -------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoFacts:
    photo_id: int
    captured_at: datetime | None  # wall-clock time as recorded
    captured_offset: str = ""  # "+08:00" or ""
    time_source: str = "exif"  # "exif" / "device_clock"
    gps: tuple[float, float] | None = None
    rectification: bool = False  # linked to a finding, or an "after" photo
    added_at: datetime | None = None


@dataclass(frozen=True)
class InspectionFacts:
    started_at: datetime | None
    locked_at: datetime | None  # completed_at while locked; None while open
    now: datetime  # local wall-clock time of the check
    area: Area | None = None  # the enterprise's district (or city), None when unknown
    local_offset: timedelta | None = None  # of the workspace's times; None: this computer's


@dataclass(frozen=True)
class PhotoWarning:
    """One finding about one photo: ``amount`` is days (time rules) or km (place rules); ``reference``
    the time it was compared with (the start, the lock, or the moment of the check when ``against_now``);
    ``area`` the district whose box it fell outside."""

    code: str
    amount: float | None = None
    reference: datetime | None = None
    area: str = ""
    against_now: bool = False

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def level(self) -> str:
        return self.rule.level

    def statement(self) -> str:
        """What the printed record says (Chinese, whatever the interface language)."""
        if self.code == TIME_BEFORE:
            return f"拍摄时间与检查时间不符（早于检查开始{_span_zh(self.amount)}）"
        if self.code == TIME_AFTER:
            return "拍摄时间与检查时间不符（晚于" + ("核对时间" if self.against_now else "检查完成锁定") + "）"
        if self.code == OUTSIDE_AREA:
            if self.area and self.amount is not None:  # how far, even when no other photo marks the site
                return f"位置不在本辖区内（{self.area}，相距约 {km_text(self.amount)} km）"
            return f"位置不在本辖区内（{self.area}）" if self.area else "位置不在本辖区内"
        if self.code == FAR_FROM_SITE:
            return f"位置距检查场所约 {km_text(self.amount)} km"
        if self.amount is not None:
            return f"拍摄时间取自设备时钟，且与检查时间不符（相差{_span_zh(self.amount)}）"
        return "拍摄时间取自设备时钟，仅供参考"

    def reason(self) -> str:
        """Why, for the person deciding (in the interface language)."""
        at = f"{self.reference:%Y-%m-%d %H:%M}" if self.reference is not None else "?"
        if self.code == TIME_BEFORE and self.amount is not None and self.amount >= 365:
            return _("拍摄时间早于检查开始（{start}）约 {years} 年：照片可能不是本次检查现场拍摄的").format(
                start=at, years=f"{self.amount / 365.25:.1f}")
        if self.code == TIME_BEFORE:
            return _("拍摄时间早于检查开始（{start}）约 {days} 天：照片可能不是本次检查现场拍摄的").format(
                start=at, days=_days(self.amount))
        if self.code == TIME_AFTER and self.against_now:
            return _("拍摄时间晚于核对时的当前时间（{now}）：相机时钟可能有误").format(now=at)
        if self.code == TIME_AFTER:
            return _("拍摄时间晚于检查完成锁定（{at}）：照片可能不是本次检查现场拍摄的").format(at=at)
        if self.code == OUTSIDE_AREA:
            return _("GPS 位置不在企业所在辖区（{area}）范围内").format(area=self.area)
        if self.code == FAR_FROM_SITE:
            return _("GPS 位置距本次检查其他照片的中心约 {km} km").format(km=km_text(self.amount))
        if self.amount is not None:
            return _("拍摄时间取自设备时钟（照片没有 EXIF 拍摄时间），与检查时间相差约 {days} 天，仅供参考").format(
                days=_days(self.amount))
        return _("拍摄时间取自设备时钟（照片没有 EXIF 拍摄时间），仅供参考")


@dataclass(frozen=True)
class PhotoCheck:
    """The verdicts on one photo and which warnings the inspector has accepted."""

    photo_id: int
    findings: tuple[PhotoWarning, ...] = ()
    accepted: frozenset[str] = frozenset()

    @property
    def warnings(self) -> tuple[PhotoWarning, ...]:
        return tuple(f for f in self.findings if f.level == "warning")

    @property
    def notes(self) -> tuple[PhotoWarning, ...]:
        return tuple(f for f in self.findings if f.level == "note")

    @property
    def open_warnings(self) -> tuple[PhotoWarning, ...]:
        """Warnings nobody has accepted yet (the gallery's red badge)."""
        return tuple(w for w in self.warnings if w.code not in self.accepted)

    @property
    def all_accepted(self) -> bool:
        return bool(self.warnings) and not self.open_warnings

    @property
    def location_warning(self) -> PhotoWarning | None:
        return next((w for w in self.warnings if w.code in (OUTSIDE_AREA, FAR_FROM_SITE)), None)

    @property
    def time_warning(self) -> PhotoWarning | None:
        return next((w for w in self.findings if w.code in (TIME_BEFORE, TIME_AFTER, DEVICE_CLOCK)
                     and (w.level == "warning" or w.amount is not None)), None)


def parse_ack(text: str | None) -> frozenset[str]:
    """``photos.plausibility_ack`` ("time_before,outside_area") → the set of codes."""
    return frozenset(code for code in (text or "").split(",") if code)


def format_ack(codes: Iterable[str]) -> str:
    return ",".join(sorted(set(codes)))


def km_text(km: float | None) -> str:
    if km is None:
        return "?"
    return f"{km:.1f}" if km < 10 else f"{km:,.0f}"


def _days(days: float | None) -> str:
    return "?" if days is None else (f"{days:.1f}" if days < 10 else f"{days:,.0f}")


def _span_zh(days: float | None) -> str:
    if days is None:
        return ""
    if days >= 365:
        return f"约 {days / 365.25:.1f} 年"
    return f"约 {days:.1f} 天" if days < 10 else f"约 {days:.0f} 天"


# -- the rules ------------------------------------------------------------------------------------


def local_time(value: datetime, offset: str, local_offset: timedelta | None) -> datetime:
    """A photo's wall-clock time in the workspace's local time (naive)."""
    text = offset.strip()
    if len(text) == 6 and text[0] in "+-" and text[3] == ":" and text[1:3].isdigit() and text[4:].isdigit():
        sign = -1 if text[0] == "-" else 1
        aware = value.replace(tzinfo=timezone(sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:]))))
        target = timezone(local_offset) if local_offset is not None else None
        return aware.astimezone(target).replace(tzinfo=None)
    return value


def _time_findings(photo: PhotoFacts, start: datetime | None, inspection: InspectionFacts,
                   thresholds: Thresholds) -> list[PhotoWarning]:
    if photo.captured_at is None:
        return []
    taken = local_time(photo.captured_at, photo.captured_offset, inspection.local_offset)
    found: list[PhotoWarning] = []
    if start is not None and taken < start - timedelta(days=thresholds.days_before):
        found.append(PhotoWarning(TIME_BEFORE, (start - taken).total_seconds() / 86400, start))
    elif not photo.rectification:
        locked_at = inspection.locked_at
        if locked_at is not None and taken > locked_at:
            found.append(PhotoWarning(TIME_AFTER, (taken - locked_at).total_seconds() / 86400, locked_at))
        elif locked_at is None and taken > inspection.now:
            found.append(PhotoWarning(TIME_AFTER, (taken - inspection.now).total_seconds() / 86400, inspection.now,
                                      against_now=True))
    if photo.time_source != "exif":  # the device clock: a note, with the mismatch if there is one
        amount = found[0].amount if found else None
        return [PhotoWarning(DEVICE_CLOCK, amount)]
    return found


def _start(inspection: InspectionFacts, photos: Sequence[PhotoFacts]) -> datetime | None:
    if inspection.started_at is not None:
        return inspection.started_at
    added = [p.added_at for p in photos if p.added_at is not None]
    return min(added) if added else None


def assess(inspection: InspectionFacts, photos: Sequence[PhotoFacts], accepted: dict[int, frozenset[str]] | None = None,
           thresholds: Thresholds | None = None) -> dict[int, PhotoCheck]:
    """The verdicts on every photo of one inspection, by photo id (every photo has an entry)."""
    accepted = accepted or {}
    thresholds = thresholds or Thresholds()
    start = _start(inspection, photos)
    fixes = [p.gps for p in photos if p.gps is not None]
    site = centre(fixes) if len(fixes) >= MIN_FIXES_FOR_SITE else None
    result: dict[int, PhotoCheck] = {}
    for photo in photos:
        findings = _time_findings(photo, start, inspection, thresholds)
        if photo.gps is not None:
            lat, lon = photo.gps
            area = inspection.area
            if area is not None and not area.contains(lat, lon, thresholds.margin_km):
                findings.append(PhotoWarning(OUTSIDE_AREA, area.distance_km(lat, lon), area=area.name))
            if site is not None:
                far = distance_km(photo.gps, site)
                if far > thresholds.distance_km:
                    findings.append(PhotoWarning(FAR_FROM_SITE, far))
        result[photo.photo_id] = PhotoCheck(photo.photo_id, tuple(findings),
                                            accepted.get(photo.photo_id, frozenset()))
    return result
