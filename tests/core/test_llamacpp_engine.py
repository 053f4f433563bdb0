"""The llama.cpp engine on the starter's GGUF: same events as the transformers path, top-k
log-probabilities, stop strings, cancel, seed; attention views refused with a hint; the CLI's
--engine. Without llama-cpp-python installed the app says how to add it."""

from __future__ import annotations

import importlib.util
import json
import math

import pytest

from workbench.core import generation as G
from workbench.core.engines import INSTALL_HINT
from workbench.core.jobs import CancelToken, WorkbenchError

needs_llamacpp = pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None,
                                    reason='llama-cpp-python is not installed (pip install "model-workbench[llamacpp]")')
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


@needs_llamacpp
@pytest.mark.starter
def test_greedy_events_match_raw_llama_cpp_and_carry_top_k(engine_handle):
    import llama_cpp

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
    raw = llama_cpp.Llama(str(handle.path), n_ctx=512, verbose=False)
    expected = []
    for token in raw.generate(prompt(handle), temp=0.0, top_k=1):
        expected.append(token)
        if token == raw.token_eos() or len(expected) == len(result.ids):
            break
    raw.close()
    assert result.ids == expected


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


def test_without_the_extra_the_engine_says_how_to_install(service, monkeypatch):
    from workbench.core.engines import llamacpp as engine

    monkeypatch.setattr(engine, "llamacpp_available", lambda: False)
    with pytest.raises(WorkbenchError) as info:
        service.load_engine(MODEL, "llamacpp")
    assert info.value.hint == INSTALL_HINT
