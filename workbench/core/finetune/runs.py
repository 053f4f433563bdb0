"""Run directories and run history.

A run lives in ``runs_dir()/<id>/``: ``config.json`` (what to train), ``events.jsonl`` (every event,
one JSON object a line, appended as they happen), ``status.json`` (running / finished / failed /
cancelled, with the process id), ``metrics.json``, ``record.json`` (seed, settings, data and model hashes,
library versions: what repeating the run needs), ``base.json`` and ``comparison.json`` (base vs fine-tuned
on held-out rows), ``checkpoints/checkpoint-N/`` and, for LoRA, ``adapter/``. The final model goes into the library store; its path is in ``status.json``.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbench.core import paths

CONFIG_FILE = "config.json"
EVENTS_FILE = "events.jsonl"
STATUS_FILE = "status.json"
METRICS_FILE = "metrics.json"
CHECKPOINTS = "checkpoints"


@dataclass
class RunSummary:
    run_dir: str
    name: str
    task: str
    base_model: str
    status: str  # running | finished | failed | cancelled | interrupted
    started: float = 0.0
    duration_s: float = 0.0
    metrics: dict = field(default_factory=dict)
    model_path: str = ""
    step: int = 0
    max_steps: int = 0
    message: str = ""
    comparison: dict = field(default_factory=dict)  # base_eval_loss, eval_loss, improved, rows
    record: dict = field(default_factory=dict)  # seed, settings, hashes, versions


def new_run_dir(name: str, root: Path | None = None) -> Path:
    root = Path(root) if root else paths.runs_dir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    slug = "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip("-.")[:60] or "run"
    target = root / f"{stamp}-{slug}"
    n = 2
    while target.exists():
        target = root / f"{stamp}-{slug}-{n}"
        n += 1
    target.mkdir(parents=True)
    return target


def write_json(path: Path, value: dict) -> None:
    """Atomic: a kill mid-write leaves the previous file. Only rank 0 of a multi-GPU run writes."""
    if not is_main_process():
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(value, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def read_json(path: Path) -> dict:
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
        return value if isinstance(value, dict) else {}
    except (OSError, ValueError):
        return {}


def read_events(run_dir: str | Path) -> list[dict]:
    """Every event of a run; a torn last line (the process was killed mid-write) is skipped."""
    events = []
    try:
        with open(Path(run_dir) / EVENTS_FILE, encoding="utf-8") as f:
            for line in f:
                try:
                    events.append(json.loads(line))
                except ValueError:
                    continue
    except OSError:
        pass
    return events


def is_main_process() -> bool:
    """False in the extra processes of a multi-GPU run (accelerate launch / torchrun): rank 0 writes the files."""
    return int(os.environ.get("RANK", "0") or 0) == 0


def wait_until_every_process_has_read(run_dir: Path, timeout_s: float = 300.0) -> None:
    """Under accelerate/torchrun, rank 0 waits here until every other process has read the run folder.

    Resuming with more epochs rewrites ``config.json``; a slower rank reading it after that would add
    the epochs a second time and train longer than rank 0, and the two would wait for each other forever.
    """
    world = int(os.environ.get("WORLD_SIZE", "1") or 1)
    if world <= 1:
        return
    rank = int(os.environ.get("RANK", "0") or 0)
    launch = os.environ.get("TORCHELASTIC_RUN_ID") or os.environ.get("MASTER_PORT", "")

    def marker(r: int) -> Path:
        return run_dir / f".has-read-{launch}-{r}"

    if rank != 0:
        marker(rank).touch()
        return
    deadline = time.monotonic() + timeout_s
    while not all(marker(r).exists() for r in range(1, world)):
        if time.monotonic() > deadline:
            from workbench.core.i18n import translate
            from workbench.core.jobs import WorkbenchError

            raise WorkbenchError(
                translate("core", "The other {count} training processes did not start within {timeout:.0f} s.").format(
                    count=world - 1, timeout=timeout_s),
                translate("core", "Check the launcher's output for the process that failed."))
        time.sleep(0.05)
    for r in range(1, world):
        marker(r).unlink(missing_ok=True)


class EventLog:
    """Appends events to ``events.jsonl`` (flushed, so a crash loses nothing) and passes them on."""

    def __init__(self, run_dir: Path, sink: Callable[[dict], None] | None = None):
        self.path = Path(run_dir) / EVENTS_FILE
        self.main = is_main_process()
        self._file = open(self.path, "a", encoding="utf-8") if self.main else None
        self.sink = sink

    def __call__(self, event: dict) -> None:
        if not self.main:
            return
        event.setdefault("time", time.time())
        line = json.dumps(event, default=str, ensure_ascii=False)
        self._file.write(line + "\n")
        self._file.flush()
        if self.sink:
            self.sink(event)

    def close(self) -> None:
        if self._file:
            self._file.close()


def last_checkpoint(run_dir: str | Path) -> Path | None:
    """The newest complete checkpoint (``trainer_state.json`` is written last, so a torn one is skipped)."""
    folder = Path(run_dir) / CHECKPOINTS
    if not folder.is_dir():
        return None
    complete = [p for p in folder.glob("checkpoint-*") if (p / "trainer_state.json").exists()
                and p.name.split("-")[-1].isdigit()]
    return max(complete, key=lambda p: int(p.name.split("-")[-1]), default=None)


def set_status(run_dir: Path, status: str, **extra) -> None:
    if not is_main_process():
        return
    current = read_json(Path(run_dir) / STATUS_FILE)
    current.update(status=status, pid=os.getpid(), updated=time.time(), **extra)
    current.setdefault("started", time.time())
    write_json(Path(run_dir) / STATUS_FILE, current)


def run_logged(run_dir: Path, emit: Callable[[dict], None] | None, resume: bool,
               train: Callable[["EventLog"], dict], oom_hint: str) -> dict:
    """Run ``train(log)`` with the run folder's bookkeeping, shared by fine-tuning and from-scratch runs:
    the event log, status (running, then finished / cancelled / failed with the time spent across
    resumes), a plain-words message for a crash, and the final ``done`` event."""
    from workbench.core.i18n import translate
    from workbench.core.jobs import Cancelled, WorkbenchError

    log = EventLog(run_dir, emit)
    started = time.time()
    previous = read_json(run_dir / STATUS_FILE)
    spent_before = float(previous.get("duration_s", 0) or 0) if resume else 0.0
    set_status(run_dir, "running", started=previous.get("started", started) if resume else started)
    try:
        result = train(log)
    except Cancelled:
        result = {"run_dir": str(run_dir), "status": "cancelled", "metrics": {}, "model_path": "",
                  "message": translate("core", "Cancelled before training started.")}
    except BaseException as exc:
        message = exc.message if isinstance(exc, WorkbenchError) else f"{type(exc).__name__}: {exc}"
        hint = exc.hint if isinstance(exc, WorkbenchError) else translate(
            "core", "The event log and --debug show where it happened.")
        if isinstance(exc, MemoryError) or "out of memory" in str(exc).lower():
            message, hint = translate("core", "The computer ran out of memory."), oom_hint
        if isinstance(exc, KeyboardInterrupt):
            message, hint = (translate("core", "The run was interrupted."),
                             translate("core", "Resume it to continue from the last checkpoint."))
        log({"type": "error", "message": message, "hint": hint})
        set_status(run_dir, "failed", message=message, duration_s=spent_before + time.time() - started)
        log.close()
        raise
    set_status(run_dir, result["status"], duration_s=spent_before + time.time() - started,
               model_path=result.get("model_path", ""), step=result.get("step", 0),
               max_steps=result.get("max_steps", 0), message=result.get("message", ""))
    log({"type": "done", **result})
    log.close()
    return result


def _pid_alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def summarize(run_dir: str | Path) -> RunSummary:
    run_dir = Path(run_dir)
    config = read_json(run_dir / CONFIG_FILE)
    status = read_json(run_dir / STATUS_FILE)
    state = status.get("status", "unknown")
    if state == "running" and not _pid_alive(int(status.get("pid", 0) or 0)):
        state = "interrupted"  # killed or crashed: resumable from its last checkpoint
    return RunSummary(
        run_dir=str(run_dir), name=config.get("name") or run_dir.name, task=config.get("task", ""),
        base_model=config.get("model", ""), status=state, started=float(status.get("started", 0) or 0),
        duration_s=float(status.get("duration_s", 0) or 0), metrics=read_json(run_dir / METRICS_FILE),
        model_path=status.get("model_path", ""), step=int(status.get("step", 0) or 0),
        max_steps=int(status.get("max_steps", 0) or 0), message=status.get("message", ""),
        comparison=read_json(run_dir / "comparison.json"), record=read_json(run_dir / "record.json"))


def list_runs(root: Path | None = None) -> list[RunSummary]:
    """Every run, newest first."""
    root = Path(root) if root else paths.runs_dir()
    if not root.is_dir():
        return []
    runs = [summarize(p) for p in root.iterdir() if p.is_dir() and (p / CONFIG_FILE).exists()]
    return sorted(runs, key=lambda r: r.started, reverse=True)


def curves(run_dir: str | Path) -> dict[str, list[tuple[int, float]]]:
    """Train loss, eval loss, learning rate and the task metric per step, from the event log."""
    out: dict[str, list[tuple[int, float]]] = {"loss": [], "eval_loss": [], "learning_rate": [], "metric": []}
    for event in read_events(run_dir):
        step = event.get("step")
        if event.get("type") == "train":
            if event.get("loss") is not None:
                out["loss"].append((step, event["loss"]))
            if event.get("learning_rate") is not None:
                out["learning_rate"].append((step, event["learning_rate"]))
        elif event.get("type") == "eval":
            if event.get("eval_loss") is not None:
                out["eval_loss"].append((step, event["eval_loss"]))
            if event.get("metric_value") is not None:
                out["metric"].append((step, event["metric_value"]))
    return out
