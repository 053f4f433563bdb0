"""Run the ``workbench`` command in a subprocess, the way users and scripts do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict | None = None, timeout: float = 600, check: bool = False,
            input: str | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    out = subprocess.run([sys.executable, "-m", "workbench", *args], cwd=ROOT, env=full_env, capture_output=True,
                         text=True, timeout=timeout, input=input)
    if check and out.returncode != 0:
        raise AssertionError(f"workbench {' '.join(args)} exited {out.returncode}:\n{out.stderr}")
    return out


def run_json(*args: str, **kwargs):
    out = run_cli(*args, check=True, **kwargs)
    return json.loads(out.stdout)
