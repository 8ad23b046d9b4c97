"""The collector of unused derived images (``inspector-app workspace gc``; weekly when the window opens).

The photo store (``photos.store``) keeps originals and derived images – display copies, thumbnails,
marked-up and print (watermarked) copies, signature images – and never deletes anything in normal use.
Derived images nobody uses pile up: a photo removed from an inspection leaves its display copy and
thumbnail, a new drawing leaves the old marked-up copy, a renamed enterprise or a changed team leaves
the print copies stamped with the old text. This collector removes them, and only them:

* **originals are never touched**: the ``originals/`` folder is not even listed. An original is
  evidence (the chain of custody names it byte for byte); one that no photo refers to any more, e.g.
  of a photo deleted from an inspection, is kept by design (``services.photos.unreferenced_originals``).
  Printed sheets, filed reports and case files (``sheets/``) are records and are not listed either.
* a derived file is **referenced** when any column of any table that names a stored file by its hash
  refers to it – every ``sha256`` / ``*_sha256`` column of every table (``photos.display_sha256``,
  ``thumb_sha256``, ``markup_sha256``, ``signatures.image_sha256``, ``printed_sheets.pdf_sha256``,
  ``filed_reports``, ``case_steps``…: found from the schema, so a column added later is counted without
  anybody remembering this module) – or when it is the print copy a photo's print would use now: the
  store's key index (``PhotoStore.remembered``) entries whose key is a live photo's print key (its
  source image, stamp text – with its plausibility notes – and size, ``services.sheets.print_jobs``, the
  same function the print uses); the print cache of earlier versions (``cache/sheet-watermarks.json`` in the workspace folder) counts whole;
* **young files are spared**: a file changed less than ``grace`` ago (default 24 hours) may belong to
  an add, an import or a print whose transaction has not committed yet. Writers that reuse an existing
  file instead of writing it refresh its time (``photos.store.refresh``), and each file's time is read
  again just before it is removed;
* only images that can be made again are removed (``COLLECTED``: JPEG display, thumbnail, marked-up and
  print copies) and temporary files left by an interrupted write. A signature image (PNG) that no row
  names any more is kept: it is the last trace of a replaced signature and cannot be drawn again.

**A shared office store is refused** unless ``shared_ok``: its folder may also be named by another
database (a second office, a training copy of the office database) and by the print caches of other
machines, which this machine cannot read – what looks unused from here may be used there. The weekly
run never collects a shared store; ``--shared-ok`` is the administrator's statement that this database
is the only one using the folder.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain.errors import InspectorError
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.photos.store import PhotoStore
from inspector_app.services import sheets
from inspector_app.services.photos import list_photos
from inspector_app.services.unit import reading
from inspector_app.storage.all_models import metadata
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.models_evidence import Photo
from inspector_app.translation import _

log = logging.getLogger(__name__)

GRACE = timedelta(hours=24)
EVERY = timedelta(days=7)  # the automatic run: at most once a week
COLLECTED = frozenset({"jpg", "jpeg"})  # display, thumbnail, marked-up and print copies
STAMP_FILE = Path("cache") / "derived-gc.json"  # in the workspace folder: when the collector last ran
OLD_PRINT_CACHE = Path("cache") / "sheet-watermarks.json"  # key → hash, written by earlier versions' prints
_NAME = re.compile(r"^([0-9a-f]{64})\.([a-z0-9]{1,8})$")
_TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\..*\.tmp$")  # storage.files.atomic_write_bytes, a StagedOriginal
_HASH = re.compile(r"^[0-9a-f]{64}$")


class SharedStoreRefused(InspectorError):
    """The store is the office's shared folder: other databases and machines may use what looks unused here."""


