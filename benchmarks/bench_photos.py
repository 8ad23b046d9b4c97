"""Benchmark: adding photos (issue 4) against ``vipsthumbnail -s 1600``, and peak memory for 200 photos.

Run: ``.venv/bin/python benchmarks/bench_photos.py [--photos 20] [--memory-photos 200] [--repeat 3]``

1. Twenty 12-megapixel JPEGs are made in a temporary folder from the real phone and camera photos in
   ``../shared/fixtures/photos`` (re-encoded at 4000×3000, quality 95, with their EXIF, each with a different
   patch of pixels so every file has its own hash; synthetic images if the fixtures are absent).
2. Wall time (and CPU time) of ``inspector_app.photos.ingest.ingest_many`` on them – original stored atomically
   (fsync), EXIF read, display copy (1600 px), thumbnail (256 px) and – since issue 17 – the stamped print
   copy for the sheets made and stored, on every core, as ``photos add`` does it –
   against ``vipsthumbnail -s 1600`` writing a 1600-px JPEG of each file, in the same run, alternating,
   median of ``--repeat`` runs each. Every repetition of ours uses a fresh store (no de-duplication).
   The first of ours pays for starting the forkserver; it is reported apart.
3. Peak memory: a child process adds ``--memory-photos`` distinct 12-MP JPEGs to a fresh store while
   this process samples the RSS (and PSS) of the child's whole process tree every 20 ms from /proc.

Linux only (reads /proc). Not part of pytest.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from inspector_app.photos.formats import register_heif  # noqa: E402
from inspector_app.photos.ingest import IngestOptions, ingest_many  # noqa: E402
from inspector_app.photos.store import PhotoStore  # noqa: E402
from inspector_app.photos.watermark import StampContext  # noqa: E402

# What ``photos add`` passes since issue 17: each photo's print copy for the sheets is made as it is added.
OPTIONS = IngestOptions(print_stamp=StampContext("常州市武进区某某机械制造有限公司", "常州市武进区湖塘镇人民东路 1 号",
                                                 "陈示范、吴敏"))

FIXTURES = Path(os.environ.get("INSPECTOR_SHARED", REPO.parent / "shared")) / "fixtures" / "photos"
SOURCES = ["large-phone.jpg", "large-camera-canon.jpg", "heic-phone.heic", "gps-iphone5-orient3.jpg"]
SIZE = (4000, 3000)


def _source_image(index: int) -> tuple[Image.Image, bytes | None]:
    register_heif()
    name = SOURCES[index % len(SOURCES)]
    path = FIXTURES / name
    if path.is_file():
        with Image.open(path) as image:
            exif = image.info.get("exif")
            stored = image.size if image.getexif().get(0x0112, 1) < 5 else image.size[::-1]
            target = SIZE if stored[0] >= stored[1] else SIZE[::-1]
            return image.convert("RGB").resize(target, Image.Resampling.BILINEAR), exif
    gradient = Image.linear_gradient("L").resize(SIZE)
    noise = Image.effect_noise(SIZE, 40)
    return Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.ROTATE_180))), None


def _make_one(args: tuple[int, str]) -> str:
    index, folder = args
    image, exif = _source_image(index)
    draw = ImageDraw.Draw(image)
    x, y = (index * 97) % 3500, (index * 61) % 2500
    draw.rectangle((x, y, x + 300, y + 200), fill=((index * 37) % 256, (index * 91) % 256, (index * 13) % 256))
    draw.text((x + 20, y + 20), f"#{index}", fill=(255, 255, 255))
    path = Path(folder) / f"IMG_{index:04d}.jpg"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, **({"exif": exif} if exif else {}))
    path.write_bytes(buffer.getvalue())
    return str(path)


def make_photos(count: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        return [Path(p) for p in pool.map(_make_one, [(i, str(folder)) for i in range(count)])]


# -- timing -----------------------------------------------------------------------------------


def time_ours(paths: list[Path], workdir: Path, workers: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this thread + the pool workers).

    The workers are forked by the forkserver, which reaps them, so their CPU time is read from the
    forkserver's own ``cutime``/``cstime`` in /proc (sampling cost nothing during the run).
    """
    root = Path(tempfile.mkdtemp(dir=workdir, prefix="store-"))
    server = _forkserver_pid()
    workers_cpu0 = _cpu_with_reaped_children(server) if server else 0.0
    cpu0 = time.thread_time()
    start = time.perf_counter()
    results = ingest_many(paths, PhotoStore(root), workers=workers, options=OPTIONS)
    elapsed = time.perf_counter() - start
    cpu = time.thread_time() - cpu0
    server = server or _forkserver_pid()
    time.sleep(0.3)  # let the forkserver reap the workers that just exited
    cpu += (_cpu_with_reaped_children(server) - workers_cpu0) if server else 0.0
    bad = [r.message for r in results if not r.ok]
    if bad:
        raise SystemExit(f"ingest failed: {bad}")
    shutil.rmtree(root)
    return elapsed, cpu


