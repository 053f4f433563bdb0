"""Generation speed on the starter model, in one process: the workbench's streaming path vs plain
``model.generate`` with the same settings, with and without top-10 probabilities, int8 weights, and
the GUI's event-loop heartbeat while tokens stream into the real Generate tab.

``engines``: for transformers in bfloat16, transformers with int8 weights and llama.cpp (when the
extra is installed), the workbench's path against the raw library call with the same settings, on
fresh prompts of varied lengths (each path meets each prompt's shapes once), and the peak memory
of loading and running each mode.

Runs alternate between the paths and the best of each is kept, so a burst of load from other
programs on the machine does not favour one side.
``--quick`` (for tests): one round, 16 new tokens per call, three prompts.
"""

from __future__ import annotations

import os
import statistics
import time

MODEL = "smollm2-135m-instruct"
PROMPT = "Write a short story about a robot who learns to paint."
NEW_TOKENS = 64
QUICK_NEW_TOKENS = 16  # --quick: a shorter answer per call, for tests


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run(args) -> dict:
    import torch

    from workbench.core import generation as gen
    from workbench.core.service import ModelService

    quick = getattr(args, "quick", False)
    rounds = 1 if quick else 3
    new_tokens = QUICK_NEW_TOKENS if quick else NEW_TOKENS
    model = getattr(args, "model", None) or MODEL
    service = ModelService.from_settings()
    handle = service.load(model, kind="causal-lm")
    prompt_ids = gen.chat_ids(handle.tokenizer, [gen.Message("user", PROMPT)])
    plain = gen.SamplingSettings(greedy=True, max_new_tokens=new_tokens, top_probs=0)
    with_probs = gen.SamplingSettings(greedy=True, max_new_tokens=new_tokens, top_probs=10)
    inputs = torch.tensor([prompt_ids])

    def baseline():
        with torch.inference_mode():
            out = handle.model.generate(inputs, attention_mask=torch.ones_like(inputs),
                                        pad_token_id=handle.tokenizer.pad_token_id, **plain.generate_kwargs())
        return out[0, len(prompt_ids):].tolist()

    best = {"baseline": float("inf"), "workbench": float("inf"), "probs": float("inf")}
    with service.use(handle):
        baseline()  # warm-up
        gen.generate(handle, prompt_ids, plain)
        for _ in range(rounds):
            seconds, expected = _timed(baseline)
            best["baseline"] = min(best["baseline"], seconds)
            seconds, result = _timed(lambda: gen.generate(handle, prompt_ids, plain))
            best["workbench"] = min(best["workbench"], seconds)
            seconds, probed = _timed(lambda: gen.generate(handle, prompt_ids, with_probs))
            best["probs"] = min(best["probs"], seconds)
    n = len(expected)
    report = {
        "model": model, "dtype": handle.dtype, "new_tokens": n, "same_ids": result.ids == expected == probed.ids,
        "workbench_tok_s": round(n / best["workbench"], 2),
        "baseline_tok_s": round(n / best["baseline"], 2),
        "ratio": round(best["baseline"] / best["workbench"], 3),
        "ratio_with_probs": round(best["baseline"] / best["probs"], 3),
        "ttft_s": result.ttft_s,
        "ui_max_gap_ms": round(_ui_gap(service, model, new_tokens), 1),
    }
    service.unload()
    quantized = service.load(model, kind="causal-lm", options=service.options_with(quantize="int8"))
    with service.use(quantized):
        gen.generate(quantized, prompt_ids, plain)
        times, q_result = [], None
        for _ in range(rounds):
            seconds, q_result = _timed(lambda: gen.generate(quantized, prompt_ids, plain))
            times.append(seconds / max(1, len(q_result.ids)))
    report["quantized_tok_s"] = round(1 / min(times), 2)
    report["quantized_same_text_as_float"] = q_result.ids == expected
    report["note"] = "best of %d alternating runs; greedy, %d new tokens" % (rounds, new_tokens)
    service.unload()
    report["engines"] = engines(service, model, quick=quick)
    report["speculative"] = speculative(service, model, quick=quick)
    return report


