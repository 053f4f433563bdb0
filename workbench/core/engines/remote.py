"""A remote engine: models served by any OpenAI-compatible server (vLLM, llama.cpp's server, Ollama, LM Studio).

The way to models bigger than this computer: the server runs them (on its GPUs, over several nodes);
the workbench streams ``/v1/completions`` (completion mode) and ``/v1/chat/completions`` (chat) with
``logprobs``/``top_logprobs`` and shows each token with the probabilities the server returned.

What a server does not return is said, not made up: it sends no token ids (branches continue from the
text), only the top-k log-probabilities of each step (no entropy over the whole vocabulary) and not
the distribution after the sampling filters. Views that need the weights (attention, lens,
attribution, fine-tuning) are refused with ``no_weights_reason``.

Servers are kept in ``config_dir()/servers.json`` (URLs only). An API key goes to the system keyring
when the ``keyring`` package has a working backend, else to ``config_dir()/server-keys.json`` written
with 0600 permissions; never into settings.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from workbench.core import paths
from workbench.core.decoding import Alternative, GenerationResult, Message, SamplingSettings, TokenEvent
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Event, WorkbenchError

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 120.0  # a big model on a busy server may take long for its first token
KEYRING_SERVICE = "model-workbench"
REF_SEPARATOR = " @ "  # a remote model's reference: "NAME @ URL"
NO_WEIGHTS = QT_TRANSLATE_NOOP("core", "{name} runs on the server {url}: its weights are not on this computer, so "
                               "{view} cannot work with it.")
NO_WEIGHTS_HINT = QT_TRANSLATE_NOOP("core", "Pick a local model for this view (Generate and Chat work with remote "
                                    "models).")
NOT_RETURNED = QT_TRANSLATE_NOOP("core", "The server returns the top {k} log-probabilities of each step only: the "
                                 "probability after the sampling filters and the uncertainty over the whole "
                                 "vocabulary are not known, so they are not shown.")


@dataclass
class Server:
    url: str  # normalized: scheme://host[:port][/path], without a trailing /v1
    has_key: bool = False
    key_store: str = ""  # "keyring" | "file" | ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class RemoteModel:
    """What a remote handle's ``model`` is: a served model's name on a server."""
    url: str
    name: str
    api_key: str | None = field(default=None, repr=False)
    timeout_s: float = READ_TIMEOUT_S

    @property
    def ref(self) -> str:
        return remote_ref(self.url, self.name)


# ---- references --------------------------------------------------------------------------------------------
def remote_ref(url: str, name: str) -> str:
    return f"{name}{REF_SEPARATOR}{normalize_url(url)}"


def parse_ref(ref: str) -> tuple[str, str] | None:
    """(url, model name) of a remote reference ``NAME @ URL``; None for a local model."""
    name, sep, url = ref.rpartition(REF_SEPARATOR)
    if not sep or not url.startswith(("http://", "https://")) or not name.strip():
        return None
    return normalize_url(url), name.strip()


def is_remote(ref: str) -> bool:
    return parse_ref(ref) is not None


def no_weights_reason(ref: str, view: str) -> WorkbenchError | None:
    """The refusal a view that needs the weights gives for a remote model (None for a local one)."""
    parsed = parse_ref(ref)
    if parsed is None:
        return None
    return WorkbenchError(translate("core", NO_WEIGHTS).format(name=parsed[1], url=parsed[0], view=view),
                          translate("core", NO_WEIGHTS_HINT))


def normalize_url(url: str) -> str:
    """``http://host:8000``, ``http://host:8000/``, ``http://host:8000/v1`` all name the same server."""
    text = (url or "").strip().rstrip("/")
    if text.endswith("/v1"):
        text = text[:-3].rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WorkbenchError(translate("core", "'{url}' is not a server address.").format(url=url),
                             translate("core", "Give the server's base URL, e.g. http://localhost:8000 (vLLM) or "
                                               "http://localhost:11434 (Ollama)."))
    return text


# ---- the list of servers and their keys --------------------------------------------------------------------
def _servers_file():
    return paths.config_dir() / "servers.json"


