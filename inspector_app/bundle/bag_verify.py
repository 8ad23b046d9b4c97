"""Verify a bundle completely before anything is written anywhere.

Order of checks (each failure raises a typed ``BundleError`` naming what is wrong):

1. the zip container (``zipsafe``: traversal, links, bombs, overlaps, junk, encryption, ...);
2. one top folder ``bundle-<uuid>``; ``bagit.txt`` is exactly BagIt 1.0 / UTF-8;
3. ``Inspector-Format-Version`` in ``bag-info.txt`` – a newer version is refused here, before any
   check that a newer format might legitimately change;
4. exactly the profile's tag files; every other file under ``data/`` and in the path grammar;
5. the tag manifest lists exactly the tagged files and their hashes match;
6. the Ed25519 signature over the tag manifest, the key named in bag-info, the trust store;
7. bag-info and ``inspector-bundle.json`` agree; the payload manifest lists exactly the payload;
   Payload-Oxum matches;
8. every payload file's SHA-256 (and zip CRC), content-addressed names match their bytes.

Payload is read once: JSON records are kept in memory, other files are optionally copied into a
staging folder while they are hashed (so the import need not read the bundle twice).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app.bundle.crypto import MAGIC as ENCRYPTED_MAGIC
from inspector_app.bundle.errors import BagInvalidError, BundleError, SignatureError
from inspector_app.bundle.profile import (
    BAG_INFO,
    BAGIT,
    BAGIT_TXT,
    HEADER_JSON,
    MANIFEST,
    MAX_RECORD_BYTES,
    SIGNATURE,
    TAG_FILES,
    TAGGED_FILES,
    TAGMANIFEST,
    TOP_DIR,
    BundleHeader,
    check_format_version,
    header_from,
    parse_bag_info,
    payload_rule,
)
from inspector_app.bundle.records import load_json
from inspector_app.bundle.signing import (
    SignatureBlock,
    TrustedKey,
    TrustStore,
    check_trusted,
    format_fingerprint,
    verify_tagmanifest,
)
from inspector_app.bundle.validate import check_header
from inspector_app.bundle.zipsafe import SafeZip, ZipLimits
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.translation import _

_LINE = re.compile(r"([0-9a-f]{64})  (\S[^\r\n]*)")
MAX_TAG_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class PayloadFile:
    path: str  # relative to the bag, e.g. data/photos/originals/<sha>.jpg
    size: int
    sha256: str


@dataclass
class VerifiedBundle:
    """A bundle that passed every check.  ``records`` holds the JSON payload (bytes, parsed on demand by the
    strict reader ``validate.load_json`` – no NaN/Infinity, at most 32 levels deep – and kept parsed)."""

    path: Path
    header: BundleHeader
    signer_fingerprint: str
    signer: TrustedKey | None
    payload: dict[str, PayloadFile]
    records: dict[str, bytes] = field(default_factory=dict)
    staged: dict[str, Path] = field(default_factory=dict)
    _zip: SafeZip | None = None
    _parsed: dict[str, Any] = field(default_factory=dict)

    def record(self, path: str) -> Any:
        """The parsed record (the same object on every call: callers do not change it)."""
        if path not in self._parsed:
            if path not in self.records:
                raise BagInvalidError(_("记录 {path!r} 缺失").format(path=path), code="bad_record")
            self._parsed[path] = load_json(self.records[path], path)
        return self._parsed[path]

    def records_of(self, kind: str) -> list[tuple[str, Any]]:
        """``(id, parsed JSON)`` of every ``data/records/<kind>/<id>.json``, sorted by id."""
        prefix = f"data/records/{kind}/"
        return [(p[len(prefix) : -5], self.record(p)) for p in sorted(self.records) if p.startswith(prefix)]

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def __enter__(self) -> VerifiedBundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parse_manifest(data: bytes, name: str) -> dict[str, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BagInvalidError(_("{name} 不是 UTF-8 编码").format(name=name)) from None
    if text and not text.endswith("\n"):
        raise BagInvalidError(_("{name} 不以换行结尾（被截断？）").format(name=name), code="bad_manifest")
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = _LINE.fullmatch(line)
        if match is None:
            raise BagInvalidError(_("{name} 第 {number} 行不是 '<sha256>  <路径>' 格式").format(name=name, number=number), code="bad_manifest")
        digest, path = match.groups()
        if path in entries:
            raise BagInvalidError(_("{name} 两次列出 {path!r}").format(name=name, path=path), code="bad_manifest")
        entries[path] = digest
    return entries


def _read_small(zf: SafeZip, name: str, limit: int = MAX_TAG_BYTES) -> bytes:
    if zf.entry(name).size > limit:
        raise BagInvalidError(_("{split} 大于 {limit} 字节").format(split=name.split('/', 1)[-1], limit=limit))
    return zf.read(name)


def verify_bundle(
    path: Path | str,
    trust: TrustStore | None,
    *,
    expected_fingerprint: str | None = None,
    stage_dir: Path | None = None,
    limits: ZipLimits | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> VerifiedBundle:
    """Check everything; return the open, verified bundle (close it when done).

    ``trust=None`` checks the signature only against the key the bundle itself carries (used for the
    read-back after export and by ``bundle verify`` without a workspace); pass a trust store on import.
    """
    path = Path(path)
    try:
        with open(path, "rb") as probe:
            encrypted = probe.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError as exc:
        raise BundleError(_("无法打开 {path_name}：{strerror}").format(path_name=path.name, strerror=exc.strerror), code="unreadable") from exc
    if encrypted:
        raise BundleError(_("{path_name} 是加密的数据包：须先用市局的密钥解密").format(path_name=path.name), code="no_decryption_key")
    zf = SafeZip.open(path, limits)
    try:
        bundle = _verify(zf, path, trust, expected_fingerprint, stage_dir, progress, cancel)
    except BaseException:
        zf.close()
        if stage_dir is not None:
            shutil.rmtree(stage_dir, ignore_errors=True)
        raise
    bundle._zip = zf
    return bundle


def _split_names(zf: SafeZip) -> tuple[str, set[str], set[str]]:
    tops = {name.split("/", 1)[0] for name in zf.names}
    if len(tops) != 1 or any("/" not in name for name in zf.names):
        raise BagInvalidError(_("数据包中必须恰好有一个名为 bundle-<uuid> 的文件夹，此外不能有别的内容"))
    top = tops.pop()
    if not TOP_DIR.fullmatch(top):
        raise BagInvalidError(_("数据包的文件夹 {top!r} 不是以 bundle-<uuid> 命名").format(top=top))
    rel = {name[len(top) + 1 :] for name in zf.names}
    tags = {r for r in rel if "/" not in r}
    return top, tags, rel - tags


def _verify(
    zf: SafeZip,
    path: Path,
    trust: TrustStore | None,
    expected_fingerprint: str | None,
    stage_dir: Path | None,
    progress: Progress,
    cancel: CancelToken | None,
) -> VerifiedBundle:
    top, tags, payload_names = _split_names(zf)

    def full(rel: str) -> str:
        return f"{top}/{rel}"

    if BAGIT not in tags or _read_small(zf, full(BAGIT), 1024) != BAGIT_TXT:
        raise BagInvalidError(_("bagit.txt 缺失，或不是恰好声明 'BagIt-Version: 1.0' 和 UTF-8"))
    if BAG_INFO not in tags:
        raise BagInvalidError(_("缺少 bag-info.txt"))
    info = parse_bag_info(_read_small(zf, full(BAG_INFO), 65536))
    check_format_version(info)
    if tags != TAG_FILES:
        missing = sorted(TAG_FILES - tags)
        extra = sorted(tags - TAG_FILES)
        raise BagInvalidError(_("标签文件（tag files）：缺少 {missing}，不允许的 {extra}").format(missing=missing or '-', extra=extra or '-'))
    for rel in sorted(payload_names):
        if payload_rule(rel) is None:
            raise BagInvalidError(_("载荷文件 {rel!r} 不符合数据包的路径规则（path grammar）").format(rel=rel))

    tagmanifest = _read_small(zf, full(TAGMANIFEST))
    tag_hashes = parse_manifest(tagmanifest, TAGMANIFEST)
    if set(tag_hashes) != set(TAGGED_FILES):
        raise BagInvalidError(_("{TAGMANIFEST} 必须恰好列出 {TAGGED_FILES}").format(TAGMANIFEST=TAGMANIFEST, TAGGED_FILES=', '.join(TAGGED_FILES)), code="bad_manifest")
    tag_bytes: dict[str, bytes] = {}
    for rel in TAGGED_FILES:
        data = _read_small(zf, full(rel))
        if hashlib.sha256(data).hexdigest() != tag_hashes[rel]:
            raise BagInvalidError(_("{rel} 与 {TAGMANIFEST} 中的哈希值不符：数据包被改动过").format(rel=rel, TAGMANIFEST=TAGMANIFEST), code="bad_manifest")
        tag_bytes[rel] = data

    block = SignatureBlock.parse(_read_small(zf, full(SIGNATURE), 4096))
    verify_tagmanifest(block, tagmanifest)
    signer_fp = block.fingerprint
    shown = format_fingerprint(signer_fp)
    if expected_fingerprint is not None and signer_fp != expected_fingerprint:
        raise SignatureError(_("数据包由密钥 {shown} 签名，而不是预期的密钥").format(shown=shown), fingerprint=signer_fp)
    if info.get("Inspector-Key-Fingerprint") != signer_fp:
        raise SignatureError(_("bag-info.txt 中写明的生成方密钥与实际签名的密钥（{shown}）不同").format(shown=shown), fingerprint=signer_fp)
    signer = check_trusted(trust, block.public_key) if trust is not None else None

    # The header JSON through the strict reader and its schema first: header_from's own json.loads and
    # int() then meet neither 100,000 levels, 1e400 nor a list where a number belongs.
    check_header(load_json(tag_bytes[HEADER_JSON], HEADER_JSON, code="bad_profile"))
    header = header_from(info, tag_bytes[HEADER_JSON])
    if top != header.top_dir:
        raise BagInvalidError(_("文件夹 {top!r} 与数据包编号 {bundle_id} 不符").format(top=top, bundle_id=header.bundle_id))
    manifest = parse_manifest(tag_bytes[MANIFEST], MANIFEST)
    if set(manifest) != payload_names:
        unlisted = sorted(payload_names - set(manifest))[:3]
        absent = sorted(set(manifest) - payload_names)[:3]
        raise BagInvalidError(_("{MANIFEST} 与载荷不一致：未列出的 {unlisted}，缺少的 {absent}").format(MANIFEST=MANIFEST, unlisted=unlisted or '-', absent=absent or '-'), code="bad_manifest")
    sizes = {rel: zf.entry(full(rel)).size for rel in payload_names}
    oxum = f"{sum(sizes.values())}.{len(sizes)}"
    if info["Payload-Oxum"] != oxum:
        raise BagInvalidError(_("Payload-Oxum {Payload_Oxum} 与载荷（{oxum}）不符").format(Payload_Oxum=info['Payload-Oxum'], oxum=oxum), code="bad_manifest")

    bundle = VerifiedBundle(path, header, signer_fp, signer, {})
    total = sum(sizes.values())
    done = 0
    if stage_dir is not None:
        stage_dir.mkdir(parents=True, exist_ok=True)
    for rel in sorted(payload_names):
        done += _check_payload(zf, full(rel), rel, manifest[rel], sizes[rel], bundle, stage_dir, cancel)
        progress(done, total, rel)
    return bundle


def _check_payload(
    zf: SafeZip,
    name: str,
    rel: str,
    expected: str,
    size: int,
    bundle: VerifiedBundle,
    stage_dir: Path | None,
    cancel: CancelToken | None,
) -> int:
    rule = payload_rule(rel)
    assert rule is not None
    _stored, addressed = rule
    if addressed and rel.rsplit("/", 1)[1].split(".")[0] != expected:
        raise BagInvalidError(_("{rel} 在清单中的 SHA-256 与其文件名不同").format(rel=rel), code="bad_manifest")
    is_record = rel.startswith("data/records/")
    if is_record and size > MAX_RECORD_BYTES:
        raise BagInvalidError(_("记录 {rel} 大于 {MAX_RECORD_BYTES} 字节").format(rel=rel, MAX_RECORD_BYTES=MAX_RECORD_BYTES), code="bad_record")
    sha = hashlib.sha256()
    parts: list[bytes] = []
    target = stage_dir / rel.replace("/", "__") if stage_dir is not None and not is_record else None
    with open(target, "wb") if target is not None else contextlib.nullcontext() as out:
        for chunk in zf.iter_chunks(name):
            sha.update(chunk)
            if is_record:
                parts.append(chunk)
            elif out is not None:
                out.write(chunk)
            if cancel is not None:
                cancel.raise_if_cancelled()
    if sha.hexdigest() != expected:
        raise BagInvalidError(_("载荷文件 {rel} 与 {MANIFEST} 中的 SHA-256 不符：数据包被改动过").format(rel=rel, MANIFEST=MANIFEST), code="bad_manifest")
    bundle.payload[rel] = PayloadFile(rel, size, expected)
    if is_record:
        bundle.records[rel] = b"".join(parts)
    elif target is not None:
        bundle.staged[rel] = target
    return size


__all__ = ["BundleError", "PayloadFile", "VerifiedBundle", "parse_manifest", "verify_bundle"]
