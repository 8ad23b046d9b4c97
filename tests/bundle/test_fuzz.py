"""Damaged bundles never crash the reader: every outcome is a verified bundle or a BundleError."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from bundle_helpers import fill_sample, make_header
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector_app.bundle.bag import write_bundle
from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.bundle.errors import BundleError
from inspector_app.bundle.signing import InMemoryTrustStore, Signer, TrustedKey

pytestmark = pytest.mark.both_engines

_SIGNER = Signer.generate()
_TRUST = InMemoryTrustStore([TrustedKey(_SIGNER.fingerprint, _SIGNER.public_raw, "王检查", "inspector")])
_CACHE: dict[str, bytes] = {}


def _good(tmp: Path) -> bytes:
    if "good" not in _CACHE:
        _CACHE["good"] = write_bundle(tmp / "good.inspbundle", make_header(_SIGNER), _SIGNER,
                                      fill_sample).path.read_bytes()
    return _CACHE["good"]


def _check(tmp: Path, data: bytes) -> None:
    path = tmp / "fuzzed.inspbundle"
    path.write_bytes(data)
    with contextlib.suppress(BundleError):  # anything else (KeyError, struct.error, ...) fails the test
        verify_bundle(path, _TRUST).close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=4))
def test_flipped_bytes(tmp_path: Path, flips: list[tuple[float, int]]) -> None:
    data = bytearray(_good(tmp_path))
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    _check(tmp_path, bytes(data))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0, 1, exclude_max=True), junk=st.binary(max_size=40))
def test_truncated_or_spliced(tmp_path: Path, cut: float, junk: bytes) -> None:
    data = _good(tmp_path)
    at = int(cut * len(data))
    _check(tmp_path, data[:at] + junk + data[at + len(junk):])
