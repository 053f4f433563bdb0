"""Build the packaged app and run it as a user without Python would (``make package-test``).

Slow (the PyInstaller build of torch + Qt took about 7 minutes on 2 busy cores, the checks 2 more), so it is not part of
``make test``. ``WORKBENCH_BUNDLE=dist/model-workbench`` checks an existing bundle without rebuilding.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PACKAGING))

import build  # noqa: E402
import smoke_bundle  # noqa: E402


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    existing = os.environ.get("WORKBENCH_BUNDLE")
    if existing:
        return Path(existing).resolve()
    dist = tmp_path_factory.mktemp("dist")
    assert build.main(["--dist", str(dist), "--work", str(tmp_path_factory.mktemp("work"))]) == 0
    return build.bundle_dir(dist)


@pytest.mark.timeout(3600)
def test_bundle_passes_smoke_without_python(bundle):
    result = smoke_bundle.check(bundle)
    print(json.dumps({k: v for k, v in result.items() if k != "smoke"}, indent=2))
    smoke = result["smoke"]
    assert smoke["exit_code"] == 0, smoke["stderr_tail"]
    report = smoke["report"]
    assert report["ok"] is True
    assert report["tabs"], "the smoke run opened no tabs"
    assert all(tab["ok"] for tab in report["tabs"].values()), report["tabs"]
    assert not smoke["foreign_libraries"], "the bundle loaded libraries from the build's Python"
    assert all(seconds is not None for seconds in result["window_shown_s"]), "the window never showed"


@pytest.mark.timeout(600)
def test_bundle_lists_its_starter_models(bundle, tmp_path):
    import subprocess

    out = subprocess.run([str(smoke_bundle.executable(bundle)), "models", "list", "--json"],
                         env=smoke_bundle.clean_env(tmp_path), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    names = {entry["name"]: entry for entry in json.loads(out.stdout)}
    for name in ("smollm2-135m-instruct", "all-minilm-l6-v2"):
        assert names[name]["source"] == "starter"
        assert str(bundle) in names[name]["path"]


@pytest.mark.skipif(sys.platform != "linux", reason="the tarball is built on Linux")
def test_linux_tarball_holds_bundle_desktop_entry_and_icons(bundle):
    import tarfile

    archives = sorted(bundle.parent.glob("model-workbench-*-linux-*.tar.gz"))
    if not archives:
        pytest.skip("no tarball next to this bundle (built with --no-archive)")
    with tarfile.open(archives[-1]) as tar:
        names = {Path(*Path(n).parts[1:]).as_posix() for n in tar.getnames()}
    assert {"install.sh", "model-workbench.desktop", "icons/workbench.svg", "icons/workbench-512.png",
            "model-workbench/model-workbench"} <= names
