"""The remote engine against a loopback OpenAI-compatible server that misbehaves in each way a network can
(timeouts before and during the stream, a server gone mid-stream, 401/404/429/500, a malformed stream), and
against llama-cpp-python's own server on the starter GGUF (starter-marked; skipped without its server extra).

Every fault names the server and what to do; tokens that came before it are kept."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from workbench.core.decoding import Message, SamplingSettings
from workbench.core.engines import remote as R
from workbench.core.jobs import CancelToken, WorkbenchError
from workbench.testing.openai_server import ANSWER, FakeOpenAIServer

GREEDY = SamplingSettings(greedy=True, max_new_tokens=10, top_probs=3)


@pytest.fixture(autouse=True)
def no_system_keyring(monkeypatch):
    """Tests never touch the user's real keyring: keys go to the private file."""
    monkeypatch.setenv("WORKBENCH_NO_KEYRING", "1")


@pytest.mark.parametrize("chat", [False, True])
def test_a_stream_becomes_token_events_with_the_servers_probabilities(chat):
    events = []
    with FakeOpenAIServer() as server:
        model = R.RemoteModel(server.url, "tiny-remote")
        messages = [Message("user", "Colour of the sky?")] if chat else None
        result = R.generate(model, GREEDY, prompt="The sky", messages=messages, progress=events.append)
        sent = server.requests[-1]
    assert sent["path"] == ("/v1/chat/completions" if chat else "/v1/completions")
    body = sent["body"]
    assert body["stream"] is True and body["temperature"] == 0.0 and body["model"] == "tiny-remote"
    assert (body["top_logprobs"] == 3 and body["logprobs"] is True) if chat else body["logprobs"] == 3
    assert result.text == "".join(ANSWER) and [e.text for e in events] == ANSWER
    assert result.finish_reason == "eos" and events == result.tokens
    for event in events:
        assert math.isclose(event.prob, 0.6) and event.rank == 1 and event.id == -1
        assert [round(a.prob, 6) for a in event.alternatives] == [0.6, 0.25, 0.1]
        assert event.prob_after is None and event.entropy_bits is None  # not returned: not made up
    assert any("not known" in note for note in result.notes)


def test_a_branch_continues_from_the_answer_so_far():
    with FakeOpenAIServer() as server:
        model = R.RemoteModel(server.url, "tiny-remote")
        result = R.generate(model, GREEDY, prompt="Q:", prefix=" A")
        completion = server.requests[-1]["body"]
        R.generate(model, GREEDY, messages=[Message("user", "Q")], prefix=" A")
        chat = server.requests[-1]["body"]
    assert completion["prompt"] == "Q: A" and result.text.startswith(" A The")
    assert chat["messages"][-1] == {"role": "assistant", "content": " A"} and chat["continue_final_message"]


FAULTS = {
    "slow": ("did not answer within", "try again"),
    "401": ("API key", "API key"),
    "404": ("no model 'tiny-remote'", "servers list --models"),
    "429": ("too many requests", "Wait"),
    "500": ("HTTP 500: CUDA out of memory", "server's log"),
}


@pytest.mark.parametrize("mode", sorted(FAULTS))
def test_each_fault_before_the_first_token_names_the_server_and_what_to_do(mode):
    message, hint = FAULTS[mode]
    with FakeOpenAIServer(mode, delay_s=3) as server:
        with pytest.raises(WorkbenchError) as info:
            R.generate(R.RemoteModel(server.url, "tiny-remote", timeout_s=1), GREEDY, prompt="Hi")
    assert server.url in info.value.message and message in info.value.message
    assert hint in info.value.hint
    assert not isinstance(info.value, R.RemoteInterrupted)
    if mode == "429":
        assert "7 s" in info.value.message  # the server's Retry-After


@pytest.mark.parametrize("mode, message", [("stall", "did not answer within"), ("drop", "ended the stream"),
                                           ("malformed", "not in the OpenAI format")])
