"""Every hostile or forged bundle is rejected with a clear reason and leaves the workspace unchanged
(database content and files)."""

from __future__ import annotations

import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bundle_zipcraft import Raw, build, overlapping_bomb, replace_line, tamper
from sync_helpers import Side, assign_one, enrol, make_side, snapshot

from inspector_app.bundle.profile import FORMAT_VERSION
from inspector_app.bundle.signing import Signer, format_fingerprint
from inspector_app.services.ops.sync import export_bundle, import_paths, revoke_key, unrevoke_key

pytestmark = pytest.mark.both_engines

TOP = "bundle-00000000-0000-4000-8000-000000000000"


def _zip(entries: list[Raw], **kw: object) -> Callable[[Path, Path], Path]:
    def make(_good: Path, out: Path) -> Path:
        out.write_bytes(build(entries, **kw))  # type: ignore[arg-type]
        return out
    return make


def _raw(data: bytes) -> Callable[[Path, Path], Path]:
    def make(_good: Path, out: Path) -> Path:
        out.write_bytes(data)
        return out
    return make


def _bytes_of(f: Callable[[bytes], bytes]) -> Callable[[Path, Path], Path]:
    def make(good: Path, out: Path) -> Path:
        out.write_bytes(f(good.read_bytes()))
        return out
    return make


def _flip_payload(good: Path, out: Path) -> Path:
    """Flip one bit inside the (deflated) inspection record's data."""
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = next(i for i in zf.infolist() if "/data/records/inspections/" in i.filename)
    offset = info.header_offset + 30 + len(info.filename.encode()) + 5
    data[offset] ^= 0x01
    out.write_bytes(bytes(data))
    return out


def _edit_info(label: str, value: str, resign: bool = False, manifests: bool = False) -> Callable[[Path, Path], Path]:
    def make(good: Path, out: Path) -> Path:
        return tamper(good, out, lambda m, t: replace_line(m, f"{t}/bag-info.txt", label, value),
                      manifests=manifests, resign=_OTHER if resign else None)
    return make


_OTHER = Signer.generate()


def _signed_by_unknown(good: Path, out: Path) -> Path:
    def adopt(m: dict[str, bytes], top: str) -> None:
        replace_line(m, f"{top}/bag-info.txt", "Inspector-Key-Fingerprint", _OTHER.fingerprint)
        doc = json.loads(m[f"{top}/inspector-bundle.json"])
        doc["producer"]["key_fingerprint"] = _OTHER.fingerprint
        m[f"{top}/inspector-bundle.json"] = json.dumps(doc).encode()
    return tamper(good, out, adopt, resign=_OTHER)


def _newer_version(good: Path, out: Path) -> Path:
    return tamper(good, out, lambda m, t: replace_line(m, f"{t}/bag-info.txt", "Inspector-Format-Version",
                                                        str(FORMAT_VERSION + 1)), manifests=True)


