"""Office keys name their area (issue 12 item 3): the signed Level / Jurisdiction lines of an office's key
file, and enrolment between offices – a child or the parent only."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rollup_helpers import CITY, LIYANG, PROVINCE, WUJIN, Office, link, make_office
from sqlalchemy import select

from inspector_app.bundle.errors import KeyFileError
from inspector_app.bundle.signing import PublicKeyFile, Signer
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.sync.trust import SqlTrustStore
from inspector_app.storage.models import AuditEvent

pytestmark = pytest.mark.both_engines


def _office_key(signer: Signer, jurisdiction: str = WUJIN, level: str = "district") -> PublicKeyFile:
    return PublicKeyFile.signed(signer, "武进区应急管理局", "office", str(uuid.uuid4()), level=level,
                                jurisdiction=jurisdiction)


def test_the_area_is_signed_and_round_trips() -> None:
    signer = Signer.generate()
    key = _office_key(signer)
    text = key.to_text()
    assert "Level: district\n" in text and f"Jurisdiction: {WUJIN}\n" in text and "Area-Signature: " in text
    parsed = PublicKeyFile.parse(text)
    assert parsed == key and (parsed.level, parsed.jurisdiction) == ("district", WUJIN)
    for old, new in ((WUJIN, LIYANG), ("Level: district", "Level: city")):
        with pytest.raises(KeyFileError, match="Area-Signature"):
            PublicKeyFile.parse(text.replace(old, new))
    area_lines = [line for line in text.splitlines() if line.startswith(("Level:", "Jurisdiction:", "Area-"))]
    # without the area lines it is the office's key without an area (what a reader of version 2 sees)
    plain = PublicKeyFile.parse("\n".join(line for line in text.splitlines() if line not in area_lines))
    assert plain.fingerprint == key.fingerprint and plain.jurisdiction == "" and plain.level == ""
    with pytest.raises(KeyFileError, match="同时出现"):
        PublicKeyFile.parse(text.replace(area_lines[0] + "\n", ""))
    # an area signature of another key does not verify
    other = _office_key(Signer.generate()).to_text()
    foreign = next(line for line in other.splitlines() if line.startswith("Area-Signature"))
    with pytest.raises(KeyFileError, match="辖区签名"):
        PublicKeyFile.parse(text.replace(area_lines[2], foreign))


def test_only_an_office_key_names_an_area() -> None:
    signer = Signer.generate()
    with pytest.raises(KeyFileError, match="只有机关"):
        PublicKeyFile.signed(signer, "陈示范", "inspector", str(uuid.uuid4()), level="district", jurisdiction=WUJIN)
    with pytest.raises(KeyFileError, match="Level"):
        _office_key(signer, level="county")
    with pytest.raises(KeyFileError, match="Jurisdiction"):
        _office_key(signer, jurisdiction="江苏省 常州市")
    text = _office_key(signer).to_text().replace("Role: office", "Role: inspector")
    with pytest.raises(KeyFileError):  # the self-signature fails first
        PublicKeyFile.parse(text)
    sig = base64.b64encode(bytes(64)).decode()
    with pytest.raises(KeyFileError):
        PublicKeyFile.parse(_office_key(signer).to_text().replace("Area-Signature: ", f"Area-Signature: {sig}\nX: "))


@pytest.fixture
def chain(tmp_path: Path) -> Iterator[dict[str, Office]]:
    offices = {path: make_office(tmp_path / name, path, f"{name}管理员")
               for path, name in ((WUJIN, "wujin"), (LIYANG, "liyang"), (CITY, "city"), (PROVINCE, "province"))}
    yield offices
    for office in offices.values():
        office.ws.close()


def _refused(into: Office, key: PublicKeyFile) -> str:
    with pytest.raises(KeyFileError) as caught:
        sync_ops.enrol_key(into.ws, PublicKeyFile.parse(key.to_text()), "科长")
    assert caught.value.code == "not_in_jurisdiction"
    return str(caught.value)


def test_offices_enrol_their_child_and_their_parent_only(chain: dict[str, Office], tmp_path: Path) -> None:
    district, city, province = chain[WUJIN], chain[CITY], chain[PROVINCE]
    assert (district.key.level, district.key.jurisdiction) == ("district", WUJIN)
    assert (city.key.level, city.key.jurisdiction) == ("city", CITY)
    link(district, city)
    link(city, province)
    with city.ws.sessions() as s:
        child = SqlTrustStore(s).get(district.key.fingerprint)
        assert child is not None and (child.role, child.level, child.jurisdiction) == ("office", "district", WUJIN)
        assert s.scalar(select(AuditEvent.new_value).where(AuditEvent.field == "enrolled")).count(WUJIN) == 1
    with district.ws.sessions() as s:
        parent = SqlTrustStore(s).get(city.key.fingerprint)
        assert parent is not None and parent.jurisdiction == CITY
    assert "不在本机关" in _refused(province, district.key)  # two levels down
    assert "不在本机关" in _refused(district, province.key)  # two levels up
    assert "不在本机关" in _refused(district, chain[LIYANG].key)  # a sibling
    twin = make_office(tmp_path / "wujin2", WUJIN, "武进区第二台")
    try:
        assert "就是本机关的辖区" in _refused(district, twin.key)
    finally:
        twin.ws.close()
    # an inspector's laptop enrols its office's key with the area, without any check of its own
    signer = Signer.generate()
    key = _office_key(signer, PROVINCE, "province")
    with district.ws.sessions.begin() as s:
        from inspector_app.services.sync.identity import meta_set
        from inspector_app.storage.models_sync import META_ROLE

        meta_set(s, META_ROLE, "inspector")
    sync_ops.enrol_key(district.ws, key, "陈示范")


def test_the_same_key_with_another_area_is_refused(chain: dict[str, Office]) -> None:
    district, city = chain[WUJIN], chain[CITY]
    sync_ops.enrol_key(city.ws, PublicKeyFile.parse(district.key.to_text()), "科长")
    sync_ops.enrol_key(city.ws, PublicKeyFile.parse(district.key.to_text()), "科长")  # again: nothing changes
    own = district.identity()
    moved = PublicKeyFile.signed(own.signer, district.name, "office", own.device_id, district.key.x25519_public,
                                 level="district", jurisdiction=LIYANG)
    with pytest.raises(KeyFileError) as caught:
        sync_ops.enrol_key(city.ws, moved, "科长")
    assert caught.value.code == "key_enrolled_otherwise"