def test_a_fault_mid_stream_keeps_the_tokens_that_came(mode, message):
    events = []
    with FakeOpenAIServer(mode, delay_s=3) as server:
        start = time.monotonic()
        with pytest.raises(R.RemoteInterrupted) as info:
            R.generate(R.RemoteModel(server.url, "tiny-remote", timeout_s=1), GREEDY, prompt="Hi",
                       progress=events.append)
        assert time.monotonic() - start < 3  # the read timeout, not the server's silence
    assert server.url in info.value.message and message in info.value.message and info.value.hint
    assert info.value.partial.text == "".join(ANSWER[:3]) and len(events) == 3


def test_stop_ends_a_silent_stream_at_once_and_keeps_the_text():
    cancel = CancelToken()
    events = []

    def progress(event):
        events.append(event)
        if len(events) == 3:
            threading.Timer(0.2, cancel.cancel).start()

    with FakeOpenAIServer("stall", delay_s=5) as server:
        start = time.monotonic()
        result = R.generate(R.RemoteModel(server.url, "tiny-remote", timeout_s=30), GREEDY, prompt="Hi",
                            progress=progress, cancel=cancel)
        assert time.monotonic() - start < 2
    assert result.finish_reason == "cancelled" and result.text == "".join(ANSWER[:3])


def test_an_unreachable_server_says_so():
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(WorkbenchError, match="cannot be reached") as info:
        R.list_models(f"http://127.0.0.1:{port}")
    assert "11434" in info.value.hint  # where Ollama listens, as an example


def test_servers_are_remembered_with_their_key_in_a_private_file_never_in_settings(fresh_home):
    with FakeOpenAIServer(api_key="sk-secret", models=("a", "b")) as server:
        with pytest.raises(WorkbenchError, match="API key"):
            R.add_server(server.url, "wrong")
        assert R.list_servers() == []  # refused before anything was kept
        added, models = R.add_server(server.url + "/v1/", "sk-secret")
        assert models == ["a", "b"] and added.url == server.url and added.key_store == "file"
        model = R.open_model(R.remote_ref(server.url, "a"))
        assert model.api_key == "sk-secret"
        R.generate(model, GREEDY, prompt="Hi")  # the key is sent as a bearer token
    keys = next(fresh_home.rglob("server-keys.json"))
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    for path in fresh_home.rglob("*"):
        if path.is_file() and path != keys:
            assert "sk-secret" not in path.read_text(errors="replace"), path
    R.remove_server(server.url)
    assert R.list_servers() == [] and "sk-secret" not in keys.read_text()
    with pytest.raises(WorkbenchError, match="No server"):
        R.remove_server(server.url)


def test_bad_addresses_and_references_are_refused():
    for url in ("localhost:8000", "ftp://host", ""):
        with pytest.raises(WorkbenchError, match="not a server address"):
            R.normalize_url(url)
    assert R.parse_ref("Qwen/Qwen3-8B @ http://gpu-box:8000/v1") == ("http://gpu-box:8000", "Qwen/Qwen3-8B")
    assert R.parse_ref("smollm2-135m-instruct") is None
    refusal = R.no_weights_reason("m @ http://h:1", "the attention view")
    assert "http://h:1" in refusal.message and "attention" in refusal.message
    assert R.no_weights_reason("gpt2", "the attention view") is None


def _cli(*args, env=None, input=None):
    from cli_support import run_cli

    return run_cli(*args, env={"WORKBENCH_NO_KEYRING": "1", **(env or {})}, input=input, timeout=120)


def test_cli_generate_with_a_server_gives_the_local_json_with_engine_remote():
    with FakeOpenAIServer() as server:
        out = _cli("generate", "--server", server.url, "-m", "tiny-remote", "-p", "Hi", "--greedy",
                   "--top-k-probs", "2", "--json")
    assert out.returncode == 0, out.stderr
    value = json.loads(out.stdout)
    assert value["engine"] == "remote" and value["server"] == server.url and value["text"] == "".join(ANSWER)
    assert value["tokens"][0]["top"][0] == {"id": -1, "text": " The", "prob": pytest.approx(0.6), "prob_after": None}
    assert {"tokens_per_s", "ttft_s", "finish_reason", "seed", "prompt_tokens", "notes"} <= value.keys()