@dataclass(frozen=True)
class GcReport:
    """What the collector found and removed (or would remove, on a dry run)."""

    store: Path
    dry_run: bool
    scanned: int = 0  # derived files listed
    scanned_bytes: int = 0
    referenced: int = 0
    young: int = 0  # unreferenced, but changed within the grace period
    kept: int = 0  # unreferenced, but not an image that can be made again (signature images…)
    removed: int = 0
    removed_bytes: int = 0
    stale_keys: int = 0  # key index entries whose image was removed
    grace_hours: float = GRACE.total_seconds() / 3600
    removed_names: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class _Entry:
    path: Path
    sha: str  # "" for a temporary file
    ext: str
    size: int
    mtime: float


def referenced_hashes(ws: Workspace, store: PhotoStore) -> set[str]:
    """Every hash the database names in a ``sha256`` / ``*_sha256`` column of any table, and every print
    copy a photo's print would use now (the key index entries of live print keys; the old print cache
    whole)."""
    found: set[str] = set()
    with reading(ws) as session:
        for table in metadata().sorted_tables:
            for column in table.columns:
                if column.name == "sha256" or column.name.endswith("_sha256"):
                    found.update(str(v) for v in session.scalars(select(column).distinct()) if v)
        live: set[str] = set()
        for inspection_id in session.scalars(select(Photo.inspection_id).distinct()):
            live.update(key for key, *_rest in sheets.print_jobs(session, store, list_photos(session, inspection_id)))
    found.update(sha for key, sha in store.remembered().items() if key in live)
    found.update(_old_print_cache(ws.root / OLD_PRINT_CACHE))
    return found


def _old_print_cache(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(v) for v in data.values() if _HASH.match(str(v))} if isinstance(data, dict) else set()


def _derived_files(store: PhotoStore) -> Iterable[_Entry]:
    """The files under ``derived/`` (never ``originals/``)."""
    base = store.root / "derived"
    if not base.is_dir():
        return
    for folder in sorted(base.iterdir()):
        if not folder.is_dir() or folder.is_symlink():
            continue
        for entry in sorted(folder.iterdir()):
            match = _NAME.match(entry.name)
            if match is None and not _TEMPORARY.match(entry.name):
                continue  # not the store's: left alone
            try:
                info = entry.lstat()
            except FileNotFoundError:
                continue
            if not entry.is_file() or entry.is_symlink():
                continue
            sha, ext = (match.group(1), match.group(2)) if match else ("", "tmp")
            yield _Entry(entry, sha, ext, info.st_size, info.st_mtime)


def _check_shared(ws: Workspace, shared_ok: bool) -> None:
    if ws.shared is not None and not shared_ok:
        raise SharedStoreRefused(_(
            "照片存放在办公室的共享文件夹 {folder}：其他数据库和其他电脑的打印缓存也可能使用其中的图像，"
            "本机无法确认哪些确实不再使用，因此未清理。确认只有本数据库使用该文件夹时，可加 --shared-ok 再运行"
        ).format(folder=ws.shared))


def collect_derived(ws: Workspace, *, dry_run: bool = False, grace: timedelta = GRACE, shared_ok: bool = False,
                    now: float | None = None, progress: Progress = no_progress,
                    cancel: CancelToken | None = None) -> GcReport:
    """Remove the derived images no record uses any more (see the module docs); ``dry_run`` removes
    nothing and reports what would go. Raises ``SharedStoreRefused`` on a shared store without
    ``shared_ok``. Changes nothing in the database (the report carries no changes)."""
    _check_shared(ws, shared_ok)
    store = PhotoStore(ws.photo_dir)
    clock = time.time() if now is None else now
    limit = clock - grace.total_seconds()
    entries = list(_derived_files(store))  # listed before the references are read: see _remove
    progress(0, max(1, len(entries)), _("读取引用"))
    used = referenced_hashes(ws, store)
    counts = {"referenced": 0, "young": 0, "kept": 0, "removed": 0, "removed_bytes": 0}
    removed: list[str] = []
    gone: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        if n % 200 == 0:
            progress(n, len(entries), _("检查派生图像"))
        if entry.sha and entry.sha in used:
            counts["referenced"] += 1
        elif entry.mtime > limit:
            counts["young"] += 1
        elif entry.sha and entry.ext not in COLLECTED:
            counts["kept"] += 1
        elif dry_run or _remove(entry, limit):
            counts["removed"] += 1
            counts["removed_bytes"] += entry.size
            removed.append(entry.path.name)
            gone.add(entry.sha)
        else:
            counts["young"] += 1  # touched since it was listed: a writer is using it
    stale = 0 if dry_run else _drop_keys(store, gone)
    report = GcReport(store.root, dry_run, len(entries), sum(e.size for e in entries),
                      stale_keys=stale, grace_hours=grace.total_seconds() / 3600, removed_names=tuple(removed),
                      **counts)
    progress(1, 1, _("派生图像已检查完毕"))
    if not dry_run:
        _stamp(ws, clock, report)
    log.info("derived images: %d listed, %d removed (%d bytes), %d young, %d kept%s", report.scanned,
             report.removed, report.removed_bytes, report.young, report.kept, " (dry run)" if dry_run else "")
    return report


