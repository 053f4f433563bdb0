"""`workbench download` as a user runs it: progress, a killed process resumed, exit codes and messages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hub_support import REPO, WEIGHTS, Fault, hub_server, sha256  # noqa: F401  (fixture)

from workbench.core import paths

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "workbench", "download", *args], cwd=ROOT, env=dict(os.environ),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def test_killed_download_process_resumes_from_bytes_on_disk(hub_server):
    data = hub_server.repos[REPO].files[WEIGHTS]
    partial = paths.hf_cache_dir() / f"models--{REPO.replace('/', '--')}" / "blobs" / f"{sha256(data)}.incomplete"
    hub_server.set_fault(REPO, WEIGHTS, Fault(delay_per_chunk=0.05, chunk=128 * 1024))
    proc = cli(REPO)
    deadline = time.monotonic() + 60
    while not (partial.exists() and partial.stat().st_size >= 1_000_000):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the download never started"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    kept = partial.stat().st_size
    # The app would offer it for resume: the queue file still lists it.
    queued = json.loads((paths.data_dir() / "downloads.json").read_text())["downloads"]
    assert [q["repo_id"] for q in queued] == [REPO]

    hub_server.set_fault(REPO, WEIGHTS, None)
    time.sleep(0.5)  # let the server notice the dead connection before counting again
    before = hub_server.stats.body_bytes[(REPO, WEIGHTS)]
    requests_before = len(hub_server.stats.requests)
    code, out, err = finish(cli(REPO))
    assert code == 0, err
    second_run = hub_server.stats.body_bytes[(REPO, WEIGHTS)] - before
    assert second_run == len(data) - kept < len(data)
    ranges = [r for m, p, r in hub_server.stats.requests[requests_before:] if m == "GET" and p.endswith(WEIGHTS)]
    assert ranges == [f"bytes={kept}-"]
    snapshot = Path(out.strip())
    assert (snapshot / WEIGHTS).read_bytes() == data
    assert "4 files verified" in err and "already on disk" in err
    assert json.loads((paths.data_dir() / "downloads.json").read_text())["downloads"] == []
    listed = subprocess.run([sys.executable, "-m", "workbench", "models", "list", "--json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert REPO in [m["name"] for m in json.loads(listed.stdout)]


def test_corrupt_download_exits_non_zero_and_says_so(hub_server):
    hub_server.set_fault(REPO, WEIGHTS, Fault(corrupt=True))
    code, out, err = finish(cli(REPO, "--include", "*.safetensors"))
    assert code == 1 and out == ""
    assert "failed verification" in err and "hint: Retry the download" in err


def test_gated_and_missing_repos_exit_with_a_hint(hub_server):
    code, _, err = finish(cli("gatekeeper/licensed-model"))
    assert code == 1 and "(401)" in err and "accept the licence" in err
    code, _, err = finish(cli("tester/missing"))
    assert code == 1 and "was not found on the hub" in err


def test_hostile_mirror_is_refused_and_writes_nothing_outside_the_cache(hub_server, tmp_path):
    from workbench.testing.hub_server import hostile_repo

    target = tmp_path / "outside" / "pwned.txt"
    target.parent.mkdir()
    kept = (Path(os.environ["HF_HOME"]), Path(os.environ["WORKBENCH_HOME"]))  # the cache; the app's own data

    def outside():
        return {p for p in tmp_path.rglob("*") if not any(p == k or k in p.parents for k in kept)}

    for attack in ("absolute-name", "blob-id"):
        repo = f"mallory/{attack}"
        hub_server.add(hostile_repo(repo, attack, str(target)))
        before = outside()
        code, out, err = finish(cli(repo))
        after = outside()
        assert code == 1 and out == ""
        assert f"unsafe listing for {repo}" in err and "Nothing was downloaded" in err
        assert "Traceback" not in err
        assert not target.exists() and after == before