U, C = "unsafe_zip", "corrupt_zip"
# (label, how to make the hostile file, the stable code, what the (Chinese) message must say)
CASES: list[tuple[str, Callable[[Path, Path], Path], str, str]] = [
    ("traversal", _zip([Raw(f"{TOP}/../../evil.txt".encode())]), U, "不安全的条目名称.*路径穿越"),
    ("backslash traversal", _zip([Raw(b"..\\..\\evil.txt")]), U, "反斜杠"),
    ("encoded traversal", _zip([Raw(b"%2e%2e/evil.txt")]), U, "百分号编码"),
    ("fullwidth traversal", _zip([Raw("．．／evil.txt".encode(), flags=0x800)]), U, "NFKC"),
    ("absolute path", _zip([Raw(b"/etc/cron.d/evil")]), U, "绝对路径"),
    ("drive path", _zip([Raw(b"C:/Windows/evil.txt")]), U, "盘符"),
    ("UNC path", _zip([Raw(b"\\\\server\\share\\evil.txt")]), U, "UNC"),
    ("symlink", _zip([Raw(f"{TOP}/data/link".encode(), b"/etc/passwd", ext_attr=0o120777 << 16)]), U, "符号链接"),
    ("duplicate", _zip([Raw(b"a.txt"), Raw(b"a.txt")]), U, "条目名称重复"),
    ("case collision", _zip([Raw(b"Data/A.json"), Raw(b"data/a.json")]), U, "不区分大小写.*冲突"),
    ("overlapping bomb", _raw(overlapping_bomb()), U, "条目相互重叠"),
    ("ratio bomb", _zip([Raw(b"zeros", bytes(20 << 20), method=8)]), U, "压缩比为 \\d+:1"),
    ("too many members", _zip([Raw(b"a")], count=60_000), U, "条目过多：60000 个"),
    ("encrypted entry", _zip([Raw(b"a.txt", flags=1)]), U, "已加密"),
    ("truncated", _bytes_of(lambda d: d[: len(d) // 2]), C, "不完整（truncated）|不是 zip"),
    ("empty", _raw(b""), C, "空文件"),
    ("junk before", _bytes_of(lambda d: b"MZ\x90\x00" * 16 + d), U, "压缩文件前有 64 字节的多余数据"),
    ("flipped payload byte", _flip_payload, C, "CRC-32 校验不符|已损坏"),
    ("bag-info edited, manifests recomputed", _edit_info("Inspector-Sequence", "99", manifests=True),
     "bad_signature", "签名之后被改动过"),
    ("signed by an unknown key", _signed_by_unknown, "unknown_key", "未登记的密钥签名（unknown key "
     + format_fingerprint(_OTHER.fingerprint)),
    ("signed by a different key", _edit_info("Inspector-Sequence", "1", resign=True), "bad_signature",
     "生成方密钥与实际签名的密钥"),
    ("newer format version", _newer_version, "newer_format", f"格式版本为 {FORMAT_VERSION + 1}，高于本程序"),
]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Side, Side, Path]]:
    """One office and one inspector workspace for the module: every case must leave them unchanged."""
    tmp_path = tmp_path_factory.mktemp("adversarial")
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    field = make_side(tmp_path / "field", "inspector", "陈示范")
    enrol(field, office)
    assign_one(office)
    good = export_bundle(office.ws, office.identity, tmp_path / "good.inspbundle").path
    yield office, field, good
    office.ws.close()
    field.ws.close()


@pytest.mark.parametrize(("label", "make", "code", "why"), CASES, ids=[c[0] for c in CASES])
def test_hostile_bundle_is_rejected_and_changes_nothing(
    setup: tuple[Side, Side, Path], tmp_path: Path, label: str, make: Callable[[Path, Path], Path], code: str,
    why: str
) -> None:
    _office, field, good = setup
    hostile = make(good, tmp_path / "hostile.inspbundle")
    before = snapshot(field.ws)
    (report,) = import_paths(field.ws, [hostile]).reports
    assert (report.status, report.code) == ("rejected", code), f"{label}: {report.code} {report.reason}"
    assert re.search(why, report.reason), f"{label}: {report.reason}"
    if code == "unknown_key":
        assert report.fingerprint == _OTHER.fingerprint
    assert snapshot(field.ws) == before


def test_revoked_key(setup: tuple[Side, Side, Path], tmp_path: Path) -> None:
    office, field, good = setup
    revoke_key(field.ws, office.identity.signer.fingerprint, "陈示范")
    before = snapshot(field.ws)
    (report,) = import_paths(field.ws, [good]).reports
    assert (report.status, report.code) == ("rejected", "revoked_key")
    assert report.fingerprint == office.identity.signer.fingerprint
    assert "已被吊销" in report.reason and format_fingerprint(office.identity.signer.fingerprint) in report.reason
    assert snapshot(field.ws) == before
    unrevoke_key(field.ws, office.identity.signer.fingerprint, "陈示范")  # trusted again for whatever runs next


@pytest.mark.parametrize("damage", ["missing answers", "unknown status", "answers not a list"])
def test_a_signed_but_malformed_record_is_rejected_as_bad_record(
        setup: tuple[Side, Side, Path], tmp_path: Path, damage: str) -> None:
    """A record the trusted sender signed but that is not what this version understands (a bug, another
    build) is rejected as bad_record, naming the problem: not a traceback that stops the other files."""
    office, field, good = setup

    def edit(members: dict[str, bytes], top: str) -> None:
        name = next(n for n in members if "/data/records/inspections/" in n)
        rec = json.loads(members[name])
        if damage == "missing answers":
            del rec["answers"]
        elif damage == "unknown status":
            rec["status"] = "finished"
        else:
            rec["answers"] = 7
        members[name] = json.dumps(rec, ensure_ascii=False).encode()
        payload = [data for n, data in members.items() if n.startswith(f"{top}/data/")]
        replace_line(members, f"{top}/bag-info.txt", "Payload-Oxum", f"{sum(map(len, payload))}.{len(payload)}")

    bad = tamper(good, tmp_path / "bad.inspbundle", edit, resign=office.identity.signer)
    before = snapshot(field.ws)
    first, second = import_paths(field.ws, [bad, tmp_path / "missing.inspbundle"]).reports
    assert (first.status, first.code) == ("rejected", "bad_record"), first.reason
    assert second.status == "rejected"  # the next file was still tried
    assert snapshot(field.ws) == before


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes only on POSIX")
def test_a_bundle_whose_file_name_is_not_utf8_imports(tmp_path: Path) -> None:
    """The bundle's file name is recorded with the import; a name that is not UTF-8 (a USB stick
    written on a GBK system) must not fail the commit."""
    office = make_side(tmp_path / "office", "office", "常州市应急管理局")
    field = make_side(tmp_path / "field", "inspector", "陈示范")
    enrol(field, office)
    assign_one(office)
    odd = tmp_path / os.fsdecode(b"\xca\xfd\xbe\xdd.inspbundle")  # 数据 in GBK
    export_bundle(office.ws, office.identity, odd)
    (report,) = import_paths(field.ws, [odd]).reports
    assert report.status == "imported", report.reason
    office.ws.close()
    field.ws.close()
