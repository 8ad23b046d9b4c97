"""Turn photo files into stored originals plus upright display copies and thumbnails.

One file: :func:`ingest_file` / :func:`ingest_bytes` validate and decode *everything first* and only
then give files their names in the store, so a rejected file leaves nothing behind. (The original is
written and fsynced to a temporary name on a thread *while* it is decoded – see
``store.StagedOriginal`` – since making 4 MB durable can take as long as decoding it.) Many files: :func:`ingest_many`
(or :func:`iter_ingest`, which yields results as they finish) spreads the work over a process pool
– decoding is CPU-bound and Pillow holds the GIL for much of it, so processes, not threads, are what
use both cores. Each worker holds one photo at a time, so memory stays flat however many files
are added. A file that cannot be used becomes an :class:`IngestResult` carrying its name and the
reason; it never stops the others.

Pool start method: ``forkserver`` on POSIX (safe in a process that already runs Qt and worker
threads, unlike ``fork``; the server is started once per process, preloads this module, and later
pools fork from it cheaply), ``spawn`` elsewhere. Either way the program's ``__main__`` must be
import-safe (``if __name__ == "__main__":``) and a frozen build must call
``multiprocessing.freeze_support()`` first thing.

Workers die with the process that started the pool. A killed command (SIGKILL: no ``finally`` runs)
cannot shut its pool down, and on its own nothing else would: the workers wait on a task queue whose
write end they hold themselves, and they keep the forkserver's "alive" pipe and the resource tracker's
pipe open, so all of them would wait for ever. Each worker therefore starts a watch thread
(``_exit_with_parent``) that ends it with ``os._exit`` within ``PARENT_POLL`` seconds of the parent's end
– the parent's pid gone, a zombie, or reused (its start time changed), read from ``/proc`` where there is
one. ``PR_SET_PDEATHSIG`` would not do: a worker's parent is the forkserver, not the command. Once the
workers are gone, the forkserver and the resource tracker see their pipes close and exit by themselves.
Under ``spawn`` (Windows) the watch waits on the parent's process handle instead.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.photos.decode import IngestOptions, PhotoRejected, PreparedPhoto, RejectCode, decode_photo
from inspector_app.photos.formats import IMAGE_SUFFIXES, register_heif
from inspector_app.photos.imaging import DerivedImage
from inspector_app.photos.metadata import PhotoMetadata
from inspector_app.photos.store import PhotoStore, PhotoStoreError, sha256_bytes
from inspector_app.photos.watermark import print_key
from inspector_app.storage.files import is_disk_full
from inspector_app.translation import _

__all__ = [
    "IngestOptions", "IngestResult", "IngestedPhoto", "PhotoRejected", "RejectCode", "collect_image_paths",
    "default_workers", "ingest_bytes", "ingest_file", "ingest_many", "ingest_one", "iter_ingest",
]


@dataclass(frozen=True)
class IngestedPhoto:
    """A photo accepted into the store. ``created`` is False when the same bytes were already there."""

    source_name: str
    sha256: str
    original_path: Path
    original_ext: str
    size_bytes: int
    format: str
    metadata: PhotoMetadata
    display: DerivedImage
    thumbnail: DerivedImage
    created: bool
    print_copy: DerivedImage | None = None  # the sheets' stamped copy, made with ``IngestOptions.print_stamp``

    def to_json(self) -> dict[str, Any]:
        return {
            "source_name": self.source_name,
            "sha256": self.sha256,
            "format": self.format,
            "size_bytes": self.size_bytes,
            "display_sha256": self.display.sha256,
            "thumbnail_sha256": self.thumbnail.sha256,
            "print_sha256": self.print_copy.sha256 if self.print_copy else None,
            "created": self.created,
            **self.metadata.to_json(),
        }


@dataclass(frozen=True)
class IngestResult:
    """Outcome for one input file: ``photo`` when accepted, else ``code`` and ``reason``. ``disk_full``:
    rejected because the store's disk is full (then the caller stops: every later file would fail too)."""

    path: Path
    photo: IngestedPhoto | None = None
    code: RejectCode | None = None
    reason: str | None = None
    disk_full: bool = False

    @property
    def ok(self) -> bool:
        return self.photo is not None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def message(self) -> str:
        return f"{self.name}: {self.reason}" if not self.ok else f"{self.name}: ok"


