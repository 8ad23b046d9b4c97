"""Ed25519 identities, fingerprints, the bundle signature file and the trust store.

* A fingerprint is the SHA-256 of the raw 32-byte public key, stored as 64 lowercase hex characters and
  shown as 16 groups of 4 upper-case characters, so two people can read it to each other by phone.
* A bundle is signed over ``SIGNATURE_CONTEXT + <bytes of tagmanifest-sha256.txt>``; the context
  prefix keeps a bundle signature from ever being valid for anything else the key signs.
* The trust store holds the enrolled public keys (name, role, device, revoked flag).  The import refuses
  a bundle whose key is unknown or revoked and shows its fingerprint.
* A public-key file (version 2) binds the key to one person (``Name``), one ``Role`` and one
  ``Device-Id``: a self-signature by the key covers those fields and the X25519 key, so a file edited by
  anyone without the private key does not verify (docs/bundle-format.md §5; issue 10, "Trust behind the
  signature").  Version 1 files carried those fields unsigned and are refused.
* An office's key file may also name the office's ``Level`` and ``Jurisdiction`` (the path of its area,
  江苏省常州市武进区), bound to the key by a second signature (``Area-Signature``) over all the claims; a
  reader of version 2 that does not know these lines ignores them, and a file without them is an office
  key without an area (docs/bundle-format.md §5, "Office keys name their area").
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from inspector_app.bundle.errors import KeyFileError, RevokedKeyError, SignatureError, UntrustedKeyError
from inspector_app.translation import _

SIGNATURE_CONTEXT = b"inspector-bundle-signature-v1\x00"
SIGNATURE_FILE_VERSION = "1"
PUBLIC_KEY_FILE_VERSION = "2"
# The self-signature of a public-key file signs this prefix + the canonical claims (``key_claims``); the
# prefix keeps it from being valid as a bundle signature and the reverse.
KEY_CLAIMS_CONTEXT = b"inspector-public-key-claims-v2\x00"
# The area lines of an office's key file are signed over this prefix + the claims with level and
# jurisdiction added (``area_claims``).
KEY_AREA_CONTEXT = b"inspector-public-key-area-v1\x00"
ROLES = ("inspector", "office")
OFFICE_LEVELS = ("district", "city", "province")  # domain.campaign.LEVELS
MAX_JURISDICTION = 200  # characters of an area's path (the rollups table holds 200)
DEVICE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


def fingerprint(public_raw: bytes) -> str:
    """The canonical fingerprint: SHA-256 of the raw public key, 64 lowercase hex characters."""
    if len(public_raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return hashlib.sha256(public_raw).hexdigest()


def format_fingerprint(fp: str) -> str:
    """``'3f2a…'`` → ``'3F2A 9C01 …'`` (16 groups of 4) for reading aloud."""
    fp = normalize_fingerprint(fp)
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4)).upper()


def normalize_fingerprint(text: str) -> str:
    """Accept any spacing, colons, dashes and case; return the canonical 64 hex characters."""
    cleaned = "".join(ch for ch in text if ch not in " :-\t").lower()
    if len(cleaned) != 64 or any(ch not in "0123456789abcdef" for ch in cleaned):
        raise ValueError(_("不是密钥指纹（应为 64 个十六进制字符）：{text!r}").format(text=text))
    return cleaned


class Signer:
    """An installation's Ed25519 private key."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public_raw = key.public_key().public_bytes_raw()
        self.fingerprint = fingerprint(self.public_raw)

    @classmethod
    def generate(cls) -> Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_raw(cls, private_raw: bytes) -> Signer:
        return cls(Ed25519PrivateKey.from_private_bytes(private_raw))

    def private_raw(self) -> bytes:
        return self._key.private_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def verify(public_raw: bytes, message: bytes, signature: bytes) -> None:
    """Raise ``SignatureError`` unless ``signature`` is ``public_raw``'s signature of ``message``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise SignatureError(
            _("签名与数据包的标签清单（tag manifest）不符（密钥 {fingerprint}）：数据包在签名之后被改动过").format(fingerprint=format_fingerprint(fingerprint(public_raw))),
            fingerprint=fingerprint(public_raw),
        ) from None


# -- text files with "Label: value" lines -----------------------------------------------------------
def _parse_labels(text: str, what: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label, sep, value = line.partition(":")
        if not sep:
            raise KeyFileError(_("{what} 第 {number} 行：应为 '标签: 值' 格式").format(what=what, number=number))
        label = label.strip()
        if label in fields:
            raise KeyFileError(_("{what} 第 {number} 行：{label} 出现了两次").format(what=what, number=number, label=label))
        fields[label] = value.strip()
    return fields


def _b64(value: str, size: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(_("{what} 不是有效的 base64").format(what=what)) from None
    if len(raw) != size:
        raise KeyFileError(_("{what} 应为 {size} 字节，而不是 {count} 字节").format(what=what, size=size, count=len(raw)))
    return raw


@dataclass(frozen=True)
class SignatureBlock:
    """The content of ``signature.ed25519`` (a small UTF-8 text file)."""

    public_key: bytes
    signature: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def to_bytes(self) -> bytes:
        lines = [
            f"Inspector-Signature-Version: {SIGNATURE_FILE_VERSION}",
            "Algorithm: Ed25519",
            "Signed-File: tagmanifest-sha256.txt",
            f"Public-Key: {base64.b64encode(self.public_key).decode()}",
            f"Key-Fingerprint: {format_fingerprint(self.fingerprint)}",
            f"Signature: {base64.b64encode(self.signature).decode()}",
        ]
        return ("\n".join(lines) + "\n").encode()

    @classmethod
    def parse(cls, data: bytes) -> SignatureBlock:
        try:
            fields = _parse_labels(data.decode("utf-8"), "signature.ed25519")
            if fields.get("Inspector-Signature-Version") != SIGNATURE_FILE_VERSION:
                raise KeyFileError(_("不支持的签名文件版本"))
            if fields.get("Algorithm") != "Ed25519" or fields.get("Signed-File") != "tagmanifest-sha256.txt":
                raise KeyFileError(_("算法或被签名的文件不符合规定"))
            block = cls(_b64(fields.get("Public-Key", ""), 32, "Public-Key"),
                        _b64(fields.get("Signature", ""), 64, "Signature"))
            if normalize_fingerprint(fields.get("Key-Fingerprint", "")) != block.fingerprint:
                raise KeyFileError(_("Key-Fingerprint 与 Public-Key 不对应"))
            return block
        except (KeyFileError, UnicodeDecodeError, ValueError) as exc:
            raise SignatureError(_("signature.ed25519 格式有误：{exc}").format(exc=exc)) from None


def sign_tagmanifest(signer: Signer, tagmanifest: bytes) -> SignatureBlock:
    return SignatureBlock(signer.public_raw, signer.sign(SIGNATURE_CONTEXT + tagmanifest))


def verify_tagmanifest(block: SignatureBlock, tagmanifest: bytes) -> None:
    verify(block.public_key, SIGNATURE_CONTEXT + tagmanifest, block.signature)


# -- public key files ------------------------------------------------------------------------------
def person_name(text: str) -> str:
    """A person's (or office's) name as keys bind it: whitespace collapsed to single spaces."""
    return " ".join(str(text).split())


def _claims(public_key: bytes, name: str, role: str, device_id: str, x25519_public: bytes | None) -> dict[str, Any]:
    return {"version": int(PUBLIC_KEY_FILE_VERSION), "name": name, "role": role, "device_id": device_id,
            "ed25519": base64.b64encode(public_key).decode(),
            "x25519": base64.b64encode(x25519_public).decode() if x25519_public is not None else None}


def _canonical(context: bytes, claims: dict[str, Any]) -> bytes:
    return context + json.dumps(claims, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def key_claims(public_key: bytes, name: str, role: str, device_id: str, x25519_public: bytes | None) -> bytes:
    """What a public-key file's self-signature signs: every field import relies on, in one canonical
    form (sorted JSON, UTF-8, no spaces) after ``KEY_CLAIMS_CONTEXT``."""
    return _canonical(KEY_CLAIMS_CONTEXT, _claims(public_key, name, role, device_id, x25519_public))


def area_claims(public_key: bytes, name: str, role: str, device_id: str, x25519_public: bytes | None,
                level: str, jurisdiction: str) -> bytes:
    """What an office key file's ``Area-Signature`` signs: the claims of ``key_claims`` with the office's
    ``level`` and ``jurisdiction`` added, after ``KEY_AREA_CONTEXT``."""
    claims = _claims(public_key, name, role, device_id, x25519_public)
    return _canonical(KEY_AREA_CONTEXT, {**claims, "level": level, "jurisdiction": jurisdiction})


@dataclass(frozen=True)
class PublicKeyFile:
    """What ``keys export-public`` writes and ``keys enrol`` reads: the Ed25519 key, bound by its own
    signature (``self_signature``) to a name, a role, a device id and the optional X25519 key; an office's
    key also to its level and jurisdiction (``area_signature``; all three empty for other keys)."""

    public_key: bytes
    name: str
    role: str
    device_id: str
    x25519_public: bytes | None = None
    self_signature: bytes = b""
    level: str = ""
    jurisdiction: str = ""
    area_signature: bytes = b""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @classmethod
    def signed(cls, signer: Signer, name: str, role: str, device_id: str,
               x25519_public: bytes | None = None, *, level: str = "", jurisdiction: str = "") -> PublicKeyFile:
        """This installation's key file, its claims signed by ``signer`` (an office's with its area when
        ``level`` and ``jurisdiction`` are given)."""
        name = person_name(name)
        _check_claims(name, role, device_id)
        claims = key_claims(signer.public_raw, name, role, device_id, x25519_public)
        area = b""
        if level or jurisdiction:
            _check_area(role, level, jurisdiction)
            area = signer.sign(area_claims(signer.public_raw, name, role, device_id, x25519_public, level,
                                           jurisdiction))
        return cls(signer.public_raw, name, role, device_id, x25519_public, signer.sign(claims), level,
                   jurisdiction, area)

    def to_text(self) -> str:
        if not self.self_signature:
            raise KeyFileError(_("公钥文件缺少自签名（self-signature）：请用 PublicKeyFile.signed 生成"))
        lines = [
            f"Inspector-Public-Key-Version: {PUBLIC_KEY_FILE_VERSION}",
            f"Name: {self.name}",
            f"Role: {self.role}",
            f"Device-Id: {self.device_id}",
            f"Ed25519-Public-Key: {base64.b64encode(self.public_key).decode()}",
            f"Fingerprint: {format_fingerprint(self.fingerprint)}",
        ]
        if self.x25519_public is not None:
            lines.append(f"X25519-Public-Key: {base64.b64encode(self.x25519_public).decode()}")
        if self.area_signature:
            lines += [f"Level: {self.level}", f"Jurisdiction: {self.jurisdiction}",
                      f"Area-Signature: {base64.b64encode(self.area_signature).decode()}"]
        lines.append(f"Self-Signature: {base64.b64encode(self.self_signature).decode()}")
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> PublicKeyFile:
        """Read a version 2 file and verify its self-signature; a version 1 file (name, role and device
        unsigned) is refused with what to do (code ``old_key_file``)."""
        fields = _parse_labels(text, "public key file")
        version = fields.get("Inspector-Public-Key-Version")
        if version == "1":
            raise KeyFileError(_("这是旧版本（1）的公钥文件：其中的姓名、角色和设备号没有经过签名，可能被改动过，不能登记。请对方升级 Inspector 后重新导出公钥（keys export-public），再当面或电话核对指纹"), code="old_key_file")
        if version != PUBLIC_KEY_FILE_VERSION:
            raise KeyFileError(_("不支持的公钥文件版本 {version!r}").format(version=version))
        role = fields.get("Role", "")
        if role not in ROLES:
            raise KeyFileError(_("Role（角色）必须是 {ROLES} 之一，而不是 {role!r}").format(ROLES=', '.join(ROLES), role=role))
        x_text = fields.get("X25519-Public-Key")
        key = cls(
            public_key=_b64(fields.get("Ed25519-Public-Key", ""), 32, "Ed25519-Public-Key"),
            name=person_name(fields.get("Name", "")),
            role=role,
            device_id=fields.get("Device-Id", ""),
            x25519_public=_b64(x_text, 32, "X25519-Public-Key") if x_text else None,
            self_signature=_b64(fields.get("Self-Signature", ""), 64, "Self-Signature"),
        )
        try:
            stated = normalize_fingerprint(fields.get("Fingerprint", ""))
        except ValueError as exc:
            raise KeyFileError(str(exc)) from None
        if stated != key.fingerprint:
            raise KeyFileError(_("Fingerprint 一行与密钥不对应：文件被改动过"))
        _check_claims(key.name, key.role, key.device_id)
        claims = key_claims(key.public_key, key.name, key.role, key.device_id, key.x25519_public)
        try:
            Ed25519PublicKey.from_public_bytes(key.public_key).verify(key.self_signature, claims)
        except (InvalidSignature, ValueError):
            raise KeyFileError(_("公钥文件的自签名（Self-Signature）与其中的姓名、角色、设备号或加密公钥不符：文件被改动过，不能登记")) from None
        return _with_area(key, fields)


def _with_area(key: PublicKeyFile, fields: dict[str, str]) -> PublicKeyFile:
    """The key with its office area, when the file names one (``Level``, ``Jurisdiction`` and
    ``Area-Signature`` together), after checking the area signature."""
    lines = [fields.get(label) for label in ("Level", "Jurisdiction", "Area-Signature")]
    if all(line is None for line in lines):
        return key
    if any(line is None for line in lines):
        raise KeyFileError(_("公钥文件的 Level、Jurisdiction 和 Area-Signature 须同时出现"))
    level, jurisdiction = str(lines[0]), str(lines[1])
    _check_area(key.role, level, jurisdiction)
    signature = _b64(str(lines[2]), 64, "Area-Signature")
    claims = area_claims(key.public_key, key.name, key.role, key.device_id, key.x25519_public, level, jurisdiction)
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, claims)
    except (InvalidSignature, ValueError):
        raise KeyFileError(_("公钥文件的辖区签名（Area-Signature）与其中的层级或辖区不符：文件被改动过，不能登记")) from None
    return replace(key, level=level, jurisdiction=jurisdiction, area_signature=signature)


def _check_area(role: str, level: str, jurisdiction: str) -> None:
    if role != "office":
        raise KeyFileError(_("只有机关（office）的密钥可以写明层级和辖区，而此密钥的角色是 {role!r}").format(role=role))
    if level not in OFFICE_LEVELS:
        raise KeyFileError(_("Level（层级）必须是 {OFFICE_LEVELS} 之一，而不是 {level!r}").format(OFFICE_LEVELS=', '.join(OFFICE_LEVELS), level=level))
    if not jurisdiction or len(jurisdiction) > MAX_JURISDICTION or jurisdiction != "".join(jurisdiction.split()) \
            or not jurisdiction.isprintable():
        raise KeyFileError(_("Jurisdiction（辖区）无效：{jurisdiction!r}").format(jurisdiction=jurisdiction[:MAX_JURISDICTION]))


def _check_claims(name: str, role: str, device_id: str) -> None:
    if not name:
        raise KeyFileError(_("密钥文件没有写明主人（Name 为空）"))
    if role not in ROLES:
        raise KeyFileError(_("Role（角色）必须是 {ROLES} 之一，而不是 {role!r}").format(ROLES=', '.join(ROLES), role=role))
    if not DEVICE_ID.fullmatch(device_id):
        raise KeyFileError(_("Device-Id（设备号）无效：{device_id!r}").format(device_id=device_id))


# -- trust store -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str
    public_key: bytes
    name: str
    role: str
    device_id: str = ""
    x25519_public: bytes | None = None
    revoked: bool = False
    enrolled_at: str = ""
    revoked_at: str = ""
    level: str = ""  # an office key's level and area (path), from its signed key file; "" otherwise
    jurisdiction: str = ""


class TrustStore(Protocol):
    """Enrolled keys, looked up by canonical fingerprint.  ``storage`` provides the database one."""

    def get(self, fp: str) -> TrustedKey | None: ...

    def enrol(self, key: TrustedKey) -> None: ...

    def revoke(self, fp: str, when: str = "") -> None: ...

    def unrevoke(self, fp: str) -> None: ...

    def all(self) -> list[TrustedKey]: ...


class InMemoryTrustStore:
    """A trust store in a dict, for tests and for ``bundle verify`` without a workspace."""

    def __init__(self, keys: list[TrustedKey] | None = None) -> None:
        self._keys = {k.fingerprint: k for k in keys or []}

    def get(self, fp: str) -> TrustedKey | None:
        return self._keys.get(fp)

    def enrol(self, key: TrustedKey) -> None:
        self._keys[key.fingerprint] = key

    def revoke(self, fp: str, when: str = "") -> None:
        key = self._keys.get(normalize_fingerprint(fp))
        if key is None:
            raise UntrustedKeyError(_("没有已登记的密钥的指纹是 {fingerprint}").format(fingerprint=format_fingerprint(fp)), fp)
        self._keys[key.fingerprint] = replace(key, revoked=True, revoked_at=when)

    def unrevoke(self, fp: str) -> None:
        key = self._keys.get(normalize_fingerprint(fp))
        if key is None:
            raise UntrustedKeyError(_("没有已登记的密钥的指纹是 {fingerprint}").format(fingerprint=format_fingerprint(fp)), fp)
        self._keys[key.fingerprint] = replace(key, revoked=False, revoked_at="")

    def all(self) -> list[TrustedKey]:
        return list(self._keys.values())


def check_trusted(store: TrustStore, public_raw: bytes) -> TrustedKey:
    """The enrolled, unrevoked key for ``public_raw``; otherwise an error that shows the fingerprint."""
    fp = fingerprint(public_raw)
    shown = format_fingerprint(fp)
    key = store.get(fp)
    if key is None or key.public_key != public_raw:
        raise UntrustedKeyError(
            _("数据包由未登记的密钥签名（unknown key {shown}）；如确是对方的数据包，请先当面或电话与密钥的主人核对指纹，再登记其公钥（keys enrol 文件）").format(shown=shown),
            fp,
        )
    if key.revoked:
        when = _("，吊销于 {revoked_at}").format(revoked_at=key.revoked_at) if key.revoked_at else ""
        raise RevokedKeyError(_("数据包由 {key_name} 的密钥（{shown}）签名，该密钥已被吊销（revoked{when}）").format(key_name=key.name, shown=shown, when=when), fp)
    return key
