"""Content hash, short code, QR payload and verification – no PDF needed."""

from __future__ import annotations

import dataclasses

import pytest

from inspector_app.demo.sample_sheets import sample_sheet
from inspector_app.reports import (
    BadVerificationCodeError,
    RecordKey,
    Verification,
    canonical_json,
    content_hash,
    content_hashes,
    parse_code,
    qr_payload,
    short_code,
    verify,
)
from inspector_app.reports.sheet_data import Finding, ScoreSummary


def test_canonical_json_is_sorted_compact_utf8() -> None:
    raw = canonical_json(sample_sheet(findings=1))
    text = raw.decode("utf-8")
    assert "常州市武进区华安精密机械有限公司" in text  # not \\u-escaped
    assert ", " not in text and ": " not in text
    assert text.startswith('{"hash_version":2,"kind":"record","record":{')


def test_hash_is_stable_and_ignores_number_spelling() -> None:
    a = sample_sheet()
    assert content_hash(a) == content_hash(sample_sheet())
    b = dataclasses.replace(a, summary=dataclasses.replace(a.summary, earned=int(a.summary.earned)))
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64


def test_photo_bytes_do_not_matter_but_original_digest_does() -> None:
    a = sample_sheet(photos=1, findings=1)
    photo = a.photos[0]
    regenerated = dataclasses.replace(a, photos=(dataclasses.replace(photo, jpeg=photo.jpeg + b"\0"),))
    assert content_hash(regenerated) == content_hash(a)
    other = dataclasses.replace(a, photos=(dataclasses.replace(photo, sha256_original="0" * 64),))
    assert content_hash(other) != content_hash(a)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: dataclasses.replace(d, remarks="打印后补充"),
        lambda d: dataclasses.replace(d, findings=(*d.findings, Finding(99, "新增隐患"))),
        lambda d: dataclasses.replace(d, subject=dataclasses.replace(d.subject, phone="0519-00000000")),
    ],
)
def test_any_change_changes_the_hash(change) -> None:  # type: ignore[no-untyped-def]
    data = sample_sheet()
    assert content_hash(change(data)) != content_hash(data)


def test_each_kind_hashes_what_it_prints() -> None:
    data = sample_sheet(findings=3)
    hashes = content_hashes(data)
    assert set(hashes) == {"record", "scoresheet", "order", "measures", "recheck"}
    assert len(set(hashes.values())) == 5
    # rectifying a hazard changes the re-inspection opinion, not the signed on-site record or the order
    first = dataclasses.replace(data.findings[0], status="复查合格", recheck_result="复查不合格", recheck_note="已整改")
    rectified = dataclasses.replace(data, findings=(first, *data.findings[1:]))
    assert content_hash(rectified, "record") == hashes["record"]
    assert content_hash(rectified, "order") == hashes["order"]
    assert content_hash(rectified, "recheck") != hashes["recheck"]
    # the score and the conclusion are on the score sheet only, never on the record the enterprise signs
    concluded = dataclasses.replace(data, summary=ScoreSummary(score=59.9, conclusion="建议摘牌"))
    assert content_hash(concluded, "scoresheet") != hashes["scoresheet"]
    assert {k: content_hash(concluded, k) for k in ("record", "order", "measures", "recheck")} == \
        {k: hashes[k] for k in ("record", "order", "measures", "recheck")}
    # a changed subtotal changes the score sheet only
    element = dataclasses.replace(data.elements[0], earned=data.elements[0].earned - 1)
    rescored = dataclasses.replace(data, elements=(element, *data.elements[1:]))
    assert content_hash(rescored, "scoresheet") != hashes["scoresheet"]
    assert content_hash(rescored, "record") == hashes["record"]
    # a finding's requirement is on the record and the order
    reworded = dataclasses.replace(data, findings=(dataclasses.replace(data.findings[0], requirement="改"),
                                                   *data.findings[1:]))
    assert data.findings[0].deadline is not None
    assert content_hash(reworded, "record") != hashes["record"]
    assert content_hash(reworded, "order") != hashes["order"]
    assert content_hash(reworded, "measures") == hashes["measures"]  # it lists the 重大 hazard only
    # marking the 重大 hazard for on-site measures changes the measures decision, not the record
    second = dataclasses.replace(data.findings[1], measures=("停止使用相关设施、设备",))
    marked = dataclasses.replace(data, findings=(data.findings[0], second, *data.findings[2:]))
    assert content_hash(marked, "measures") != hashes["measures"]
    assert content_hash(marked, "record") == hashes["record"]
    # a number issued changes that document only
    numbered = dataclasses.replace(data, numbers={k: v for k, v in data.numbers.items() if k != "order"})
    assert content_hash(numbered, "order") != hashes["order"]
    assert content_hash(numbered, "record") == hashes["record"]


