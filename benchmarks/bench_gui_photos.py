"""The GUI while photos come in, and a 500-photo gallery while it scrolls.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui_photos.py [--photos 20] [--gallery 500]

1. **Event-loop latency while adding photos.** Twenty 12-megapixel JPEGs (made as in
   ``bench_photos.py``, from the real phone and camera photos where ../shared is present) are added
   through the GUI path: ``EvidencePanel.add_paths`` → ``PhotoAdder`` → ``TaskRunner.run`` (progress
   dialog, cancel) → ``services.ops.evidence.add_photos`` on the process pool, then the gallery re-reads the
   rows and loads the new thumbnails on its worker threads. A 10 ms ``QTimer`` runs on the GUI thread
   the whole time; its delay is how late each tick fires (goal: max ≤ 50 ms). The same timer on an idle
   loop for the same length of time gives the floor of this machine.
2. **Scrolling 500 photos.** A gallery of 500 stored photos (1600×1200 JPEGs) fills a 1366×768 window;
   the view is scrolled 60 px per frame from top to bottom, each frame painted synchronously
   (``viewport().repaint()``) and the events that arrived meanwhile (thumbnails) processed. Frame time
   is that paint plus the event processing. First pass: thumbnails not yet loaded (placeholders, loads
   queued); second pass: all cached. Also: how many thumbnails a jump straight to the bottom decodes.

Prints a Markdown table; ``--json FILE`` also writes the numbers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

ACTOR = "基准测试"


class LatencyProbe:
    """A 10 ms QTimer on the GUI thread; records how late each tick fires."""

    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000
        self.delays: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(self.timer.timerType().PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.delays.append(max(0.0, now - self._last - self.interval))
        self._last = now

    def start(self) -> None:
        self.delays.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        return summary_ms(self.delays)


def summary_ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0, "p50": 0.0, "p99": 0.0, "max": 0.0}
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"n": len(values), "p50": round(statistics.median(ordered) * 1000, 1), "p99": round(p99 * 1000, 1),
            "max": round(ordered[-1] * 1000, 1)}


def make_workspace(root: Path) -> tuple[object, int]:
    from inspector_app.domain import uscc
    from inspector_app.services import inspections
    from inspector_app.services.enterprises import EnterpriseData, upsert
    from inspector_app.services.templates import latest_templates, sync_shipped_templates
    from inspector_app.storage.engine import open_workspace

    workspace = open_workspace(root)
    with workspace.sessions.begin() as session:
        sync_shipped_templates(session)
        record = next(r for r in latest_templates(session) if r.template_id == "lookback-2020")
        enterprise, _ = upsert(session, EnterpriseData(
            name="常州基准机械有限公司", uscc=uscc.make_code("9", "1", "320412", "MA1N2X3Y4"), district="武进区",
            cert_grade="三级"))
        inspection = inspections.assign(session, enterprise, record, [("陈示范", "苏应急执法32040001"), ("吴敏", "苏应急执法32040002")],
                                        ACTOR)
        inspection_id = inspection.id
    return workspace, inspection_id


def pump_until(app: object, done: object, timeout: float) -> float:
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < timeout:  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)
    return time.perf_counter() - start


def bench_add(app: object, tmp: Path, count: int) -> dict[str, object]:
    from bench_photos import make_photos

    from inspector_app.ui.evidence.panel import EvidencePanel
    from inspector_app.ui.tasks import TaskRunner

    paths = make_photos(count, tmp / "twelve-mp")
    workspace, inspection_id = make_workspace(tmp / "ws-add")
    runner = TaskRunner()
    panel = EvidencePanel(workspace, inspection_id, runner, ACTOR)  # type: ignore[arg-type]
    panel.set_scope(("all", None))
    panel.resize(1366, 768)
    panel.show()
    probe = LatencyProbe()
    probe.start()
    pump_until(app, lambda: False, 1.0)
    idle = probe.stop()
    probe.start()
    start = time.perf_counter()
    panel.add_paths(paths)

    def finished() -> bool:
        rows = panel.model.rows()
        return len(rows) == count and all(panel.thumbs.cached(r.id) for r in rows)

    pump_until(app, finished, 600)
    wall = time.perf_counter() - start
    busy = probe.stop()
    report = panel.adder.last_report
    runner.shutdown()
    panel.close()
    return {"photos": count, "wall_s": round(wall, 2), "idle": idle, "adding": busy,
            "added": len(report.added) if report else 0, "rejected": len(report.rejected) if report else -1,
            "megapixels": 12}


def _small_jpeg(n: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1200), ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
    draw = ImageDraw.Draw(image)
    for k in range(0, 1600, 80):
        draw.line((k, 0, 1600 - k, 1200), fill=((n * 13 + k) % 256, 200, 90), width=9)
    draw.text((50, 50), f"#{n}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def bench_scroll(app: object, tmp: Path, count: int) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from inspector_app.services.ops import evidence as evidence_ops
    from inspector_app.ui.evidence.panel import EvidencePanel
    from inspector_app.ui.tasks import InlineTaskRunner

    folder = tmp / "gallery"
    folder.mkdir()
    for n in range(count):
        (folder / f"P{n:04d}.jpg").write_bytes(_small_jpeg(n))
    workspace, inspection_id = make_workspace(tmp / "ws-scroll")
    made = time.perf_counter()
    report = evidence_ops.add_photos(workspace, inspection_id, [folder], ACTOR)
    ingest_s = time.perf_counter() - made
    assert len(report.added) == count, report.summary()

    def one_pass(panel: EvidencePanel) -> dict[str, float]:
        view = panel.view
        bar = view.verticalScrollBar()
        bar.setValue(0)
        times: list[float] = []
        value = 0
        while True:
            bar.setValue(value)
            start = time.perf_counter()
            view.viewport().repaint()
            QApplication.processEvents()
            times.append(time.perf_counter() - start)
            if value >= bar.maximum():
                break
            value = min(bar.maximum(), value + 60)
        return summary_ms(times) | {"frames": len(times)}

    results: dict[str, object] = {"photos": count, "ingest_s": round(ingest_s, 1)}
    build = time.perf_counter()
    panel = EvidencePanel(workspace, inspection_id, InlineTaskRunner(), ACTOR)  # type: ignore[arg-type]
    panel.set_scope(("all", None))
    panel.resize(1366, 768)
    panel.show()
    QApplication.processEvents()
    results["open_ms"] = round((time.perf_counter() - build) * 1000, 1)
    pump_until(app, lambda: panel.thumbs.pending() == 0, 10)
    results["decoded_after_open"] = panel.thumbs.requests
    results["cold"] = one_pass(panel)
    results["decoded_after_cold_pass"] = panel.thumbs.requests
    pump_until(app, lambda: panel.thumbs.pending() == 0, 30)
    # Anything the fast pass skipped (dropped from the queue) is loaded on a slow pass first.
    for row in range(0, count, 20):
        panel.view.scrollTo(panel.model.index(row))
        QApplication.processEvents()
        pump_until(app, lambda: panel.thumbs.pending() == 0, 10)
    results["warm"] = one_pass(panel)
    fresh = EvidencePanel(workspace, inspection_id, InlineTaskRunner(), ACTOR)  # type: ignore[arg-type]
    fresh.set_scope(("all", None))
    fresh.resize(1366, 768)
    fresh.show()
    QApplication.processEvents()
    pump_until(app, lambda: fresh.thumbs.pending() == 0, 10)
    before = fresh.thumbs.requests
    fresh.view.scrollToBottom()
    QApplication.processEvents()
    pump_until(app, lambda: fresh.thumbs.pending() == 0, 10)
    results["jump_to_bottom_decodes"] = fresh.thumbs.requests - before
    results["visible_cells"] = len([r for r in range(count) if fresh.view.visualRect(fresh.model.index(r))
                                    .intersects(fresh.view.viewport().rect())])
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--gallery", type=int, default=500)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    from inspector_app.ui.main import make_application

    app = make_application()
    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-photos-"))
    add = bench_add(app, tmp, args.photos)
    scroll = bench_scroll(app, tmp, args.gallery)
    result = {"add": add, "scroll": scroll, "cpus": os.cpu_count(), "platform": os.environ["QT_QPA_PLATFORM"]}
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    a, s = add, scroll
    print("| measurement | p50 ms | p99 ms | max ms | n |\n|---|---:|---:|---:|---:|")
    for label, d in (("10 ms timer delay, idle loop", a["idle"]), (f"10 ms timer delay while adding {args.photos} × 12 MP", a["adding"]),
                     (f"scroll frame, {args.gallery} photos, cold", s["cold"]), (f"scroll frame, {args.gallery} photos, warm", s["warm"])):
        print(f"| {label} | {d['p50']} | {d['p99']} | {d['max']} | {d['n']} |")  # type: ignore[index]
    print(f"\nadding: {a['added']} added, {a['rejected']} rejected, {a['wall_s']} s until every thumbnail was shown")
    print(f"gallery: opened in {s['open_ms']} ms, decoded {s['decoded_after_open']} thumbnails on open, "
          f"{s['decoded_after_cold_pass']} after the cold pass; a jump to the bottom decoded {s['jump_to_bottom_decodes']} "
          f"({s['visible_cells']} cells visible)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
