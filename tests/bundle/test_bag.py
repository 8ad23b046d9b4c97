"""The signed bag: a valid bundle verifies (also with the independent bagit tool); every forgery fails
with its stable ``code`` and a (Chinese) message that names what is wrong."""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import bagit
import pytest
from bundle_helpers import JPEG, fill_sample, make_header
from bundle_zipcraft import replace_line, tamper

from inspector_app.bundle.bag import BagWriter, WrittenBag, write_bundle
from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.bundle.errors import (
    BagInvalidError,
    BundleError,
    RevokedKeyError,
    SignatureError,
    UnsafeArchiveError,
    UnsupportedVersionError,
    UntrustedKeyError,
)
from inspector_app.bundle.profile import FORMAT_VERSION
from inspector_app.bundle.signing import InMemoryTrustStore, Signer, format_fingerprint

pytestmark = pytest.mark.both_engines

PHOTO = f"data/photos/originals/{hashlib.sha256(JPEG).hexdigest()}.jpg"


@contextlib.contextmanager
def rejected(error: type[BundleError], code: str, match: str) -> Iterator[None]:
    """Expect ``error`` with the stable ``code`` and a message that matches ``match``."""
    with pytest.raises(error, match=match) as err:
        yield
    assert err.value.code == code, err.value


def test_valid_bundle_verifies(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    with verify_bundle(bundle_file.path, trust, stage_dir=tmp_path / "stage") as bundle:
        assert bundle.header.sequence == 1
        assert bundle.signer is not None and bundle.signer.name == "王检查"
        assert bundle.records_of("inspections") == [("42", {"id": 42, "enterprise": "常州市某化工有限公司"})]
        assert bundle.staged[PHOTO].read_bytes() == JPEG
        assert bundle.payload[PHOTO].size == len(JPEG)


def test_photos_are_stored_and_json_deflated(bundle_file: WrittenBag) -> None:
    with zipfile.ZipFile(bundle_file.path) as zf:
        methods = {i.filename.split("/", 1)[1]: i.compress_type for i in zf.infolist()}
    assert methods[PHOTO] == zipfile.ZIP_STORED
    assert methods["data/records/inspections/42.json"] == zipfile.ZIP_DEFLATED


def test_unzipped_bundle_validates_with_the_bagit_tool(bundle_file: WrittenBag, tmp_path: Path) -> None:
    out = tmp_path / "unzipped"
    with zipfile.ZipFile(bundle_file.path) as zf:
        zf.extractall(out)
    (bag_dir,) = list(out.iterdir())
    bag = bagit.Bag(str(bag_dir))
    bag.validate()
    assert bag.info["Inspector-Bundle-Id"] == bundle_file.header.bundle_id
    run = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(bag_dir)], capture_output=True, text=True)
    assert run.returncode == 0 and "is valid" in run.stderr


def test_no_partial_file_is_left_when_writing_fails(tmp_path: Path, signer: Signer) -> None:
    def broken(writer: BagWriter) -> None:
        fill_sample(writer)
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_bundle(tmp_path / "b.inspbundle", make_header(signer), signer, broken)
    assert list(tmp_path.iterdir()) == []


def test_writer_refuses_paths_outside_the_grammar(tmp_path: Path, signer: Signer) -> None:
    writer = BagWriter(tmp_path / "x.zip", make_header(signer), signer)
    with rejected(BagInvalidError, "bad_profile", "路径规则（path grammar）"):
        writer.add_bytes("data/../evil.json", b"{}")
    with rejected(BagInvalidError, "bad_manifest", "文件名中的 SHA-256 与其内容"):
        writer.add_bytes(f"data/photos/originals/{'0' * 64}.jpg", JPEG)
    writer.abort()


