"""The import error codes are a contract: every code the core can raise is in ``errors.CODES`` and
documented in docs/bundle-format.md ("Import errors"), and every error class has one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector_app.bundle import errors
from inspector_app.services.sync import report as import_report

pytestmark = pytest.mark.both_engines

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "inspector_app" / "bundle").glob("*.py")),
           *sorted((ROOT / "inspector_app" / "services" / "sync").glob("*.py"))]


def test_every_code_raised_is_known() -> None:
    raised = set()
    for path in SOURCES:
        text = path.read_text("utf-8")
        raised |= set(re.findall(r'code="([a-z_]+)"', text))
        raised |= set(re.findall(r'_fail\([^\n]*, "([a-z_]+)"\)', text))
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.BundleError)]
    raised |= {c.code for c in classes}
    assert {"corrupt_zip", "bad_manifest", "own_bundle", "replay", "encrypted_for_other"} <= raised
    # the enrolment rules' codes (KeyFileError) are raised in the same modules
    known = set(errors.CODES) | set(import_report.REPORT_ONLY_CODES) | set(errors.KEY_CODES)
    assert raised <= known, raised - known
    assert not set(errors.CODES) & set(import_report.REPORT_ONLY_CODES)
    assert import_report.Rejected.code in errors.CODES


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "bundle-format.md").read_text("utf-8")
    section = doc[doc.index("## 9. Import errors"):]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.MULTILINE))
    assert documented == set(errors.CODES)
    for code in import_report.REPORT_ONLY_CODES:
        assert f"`{code}`" in section
    keys = doc[doc.index("### Enrolment"):doc.index("## 6.")]
    assert set(re.findall(r"^\| `([a-z_]+)` \|", keys, re.MULTILINE)) == set(errors.KEY_CODES)


def test_an_error_keeps_its_code_and_fingerprint() -> None:
    err = errors.UntrustedKeyError("未登记", "ab" * 32)
    assert (err.code, err.fingerprint) == ("unknown_key", "ab" * 32)
    assert errors.RevokedKeyError("已吊销", "cd" * 32).code == "revoked_key"
    assert errors.UnsafeArchiveError("x", code="corrupt_zip").code == "corrupt_zip"
    assert errors.UnsafeArchiveError("x").code == "unsafe_zip" and errors.UnsafeArchiveError("x").fingerprint == ""
    report = import_report.ImportReport.rejected(Path("a.inspbundle"), errors.RevokedKeyError("已吊销", "cd" * 32))
    assert (report.status, report.code, report.fingerprint, report.reason) == ("rejected", "revoked_key", "cd" * 32,
                                                                              "已吊销")
    assert import_report.ImportReport.rejected(Path("a"), OSError(28, "No space left on device")).code == "io_error"
