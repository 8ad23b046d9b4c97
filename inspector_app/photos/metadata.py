"""Read what a photo says about itself: capture time and its source, GPS, camera, orientation, size.

Everything here is defensive: photos come from many cameras, and their EXIF is often damaged or
contradictory (see ``badexif-*.jpg`` in the shared fixtures). A tag that cannot be read is simply
absent; nothing here raises on bad metadata and no Pillow warning escapes (they are recorded in
``PhotoMetadata.notes`` instead).

Capture time (DOMAIN.md §8: device time can be wrong, so its source is recorded):

* ``"exif"`` – from DateTimeOriginal, else DateTimeDigitized, else IFD0 DateTime; when the matching
  OffsetTime* tag is present the datetime is timezone-aware, otherwise it is the camera's naive
  local wall-clock time.
* ``"device_clock"`` – no usable EXIF time: the file's modification time (or "now" when there is no
  file), as an aware datetime in this computer's local zone.

GPS is accepted only when both latitude and longitude with their N/S/E/W references are present,
finite and in range; an empty GPS IFD, one holding only GPSVersionID, and the 0,0 "null island"
fix that some phones write without a lock are all treated as "no location".
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from PIL import Image

from inspector_app.photos.formats import register_heif

TimeSource = Literal["exif", "device_clock"]

# EXIF tag numbers used here.
_IFD_EXIF = 0x8769
_IFD_GPS = 0x8825
_MAKE, _MODEL, _ORIENTATION, _DATETIME = 0x010F, 0x0110, 0x0112, 0x0132
_DT_ORIGINAL, _DT_DIGITIZED = 0x9003, 0x9004
_OFFSET_TIME, _OFFSET_ORIGINAL, _OFFSET_DIGITIZED = 0x9010, 0x9011, 0x9012
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON, _GPS_ALT_REF, _GPS_ALT = 1, 2, 3, 4, 5, 6

_DT_RE = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET_RE = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")
_NULL_ISLAND_EPS = 1e-6


@dataclass(frozen=True)
class GpsFix:
    """A location in decimal degrees (WGS-84, as EXIF stores it); altitude in metres when known."""

    lat: float
    lon: float
    alt: float | None = None

    def as_text(self) -> str:
        """Human-readable, e.g. ``31.78123°N 119.95678°E``."""
        ns = "N" if self.lat >= 0 else "S"
        ew = "E" if self.lon >= 0 else "W"
        return f"{abs(self.lat):.5f}°{ns} {abs(self.lon):.5f}°{ew}"


@dataclass(frozen=True)
class PhotoMetadata:
    """What was read from one photo. ``width``/``height`` are the upright (displayed) pixel size."""

    captured_at: datetime
    time_source: TimeSource
    gps: GpsFix | None
    make: str | None
    model: str | None
    orientation: int
    width: int
    height: int
    format: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def captured_at_iso(self) -> str:
        return self.captured_at.isoformat()

    @property
    def camera(self) -> str | None:
        """"Make Model" without repeating the make (``Canon Canon EOS 1300D`` → ``Canon EOS 1300D``)."""
        if self.make and self.model:
            if self.model.lower().startswith(self.make.split()[0].lower()):
                return self.model
            return f"{self.make} {self.model}"
        return self.model or self.make

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the CLI's ``inspections show --format json`` uses the same keys)."""
        data = asdict(self)
        data["captured_at"] = self.captured_at_iso
        data["notes"] = list(self.notes)
        return data


# -- small parsers --------------------------------------------------------------------------


def _clean_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return None
    text = value.replace("\x00", "").strip()
    return text or None


def parse_exif_datetime(value: object, offset: object = None) -> datetime | None:
    """``"2018:07:25 16:34:23"`` (+ optional ``"+08:00"``) → datetime; None when unusable."""
    text = _clean_text(value)
    if text is None:
        return None
    match = _DT_RE.match(text)
    if match is None:
        return None
    try:
        parsed = datetime(*(int(part) for part in match.groups()))  # type: ignore[arg-type]
    except ValueError:  # e.g. "0000:00:00 00:00:00"
        return None
    offset_text = _clean_text(offset)
    if offset_text is not None:
        off = _OFFSET_RE.match(offset_text)
        if off is not None:
            sign = -1 if off.group(1) == "-" else 1
            delta = timedelta(hours=int(off.group(2)), minutes=int(off.group(3)))
            if delta <= timedelta(hours=14):
                parsed = parsed.replace(tzinfo=timezone(sign * delta))
    return parsed