def time_vips(paths: list[Path], workdir: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of vipsthumbnail)."""
    out = Path(tempfile.mkdtemp(dir=workdir, prefix="vips-"))
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        ["vipsthumbnail", "-s", "1600", "-o", f"{out}/%s.jpg[Q=85]", *map(str, paths)],
        check=True,
    )
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    shutil.rmtree(out)
    return elapsed, (usage.ru_utime - usage0.ru_utime) + (usage.ru_stime - usage0.ru_stime)


# -- memory -----------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree_pids(root: int) -> list[int]:
    tree = _children()
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(tree.get(pid, []))
    return pids


def _read_kb(path: str, key: str) -> int:
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def _cpu_with_reaped_children(pid: int) -> float:
    """utime + stime + cutime + cstime: a process's CPU and that of the children it has reaped."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(fields[i]) for i in (11, 12, 13, 14)) / _TICK


def _forkserver_pid() -> int | None:
    from multiprocessing import forkserver

    return getattr(forkserver._forkserver, "_forkserver_pid", None)


def sample_tree(root: int, stop: threading.Event, peaks: dict[str, int]) -> None:
    while not stop.is_set():
        pids = _tree_pids(root)
        rss = sum(_read_kb(f"/proc/{pid}/status", "VmRSS:") for pid in pids)
        pss = sum(_read_kb(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in pids)
        peaks["rss"] = max(peaks.get("rss", 0), rss)
        peaks["pss"] = max(peaks.get("pss", 0), pss)
        peaks["procs"] = max(peaks.get("procs", 0), len(pids))
        time.sleep(0.02)


def memory_child(folder: Path, store_root: Path) -> None:
    paths = sorted(folder.glob("*.jpg"))
    start = time.perf_counter()
    results = ingest_many(paths, PhotoStore(store_root), options=OPTIONS)
    elapsed = time.perf_counter() - start
    ok = sum(r.ok for r in results)
    print(f"child: {ok}/{len(paths)} photos added in {elapsed:.1f} s")


def measure_memory(folder: Path, workdir: Path) -> dict[str, int]:
    store_root = workdir / "memory-store"
    child = subprocess.Popen(
        [sys.executable, __file__, "--memory-child", str(folder), str(store_root)],
    )
    peaks: dict[str, int] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=sample_tree, args=(child.pid, stop, peaks), daemon=True)
    sampler.start()
    child.wait()
    stop.set()
    sampler.join()
    if child.returncode:
        raise SystemExit("memory child failed")
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--memory-photos", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--memory-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(*args.memory_child)
        return
    if shutil.which("vipsthumbnail") is None:
        raise SystemExit("vipsthumbnail is not installed (Debian/Ubuntu: apt install libvips-tools)")
    cores = os.cpu_count()
    print(f"cores: {cores}, workers: {args.workers}, Python {sys.version.split()[0]}, "
          f"Pillow {Image.__version__}, fixtures: {'yes' if FIXTURES.is_dir() else 'no (synthetic)'}")
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        paths = make_photos(args.photos, work / "in")
        megapixels = statistics.mean(Image.open(p).width * Image.open(p).height for p in paths) / 1e6
        size_mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"made {len(paths)} JPEGs of {megapixels:.1f} MP ({size_mb:.0f} MB) in {time.perf_counter() - t0:.1f} s")
        time_vips(paths[:2], work)  # warm the page cache and vips' own start-up
        first, _ = time_ours(paths, work, args.workers)
        ours, vips = [], []
        for _ in range(args.repeat):
            vips.append(time_vips(paths, work))
            ours.append(time_ours(paths, work, args.workers))
        wall_ours, wall_vips = [w for w, _ in ours], [w for w, _ in vips]
        cpu_ours = statistics.median(c for _, c in ours)
        cpu_vips = statistics.median(c for _, c in vips)
        med_ours, med_vips = statistics.median(wall_ours), statistics.median(wall_vips)
        print(f"ours (first run, starts the forkserver): {first:.2f} s")
        print(f"ours:          wall median {med_ours:.2f} s, best {min(wall_ours):.2f} s "
              f"({med_ours / len(paths) * 1000:.0f} ms/photo); CPU median {cpu_ours:.2f} s; "
              f"runs {', '.join(f'{t:.2f}' for t in wall_ours)}")
        print(f"vipsthumbnail: wall median {med_vips:.2f} s, best {min(wall_vips):.2f} s; "
              f"CPU median {cpu_vips:.2f} s; runs {', '.join(f'{t:.2f}' for t in wall_vips)}")
        print(f"RATIO ours / vipsthumbnail (wall) = {med_ours / med_vips:.2f}x of medians, "
              f"{min(wall_ours) / min(wall_vips):.2f}x of best runs  (goal <= 1.0x)")
        print(f"ratio of CPU time = {cpu_ours / cpu_vips:.2f}x (independent of other load)")
        print(f"load average after the timing runs: {os.getloadavg()[0]:.2f} (other work on the machine "
              "inflates both sides)")
        if args.memory_photos:
            t0 = time.perf_counter()
            mem_paths = make_photos(args.memory_photos, work / "mem")
            print(f"made {len(mem_paths)} JPEGs for the memory run in {time.perf_counter() - t0:.1f} s")
            peaks = measure_memory(work / "mem", work)
            print(f"PEAK MEMORY adding {len(mem_paths)} photos: RSS sum {peaks['rss'] / 1024:.0f} MB, "
                  f"PSS sum {peaks['pss'] / 1024:.0f} MB over up to {peaks['procs']} processes (goal <= 400 MB)")


if __name__ == "__main__":
    main()
