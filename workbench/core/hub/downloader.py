"""Downloads that never lose a byte: a repo (or some of its files) into the standard HF cache.

huggingface_hub does not do two things itself: resume across calls from the bytes already on disk, and
verify what arrived. Files land in the standard cache layout (``blobs/<etag>``, ``snapshots/<commit>/<file>``,
``refs/<revision>``) so ``scan_cache_dir``, ``try_to_load_from_cache`` and every other tool see them.
A partial file is ``blobs/<etag>.incomplete`` (huggingface_hub's own name for it), so a download
started by another tool is resumed too. Up to ``DOWNLOAD_WORKERS`` files download at once, each under
huggingface_hub's lock for its blob. Snapshot links are made only after every chosen file is verified:
an unfinished or corrupt download never appears as a model.
"""

from __future__ import annotations

import collections
import functools
import os
import queue
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from workbench.core import paths
from workbench.core.hub.cache import free_disk_bytes, storage_folder
from workbench.core.hub.fetch import download_file, verify_blob
from workbench.core.hub.progress import DownloadProgress, Tally
from workbench.core.hub.safety import inside
from workbench.core.hub.search import HubFile, model_details
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Cancelled, Event, Result, WorkbenchError
from workbench.core.units import human_bytes

DOWNLOAD_WORKERS = 8  # files fetched at once, as huggingface_hub's snapshot_download does


@dataclass
class DownloadPlan:
    repo_id: str
    revision: str
    commit: str
    files: list[HubFile]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)


@dataclass
class FileDone(Event):
    name: str
    size: int
    resumed_from: int  # bytes that were already on disk when this run started


@dataclass
class DownloadOutcome:
    repo_id: str
    commit: str
    path: str  # snapshot folder
    files: list[str]
    bytes_fetched: int  # over the network in this run
    bytes_resumed: int  # already on disk when it started
    seconds: float = 0.0


def plan_download(repo_id: str, revision: str = "main", include: list[str] | None = None, offline: bool = False,
                  cancel: CancelToken = NEVER_CANCELLED) -> DownloadPlan:
    details = model_details(repo_id, revision, offline=offline, with_card=False, cancel=cancel)
    files = details.files
    if include:
        from huggingface_hub.utils import filter_repo_objects

        files = list(filter_repo_objects(files, allow_patterns=include, key=lambda f: f.name))
        if not files:
            names = ", ".join(f.name for f in details.files[:12])
            raise WorkbenchError(translate("core", "No file of {repo_id} matches {names}.").format(repo_id=details.repo_id, names=' '.join(include)),
                                 translate("core", "Its files are: {names}{value}.").format(names=names, value=' …' if len(details.files) > 12 else ''))
    if not files:
        raise WorkbenchError(translate("core", "{repo_id} has no files at revision {revision}.").format(repo_id=details.repo_id, revision=revision), translate("core", "Choose another revision."))
    return DownloadPlan(details.repo_id, revision, details.commit, files)