def _keys_file():
    return paths.config_dir() / "server-keys.json"


def _read_json(path, default):
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def _write_private(path, value) -> None:
    """Atomic, readable by the owner only (0600) from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(value, out, indent=2)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def _keyring():
    """The keyring module when it has a usable backend (not the 'fail' one of a headless machine), else None."""
    if os.environ.get("WORKBENCH_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration: use the file
        return None
    return None if isinstance(backend, fail.Keyring) else keyring


def list_servers() -> list[Server]:
    return [Server(**{k: v for k, v in item.items() if k in ("url", "has_key", "key_store")})
            for item in _read_json(_servers_file(), []) if isinstance(item, dict) and item.get("url")]


def find_server(url: str) -> Server | None:
    url = normalize_url(url)
    return next((s for s in list_servers() if s.url == url), None)


def add_server(url: str, api_key: str | None = None, timeout_s: float = CONNECT_TIMEOUT_S) -> tuple[Server, list[str]]:
    """Check the server answers ``/v1/models`` (with the key), then remember it; returns its models."""
    url = normalize_url(url)
    api_key = (api_key or "").strip() or None
    models = list_models(url, api_key, timeout_s=timeout_s)
    store = _store_key(url, api_key)
    server = Server(url, api_key is not None, store)
    kept = [s for s in list_servers() if s.url != url] + [server]
    _write_private(_servers_file(), [s.to_json() for s in kept])
    return server, models


def remove_server(url: str) -> Server:
    url = normalize_url(url)
    server = find_server(url)
    if server is None:
        raise WorkbenchError(translate("core", "No server {url} was added.").format(url=url),
                             translate("core", "See the list: workbench servers list."))
    _store_key(url, None)
    _write_private(_servers_file(), [s.to_json() for s in list_servers() if s.url != url])
    return server


def _store_key(url: str, api_key: str | None) -> str:
    """Keep (or, with None, forget) a server's key; returns where it went."""
    ring = _keyring()
    keys = _read_json(_keys_file(), {})
    if ring is not None:
        try:
            if api_key is None:
                try:
                    ring.delete_password(KEYRING_SERVICE, url)
                except Exception:  # noqa: BLE001 - nothing stored
                    pass
            else:
                ring.set_password(KEYRING_SERVICE, url, api_key)
                if url in keys:
                    keys.pop(url)
                    _write_private(_keys_file(), keys)
                return "keyring"
        except Exception:  # noqa: BLE001 - a locked or failing keyring: the private file instead
            pass
    if api_key is None:
        if url in keys:
            keys.pop(url)
            _write_private(_keys_file(), keys)
        return ""
    keys[url] = api_key
    _write_private(_keys_file(), keys)
    return "file"


def api_key(url: str) -> str | None:
    url = normalize_url(url)
    server = find_server(url)
    if server is None or not server.has_key:
        return None
    if server.key_store == "keyring":
        ring = _keyring()
        if ring is not None:
            try:
                return ring.get_password(KEYRING_SERVICE, url)
            except Exception:  # noqa: BLE001
                return None
    return _read_json(_keys_file(), {}).get(url)


# ---- HTTP ---------------------------------------------------------------------------------------------------
def _client(timeout_s: float):
    import httpx2

    return httpx2.Client(timeout=httpx2.Timeout(timeout_s, connect=min(CONNECT_TIMEOUT_S, timeout_s)),
                         follow_redirects=True)


