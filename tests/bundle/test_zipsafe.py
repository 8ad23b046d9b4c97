"""Adversarial zip files: each is refused before extraction with a stable code (``unsafe_zip`` for a
hostile archive, ``corrupt_zip`` for a damaged one) and a (Chinese) message that says why."""

from __future__ import annotations

import struct
import unicodedata
import zipfile
from pathlib import Path

import pytest
from bundle_zipcraft import Raw, build, eocd, overlapping_bomb

from inspector_app.bundle.errors import UnsafeArchiveError
from inspector_app.bundle.names import name_problem
from inspector_app.bundle.zipsafe import SafeZip, ZipLimits

pytestmark = pytest.mark.both_engines


def _open(tmp_path: Path, data: bytes, limits: ZipLimits | None = None) -> SafeZip:
    path = tmp_path / "hostile.zip"
    path.write_bytes(data)
    return SafeZip.open(path, limits)


def _rejects(tmp_path: Path, data: bytes, match: str, limits: ZipLimits | None = None,
             code: str = "unsafe_zip") -> None:
    with pytest.raises(UnsafeArchiveError, match=match) as err:
        _open(tmp_path, data, limits).close()
    assert err.value.code == code, err.value


def test_a_plain_zip_is_read(tmp_path: Path) -> None:
    data = build([Raw(b"a/b.txt", b"x" * 5000, method=8), Raw("a/数据.json".encode(), b"{}")])
    with _open(tmp_path, data) as zf:
        assert zf.names == ["a/b.txt", "a/数据.json"]
        assert zf.read("a/b.txt") == b"x" * 5000


def test_a_zipfile_written_zip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("d/x.json", "{}" * 100)
        zf.writestr("d/照片.jpg", b"\xff\xd8" * 100, compress_type=zipfile.ZIP_STORED)
    with SafeZip.open(path) as safe:
        assert safe.read("d/照片.jpg") == b"\xff\xd8" * 100


TRAVERSALS = [
    ("../evil.txt", "路径穿越"),
    ("a/../../evil.txt", "路径穿越"),
    ("..\\evil.txt", "反斜杠"),
    ("a\\..\\..\\evil.txt", "反斜杠"),
    ("%2e%2e/evil.txt", "百分号编码"),
    ("..%2fevil.txt", "百分号编码"),
    ("%2E%2E%5Cevil.txt", "百分号编码"),
    ("%252e%252e/evil.txt", "百分号编码"),
    ("\uff0e\uff0e\uff0fevil.txt", "NFKC"),  # full-width ．．／
    ("a/\u2024\u2024/evil.txt", "NFKC"),  # one-dot leaders
    ("/etc/passwd", "绝对路径"),
    ("C:/Windows/evil.txt", "盘符"),
    ("c:evil.txt", "盘符"),
    ("\\\\server\\share\\evil.txt", "UNC"),
    ("//server/share/evil.txt", "UNC"),
    (".. /evil.txt", "以点或空格结尾"),
    ("a/./b.txt", "为 '.' 的路径段"),
    ("a//b.txt", "空的"),
    ("report.txt:hidden", "冒号"),
    ("a/CON.txt", "设备名"),
    ("a/b\x00.txt", "控制字符"),
]


@pytest.mark.parametrize(("name", "why"), TRAVERSALS)
def test_path_traversal_in_every_spelling(tmp_path: Path, name: str, why: str) -> None:
    _rejects(tmp_path, build([Raw(name.encode("utf-8"), flags=0x800)]), f"不安全的条目名称.*{why}")


def test_overlong_utf8_dots_are_rejected(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"\xc0\xae\xc0\xae/evil.txt", flags=0x800)]), "不是有效的 UTF-8")


def test_name_problem_accepts_ordinary_names() -> None:
    assert name_problem("bundle-1/data/photos/originals/ab.jpg") is None
    assert name_problem("数据/检查.json") is None


