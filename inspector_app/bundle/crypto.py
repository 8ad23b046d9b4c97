"""Optional confidentiality: a finished bundle encrypted to the office's X25519 public key.

File layout (all integers big-endian)::

    magic      8 bytes   b"\\x89INSPENC"
    version    u16       1
    suite      u16       1 = X25519 + HKDF-SHA256 + AES-256-GCM, chunked
    chunk_size u32       plaintext bytes per chunk (≤ 16 MiB)
    key_id     32 bytes  SHA-256 of the recipient's raw X25519 public key
    ephemeral  32 bytes  the sender's one-time X25519 public key
    salt       16 bytes  random
    chunks...            AES-256-GCM(chunk), each chunk_size + 16 bytes, the last one shorter

key = HKDF-SHA256(ikm = X25519(ephemeral, recipient), salt, info = INFO + ephemeral + recipient_pub).
Chunk ``i`` uses the 12-byte nonce ``u64(i) || u32(last)`` where ``last`` is 1 only for the final
chunk (which may be empty), and the 96-byte header as associated data.  Reordering, truncating,
extending or editing the header all fail authentication.  A fresh ephemeral key per file makes the
counter nonces safe.  Decryption writes to a temporary file that is renamed only when every chunk
authenticated.
"""

from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from inspector_app.bundle.errors import DecryptionError, UnsupportedVersionError
from inspector_app.storage.files import atomic_writer
from inspector_app.translation import _

MAGIC = b"\x89INSPENC"
VERSION = 1
SUITE = 1
CHUNK_SIZE = 1 << 20
MAX_CHUNK = 16 << 20
INFO = b"inspector-bundle-encryption-v1"
_HEADER = struct.Struct(">8sHHI32s32s16s")
TAG = 16


def x25519_public(private_raw: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private_raw).public_key().public_bytes_raw()


def key_id(public_raw: bytes) -> bytes:
    return hashlib.sha256(public_raw).digest()


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _derive(shared: bytes, salt: bytes, ephemeral: bytes, recipient: bytes) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=INFO + ephemeral + recipient).derive(shared)
    return AESGCM(key)


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">QI", index, 1 if last else 0)


def encrypt_file(source: Path, target: Path, recipient_public: bytes, chunk_size: int = CHUNK_SIZE) -> None:
    """Encrypt ``source`` to ``recipient_public`` (raw X25519) into ``target``, atomically."""
    ephemeral = X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    salt = os.urandom(16)
    header = _HEADER.pack(MAGIC, VERSION, SUITE, chunk_size, key_id(recipient_public), eph_pub, salt)
    aead = _derive(shared, salt, eph_pub, recipient_public)
    with open(source, "rb") as src, atomic_writer(Path(target)) as dst:
        dst.write(header)
        index = 0
        current = src.read(chunk_size)
        while True:
            following = src.read(chunk_size) if len(current) == chunk_size else b""
            last = not following
            dst.write(aead.encrypt(_nonce(index, last), current, header))
            if last:
                break
            current = following
            index += 1


def _read_header(handle: BinaryIO, private_raw: bytes) -> tuple[bytes, int, AESGCM]:
    header = handle.read(_HEADER.size)
    if len(header) < _HEADER.size or header[:8] != MAGIC:
        raise DecryptionError(_("不是加密的 Inspector 数据包（或文件头被截断）"))
    _magic, version, suite, chunk_size, kid, eph_pub, salt = _HEADER.unpack(header)
    if version > VERSION:
        raise UnsupportedVersionError(
            _("此数据包的加密格式版本为 {version}，高于本程序能读取的版本（{VERSION}）：请先升级 Inspector").format(version=version, VERSION=VERSION)
        )
    if version != VERSION or suite != SUITE or not 0 < chunk_size <= MAX_CHUNK:
        raise DecryptionError(_("未知的加密版本、算法组合或分块大小"))
    private = X25519PrivateKey.from_private_bytes(private_raw)
    own_pub = private.public_key().public_bytes_raw()
    if kid != key_id(own_pub):
        raise DecryptionError(
            _("此数据包是加密给另一把市局密钥的（another office key，密钥编号 {hex}…），不是给本机的密钥（{hex2}…）").format(hex=kid.hex()[:16], hex2=key_id(own_pub).hex()[:16]),
            code="encrypted_for_other",
        )
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
    except ValueError:
        raise DecryptionError(_("数据包中的临时公钥（ephemeral key）无效")) from None
    return header, chunk_size, _derive(shared, salt, eph_pub, own_pub)


def decrypt_file(source: Path, target: Path, private_raw: bytes) -> None:
    """Decrypt into ``target``; on any failure ``target`` is not created and nothing else is left."""
    with open(source, "rb") as src:
        header, chunk_size, aead = _read_header(src, private_raw)
        with atomic_writer(Path(target)) as dst:
            index = 0
            current = src.read(chunk_size + TAG)
            while True:
                following = src.read(chunk_size + TAG) if len(current) == chunk_size + TAG else b""
                last = not following
                if len(current) < TAG:
                    raise DecryptionError(_("加密的数据包不完整（truncated）"))
                try:
                    dst.write(aead.decrypt(_nonce(index, last), current, header))
                except InvalidTag:
                    raise DecryptionError(
                        _("加密数据包的第 {index} 块未通过认证：文件被改动过或不完整").format(index=index)
                    ) from None
                if last:
                    break
                current = following
                index += 1