FRESH_PROMPTS = (
    "Name a colour.",
    "Write two sentences about why the sky looks blue during the day.",
    "You are helping a student revise. Explain, step by step and in plain words, how a bill becomes a law, "
    "and give one example of a law that changed daily life.",
    "List three fruits.",
    "Describe a quiet morning in a small fishing village, with the sounds, the smells and the people who wake first, "
    "as the opening paragraph of a short story that a ten-year-old would enjoy reading aloud to a friend.",
    "What is 17 times 23? Show the working.",
    "Translate 'good morning' into French and Spanish.",
    "Give me a recipe for pancakes with the amounts for four people, and tell me which step people most often "
    "get wrong.",
    "Why do cats purr?",
    "Summarise the plot of a detective story in which the detective turns out to be the thief, in five sentences.",
    "Write a haiku about autumn rain.",
    "Compare trains and planes for a 500 km trip: time, cost, comfort and the effect on the climate.",
)


def engines(service, model: str, quick: bool = False, only: tuple[str, ...] = ()) -> dict:
    """tok/s of each engine/mode against its raw library call, on fresh prompts of varied lengths (``only``:
    these modes, e.g. ``("llamacpp",)``)."""
    from workbench.benchmarks._measure import PeakMemory
    from workbench.core import generation as gen
    from workbench.core.engines import INSTALL_HINT, llamacpp_available
    from workbench.core.engines.llamacpp import find_gguf

    prompts = FRESH_PROMPTS[:3] if quick else FRESH_PROMPTS
    new_tokens = QUICK_NEW_TOKENS if quick else NEW_TOKENS
    settings = gen.SamplingSettings(greedy=True, max_new_tokens=new_tokens, top_probs=10)
    modes = {"transformers-bf16": ("transformers", service.options_with(dtype="bfloat16")),
             "transformers-int8": ("transformers", service.options_with(quantize="int8"))}
    out: dict = {}
    if not llamacpp_available():
        out["llamacpp"] = {"skipped": INSTALL_HINT}
    elif find_gguf(service.library, model) is None:
        out["llamacpp"] = {"skipped": "llama.cpp runs GGUF files, and this model has none"}
    else:
        modes["llamacpp"] = ("llamacpp", None)
    modes = {mode: how for mode, how in modes.items() if not only or mode in only}
    for mode, (engine, options) in modes.items():
        service.unload()
        with PeakMemory() as peak:
            handle = service.load_engine(model, engine, kind="causal-lm", options=options)
            raw = _raw_call(handle, new_tokens)
            with service.use(handle):
                warm = gen.chat_ids(handle.tokenizer, [gen.Message("user", "Hi.")])
                gen.generate(handle, warm, settings)
                raw(warm)
                ours = {"tokens": 0, "s": 0.0}
                base = {"tokens": 0, "s": 0.0}
                ratios = []
                for i, text in enumerate(prompts):
                    ids = gen.chat_ids(handle.tokenizer, [gen.Message("user", text)])
                    order = (0, 1) if i % 2 == 0 else (1, 0)  # neither path always meets the new shapes first
                    rate = {}
                    for which in order:
                        _forget_context(handle)
                        if which == 0:
                            seconds, result = _timed(lambda: gen.generate(handle, ids, settings))
                            count, totals = len(result.ids), ours
                        else:
                            seconds, count = _timed(lambda: raw(ids))
                            totals = base
                        totals["tokens"] += count
                        totals["s"] += seconds
                        rate[which] = count / seconds
                    ratios.append(rate[0] / rate[1])
        tok_s = ours["tokens"] / ours["s"]
        baseline_tok_s = base["tokens"] / base["s"]
        out[mode] = {"tok_s": round(tok_s, 2), "baseline_tok_s": round(baseline_tok_s, 2),
                     "ratio": round(statistics.median(ratios), 3), "ratio_of_totals": round(tok_s / baseline_tok_s, 3),
                     "peak_mb": peak.mb, "dtype": handle.dtype, "prompts": len(prompts)}
        if handle.engine == "llamacpp":  # the model lives in the engine's process: its own peak
            from workbench.core.devices import peak_process_memory_bytes

            out[mode]["engine_process_peak_mb"] = round(peak_process_memory_bytes(handle.model.pid) / 2**20, 1)
        service.unload()
    out["note"] = ("workbench path with top-10 probabilities vs the raw call (transformers: model.generate; "
                   "llamacpp: Llama.create_completion on the same Llama, in the engine's process), greedy, up to %d new tokens per prompt; "
                   "ratio: the median over the prompts of tok/s against the raw call's on the same prompt (a burst "
                   "of load from other programs skews one prompt, not the figure); ratio_of_totals: all tokens "
                   "over all seconds; peak_mb: resident memory above the process's before loading" % new_tokens)
    return out


