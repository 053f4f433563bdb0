"""The llama.cpp engine: chat with a GGUF file directly, without converting it.

The model lives in a child process of its own (``llamacpp_host.py``), one per loaded GGUF: a crash in
llama.cpp (an illegal instruction, a segmentation fault, an out-of-memory kill) ends that process and
is reported as ``EngineDied`` saying how it died and what to do; the next request starts a fresh one.
Unloading ends the process, so its memory goes back to the system at once.

Tokens stream as the same ``TokenEvent``s as the transformers path, with each step's top-k
log-probabilities computed (in the child) from the logits llama.cpp sampled from. The prompt is built
with the model's own Hugging Face tokenizer (its chat template), so both engines see the same ids.

Sampling settings llama.cpp honours: greedy, temperature, top-k, top-p, min-p, typical-p,
repetition penalty, seed, stop strings, max new tokens. Ignored (a note says so): beams
(``num_beams`` > 1) and ``no_repeat_ngram_size``; ``prob_after`` is not known (llama.cpp does not
expose the filtered distribution).

Before the engine is offered, the installed build is tried once in a child process (``check_build``):
a build that crashes on this CPU is shown as unavailable, with the reason and the reinstall command.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import random
import signal
import sys
import threading
import time
import types
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from workbench.core.decoding import SamplingSettings, TokenTap, check_prompt, finish_result
from workbench.core.engines import INSTALL_HINT, REINSTALL_HINT, llamacpp_available
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Event, WorkbenchError

CONTEXT_LIMIT = 4096  # the KV cache is allocated up front; larger contexts cost memory for every chat
CANCEL_GRACE_S = 1.0  # Stop during a long prompt evaluation: end the process if it has not answered by then
CHECK_PROMPT = "The quick brown fox jumps over the lazy dog. 1 2 3 4 5"  # a batch of several tokens: where AMX died


def require() -> None:
    """The engine is installed and its build runs on this CPU (checked once, in a child process)."""
    if not llamacpp_available():
        raise WorkbenchError(translate("core", "The llama.cpp engine is not installed."),
                             translate("core", INSTALL_HINT))
    status = check_build()
    if not status.works:
        raise WorkbenchError(translate("core", "The llama.cpp engine cannot run on this computer: {reason}").format(
            reason=status.reason), translate("core", REINSTALL_HINT))


def find_gguf(library, ref: str) -> Path | None:
    """The GGUF file behind a model reference, if it has one (a .gguf path, a GGUF starter, a
    folder holding a .gguf, or a store model converted from one that still exists)."""
    from workbench.core.library import STARTERS, read_meta, starter_source

    ref = ref.strip()
    candidate = Path(ref).expanduser()
    if candidate.is_file() and candidate.suffix == ".gguf":
        return candidate.resolve()
    if candidate.is_dir():
        found = sorted(candidate.glob("*.gguf"))
        if found:
            return found[0].resolve()
        source = read_meta(candidate).get("converted_from", "")
        return Path(source) if source.endswith(".gguf") and Path(source).is_file() else None
    for starter in STARTERS:
        if ref.lower() == starter.name:
            source = starter_source(starter)
            return source if source is not None and source.suffix == ".gguf" else None
    stored = library.store / ref
    if ref and stored.is_dir() and any(stored.glob("*.gguf")):  # an exported GGUF
        return sorted(stored.glob("*.gguf"))[0].resolve()
    source = read_meta(stored).get("converted_from", "")
    return Path(source) if source.endswith(".gguf") and Path(source).is_file() else None


# ---- the child process --------------------------------------------------------------------
_SIGNAL_CAUSES = {
    "SIGILL": QT_TRANSLATE_NOOP("core", "This llama.cpp build uses processor instructions this CPU cannot run "
                                "(e.g. AMX on newer Intel CPUs)."),
    "SIGKILL": QT_TRANSLATE_NOOP("core", "The system ended it, most likely because memory ran out."),
    "SIGSEGV": QT_TRANSLATE_NOOP("core", "A crash inside llama.cpp: a bug, or a damaged or unsupported GGUF file."),
    "SIGBUS": QT_TRANSLATE_NOOP("core", "A crash inside llama.cpp: a bug, or a damaged or unsupported GGUF file."),
    "SIGABRT": QT_TRANSLATE_NOOP("core", "llama.cpp stopped itself on a failed check: often a damaged or "
                                 "unsupported GGUF file, or too little memory."),
}
_GENERIC_CAUSE = QT_TRANSLATE_NOOP("core", "A crash inside llama.cpp.")
_DIED_HINT = QT_TRANSLATE_NOOP("core", "Switch the engine to transformers, or choose a smaller model; if it "
                               "happens again, reinstall the engine: {command}. The next request starts the "
                               "engine afresh.")


class EngineDied(WorkbenchError):
    """The engine's process ended without being asked to: ``how`` is the signal's name or exit code."""

    def __init__(self, name: str, doing: str, how: str, cause: str, exitcode: int | None = None):
        message = translate("core", "The llama.cpp engine running {name} stopped while {doing}: {how}.").format(
            name=name, doing=doing, how=how)
        # "{message} {cause}": two sentences, joined as the language joins them (Chinese without a space)
        super().__init__(translate("core", "{message} {cause}").format(message=message, cause=cause),
                         translate("core", _DIED_HINT).format(command=REINSTALL_COMMAND))
        self.how = how
        self.exitcode = exitcode


REINSTALL_COMMAND = "python -m workbench.core.engines.llamacpp_install --force"


def describe_exit(exitcode: int | None) -> tuple[str, str]:
    """(how it ended, the likely cause) for a child's exit code (negative: the signal that ended it)."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        words = signal.strsignal(-exitcode) if hasattr(signal, "strsignal") else None
        how = f"{name} ({words.lower()})" if words else name
        return how, translate("core", _SIGNAL_CAUSES.get(name, _GENERIC_CAUSE))
    if exitcode in _WINDOWS_CRASHES:
        return f"{exitcode:#x}", translate("core", _SIGNAL_CAUSES[_WINDOWS_CRASHES[exitcode]])
    return (translate("core", "exit code {code}").format(code=exitcode),
            translate("core", "The engine's process failed before llama.cpp ran; its error is in the log."))