# -- forgeries and damage ---------------------------------------------------------------------------
def _flip_stored_byte(src: Path, dst: Path) -> Path:
    data = bytearray(src.read_bytes())
    at = data.index(JPEG[100:140])
    data[at] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def test_flipped_payload_byte_fails_the_crc(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    bad = _flip_stored_byte(bundle_file.path, tmp_path / "flipped.zip")
    with rejected(UnsafeArchiveError, "corrupt_zip", "CRC-32 校验不符"):
        verify_bundle(bad, trust)


def test_flipped_payload_byte_with_crc_fixed_fails_the_manifest(
    bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path
) -> None:
    def flip(m: dict[str, bytes], top: str) -> None:
        data = bytearray(m[f"{top}/{PHOTO}"])
        data[500] ^= 0x01
        m[f"{top}/{PHOTO}"] = bytes(data)

    bad = tamper(bundle_file.path, tmp_path / "flipped.zip", flip)
    with rejected(BagInvalidError, "bad_manifest", "SHA-256 不符：数据包被改动过"):
        verify_bundle(bad, trust)


def _edit_info(label: str, value: str):  # type: ignore[no-untyped-def]
    def edit(m: dict[str, bytes], top: str) -> None:
        replace_line(m, f"{top}/bag-info.txt", label, value)

    return edit


def test_bag_info_edited_without_manifests(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", _edit_info("Inspector-Sequence", "9"))
    with rejected(BagInvalidError, "bad_manifest", r"bag-info\.txt 与 tagmanifest-sha256\.txt 中的哈希值不符"):
        verify_bundle(bad, trust)


def test_bag_info_edited_with_manifests_recomputed(
    bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path
) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", _edit_info("Inspector-Sequence", "9"), manifests=True)
    with rejected(SignatureError, "bad_signature", "签名之后被改动过"):
        verify_bundle(bad, trust)


def test_payload_added_with_manifests_recomputed(
    bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path
) -> None:
    def add(m: dict[str, bytes], top: str) -> None:
        m[f"{top}/data/records/inspections/43.json"] = b'{"id": 43}'

    bad = tamper(bundle_file.path, tmp_path / "b.zip", add, manifests=True)
    with rejected(SignatureError, "bad_signature", "签名之后被改动过"):
        verify_bundle(bad, trust)


def _adopt(signer: Signer):  # type: ignore[no-untyped-def]
    """Rewrite the producer key in bag-info and the header so the bundle claims ``signer``."""

    def edit(m: dict[str, bytes], top: str) -> None:
        replace_line(m, f"{top}/bag-info.txt", "Inspector-Key-Fingerprint", signer.fingerprint)
        doc = json.loads(m[f"{top}/inspector-bundle.json"])
        doc["producer"]["key_fingerprint"] = signer.fingerprint
        m[f"{top}/inspector-bundle.json"] = json.dumps(doc).encode()

    return edit


def test_signature_by_an_unknown_key(
    bundle_file: WrittenBag, trust: InMemoryTrustStore, other_signer: Signer, tmp_path: Path
) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", _adopt(other_signer), resign=other_signer)
    with pytest.raises(UntrustedKeyError, match="未登记的密钥签名（unknown key") as err:
        verify_bundle(bad, trust)
    assert format_fingerprint(other_signer.fingerprint) in str(err.value)
    assert (err.value.code, err.value.fingerprint) == ("unknown_key", other_signer.fingerprint)


def test_signature_by_a_revoked_key(bundle_file: WrittenBag, trust: InMemoryTrustStore, signer: Signer) -> None:
    trust.revoke(signer.fingerprint, "2026-11-20")
    with pytest.raises(RevokedKeyError, match="已被吊销（revoked，吊销于 2026-11-20）") as err:
        verify_bundle(bundle_file.path, trust)
    assert format_fingerprint(signer.fingerprint) in str(err.value)
    assert (err.value.code, err.value.fingerprint) == ("revoked_key", signer.fingerprint)


def test_signature_by_a_different_key_than_bag_info_names(
    bundle_file: WrittenBag, trust: InMemoryTrustStore, other_signer: Signer, tmp_path: Path
) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", lambda m, t: None, resign=other_signer)
    with rejected(SignatureError, "bad_signature", "生成方密钥与实际签名的密钥"):
        verify_bundle(bad, trust)


def test_signature_file_with_a_swapped_public_key(
    bundle_file: WrittenBag, trust: InMemoryTrustStore, other_signer: Signer, tmp_path: Path
) -> None:
    from inspector_app.bundle.signing import SignatureBlock

    def swap(m: dict[str, bytes], top: str) -> None:
        block = SignatureBlock.parse(m[f"{top}/signature.ed25519"])
        m[f"{top}/signature.ed25519"] = SignatureBlock(other_signer.public_raw, block.signature).to_bytes()

    bad = tamper(bundle_file.path, tmp_path / "b.zip", swap)
    with rejected(SignatureError, "bad_signature", "签名与数据包的标签清单（tag manifest）不符"):
        verify_bundle(bad, trust)


def test_expected_key_mismatch(bundle_file: WrittenBag, other_signer: Signer) -> None:
    with rejected(SignatureError, "bad_signature", "而不是预期的密钥"):
        verify_bundle(bundle_file.path, None, expected_fingerprint=other_signer.fingerprint)


def test_missing_signature(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", lambda m, t: m.pop(f"{t}/signature.ed25519"))
    with rejected(BagInvalidError, "bad_profile", r"缺少 \['signature.ed25519'\]"):
        verify_bundle(bad, trust)


def test_newer_format_version(bundle_file: WrittenBag, trust: InMemoryTrustStore, signer: Signer, tmp_path: Path) -> None:
    newer = str(FORMAT_VERSION + 1)

    def bump(m: dict[str, bytes], top: str) -> None:
        replace_line(m, f"{top}/bag-info.txt", "Inspector-Format-Version", newer)
        m[f"{top}/some-future-tag-file.txt"] = b"new things"

    bad = tamper(bundle_file.path, tmp_path / "b.zip", bump, resign=signer)
    with rejected(UnsupportedVersionError, "newer_format", f"格式版本为 {newer}，高于本程序"):
        verify_bundle(bad, trust)


def test_extra_tag_file(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", lambda m, t: m.__setitem__(f"{t}/run-me.sh", b"rm -rf"))
    with rejected(BagInvalidError, "bad_profile", "不允许的"):
        verify_bundle(bad, trust)


def test_payload_outside_the_grammar(bundle_file: WrittenBag, trust: InMemoryTrustStore, signer: Signer,
                                     tmp_path: Path) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip",
                 lambda m, t: m.__setitem__(f"{t}/data/autorun.inf", b"x"), resign=signer)
    with rejected(BagInvalidError, "bad_profile", "路径规则（path grammar）"):
        verify_bundle(bad, trust)


def test_payload_oxum_mismatch(bundle_file: WrittenBag, trust: InMemoryTrustStore, signer: Signer,
                               tmp_path: Path) -> None:
    bad = tamper(bundle_file.path, tmp_path / "b.zip", _edit_info("Payload-Oxum", "1.1"), resign=signer)
    with rejected(BagInvalidError, "bad_manifest", "Payload-Oxum .* 与载荷"):
        verify_bundle(bad, trust)


def test_content_address_mismatch(bundle_file: WrittenBag, trust: InMemoryTrustStore, signer: Signer,
                                  tmp_path: Path) -> None:
    def rename(m: dict[str, bytes], top: str) -> None:
        m[f"{top}/data/photos/originals/{'a' * 64}.jpg"] = m.pop(f"{top}/{PHOTO}")

    bad = tamper(bundle_file.path, tmp_path / "b.zip", rename, resign=signer)
    with rejected(BagInvalidError, "bad_manifest", "SHA-256 与其文件名不同"):
        verify_bundle(bad, trust)


def test_wrong_top_folder(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    def move(m: dict[str, bytes], top: str) -> None:
        for name in list(m):
            m["evil" + name[len(top):]] = m.pop(name)

    bad = tamper(bundle_file.path, tmp_path / "b.zip", move)
    with rejected(BagInvalidError, "bad_profile", "bundle-<uuid>"):
        verify_bundle(bad, trust)


def test_header_json_disagreeing_with_bag_info(bundle_file: WrittenBag, trust: InMemoryTrustStore, signer: Signer,
                                               tmp_path: Path) -> None:
    def edit(m: dict[str, bytes], top: str) -> None:
        doc = json.loads(m[f"{top}/inspector-bundle.json"])
        doc["sequence"] = 5
        m[f"{top}/inspector-bundle.json"] = json.dumps(doc).encode()

    bad = tamper(bundle_file.path, tmp_path / "b.zip", edit, resign=signer)
    with rejected(BagInvalidError, "bad_profile", "Inspector-Sequence"):
        verify_bundle(bad, trust)


def test_truncated_and_empty_bundles(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    data = bundle_file.path.read_bytes()
    (tmp_path / "t.zip").write_bytes(data[: len(data) // 2])
    with rejected(UnsafeArchiveError, "corrupt_zip", r"不完整（truncated）|不是 zip"):
        verify_bundle(tmp_path / "t.zip", trust)
    (tmp_path / "e.zip").write_bytes(b"")
    with rejected(UnsafeArchiveError, "corrupt_zip", "空文件"):
        verify_bundle(tmp_path / "e.zip", trust)


def test_junk_before_a_bundle(bundle_file: WrittenBag, trust: InMemoryTrustStore, tmp_path: Path) -> None:
    (tmp_path / "j.zip").write_bytes(b"#!/bin/sh\nexit 0\n" + bundle_file.path.read_bytes())
    with rejected(UnsafeArchiveError, "unsafe_zip", "压缩文件前有 \\d+ 字节的多余数据"):
        verify_bundle(tmp_path / "j.zip", trust)


def test_failed_verification_removes_the_staging_folder(bundle_file: WrittenBag, tmp_path: Path,
                                                       other_signer: Signer) -> None:
    stage = tmp_path / "stage"
    with pytest.raises(UntrustedKeyError):
        verify_bundle(bundle_file.path, InMemoryTrustStore(), stage_dir=stage)
    assert not stage.exists()


def test_a_store_file_that_no_longer_matches_its_name_fails_the_export(tmp_path: Path, signer: Signer) -> None:
    damaged = tmp_path / "photo.jpg"
    damaged.write_bytes(JPEG[:-1] + b"\x00")  # the store calls it by JPEG's hash, but a byte changed

    def fill(writer: BagWriter) -> None:
        writer.add_file(PHOTO, damaged, known_sha256=hashlib.sha256(JPEG).hexdigest())

    with rejected(BagInvalidError, "bad_manifest", "SHA-256 不符：数据包被改动过"):
        write_bundle(tmp_path / "out" / "b.inspbundle", make_header(signer), signer, fill)
    assert not (tmp_path / "out" / "b.inspbundle").exists()