# Answers that copy from the prompt: where prompt lookup finds its proposals.
REWRITE_TEXT = ("The old lighthouse stood at the edge of the cliff for more than two hundred years. Every night its "
                "keeper climbed the narrow stairs, lit the great lamp and watched the ships pass safely through the "
                "dark water. When the keeper grew old, the village built an automatic light, but the people still "
                "climbed the stairs on summer evenings to watch the sun go down over the sea.")
COPY_PROMPTS = (
    "Rewrite this text with every sentence on its own line, changing nothing else:\n\n" + REWRITE_TEXT,
    "Correct the spelling in this text and give it back in full:\n\nThe quik brown fox jumpd over the lazy dog "
    "becuase the dog was sleeping in the sun, and the fox wanted to reach the river befor the farmer woke up.",
    "Repeat the following paragraph word for word, then stop:\n\n" + REWRITE_TEXT,
    "Summarise this text in two sentences, reusing its own words:\n\n" + REWRITE_TEXT,
)

# --quick: short enough for a tiny test model's 256-token context
QUICK_COPY_PROMPTS = ("Repeat word for word: The quick brown fox jumps over the lazy dog.",
                      "Rewrite: Paris is the capital of France. Berlin is the capital of Germany.")


def speculative(service, model: str, quick: bool = False, tokens: int = 10) -> dict:
    """Prompt-lookup speculative decoding against the same engine without it (transformers, greedy, top-10
    probabilities recorded on both sides): tok/s on prompts whose answers copy from the prompt, and the
    same ratio on free-form prompts (where proposals are mostly wrong and only cost time)."""
    from workbench.core import generation as gen
    from workbench.core.speculative import Speculation

    new_tokens = QUICK_NEW_TOKENS if quick else 96
    copy_prompts = QUICK_COPY_PROMPTS if quick else COPY_PROMPTS
    free_prompts = FRESH_PROMPTS[:2] if quick else FRESH_PROMPTS[:6]
    settings = gen.SamplingSettings(greedy=True, max_new_tokens=new_tokens, top_probs=10)
    lookup = Speculation("prompt_lookup", tokens)
    service.unload()
    handle = service.load(model, kind="causal-lm")

    def measure(prompts) -> tuple[dict, dict, dict]:
        plain, fast = {"tokens": 0, "s": 0.0}, {"tokens": 0, "s": 0.0}
        figures = {"proposed": 0, "accepted": 0, "same_ids": True}
        for i, text in enumerate(prompts):
            ids = gen.chat_ids(handle.tokenizer, [gen.Message("user", text)])
            order = (0, 1) if i % 2 == 0 else (1, 0)
            results = {}
            for which in order:
                seconds, result = _timed(lambda: gen.generate(handle, ids, settings,
                                                              speculation=lookup if which else None))
                totals = fast if which else plain
                totals["tokens"] += len(result.ids)
                totals["s"] += seconds
                results[which] = result
            figures["proposed"] += results[1].speculation["proposed"]
            figures["accepted"] += results[1].speculation["accepted"]
            figures["same_ids"] &= results[0].ids == results[1].ids
        return plain, fast, figures

    with service.use(handle):
        warm = gen.chat_ids(handle.tokenizer, [gen.Message("user", "Hi.")])
        gen.generate(handle, warm, settings)
        gen.generate(handle, warm, settings, speculation=lookup)
        plain, fast, figures = measure(copy_prompts)
        free_plain, free_fast, _ = measure(free_prompts)
    service.unload()
    tok_s, baseline = fast["tokens"] / fast["s"], plain["tokens"] / plain["s"]
    free = (free_fast["tokens"] / free_fast["s"]) / (free_plain["tokens"] / free_plain["s"])
    return {"tok_s": round(tok_s, 2), "baseline_tok_s": round(baseline, 2), "speedup": round(tok_s / baseline, 3),
            "acceptance_rate": round(figures["accepted"] / figures["proposed"], 3) if figures["proposed"] else 0.0,
            "free_form_speedup": round(free, 3), "same_ids": figures["same_ids"],
            "prompts": len(copy_prompts), "free_form_prompts": len(free_prompts),
            "note": "prompt lookup (up to %d tokens proposed at once) against the same transformers engine without "
                    "it, greedy, top-10 probabilities on both sides, up to %d new tokens per prompt; speedup: "
                    "on prompts whose answers copy from the prompt; free_form_speedup: on free-form prompts"
                    % (tokens, new_tokens)}