@pytest.mark.parametrize(
    ("attr", "system", "why"),
    [
        (0o120777 << 16, 3, "符号链接"),
        (0o020644 << 16, 3, "特殊文件"),
        (0o010644 << 16, 3, "特殊文件"),
        (0x400 | 0x20, 0, "重解析点"),
    ],
)
def test_links_and_special_files(tmp_path: Path, attr: int, system: int, why: str) -> None:
    _rejects(tmp_path, build([Raw(b"link", b"/etc/passwd", ext_attr=attr, system=system)]), why)


def test_directory_entries_are_refused_by_default(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"dir/", b"", ext_attr=0o040755 << 16)]), "目录条目")


def test_duplicate_names(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"a.txt"), Raw(b"a.txt")]), "条目名称重复")


def test_case_colliding_names(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"Data/Photo.JPG"), Raw(b"data/photo.jpg")]), "不区分大小写.*冲突")


def test_unicode_normalisation_colliding_names(tmp_path: Path) -> None:
    nfc = unicodedata.normalize("NFC", "café.txt").encode()
    nfd = unicodedata.normalize("NFD", "café.txt").encode()
    _rejects(tmp_path, build([Raw(nfc), Raw(nfd)]), "不区分大小写.*冲突")


def test_file_and_directory_of_the_same_name(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"a"), Raw(b"a/b.txt")]), "另一个文件之内")


def test_overlapping_entry_bomb(tmp_path: Path) -> None:
    _rejects(tmp_path, overlapping_bomb(), "条目相互重叠.*zip bomb")


def test_entries_sharing_one_local_header(tmp_path: Path) -> None:
    data = build([Raw(b"a.txt", b"A" * 100), Raw(b"b.txt", b"A" * 100)], offsets=[0, 0])
    _rejects(tmp_path, data, "重叠|来历不明|两个名称")


def test_high_ratio_bomb(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"zeros.bin", bytes(20 << 20), method=8)]), "压缩比为 \\d+:1.*zip bomb")


def test_total_size_limit(tmp_path: Path) -> None:
    entries = [Raw(f"f{i}.bin".encode(), bytes(1000)) for i in range(5)]
    _rejects(tmp_path, build(entries), "总大小超过上限 4000 字节", ZipLimits(max_total_size=4000))


def test_declared_size_lie_is_caught_on_read(tmp_path: Path) -> None:
    entry = Raw(b"big.bin", bytes(100_000), method=8, usize=10)
    with _open(tmp_path, build([entry])) as zf, pytest.raises(UnsafeArchiveError, match="已损坏") as err:
        zf.read("big.bin")
    assert err.value.code == "corrupt_zip"


def test_too_many_members(tmp_path: Path) -> None:
    entries = [Raw(f"f{i}".encode()) for i in range(11)]
    _rejects(tmp_path, build(entries), "条目过多：11 个", ZipLimits(max_members=10))


def test_member_count_is_checked_before_the_directory_is_parsed(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"a")], count=65535), "条目过多：65535 个", ZipLimits(max_members=1000))


def test_encrypted_entries(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"secret.txt", flags=0x1)]), "已加密（encrypted）")


def test_aes_encrypted_entries(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"secret.txt", method=99)]), "已加密（encrypted）")


def test_unsupported_method(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"x.bz2", method=12)]), "不支持的压缩方法 12")


def test_bad_crc_is_detected_on_read(tmp_path: Path) -> None:
    with _open(tmp_path, build([Raw(b"a.txt", b"hello", crc=0x12345678)])) as zf, pytest.raises(
        UnsafeArchiveError, match="CRC-32 校验不符"
    ) as err:
        zf.read("a.txt")
    assert err.value.code == "corrupt_zip"


def test_empty_file(tmp_path: Path) -> None:
    _rejects(tmp_path, b"", "空文件", code="corrupt_zip")


