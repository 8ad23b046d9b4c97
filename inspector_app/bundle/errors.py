"""Typed errors of the bundle package.

Every error carries a message for people – Chinese first, with the technical detail (entry name, key
fingerprint, sequence number, field) kept – and a stable, machine-readable ``code`` (see ``CODES`` and
the "Import errors" section of ``docs/bundle-format.md``).  Callers decide on ``code``, never on the
message text.  Errors about a signing key also carry its ``fingerprint`` (64 hex digits; "" otherwise).
All are ``ImportFileError`` subclasses, so callers that only care about "this file cannot be imported,
nothing was written" can catch that.
"""

from __future__ import annotations

from inspector_app.domain.errors import ImportFileError, InspectorError

#: Every ``code`` a bundle error (or an import report of a rejected file) can carry, with its meaning.
#: Codes are stable: the GUI, scripts and tests match on them.  New codes may be added; none is renamed.
CODES: dict[str, str] = {
    "unreadable": "the file does not exist, is not a file, or cannot be read",
    "corrupt_zip": "not a zip, or a damaged one: empty, truncated, bad CRC-32, broken structure",
    "unsafe_zip": "a hostile zip: traversal, absolute/drive paths, links, duplicates, bombs, encrypted entries …",
    "bad_profile": "not a bag of our profile: tag files, bag-info labels, path grammar, folder name, header",
    "bad_manifest": "a payload or tag file does not match its SHA-256 in the manifests (altered or incomplete)",
    "bad_record": "a record in the bundle is malformed or cannot be applied (template, enterprise, missing file)",
    # Record validation (bundle.validate, services.sync.validation), before anything is written:
    "json_too_deep": "a JSON file or JSON text field of the bundle nests deeper than 32 levels",
    "json_not_finite": "a JSON number that is NaN, Infinity or overflows a float (1e400)",
    "number_out_of_range": "an integer out of its range: a revision, sequence or acknowledgement beyond SQLite's"
                           " 64-bit integer or negative, a size, position or count out of bounds",
    "duplicate_uid": "the same uid twice in the bundle (inspections, findings, photos, signatures, sheets,"
                     " re-checks)",
    "foreign_uid": "a finding, photo, signature, sheet or re-check uid that belongs to another inspection here",
    "unknown_item_code": "an item code or deduction rule the inspection's template version does not have",
    "too_many_records": "more photos (1,000), findings, answers, audit events, signatures, sheets or inspectors in"
                        " one inspection than allowed",
    "bad_photo": "a photo file that 'photos add' would refuse: not an image, not JPEG/PNG/HEIC, a decompression"
                 " bomb, too large, truncated",
    "bad_signature_image": "a signature that is not strokes plus a PNG: an SVG or other file, a PNG that does not"
                           " decode, malformed strokes",
    "bad_sheet_file": "a printed sheet that is not a PDF",
    "bad_report_file": "a filed report's file in a roll-up that is not a PDF or an xlsx workbook",
    "bad_case_file": "a file attached to a 摘牌 case's step in a roll-up that is not a PDF, JPEG or PNG",
    "internal_error": "an unexpected error with this bundle (a bug): nothing was written, the traceback is logged",
    "newer_format": "written by a newer bundle (or encryption) format version than this program reads",
    "bad_signature": "the signature is missing, malformed, does not match, or names another key",
    "unknown_key": "signed by a key that is not enrolled here (``fingerprint`` is set)",
    "revoked_key": "signed by an enrolled key that was revoked (``fingerprint`` is set)",
    "wrong_signer_role": "the signing key is enrolled with the other role (``fingerprint`` is set)",
    "own_bundle": "made by this installation; it must be imported on the other side (``fingerprint`` is set)",
    "wrong_direction": "an office→inspector bundle in an office workspace, or the reverse",
    "replay": "a replayed or superseded bundle: its sequence number is not above the producer's last one",
    "device_mismatch": "the bundle names another device than the one its signing key is bound to (``fingerprint``)",
    "not_assigned": "an inspector's bundle carries an inspection this office did not assign to the signing key's"
                    " person, or a new one (``fingerprint`` is set)",
    "not_permitted": "a record or change the signer's role may not send: a template or unknown enterprise from an"
                     " inspector, another enterprise or template, an accepted inspection, a renamed person, an"
                     " unknown record kind (``fingerprint`` is set)",
    "unknown_officer": "an inspector's bundle names a re-check officer the office knows neither from its register"
                       " nor from an inspection the bundle carries (``fingerprint`` is set)",
    "forged_audit": "an audit event whose actor is not the signing key's person, or an office action in an"
                    " inspector's bundle (``fingerprint`` is set)",
    "not_in_jurisdiction": "a roll-up signed by an office key that is not enrolled as an office directly below this"
                           " one, or carrying a record outside that office's area or held here by another office"
                           " (``fingerprint`` is set)",
    "stale_rollup": "a roll-up created before the one already applied from the same office (``fingerprint`` is set)",
    "no_decryption_key": "an encrypted bundle, and no decryption key was available to open it",
    "encrypted_for_other": "an encrypted bundle addressed to another office key",
    "bad_encryption": "an encrypted bundle that is truncated, altered, or of an unknown suite",
    "no_such_conflict": "resolving a sync conflict that does not exist or is already resolved",
    "bundle_error": "any other bundle error",
}