def ingest_bytes(
    data: bytes,
    name: str,
    store: PhotoStore,
    options: IngestOptions | None = None,
    *,
    source_path: Path | None = None,
    fallback_time: datetime | None = None,
) -> IngestedPhoto:
    """Validate, decode and store one photo; raises :class:`PhotoRejected` (nothing stored) if unusable.

    ``name`` is used in messages; ``source_path``/``fallback_time`` supply the device-clock time.
    """
    opts = options or IngestOptions()
    staged = store.stage_original(data, sha256_bytes(data)) if data else None
    try:
        prepared = decode_photo(data, name, opts, source_path, fallback_time)
    except BaseException:
        if staged is not None:
            staged.discard()
        raise
    assert staged is not None  # decode_photo rejects empty data
    try:
        original = staged.commit(prepared.ext)
        display = store.put_derived(prepared.display_jpeg, "jpg")
        thumb = store.put_derived(prepared.thumb_jpeg, "jpg")
        printed = _store_print_copy(store, prepared, opts.display_long_edge)
    except PhotoStoreError as exc:
        raise PhotoRejected(name, _("无法保存照片（{exc}）").format(exc=exc), "error") from exc
    return IngestedPhoto(
        source_name=name,
        sha256=prepared.sha256,
        original_path=original.path,
        original_ext=prepared.ext,
        size_bytes=len(data),
        format=prepared.format,
        metadata=prepared.metadata,
        display=DerivedImage(display.sha256, *prepared.display_size),
        thumbnail=DerivedImage(thumb.sha256, *prepared.thumb_size),
        created=original.created,
        print_copy=printed,
    )


def _store_print_copy(store: PhotoStore, prepared: PreparedPhoto, long_edge: int) -> DerivedImage | None:
    """Keep the print copy and note it under its key, where the printed sheet looks for it."""
    if prepared.print_jpeg is None or prepared.print_stamp is None:
        return None
    put = store.put_derived(prepared.print_jpeg, "jpg")
    store.remember(print_key(prepared.sha256, "originals", prepared.print_stamp, long_edge), put.sha256)
    return DerivedImage(put.sha256, *prepared.print_size)


def ingest_file(path: Path, store: PhotoStore, options: IngestOptions | None = None) -> IngestedPhoto:
    """:func:`ingest_bytes` for a file on disk (its mtime is the device-clock fallback time)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise PhotoRejected(path.name, _("文件不存在"), "missing") from exc
    except IsADirectoryError as exc:
        raise PhotoRejected(path.name, _("是文件夹，不是文件"), "not_image") from exc
    except OSError as exc:
        raise PhotoRejected(path.name, _("无法读取文件（{value}）").format(value=exc.strerror or exc), "missing") from exc
    return ingest_bytes(data, path.name, store, options, source_path=path)


def ingest_one(path: Path, store: PhotoStore, options: IngestOptions | None = None) -> IngestResult:
    """:func:`ingest_file` that returns the rejection instead of raising it (never raises)."""
    try:
        return IngestResult(Path(path), photo=ingest_file(path, store, options))
    except PhotoRejected as exc:
        return IngestResult(Path(path), code=exc.code, reason=exc.reason, disk_full=is_disk_full(exc))
    except Exception as exc:  # a bug or an exotic decoder failure must not stop a batch
        return IngestResult(Path(path), code="error", reason=_("意外错误：{name}: {exc}").format(
            name=type(exc).__name__, exc=exc))


def _worker(path: str, root: str, options: IngestOptions) -> IngestResult:
    return ingest_one(Path(path), PhotoStore(Path(root)), options)


PARENT_POLL = 0.25  # seconds between a worker's checks that the process that started the pool lives


def _worker_init(parent_pid: int) -> None:
    """Every pool worker, first: end with the parent (module docstring), then load the HEIF decoder."""
    _exit_with_parent(parent_pid)
    register_heif()


def _start_time(pid: int) -> str | None:
    """The process's start time (field 22 of ``/proc/PID/stat``): tells a reused pid; None without /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _parent_alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the pid now belongs to another user's process
        return False
    if started is None:
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] not in ("Z", "X") and fields[19] == started  # killed but not yet reaped counts as gone


def _watch_parent(pid: int, started: str | None) -> None:
    while _parent_alive(pid, started):
        time.sleep(PARENT_POLL)
    os._exit(1)  # nothing to save: whatever this worker was storing is a temporary file