# NTSTATUS codes a crashed Windows process exits with, as the POSIX signal they correspond to
_WINDOWS_CRASHES = {0xC000001D: "SIGILL", 0xC0000005: "SIGSEGV", 0xC0000409: "SIGABRT"}


def died_natively(exitcode: int | None) -> bool:
    """Whether the process was ended by a signal or a native crash (not a Python error on its way up)."""
    return exitcode is not None and (exitcode < 0 or exitcode in _WINDOWS_CRASHES)


class LlamaProcess:
    """A ``llama_cpp.Llama`` in a child process; restarted on the next request after it dies.

    Used by one job at a time (the model's lock in ``ModelService`` serialises them)."""

    def __init__(self, gguf_path: Path, n_ctx: int | None = None, name: str = ""):
        self.path = Path(gguf_path)
        self.name = name or self.path.name
        self.requested_ctx = n_ctx or CONTEXT_LIMIT
        self.info: dict = {}
        self._process = None
        self._conn = None
        self._close_lock = threading.Lock()

    # -- life ---------------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def start(self, cancel: CancelToken = NEVER_CANCELLED) -> None:
        """Start the child and open the model in it (again, after a crash)."""
        from workbench.core.engines import llamacpp_host

        self.close()
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads and Qt
        parent, child = context.Pipe()
        process = context.Process(target=llamacpp_host.main, args=(child,), daemon=True, name=f"llama.cpp {self.name}")
        try:
            process.start()
        finally:
            child.close()
        self._process = process
        self._conn = parent
        self._send(("open", str(self.path), self.requested_ctx, _threads()), translate("core", "loading"))
        reply = self._receive(translate("core", "loading"), cancel)
        if reply[0] == "error":
            self.close()
            raise WorkbenchError(
                translate("core", "llama.cpp could not open {name}: {error}").format(name=self.path.name,
                                                                                   error=reply[2]),
                translate("core", "The file may be damaged, or use an architecture this llama.cpp build "
                                  "does not know; switch the engine to transformers."))
        self.info = reply[1]

    def ensure_started(self, cancel: CancelToken = NEVER_CANCELLED) -> None:
        if not self.alive:
            self.start(cancel)

    def close(self) -> None:
        """End the child (its memory returns to the system); safe to call twice."""
        with self._close_lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
        if conn is not None:
            try:
                conn.send(("close",))
            except (OSError, EOFError, ValueError):
                pass
        if process is not None:
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join(timeout=2)
        if conn is not None:
            conn.close()

    def kill(self) -> None:
        """End the child at once, whatever it is doing (Stop during a long prompt evaluation)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        self.close()

    # -- talking ------------------------------------------------------------------------------
    def _send(self, message: tuple, doing: str) -> None:
        try:
            self._conn.send(message)
        except (OSError, EOFError, ValueError, AttributeError):
            raise self._died(doing) from None

    def _receive(self, doing: str, cancel: CancelToken = NEVER_CANCELLED, cancel_grace: float | None = None):
        """The child's next reply. With ``cancel_grace``: if ``cancel`` is set and the child has not
        answered within that many seconds, it is killed and ``None`` returned."""
        cancelled_at = None
        while True:
            conn = self._conn
            if conn is None:
                raise self._died(doing)
            try:
                if conn.poll(0.05):
                    return conn.recv()
            except (OSError, EOFError):
                raise self._died(doing) from None
            if not self._process.is_alive() and not conn.poll(0):
                raise self._died(doing)
            if cancel_grace is not None and cancel.cancelled:
                cancelled_at = cancelled_at or time.monotonic()
                if time.monotonic() - cancelled_at > cancel_grace:
                    self.kill()
                    return None

    def _died(self, doing: str) -> EngineDied:
        process = self._process
        exitcode = None
        if process is not None:
            process.join(timeout=5)
            exitcode = process.exitcode
        self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        how, cause = describe_exit(exitcode)
        return EngineDied(self.name, doing, how, cause, exitcode)

    def request(self, message: tuple, doing: str):
        self.ensure_started()
        self._send(message, doing)
        reply = self._receive(doing)
        if reply[0] == "error":
            raise WorkbenchError(translate("core", "llama.cpp failed while {doing}: {error}").format(
                doing=doing, error=reply[2]), translate("core", "Switch the engine to transformers."))
        return reply

    # -- what callers read, as on llama_cpp.Llama ------------------------------------------------
    def n_ctx(self) -> int:
        return int(self.info.get("n_ctx", self.requested_ctx))

    def n_vocab(self) -> int:
        return int(self.info["n_vocab"])

    def token_eos(self) -> int:
        return int(self.info.get("eos", -1))

    def reset(self) -> None:
        """Forget the KV cache (llama.cpp reuses the longest common prefix of the last sequence)."""
        self.request(("reset",), translate("core", "resetting"))

    def raw_completion(self, ids: list[int], max_tokens: int) -> tuple[int, float]:
        """The plain library call (greedy) in the same process: tokens generated and its own seconds."""
        _, tokens, seconds = self.request(("raw", list(ids), int(max_tokens)), translate("core", "generating"))
        return tokens, seconds


def open_model(gguf_path: Path, n_ctx: int | None = None, name: str = "",
               cancel: CancelToken = NEVER_CANCELLED) -> LlamaProcess:
    """The model in a fresh child process, opened with the settings the benchmark's raw baseline uses."""
    require()
    llm = LlamaProcess(gguf_path, n_ctx, name)
    llm.start(cancel)
    return llm


