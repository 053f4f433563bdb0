"""Hub search, model details, fit verdicts, tokens and downloads against a loopback hub with faults."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from hub_support import REPO, WEIGHTS, Fault, hub_server, sha256  # noqa: F401  (fixture)

from workbench.core import hub, paths
from workbench.core.hub import downloader, fit
from workbench.core.jobs import CancelToken, Cancelled, Result, WorkbenchError
from workbench.core.library import Library


def run_download(*args, cancel: CancelToken | None = None, **kwargs):
    events = list(hub.download(*args, cancel=cancel or CancelToken(), backoff_s=0.01, **kwargs))
    assert isinstance(events[-1], Result)
    return events[-1].value, events


def repo_folder(repo_id: str = REPO) -> Path:
    return paths.hf_cache_dir() / ("models--" + repo_id.replace("/", "--"))


def weights_blob(server) -> Path:
    return repo_folder() / "blobs" / sha256(server.repos[REPO].files[WEIGHTS])


# ---- search and model page -------------------------------------------------------------------
def test_search_pages_filters_and_sorts(hub_server):
    first = hub.search_models("", sort="downloads", limit=10)
    assert [m.repo_id for m in first.results[:2]] == [REPO, "tester/classifier"]
    assert first.has_more
    top = first.results[0]
    assert (top.downloads, top.likes, top.license, top.gated) == (500, 3, "apache-2.0", False)
    assert top.size_bytes == sum(len(d) for d in hub_server.repos[REPO].files.values())
    # Further pages continue where the previous stopped, across the server's own page boundary.
    seen = [m.repo_id for m in first.results]
    offset = 10
    while True:
        page = hub.search_models("", sort="downloads", offset=offset, limit=10)
        seen += [m.repo_id for m in page.results]
        offset += 10
        if not page.has_more:
            break
    assert len(seen) == len(set(seen)) == len(hub_server.repos)
    by_likes = hub.search_models("", sort="likes", limit=1).results[0]
    assert by_likes.repo_id == "gatekeeper/licensed-model" and by_likes.gated
    tasks = hub.search_models("", task="text-classification").results
    assert [m.repo_id for m in tasks] == ["tester/classifier"]
    assert hub.search_models("tiny").results[0].repo_id == REPO


def test_bad_search_inputs_say_what_to_choose(hub_server):
    with pytest.raises(WorkbenchError, match="Unknown task filter 'poetry'"):
        hub.search_models(task="poetry")
    with pytest.raises(WorkbenchError, match="Unknown sort order"):
        hub.search_models(sort="size")


def test_model_details_list_files_with_sizes_and_card(hub_server):
    details = hub.model_details(REPO)
    sizes = {f.name: f.size for f in details.files}
    assert sizes[WEIGHTS] == 4 * 1024 * 1024
    weights = next(f for f in details.files if f.name == WEIGHTS)
    assert weights.sha256 == sha256(hub_server.repos[REPO].files[WEIGHTS])
    assert details.commit == hub_server.repos[REPO].commit
    assert "A **test** model." in details.card
    assert details.license == "apache-2.0"
    assert hub.model_details("gatekeeper/licensed-model").gated


def test_fit_report_counts_disk_and_memory(hub_server, monkeypatch):
    details = hub.model_details(REPO)
    report = hub.fit_report(details)
    assert report.download_bytes == details.total_size
    assert report.disk_verdict == "fits"
    assert [m.dtype for m in report.memory] == ["float32", "bfloat16"]
    assert report.parameters_estimated and report.parameters == 2 * 1024 * 1024
    assert "to download" in report.summary and "available" in report.summary
    only_config = hub.fit_report(details, ["config.json"])
    assert only_config.memory == [] and only_config.download_bytes == len(hub_server.repos[REPO].files["config.json"])
    monkeypatch.setattr(fit, "free_disk_bytes", lambda: 1000)  # where fit_report reads it
    assert hub.fit_report(details).disk_verdict == "will not fit"


# ---- downloads ---------------------------------------------------------------------------------
def test_download_lands_in_standard_cache_and_library(hub_server):
    from huggingface_hub import scan_cache_dir, try_to_load_from_cache

    outcome, events = run_download(REPO)
    files = hub_server.repos[REPO].files
    assert sorted(outcome.files) == sorted(files)
    snapshot = Path(outcome.path)
    for name, data in files.items():
        assert (snapshot / name).read_bytes() == data
    assert try_to_load_from_cache(REPO, WEIGHTS, cache_dir=paths.hf_cache_dir()) == str(snapshot / WEIGHTS)
    assert (repo_folder() / "refs" / "main").read_text() == hub_server.repos[REPO].commit
    assert [r.repo_id for r in scan_cache_dir(paths.hf_cache_dir()).repos] == [REPO]
    entry = Library().find(REPO)
    assert entry is not None and entry.source == "hf-cache" and entry.path == str(snapshot)
    progress = [e for e in events if isinstance(e, hub.DownloadProgress)]
    assert progress[-1].done == progress[-1].total == sum(len(d) for d in files.values())
    assert sorted(e.name for e in events if isinstance(e, hub.FileDone)) == sorted(files)  # files arrive in parallel


def test_include_patterns_choose_files(hub_server):
    outcome, _ = run_download(REPO, include=["*.json"])
    assert sorted(outcome.files) == ["config.json", "tokenizer.json"]
    assert not (Path(outcome.path) / WEIGHTS).exists()


def test_dropped_connection_resumes_from_what_arrived(hub_server):
    size = len(hub_server.repos[REPO].files[WEIGHTS])
    hub_server.set_fault(REPO, WEIGHTS, Fault(drop_after=1_500_000, drop_times=2))
    outcome, events = run_download(REPO)
    assert Path(outcome.path, WEIGHTS).read_bytes() == hub_server.repos[REPO].files[WEIGHTS]
    # Two drops, three requests, and not one byte sent twice.
    assert hub_server.stats.body_bytes[(REPO, WEIGHTS)] == size
    ranges = [r for m, p, r in hub_server.stats.requests if m == "GET" and p.endswith(WEIGHTS)]
    assert ranges == ["", "bytes=1500000-", "bytes=3000000-"]
    assert any(isinstance(e, hub.DownloadProgress) and e.state == "retrying" for e in events)


def test_server_error_then_success_is_retried(hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(error_status=503, error_times=2))
    outcome, _ = run_download(REPO)
    assert Path(outcome.path, WEIGHTS).stat().st_size == 4 * 1024 * 1024


def test_server_errors_after_retries_are_explained(hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(error_status=500, error_times=100))
    with pytest.raises(WorkbenchError) as err:
        run_download(REPO, attempts=3)
    assert "answered 500 for model.safetensors" in err.value.message and "3 times" in err.value.message
    assert "resumes" in err.value.hint
    assert Library().find(REPO) is None


def test_wrong_bytes_fail_verification_and_leave_no_model(hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(corrupt=True))
    with pytest.raises(WorkbenchError) as err:
        run_download(REPO)
    assert "model.safetensors of tester/tiny-model failed verification" in err.value.message
    assert "was not added to the library" in err.value.message
    assert not weights_blob(hub_server).exists()
    # The corrupt file leaves no bytes behind; files stopped mid-way by its failure (they download in
    # parallel) may keep their partial bytes, which is what lets a retry resume them.
    assert not weights_blob(hub_server).with_name(weights_blob(hub_server).name + ".incomplete").exists()
    assert not (repo_folder() / "snapshots").exists()
    assert Library().find(REPO) is None


def test_corrupt_blob_from_another_tool_is_replaced(hub_server):
    blob = weights_blob(hub_server)
    blob.parent.mkdir(parents=True)
    blob.write_bytes(b"\0" * (4 * 1024 * 1024))  # right size, wrong bytes: what huggingface_hub would keep
    outcome, _ = run_download(REPO)
    assert Path(outcome.path, WEIGHTS).read_bytes() == hub_server.repos[REPO].files[WEIGHTS]


def test_stale_incomplete_file_is_resumed(hub_server):
    data = hub_server.repos[REPO].files[WEIGHTS]
    partial = weights_blob(hub_server).with_name(weights_blob(hub_server).name + ".incomplete")
    partial.parent.mkdir(parents=True)
    partial.write_bytes(data[:3_000_000])
    outcome, _ = run_download(REPO)
    assert outcome.bytes_resumed == 3_000_000
    assert hub_server.stats.body_bytes[(REPO, WEIGHTS)] == len(data) - 3_000_000
    assert Path(outcome.path, WEIGHTS).read_bytes() == data


def test_cancel_stops_mid_file_and_keeps_bytes(hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(delay_per_chunk=0.3, chunk=64 * 1024))
    token = CancelToken()
    partial = weights_blob(hub_server).with_name(weights_blob(hub_server).name + ".incomplete")
    cancelled_at = {}

    def cancel_when_started():
        while not (partial.exists() and partial.stat().st_size > 0):
            time.sleep(0.02)
        cancelled_at["bytes"] = hub_server.stats.bytes_sent(REPO)
        token.cancel()

    watcher = threading.Thread(target=cancel_when_started)
    watcher.start()
    with pytest.raises(Cancelled):
        for _ in hub.download(REPO, cancel=token):
            pass
    watcher.join()
    # The job stopped while the body was still coming (it does not wait for the server): the server got to
    # send at most a few more chunks, far from the rest of the 4 MiB file.
    assert hub_server.stats.bytes_sent(REPO) - cancelled_at["bytes"] <= 4 * 64 * 1024
    kept = partial.stat().st_size
    assert kept > 0 and Library().find(REPO) is None
    hub_server.set_fault(REPO, WEIGHTS, None)
    outcome, _ = run_download(REPO)
    assert outcome.bytes_resumed >= kept


def test_gated_repo_messages_and_access_with_token(hub_server, monkeypatch):
    gated = "gatekeeper/licensed-model"
    with pytest.raises(WorkbenchError) as err:
        run_download(gated)
    assert "(401)" in err.value.message and "accept the licence" in err.value.hint and "token" in err.value.hint
    monkeypatch.setenv("HF_TOKEN", "hf_validtoken")
    with pytest.raises(WorkbenchError) as err:
        run_download(gated)
    assert "(403)" in err.value.message and "accept the licence" in err.value.hint
    hub_server.accepted[gated] = {"hf_validtoken"}
    outcome, _ = run_download(gated)
    assert Library().find(gated) is not None and Path(outcome.path, WEIGHTS).exists()


def test_not_found_messages(hub_server):
    with pytest.raises(WorkbenchError, match=r"tester/missing was not found on the hub .*\(404\)"):
        run_download("tester/missing")
    with pytest.raises(WorkbenchError, match="has no revision 'v9'"):
        run_download(REPO, revision="v9")
    with pytest.raises(WorkbenchError, match="not a hub model id"):
        run_download("a/b/c")


def test_offline_refuses_plainly(hub_server, monkeypatch):
    with pytest.raises(WorkbenchError, match="offline mode is on in the workbench"):
        hub.search_models("tiny", offline=True)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(WorkbenchError, match="HF_HUB_OFFLINE is set") as err:
        run_download(REPO)
    assert "Turn off offline mode" in err.value.hint
    assert not hub_server.stats.requests


def test_unreachable_hub_is_explained(monkeypatch):
    import huggingface_hub.constants as hf_constants

    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(hf_constants, "HF_HUB_OFFLINE", hf_constants.HF_HUB_OFFLINE)
    from huggingface_hub import HfApi

    retried = []
    monkeypatch.setattr(HfApi, "list_models", lambda *a, **k: retried.append(1) or [])
    with pytest.raises(WorkbenchError, match="Cannot reach the hub at http://127.0.0.1:9") as err:
        hub.search_models("x")
    assert "offline mode" in err.value.hint
    assert retried == []  # refused by the quick reachability check, not after huggingface_hub's ~25 s of retries


def test_disk_full_is_caught_before_downloading(hub_server, monkeypatch):
    monkeypatch.setattr(downloader, "free_disk_bytes", lambda: 1_000_000)  # where download reads it
    with pytest.raises(WorkbenchError, match="Not enough disk space for tester/tiny-model") as err:
        run_download(REPO)
    assert "HF_HOME" in err.value.hint
    assert not any(m == "GET" and "/resolve/" in p for m, p, _ in hub_server.stats.requests)


def test_token_set_whoami_and_clear(hub_server, monkeypatch, tmp_path):
    import huggingface_hub.constants as hf_constants
    import huggingface_hub.hf_api as hf_api
    from huggingface_hub import HfApi

    # The token store lives where HF_HOME was at import: move it into this test's folder.
    monkeypatch.setattr(hf_constants, "HF_TOKEN_PATH", str(tmp_path / "token"))
    monkeypatch.setattr(hf_constants, "HF_STORED_TOKENS_PATH", str(tmp_path / "stored_tokens"))
    # login() checks the token with huggingface_hub's import-time endpoint; send it to the loopback hub.
    monkeypatch.setattr(hf_api, "whoami", HfApi(endpoint=hub_server.url).whoami)
    assert not hub.token_status().has_token
    with pytest.raises(WorkbenchError, match="did not accept this token"):
        hub.set_token("hf_wrong")
    status = hub.set_token("hf_validtoken")
    assert status.user == "ada"
    assert (tmp_path / "token").read_text().strip() == "hf_validtoken"
    assert hub.token_status().user == "ada"
    assert not hub.clear_token().has_token
    assert not (tmp_path / "token").exists()


def test_download_queue_survives_a_damaged_file():
    from workbench.core.hub.download_queue import DownloadQueue, QueuedDownload, queue_path

    queue = DownloadQueue()
    queue.put(QueuedDownload(REPO, include=["*.json"]))
    queue.put(QueuedDownload(REPO, include=["*.json"], state="paused"))  # same download: updated, not added
    assert [(q.repo_id, q.state) for q in queue.load()] == [(REPO, "paused")]
    queue_path().write_text("{not json")
    assert queue.load() == []
    queue.put(QueuedDownload("a/b"))
    assert [q.repo_id for q in queue.load()] == ["a/b"]


def test_waits_while_another_program_downloads_the_same_file(hub_server):
    from filelock import FileLock

    etag = sha256(hub_server.repos[REPO].files[WEIGHTS])
    lock_path = paths.hf_cache_dir() / ".locks" / repo_folder().name / f"{etag}.lock"
    lock_path.parent.mkdir(parents=True)
    held = threading.Event()

    def other_program():  # filelock locks belong to a thread: take and release it in one
        with FileLock(str(lock_path)):
            held.set()
            time.sleep(0.8)

    holder = threading.Thread(target=other_program)
    holder.start()
    held.wait(5)
    outcome, events = run_download(REPO)
    holder.join()
    waiting = [e for e in events if isinstance(e, hub.DownloadProgress) and e.state == "waiting"]
    assert len(waiting) == 1 and "another program is downloading model.safetensors" in waiting[0].message
    assert Path(outcome.path, WEIGHTS).read_bytes() == hub_server.repos[REPO].files[WEIGHTS]
