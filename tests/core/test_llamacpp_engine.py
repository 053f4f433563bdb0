"""The llama.cpp engine on the starter's GGUF: same events as the transformers path, top-k
log-probabilities, stop strings, cancel, seed; attention views refused with a hint; the CLI's
--engine. Without llama-cpp-python installed the app says how to add it.

The engine runs in a child process: real faults (signals sent to it, an abort while it loads, a
frozen process) end that process, are reported with the signal's name, and the next request works."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import signal
import subprocess
import sys

import pytest

from workbench.core import generation as G
from workbench.core.engines import INSTALL_HINT
from workbench.core.jobs import CancelToken, WorkbenchError

needs_llamacpp = pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None,
                                    reason="llama-cpp-python is not installed (make llamacpp)")
MODEL = "smollm2-135m-instruct"


@pytest.fixture(scope="module")
def engine_handle(tmp_path_factory):
    from workbench.core.library import Library
    from workbench.core.service import ModelService

    service = ModelService(Library(tmp_path_factory.mktemp("store")))
    handle = service.load_engine(MODEL, "llamacpp")
    yield service, handle
    service.unload()


def prompt(handle) -> list[int]:
    return G.chat_ids(handle.tokenizer, [G.Message("user", "Name three colours.")])


def raw_greedy_ids(path, ids: list[int], count: int) -> list[int]:
    """llama-cpp-python's own greedy decode, in a process of its own (native code never runs in pytest's)."""
    code = ("import json, sys, llama_cpp\n"
            "path, ids, count = json.loads(sys.argv[1])\n"
            "llm = llama_cpp.Llama(path, n_ctx=512, verbose=False)\n"
            "out = []\n"
            "for token in llm.generate(ids, temp=0.0, top_k=1):\n"
            "    out.append(int(token))\n"
            "    if token == llm.token_eos() or len(out) == count:\n"
            "        break\n"
            "print(json.dumps(out))\n")
    done = subprocess.run([sys.executable, "-c", code, json.dumps([str(path), ids, count])], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@needs_llamacpp
@pytest.mark.starter
def test_greedy_events_match_raw_llama_cpp_and_carry_top_k(engine_handle):
    service, handle = engine_handle
    assert handle.engine == "llamacpp" and handle.path.suffix == ".gguf"
    events = []
    with service.use(handle):
        result = G.generate(handle, prompt(handle), G.SamplingSettings(greedy=True, max_new_tokens=12, top_probs=5),
                            progress=events.append)
    assert [e.id for e in events] == result.ids and len(result.ids) >= 1
    for event in events:
        assert event.rank == 1  # greedy picks the likeliest token
        assert len(event.alternatives) == 5 and event.alternatives[0].id == event.id
        probs = [a.prob for a in event.alternatives]
        assert probs == sorted(probs, reverse=True) and sum(probs) <= 1.0 + 1e-6
        assert math.isclose(event.logprob, math.log(event.alternatives[0].prob), abs_tol=1e-4)
    assert result.text == handle.tokenizer.decode(result.ids, skip_special_tokens=True)
    assert result.ids == raw_greedy_ids(handle.path, prompt(handle), len(result.ids))


@needs_llamacpp
@pytest.mark.starter
def test_stop_string_cancel_and_seed(engine_handle):
    service, handle = engine_handle
    with service.use(handle):
        stopped = G.generate(handle, prompt(handle), G.SamplingSettings(greedy=True, max_new_tokens=40, stop=[","]))
        assert stopped.finish_reason == "stop" and "," not in stopped.text

        token = CancelToken()
        cancelled = G.generate(handle, prompt(handle), G.SamplingSettings(greedy=True, max_new_tokens=40),
                               cancel=token, progress=lambda e: token.cancel())
        assert cancelled.finish_reason == "cancelled" and len(cancelled.ids) == 1

        sampled = G.SamplingSettings(temperature=1.2, top_k=0, top_p=1.0, max_new_tokens=16, seed=7)
        first = G.generate(handle, prompt(handle), sampled)
        again = G.generate(handle, prompt(handle), sampled)
        other = G.generate(handle, prompt(handle), G.SamplingSettings(**{**sampled.to_json(), "seed": 8}))
    assert first.ids == again.ids and first.seed == 7
    assert other.ids != first.ids


@needs_llamacpp
@pytest.mark.starter
def test_views_that_need_transformers_say_so(engine_handle):
    service, handle = engine_handle
    with pytest.raises(WorkbenchError) as info:
        with service.use(handle, attention=True):
            pass
    assert "transformers" in info.value.hint


@needs_llamacpp
@pytest.mark.starter
def test_cli_generate_engine_llamacpp():
    from tests.cli_support import run_json

    doc = run_json("generate", "-m", MODEL, "-p", "Hello", "--chat", "--greedy", "--max-new-tokens", "5",
                   "--engine", "llamacpp", "--json")
    assert doc["engine"] == "llamacpp" and doc["device"] == "cpu"
    assert len(doc["tokens"]) >= 1 and doc["tokens"][0]["top"]
    json.dumps(doc)


@needs_llamacpp
@pytest.mark.starter
def test_the_build_has_no_amx_kernels_and_passes_its_check(engine_handle):
    from workbench.core.engines import llamacpp as engine

    _, handle = engine_handle
    info = handle.model.info["system_info"]
    assert "AVX" in info or "NEON" in info  # the CPU's SIMD is kept
    assert "AMX_INT8 = 1" not in info
    status = engine.check_build()
    assert status.works and status.reason == ""


@needs_llamacpp
@pytest.mark.starter
@pytest.mark.parametrize("sig", ["SIGSEGV", "SIGKILL", "SIGILL"])
def test_a_crash_of_the_engine_process_is_reported_and_the_next_request_works(engine_handle, sig):
    service, handle = engine_handle
    settings = G.SamplingSettings(greedy=True, max_new_tokens=12, top_probs=3)
    first_pid = handle.model.pid

    def crash(event):
        if event.index == 1:
            os.kill(handle.model.pid, getattr(signal, sig))

    with service.use(handle):
        with pytest.raises(WorkbenchError) as info:
            G.generate(handle, prompt(handle), settings, progress=crash)
        assert sig in str(info.value) and "llama.cpp" in str(info.value)
        assert "transformers" in info.value.hint
        again = G.generate(handle, prompt(handle), settings)  # a fresh process, the same answer
    assert handle.model.pid != first_pid and handle.model.alive
    assert again.finish_reason in ("length", "eos") and len(again.ids) >= 2
    assert again.ids == raw_greedy_ids(handle.path, prompt(handle), len(again.ids))


@needs_llamacpp
@pytest.mark.starter
def test_stop_ends_a_frozen_engine_process(engine_handle):
    """Stop while the child does not answer (here: stopped with SIGSTOP, as a long prompt evaluation
    would be busy): the process is ended after the grace period and the result says cancelled."""
    import time

    service, handle = engine_handle
    token = CancelToken()
    handle.model.ensure_started()
    os.kill(handle.model.pid, signal.SIGSTOP)
    started = time.monotonic()
    import threading

    threading.Timer(0.3, token.cancel).start()
    with service.use(handle):
        result = G.generate(handle, prompt(handle), G.SamplingSettings(greedy=True, max_new_tokens=8), cancel=token)
    assert result.finish_reason == "cancelled" and result.ids == []
    assert time.monotonic() - started < 10
    assert not handle.model.alive
    with service.use(handle):
        assert len(G.generate(handle, prompt(handle), G.SamplingSettings(greedy=True, max_new_tokens=3)).ids) >= 1


@needs_llamacpp
@pytest.mark.starter
def test_an_abort_while_loading_is_reported_and_a_later_load_works(tmp_path, monkeypatch):
    from workbench.core.engines import llamacpp as engine
    from workbench.core.library import Library
    from workbench.core.service import ModelService

    engine.check_build()  # the build's own check passes first; the fault is in this load only
    service = ModelService(Library(tmp_path / "store"))
    monkeypatch.setenv("WORKBENCH_LLAMACPP_FAULT", "abort-on-open")
    with pytest.raises(WorkbenchError) as info:
        service.load_engine(MODEL, "llamacpp")
    assert "SIGABRT" in str(info.value) and "loading" in str(info.value)
    assert service.loaded() == []
    monkeypatch.delenv("WORKBENCH_LLAMACPP_FAULT")
    handle = service.load_engine(MODEL, "llamacpp")
    with service.use(handle):
        assert G.generate(handle, prompt(handle), G.SamplingSettings(greedy=True, max_new_tokens=2)).ids
    service.unload()


@needs_llamacpp
@pytest.mark.starter
def test_unloading_ends_the_process_and_returns_its_memory(tmp_path):
    import psutil

    from workbench.core.library import Library
    from workbench.core.service import ModelService

    service = ModelService(Library(tmp_path / "store"))
    handle = service.load_engine(MODEL, "llamacpp")
    child = psutil.Process(handle.model.pid)
    resident = child.memory_info().rss
    assert resident > 50 * 2**20  # the weights and KV cache live there, not in this process
    service.unload()
    assert not psutil.pid_exists(child.pid) or child.status() == psutil.STATUS_ZOMBIE
    print(f"llama.cpp child resident memory {resident / 2**20:.0f} MB, ended on unload")


@needs_llamacpp
@pytest.mark.starter
def test_a_build_that_crashes_on_this_cpu_is_not_offered(monkeypatch):
    """The check runs the build in a child; one that dies (an abort injected here, as an AMX build died
    with SIGILL) is reported unavailable, with the reason and the reinstall command."""
    from workbench.core.engines import REINSTALL_HINT
    from workbench.core.engines import llamacpp as engine

    monkeypatch.setattr(engine, "_CHECKED", {})
    monkeypatch.setenv("WORKBENCH_LLAMACPP_FAULT", "abort-on-open")
    status = engine.check_build(force=True)
    assert not status.works and "SIGABRT" in status.reason
    with pytest.raises(WorkbenchError) as info:
        engine.require()
    assert "cannot run on this computer" in str(info.value) and info.value.hint == REINSTALL_HINT
    assert engine.known_build_status() == status  # remembered: the app does not try again on every load
    monkeypatch.delenv("WORKBENCH_LLAMACPP_FAULT")
    assert engine.check_build(force=True).works


@needs_llamacpp
@pytest.mark.starter
def test_cli_says_in_one_line_which_engine_died_and_how():
    from tests.cli_support import run_cli

    done = run_cli("generate", "-m", MODEL, "-p", "Hello", "--greedy", "--max-new-tokens", "3",
                   "--engine", "llamacpp", env={"WORKBENCH_LLAMACPP_FAULT": "abort-on-open"})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("error:") and "llama.cpp" in lines[0] and "SIGABRT" in lines[0]
    assert len(lines) == 2 and lines[1].startswith("hint:") and "transformers" in lines[1]


def test_without_the_extra_the_engine_says_how_to_install(service, monkeypatch):
    from workbench.core.engines import llamacpp as engine

    monkeypatch.setattr(engine, "llamacpp_available", lambda: False)
    with pytest.raises(WorkbenchError) as info:
        service.load_engine(MODEL, "llamacpp")
    assert info.value.hint == INSTALL_HINT


def test_how_an_engine_process_ended_is_said_in_words():
    from workbench.core.engines.llamacpp import describe_exit, died_natively

    how, cause = describe_exit(-signal.SIGILL)
    assert how.startswith("SIGILL") and "instructions" in cause and died_natively(-signal.SIGILL)
    how, cause = describe_exit(-signal.SIGKILL)
    assert how.startswith("SIGKILL") and "memory" in cause
    how, cause = describe_exit(0xC000001D)  # Windows: STATUS_ILLEGAL_INSTRUCTION
    assert "instructions" in cause and died_natively(0xC000001D)
    how, cause = describe_exit(1)  # a Python error in the child, not a crash in llama.cpp
    assert how == "exit code 1" and "log" in cause and not died_natively(1)