def _threads() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def load_tokenizer(gguf_path: Path, converted: Path | None):
    """The Hugging Face tokenizer (chat template included): from the converted folder when there is
    one (fast), else read from the GGUF itself."""
    from transformers import AutoTokenizer

    if converted is not None and (converted / "tokenizer_config.json").exists():
        tokenizer = AutoTokenizer.from_pretrained(converted)
    else:
        tokenizer = AutoTokenizer.from_pretrained(str(gguf_path.parent), gguf_file=gguf_path.name)
    if tokenizer.pad_token is None and tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def config_for(llm) -> types.SimpleNamespace:
    """What callers read from ``handle.config``: the context window."""
    return types.SimpleNamespace(max_position_embeddings=llm.n_ctx(), model_type="gguf")


def file_type(gguf_path: Path) -> str:
    """The quantization named in the file (e.g. Q4_1+Q8_0), shown where a dtype would be."""
    try:
        return _file_type(str(gguf_path), gguf_path.stat().st_mtime_ns)
    except OSError:
        return "gguf"


@functools.lru_cache(maxsize=32)
def _file_type(path: str, _mtime: int) -> str:
    from transformers.integrations.gguf import GgufHeader
    from transformers.integrations.gguf.dequant import GGML_NAME

    try:
        header = GgufHeader.from_file(path)  # the tensor table only, in milliseconds
    except (OSError, ValueError):
        return "gguf"
    names = {GGML_NAME.get(t, {0: "F32", 1: "F16", 30: "BF16"}.get(t, str(t))) for t in header.ggml_types.values()}
    return "+".join(sorted(names - {"F32"})) or "F32"


