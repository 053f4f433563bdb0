"""Run the built bundle the way a user without Python would, and check it works.

``python packaging/smoke_bundle.py [BUNDLE_DIR]`` (``make package-test`` runs it through pytest):

1. ``model-workbench --smoke`` offscreen, in an environment holding only PATH=/usr/bin:/bin, a fresh
   HOME/WORKBENCH_HOME and offline hub settings (no venv, no PYTHONPATH): it must exit 0 and print
   JSON with ``"ok": true``. While it runs, the process's loaded libraries are checked: none may
   come from the Python environment that built the bundle.
2. Start-up: the GUI is started without arguments and the time until its log says the window is shown
   is measured from process start, twice (the second start has warm file caches).
Prints one JSON document with the results, the bundle size, and exit 0 only if everything passed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BUNDLE = ROOT / "dist" / "model-workbench"
SMOKE_TIMEOUT_S = 900
WINDOW_TIMEOUT_S = 120


def executable(bundle: Path) -> Path:
    name = "workbench.exe" if sys.platform == "win32" else "model-workbench"
    return bundle / name


def clean_env(home: Path) -> dict[str, str]:
    """What a desktop session without Python gives a program, plus offscreen Qt and an offline hub."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "WORKBENCH_HOME": str(home / "workbench"),
        "HF_HOME": str(home / "hf"),
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2"),
    }
    if sys.platform == "win32":
        env["PATH"] = os.environ.get("SystemRoot", r"C:\Windows") + r"\System32"
        env["SystemRoot"] = os.environ.get("SystemRoot", r"C:\Windows")
    return env


def foreign_libraries(pid: int, bundle: Path) -> set[str]:
    """Shared libraries the process mapped from the build's Python environment or any libpython outside
    the bundle (Linux only; empty elsewhere)."""
    maps = Path(f"/proc/{pid}/maps")
    try:
        lines = maps.read_text().splitlines()
    except OSError:
        return set()
    build_env = Path(sys.prefix).resolve()
    foreign = set()
    for line in lines:
        parts = line.split(maxsplit=5)
        if len(parts) < 6 or not parts[5].startswith("/"):
            continue
        path = Path(parts[5])
        inside_bundle = bundle.resolve() in path.parents
        if not inside_bundle and (build_env in path.parents or "libpython" in path.name or "site-packages" in str(path)):
            foreign.add(str(path))
    return foreign


def run_smoke(bundle: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="workbench-bundle-") as tmp:
        start = time.perf_counter()
        process = subprocess.Popen([str(executable(bundle)), "--smoke"], env=clean_env(Path(tmp)),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp)
        foreign: set[str] = set()
        deadline = time.monotonic() + SMOKE_TIMEOUT_S
        while process.poll() is None and time.monotonic() < deadline:
            foreign |= foreign_libraries(process.pid, bundle)
            time.sleep(0.5)
        if process.poll() is None:
            process.kill()
        stdout, stderr = process.communicate()
        seconds = time.perf_counter() - start
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        report = None
    return {"exit_code": process.returncode, "seconds": round(seconds, 1), "report": report,
            "foreign_libraries": sorted(foreign), "stderr_tail": stderr[-3000:]}


def time_to_window(bundle: Path, home: Path) -> float | None:
    """Seconds from starting the GUI process until its log says the window is shown."""
    env = clean_env(home)
    log = Path(env["WORKBENCH_HOME"]) / "logs" / "workbench.log"
    before = log.read_text(errors="replace").count("window shown") if log.exists() else 0
    start = time.perf_counter()
    process = subprocess.Popen([str(executable(bundle))], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=home)
    try:
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            if log.exists() and log.read_text(errors="replace").count("window shown") > before:
                return round(time.perf_counter() - start, 2)
            time.sleep(0.02)
        return None
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def check(bundle: Path) -> dict:
    bundle = bundle.resolve()  # the program runs with another working directory
    smoke = run_smoke(bundle)
    with tempfile.TemporaryDirectory(prefix="workbench-start-") as tmp:
        startup = [time_to_window(bundle, Path(tmp)) for _ in range(2)]
    report = smoke.get("report") or {}
    ok = (smoke["exit_code"] == 0 and report.get("ok") is True and not smoke["foreign_libraries"]
          and all(s is not None for s in startup))
    return {"ok": ok, "bundle": str(bundle), "bundle_bytes": bundle_size(bundle),
            "window_shown_s": startup, "smoke": smoke}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    bundle = Path(args[0]) if args else DEFAULT_BUNDLE
    if not executable(bundle).exists():
        print(f"error: no bundle at {bundle}", file=sys.stderr)
        print("hint: build it first with `make package`", file=sys.stderr)
        return 1
    result = check(bundle)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
