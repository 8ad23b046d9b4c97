"""Fixtures for the bundle tests: keys, a trust store, and a small valid signed bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import fill_sample, make_header

from inspector_app.bundle.bag import WrittenBag, write_bundle
from inspector_app.bundle.signing import InMemoryTrustStore, Signer, TrustedKey


@pytest.fixture(scope="session")
def signer() -> Signer:
    return Signer.generate()


@pytest.fixture(scope="session")
def other_signer() -> Signer:
    return Signer.generate()


@pytest.fixture
def trust(signer: Signer) -> InMemoryTrustStore:
    return InMemoryTrustStore([TrustedKey(signer.fingerprint, signer.public_raw, "王检查", "inspector")])


@pytest.fixture
def bundle_file(tmp_path: Path, signer: Signer) -> WrittenBag:
    return write_bundle(tmp_path / "sample.inspbundle", make_header(signer), signer, fill_sample)