def download(repo_id: str, revision: str = "main", include: list[str] | None = None, *, offline: bool = False,
             cancel: CancelToken = NEVER_CANCELLED, attempts: int = 6, backoff_s: float = 0.5,
             workers: int = DOWNLOAD_WORKERS) -> Iterator[Event]:
    """Download a repo (or the files matching ``include``) into the HF cache, resuming and verifying.

    Up to ``workers`` files download at once (huggingface_hub's ``snapshot_download`` uses 8), each
    under its own blob lock. Yields ``DownloadProgress`` (throttled), ``FileDone`` per file, and a
    final ``Result(DownloadOutcome)``. Transient failures are retried up to ``attempts`` times in a row
    per file (any progress resets the count), waiting ``backoff_s`` doubling each time. Raises
    ``WorkbenchError`` for what the user must act on; the first such failure stops the other files.
    """
    started = time.monotonic()
    yield DownloadProgress(0, 0, translate("core", "Looking up {repo_id}…").format(repo_id=repo_id), "B",
                           repo_id=repo_id, state="planning")
    plan = plan_download(repo_id, revision, include, offline=offline, cancel=cancel)
    storage = storage_folder(plan.repo_id)
    (storage / "blobs").mkdir(parents=True, exist_ok=True)
    on_disk = _bytes_on_disk(plan, storage / "blobs")
    resumed_total = sum(on_disk.values())
    _check_disk_space(plan, plan.total_bytes - resumed_total)

    tally = Tally(plan.repo_id, plan.files)
    fetch_one = functools.partial(_fetch_one, plan, storage, on_disk, tally, attempts=attempts, backoff_s=backoff_s)
    yield from _in_parallel(plan.files, fetch_one, workers, cancel)

    snapshot = _link_snapshot(plan, storage)
    total = plan.total_bytes
    yield DownloadProgress(total, total, translate("core", "Downloaded {repo_id}").format(repo_id=plan.repo_id), "B",
                           repo_id=plan.repo_id,
                           files_done=tally.files_done, files_total=len(plan.files), state="done")
    yield Result(DownloadOutcome(plan.repo_id, plan.commit, str(snapshot), [f.name for f in plan.files],
                                 tally.fetched, resumed_total, round(time.monotonic() - started, 3)))


def _bytes_on_disk(plan: DownloadPlan, blobs: Path) -> dict[str, int]:
    """Bytes of each file already in the cache: all of a finished blob, the start of an ``.incomplete`` one."""
    on_disk = {}
    for f in plan.files:
        if (blobs / f.etag).exists():
            on_disk[f.name] = f.size
        else:
            partial = blobs / f"{f.etag}.incomplete"
            on_disk[f.name] = min(partial.stat().st_size, f.size) if partial.exists() else 0
    return on_disk


def _check_disk_space(plan: DownloadPlan, missing: int) -> None:
    """Refuse before the first byte when what is still to download does not fit on the cache's disk."""
    free = free_disk_bytes()
    if missing > free:
        raise WorkbenchError(
            translate("core", "Not enough disk space for {repo_id}: {bytes} still to download, {bytes2} free on the "
                              "disk of {hf_cache_dir}.").format(repo_id=plan.repo_id, bytes=human_bytes(missing), bytes2=human_bytes(free), hf_cache_dir=paths.hf_cache_dir()),
            translate("core", "Free some space, choose fewer files, or set HF_HOME to a bigger disk. Nothing was "
                              "lost: the download resumes where it stopped."))


def _fetch_one(plan: DownloadPlan, storage: Path, on_disk: dict[str, int], tally: Tally, f: HubFile,
               stop: CancelToken, *, attempts: int, backoff_s: float) -> Iterator[Event]:
    """One file under its blob lock: a blob already in the cache is verified (and fetched again when
    corrupt), anything else is downloaded from where it stopped. Ends with ``FileDone``."""
    blobs = storage / "blobs"
    blob = blobs / f.etag
    lock = yield from _lock_blob(storage, f, stop, tally.progress)
    try:
        if not blob.exists() and (blobs / f"{f.etag}.incomplete").exists():
            on_disk[f.name] = (blobs / f"{f.etag}.incomplete").stat().st_size  # another program may have added
        resumed_from = on_disk[f.name] if not blob.exists() else f.size
        if blob.exists():
            yield tally.progress(f, 0, "verifying", force=True)
            if verify_blob(blob, f, stop):
                tally.file_finished(f)
                yield FileDone(f.name, f.size, f.size)
                return
            blob.unlink()  # a corrupt blob (huggingface_hub stores whatever arrives): fetch it again
            resumed_from = 0
        yield from download_file(plan.repo_id, plan.commit, f, blobs, stop, attempts, backoff_s, tally)
    finally:
        lock.release()
    tally.file_finished(f)
    yield FileDone(f.name, f.size, resumed_from)


