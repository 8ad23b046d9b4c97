"""A photo that cannot be read is refused in the interface's words: Pillow's own English ("image file is
truncated (8 bytes not processed)") no longer reaches a Chinese screen (issue 17), and the English
interface gets English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app import translation
from inspector_app.photos.ingest import PhotoRejected, ingest_file
from inspector_app.photos.store import PhotoStore

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def english() -> Iterator[None]:
    before = translation.current_language()
    translation.set_language("en")
    try:
        yield
    finally:
        translation.set_language(before)


def _half_jpeg(tmp_path: Path, photo_fixtures: Path) -> Path:
    data = (photo_fixtures / "orient-1.jpg").read_bytes()
    path = tmp_path / "半张.jpg"
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.fixtures
def test_a_truncated_photo_is_refused_in_chinese_without_the_library_words(
        tmp_path: Path, photo_fixtures: Path) -> None:
    store = PhotoStore(tmp_path / "store")
    for path in (photo_fixtures / "broken-truncated.jpg", _half_jpeg(tmp_path, photo_fixtures)):
        with pytest.raises(PhotoRejected) as info:
            ingest_file(path, store)
        assert info.value.code == "truncated"
        assert "损坏或不完整" in info.value.reason
        assert not LATIN_WORD.search(info.value.reason), info.value.reason  # no "image file is truncated"
        assert isinstance(info.value.__cause__, Exception)  # the library's error stays behind it, for the log


@pytest.mark.fixtures
@pytest.mark.usefixtures("english")
def test_the_english_interface_gets_the_refusal_in_english(tmp_path: Path, photo_fixtures: Path) -> None:
    with pytest.raises(PhotoRejected) as info:
        ingest_file(photo_fixtures / "broken-truncated.jpg", PhotoStore(tmp_path / "store"))
    assert info.value.reason.startswith("The image data is damaged or incomplete")