def ignored_settings(settings) -> list[str]:
    notes = []
    if settings.num_beams > 1:
        notes.append(translate("core", "The llama.cpp engine does not do beam search; it decoded one sequence."))
    if settings.no_repeat_ngram_size:
        notes.append(translate("core", "The llama.cpp engine ignores 'no repeat n-gram size'."))
    return notes


def refuse_unsupported(speculation, output_format) -> None:
    """Speculative decoding and output formats run in our own loop on the transformers engine.

    llama-cpp-python's own prompt-lookup drafting needs a Llama opened with ``logits_all`` (a float per
    vocabulary entry for every context position: ~800 MB for a 49k vocabulary and 4096 positions) to
    read each position's probabilities, and does not say which drafts it kept; grammars would need the
    format compiled in the engine's process. Neither is done yet: the request is refused, not faked."""
    if speculation is not None and speculation.on:
        raise WorkbenchError(translate("core", "Speculative decoding is not available on the llama.cpp engine."),
                             translate("core", "Switch the engine to transformers, or turn the speed-up off."))
    if output_format is not None and not output_format.free:
        raise WorkbenchError(translate("core", "Output formats are not available on the llama.cpp engine."),
                             translate("core", "Switch the engine to transformers, or choose free text."))


def sampler_kwargs(settings) -> dict:
    """``Llama.generate`` keyword arguments for these settings (greedy: temperature 0)."""
    if settings.greedy:
        return {"temp": 0.0, "top_k": 1, "top_p": 1.0, "min_p": 0.0, "typical_p": 1.0,
                "repeat_penalty": float(settings.repetition_penalty)}
    return {"temp": float(settings.temperature), "top_k": int(settings.top_k), "top_p": float(settings.top_p),
            "min_p": float(settings.min_p), "typical_p": float(settings.typical_p),
            "repeat_penalty": float(settings.repetition_penalty)}



def generate(handle, prompt_ids: list[int], settings, cancel: CancelToken = NEVER_CANCELLED,
             progress: Callable[[Event], None] | None = None, prefix_ids: list[int] | None = None,
             speculation=None, output_format=None, draft=None):
    """Generate with llama.cpp in its process; events and result as ``workbench.core.generation.generate``."""
    refuse_unsupported(speculation, output_format)
    settings.validate()
    llm, tokenizer = handle.model, handle.tokenizer
    llm.ensure_started(cancel)  # a fresh process after a crash
    prefix_ids = list(prefix_ids or [])
    answer_prompt = list(prompt_ids)
    context = answer_prompt + prefix_ids
    notes = check_prompt(handle, context, settings) + ignored_settings(settings)
    max_new = min(settings.max_new_tokens, llm.n_ctx() - len(context))
    if max_new < 1:
        raise WorkbenchError(translate("core", "The prompt ({n} tokens) fills the llama.cpp context of {limit} tokens.")
                             .format(n=len(context), limit=llm.n_ctx()),
                             translate("core", "Shorten the prompt, or switch the engine to transformers."))
    seed = settings.seed
    if not settings.greedy and seed is None:
        seed = random.randrange(2**31 - 1)
    run_settings = SamplingSettings(**{**asdict(settings), "max_new_tokens": max_new, "seed": seed})
    emit = progress or (lambda _e: None)
    eos = sorted({i for i in (llm.token_eos(), tokenizer.eos_token_id) if i is not None and i >= 0})
    start = time.perf_counter()
    tap = TokenTap(tokenizer, answer_prompt[-5:], prefix_ids, run_settings, cancel, emit, start)
    new_ids: list[int] = []
    finish = "length"
    cancel.raise_if_cancelled()
    doing = translate("core", "generating")
    llm._send(("generate", context, sampler_kwargs(run_settings), seed, int(settings.top_probs), max_new, eos), doing)
    clean = False
    try:
        while True:
            # Stop while llama.cpp reads a long prompt: the process is ended after a grace period
            reply = llm._receive(doing, cancel, cancel_grace=CANCEL_GRACE_S if not new_ids else None)
            if reply is None:
                finish = "cancelled"
                clean = True  # the process is gone already
                break
            if reply[0] == "done":
                clean = True
                break
            if reply[0] == "error":
                clean = True
                raise WorkbenchError(translate("core", "llama.cpp failed while {doing}: {error}").format(
                    doing=doing, error=reply[2]), translate("core", "Switch the engine to transformers."))
            _, token, summary, logit, rank = reply
            new_ids.append(token)
            tap.emit_summarized(token, summary, logit, rank)
            if token in eos:
                finish = "eos"
                continue  # the child ends by itself; "done" follows
            if len(new_ids) >= max_new:
                continue
            if cancel.cancelled:
                finish = "cancelled"
            elif tap.hit_stop_string():
                finish = "stop"
            llm._send(("next",) if finish == "length" else ("stop",), doing)
    finally:
        if not clean:  # the child may still be waiting for an answer: start afresh next time
            llm.kill()
    end = time.perf_counter()
    return finish_result(tokenizer, tap, answer_prompt, prefix_ids, new_ids, finish, start, end, seed,
                         run_settings, notes)