def _remove(entry: _Entry, limit: float) -> bool:
    """Remove one file unless it was changed since it was listed (a writer reusing it refreshed its time)."""
    try:
        if entry.path.lstat().st_mtime > limit:
            return False
        entry.path.unlink()
    except FileNotFoundError:
        return False
    return True


def _drop_keys(store: PhotoStore, gone: set[str]) -> int:
    """Remove the key index entries that name a removed image (``recall`` would ignore them anyway)."""
    dropped = 0
    gone.discard("")
    if not gone:
        return 0
    for key, sha in store.remembered().items():
        if sha in gone:
            try:
                (store.root / "keys" / key[:2] / key).unlink()
                dropped += 1
            except FileNotFoundError:
                pass
    return dropped


def _stamp(ws: Workspace, clock: float, report: GcReport) -> None:
    data = {"last_run": datetime.fromtimestamp(clock).isoformat(timespec="seconds"), "removed": report.removed,
            "removed_bytes": report.removed_bytes}
    try:
        atomic_write_bytes(ws.root / STAMP_FILE, json.dumps(data).encode("utf-8"))
    except OSError as exc:  # the next start tries again; nothing else depends on it
        log.warning("cannot write %s: %s", ws.root / STAMP_FILE, exc)


def last_run(ws: Workspace) -> datetime | None:
    """When the collector last removed (or found nothing to remove) in this workspace, or None."""
    try:
        data = json.loads((ws.root / STAMP_FILE).read_text("utf-8"))
        return datetime.fromisoformat(str(data["last_run"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def collect_if_due(ws: Workspace, *, every: timedelta = EVERY, now: datetime | None = None) -> GcReport | None:
    """The automatic run (when the window opens, in a worker): at most once per ``every``, never on a
    shared store; None when it did not run."""
    moment = now or datetime.now()
    last = last_run(ws)
    if ws.shared is not None or (last is not None and moment - last < every and last <= moment):
        return None
    return collect_derived(ws, now=moment.timestamp())


def describe(report: GcReport) -> str:
    """The report in the interface language (the CLI prints it; the window shows its first line)."""
    megabytes = report.removed_bytes / 1_000_000
    if report.dry_run:
        head = _("试运行：将删除 {count} 个不再使用的派生图像（{mb:.1f} MB），未删除任何文件").format(
            count=report.removed, mb=megabytes)
    else:
        head = _("已删除 {count} 个不再使用的派生图像，释放 {mb:.1f} MB").format(count=report.removed, mb=megabytes)
    lines = [head, _("派生图像 {count} 个（{mb:.1f} MB），在 {folder}").format(
        count=report.scanned, mb=report.scanned_bytes / 1_000_000, folder=report.store / "derived"),
        _("仍在使用 {count} 个；{hours:g} 小时内写入或用过、暂不删除 {young} 个；无法重新生成（签名图像）保留 {kept} 个").format(
        count=report.referenced, hours=report.grace_hours, young=report.young, kept=report.kept),
        _("原始照片（originals/）和打印的文书（sheets/）从不清理。")]
    return "\n".join(lines) + "\n"