def test_cli_a_broken_stream_prints_the_partial_json_and_one_error_line():
    with FakeOpenAIServer("drop") as server:
        out = _cli("generate", "--server", server.url, "-m", "tiny-remote", "-p", "Hi", "--json")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert json.loads(out.stdout)["finish_reason"] == "interrupted"
    assert json.loads(out.stdout)["text"] == "".join(ANSWER[:3])
    assert server.url in out.stderr and "ended the stream" in out.stderr


def test_cli_servers_add_list_remove(tmp_path):
    env = {"WORKBENCH_HOME": str(tmp_path / "home")}
    with FakeOpenAIServer(api_key="k1") as server:
        added = _cli("servers", "add", server.url, "--api-key-stdin", "--json", env=env, input="k1\n")
        assert added.returncode == 0, added.stderr
        assert json.loads(added.stdout)["models"] == ["tiny-remote"]
        listed = json.loads(_cli("servers", "list", "--models", "--json", env=env).stdout)
        assert listed == [{"url": server.url, "has_key": True, "key_store": "file", "models": ["tiny-remote"]}]
        wrong = _cli("servers", "add", server.url, "--api-key", "nope", env=env)
        assert wrong.returncode == 1 and "API key" in wrong.stderr and "Traceback" not in wrong.stderr
    assert _cli("servers", "remove", server.url, env=env).returncode == 0
    assert json.loads(_cli("servers", "list", "--json", env=env).stdout) == []
    bad = _cli("servers", "add", "localhost:1", env=env)
    assert bad.returncode == 1 and "not a server address" in bad.stderr


# ---- llama-cpp-python's own OpenAI-compatible server on the starter GGUF --------------------------------------
needs_server = pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None or any(
        importlib.util.find_spec(m) is None for m in ("fastapi", "uvicorn", "sse_starlette", "pydantic_settings",
                                                      "starlette_context")),
    reason="llama-cpp-python's server extra is not installed")


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    from workbench.core.library import STARTERS, starter_source

    gguf = starter_source(STARTERS[0])
    if gguf is None:
        pytest.skip("the starter GGUF is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path_factory.mktemp("server") / "server.log"
    with open(log, "w") as out:
        child = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host",
                                  "127.0.0.1", "--port", str(port), "--n_ctx", "512", "--model_alias", "smollm2"],
                                 stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "OMP_NUM_THREADS": "2"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                R.list_models(url, timeout_s=2)
                break
            except WorkbenchError:
                if child.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.5)
        yield url, gguf
    finally:
        child.terminate()
        child.wait(timeout=20)


@needs_server
@pytest.mark.starter
def test_llama_cpp_server_greedy_matches_our_llama_cpp_engine_token_for_token(llama_server, smollm2, starter_store):
    from workbench.core import generation as G
    from workbench.core.library import Library
    from workbench.core.service import ModelService

    url, gguf = llama_server
    assert R.list_models(url) == ["smollm2"]
    settings = SamplingSettings(greedy=True, max_new_tokens=12, top_probs=4)
    remote = R.generate(R.RemoteModel(url, "smollm2"), settings, prompt="The capital of France is")
    service = ModelService(Library(starter_store))
    try:
        handle = service.load_engine("smollm2-135m-instruct", "llamacpp")
        assert handle.path == gguf
        with service.use(handle):
            local = G.generate(handle, G.completion_ids(handle.tokenizer, "The capital of France is"), settings)
    finally:
        service.unload()
    assert [t.text for t in remote.tokens] == [t.text for t in local.tokens]
    for r, lo in zip(remote.tokens, local.tokens):
        assert r.rank == 1 and len(r.alternatives) == 4
        assert r.logprob == pytest.approx(lo.logprob, abs=1e-3)  # the same model, the same numbers


