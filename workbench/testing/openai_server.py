"""A loopback OpenAI-compatible server that misbehaves on request, for the remote engine's tests.

It answers ``GET /v1/models`` and streams ``POST /v1/completions`` / ``/v1/chat/completions`` as the
OpenAI API does (server-sent events, ``logprobs`` in the legacy and the chat shape), a fixed answer
one word per event. ``mode`` chooses what goes wrong:

  ok         a well-formed stream ending with ``data: [DONE]``
  slow       nothing at all for ``delay_s`` seconds (a timeout before the first byte)
  stall      three tokens, then silence for ``delay_s`` seconds (a timeout mid-stream)
  drop       three tokens, then the connection is closed without ``[DONE]`` (the server went away)
  malformed  three tokens, then a line that is not JSON
  401 / 404 / 429 / 500   that HTTP status with an OpenAI-style error body (429 with Retry-After)

A request without ``stream`` scores its prompt (words as tokens): ``ok`` echoes each word with
log-probability log(1/2) (legacy ``echo`` + ``logprobs``), ``vllm`` answers vLLM's ``prompt_logprobs``
with log(1/4), ``plain`` ignores both (a server that cannot score a prompt).

``requests`` keeps every request body it received, so tests can check what the client sent.
"""

from __future__ import annotations

import json
import math
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = [" The", " sky", " is", " blue", " today", "."]
MODES = ("ok", "slow", "stall", "drop", "malformed", "401", "404", "429", "500", "vllm", "plain")


class FakeOpenAIServer:
    def __init__(self, mode: str = "ok", delay_s: float = 5.0, models: tuple[str, ...] = ("tiny-remote",),
                 api_key: str | None = None):
        self.mode = mode
        self.delay_s = delay_s
        self.models = list(models)
        self.api_key = api_key  # when set, requests without "Bearer <key>" get 401
        self.requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a handler sleeping in a fault does not hold up the test
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-openai", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "FakeOpenAIServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _json(self, status: int, value, headers: dict | None = None) -> None:
                data = json.dumps(value).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, item in (headers or {}).items():
                    self.send_header(key, item)
                self.end_headers()
                self.wfile.write(data)

            def _refused(self) -> bool:
                if owner.api_key and self.headers.get("Authorization") != f"Bearer {owner.api_key}":
                    self._json(401, {"error": {"message": "Invalid API key", "type": "invalid_request_error"}})
                    return True
                if owner.mode in ("401", "404", "429", "500"):
                    status = int(owner.mode)
                    messages = {401: "Invalid API key", 404: "The model does not exist",
                                429: "Rate limit reached", 500: "CUDA out of memory"}
                    self._json(status, {"error": {"message": messages[status], "code": status}},
                               {"Retry-After": "7"} if status == 429 else None)
                    return True
                return False

            def do_GET(self) -> None:  # noqa: N802
                if self.path.rstrip("/") != "/v1/models":
                    self._json(404, {"error": {"message": "not found"}})
                    return
                if owner.api_key and self.headers.get("Authorization") != f"Bearer {owner.api_key}":
                    self._json(401, {"error": {"message": "Invalid API key"}})
                    return
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in owner.models]})

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                owner.requests.append({"path": self.path, "body": body})
                if self._refused():
                    return
                if self.path not in ("/v1/completions", "/v1/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                if owner.mode == "slow":
                    time.sleep(owner.delay_s)
                if not body.get("stream"):
                    self._json(200, _scored(str(body.get("prompt", "")), owner.mode, bool(body.get("echo"))))
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                chat = self.path.endswith("chat/completions")
                top = int(body.get("top_logprobs") or 0) if chat else int(body.get("logprobs") or 0)
                count = min(len(ANSWER), int(body.get("max_tokens", len(ANSWER))))
                try:
                    for index in range(count):
                        if index == 3 and owner.mode in ("stall", "drop", "malformed"):
                            if owner.mode == "stall":
                                time.sleep(owner.delay_s)
                            elif owner.mode == "malformed":
                                self._event("this is not json {")
                            return  # "drop": the connection closes without [DONE]
                        self._event(json.dumps(_chunk(index, chat, top, index == count - 1 and count == len(ANSWER),
                                                      index == count - 1)))
                    self._event("[DONE]")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    self.close_connection = True

            def _event(self, data: str) -> None:
                self.wfile.write(f"data: {data}\n\n".encode())
                self.wfile.flush()

        return Handler


def _chunk(index: int, chat: bool, top: int, eos: bool, last: bool) -> dict:
    token = ANSWER[index]
    logprob = math.log(0.6)
    alternatives = [(token, logprob), (" maybe", math.log(0.25)), (" not", math.log(0.1))][:max(top, 0)]
    finish = ("stop" if eos else "length") if last else None
    if chat:
        logprobs = {"content": [{"token": token, "logprob": logprob, "bytes": list(token.encode()),
                                 "top_logprobs": [{"token": t, "logprob": v, "bytes": list(t.encode())}
                                                  for t, v in alternatives]}]} if top else None
        return {"object": "chat.completion.chunk", "choices": [
            {"index": 0, "delta": {"content": token}, "logprobs": logprobs, "finish_reason": finish}]}
    logprobs = {"tokens": [token], "token_logprobs": [logprob],
                "top_logprobs": [dict(alternatives)]} if top else None
    return {"object": "text_completion", "choices": [
        {"index": 0, "text": token, "logprobs": logprobs, "finish_reason": finish}]}


def _scored(prompt: str, mode: str, echo: bool) -> dict:
    import re

    words = re.findall(r"\s*\S+", prompt)
    choice: dict = {"index": 0, "text": (prompt if echo and mode == "ok" else "") + " x", "finish_reason": "length"}
    if mode == "vllm":
        choice["prompt_logprobs"] = [None] + [{str(i): {"logprob": math.log(0.25), "rank": 1, "decoded_token": w}}
                                              for i, w in enumerate(words[1:], start=1)]
    elif mode == "ok" and echo:
        tokens = words + [" x"]
        offsets = [sum(len(w) for w in tokens[:i]) for i in range(len(tokens))]
        choice["logprobs"] = {"tokens": tokens, "text_offset": offsets,
                              "token_logprobs": [None] + [math.log(0.5)] * (len(tokens) - 1),
                              "top_logprobs": [None] + [{t: math.log(0.5)} for t in tokens[1:]]}
    return {"object": "text_completion", "choices": [choice]}
