"""One file of a download: HTTP range requests from the bytes already on disk, retries of what is
transient, and verification (sha256 for LFS files, the git blob id otherwise) before it moves into place."""

from __future__ import annotations

import hashlib
import os
import queue
import threading
import time
from pathlib import Path
from typing import Iterator

from workbench.core import paths
from workbench.core.hub.connection import endpoint, gated_error, translate_error
from workbench.core.hub.progress import Tally
from workbench.core.hub.safety import inside
from workbench.core.hub.search import HubFile
from workbench.core.i18n import translate
from workbench.core.jobs import CancelToken, Cancelled, Event, WorkbenchError
from workbench.core.units import human_bytes

READ_TIMEOUT_S = 30.0
HANDOVER_BYTES = 1 << 20
HANDOVER_S = 0.1


class _Fetch:
    """One HTTP GET read on a helper thread, so the job notices a cancel within 0.1 s even while the
    server sends nothing. After ``abandon()`` the helper stops at its next chunk; the job never waits for it."""

    def __init__(self, url: str, headers: dict):
        self.queue: queue.Queue = queue.Queue(maxsize=32)
        self.abandoned = threading.Event()
        self._url, self._headers = url, headers
        self.thread = threading.Thread(target=self._run, name="hub-fetch", daemon=True)
        self.thread.start()

    def _put(self, item) -> None:
        while not self.abandoned.is_set():
            try:
                self.queue.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        import httpx2
        from huggingface_hub.utils import get_session

        # Network reads are batched up to HANDOVER_BYTES (or HANDOVER_S for a slow server): fewer
        # hand-overs between threads leave the GUI thread more turns at the GIL. Whatever is batched is
        # handed over before an error, so a dropped connection loses none of the bytes that arrived.
        batch = bytearray()
        try:
            timeout = httpx2.Timeout(READ_TIMEOUT_S, connect=10.0)
            with get_session().stream("GET", self._url, headers=self._headers, timeout=timeout,
                                      follow_redirects=True) as response:
                self._put(("response", response))
                if response.status_code in (200, 206):
                    started = time.monotonic()
                    for chunk in response.iter_raw():
                        if self.abandoned.is_set():
                            return
                        batch += chunk
                        if len(batch) >= HANDOVER_BYTES or time.monotonic() - started > HANDOVER_S:
                            self._put(("data", bytes(batch)))
                            batch.clear()
                            started = time.monotonic()
            if batch:
                self._put(("data", bytes(batch)))
            self._put(("end", None))
        except BaseException as exc:  # handed to the job thread, which decides
            if batch:
                self._put(("data", bytes(batch)))
            self._put(("error", exc))

    def next(self, cancel: CancelToken):
        while True:
            try:
                return self.queue.get(timeout=0.1)
            except queue.Empty:
                if cancel.cancelled:
                    self.abandon()
                    raise Cancelled() from None

    def abandon(self) -> None:
        self.abandoned.set()


class _Transient(Exception):
    """A failure worth retrying: the connection dropped, a timeout, a 5xx or 429."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def _hash_existing(path: Path, hasher, cancel: CancelToken) -> int:
    """Feed the bytes already on disk into the hash; returns their count."""
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(4 << 20):
            hasher.update(chunk)
            done += len(chunk)
            cancel.raise_if_cancelled()
    return done


def _git_hasher(size: int):
    hasher = hashlib.sha1()
    hasher.update(b"blob %d\0" % size)
    return hasher


def verify_blob(path: Path, f: HubFile, cancel: CancelToken) -> bool:
    if not path.exists() or path.stat().st_size != f.size:
        return False
    hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
    _hash_existing(path, hasher, cancel)
    return hasher.hexdigest() == f.etag


def download_file(repo_id: str, commit: str, f: HubFile, blobs: Path, cancel: CancelToken, attempts: int,
                  backoff_s: float, tally: Tally) -> Iterator[Event]:
    """Fetch one file into ``blobs/<etag>.incomplete`` from where it stopped, verify it, move it into place."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.utils import build_hf_headers

    partial = inside(blobs, blobs / f"{f.etag}.incomplete")
    url = hf_hub_url(repo_id, f.name, revision=commit, endpoint=endpoint())
    headers = build_hf_headers(library_name="workbench")
    headers["Accept-Encoding"] = "identity"  # the bytes on disk must be the file's bytes
    restarts_after_corruption = 1
    while True:
        hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
        have = 0
        if partial.exists():
            if partial.stat().st_size > f.size:
                partial.unlink()
            else:
                have = _hash_existing(partial, hasher, cancel)
        failures = 0
        while have < f.size or f.size == 0:
            try:
                have, hasher = yield from _fetch_range(repo_id, url, headers, f, partial, have, hasher, cancel,
                                                       tally)
                if have >= f.size:
                    break
                raise _Transient(translate("core", "the connection closed after {done} of {total}").format(
                    done=human_bytes(have), total=human_bytes(f.size)))
            except _Transient as exc:
                failures += 1
                if failures >= attempts:
                    if exc.status:
                        raise WorkbenchError(
                            translate("core", "The hub answered {status} for {name} of {repo_id} {attempts} times in "
                                              "a row.").format(status=exc.status, name=f.name, repo_id=repo_id, attempts=attempts),
                            translate("core", "The hub is having trouble; retry later. What arrived is kept and the "
                                              "download resumes where it stopped.")) from None
                    raise WorkbenchError(
                        translate("core", "Downloading {name} of {repo_id} failed {attempts} times in a row: "
                                          "{exc}.").format(name=f.name, repo_id=repo_id, attempts=attempts, exc=exc),
                        translate("core", "Check the network connection to {endpoint} and retry; the download "
                                          "resumes where it stopped.").format(endpoint=endpoint())) from None
                yield tally.progress(f, have, "retrying", force=True)
                if cancel.wait(min(backoff_s * 2 ** (failures - 1), 10.0)):
                    raise Cancelled() from None
                # The server may have restarted the body: the hash must follow the bytes on disk exactly.
                hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
                have = _hash_existing(partial, hasher, cancel) if partial.exists() else 0
            if f.size == 0:
                break
        yield tally.progress(f, have, "verifying", force=True)
        actual = hasher.hexdigest()
        if have == f.size and actual == f.etag:
            os.replace(partial, blobs / f.etag)
            return
        partial.unlink(missing_ok=True)
        if restarts_after_corruption > 0:
            restarts_after_corruption -= 1
            continue
        kind = "sha256" if f.sha256 else "git blob id"
        raise WorkbenchError(
            translate("core", "{name} of {repo_id} failed verification: its {kind} is {actual}… but the hub says "
                              "{etag}…. The corrupt file was deleted; the model was not added to the library.").format(name=f.name, repo_id=repo_id, kind=kind, actual=actual[:12], etag=f.etag[:12]),
            translate("core", "Retry the download. If it fails again, something between you and the hub (a proxy, "
                              "antivirus or a broken mirror set in HF_ENDPOINT) is changing the file."))