class BundleError(ImportFileError):
    """A bundle that cannot be read, verified or imported."""

    code = "bundle_error"

    def __init__(self, message: str, *, code: str | None = None, fingerprint: str = "",
                 problems: list[str] | None = None) -> None:
        super().__init__(message, problems)
        if code is not None:
            self.code = code
        self.fingerprint = fingerprint


class UnsafeArchiveError(BundleError):
    """The zip container is hostile or corrupt (traversal, bomb, overlap, bad CRC, ...)."""

    code = "unsafe_zip"  # damaged (not hostile) archives: "corrupt_zip"


class BagInvalidError(BundleError):
    """The BagIt bag or our profile of it is broken (manifest mismatch, unknown file, bad field)."""

    code = "bad_profile"  # also "bad_manifest" (hashes) and "bad_record" (record content)


class UnsupportedVersionError(BundleError):
    """The bundle was written by a newer format version than this program understands."""

    code = "newer_format"


class SignatureError(BundleError):
    """The signature is missing, malformed, or does not match the tag manifest."""

    code = "bad_signature"


class UntrustedKeyError(SignatureError):
    """The bundle is signed by a key that is not enrolled in the trust store."""

    code = "unknown_key"

    def __init__(self, message: str, fingerprint: str, *, code: str | None = None) -> None:
        super().__init__(message, code=code, fingerprint=fingerprint)


class RevokedKeyError(UntrustedKeyError):
    """The bundle is signed by a key that was enrolled and later revoked."""

    code = "revoked_key"


class DecryptionError(BundleError):
    """An encrypted bundle that cannot be decrypted (wrong key, tampered, truncated)."""

    code = "bad_encryption"  # also "encrypted_for_other" and "no_decryption_key"


#: Why ``keys enrol`` / ``keys unrevoke`` refuse (``KeyFileError.code``); docs/bundle-format.md §5.
KEY_CODES: dict[str, str] = {
    "bad_key_file": "not a public-key file of this version, or one whose self-signature does not verify",
    "old_key_file": "a version 1 public-key file: its name, role and device id are not signed",
    "revoked_key": "the key was revoked here; only an explicit, audited 'keys unrevoke' trusts it again",
    "key_enrolled_otherwise": "the key is already enrolled under another name, role or device",
    "key_binding": "the name or role given at enrolment differs from the signed key file",
    "own_key": "this workspace's own key (or device): it cannot trust itself",
    "device_taken": "the device is bound to another person's (or role's) unrevoked key",
    "person_other_role": "this person already has an unrevoked key with the other role",
    "not_revoked": "unrevoking a key that is not revoked",
    "not_in_jurisdiction": "an office key whose signed jurisdiction is neither directly below this office's area nor"
                           " directly above it (or this office has no area set)",
}


class KeyFileError(InspectorError):
    """A public-key file that cannot be read, or a key that may not be enrolled here (``code``: ``KEY_CODES``)."""

    code = "bad_key_file"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
