"""A hostile hub or mirror cannot make a download write outside the cache: every name, blob id, sha256
and commit id it sends is checked, and the download is refused with a message saying why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hub_support import hub_server  # noqa: F401  (fixture)

from workbench.core import hub
from workbench.core.hub import safety
from workbench.core.jobs import WorkbenchError
from workbench.testing.hub_server import HOSTILE_ATTACKS, hostile_repo


def tree(root: Path) -> set[str]:
    """Every file, folder and link under root (links not followed)."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def outside_the_cache(root: Path) -> set[str]:
    cache = Path(os.environ["HF_HOME"]).relative_to(root)
    home = Path(os.environ["WORKBENCH_HOME"]).relative_to(root)  # downloads.json and logs live there
    return {p for p in tree(root) if not (Path(p).is_relative_to(cache) or Path(p).is_relative_to(home))}


@pytest.mark.parametrize("attack", HOSTILE_ATTACKS)
def test_hostile_listing_is_refused_and_nothing_is_written_outside(hub_server, attack, tmp_path):
    target = tmp_path / "outside" / "pwned.txt"
    target.parent.mkdir()
    hub_server.add(hostile_repo("mallory/model", attack, str(target)))
    before = outside_the_cache(tmp_path)
    with pytest.raises(WorkbenchError) as info:
        list(hub.download("mallory/model"))
    assert "unsafe listing for mallory/model" in info.value.message
    assert "Nothing was downloaded" in info.value.message and "HF_ENDPOINT" in info.value.hint
    assert not target.exists()
    assert outside_the_cache(tmp_path) == before
    # Not even a lock or a partial file inside the cache: the refusal comes before any write.
    blobs = Path(os.environ["HF_HOME"]) / "hub" / "models--mallory--model" / "blobs"
    assert not blobs.exists() or not any(blobs.iterdir())


def test_each_rule_names_what_is_wrong():
    good = hub.HubFile("config.json", 10, "a" * 40)
    commit = "b" * 40
    safety.check_listing("r/x", commit, [good])  # a true listing passes
    cases = {
        "/etc/passwd": "absolute", "C:/x": "absolute", "a\\b": "absolute", "a/../../b": "steps out",
        "..": "steps out", "a//b": "steps out", "./a": "steps out", "a\x00b": "control", ".git/config": ".git",
    }
    for name, word in cases.items():
        with pytest.raises(WorkbenchError, match=word):
            safety.check_listing("r/x", commit, [hub.HubFile(name, 1, "a" * 40)])
    with pytest.raises(WorkbenchError, match="commit id"):
        safety.check_listing("r/x", "main", [good])
    with pytest.raises(WorkbenchError, match="commit id"):
        safety.check_listing("r/x", None, [good])
    with pytest.raises(WorkbenchError, match="blob id"):
        safety.check_listing("r/x", commit, [hub.HubFile("a", 1, "A" * 40)])
    with pytest.raises(WorkbenchError, match="sha256"):
        safety.check_listing("r/x", commit, [hub.HubFile("a.bin", 1, "a" * 40, "../" * 3)])
    with pytest.raises(WorkbenchError, match="twice"):
        safety.check_listing("r/x", commit, [good, good])
    with pytest.raises(WorkbenchError, match="size"):
        safety.check_listing("r/x", commit, [hub.HubFile("a", -1, "a" * 40)])


@pytest.mark.parametrize("revision", ["../../../tmp/x", "/abs", "a/../b", "a\\b"])
def test_a_revision_that_leaves_refs_is_refused(hub_server, revision):
    with pytest.raises(WorkbenchError, match="not a branch, tag or commit"):
        list(hub.download("tester/tiny-model", revision=revision))


@pytest.mark.parametrize("repo_id", ["a/b/c", "../x", "a--b/c", "a/b..c", "a/ b"])
def test_repo_ids_follow_huggingface_hub_rules(repo_id):
    with pytest.raises(WorkbenchError, match="not a hub model id"):
        safety.check_repo_id(repo_id)


def test_a_server_sending_more_than_the_listed_size_cannot_fill_the_disk(hub_server):
    from workbench.testing.hub_server import HubRepo, random_bytes

    declared = 64 * 1024
    repo = hub_server.add(HubRepo("mallory/endless", {"model.safetensors": random_bytes(4 << 20)},
                                  lies={"model.safetensors": {"size": declared}}))
    blobs = Path(os.environ["HF_HOME"]) / "hub" / "models--mallory--endless" / "blobs"
    with pytest.raises(WorkbenchError, match="failed verification"):
        list(hub.download(repo.repo_id, backoff_s=0.01))
    assert all(p.stat().st_size <= declared for p in blobs.iterdir())  # never more than the listing said
