"""Several files of a repo download at once, keeping resume, verification, cancel and the blob locks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hub_support import hub_server  # noqa: F401  (fixture)

from workbench.core import hub, paths
from workbench.core.hub import fetch
from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError
from workbench.testing.hub_server import Fault, HubRepo, random_bytes

SHARDS = [f"model-0000{i}-of-00004.safetensors" for i in range(1, 5)]


@pytest.fixture
def sharded(hub_server):
    files = {"config.json": b'{"model_type": "gpt2"}'}
    files.update({name: random_bytes(512 * 1024, seed=i) for i, name in enumerate(SHARDS)})
    return hub_server.add(HubRepo("tester/sharded", files))


def slow_all(server, repo):
    for name in SHARDS:
        server.set_fault(repo.repo_id, name, Fault(delay_per_chunk=0.05, chunk=32 * 1024))


def test_files_download_at_the_same_time(hub_server, sharded):
    slow_all(hub_server, sharded)
    events = list(hub.download(sharded.repo_id, workers=4))
    outcome = events[-1].value
    assert hub_server.stats.most_bodies_at_once == 4  # every shard was being sent at once
    for name, data in sharded.files.items():
        assert (Path(outcome.path) / name).read_bytes() == data
    progress = [e for e in events if isinstance(e, hub.DownloadProgress)]
    dones = [e.done for e in progress]
    assert dones == sorted(dones) and dones[-1] == sum(len(d) for d in sharded.files.values())


def test_one_worker_downloads_one_file_at_a_time(hub_server, sharded):
    slow_all(hub_server, sharded)
    list(hub.download(sharded.repo_id, workers=1))
    assert hub_server.stats.most_bodies_at_once == 1


def test_cancel_stops_every_worker_and_keeps_their_bytes(hub_server, sharded):
    slow_all(hub_server, sharded)
    token = CancelToken()
    blobs = paths.hf_cache_dir() / "models--tester--sharded" / "blobs"
    started = threading.Event()

    def partials():
        return {p: p.stat().st_size for p in blobs.glob("*.incomplete")} if blobs.exists() else {}

    with pytest.raises(Cancelled):
        for event in hub.download(sharded.repo_id, cancel=token, workers=4):
            if len([s for s in partials().values() if s > 0]) >= 2 and not started.is_set():
                started.set()
                token.cancel()
                at_cancel = sum(partials().values())
    assert started.is_set()
    assert not [t for t in threading.enumerate() if t.name.startswith("hub-download") and t.is_alive()]
    kept = partials()
    # Stopped mid-stream: each worker wrote at most a couple of chunks after the cancel, not the rest.
    assert sum(kept.values()) - at_cancel <= 4 * 2 * 32 * 1024 + 4 * fetch.HANDOVER_BYTES
    assert sum(kept.values()) < sum(len(sharded.files[n]) for n in SHARDS)
    assert not (paths.hf_cache_dir() / "models--tester--sharded" / "snapshots").exists()  # no model yet
    for name in SHARDS:
        hub_server.set_fault(sharded.repo_id, name, None)
    events = list(hub.download(sharded.repo_id))
    outcome = events[-1].value
    assert outcome.bytes_resumed >= sum(kept.values())
    assert all((Path(outcome.path) / n).read_bytes() == sharded.files[n] for n in SHARDS)


def test_a_corrupt_file_stops_the_others_and_adds_no_model(hub_server, sharded):
    slow_all(hub_server, sharded)
    hub_server.set_fault(sharded.repo_id, SHARDS[2], Fault(corrupt=True))
    with pytest.raises(WorkbenchError, match="failed verification"):
        list(hub.download(sharded.repo_id, workers=4))
    assert not [t for t in threading.enumerate() if t.name.startswith("hub-download") and t.is_alive()]
    assert not (paths.hf_cache_dir() / "models--tester--sharded" / "snapshots").exists()  # no model appears
