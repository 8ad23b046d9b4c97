"""The content-addressed store: naming, de-duplication, atomic writes, verification."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from inspector_app.photos.store import PhotoStore, PhotoStoreError, StoredFileMissing


def test_original_named_by_sha256_in_fanout_folder(store: PhotoStore) -> None:
    data = b"\xff\xd8 not really a jpeg but bytes are bytes"
    sha = hashlib.sha256(data).hexdigest()
    result = store.put_bytes(data, ".JPG")
    assert result.created
    assert result.sha256 == sha
    assert result.path == store.root / "originals" / sha[:2] / f"{sha}.jpg"
    assert result.path.read_bytes() == data
    assert store.exists(sha) and store.read(sha) == data
    assert store.path(sha) == result.path


def test_same_bytes_twice_is_one_file(store: PhotoStore) -> None:
    first = store.put_bytes(b"abc", "jpg")
    second = store.put_bytes(b"abc", "jpg")
    assert not second.created and second.path == first.path
    files = [p for p in (store.root / "originals").rglob("*") if p.is_file()]
    assert files == [first.path]


def test_derived_area_is_separate(store: PhotoStore) -> None:
    put = store.put_derived(b"thumb", "jpg")
    assert store.exists(put.sha256, "derived")
    assert not store.exists(put.sha256, "originals")
    assert store.iter_hashes("derived") == [put.sha256]


def test_no_temporary_files_left(store: PhotoStore) -> None:
    for i in range(5):
        store.put_bytes(bytes([i]) * 100, "png")
    leftovers = [p for p in store.root.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_verify_detects_tampering(store: PhotoStore) -> None:
    put = store.put_bytes(b"original bytes", "jpg")
    assert store.verify(put.sha256)
    put.path.write_bytes(b"edited bytes")
    assert not store.verify(put.sha256)


def test_missing_and_bad_hashes(store: PhotoStore, tmp_path: Path) -> None:
    with pytest.raises(StoredFileMissing):
        store.path("0" * 64)
    with pytest.raises(PhotoStoreError):
        store.find("not-a-hash")
    with pytest.raises(PhotoStoreError):
        store.put_bytes(b"x", "../evil")
    source = tmp_path / "photo.HEIC"
    source.write_bytes(b"heic bytes")
    put = store.put_file(source)
    assert put.path.suffix == ".heic" and store.read(put.sha256) == b"heic bytes"
