"""Hand-made zip files, struct by struct, for the adversarial tests (no zipfile involved)."""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from inspector_app.bundle.bag import manifest_bytes
from inspector_app.bundle.profile import BAG_INFO, HEADER_JSON, MANIFEST, SIGNATURE, TAGGED_FILES, TAGMANIFEST
from inspector_app.bundle.signing import Signer, sign_tagmanifest


@dataclass
class Raw:
    name: bytes
    data: bytes = b"hello"
    method: int = 0
    flags: int | None = None
    ext_attr: int = 0o100644 << 16
    system: int = 3
    crc: int | None = None
    usize: int | None = None
    local_name: bytes | None = None
    extra: bytes = b""
    compressed: bytes | None = field(default=None, repr=False)

    def payload(self) -> bytes:
        if self.compressed is None:
            if self.method == 8:
                c = zlib.compressobj(9, zlib.DEFLATED, -15)
                self.compressed = c.compress(self.data) + c.flush()
            else:
                self.compressed = self.data
        return self.compressed

    def flag_bits(self) -> int:
        if self.flags is not None:
            return self.flags
        try:
            self.name.decode("ascii")
            return 0
        except UnicodeDecodeError:
            return 0x800


def local_header(e: Raw) -> bytes:
    data = e.payload()
    crc = zlib.crc32(e.data) if e.crc is None else e.crc
    usize = len(e.data) if e.usize is None else e.usize
    name = e.name if e.local_name is None else e.local_name
    return struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, e.flag_bits(), e.method, 0, 0x21, crc, len(data),
                       usize, len(name), len(e.extra)) + name + e.extra


def central_header(e: Raw, offset: int) -> bytes:
    data = e.payload()
    crc = zlib.crc32(e.data) if e.crc is None else e.crc
    usize = len(e.data) if e.usize is None else e.usize
    return struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", (e.system << 8) | 20, 20, e.flag_bits(), e.method,
                       0, 0x21, crc, len(data), usize, len(e.name), len(e.extra), 0, 0, 0, e.ext_attr,
                       offset) + e.name + e.extra


def eocd(count: int, cd_size: int, cd_offset: int, comment: bytes = b"") -> bytes:
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, cd_size, cd_offset, len(comment)) + comment


def build(entries: list[Raw], prefix: bytes = b"", suffix: bytes = b"", count: int | None = None,
          offsets: list[int] | None = None) -> bytes:
    """Lay entries out one after another; ``offsets`` overrides the central directory's offsets."""
    body = b""
    real_offsets = []
    for e in entries:
        real_offsets.append(len(body))
        body += local_header(e) + e.payload()
    central = b"".join(central_header(e, o) for e, o in zip(entries, offsets or real_offsets, strict=True))
    return prefix + body + central + eocd(len(entries) if count is None else count, len(central), len(body)) + suffix


def overlapping_bomb() -> bytes:
    """Entry 'a' (stored) whose data contains entry 'b's local header and data (CVE-2024-0450 style)."""
    inner = Raw(b"b.txt", b"B" * 1000, method=8)
    inner_bytes = local_header(inner) + inner.payload()
    outer = Raw(b"a.txt", inner_bytes)
    body = local_header(outer) + outer.payload()
    central = central_header(outer, 0) + central_header(inner, 30 + len(outer.name))
    return body + central + eocd(2, len(central), len(body))


# -- bundle tampering ---------------------------------------------------------------------------------
def read_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_members(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if name.endswith((".txt", ".json")) else zipfile.ZIP_STORED
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            zf.writestr(info, data)


def top_of(members: dict[str, bytes]) -> str:
    return next(iter(members)).split("/", 1)[0]


def recompute(members: dict[str, bytes], resign: Signer | None = None) -> None:
    """Recompute manifest, tag manifest (and the signature when ``resign`` is given) in place."""
    top = top_of(members)
    payload = {n[len(top) + 1 :]: hashlib.sha256(d).hexdigest() for n, d in members.items()
               if n.startswith(f"{top}/data/")}
    members[f"{top}/{MANIFEST}"] = manifest_bytes(payload)
    tags = {t: hashlib.sha256(members[f"{top}/{t}"]).hexdigest() for t in TAGGED_FILES}
    members[f"{top}/{TAGMANIFEST}"] = manifest_bytes(tags)
    if resign is not None:
        members[f"{top}/{SIGNATURE}"] = sign_tagmanifest(resign, members[f"{top}/{TAGMANIFEST}"]).to_bytes()


def tamper(src: Path, dst: Path, edit: Callable[[dict[str, bytes], str], None], *, manifests: bool = False,
           resign: Signer | None = None) -> Path:
    members = read_members(src)
    edit(members, top_of(members))
    if manifests or resign is not None:
        recompute(members, resign)
    write_members(dst, members)
    return dst


def replace_line(members: dict[str, bytes], name: str, label: str, value: str) -> None:
    lines = members[name].decode().splitlines()
    out = [f"{label}: {value}" if line.startswith(f"{label}:") else line for line in lines]
    members[name] = ("\n".join(out) + "\n").encode()


__all__ = ["BAG_INFO", "HEADER_JSON", "Raw", "build", "overlapping_bomb", "replace_line", "tamper"]