def test_verify_against_all_current_hashes() -> None:
    data = sample_sheet(findings=2)
    order_code = short_code(12, content_hash(data, "order"))
    assert verify(order_code, lambda key: content_hashes(data).values()) is Verification.MATCHES
    assert verify(order_code, lambda key: [content_hash(data, "record")]) is Verification.CHANGED
    assert verify(order_code, lambda key: []) is Verification.UNKNOWN


def test_short_code_format_and_tolerant_parsing() -> None:
    digest = content_hash(sample_sheet())
    code = short_code(12, digest)
    assert code.startswith("INSP-12-") and len(code.split("-")) == 4
    assert [len(g) for g in code.split("-")[2:]] == [5, 5]
    parsed = parse_code(code)
    assert parsed.key == RecordKey("12") and parsed.hash_hex is None
    # read aloud and typed back: lower case, spaces, no separators
    sloppy = code.lower().replace("-", " ")
    assert parse_code(sloppy).hash_prefix_b32 == parsed.hash_prefix_b32
    assert parse_code(code.replace("-", "")).key.inspection_id == "12"
    assert parse_code(code.replace("INSP-", "INSP ")).key.inspection_id == "12"


def test_zero_one_eight_read_as_letters() -> None:
    digest = "00" * 32
    code = short_code(7, digest)  # base32 of zeros is all "A"; build one with O/I/B instead
    assert code == "INSP-7-AAAAA-AAAAA"
    parsed = parse_code("INSP-7-0I8AA-AAAAA".replace("0I8", "018"))
    assert parsed.hash_prefix_b32 == "OIBAAAAAAA"


def test_qr_payload_round_trip() -> None:
    digest = content_hash(sample_sheet())
    payload = qr_payload(12, "3F2A9C1E-7B4D", digest)
    parsed = parse_code(payload)
    assert parsed.key == RecordKey("12", "3F2A9C1E-7B4D")
    assert parsed.hash_hex == digest


def test_verify_matches_changed_unknown() -> None:
    data = sample_sheet()
    printed = content_hash(data)
    code = short_code(data.inspection_id, printed)
    payload = qr_payload(data.inspection_id, data.inspection_uid, printed)
    current = {"12": printed}

    def lookup(key: RecordKey) -> str | None:
        return current.get(key.inspection_id)

    assert verify(code, lookup) is Verification.MATCHES
    assert verify(payload, lookup) is Verification.MATCHES
    current["12"] = content_hash(dataclasses.replace(data, remarks="事后修改"))
    assert verify(code, lookup) is Verification.CHANGED
    assert verify(payload, lookup) is Verification.CHANGED
    assert str(Verification.CHANGED) == "changed since printing"
    assert verify(short_code(999, printed), lookup) is Verification.UNKNOWN
    assert str(verify(short_code(999, printed), lookup)) == "unknown record"


@pytest.mark.parametrize("bad", ["", "hello", "INSP-12", "INSP-12-ABCDE", "INSP:1:12:uid:xyz"])
def test_bad_codes_raise_a_typed_error(bad: str) -> None:
    with pytest.raises(BadVerificationCodeError):
        parse_code(bad)
