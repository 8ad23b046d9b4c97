"""Benchmark the printed sheet (issue 5). Not part of pytest.

1. A 现场检查记录 with 60 photos against ``img2pdf`` putting the same 60 JPEG display copies into a
   PDF, in the same run (goal: ratio <= 1.5). Both embed the JPEGs without re-encoding them.
2. A text-only sheet (150 checklist items, 10 findings, signatures): goal <= 0.5 s.

Display copies are made like the evidence pipeline makes them (long edge 1600 px, JPEG q85) from the
real photos in ../shared/fixtures/photos when present, otherwise from synthetic noisy images.

    .venv/bin/python benchmarks/bench_sheet.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector_app.demo.sample_sheets import sample_sheet  # noqa: E402
from inspector_app.reports import Photo, render_sheet  # noqa: E402
from inspector_app.storage.files import atomic_write_bytes  # noqa: E402


def display_copies(count: int) -> list[bytes]:
    folder = Path(os.environ.get("INSPECTOR_SHARED", ROOT.parent / "shared")) / "fixtures" / "photos"
    sources = sorted(p for p in folder.glob("*.jpg") if not p.name.startswith("broken")) if folder.is_dir() else []
    images: list[Image.Image] = []
    for path in sources:
        try:
            with warnings.catch_warnings(), Image.open(path) as raw:
                warnings.simplefilter("ignore")
                im = ImageOps.exif_transpose(raw).convert("RGB")
                im.thumbnail((1600, 1600))
                images.append(im.copy())
        except OSError:
            continue
    if not images:
        images = [Image.effect_noise((1600, 1200), 60 + i).convert("RGB") for i in range(8)]
    out = []
    for i in range(count):
        im = images[i % len(images)]
        if i >= len(images):  # make each copy distinct, as 60 different photos would be
            im = im.rotate(0.5 * (i // len(images)), expand=False)
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=85)
        out.append(buf.getvalue())
    return out


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, cpu) seconds of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--photos", type=int, default=60)
    args = parser.parse_args()
    import img2pdf  # dev dependency

    jpegs = display_copies(args.photos)
    total_mb = sum(map(len, jpegs)) / 1e6
    photos = tuple(
        Photo(number=i + 1, caption=f"现场照片 {i + 1}：配电房、危化品仓库", jpeg=data,
              sha256_original=hashlib.sha256(data).hexdigest())
        for i, data in enumerate(jpegs)
    )
    base = sample_sheet(items_per_element=6, findings=8)
    with_photos = dataclasses.replace(base, photos=photos)
    text_only = sample_sheet(items_per_element=30, findings=10, photos=0)
    n_items = sum(len(e.items) for e in text_only.elements)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        first = render_sheet(text_only, "record", out / "cold.pdf")  # font registration included
        cold = time.perf_counter() - t0

        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in ("ref", "sheet", "nophoto", "text")}
        jobs: dict[str, Callable[[], object]] = {
            # same atomic write (temp file, fsync, rename) for the reference and for us
            "ref": lambda: atomic_write_bytes(out / "img2pdf.pdf", img2pdf.convert(jpegs)),
            "sheet": lambda: render_sheet(with_photos, "record", out / "sheet.pdf"),
            "nophoto": lambda: render_sheet(base, "record", out / "nophoto.pdf"),
            "text": lambda: render_sheet(text_only, "record", out / "text.pdf"),
        }
        for _ in range(args.repeat):  # interleaved, so all see the same machine state
            for key, job in jobs.items():
                runs[key].append(measure(job))
        sheet = render_sheet(with_photos, "record", out / "sheet.pdf")
        size_ref = (out / "img2pdf.pdf").stat().st_size
        size_ours = (out / "sheet.pdf").stat().st_size

    wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}")
    print(f"{args.photos} display copies, {total_mb:.1f} MB of JPEG; median of {args.repeat} interleaved runs")
    print(f"{'':44s}{'wall ms':>10s}{'cpu ms':>10s}")
    rows = [
        ("img2pdf, 60 JPEGs (reference)", "ref", f"{size_ref / 1e6:.2f} MB"),
        (f"sheet with {args.photos} photos ({sheet.pages} pages)", "sheet", f"{size_ours / 1e6:.2f} MB"),
        ("same sheet without the photos", "nophoto", ""),
    ]
    for label, key, note in rows:
        print(f"{label:44s}{wall[key] * 1000:10.1f}{cpu[key] * 1000:10.1f}  {note}")
    full = wall["sheet"] / wall["ref"]
    marginal = (wall["sheet"] - wall["nophoto"]) / wall["ref"]
    print(f"ratio whole sheet / img2pdf (wall):          {full:6.2f}x  (goal <= 1.5x) {'OK' if full <= 1.5 else 'MISSED'}")
    print(f"ratio photo appendix only / img2pdf (wall):  {marginal:6.2f}x  "
          f"{'OK' if marginal <= 1.5 else 'MISSED'}")
    print(f"text-only sheet ({n_items} items, 10 findings, {first.pages} pages): warm {wall['text'] * 1000:.1f} ms "
          f"(cpu {cpu['text'] * 1000:.1f}), cold (first in process, font loading) {cold * 1000:.1f} ms  "
          f"(goal <= 500 ms) {'OK' if max(cold, wall['text']) <= 0.5 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