def _fetch_range(repo_id: str, url: str, headers: dict, f: HubFile, partial: Path, have: int, hasher,
                 cancel: CancelToken, tally: Tally):
    """One GET from byte ``have`` appended to ``partial`` (a generator of progress events);
    returns the new byte count and the hash of everything on disk."""
    request_headers = dict(headers)
    if have:
        request_headers["Range"] = f"bytes={have}-"
    fetch = _Fetch(url, request_headers)
    try:
        kind, value = fetch.next(cancel)
        if kind == "error":
            raise _classify(value) from value
        if kind == "end":
            raise _Transient(translate("core", "the server closed the connection without answering"))
        response = value
        status = response.status_code
        if status == 416 and have:
            # What is on disk is longer than the file: start again.
            partial.unlink(missing_ok=True)
            raise _Transient(translate("core", "the partial file did not match the server's"), None)
        if status in (401, 403):
            raise gated_error(repo_id, status)
        if status == 404:
            raise WorkbenchError(translate("core", "{name} is no longer on the hub (404).").format(name=f.name),
                                 translate("core", "The repository changed; open the model page again and pick its "
                                                   "current files."))
        if status >= 500 or status == 429:
            raise _Transient(translate("core", "the hub answered {status}").format(status=status), status)
        if status not in (200, 206):
            raise WorkbenchError(translate("core", "The hub answered {status} for {name}.").format(status=status, name=f.name), translate("core", "Retry later."))
        if status == 200 and have:
            # The server ignored the Range header: start the file over.
            have = 0
            hasher = hashlib.sha256() if f.sha256 else _git_hasher(f.size)
        mode = "ab" if have else "wb"
        with open(partial, mode) as out:
            while True:
                kind, value = fetch.next(cancel)
                if kind == "data":
                    overflow = have + len(value) > f.size
                    if overflow:  # never more than the listing's size on disk: a server cannot fill it
                        value = value[:f.size - have]
                    try:
                        out.write(value)
                    except OSError as exc:
                        if exc.errno == 28:  # ENOSPC
                            raise WorkbenchError(
                                translate("core", "The disk is full while writing {name} ({bytes} of {bytes2} "
                                                  "written) to {hf_cache_dir}.").format(name=f.name, bytes=human_bytes(have), bytes2=human_bytes(f.size), hf_cache_dir=paths.hf_cache_dir()),
                                translate("core", "Free some space and retry: the download resumes from what is "
                                                  "on disk.")) from exc
                        raise
                    hasher.update(value)
                    have += len(value)
                    tally.add_fetched(len(value))
                    cancel.raise_if_cancelled()
                    event = tally.progress(f, have)
                    if event is not None:
                        yield event
                    if overflow:
                        break
                elif kind == "end":
                    break
                else:
                    raise _classify(value) from value
        return have, hasher
    finally:
        fetch.abandon()


def _classify(exc: BaseException) -> BaseException:
    import httpx2

    if isinstance(exc, httpx2.TransportError):
        return _Transient(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
    return translate_error(exc)