# ---- is the installed build safe on this CPU? -----------------------------------------------
@dataclass
class BuildStatus:
    works: bool
    reason: str = ""  # why not, in words (empty when it works)
    system_info: str = ""  # llama.cpp's own list of what the build uses (AVX2, AVX512, AMX_INT8, ...)


_CHECKED: dict[str, BuildStatus] = {}


@functools.lru_cache(maxsize=1)
def build_fingerprint() -> str:
    """Changes whenever the installed llama.cpp build or the CPU changes (found without importing it).
    Once per process: the engine choice asks on the GUI thread at every model change (~10-20 ms a time),
    and a rebuilt engine is only imported by a new process anyway."""
    import importlib.util

    from workbench.core.engines.llamacpp_install import cpu_features

    spec = importlib.util.find_spec("llama_cpp")
    parts = [sys.version, *cpu_features()]
    if spec is not None and spec.submodule_search_locations:
        folder = Path(list(spec.submodule_search_locations)[0])
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".so", ".dylib", ".dll") or path.name == "workbench-build.json":
                stat = path.stat()
                parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _check_file() -> Path:
    from workbench.core.paths import cache_dir

    return cache_dir() / "llamacpp-check.json"


def known_build_status() -> BuildStatus | None:
    """The verdict of an earlier check of this very build on this CPU, if any (starts no process)."""
    if not llamacpp_available():
        return None
    key = build_fingerprint()
    if key in _CHECKED:
        return _CHECKED[key]
    try:
        saved = json.loads(_check_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("key") != key:
        return None
    status = BuildStatus(bool(saved.get("works")), str(saved.get("reason", "")), str(saved.get("system_info", "")))
    _CHECKED[key] = status
    return status


def check_build(gguf_path: Path | None = None, force: bool = False) -> BuildStatus:
    """Try the build once in a child process: a decode of several tokens at once (where llama.cpp's
    AMX kernels crashed) on a small GGUF (the starter model's unless one is given). The verdict is
    kept per build and CPU, in memory and in the cache folder."""
    if not force:
        known = known_build_status()
        if known is not None:
            return known
    key = build_fingerprint()
    status = _run_check(gguf_path or _small_gguf())
    _CHECKED[key] = status
    try:
        target = _check_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"key": key, **asdict(status)}), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        pass  # checked again next time
    return status


def _run_check(gguf_path: Path | None) -> BuildStatus:
    if gguf_path is None:
        return BuildStatus(True)  # no GGUF to decode with: the first real request is the test
    llm = LlamaProcess(gguf_path, n_ctx=256, name=gguf_path.name)
    try:
        llm.start()
        llm.request(("check", CHECK_PROMPT), translate("core", "being tried out"))
        return BuildStatus(True, "", llm.info.get("system_info", ""))
    except EngineDied as exc:
        if not died_natively(exc.exitcode):
            raise  # the process failed in Python, not in llama.cpp: said as it is, and not remembered
        return BuildStatus(False, str(exc), llm.info.get("system_info", ""))
    except WorkbenchError as exc:  # e.g. the file would not open: the build itself is not to blame
        return BuildStatus(True, "", str(exc))
    finally:
        llm.close()


def _small_gguf() -> Path | None:
    from workbench.core.library import STARTERS, starter_source

    for starter in STARTERS:
        source = starter_source(starter)
        if source is not None and source.suffix == ".gguf":
            return source
    return None
