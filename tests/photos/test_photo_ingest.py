"""Ingest: upright derived images, HEIC, rejection of unusable files by name, de-duplication, batches."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif
from PIL import Image, ImageChops, ImageStat

from inspector_app.domain.errors import Cancelled, ValidationError
from inspector_app.domain.progress import CancelToken
from inspector_app.photos.ingest import (
    IngestOptions,
    PhotoRejected,
    collect_image_paths,
    ingest_bytes,
    ingest_file,
    ingest_many,
)
from inspector_app.photos.store import PhotoStore

# The inverse of the transpose exif_transpose applies for each orientation.
STORE_AS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def mean_abs_diff(a: Image.Image, b: Image.Image) -> float:
    assert a.size == b.size, (a.size, b.size)
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return sum(ImageStat.Stat(diff).mean) / 3


def stored_image(store: PhotoStore, sha: str) -> Image.Image:
    with Image.open(io.BytesIO(store.read(sha, "derived"))) as image:
        image.load()
        return image.copy()


def all_files(store: PhotoStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` but holds almost no data (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", len(idat)) + b"IDAT" + idat + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
        + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    )


# -- orientation ------------------------------------------------------------------------------


@pytest.mark.parametrize("orientation", range(1, 9))
def test_synthetic_orientations_come_out_upright(store: PhotoStore, orientation: int) -> None:
    upright = asymmetric_image((600, 400))
    stored = upright if orientation == 1 else upright.transpose(STORE_AS[orientation])
    photo = ingest_bytes(jpeg_with_exif(stored, orientation=orientation), f"o{orientation}.jpg", store)
    assert (photo.metadata.width, photo.metadata.height) == (600, 400)
    display = stored_image(store, photo.display.sha256)
    assert mean_abs_diff(display, upright) < 6
    thumb = stored_image(store, photo.thumbnail.sha256)
    assert thumb.size == (256, 171)
    assert mean_abs_diff(thumb, upright.resize(thumb.size, Image.Resampling.LANCZOS)) < 8


@pytest.mark.fixtures
def test_real_orientations_come_out_upright(photo_fixtures: Path, store: PhotoStore) -> None:
    reference = ingest_file(photo_fixtures / "orient-1.jpg", store)
    ref_display = stored_image(store, reference.display.sha256)
    ref_thumb = stored_image(store, reference.thumbnail.sha256)
    assert ref_display.size == (1600, 1067)
    for n in range(2, 9):
        photo = ingest_file(photo_fixtures / f"orient-{n}.jpg", store)
        assert photo.metadata.orientation == n
        assert (photo.metadata.width, photo.metadata.height) == (1800, 1200)
        display = stored_image(store, photo.display.sha256)
        assert mean_abs_diff(display, ref_display) < 8, f"orient-{n} display"
        thumb = stored_image(store, photo.thumbnail.sha256)
        assert max(thumb.size) == 256
        assert mean_abs_diff(thumb, ref_thumb) < 10, f"orient-{n} thumbnail"


@pytest.mark.fixtures
def test_real_phone_photo_upside_down_is_turned(photo_fixtures: Path, store: PhotoStore) -> None:
    photo = ingest_file(photo_fixtures / "gps-iphone5-orient3.jpg", store)
    source = Image.open(photo_fixtures / "gps-iphone5-orient3.jpg")
    source.draft("RGB", (1632, 1224))
    expected = source.transpose(Image.Transpose.ROTATE_180).resize((1600, 1200), Image.Resampling.LANCZOS)
    assert mean_abs_diff(stored_image(store, photo.display.sha256), expected) < 6


# -- formats -----------------------------------------------------------------------------------


@pytest.mark.fixtures
def test_heic_is_ingested(photo_fixtures: Path, store: PhotoStore) -> None:
    photo = ingest_file(photo_fixtures / "heic-phone.heic", store)
    assert photo.format == "HEIF" and photo.original_ext == "heic"
    assert photo.original_path.suffix == ".heic"
    assert (photo.display.width, photo.display.height) == (1600, 1200)
    assert photo.metadata.gps is not None and photo.metadata.camera == "Apple iPhone 13 Pro"
    assert photo.metadata.time_source == "exif"


def test_png_with_transparency_is_ingested(store: PhotoStore) -> None:
    image = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    photo = ingest_bytes(buffer.getvalue(), "screenshot.png", store)
    assert photo.format == "PNG" and photo.original_path.suffix == ".png"
    display = stored_image(store, photo.display.sha256)
    assert display.mode == "RGB" and display.getpixel((10, 10)) == (255, 255, 255)


def test_display_size_is_configurable(store: PhotoStore) -> None:
    data = jpeg_with_exif(asymmetric_image((3000, 2000)))
    photo = ingest_bytes(data, "big.jpg", store, IngestOptions(display_long_edge=800, thumb_long_edge=100))
    assert (photo.display.width, photo.display.height) == (800, 533)
    assert (photo.thumbnail.width, photo.thumbnail.height) == (100, 67)


# -- rejections --------------------------------------------------------------------------------


def _gif() -> bytes:
    buffer = io.BytesIO()
    asymmetric_image().save(buffer, "GIF")
    return buffer.getvalue()


def _half_jpeg() -> bytes:
    data = jpeg_with_exif(asymmetric_image((800, 600)))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("name", "make", "code", "words"),
    [
        ("empty.jpg", lambda: b"", "empty", "文件为空"),
        ("notes.jpg", lambda: "这不是图片 not an image".encode() * 20, "not_image", "不是图片文件"),
        ("bomb.png", lambda: png_header_only(20_000, 20_000), "bomb", "解压炸弹"),
        ("bomb121.png", lambda: png_header_only(11_000, 11_000), "bomb", "121 MP，超过 120 MP 上限"),
        ("anim.gif", _gif, "unsupported", "不支持的格式 GIF"),
        ("half.jpg", _half_jpeg, "truncated", "损坏或不完整"),
    ],
)
def test_unusable_files_are_rejected_by_name_and_nothing_is_stored(
    store: PhotoStore, tmp_path: Path, name: str, make: object, code: str, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make())  # type: ignore[operator]
    with pytest.raises(PhotoRejected) as info:
        ingest_file(path, store)
    assert isinstance(info.value, ValidationError)
    assert info.value.code == code
    assert str(info.value).startswith(f"{name}: ")
    assert words in info.value.reason
    assert all_files(store) == []


@pytest.mark.fixtures
def test_truncated_real_jpeg_is_rejected_by_name(photo_fixtures: Path, store: PhotoStore) -> None:
    with pytest.raises(PhotoRejected) as info:
        ingest_file(photo_fixtures / "broken-truncated.jpg", store)
    assert info.value.code == "truncated"
    assert "broken-truncated.jpg" in str(info.value)
    assert all_files(store) == []


@pytest.mark.fixtures
@pytest.mark.parametrize("name", ["badexif-hopper.jpg", "badexif-nikon.jpg"])
def test_bad_exif_photos_are_accepted(photo_fixtures: Path, store: PhotoStore, name: str) -> None:
    photo = ingest_file(photo_fixtures / name, store)
    assert photo.display.width > 0


def test_missing_file(store: PhotoStore, tmp_path: Path) -> None:
    with pytest.raises(PhotoRejected) as info:
        ingest_file(tmp_path / "gone.jpg", store)
    assert info.value.code == "missing"


# -- custody -----------------------------------------------------------------------------------


def test_original_kept_byte_for_byte_and_second_add_stores_nothing(store: PhotoStore, tmp_path: Path) -> None:
    data = jpeg_with_exif(asymmetric_image(), gps=gps_ifd(31.7, 119.9), datetime_original="2026:01:02 03:04:05")
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(data)
    first = ingest_file(path, store)
    assert first.created
    assert first.sha256 == hashlib.sha256(data).hexdigest()
    assert store.read(first.sha256) == data and store.verify(first.sha256)
    files = all_files(store)
    assert len(files) == 3  # original, display copy, thumbnail
    copy = tmp_path / "copy-of-the-same.jpg"
    copy.write_bytes(data)
    second = ingest_file(copy, store)
    assert not second.created
    assert (second.sha256, second.display, second.thumbnail) == (first.sha256, first.display, first.thumbnail)
    assert all_files(store) == files


# -- batches -----------------------------------------------------------------------------------


def _batch(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    items = {
        "a-good.jpg": jpeg_with_exif(asymmetric_image(), datetime_original="2026:01:01 08:00:00"),
        "b-empty.jpg": b"",
        "c-text.png": b"hello",
        "d-good.png": None,
        "e-half.jpg": _half_jpeg(),
    }
    paths = []
    for name, data in items.items():
        path = folder / name
        if data is None:
            asymmetric_image((320, 240)).save(path, "PNG")
        else:
            path.write_bytes(data)
        paths.append(path)
    return paths


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_many_reports_each_file_and_goes_on(store: PhotoStore, tmp_path: Path, workers: int) -> None:
    paths = _batch(tmp_path)
    calls: list[tuple[int, int, str]] = []
    results = ingest_many(paths, store, lambda d, t, m: calls.append((d, t, m)), workers=workers)
    assert [r.name for r in results] == [p.name for p in paths]
    assert [r.ok for r in results] == [True, False, False, True, False]
    assert [r.code for r in results] == [None, "empty", "not_image", None, "truncated"]
    assert results[1].message == "b-empty.jpg: 文件为空（0 字节）"
    assert calls[0] == (0, 5, "") and calls[-1][:2] == (5, 5)
    assert len(store.iter_hashes("originals")) == 2


def test_ingest_many_cancel(store: PhotoStore, tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    token = CancelToken()

    def progress(done: int, total: int, message: str) -> None:
        if done >= 1:
            token.cancel()

    with pytest.raises(Cancelled):
        ingest_many(paths, store, progress, token, workers=1)
    assert len(store.iter_hashes("originals")) == 1


def test_collect_image_paths_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.JPG", "a.heic", "sub/c.png", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    extra = tmp_path / "notes.txt"
    found = collect_image_paths([tmp_path, extra])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.heic", "b.JPG", "sub/c.png", "notes.txt"]


def test_a_crashing_decoder_only_costs_its_own_file(store: PhotoStore, tmp_path: Path) -> None:
    from photo_helpers import crashing_worker

    from inspector_app.photos.ingest import iter_ingest

    paths = []
    for i in range(6):
        path = tmp_path / (f"crash{i}.jpg" if i == 2 else f"ok{i}.jpg")
        path.write_bytes(jpeg_with_exif(asymmetric_image((200 + i, 100))))
        paths.append(path)
    results = dict(iter_ingest(paths, store, workers=2, _worker_fn=crashing_worker))  # type: ignore[arg-type]
    assert sorted(results) == list(range(6))
    assert [results[i].code for i in range(6)] == [None, None, "crashed", None, None, None]
    assert "崩溃" in (results[2].reason or "")


def test_heic_with_orientation_comes_out_upright(store: PhotoStore) -> None:
    from inspector_app.photos.formats import register_heif

    if not register_heif():
        pytest.skip("pillow-heif not installed")
    upright = asymmetric_image((600, 400))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    upright.transpose(STORE_AS[6]).save(buffer, "HEIF", exif=exif.tobytes(), quality=90)
    photo = ingest_bytes(buffer.getvalue(), "IMG_0001.HEIC", store)
    assert (photo.metadata.width, photo.metadata.height) == (600, 400)
    assert mean_abs_diff(stored_image(store, photo.display.sha256), upright) < 6
