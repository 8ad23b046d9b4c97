"""Benchmark: the first print as fast as the second (issue 17). Not part of pytest.

    .venv/bin/python benchmarks/bench_first_print.py [--photos 60] [--repeat 3] [--process-repeat 7]

(a) A demo inspection in progress gets ``--photos`` phone-size photos (4000×3000 JPEG, q92, EXIF with the
    capture time during the inspection – made from the real phone and camera photos in
    ``../shared/fixtures/photos`` when present, synthetic pictures otherwise) by ``inspector-app photos add``;
    then ``inspector-app sheet`` prints its 现场检查记录 right away, and a second time. Goal: first / second
    ≤ 1.3. For comparison, the same print with the print copies removed from the store's key index – the
    print making every copy itself, as before issue 17. The same in one process after a warm-up print,
    counting the copies each print makes (``services.sheet_build.watermark_photo``).
(b) The repeat print as a whole ``inspector-app sheet ID -o FILE`` process against the ``img2pdf`` command
    on the same photos' display copies, interleaved, median of ``--process-repeat``. Goal ≤ 3×.

Each repetition of (a) starts from a fresh copy of the same workspace; the workspace and the photos are
made once and kept in ``benchmarks/.data/first-print/``. Linux only (uses the venv's ``inspector-app`` and
``img2pdf`` scripts).

The commands run as installed: with compiled bytecode (a pip or PyInstaller install has it; where
``PYTHONDONTWRITEBYTECODE`` is set, as in this tree's environment, every process compiled our 90 modules
again – 0.2 s – so the bench points ``PYTHONPYCACHEPREFIX`` at a folder of its own and compiles first) and
with a cache folder of their own (``INSPECTOR_CACHE_DIR``: the parsed font, filled by the first print).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from sqlalchemy import func, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from common import CACHE  # noqa: E402

from inspector_app.demo.workspace import build  # noqa: E402
from inspector_app.photos.formats import register_heif  # noqa: E402
from inspector_app.photos.store import PhotoStore  # noqa: E402
from inspector_app.services import sheet_build  # noqa: E402
from inspector_app.services.ops import evidence as evidence_ops  # noqa: E402
from inspector_app.services.ops import sheets as sheet_ops  # noqa: E402
from inspector_app.services.queries import evidence as evidence_queries  # noqa: E402
from inspector_app.storage.engine import open_workspace  # noqa: E402
from inspector_app.storage.models import Inspection  # noqa: E402
from inspector_app.storage.models_evidence import Photo  # noqa: E402

FIXTURES = Path(os.environ.get("INSPECTOR_SHARED", REPO.parent / "shared")) / "fixtures" / "photos"
SOURCES = ["large-phone.jpg", "large-camera-canon.jpg", "heic-phone.heic", "gps-iphone5-orient3.jpg"]
SIZE = (4000, 3000)
BIN = Path(sys.executable).parent
ENV = dict(os.environ)  # the commands' environment: set in main()


def _make_one(args: tuple[int, str, str]) -> str:
    """One 12-MP phone photo taken at ``when`` (EXIF DateTimeOriginal), with a patch of its own."""
    index, folder, when = args
    register_heif()
    path = FIXTURES / SOURCES[index % len(SOURCES)]
    if path.is_file():
        with Image.open(path) as raw:
            image = raw.convert("RGB").resize(SIZE, Image.Resampling.BILINEAR)
    else:
        image = Image.merge("RGB", (Image.linear_gradient("L").resize(SIZE), Image.effect_noise(SIZE, 40),
                                    Image.linear_gradient("L").resize(SIZE).transpose(Image.Transpose.ROTATE_180)))
    draw = ImageDraw.Draw(image)
    x, y = (index * 97) % 3500, (index * 61) % 2500
    draw.rectangle((x, y, x + 300, y + 200), fill=((index * 37) % 256, (index * 91) % 256, (index * 13) % 256))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Xiaomi", "Redmi Note 12"
    exif.get_ifd(0x8769)[0x9003] = when
    out = Path(folder) / f"IMG_{index:04d}.jpg"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    out.write_bytes(buffer.getvalue())
    return str(out)


def make_photos(count: int, folder: Path, start: datetime) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(i, str(folder), (start + timedelta(minutes=1 + i // 4)).strftime("%Y:%m:%d %H:%M:%S"))
            for i in range(count)]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        return [Path(p) for p in pool.map(_make_one, jobs)]


def demo_workspace(folder: Path) -> tuple[int, datetime]:
    """A small demo workspace; the id and start of an inspection in progress that has no photos."""
    ws = open_workspace(folder)
    try:
        build(ws, enterprises=24)
        with ws.sessions() as session:
            for inspection in session.scalars(select(Inspection).where(Inspection.status == "in_progress")
                                              .order_by(Inspection.id)):
                if inspection.started_at and not session.scalar(
                        select(func.count(Photo.id)).where(Photo.inspection_id == inspection.id)):
                    return inspection.id, inspection.started_at
    finally:
        ws.close()
    raise SystemExit("the demo has no inspection in progress without photos")


class Counter:
    """Counts the print copies the sheets make at print time."""

    def __init__(self) -> None:
        self.made = 0
        self.real = sheet_build.watermark_photo

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.made += 1
        return self.real(*args, **kwargs)


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:6])}… failed ({done.returncode}): {done.stderr.strip()}")
    return time.perf_counter() - start


def sheet_cmd(folder: Path, inspection_id: int, out: Path) -> list[str]:
    return [str(BIN / "inspector-app"), "--data-dir", str(folder), "sheet", str(inspection_id), "-o", str(out),
            "--kind", "record", "--by", "基准测试"]


def fresh(template: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(template, folder)
    return folder


def run_processes(template: Path, inspection_id: int, photos: list[Path], work: Path) -> dict[str, float]:
    """``photos add`` then ``sheet`` twice, each its own process, as on the command line; then once more
    with the key index removed (every copy made at print time, as before)."""
    folder = fresh(template, work / "ws")
    add = timed([str(BIN / "inspector-app"), "--data-dir", str(folder), "photos", "add", str(inspection_id),
                 *map(str, photos), "--by", "基准测试"])
    first = timed(sheet_cmd(folder, inspection_id, work / "first.pdf"))
    second = timed(sheet_cmd(folder, inspection_id, work / "second.pdf"))
    shutil.rmtree(folder / "photos" / "keys")
    old = timed(sheet_cmd(folder, inspection_id, work / "old.pdf"))
    return {"add": add, "first": first, "second": second, "old": old}


def run_in_process(template: Path, inspection_id: int, photos: list[Path], work: Path,
                   counter: Counter) -> dict[str, float]:
    """The same in this process, after a print of another inspection (fonts and modules loaded, as in a
    window that has printed before), counting the copies each print makes."""
    folder = fresh(template, work / "ws-in")
    ws = open_workspace(folder)
    try:
        sheet_ops.print_sheet(ws, inspection_id + 1, "scoresheet", work / "warm.pdf", "基准测试")
        start = time.perf_counter()
        report = evidence_ops.add_photos(ws, inspection_id, photos, "基准测试")
        add = time.perf_counter() - start
        if len(report.added) != len(photos):
            raise SystemExit(f"adding failed: {report.summary()} {report.rejected[:3]}")
        result: dict[str, float] = {"add": add}
        for name in ("first", "second"):
            before = counter.made
            start = time.perf_counter()
            sheet_ops.print_sheet(ws, inspection_id, "record", work / f"{name}-in.pdf", "基准测试")
            result[name] = time.perf_counter() - start
            result[f"made_{name}"] = counter.made - before
    finally:
        ws.close()
    return result


def run_against_img2pdf(folder: Path, inspection_id: int, work: Path, repeat: int) -> dict[str, list[float]]:
    ws = open_workspace(folder)
    try:
        rows = evidence_queries.photo_rows(ws, inspection_id)
        store = PhotoStore(ws.photo_dir)
        displays = [str(store.path(r.display_sha256, "derived")) for r in rows]
    finally:
        ws.close()
    ref = [str(BIN / "img2pdf"), "-o", str(work / "img2pdf.pdf"), *displays]
    runs: dict[str, list[float]] = {"sheet": [], "img2pdf": []}
    for _ in range(repeat):  # interleaved, so both see the same machine state
        runs["img2pdf"].append(timed(ref))
        runs["sheet"].append(timed(sheet_cmd(folder, inspection_id, work / "process.pdf")))
    return runs


def prepared(count: int) -> tuple[Path, int, list[Path]]:
    """The demo workspace and the photos, made once and kept in benchmarks/.data/first-print/."""
    folder = CACHE / "first-print"
    template, photo_dir, marker = folder / "ws", folder / f"photos-{count}", folder / "inspection"
    if not (marker.is_file() and (template / "workspace.sqlite").is_file()):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        inspection_id, started = demo_workspace(template)
        marker.write_text(f"{inspection_id} {started.isoformat()}")
    inspection_id, started_text = marker.read_text().split()
    photos = sorted(photo_dir.glob("*.jpg"))
    if len(photos) != count:
        if photo_dir.exists():
            shutil.rmtree(photo_dir)
        photos = make_photos(count, photo_dir, datetime.fromisoformat(started_text))
    return template, int(inspection_id), photos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--process-repeat", type=int, default=7)
    args = parser.parse_args()
    counter = Counter()
    sheet_build.watermark_photo = counter  # type: ignore[assignment]
    template, inspection_id, photos = prepared(args.photos)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}, "
          f"load {os.getloadavg()[0]:.1f}; {len(photos)} photos of {SIZE[0]}×{SIZE[1]} "
          f"({sum(p.stat().st_size for p in photos) / 1e6:.0f} MB), fixtures {'used' if FIXTURES.is_dir() else 'absent'}")
    with tempfile.TemporaryDirectory(prefix="bench-first-print-") as tmp:
        work = Path(tmp)
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), INSPECTOR_CACHE_DIR=str(work / "cache"))
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "inspector_app")], env=ENV, check=True)
        results = [run_processes(template, inspection_id, photos, work) for _ in range(args.repeat)]
        med = {k: statistics.median(r[k] for r in results) for k in results[0]}
        ratios = [r["first"] / r["second"] for r in results]
        ratio = statistics.median(ratios)
        print(f"(a) as commands, median of {args.repeat} fresh workspaces:")
        print(f"    inspector-app photos add ({len(photos)} photos)         {med['add']:7.2f} s")
        print(f"    inspector-app sheet right after adding        {med['first']:7.2f} s")
        print(f"    inspector-app sheet a second time             {med['second']:7.2f} s")
        print(f"    sheet with nothing pre-made (as before)       {med['old']:7.2f} s")
        print(f"    ratio first / second: {ratio:.2f}x (runs {', '.join(f'{x:.2f}' for x in ratios)})  "
              f"goal <= 1.3x {'OK' if ratio <= 1.3 else 'MISSED'}")
        inner = run_in_process(template, inspection_id, photos, work, counter)
        print(f"    in one process after a warm-up print: add {inner['add']:.2f} s, first print {inner['first']:.2f} s "
              f"({inner['made_first']:.0f} copies made at print time), second {inner['second']:.2f} s "
              f"({inner['made_second']:.0f} made): {inner['first'] / inner['second']:.2f}x")
        runs = run_against_img2pdf(work / "ws", inspection_id, work, args.process_repeat)
        sheet, ref = statistics.median(runs["sheet"]), statistics.median(runs["img2pdf"])
        print(f"(b) the repeat print as a process, median of {args.process_repeat} interleaved runs:")
        print(f"    inspector-app sheet (repeat print)  {sheet * 1000:7.0f} ms  (best {min(runs['sheet']) * 1000:.0f})")
        print(f"    img2pdf on the {len(photos)} display copies  {ref * 1000:7.0f} ms  "
              f"(best {min(runs['img2pdf']) * 1000:.0f})")
        print(f"    ratio: {sheet / ref:.2f}x (best/best {min(runs['sheet']) / min(runs['img2pdf']):.2f}x)  "
              f"goal <= 3x {'OK' if sheet / ref <= 3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
