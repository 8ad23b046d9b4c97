"""Bundles: signed, tamper-evident BagIt-in-zip files that carry data between the office and inspectors.

Modules, lowest first:

* ``zipsafe``  – ``SafeZip.open(path)``: a zip reader that rejects hostile archives before extraction;
* ``names``    – the member-name safety rules;
* ``signing``  – Ed25519 ``Signer``, fingerprints, ``SignatureBlock``, ``PublicKeyFile``, trust stores;
* ``profile``  – the strict BagIt profile: tag files, path grammar, ``BundleHeader``, format version;
* ``bag``      – ``BagWriter`` and the crash-safe ``write_bundle``;
* ``bag_verify`` – ``verify_bundle(path, trust)`` → ``VerifiedBundle``;
* ``crypto``   – optional X25519 + AES-256-GCM encryption of a finished bundle file;
* ``records``  – the JSON shape of enterprise, template and inspection records;
* ``evidence`` – the evidence sections of an inspection record and the payload paths of its files;
* ``validate`` – the pure checks of every record; ``rollup`` – what only roll-ups between offices carry;
* ``errors``   – the typed errors, all ``ImportFileError`` subclasses.

A pure format package: no SQLAlchemy, no ORM models, no services. Filling bundles from a workspace and
applying them to one is ``services.sync`` (building blocks) behind ``services.ops.sync`` (operations).
The format is documented in ``docs/bundle-format.md``.
"""
