"""Metadata: capture time and its source, GPS (with the bogus cases), camera, orientation, size."""

from __future__ import annotations

import io
import os
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif
from PIL import Image

from inspector_app.photos.metadata import parse_exif_datetime, parse_gps, read_metadata, read_metadata_file


def _meta(data: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
    with Image.open(io.BytesIO(data)) as image:
        return read_metadata(image, **kwargs)  # type: ignore[arg-type]


def test_pillow_written_exif_is_read() -> None:
    data = jpeg_with_exif(
        asymmetric_image((600, 400)),
        orientation=6,
        datetime_original="2026:11:20 09:15:00",
        offset="+08:00",
        gps=gps_ifd(31.78123, 119.95678, 12.5),
        make="HUAWEI",
        model="P60 Pro",
    )
    meta = _meta(data)
    assert meta.time_source == "exif"
    assert meta.captured_at == datetime(2026, 11, 20, 9, 15, tzinfo=timezone(timedelta(hours=8)))
    assert meta.gps is not None
    assert meta.gps.lat == pytest.approx(31.78123, abs=1e-5)
    assert meta.gps.lon == pytest.approx(119.95678, abs=1e-5)
    assert meta.gps.alt == pytest.approx(12.5)
    assert (meta.make, meta.model, meta.orientation) == ("HUAWEI", "P60 Pro", 6)
    assert (meta.width, meta.height) == (400, 600)  # upright size after orientation 6
    assert meta.to_json()["gps"]["lat"] == pytest.approx(31.78123, abs=1e-5)


def test_southern_western_hemispheres() -> None:
    meta = _meta(jpeg_with_exif(asymmetric_image(), gps=gps_ifd(-33.45, -70.66)))
    assert meta.gps is not None and meta.gps.lat < 0 and meta.gps.lon < 0
    assert meta.gps.as_text() == "33.45000°S 70.66000°W"


@pytest.mark.parametrize(
    "ifd",
    [
        {},  # empty GPS IFD
        {0: b"\x02\x03\x00\x00"},  # version only
        gps_ifd(0.0, 0.0),  # null island
        {1: "N", 2: (31.0, 0.0, 0.0)},  # latitude without longitude
        {1: "X", 2: (31.0, 0.0, 0.0), 3: "E", 4: (120.0, 0.0, 0.0)},  # bad reference
        {1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (120.0, 0.0, 0.0)},  # out of range
    ],
)
def test_bogus_gps_is_no_gps(ifd: dict[int, object]) -> None:
    assert parse_gps(ifd) is None


def test_null_island_in_a_real_file_gives_no_gps() -> None:
    meta = _meta(jpeg_with_exif(asymmetric_image(), gps=gps_ifd(0.0, 0.0), datetime_original="2024:01:02 03:04:05"))
    assert meta.gps is None and meta.time_source == "exif"


def test_no_exif_time_falls_back_to_file_mtime(tmp_path: Path) -> None:
    path = tmp_path / "noexif.jpg"
    asymmetric_image().save(path, "JPEG")
    stamp = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    meta = read_metadata_file(path)
    assert meta.time_source == "device_clock"
    assert meta.captured_at.timestamp() == pytest.approx(stamp)
    assert meta.captured_at.tzinfo is not None
    assert meta.gps is None and meta.make is None


def test_datetime_parsing_edge_cases() -> None:
    assert parse_exif_datetime("0000:00:00 00:00:00") is None
    assert parse_exif_datetime("    ") is None
    assert parse_exif_datetime(b"2020:07:27 14:46:48\x00") == datetime(2020, 7, 27, 14, 46, 48)
    assert parse_exif_datetime("2020:07:27 14:46:48", "-05:30") == datetime(
        2020, 7, 27, 14, 46, 48, tzinfo=timezone(-timedelta(hours=5, minutes=30))
    )
    assert parse_exif_datetime("2020:07:27 14:46:48", "garbage") == datetime(2020, 7, 27, 14, 46, 48)


# -- the real photos ----------------------------------------------------------------------------

GPS_EXPECTED = {
    "large-phone.jpg": (50.29960, 14.82029),
    "heic-phone.heic": (44.85048, 34.97665),
    "gps-iphone5-orient3.jpg": (47.62717, -122.33733),
    "gps-htc.jpg": (45.50067, 9.11033),
    "gps-sony.jpg": (51.77862, 8.36564),
}

TIMES_EXPECTED = {
    "large-phone.jpg": "2018-07-25T16:34:23",
    "large-camera-canon.jpg": "2019-10-26T16:07:24",
    "heic-phone.heic": "2023-02-21T14:33:08+03:00",
    "gps-iphone5-orient3.jpg": "2012-09-29T16:11:25",
    "gps-htc.jpg": "2011-05-06T09:59:48",
    "gps-sony.jpg": "2010-05-15T17:12:05",
    "gps-zero-samsung-orient6.jpg": "2011-04-02T18:30:10",
    "gps-empty-xiaomi-orient6.jpg": "2020-07-27T14:46:48",
    "badexif-nikon.jpg": "2013-09-11T16:45:13",
}


@pytest.mark.fixtures
@pytest.mark.parametrize("name", sorted(GPS_EXPECTED))
def test_real_photos_gps(photo_fixtures: Path, name: str) -> None:
    meta = read_metadata_file(photo_fixtures / name)
    assert meta.gps is not None
    lat, lon = GPS_EXPECTED[name]
    assert meta.gps.lat == pytest.approx(lat, abs=1e-4)
    assert meta.gps.lon == pytest.approx(lon, abs=1e-4)


@pytest.mark.fixtures
@pytest.mark.parametrize(
    "name", ["gps-zero-samsung-orient6.jpg", "gps-empty-xiaomi-orient6.jpg", "large-camera-canon.jpg", "orient-1.jpg"]
)
def test_real_photos_without_usable_gps(photo_fixtures: Path, name: str) -> None:
    assert read_metadata_file(photo_fixtures / name).gps is None


@pytest.mark.fixtures
@pytest.mark.parametrize("name", sorted(TIMES_EXPECTED))
def test_real_photos_capture_time(photo_fixtures: Path, name: str) -> None:
    meta = read_metadata_file(photo_fixtures / name)
    assert meta.time_source == "exif"
    assert meta.captured_at_iso == TIMES_EXPECTED[name]


@pytest.mark.fixtures
def test_real_photos_camera_and_orientation(photo_fixtures: Path) -> None:
    canon = read_metadata_file(photo_fixtures / "large-camera-canon.jpg")
    assert (canon.make, canon.model, canon.camera) == ("Canon", "Canon EOS 1300D", "Canon EOS 1300D")
    assert (canon.width, canon.height) == (5184, 3456)
    samsung = read_metadata_file(photo_fixtures / "gps-zero-samsung-orient6.jpg")
    assert samsung.make == "SAMSUNG" and samsung.orientation == 6
    assert (samsung.width, samsung.height) == (480, 640)
    iphone = read_metadata_file(photo_fixtures / "gps-iphone5-orient3.jpg")
    assert iphone.camera == "Apple iPhone 5" and iphone.orientation == 3


@pytest.mark.fixtures
@pytest.mark.parametrize("name", ["badexif-hopper.jpg", "badexif-nikon.jpg"])
def test_corrupt_exif_never_raises_or_warns(photo_fixtures: Path, name: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        meta = read_metadata_file(photo_fixtures / name)
    assert [w for w in caught if not issubclass(w.category, ResourceWarning)] == []
    assert meta.width > 0 and meta.height > 0
    if name == "badexif-nikon.jpg":
        assert meta.make == "NIKON CORPORATION" and meta.model == "NIKON D800"
    else:
        assert meta.time_source == "device_clock" and meta.notes  # the corruption is noted, not raised