def _forget_context(handle) -> None:
    """llama.cpp keeps the last sequence's KV cache and reuses its longest common prefix: without a
    reset, whichever path ran a prompt second would skip most of its prompt evaluation."""
    if handle.engine == "llamacpp":
        handle.model.reset()


def _raw_call(handle, new_tokens: int):
    """The plain library call with the same settings; returns how many tokens it generated."""
    if handle.engine == "llamacpp":
        def raw(ids):  # Llama.create_completion in the engine's own process, as our path runs there too
            return handle.model.raw_completion(ids, new_tokens)[0]
        return raw
    import torch

    def raw(ids):
        inputs = torch.tensor([ids])
        with torch.inference_mode():
            out = handle.model.generate(inputs, attention_mask=torch.ones_like(inputs), do_sample=False,
                                        max_new_tokens=new_tokens, pad_token_id=handle.tokenizer.pad_token_id)
        return out.shape[1] - len(ids)
    return raw


def _ui_gap(service, model: str, new_tokens: int) -> float:
    """Longest event-loop gap while the Generate tab streams tokens (top-10 probabilities on)."""
    from dataclasses import replace

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.core.generation import PRESETS
    from workbench.core.settings import Settings
    from workbench.ui.app import create_app
    from workbench.ui.context import AppContext
    from workbench.ui.heartbeat import Heartbeat
    from workbench.ui.tabs.generate import GenerateTab

    app = create_app()
    ctx = AppContext(settings=Settings())
    ctx.service = service  # the model is already loaded there
    ctx.set_model(model)
    tab = GenerateTab(ctx)
    tab.resize(1200, 800)
    tab.show()
    tab.prompt.setPlainText(PROMPT)
    tab.controls.set_settings(replace(PRESETS["Greedy"], max_new_tokens=new_tokens, top_probs=10))
    tab.colour.setChecked(True)
    for _ in range(20):
        app.processEvents()
    beat = Heartbeat().start()
    tab.generate_button.click()
    while tab.job is not None:
        app.processEvents()
        time.sleep(0.001)
    gap = beat.stop()
    tab.shutdown()
    ctx.pool.shutdown()
    tab.close()
    return gap
