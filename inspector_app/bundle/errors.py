"""Typed errors of the bundle package.

Every error carries an English message that names the entry, key or field at fault; the UI maps the
class (and ``code``) to a translated message.  All are ``ImportFileError`` subclasses, so callers that
only care about "this file cannot be imported, nothing was written" can catch that.
"""

from __future__ import annotations

from inspector_app.domain.errors import ImportFileError, InspectorError


class BundleError(ImportFileError):
    """A bundle that cannot be read, verified or imported."""

    code = "bundle"


class UnsafeArchiveError(BundleError):
    """The zip container is hostile or corrupt (traversal, bomb, overlap, bad CRC, ...)."""

    code = "unsafe-archive"


class BagInvalidError(BundleError):
    """The BagIt bag or our profile of it is broken (manifest mismatch, unknown file, bad field)."""

    code = "bag-invalid"


class UnsupportedVersionError(BundleError):
    """The bundle was written by a newer format version than this program understands."""

    code = "newer-version"


class SignatureError(BundleError):
    """The signature is missing, malformed, or does not match the tag manifest."""

    code = "bad-signature"


class UntrustedKeyError(SignatureError):
    """The bundle is signed by a key that is not enrolled in the trust store."""

    code = "unknown-key"

    def __init__(self, message: str, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


class RevokedKeyError(UntrustedKeyError):
    """The bundle is signed by a key that was enrolled and later revoked."""

    code = "revoked-key"


class DecryptionError(BundleError):
    """An encrypted bundle that cannot be decrypted (wrong key, tampered, truncated, newer version)."""

    code = "decryption"


class KeyFileError(InspectorError):
    """A public-key file that cannot be read."""
