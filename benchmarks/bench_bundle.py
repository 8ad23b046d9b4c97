"""Bundle export and import of one inspection with 200 photos, against ``zip -0 -r`` and against
``unzip`` followed by ``sha256sum`` on the same files, in the same run (median of 3, interleaved).

Usage: .venv/bin/python benchmarks/bench_bundle.py [--photos 200] [--keep]

* export = ``services.ops.sync.export_bundle``: records, SHA-256 of every file, the zip (photos
  stored), the signature, fsync, reading the whole bundle back and verifying it, the rename, the
  database commit.  Reference: ``zip -0 -r -q`` of the 200 original files.
* office size: the same imports into an office workspace that already holds 100,000 inspections,
  against the empty office (and a records-only bundle, where the database is all the work).
* import = ``services.ops.sync.import_bundle`` into a fresh copy of the office workspace: zip
  safety scan, manifests, signature, every SHA-256, staging, one transaction, the files moved into the
  photo store.  Reference: ``unzip -q`` of the same bundle then ``sha256sum`` of every file.

Photos: the large fixture photos of ../shared/fixtures/photos, cycled, each made unique by a few
trailing bytes (rows are inserted directly, so the photo pipeline's own cost is not measured here).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from inspector_app.bundle.signing import Signer, TrustedKey  # noqa: E402
from inspector_app.domain import uscc  # noqa: E402
from inspector_app.domain.lifecycle import InspectionStatus  # noqa: E402
from inspector_app.domain.scoring import Answer  # noqa: E402
from inspector_app.photos.store import PhotoStore  # noqa: E402
from inspector_app.services import inspections  # noqa: E402
from inspector_app.services.enterprises import EnterpriseData, upsert  # noqa: E402
from inspector_app.services.ops.sync import Identity, export_bundle, import_bundle  # noqa: E402
from inspector_app.services.sync.identity import device_id, meta_set  # noqa: E402
from inspector_app.services.sync.trust import SqlTrustStore  # noqa: E402
from inspector_app.services.templates import latest_templates, sync_shipped_templates  # noqa: E402
from inspector_app.storage.engine import Workspace, open_workspace  # noqa: E402
from inspector_app.storage.models import Inspection  # noqa: E402
from inspector_app.storage.models_evidence import Photo  # noqa: E402
from inspector_app.storage.models_sync import META_KEY_FINGERPRINT, META_ROLE  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures" / "photos"
LARGE = ("large-phone.jpg", "large-camera-canon.jpg", "gps-iphone5-orient3.jpg", "heic-phone.heic")


def side(root: Path, role: str, name: str) -> tuple[Workspace, Identity]:
    ws = open_workspace(root)
    signer = Signer.generate()
    with ws.sessions.begin() as s:
        meta_set(s, META_ROLE, role)
        meta_set(s, META_KEY_FINGERPRINT, signer.fingerprint)
        dev = device_id(s)
    return ws, Identity(dev, name, signer)


def trust(ws: Workspace, other: Identity, role: str) -> None:
    with ws.sessions.begin() as s:
        SqlTrustStore(s).enrol(TrustedKey(other.signer.fingerprint, other.signer.public_raw, other.name, role,
                                          other.device_id))


def prepare(tmp: Path, count: int) -> tuple[Path, Workspace, Identity, list[int], Path]:
    office, office_id = side(tmp / "office", "office", "office")
    field, field_id = side(tmp / "field", "inspector", "陈示范")  # signs as the assigned inspector
    trust(office, field_id, "inspector")
    trust(field, office_id, "office")
    with office.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        uids = [inspections.assign(s, enterprise, template, [("陈示范", "A1"), ("吴敏", "A2")], "科长",
                                   due_date=date(2026, 12, 31)).uid for _ in range(2)]
    import_bundle(field, export_bundle(office, office_id, tmp / "assign.inspbundle").path)
    store = PhotoStore(field.photo_dir)
    sources = [(FIXTURES / n).read_bytes() for n in LARGE]
    ids = []
    with field.sessions.begin() as s:
        for uid in uids:
            insp = s.scalars(select(Inspection).where(Inspection.uid == uid)).one()
            for item in inspections.template_for(insp).items:
                inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
            ids.append(insp.id)
        insp = s.get(Inspection, ids[0])
        assert insp is not None
        for i in range(count):
            data = sources[i % len(sources)] + i.to_bytes(4, "big") * 4
            ext = "heic" if i % len(sources) == 3 else "jpg"
            put = store.put_bytes(data, ext)
            s.add(Photo(inspection_id=insp.id, sha256=put.sha256, original_name=f"IMG_{i:04d}.{ext}",
                        original_ext=ext, size_bytes=len(data), position=i, caption=f"照片 {i}"))
        s.flush()
        for iid in ids:
            found = s.get(Inspection, iid)
            assert found is not None
            inspections.set_status(s, found, InspectionStatus.COMPLETED, "陈示范")
    office.close()
    return tmp / "office", field, field_id, ids, store.root / "originals"


def big_office(empty: Path, target: Path, size: int) -> None:
    """A copy of the empty office workspace plus ``size`` inspections (demo bulk data)."""
    from inspector_app.demo.workspace import fill_bulk

    shutil.copytree(empty, target)
    ws = open_workspace(target)
    with ws.sessions.begin() as s:
        fill_bulk(s, max(size // 10, 1), size)
    ws.close()


def median_time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--office-size", type=int, default=100_000,
                        help="also import into an office holding this many inspections (0: skip)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    try:
        office_root, field, field_id, (fid, plain_id), originals = prepare(tmp, args.photos)
        total = sum(p.stat().st_size for p in originals.rglob("*") if p.is_file())
        print(f"{args.photos} photos, {total / 1e6:.0f} MB of originals")
        out = tmp / "out"
        out.mkdir()
        results: dict[str, list[float]] = {"export": [], "zip": [], "import": [], "unzip": []}
        bundle = out / "result.inspbundle"
        for run in range(3):
            for path in out.iterdir():
                path.unlink() if path.is_file() else shutil.rmtree(path)
            results["export"].append(median_time(
                lambda: export_bundle(field, field_id, bundle, inspection_ids=[fid])))
            results["zip"].append(median_time(lambda: subprocess.run(
                ["zip", "-0", "-r", "-q", str(out / "ref.zip"), "."], cwd=originals, check=True)))
            office_copy = tmp / f"office-{run}"
            shutil.copytree(office_root, office_copy)
            ws = open_workspace(office_copy)
            results["import"].append(median_time(lambda ws=ws: import_bundle(ws, bundle)))  # type: ignore[misc]
            ws.close()
            target = out / "unzipped"
            results["unzip"].append(median_time(lambda target=target: subprocess.run(  # type: ignore[misc]
                f"unzip -q {bundle} -d {target} && find {target} -type f -print0 | xargs -0 sha256sum > /dev/null",
                shell=True, check=True)))
        med = {k: statistics.median(v) for k, v in results.items()}
        size = bundle.stat().st_size
        print(f"bundle: {size / 1e6:.0f} MB")
        for k, v in results.items():
            print(f"  {k:7s} " + "  ".join(f"{x:6.2f}s" for x in v) + f"   median {med[k]:.2f}s")
        print(f"export / zip -0 -r:           {med['export'] / med['zip']:.2f}x  (goal <= 1.2x)")
        print(f"import / unzip + sha256sum:   {med['import'] / med['unzip']:.2f}x  (goal <= 1.5x)")
        if args.office_size:
            plain = out / "records-only.inspbundle"
            export_bundle(field, field_id, plain, inspection_ids=[plain_id])
            big_office(office_root, tmp / "office-big", args.office_size)
            for name, path in (("200 photos", bundle), ("records only", plain)):
                times: dict[str, list[float]] = {"empty": [], "big": []}
                for run in range(3):
                    for kind, base in (("empty", office_root), ("big", tmp / "office-big")):
                        copy = tmp / f"import-{kind}-{run}"
                        shutil.copytree(base, copy)
                        ws = open_workspace(copy)
                        times[kind].append(median_time(lambda ws=ws, path=path: import_bundle(ws, path)))  # type: ignore[misc]
                        ws.close()
                        shutil.rmtree(copy)
                e, b = statistics.median(times["empty"]), statistics.median(times["big"])
                print(f"import of {name} into {args.office_size} inspections vs empty office: "
                      f"{b:.3f}s / {e:.3f}s = {b / e:.2f}x  (goal <= 1.2x)")
        field.close()
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    os.sync()


if __name__ == "__main__":
    main()