def test_empty_archive(tmp_path: Path) -> None:
    _rejects(tmp_path, eocd(0, 0, 0), "没有任何文件", code="corrupt_zip")


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.999])
def test_truncated_files(tmp_path: Path, keep: float) -> None:
    data = build([Raw(b"a.txt", b"a" * 3000), Raw(b"b.txt", b"b" * 3000)])
    _rejects(tmp_path, data[: int(len(data) * keep)], "不完整（truncated）|不是 zip", code="corrupt_zip")


def test_tiny_file(tmp_path: Path) -> None:
    _rejects(tmp_path, b"PK\x03\x04", "不完整（truncated）", code="corrupt_zip")


def test_junk_before_the_archive(tmp_path: Path) -> None:
    data = build([Raw(b"a.txt")])
    _rejects(tmp_path, b"MZ\x90\x00 self-extractor stub" + data, "压缩文件前有 \\d+ 字节的多余数据")


def test_junk_before_the_first_entry_with_adjusted_offsets(tmp_path: Path) -> None:
    data = build([Raw(b"a.txt")])
    junk = b"J" * 64
    # shift every recorded offset so the central directory is self-consistent; only the gap remains
    body_end = data.index(b"PK\x01\x02")
    central = bytearray(data[body_end:-22])
    struct.pack_into("<I", central, 42, 64)
    fixed = junk + data[:body_end] + bytes(central) + eocd(1, len(central), body_end + 64)
    _rejects(tmp_path, fixed, "第一个条目之前有 \\d+ 字节的多余数据")


def test_hidden_bytes_between_entries(tmp_path: Path) -> None:
    a, b = Raw(b"a.txt"), Raw(b"b.txt")
    data = build([a, b])
    first_len = 30 + 5 + 5
    smuggled = data[:first_len] + b"SMUGGLED" + data[first_len:]
    # fix b's offset and the central directory offset
    cd = smuggled.index(b"PK\x01\x02")
    central = bytearray(smuggled[cd:-22])
    second = central.index(b"PK\x01\x02", 4)
    struct.pack_into("<I", central, second + 42, first_len + 8)
    fixed = smuggled[:cd] + bytes(central) + eocd(2, len(central), cd)
    _rejects(tmp_path, fixed, "来历不明的数据")


def test_trailing_data(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"a.txt")], suffix=b"trailing garbage"), "结束之后还有多余数据")


def test_non_utf8_legacy_names(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw("检查.txt".encode("gb18030"), flags=0)]), "旧式代码页")


def test_invalid_utf8_names(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"\xff\xfe.txt", flags=0x800)]), "不是有效的 UTF-8")


def test_local_name_differs_from_central_name(tmp_path: Path) -> None:
    _rejects(tmp_path, build([Raw(b"safe.txt", local_name=b"../e.txt")]), "一个条目两个名称")


def test_unicode_path_extra_field(tmp_path: Path) -> None:
    extra = struct.pack("<HH", 0x7075, 9) + b"\x01\x00\x00\x00\x00../x"
    _rejects(tmp_path, build([Raw(b"safe.txt", extra=extra)]), "'Unicode path'")


def test_zip64_entries_are_read(tmp_path: Path) -> None:
    path = tmp_path / "z64.zip"
    with zipfile.ZipFile(path, "w") as zf:
        with zf.open("a/big.bin", "w", force_zip64=True) as member:
            member.write(b"x" * 1000)
        zf.writestr("a/b.txt", b"hi")
    with SafeZip.open(path) as safe:
        assert safe.read("a/big.bin") == b"x" * 1000


def test_many_members_zip64_end_record_scans_in_linear_time(tmp_path: Path) -> None:
    import time

    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(66_000):  # more than 65,535: a zip64 end record
            zf.writestr(f"d/{i}", b"")
    start = time.perf_counter()
    with SafeZip.open(path, ZipLimits(max_members=70_000)) as safe:
        assert len(safe.names) == 66_000
    assert time.perf_counter() - start < 15
    _rejects(tmp_path, path.read_bytes(), "条目过多：66000 个")
