"""Sync by bundle, the building blocks: the workspace's side of the bundle format (``bundle/``).

* ``identity``       – this installation's device id, role, name and signing/encryption keys;
* ``trust``          – ``SqlTrustStore``, the trust store kept in the workspace;
* ``mapping``        – database records ↔ bundle records (enterprises, templates, inspections) and the
  merge rules applied on import (findings by uid, the audit trail as a union);
* ``evidence_files`` – photos, signatures and printed sheets: their rows and files ↔ bundle records;
* ``export``         – writing a signed bundle (crash-safe), the pending selection;
* ``report``         – the import report, the import's typed rejection;
* ``importing``      – verifying and applying bundles;
* ``conflicts``      – resolving the conflicts an import kept;
* ``offices``        – this office's place in the campaign's chain, an office key as child or parent;
* ``rollup_records``, ``rollup_export``, ``rollup_check``, ``rollup_import`` – roll-ups between offices
  (docs/bundle-format.md §12): the records, writing one, who may send what, applying one.

The operations that use them are ``services.ops.sync``; the lists the screens show are
``services.queries.sync``.
"""
