"""Fixtures for the hub tests: a loopback hub server the code under test is pointed at."""

from __future__ import annotations

import hashlib

import pytest

from workbench.testing.hub_server import Fault, HubRepo, LoopbackHub, demo_repo  # noqa: F401  (re-exported)

REPO = "tester/tiny-model"
WEIGHTS = "model.safetensors"


@pytest.fixture
def hub_server(monkeypatch):
    """A running loopback hub with ``tester/tiny-model`` (4 MiB of weights), a gated repo and a few more
    for search; ``HF_ENDPOINT`` points at it and offline mode is off for this test."""
    import huggingface_hub.constants as hf_constants

    repos = [
        demo_repo(REPO, weights_mb=4, downloads=500, likes=3),
        demo_repo("gatekeeper/licensed-model", weights_mb=0.5, gated=True, downloads=50, likes=40),
        demo_repo("tester/classifier", weights_mb=0.2, pipeline_tag="text-classification", downloads=80, likes=1,
                  last_modified="2026-06-01T00:00:00.000Z"),
    ]
    repos += [demo_repo(f"crowd/model-{i:02d}", weights_mb=0.01, downloads=i, likes=0) for i in range(45)]
    server = LoopbackHub(repos).start()
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    # The code under test flips huggingface_hub's import-time offline flag; put it back afterwards.
    monkeypatch.setattr(hf_constants, "HF_HUB_OFFLINE", hf_constants.HF_HUB_OFFLINE)
    yield server
    server.stop()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
