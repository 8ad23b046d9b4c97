"""Write a signed BagIt 1.0 bag inside a zip under the Inspector profile.

``BagWriter`` streams payload files into the zip (photos, PDFs and images stored uncompressed, JSON
deflated) while hashing them with SHA-256, then writes the tag files, the tag manifest and the
signature over it.  ``write_bundle`` wraps that in the crash-safe sequence the export needs:
temporary name → fsync → read back and verify → rename → fsync the directory.

Validation lives in ``bag_verify`` (``verify_bundle`` and ``VerifiedBundle`` are re-exported here).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector_app.bundle.bag_verify import VerifiedBundle, verify_bundle
from inspector_app.bundle.errors import BagInvalidError
from inspector_app.bundle.profile import (
    BAG_INFO,
    BAGIT,
    BAGIT_TXT,
    HEADER_JSON,
    MANIFEST,
    SIGNATURE,
    TAGMANIFEST,
    BundleHeader,
    payload_rule,
)
from inspector_app.bundle.signing import Signer, sign_tagmanifest
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.storage.files import fsync_dir
from inspector_app.translation import _

CHUNK = 1 << 20
__all__ = ["BagWriter", "VerifiedBundle", "WrittenBag", "manifest_bytes", "verify_bundle", "write_bundle"]


@dataclass(frozen=True)
class WrittenBag:
    path: Path
    header: BundleHeader
    payload_files: int
    payload_bytes: int


def _date_time(created_at: str) -> tuple[int, int, int, int, int, int]:
    try:
        d, t = created_at[:10], created_at[11:19]
        y, mo, da = (int(x) for x in d.split("-"))
        h, mi, s = (int(x) for x in t.split(":"))
        return (max(y, 1980), mo, da, h, mi, s)
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)


class BagWriter:
    """Write one bag into ``path`` (a new zip file).  Call ``close()`` to finish and sign it."""

    def __init__(self, path: Path, header: BundleHeader, signer: Signer) -> None:
        if signer.fingerprint != header.key_fingerprint:
            raise ValueError("the header names another key than the signer's")
        self.path = Path(path)
        self.header = header
        self._signer = signer
        self._zip = zipfile.ZipFile(self.path, "x", allowZip64=True)
        self._manifest: dict[str, str] = {}
        self._bytes = 0
        self._when = _date_time(header.created_at)
        self._closed = False

    def _info(self, name: str, stored: bool, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{self.header.top_dir}/{name}", self._when)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.create_system = 3
        info.external_attr = (0o100644 << 16)
        info.file_size = size
        return info

    def _payload_rule(self, path: str) -> tuple[bool, bool]:
        rule = payload_rule(path)
        if rule is None:
            raise BagInvalidError(_("载荷路径 {path!r} 不符合数据包的路径规则（path grammar）").format(path=path))
        if path in self._manifest:
            raise BagInvalidError(_("载荷路径 {path!r} 被加入了两次").format(path=path))
        return rule

    def _check_addressed(self, path: str, addressed: bool, digest: str) -> None:
        if addressed and path.rsplit("/", 1)[1].split(".")[0] != digest:
            raise BagInvalidError(_("{path!r} 的文件名中的 SHA-256 与其内容的 SHA-256（{digest}）不符").format(path=path, digest=digest), code="bad_manifest")

    def add_bytes(self, path: str, data: bytes) -> str:
        """Add a payload file (``path`` starts with ``data/``); returns its SHA-256."""
        stored, addressed = self._payload_rule(path)
        digest = hashlib.sha256(data).hexdigest()
        self._check_addressed(path, addressed, digest)
        self._zip.writestr(self._info(path, stored, len(data)), data)
        self._manifest[path] = digest
        self._bytes += len(data)
        return digest

    def add_json(self, path: str, obj: Any) -> str:
        data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        return self.add_bytes(path, data)

    def add_file(self, path: str, source: Path, cancel: CancelToken | None = None,
                 known_sha256: str | None = None) -> str:
        """Stream ``source`` into the bag; a content-addressed name is checked against its bytes.

        ``known_sha256`` (e.g. from a content-addressed store) skips hashing while writing; only pass it
        when the bag is verified afterwards (``write_bundle`` always reads the bundle back and re-hashes
        every file, so a store file that no longer matches its name fails the export there).
        """
        stored, addressed = self._payload_rule(path)
        size = os.path.getsize(source)
        sha = hashlib.sha256() if known_sha256 is None else None
        with open(source, "rb") as src, self._zip.open(self._info(path, stored, size), "w",
                                                         force_zip64=size > 0x7FFF0000) as dst:
            while chunk := src.read(CHUNK):
                if sha is not None:
                    sha.update(chunk)
                dst.write(chunk)
                if cancel is not None:
                    cancel.raise_if_cancelled()
        digest = sha.hexdigest() if sha is not None else str(known_sha256)
        self._check_addressed(path, addressed, digest)
        self._manifest[path] = digest
        self._bytes += size
        return digest

    def _tag(self, name: str, data: bytes, tagged: dict[str, str]) -> None:
        self._zip.writestr(self._info(name, False, len(data)), data)
        tagged[name] = hashlib.sha256(data).hexdigest()

    def close(self) -> WrittenBag:
        """Write the tag files, the tag manifest and its signature; flush and fsync the zip."""
        tagged: dict[str, str] = {}
        self._tag(BAGIT, BAGIT_TXT, tagged)
        self._tag(BAG_INFO, self.header.bag_info(self._bytes, len(self._manifest)), tagged)
        self._tag(HEADER_JSON, self.header.to_json(), tagged)
        self._tag(MANIFEST, manifest_bytes(self._manifest), tagged)
        tagmanifest = manifest_bytes(tagged)
        self._zip.writestr(self._info(TAGMANIFEST, False, len(tagmanifest)), tagmanifest)
        block = sign_tagmanifest(self._signer, tagmanifest).to_bytes()
        self._zip.writestr(self._info(SIGNATURE, False, len(block)), block)
        handle = self._zip.fp
        self._zip.close()
        self._closed = True
        del handle
        with open(self.path, "rb+") as again:
            os.fsync(again.fileno())
        return WrittenBag(self.path, self.header, len(self._manifest), self._bytes)

    def abort(self) -> None:
        if not self._closed:
            with contextlib.suppress(Exception):
                self._zip.close()
            self._closed = True
        with contextlib.suppress(OSError):
            self.path.unlink()


def manifest_bytes(entries: dict[str, str]) -> bytes:
    """``<sha256>  <path>`` lines, sorted by path, LF-terminated (RFC 8493 §2.1.3)."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(entries.items())).encode()


def write_bundle(
    target: Path,
    header: BundleHeader,
    signer: Signer,
    fill: Callable[[BagWriter], None],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> WrittenBag:
    """Write a bundle crash-safely: a temporary name, read back and verified, then renamed to ``target``.

    A crash or cancel at any point leaves either no ``target`` (or the previous one) and at most a
    ``.partial`` file that the next export overwrites.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    writer = BagWriter(temp, header, signer)
    try:
        progress(0, 0, "writing")
        fill(writer)
        written = writer.close()
        progress(0, 0, "verifying")
        if cancel is not None:
            cancel.raise_if_cancelled()
        verify_bundle(temp, trust=None, expected_fingerprint=signer.fingerprint).close()
        os.replace(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        writer.abort()
        raise
    return WrittenBag(target, written.header, written.payload_files, written.payload_bytes)
