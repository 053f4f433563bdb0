"""The child process that hosts one llama.cpp model (``engines/llamacpp.py`` starts and talks to it).

llama.cpp is native code: an illegal instruction, a segmentation fault or an out-of-memory kill in
it ends this process, never the app. The parent sends commands over a ``multiprocessing`` pipe and
gets plain tuples back; per generated token one small message (the token, its step's top-k summary,
its logit and rank), computed here while the logits are still in llama.cpp's buffer. Generation is
in lockstep: after each token the parent answers ``next`` or ``stop``, so a stop string or Stop ends
it after exactly that token, and nothing computes while the parent builds the token's event (on a
2-core machine llama.cpp's threads need both cores).

Commands (parent -> child) and replies (child -> parent):
  ("open", path, n_ctx, n_threads)  -> ("opened", {"n_ctx", "n_vocab", "eos", "system_info"})
  ("generate", ids, sampler, seed, top, max_new, eos_ids)
                                    -> ("token", id, summary | None, logit | None, rank | None) ...
                                       each answered by ("next",) or ("stop",), then ("done", count)
  ("raw", ids, max_tokens)          -> ("raw", tokens, seconds): the plain library call, for benchmarks
  ("check", text)                   -> ("checked", n): the text read as one batch, then a few tokens
  ("reset",)                        -> ("ok",)
  ("close",)                        -> the process exits
Any failure that Python sees is sent back as ("error", type name, message).
"""

from __future__ import annotations

import os
import time

# Set by tests to inject a real native fault at a chosen moment (e.g. "abort-on-open").
FAULT_ENV = "WORKBENCH_LLAMACPP_FAULT"


def main(conn) -> None:
    """The child's whole life: serve commands until ``close`` or the parent goes away."""
    llm = None
    while True:
        try:
            command = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        kind = command[0]
        try:
            if kind == "close":
                return
            if kind == "open":
                llm = _open(*command[1:])
                conn.send(("opened", _describe(llm)))
                _prepare_summaries()
            elif kind == "generate":
                _generate(conn, llm, *command[1:])
            elif kind == "raw":
                conn.send(("raw", *_raw(llm, *command[1:])))
            elif kind == "check":
                conn.send(("checked", _check(llm, command[1])))
            elif kind == "reset":
                llm.reset()
                conn.send(("ok",))
            else:
                conn.send(("error", "ValueError", f"unknown command {kind!r}"))
        except Exception as exc:  # noqa: BLE001 - every Python-level failure goes back to the parent
            try:
                conn.send(("error", type(exc).__name__, str(exc)))
            except (OSError, EOFError):
                return


def _open(path: str, n_ctx: int, n_threads: int):
    import llama_cpp

    if os.environ.get(FAULT_ENV) == "abort-on-open":
        os.abort()
    return llama_cpp.Llama(path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)


def _describe(llm) -> dict:
    import llama_cpp

    return {"n_ctx": llm.n_ctx(), "n_vocab": llm.n_vocab(), "eos": llm.token_eos(),
            "system_info": llama_cpp.llama_print_system_info().decode(errors="replace")}


def _prepare_summaries() -> None:
    """Import torch for the per-token summaries now, while the parent goes on, not at the first token."""
    import workbench.core.distribution  # noqa: F401
    import torch  # noqa: F401


def _generate(conn, llm, ids: list[int], sampler: dict, seed: int | None, top: int, max_new: int,
              eos_ids: list[int]) -> None:
    import llama_cpp
    import numpy as np

    from workbench.core.distribution import as_logits, summarize

    if seed is not None:
        llm.set_seed(seed)
    n_vocab = llm.n_vocab()
    eos = set(eos_ids)
    count = 0
    stream = llm.generate(ids, reset=True, **sampler)
    try:
        for token in stream:
            token = int(token)
            count += 1
            summary = logit = rank = None
            if top:
                # llama.cpp's own buffer, read before the next decode overwrites it
                logits = as_logits(np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm.ctx, -1),
                                                         shape=(n_vocab,)))
                summary = summarize(logits, top)
                logit = summary.logit(token, logits)
                rank = summary.rank(logit, logits)
            conn.send(("token", token, summary, logit, rank))
            if token in eos or count >= max_new:
                break
            if conn.recv()[0] != "next":
                break
    finally:
        stream.close()
    conn.send(("done", count))


def _raw(llm, ids: list[int], max_tokens: int) -> tuple[int, float]:
    start = time.perf_counter()
    done = llm.create_completion(prompt=ids, max_tokens=max_tokens, temperature=0.0, top_k=1)
    return done["usage"]["completion_tokens"], time.perf_counter() - start


def _check(llm, text: str) -> int:
    """Decode a batch of several tokens, then a few more one by one (the paths a chat takes)."""
    tokens = llm.tokenize(text.encode("utf-8"))
    count = 0
    for _token in llm.generate(tokens, reset=True, temp=0.0, top_k=1):
        count += 1
        if count >= 4:
            break
    llm.reset()
    return count