def _headers(api_key: str | None) -> dict:
    headers = {"Accept": "application/json, text/event-stream"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return headers


def _transport_error(url: str, exc: Exception, timeout_s: float) -> WorkbenchError:
    import httpx2

    if isinstance(exc, httpx2.TimeoutException):
        return WorkbenchError(
            translate("core", "The server {url} did not answer within {seconds:g} s.").format(url=url,
                                                                                        seconds=timeout_s),
            translate("core", "It may be busy or still loading the model: try again in a moment, or check the "
                              "server's log."))
    if isinstance(exc, httpx2.ConnectError):
        return WorkbenchError(
            translate("core", "The server {url} cannot be reached ({error}).").format(url=url, error=exc),
            translate("core", "Check that the server is running and the address is right (vLLM listens on "
                              "http://HOST:8000, Ollama on http://HOST:11434)."))
    return WorkbenchError(
        translate("core", "The connection to the server {url} broke ({error}).").format(url=url, error=exc),
        translate("core", "The server may have stopped or restarted: check it and try again."))


def _status_error(url: str, status: int, body: str, model: str = "", retry_after: str = "") -> WorkbenchError:
    detail = _error_text(body)
    if status in (401, 403):
        return WorkbenchError(
            translate("core", "The server {url} refused the request: its API key is missing or wrong (HTTP "
                              "{status}).").format(url=url, status=status),
            translate("core", "Set the server's API key again (Models tab, Add a server…, or: workbench servers add "
                              "URL --api-key-stdin)."), details=detail)
    if status == 404:
        return WorkbenchError(
            translate("core", "The server {url} has no model '{model}' or no such endpoint (HTTP 404).").format(
                url=url, model=model),
            translate("core", "Pick one of the models the server lists (workbench servers list --models), and check "
                              "that the address is the server's base URL."), details=detail)
    if status == 429:
        wait = translate("core", " (it asks to wait {seconds} s)").format(seconds=retry_after) if retry_after else ""
        return WorkbenchError(
            translate("core", "The server {url} is refusing requests for now: too many requests (HTTP "
                              "429){wait}.").format(url=url, wait=wait),
            translate("core", "Wait a little and try again, or ask the server's owner for a higher limit."),
            details=detail)
    return WorkbenchError(
        translate("core", "The server {url} failed with HTTP {status}: {detail}").format(
            url=url, status=status, detail=detail[:200] or "-"),
        translate("core", "Look at the server's log; if it ran out of memory, try a shorter prompt or fewer "
                          "tokens."), details=detail)


def _error_text(body: str) -> str:
    try:
        value = json.loads(body)
    except ValueError:
        return body.strip()[:500]
    error = value.get("error", value) if isinstance(value, dict) else value
    if isinstance(error, dict):
        return str(error.get("message") or error.get("detail") or error)[:500]
    return str(error)[:500]


def list_models(url: str, api_key: str | None = None, timeout_s: float = CONNECT_TIMEOUT_S) -> list[str]:
    """The ids ``/v1/models`` lists."""
    import httpx2

    url = normalize_url(url)
    try:
        with _client(timeout_s) as client:
            response = client.get(f"{url}/v1/models", headers=_headers(api_key))
    except httpx2.HTTPError as exc:
        raise _transport_error(url, exc, timeout_s) from exc
    if response.status_code != 200:
        raise _status_error(url, response.status_code, response.text, retry_after=response.headers.get(
            "retry-after", ""))
    try:
        data = response.json()["data"]
        return [str(item["id"]) for item in data]
    except (ValueError, KeyError, TypeError) as exc:
        raise WorkbenchError(
            translate("core", "The server {url} answered /v1/models with something that is not a model list.").format(
                url=url),
            translate("core", "Check that the address is an OpenAI-compatible server's base URL.")) from exc


def open_model(ref_or_url: str, name: str | None = None, timeout_s: float = READ_TIMEOUT_S) -> RemoteModel:
    """A served model by reference (``NAME @ URL``) or by URL and name, with the server's stored key."""
    if name is None:
        parsed = parse_ref(ref_or_url)
        if parsed is None:
            raise WorkbenchError(translate("core", "'{ref}' is not a remote model.").format(ref=ref_or_url),
                                 translate("core", "Name it as MODEL @ URL."))
        url, name = parsed
    else:
        url = normalize_url(ref_or_url)
    if not name.strip():
        raise WorkbenchError(translate("core", "No model name was given for the server {url}.").format(url=url),
                             translate("core", "Pick one of the models the server lists (workbench servers list "
                                               "--models)."))
    return RemoteModel(url, name.strip(), api_key(url) if find_server(url) else None, timeout_s)


# ---- generation ---------------------------------------------------------------------------------------------
class RemoteInterrupted(WorkbenchError):
    """The stream broke after some tokens: ``partial`` is what was generated (kept and shown)."""

    def __init__(self, error: WorkbenchError, partial: GenerationResult):
        super().__init__(error.message, error.hint, error.details)
        self.partial = partial


def request_body(model: RemoteModel, settings: SamplingSettings, prompt: str, messages: list[Message] | None,
                 prefix: str) -> tuple[str, dict]:
    """(endpoint, JSON body) for one generation."""
    body: dict = {"model": model.name, "max_tokens": int(settings.max_new_tokens), "stream": True,
                  "stream_options": {"include_usage": True}}  # the prompt's token count, where supported
    if settings.greedy:
        body.update(temperature=0.0, top_p=1.0, top_k=1, min_p=0.0)
    else:
        body.update(temperature=float(settings.temperature), top_p=float(settings.top_p))
        # extensions vLLM, llama.cpp's server and Ollama read (0 turns top-k off in each)
        body.update(top_k=int(settings.top_k), min_p=float(settings.min_p))
    # Always sent: llama.cpp's server applies its own defaults otherwise (repeat penalty 1.1, top-k 40, min-p 0.05)
    body["repetition_penalty"] = float(settings.repetition_penalty)  # vLLM
    body["repeat_penalty"] = float(settings.repetition_penalty)  # llama.cpp
    if settings.seed is not None:
        body["seed"] = int(settings.seed)
    if settings.stop:
        body["stop"] = list(settings.stop)
    top = int(settings.top_probs)
    if messages is None:
        body["prompt"] = prompt + prefix
        if top:
            body["logprobs"] = top
        return "/v1/completions", body
    conversation = [{"role": m.role, "content": m.content} for m in messages]
    if prefix:  # a branch: the answer so far, continued (vLLM and llama.cpp's server continue a final assistant turn)
        conversation.append({"role": "assistant", "content": prefix})
        body.update(continue_final_message=True, add_generation_prompt=False)
    body["messages"] = conversation
    if top:
        body.update(logprobs=True, top_logprobs=top)
    return "/v1/chat/completions", body


def _steps(choice: dict, chat: bool) -> tuple[str, list[tuple[str, float | None, list[tuple[str, float]]]]]:
    """(text, [(token, logprob, [(alternative, logprob)])]) of one streamed choice."""
    if chat:
        text = (choice.get("delta") or {}).get("content") or ""
        content = (choice.get("logprobs") or {}).get("content") or []
        steps = []
        for item in content:
            token = _token_text(item)
            alternatives = [(_token_text(a), float(a["logprob"])) for a in item.get("top_logprobs") or []]
            steps.append((token, _float(item.get("logprob")), alternatives))
        return text, steps
    text = choice.get("text") or ""
    logprobs = choice.get("logprobs") or {}
    tokens = logprobs.get("tokens") or []
    values = logprobs.get("token_logprobs") or [None] * len(tokens)
    tops = logprobs.get("top_logprobs") or [None] * len(tokens)
    steps = [(t, _float(v), sorted(((k, float(lp)) for k, lp in (top or {}).items()), key=lambda a: -a[1]))
             for t, v, top in zip(tokens, values, tops)]
    return text, steps


def _token_text(item: dict) -> str:
    raw = item.get("bytes")
    if isinstance(raw, list) and raw:
        try:
            return bytes(raw).decode("utf-8", errors="backslashreplace")
        except (TypeError, ValueError):
            pass
    return str(item.get("token", ""))


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def generate(model: RemoteModel, settings: SamplingSettings, prompt: str = "", messages: list[Message] | None = None,
             prefix: str = "", cancel: CancelToken = NEVER_CANCELLED,
             progress: Callable[[Event], None] | None = None, prefix_tokens: int = 0) -> GenerationResult:
    """Stream one generation from the server; events and result as the local engines'.

    Token ids are -1 (servers send text); a branch continues from ``prefix`` (the answer so far as
    text; ``prefix_tokens`` is how many tokens it was, so the new tokens are numbered after them). A stream
    that breaks after some tokens raises ``RemoteInterrupted`` with what came.
    """
    import httpx2

    settings.validate()
    if messages is None and not (prompt + prefix).strip():
        raise WorkbenchError(translate("core", "The prompt is empty."),
                             translate("core", "Type some text for the model to continue."))
    emit = progress or (lambda _e: None)
    endpoint, body = request_body(model, settings, prompt, messages, prefix)
    chat = messages is not None
    notes = [translate("core", NOT_RETURNED).format(k=int(settings.top_probs))] if settings.top_probs else []
    if settings.num_beams > 1:
        notes.append(translate("core", "The remote engine does not do beam search; it decoded one sequence."))
    if settings.no_repeat_ngram_size or settings.typical_p != 1.0:
        notes.append(translate("core", "The OpenAI API has no 'no repeat n-gram size' or 'typical p'; the server "
                                       "ignored them."))
    start = time.perf_counter()
    tokens: list[TokenEvent] = []
    state = {"text": prefix, "finish": "length", "first": None, "prompt_tokens": None, "offset": prefix_tokens}
    done = threading.Event()

    def partial() -> GenerationResult:
        return _result(tokens, state, prefix, start, settings, notes)

    def watch(response) -> None:  # Stop ends the stream at once, even while the server is silent
        while not done.is_set():
            if cancel.wait(0.1):
                _shut(response)
                return

    cancel.raise_if_cancelled()
    timeout = model.timeout_s
    try:
        with _client(timeout) as client:
            with client.stream("POST", model.url + endpoint, json=body, headers=_headers(model.api_key)) as response:
                if response.status_code != 200:
                    response.read()
                    raise _status_error(model.url, response.status_code, response.text, model.name,
                                        response.headers.get("retry-after", ""))
                threading.Thread(target=watch, args=(response,), name="remote-stop", daemon=True).start()
                finished = _read_stream(response, model, chat, settings, tokens, state, emit, start, cancel)
                if not finished and not cancel.cancelled:
                    raise WorkbenchError(
                        translate("core", "The server {url} ended the stream before the answer was complete.").format(
                            url=model.url),
                        translate("core", "The server may have stopped or restarted: check it and try again."))
    except httpx2.HTTPError as exc:
        if cancel.cancelled:
            state["finish"] = "cancelled"
            return partial()
        error = _transport_error(model.url, exc, timeout)
        if tokens:
            raise RemoteInterrupted(error, partial()) from exc
        raise error from exc
    except WorkbenchError as exc:
        if tokens and not isinstance(exc, RemoteInterrupted):
            raise RemoteInterrupted(exc, partial()) from exc
        raise
    finally:
        done.set()
    if cancel.cancelled:
        state["finish"] = "cancelled"
    return partial()


def _shut(response) -> None:
    """Shut the connection's socket: a read blocked in another thread returns at once (closing the
    response alone waits for that read)."""
    import socket

    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _read_stream(response, model: RemoteModel, chat: bool, settings: SamplingSettings, tokens: list[TokenEvent],
                 state: dict, emit, start: float, cancel: CancelToken) -> bool:
    """Read server-sent events until ``[DONE]``; False when the stream ended without it."""
    for line in response.iter_lines():
        if cancel.cancelled:
            return True
        line = line.strip()
        if not line or line.startswith(":"):  # keep-alive comments (": ping")
            continue
        if not line.startswith("data:"):
            if line.startswith(("event:", "id:", "retry:")):
                continue
            raise _malformed(model.url, line)
        data = line[5:].strip()
        if data == "[DONE]":
            return True
        try:
            chunk = json.loads(data)
        except ValueError:
            raise _malformed(model.url, data) from None
        if not isinstance(chunk, dict):
            raise _malformed(model.url, data)
        if "error" in chunk:
            raise WorkbenchError(
                translate("core", "The server {url} reported an error while generating: {error}").format(
                    url=model.url, error=_error_text(json.dumps(chunk))),
                translate("core", "Look at the server's log; try a shorter prompt or fewer tokens."))
        usage = chunk.get("usage") or {}
        if usage.get("prompt_tokens") is not None:
            state["prompt_tokens"] = int(usage["prompt_tokens"])
        for choice in chunk.get("choices") or []:
            text, steps = _steps(choice, chat)
            if steps:
                for token, logprob, alternatives in steps:
                    _emit(tokens, state, token, logprob, alternatives, emit, start)
            elif text:  # the server sent text without log-probabilities (e.g. logprobs were not asked for)
                _emit(tokens, state, text, None, [], emit, start)
            reason = choice.get("finish_reason")
            if reason:
                # "stop" is the end token or a stop string: the server does not say which
                state["finish"] = {"stop": "stop" if settings.stop else "eos"}.get(reason, reason)
    return False


def _malformed(url: str, line: str) -> WorkbenchError:
    return WorkbenchError(
        translate("core", "The server {url} sent a stream that is not in the OpenAI format: {line}").format(
            url=url, line=line[:120]),
        translate("core", "Check that the address is an OpenAI-compatible server's base URL (…/v1 is added by the "
                          "workbench)."))


def _emit(tokens: list[TokenEvent], state: dict, token: str, logprob: float | None,
          alternatives: list[tuple[str, float]], emit, start: float) -> None:
    now = time.perf_counter()
    if state["first"] is None:
        state["first"] = now
    state["last"] = now
    state["text"] += token
    rank = None
    ordered = sorted(alternatives, key=lambda a: -a[1])
    for position, (text, _) in enumerate(ordered, start=1):
        if text == token:
            rank = position
            break
    event = TokenEvent(state["offset"] + len(tokens), -1, token, logprob, math.exp(logprob) if logprob is not None else None, None,
                       rank, None, [Alternative(-1, text, math.exp(value), None) for text, value in ordered],
                       state["text"], now - start)
    tokens.append(event)
    emit(event)


def _result(tokens: list[TokenEvent], state: dict, prefix: str, start: float, settings: SamplingSettings,
            notes: list[str]) -> GenerationResult:
    end = time.perf_counter()
    first = state["first"] or end
    decode = (state.get("last", end) - first)
    speed = (len(tokens) - 1) / decode if len(tokens) > 1 and decode > 0 else 0.0
    prompt_ids = [-1] * state["prompt_tokens"] if state["prompt_tokens"] is not None else []
    text = state["text"]
    for stop in settings.stop:  # servers cut at the stop string already; a server that did not is cut here
        at = text.find(stop, len(prefix))
        if at >= 0:
            text = text[:at]
            state["finish"] = "stop"
    return GenerationResult(prompt_ids, [-1] * state["offset"] + [t.id for t in tokens], text, tokens, round(speed, 3),
                            round(first - start, 4), round(end - start, 4), state["finish"], settings.seed,
                            settings, notes)


# ---- the model picker ---------------------------------------------------------------------------------------
def remote_entries(timeout_s: float = 3.0) -> list:
    """Each added server's models as library entries (source "remote"); an unreachable server is one
    entry with its problem, so the list still says it exists."""
    from workbench.core.library import ModelEntry

    entries = []
    for server in list_servers():
        try:
            names = list_models(server.url, api_key(server.url), timeout_s=timeout_s)
        except WorkbenchError as exc:
            entries.append(ModelEntry(server.url, "remote", server.url, kinds=[], problems=[exc.message],
                                      description=exc.hint))
            continue
        for name in names:
            entries.append(ModelEntry(remote_ref(server.url, name), "remote", server.url, kinds=["causal-lm"],
                                      has_chat_template=True, weight_format="remote",
                                      description=QT_TRANSLATE_NOOP("core", "Served by an OpenAI-compatible "
                                                                    "server: Generate and Chat only")))
    return entries


def all_models(library) -> list:
    """The library's models, then the servers' (what the app's model picker lists)."""
    return library.list() + remote_entries()


# ---- perplexity from the prompt's log-probabilities ----------------------------------------------------------
@dataclass
class RemoteScore:
    """A text scored by the server: each token after the first with its log-probability."""
    model: str
    server: str
    perplexity: float
    tokens: list[dict]  # {"text", "logprob"}; the first token has none
    source: str  # "prompt_logprobs" (vLLM) | "echo" (legacy completions with echo + logprobs)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def perplexity(model: RemoteModel, text: str, cancel: CancelToken = NEVER_CANCELLED) -> RemoteScore:
    """exp(mean −log p) over the text's tokens, from the server's prompt log-probabilities: vLLM's
    ``prompt_logprobs`` where offered, else ``echo`` with ``logprobs``. A server that offers neither,
    or whose echoed values belong to the wrong positions, is refused with the reason."""
    import httpx2

    if not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."), translate("core", "Give some text to score."))
    body = {"model": model.name, "prompt": text, "max_tokens": 1, "temperature": 0.0, "echo": True, "logprobs": 5,
            "prompt_logprobs": 0}
    cancel.raise_if_cancelled()
    try:
        with _client(model.timeout_s) as client:
            response = client.post(model.url + "/v1/completions", json=body, headers=_headers(model.api_key))
    except httpx2.HTTPError as exc:
        raise _transport_error(model.url, exc, model.timeout_s) from exc
    if response.status_code != 200:
        raise _status_error(model.url, response.status_code, response.text, model.name,
                            response.headers.get("retry-after", ""))
    try:
        choice = response.json()["choices"][0]
    except (ValueError, KeyError, IndexError, TypeError):
        raise _malformed(model.url, response.text[:120]) from None
    unavailable = WorkbenchError(
        translate("core", "The server {url} does not return the log-probabilities of a prompt's tokens (vLLM's "
                          "prompt_logprobs, or echo with logprobs), so it cannot score a text.").format(url=model.url),
        translate("core", "Score the text with a local copy of the model in the Perplexity view, or serve it with "
                          "vLLM."))
    prompt = choice.get("prompt_logprobs")
    if isinstance(prompt, list) and prompt:  # vLLM: [None, {token_id: {logprob, rank, decoded_token}}, ...]
        tokens = []
        for position in prompt:
            if not position:
                tokens.append({"text": "", "logprob": None})
                continue
            own = next(iter(position.values()))  # prompt_logprobs=0: the prompt's own token only
            tokens.append({"text": own.get("decoded_token", ""), "logprob": _float(own.get("logprob"))})
        return _score(model, tokens, "prompt_logprobs", [])
    logprobs = choice.get("logprobs") or {}
    names, values = logprobs.get("tokens") or [], logprobs.get("token_logprobs") or []
    offsets, tops = logprobs.get("text_offset") or [], logprobs.get("top_logprobs") or []
    if not names or len(names) != len(values) or not offsets:
        raise unavailable
    count = sum(1 for offset in offsets if offset < len(text))  # the prompt's tokens, not the generated one
    if count < 2:
        raise unavailable
    if _shifted(names[:count + 1], tops[:count + 1]):
        raise WorkbenchError(
            translate("core", "The server {url} echoes log-probabilities that belong to the wrong tokens (each token "
                              "is given the probability the model assigns after reading it; llama-cpp-python's "
                              "server does this), so its perplexity would be wrong.").format(url=model.url),
            translate("core", "Score the text with a local copy of the model in the Perplexity view, or serve it with "
                              "vLLM, whose prompt_logprobs are right."))
    tokens = [{"text": names[i], "logprob": _float(values[i]) if i else None} for i in range(count)]
    return _score(model, tokens, "echo", [])


def _shifted(names: list[str], tops: list) -> bool:
    """Whether each echoed step's likeliest token is the *next* token more often than its own: the sign of
    log-probabilities taken from one position too late."""
    own = following = 0
    for i in range(1, len(names) - 1):
        top = tops[i] if i < len(tops) else None
        if not isinstance(top, dict) or not top:
            continue
        best = max(top.items(), key=lambda item: item[1])[0]
        own += best == names[i]
        following += best == names[i + 1]
    return following > own


def _score(model: RemoteModel, tokens: list[dict], source: str, notes: list[str]) -> RemoteScore:
    scored = [t["logprob"] for t in tokens[1:] if t["logprob"] is not None]
    if not scored:
        raise WorkbenchError(translate("core", "The server {url} returned no log-probabilities for the text.").format(
            url=model.url), translate("core", "Try a longer text."))
    value = math.exp(-sum(scored) / len(scored))
    return RemoteScore(model.name, model.url, value, tokens, source, notes)
