"""`workbench bench download --json` runs end to end and reports its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_download_benchmark_reports_its_keys():
    out = subprocess.run([sys.executable, "-m", "workbench", "bench", "download", "--json", "--quick"], cwd=ROOT,
                         env=dict(os.environ), capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert {"workbench_mb_s", "baseline_mb_s", "ratio", "ui_max_gap_ms"} <= set(figures)
    assert figures["workbench_mb_s"] > 0 and figures["baseline_mb_s"] > 0 and figures["ui_max_gap_ms"] > 0
    assert figures["files_identical"] is True