def _to_float(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _dms_to_degrees(value: object) -> float | None:
    if isinstance(value, tuple | list):
        parts = [_to_float(part) for part in value]
        if not parts or len(parts) > 3 or any(part is None for part in parts):
            return None
        numbers = [p for p in parts if p is not None]
        while len(numbers) < 3:
            numbers.append(0.0)
        return numbers[0] + numbers[1] / 60.0 + numbers[2] / 3600.0
    return _to_float(value)


def parse_gps(gps_ifd: dict[int, Any]) -> GpsFix | None:
    """A GPS IFD (``getexif().get_ifd(0x8825)``) → a fix, or None when it holds no usable location."""
    if not gps_ifd:
        return None
    lat = _dms_to_degrees(gps_ifd.get(_GPS_LAT))
    lon = _dms_to_degrees(gps_ifd.get(_GPS_LON))
    lat_ref = (_clean_text(gps_ifd.get(_GPS_LAT_REF)) or "").upper()[:1]
    lon_ref = (_clean_text(gps_ifd.get(_GPS_LON_REF)) or "").upper()[:1]
    if lat is None or lon is None or lat_ref not in ("N", "S") or lon_ref not in ("E", "W"):
        return None
    if lat_ref == "S":
        lat = -lat
    if lon_ref == "W":
        lon = -lon
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    if abs(lat) < _NULL_ISLAND_EPS and abs(lon) < _NULL_ISLAND_EPS:
        return None
    alt = _to_float(gps_ifd.get(_GPS_ALT))
    if alt is not None:
        ref = gps_ifd.get(_GPS_ALT_REF)
        below = ref in (1, b"\x01") or (isinstance(ref, bytes) and ref[:1] == b"\x01")
        alt = -alt if below else alt
        if abs(alt) > 100_000:
            alt = None
    return GpsFix(round(lat, 7), round(lon, 7), None if alt is None else round(alt, 2))


def _orientation(value: object) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= 8 else 1


def device_clock_time(path: Path | None = None, fallback: datetime | None = None) -> datetime:
    """The file's modification time (aware, local zone, whole seconds), else ``fallback``, else now."""
    if path is not None:
        try:
            return datetime.fromtimestamp(int(Path(path).stat().st_mtime), tz=UTC).astimezone()
        except (OSError, OverflowError, ValueError):
            pass
    if fallback is not None:
        return fallback
    return datetime.now(tz=UTC).astimezone().replace(microsecond=0)


# -- the reader -----------------------------------------------------------------------------


def read_metadata(
    image: Image.Image,
    *,
    source_path: Path | None = None,
    fallback_time: datetime | None = None,
) -> PhotoMetadata:
    """Read metadata from an opened (not necessarily loaded) image. Never raises on bad EXIF.

    ``source_path`` supplies the device-clock time (its mtime) when EXIF has none;
    ``fallback_time`` is used when there is no file either (e.g. a pasted image).
    """
    notes: list[str] = []
    make = model = None
    orientation = 1
    captured: datetime | None = None
    gps: GpsFix | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exif = image.getexif()
        except Exception as exc:  # corrupt EXIF must never stop an import
            notes.append(f"EXIF unreadable: {exc}")
            exif = None
        if exif is not None:
            make = _clean_text(exif.get(_MAKE))
            model = _clean_text(exif.get(_MODEL))
            orientation = _orientation(exif.get(_ORIENTATION))
            sub: dict[int, Any] = {}
            try:
                sub = dict(exif.get_ifd(_IFD_EXIF))
            except Exception as exc:
                notes.append(f"EXIF sub-IFD unreadable: {exc}")
            for tag, offset_tag in ((_DT_ORIGINAL, _OFFSET_ORIGINAL), (_DT_DIGITIZED, _OFFSET_DIGITIZED)):
                captured = parse_exif_datetime(sub.get(tag), sub.get(offset_tag) or sub.get(_OFFSET_TIME))
                if captured is not None:
                    break
            if captured is None:
                captured = parse_exif_datetime(exif.get(_DATETIME), sub.get(_OFFSET_TIME))
            try:
                gps = parse_gps(dict(exif.get_ifd(_IFD_GPS)))
            except Exception as exc:
                notes.append(f"GPS unreadable: {exc}")
    for warning in caught:
        if not issubclass(warning.category, ResourceWarning):
            notes.append(str(warning.message))
    time_source: TimeSource = "exif"
    if captured is None:
        time_source = "device_clock"
        captured = device_clock_time(source_path, fallback_time)
    width, height = image.size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return PhotoMetadata(
        captured_at=captured,
        time_source=time_source,
        gps=gps,
        make=make,
        model=model,
        orientation=orientation,
        width=width,
        height=height,
        format=image.format,
        notes=tuple(notes),
    )


def read_metadata_file(path: Path) -> PhotoMetadata:
    """Open ``path`` (header only) and read its metadata; raises OSError if it is not an image."""

    register_heif()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(path) as image:
            return read_metadata(image, source_path=Path(path))
