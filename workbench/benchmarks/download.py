"""Downloads: the workbench's resumable, verified download of a repo vs a plain
``huggingface_hub.snapshot_download`` of the same repo, both against a loopback hub, plus the longest
GUI event-loop gap while the Downloads page shows a download.

The hub runs in a child process, as a real hub runs on another machine: served from the app's own
process its threads would hold the GIL the GUI needs and inflate the gap.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _repo(megabytes: int):
    from workbench.testing.hub_server import HubRepo, random_bytes

    # Several large shards, as sharded checkpoints come: both sides may fetch them in parallel.
    shards = 4
    size = megabytes * 1024 * 1024 // shards
    files = {"config.json": b'{"model_type": "gpt2"}', "README.md": b"# bench\n"}
    files.update({f"model-{i:05d}-of-{shards:05d}.safetensors": random_bytes(size, seed=i)
                  for i in range(1, shards + 1)})
    return HubRepo("bench/model", files)


def serve(megabytes: int) -> None:
    """The child process: serve the benchmark repo until stdin closes."""
    from workbench.testing.hub_server import LoopbackHub

    with LoopbackHub([_repo(megabytes)]) as server:
        print(server.url, flush=True)
        sys.stdin.read()


@contextlib.contextmanager
def _hub_in_child(megabytes: int):
    code = f"from workbench.benchmarks.download import serve; serve({megabytes})"
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = child.stdout.readline().strip()
        if not url.startswith("http"):
            raise RuntimeError("the loopback hub did not start")
        yield url
    finally:
        child.stdin.close()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()


def _fresh_cache(root: Path, name: str) -> Path:
    cache = root / name
    shutil.rmtree(cache, ignore_errors=True)
    os.environ["HF_HUB_CACHE"] = str(cache)
    return cache


def _workbench_download(repo_id: str) -> tuple[float, Path]:
    """Seconds taken and the snapshot folder."""
    from workbench.core import hub
    from workbench.core.jobs import Result

    start = time.perf_counter()
    for event in hub.download(repo_id):
        if isinstance(event, Result):
            return time.perf_counter() - start, Path(event.value.path)
    raise RuntimeError("the download ended without a result")


def _baseline_seconds(repo_id: str, cache: Path) -> float:
    from huggingface_hub import snapshot_download

    from workbench.core import hub

    start = time.perf_counter()
    snapshot_download(repo_id, cache_dir=cache, endpoint=hub.endpoint())
    return time.perf_counter() - start


def _ui_max_gap_ms(repo_id: str) -> float:
    """Download once more with the real Downloads page on screen (offscreen) and a heartbeat running."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.core.library import Library
    from workbench.core.settings import Settings
    from workbench.ui.app import create_app
    from workbench.ui.context import AppContext
    from workbench.ui.heartbeat import Heartbeat
    from workbench.ui.qt import QtCore
    from workbench.ui.tabs.hub import DownloadsController, DownloadsPage

    # Measure the download, not one-time start-up costs: the hub modules' import and the shared HTTP
    # client's creation (it loads the CA bundle, ~80 ms holding the GIL) happen before the heartbeat starts.
    import huggingface_hub.hf_api  # noqa: F401
    from huggingface_hub.utils import get_session

    get_session()
    # The app lists the library at start-up, so the listing after the download runs with warm imports.
    Library(Path(tempfile.mkdtemp(prefix="wb-bench-warm-"))).list()

    app = create_app()
    ctx = AppContext(settings=Settings(), library=Library(Path(tempfile.mkdtemp(prefix="wb-bench-store-"))))
    page = DownloadsPage()
    downloads = DownloadsController(ctx, page)
    page.resize(1000, 600)
    page.show()
    loop = QtCore.QEventLoop()
    check = QtCore.QTimer()
    check.setInterval(50)
    deadline = time.monotonic() + 300
    check.timeout.connect(lambda: loop.quit() if item.state in ("done", "failed") or time.monotonic() > deadline
                          else None)
    beat = Heartbeat().start()
    item = downloads.enqueue(repo_id)
    check.start()
    loop.exec()
    check.stop()
    gap = beat.stop()
    downloads.shutdown()
    ctx.pool.shutdown(timeout=120)  # the library refresh after the download may take a while
    page.deleteLater()
    app.processEvents()
    if item.state != "done":
        raise RuntimeError(f"the UI download did not finish: {item.message}")
    return gap


def run(args) -> dict:
    megabytes = 64 if getattr(args, "quick", False) else 256
    rounds = 1 if getattr(args, "quick", False) else 3
    repo = _repo(megabytes)
    saved = {k: os.environ.get(k)
             for k in ("HF_ENDPOINT", "HF_HUB_OFFLINE", "HF_HUB_CACHE", "HF_HUB_DISABLE_PROGRESS_BARS")}
    root = Path(tempfile.mkdtemp(prefix="wb-bench-download-"))
    try:
        with _hub_in_child(megabytes) as url:
            os.environ["HF_ENDPOINT"] = url
            os.environ.pop("HF_HUB_OFFLINE", None)
            os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
            import huggingface_hub.constants as hf_constants

            hf_constants.HF_HUB_OFFLINE = False
            hf_constants.HF_HUB_DISABLE_PROGRESS_BARS = True
            ours, theirs = [], []
            identical = True
            for _ in range(rounds):  # interleaved, best of each: the machine is shared
                _fresh_cache(root, "workbench")
                seconds, snapshot = _workbench_download(repo.repo_id)
                ours.append(seconds)
                identical &= all((snapshot / name).read_bytes() == data for name, data in repo.files.items())
                cache = _fresh_cache(root, "baseline")
                theirs.append(_baseline_seconds(repo.repo_id, cache))
            _fresh_cache(root, "ui")
            gap = _ui_max_gap_ms(repo.repo_id)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(root, ignore_errors=True)
    size_mb = sum(len(d) for d in repo.files.values()) / 1e6
    workbench_mb_s = size_mb / min(ours)
    baseline_mb_s = size_mb / min(theirs)
    return {"repo_mb": round(size_mb, 1), "workbench_mb_s": round(workbench_mb_s, 1),
            "baseline_mb_s": round(baseline_mb_s, 1), "ratio": round(workbench_mb_s / baseline_mb_s, 2),
            "ui_max_gap_ms": round(gap, 1), "files_identical": identical}