def _in_parallel(files: list[HubFile], fetch_one: Callable[[HubFile, CancelToken], Iterator[Event]], workers: int,
                 cancel: CancelToken) -> Iterator[Event]:
    """Run ``fetch_one(file, stop)`` for every file on up to ``workers`` threads and yield their events here.

    ``stop`` is the user's cancel, or the first failure: every worker stops at its next chunk, and that
    failure is raised once all of them have stopped."""
    stop = CancelToken()
    # Largest first, so the big files overlap instead of one finishing alone at the end.
    todo = collections.deque(sorted(files, key=lambda f: -f.size))
    events: queue.Queue = queue.Queue()

    def work() -> None:
        try:
            while not stop.cancelled:
                try:
                    f = todo.popleft()
                except IndexError:
                    break
                for event in fetch_one(f, stop):
                    if event is not None:
                        events.put(event)
        except BaseException as exc:  # handed to the job's thread, which decides
            stop.cancel()
            events.put(_WorkerFailed(exc))
        finally:
            events.put(_WORKER_DONE)

    threads = [threading.Thread(target=work, name=f"hub-download-{i}", daemon=True)
               for i in range(max(1, min(workers, len(files))))]
    for t in threads:
        t.start()
    failure: BaseException | None = None
    try:
        running = len(threads)
        while running:
            try:
                item = events.get(timeout=0.1)
            except queue.Empty:
                if cancel.cancelled:
                    stop.cancel()
                continue
            if item is _WORKER_DONE:
                running -= 1
            elif isinstance(item, _WorkerFailed):
                # The first real failure wins over the Cancelled it causes in the other workers.
                if failure is None or isinstance(failure, Cancelled):
                    failure = item.exc
            else:
                yield item
            if cancel.cancelled:
                stop.cancel()
    finally:
        stop.cancel()
        for t in threads:
            t.join(timeout=30)  # each stops within ~0.2 s of stop.cancel(); no thread writes after we return
    if cancel.cancelled and (failure is None or isinstance(failure, Cancelled)):
        raise Cancelled()
    if failure is not None:
        raise failure


@dataclass
class _WorkerFailed:
    exc: BaseException


_WORKER_DONE = object()


def _lock_blob(storage: Path, f: HubFile, cancel: CancelToken, progress):
    """Take the lock huggingface_hub takes for the same blob (``.locks/<repo folder>/<etag>.lock``), so
    this download and another program's never write the same ``.incomplete`` file at once. Waits
    (cancellably, saying so) while someone else holds it."""
    from filelock import FileLock, Timeout

    lock_path = inside(storage.parent / ".locks" / storage.name, storage.parent / ".locks" / storage.name /
                       f"{f.etag}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), mode=0o664)
    told = False
    while True:
        try:
            lock.acquire(timeout=0.2)
            return lock
        except Timeout:
            cancel.raise_if_cancelled()
            if not told:
                told = True
                event = progress(f, 0, "waiting", force=True)
                event.message = translate("core", "Waiting: another program is downloading {name}").format(
                    name=f.name)
                yield event


def _link_snapshot(plan: DownloadPlan, storage: Path) -> Path:
    """Point ``snapshots/<commit>/<file>`` at the verified blobs and record ``refs/<revision>``."""
    snapshot = inside(storage / "snapshots", storage / "snapshots" / plan.commit)
    for f in plan.files:
        target = inside(snapshot, snapshot / f.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = storage / "blobs" / f.etag
        if target.is_symlink() or target.exists():
            if target.resolve() == blob.resolve():
                continue
            target.unlink()
        try:
            target.symlink_to(os.path.relpath(blob, target.parent))
        except OSError:  # no symlinks (Windows without developer mode): a copy, like huggingface_hub does
            shutil.copyfile(blob, target)
    if plan.revision != plan.commit:
        refs = inside(storage / "refs", storage / "refs" / plan.revision)
        refs.parent.mkdir(parents=True, exist_ok=True)
        refs.write_text(plan.commit)
    return snapshot