@needs_server
@pytest.mark.starter
def test_llama_cpp_server_chat_streams_tokens_with_alternatives(llama_server):
    url, _ = llama_server
    events = []
    result = R.generate(R.RemoteModel(url, "smollm2"), SamplingSettings(max_new_tokens=8, top_probs=3, seed=1),
                        messages=[Message("user", "Name a colour.")], progress=events.append)
    assert result.text and len(events) == len(result.tokens) >= 1
    # llama-cpp-python adds the sampled token to the top 3 when it is not among them
    assert all(3 <= len(e.alternatives) <= 4 and 0 < e.prob <= 1 for e in events), [(e.text, e.prob, e.alternatives) for e in events]


@pytest.mark.parametrize("mode, source, expected", [("ok", "echo", 2.0), ("vllm", "prompt_logprobs", 4.0)])
def test_perplexity_from_the_prompts_log_probabilities(mode, source, expected):
    with FakeOpenAIServer(mode) as server:
        score = R.perplexity(R.RemoteModel(server.url, "tiny-remote"), "Rivers carry water to the sea")
        sent = server.requests[-1]["body"]
    assert sent["echo"] is True and sent["prompt_logprobs"] == 0 and not sent.get("stream")
    assert score.source == source and score.perplexity == pytest.approx(expected)
    # vLLM sends nothing for the first token (nothing predicts it): its text stays empty
    assert [t["text"] for t in score.tokens][1:] == [" carry", " water", " to", " the", " sea"]
    assert score.tokens[0]["logprob"] is None and len(score.tokens) == 6


def test_a_server_that_cannot_score_a_prompt_says_so():
    with FakeOpenAIServer("plain") as server:
        with pytest.raises(WorkbenchError, match="does not return the log-probabilities") as info:
            R.perplexity(R.RemoteModel(server.url, "tiny-remote"), "Rivers carry water to the sea")
    assert server.url in info.value.message and "vLLM" in info.value.hint


def test_cli_perplexity_with_a_server():
    with FakeOpenAIServer("vllm") as server:
        out = _cli("perplexity", "--server", server.url, "-m", "tiny-remote", "-t", "Rivers carry water", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["perplexity"] == pytest.approx(4.0)


@needs_server
@pytest.mark.starter
def test_llama_cpp_servers_echoed_log_probabilities_are_refused_not_trusted(llama_server):
    """llama-cpp-python 0.3.x echoes each prompt token with the probability of the row after it (checked by hand
    against llama.cpp's own logits); the workbench notices and says so instead of reporting a wrong perplexity."""
    url, _ = llama_server
    with pytest.raises(WorkbenchError, match="wrong tokens") as info:
        R.perplexity(R.RemoteModel(url, "smollm2"), "The capital of France is Paris, and the capital of Germany is "
                                                    "Berlin. Rivers carry water from the mountains to the sea.")
    assert url in info.value.message


def test_cli_a_remote_reference_generates_without_server_and_weight_commands_say_why(tmp_path):
    with FakeOpenAIServer() as server:
        ref = f"tiny-remote @ {server.url}"
        out = _cli("generate", "-m", ref, "-p", "Hi", "--json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["engine"] == "remote"
        data = tmp_path / "d.csv"
        data.write_text("text\nhello world\nhi there\n")
        for args in (["finetune", "-m", ref, "--data", str(data), "--task", "causal-lm", "--out", str(tmp_path / "o"),
                      "--validate-only"], ["lens", "-m", ref, "-t", "hi there", "--json"]):
            refused = _cli(*args)
            assert refused.returncode == 1 and "weights are not on this computer" in refused.stderr, args
            assert server.url in refused.stderr and "Traceback" not in refused.stderr