def _wait_then_exit(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _exit_with_parent(pid: int) -> None:
    if sys.platform == "win32":  # spawn: the parent's process handle is signalled when it ends
        parent = multiprocessing.parent_process()
        if parent is not None and parent.sentinel is not None:
            threading.Thread(target=_wait_then_exit, args=(parent.sentinel,), name="inspector-parent-watch",
                             daemon=True).start()
        return
    threading.Thread(target=_watch_parent, args=(pid, _start_time(pid)), name="inspector-parent-watch",
                     daemon=True).start()


def collect_image_paths(items: Iterable[Path]) -> list[Path]:
    """Expand folders (recursively, image extensions only, sorted); files are kept as given."""
    found: list[Path] = []
    for item in items:
        item = Path(item)
        if item.is_dir():
            found.extend(
                sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
            )
        else:
            found.append(item)
    return found


def _pool_context() -> Any:
    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports Pillow, pillow-heif and this module once; every worker of every later
    # batch is forked from it ready to work (effective only before the server first starts).
    context.set_forkserver_preload(["inspector_app.photos.ingest", "pillow_heif"])
    return context


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


WorkerFn = Callable[[str, str, IngestOptions], IngestResult]


def _pool_round(
    items: list[tuple[int, Path]],
    count: int,
    root: str,
    opts: IngestOptions,
    cancel: CancelToken | None,
    worker: WorkerFn,
    suspects: list[tuple[int, Path]],
    leftover: list[tuple[int, Path]],
) -> Iterator[tuple[int, IngestResult]]:
    """Run ``items`` on one pool. If a worker dies (a decoder crash), the pool breaks: the files that
    were in flight go to ``suspects``, those not yet submitted to ``leftover``."""
    queue = iter(items)
    broken = False
    with ProcessPoolExecutor(count, mp_context=_pool_context(), initializer=_worker_init,
                             initargs=(os.getpid(),)) as pool:
        futures: dict[Future[IngestResult], tuple[int, Path]] = {}

        def refill() -> None:
            # Keep only a few tasks queued ahead so that cancel takes effect quickly.
            for item in queue:
                futures[pool.submit(worker, str(item[1]), root, opts)] = item
                if len(futures) >= count * 2:
                    break

        refill()
        while futures:
            done, _pending = wait(futures, return_when=FIRST_COMPLETED)
            for future in done:
                index, path = futures.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    suspects.append((index, path))
                    continue
                except Exception as exc:
                    result = IngestResult(path, code="error", reason=_("意外错误：{exc}").format(exc=exc))
                yield index, result
            if cancel is not None and cancel.cancelled:
                for future in futures:
                    future.cancel()
                wait(futures)
                for future, (index, _path) in futures.items():
                    if future.done() and not future.cancelled() and future.exception() is None:
                        yield index, future.result()
                cancel.raise_if_cancelled()
            if not broken:
                refill()
        leftover.extend(queue)


def iter_ingest(
    paths: Sequence[Path],
    store: PhotoStore,
    *,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    options: IngestOptions | None = None,
    _worker_fn: WorkerFn = _worker,
) -> Iterator[tuple[int, IngestResult]]:
    """Yield ``(index into paths, result)`` as files finish, in completion order.

    With one worker (or one file) everything runs in this process. On cancel, files not yet begun
    are dropped, those in progress are finished (their store writes are harmless: content-addressed)
    and then :class:`~inspector_app.domain.errors.Cancelled` is raised. A file that crashes a worker
    process is re-run alone in a fresh process, so that only it is reported (code ``crashed``).
    """
    opts = options or IngestOptions()
    count = min(workers or default_workers(), len(paths))
    if count <= 1:
        for index, path in enumerate(paths):
            if cancel is not None:
                cancel.raise_if_cancelled()
            yield index, ingest_one(path, store, opts)
        return
    root = str(store.root)
    pending = list(enumerate(paths))
    suspects: list[tuple[int, Path]] = []
    while pending:  # every broken round moves at least one file to the suspects, so this ends
        leftover: list[tuple[int, Path]] = []
        yield from _pool_round(pending, count, root, opts, cancel, _worker_fn, suspects, leftover)
        pending = leftover
    for index, path in sorted(suspects):
        if cancel is not None:
            cancel.raise_if_cancelled()
        with ProcessPoolExecutor(1, mp_context=_pool_context(), initializer=_worker_init,
                                 initargs=(os.getpid(),)) as pool:
            try:
                result = pool.submit(_worker_fn, str(path), root, opts).result()
            except BrokenProcessPool:
                result = IngestResult(path, code="crashed", reason=_("解码此文件时图像处理进程崩溃"))
        yield index, result


def ingest_many(
    paths: Sequence[Path],
    store: PhotoStore,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    options: IngestOptions | None = None,
) -> list[IngestResult]:
    """Ingest many files on ``workers`` processes (default: every core); results in input order.

    ``progress(done, total, file name)`` is called in this thread after each file. Raises
    ``Cancelled`` when ``cancel`` is set (files already stored stay in the store, unreferenced).
    """
    total = len(paths)
    results: list[IngestResult | None] = [None] * total
    progress(0, total, "")
    stream = iter_ingest(paths, store, cancel=cancel, workers=workers, options=options)
    for done, (index, result) in enumerate(stream, start=1):
        results[index] = result
        progress(done, total, result.name)
    return [r for r in results if r is not None]
