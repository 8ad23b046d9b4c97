"""Shared helpers for the bundle tests (importable, unlike conftest)."""

from __future__ import annotations

import hashlib

from inspector_app.bundle.bag import BagWriter
from inspector_app.bundle.profile import BundleHeader, Direction
from inspector_app.bundle.signing import Signer

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"


def make_header(signer: Signer, sequence: int = 1, **extra: object) -> BundleHeader:
    return BundleHeader(Direction.INSPECTOR_TO_OFFICE, "device-0001", signer.fingerprint, "王检查", sequence,
                        "2026-11-25T10:00:00Z", extra=dict(extra))


def fill_sample(writer: BagWriter) -> None:
    writer.add_json("data/records/inspections/42.json", {"id": 42, "enterprise": "常州市某化工有限公司"})
    writer.add_json("data/records/findings/7.json", {"id": 7, "text": "消防通道堵塞"})
    writer.add_bytes(f"data/photos/originals/{hashlib.sha256(JPEG).hexdigest()}.jpg", JPEG)
