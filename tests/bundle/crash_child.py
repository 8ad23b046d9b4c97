"""Run one export or import and SIGKILL itself at a chosen point (used by test_crash_safety.py).

usage: crash_child.py export|import WORKSPACE KEYFILE BUNDLE KILL_POINT
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from inspector_app.bundle import bag
from inspector_app.bundle.signing import Signer
from inspector_app.services.sync import export, importing
from inspector_app.services.sync.identity import Identity, device_id
from inspector_app.storage.engine import open_workspace


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str) -> None:
    """Patch the function named by ``point`` so that the process dies there."""
    real_replace = os.replace

    def kill_then(func: Any, after: bool = False) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not after:
                die()
            result = func(*args, **kwargs)
            die()
            return result
        return wrapper

    if point == "export-select":
        export._select = kill_then(export._select, after=True)  # type: ignore[assignment]
    elif point == "export-writing":
        bag.BagWriter.add_json = kill_then(bag.BagWriter.add_json, after=True)  # type: ignore[method-assign]
    elif point == "export-verify":
        bag.verify_bundle = kill_then(bag.verify_bundle)  # type: ignore[attr-defined]
    elif point == "export-before-rename":
        bag.os.replace = kill_then(real_replace)  # type: ignore[attr-defined]
    elif point == "export-after-rename":
        bag.os.replace = kill_then(real_replace, after=True)  # type: ignore[attr-defined]
    elif point == "import-verify":
        importing.verify_bundle = kill_then(importing.verify_bundle)  # type: ignore[assignment]
    elif point == "import-apply":
        importing.write_inspection = kill_then(importing.write_inspection, after=True)  # type: ignore[assignment]
    elif point == "import-after-files":
        importing.place_files = kill_then(importing.place_files, after=True)  # type: ignore[assignment]
    elif point == "import-before-commit":
        importing._apply_bundle = kill_then(importing._apply_bundle, after=True)  # type: ignore[assignment]
    elif point != "none":
        raise SystemExit(f"unknown kill point {point}")


def main() -> None:
    mode, root, keyfile, bundle_path, point = sys.argv[1:6]
    ws = open_workspace(Path(root))
    with ws.sessions.begin() as s:
        dev = device_id(s)
    identity = Identity(dev, "陈示范", Signer.from_raw(Path(keyfile).read_bytes()))  # the enrolled name
    arm(point)
    if mode == "export":
        export.export_bundle(ws, identity, Path(bundle_path))
    else:
        importing.import_bundle(ws, Path(bundle_path))
    ws.close()


if __name__ == "__main__":
    main()
