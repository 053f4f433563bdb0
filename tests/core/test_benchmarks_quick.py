"""Every benchmark once, in --quick mode on tiny models: the keys of its JSON and the sanity
of its figures (finite, positive, ratios in a plausible range). The figures themselves are not pass marks:
a shared machine makes them noisy, so the ranges only catch what no machine produces (a zero, a NaN, a ratio
a thousand times off, a key renamed without its readers)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli.bench import benchmark_names

ROOT = Path(__file__).resolve().parents[2]
RATIO = (0.02, 50.0)  # a quick run on a busy machine swings a ratio by a few times, never by fifty


def bench(name: str, model: str | None = None) -> dict:
    """``workbench bench NAME --quick --json [-m MODEL]`` in a child process, as a user runs it: the JSON it prints.

    A child of its own, because several benchmarks leave their windows to the process's end (a long test
    process then freed them in no safe order and aborted at exit)."""
    command = [sys.executable, "-m", "workbench", "bench", name, "--quick", "--json"] + (["-m", model] if model else [])
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]

    def no_nan(constant: str):
        raise AssertionError(f"{name} printed {constant}")

    return json.loads(out.stdout, parse_constant=no_nan)


def figure(value, low: float = 0.0, high: float = math.inf) -> float:
    """A measured number: finite and strictly between ``low`` and ``high``."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    assert math.isfinite(value) and low < value < high, value
    return value


def ratio(value) -> float:
    return figure(value, *RATIO)


def home_files(home: Path) -> dict[str, tuple[int, int]]:
    """Every file under the workbench home: size and modification time."""
    return {str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}


def gap(value) -> float:
    """The longest event-loop stall: something was measured (above zero), and no stall lasted a minute."""
    return figure(value, 0.0, 60_000.0)


CHECKED = {"attention", "download", "embeddings", "finetune", "generation", "import", "inspect", "pretrain",
           "startup", "tasks", "ui"}


def test_every_benchmark_is_checked_here():
    assert set(benchmark_names()) == CHECKED


def test_attention(tiny):
    out = bench("attention", str(tiny("llama")))
    assert set(out) == {"model", "layers_x_heads", "runs", "long", "note"}
    assert out["layers_x_heads"] == "2x4" and out["long"] is None  # no 4096-token run in quick mode
    # quick: 128 and 512 tokens; the tiny model reads 256 positions, so the second text is cut there
    assert [run["tokens"] for run in out["runs"]] == [128, 256]
    for run in out["runs"]:
        assert set(run) == {"tokens", "capture_s", "baseline_s", "ratio", "stored_mb", "redraw_ms"}
        figure(run["capture_s"], high=60)
        figure(run["baseline_s"], high=60)
        ratio(run["ratio"])
        figure(run["stored_mb"], high=100)
        figure(run["redraw_ms"], high=60_000)
    assert out["runs"][1]["stored_mb"] > out["runs"][0]["stored_mb"]  # twice the tokens: about four times the weights


def test_download():
    out = bench("download")
    assert set(out) == {"repo_mb", "workbench_mb_s", "baseline_mb_s", "ratio", "ui_max_gap_ms", "files_identical"}
    assert out["files_identical"] is True
    assert out["repo_mb"] == pytest.approx(64 * 2**20 / 1e6, abs=1.0)  # quick: a 64 MiB repository
    figure(out["workbench_mb_s"])
    figure(out["baseline_mb_s"])
    ratio(out["ratio"])
    assert out["ratio"] == pytest.approx(out["workbench_mb_s"] / out["baseline_mb_s"], rel=0.05)
    gap(out["ui_max_gap_ms"])


def test_embeddings(tiny):
    out = bench("embeddings", str(tiny("bert")))
    assert set(out) == {"model", "texts", "batch_size", "pooling", "texts_s", "baseline_texts_s", "ratio",
                        "texts_per_s", "project_points", "project_s", "scatter_points", "scatter_redraw_ms",
                        "scatter_redraw_max_ms", "hover_lookup_ms", "ui_import_warmup_max_gap_ms", "idle_max_gap_ms",
                        "ui_max_gap_ms", "ui_map_drawn", "ui_show_map_ms", "atlas"}
    assert (out["texts"], out["project_points"], out["scatter_points"]) == (100, 300, 5000)
    assert out["pooling"].startswith("mean")  # the tiny BERT declares no pooling: mean, and the reason says so
    figure(out["texts_s"])
    figure(out["baseline_texts_s"])
    ratio(out["ratio"])
    assert out["texts_per_s"] == pytest.approx(out["texts"] / out["texts_s"], rel=0.05)
    assert set(out["project_s"]) == {"pca", "tsne"}
    figure(out["project_s"]["pca"])
    figure(out["project_s"]["tsne"])
    figure(out["scatter_redraw_ms"])
    assert out["scatter_redraw_max_ms"] >= out["scatter_redraw_ms"]  # the slowest of the redraws, their median
    figure(out["hover_lookup_ms"], high=1000)
    for key in ("ui_import_warmup_max_gap_ms", "idle_max_gap_ms", "ui_max_gap_ms"):
        gap(out[key])
    assert out["ui_map_drawn"] == out["texts"]  # the tab mapped every text
    figure(out["ui_show_map_ms"])
    atlas = out["atlas"]
    assert (atlas["atlas_texts"], atlas["million_points"]) == (2000, 50_000)  # real sentences found, quick sizes
    for key in ("embed_texts_s", "embed_baseline_texts_s", "tsne_1000_s", "tsne_2000_s", "cluster_s",
                "pca_million_s", "ann_build_s", "ann_query_ms", "map_prepare_s"):
        figure(atlas[key])
    ratio(atlas["embed_ratio"])
    assert atlas["ann_kind"] == "ivf-sq8" and atlas["ann_recall"] >= 0.95 and atlas["ann_nprobe"] > 0
    assert 0.3 <= atlas["tsne_1000_knn_preservation"] <= 1.0 and atlas["knn_preservation"] == \
        atlas["tsne_1000_knn_preservation"] and 0.0 <= atlas["pca_knn_preservation"] < atlas["knn_preservation"]
    assert atlas["redraw_ms_1m"]["max"] >= atlas["redraw_ms_1m"]["median"] > 0
    assert set(atlas["redraw_modes"]) == {"density", "points"}  # zoomed out it shades, zoomed in it draws points
    gap(atlas["ui_max_gap_ms"])
    assert len(atlas["cluster_terms"]) == 5 and all(atlas["cluster_terms"].values())


def test_finetune(tiny, fresh_home):
    from workbench.core import settings

    settings.save(settings.Settings())  # a user's settings file, to be left alone
    before = home_files(fresh_home)
    out = bench("finetune", str(tiny("bert-classifier")))
    assert home_files(fresh_home) == before  # the benchmark's runs and models stay out of the user's library
    assert set(out) == {"model", "steps", "batch_size", "workbench_samples_s", "baseline_samples_s", "ratio",
                        "lora_workbench_samples_s", "lora_baseline_samples_s", "lora_ratio", "peak_mb", "total_s"}
    assert (out["steps"], out["batch_size"]) == (10, 16)
    for prefix in ("", "lora_"):
        figure(out[f"{prefix}workbench_samples_s"])
        figure(out[f"{prefix}baseline_samples_s"])
        ratio(out[f"{prefix}ratio"])
    figure(out["peak_mb"])
    figure(out["total_s"])


def test_generation(tiny):
    from workbench.core.engines import INSTALL_HINT, llamacpp_available

    out = bench("generation", str(tiny("llama")))
    assert set(out) == {"model", "dtype", "new_tokens", "same_ids", "workbench_tok_s", "baseline_tok_s", "ratio",
                        "ratio_with_probs", "ttft_s", "ui_max_gap_ms", "quantized_tok_s",
                        "quantized_same_text_as_float", "note", "engines", "speculative"}
    assert out["same_ids"] is True  # greedy: the streaming path picks the tokens model.generate picks
    assert 0 < out["new_tokens"] <= 16  # quick: 16 new tokens a call
    figure(out["workbench_tok_s"])
    figure(out["baseline_tok_s"])
    ratio(out["ratio"])
    ratio(out["ratio_with_probs"])
    figure(out["ttft_s"], high=60)
    gap(out["ui_max_gap_ms"])
    figure(out["quantized_tok_s"])
    engines = out["engines"]
    assert set(engines) == {"transformers-bf16", "transformers-int8", "llamacpp", "note"}
    # the tiny model has no GGUF file for llama.cpp to run: test_generation_on_llamacpp runs the starter's
    assert engines["llamacpp"] == {"skipped": INSTALL_HINT if not llamacpp_available() else
                                   "llama.cpp runs GGUF files, and this model has none"}
    for mode in ("transformers-bf16", "transformers-int8"):
        check_engine(engines[mode])
    assert engines["transformers-bf16"]["dtype"] == "bfloat16"
    spec = out["speculative"]
    assert set(spec) == {"tok_s", "baseline_tok_s", "speedup", "acceptance_rate", "free_form_speedup", "same_ids",
                         "prompts", "free_form_prompts", "note"}
    assert spec["same_ids"] is True  # greedy: speculation changes the speed, never the tokens
    assert (spec["prompts"], spec["free_form_prompts"]) == (2, 2)
    figure(spec["tok_s"])
    figure(spec["baseline_tok_s"])
    ratio(spec["speedup"])
    ratio(spec["free_form_speedup"])
    assert 0 <= spec["acceptance_rate"] <= 1


def check_engine(figures: dict) -> None:
    keys = {"tok_s", "baseline_tok_s", "ratio", "ratio_of_totals", "peak_mb", "dtype", "prompts"}
    if "engine_process_peak_mb" in figures:  # llama.cpp: the model's memory is in its engine process
        figure(figures.pop("engine_process_peak_mb"), 20.0)
    assert set(figures) == keys
    assert figures["prompts"] == 3
    figure(figures["tok_s"])
    figure(figures["baseline_tok_s"])
    ratio(figures["ratio"])
    ratio(figures["ratio_of_totals"])
    assert math.isfinite(figures["peak_mb"])  # resident memory above a baseline: the allocator may give some back


def test_generation_on_llamacpp(smollm2):
    """The llama.cpp part of the generation benchmark, on the starter's GGUF (skipped without the extra)."""
    from workbench.benchmarks.generation import engines
    from workbench.core.engines import INSTALL_HINT, llamacpp_available
    from workbench.core.service import ModelService

    if not llamacpp_available():
        pytest.skip(INSTALL_HINT)
    service = ModelService()
    try:
        out = engines(service, str(smollm2), quick=True, only=("llamacpp",))
    finally:
        service.unload()
    assert set(out) == {"llamacpp", "note"}
    check_engine(out["llamacpp"])


def test_import():
    out = bench("import")
    if "skipped" in out:
        pytest.skip(out["skipped"])
    assert set(out) == {"gguf", "gguf_mb", "seconds", "peak_mb", "disk_mb", "note"}
    assert out["gguf"].endswith(".gguf")
    figure(out["gguf_mb"])
    figure(out["seconds"])
    figure(out["peak_mb"])
    # bfloat16 holds two bytes a weight, more than the 4-bit GGUF, and less than four times it plus the tokenizer
    assert out["gguf_mb"] < out["disk_mb"] < 5 * out["gguf_mb"]


def test_inspect(tiny):
    out = bench("inspect", str(tiny("llama")))
    assert set(out) == {"model", "dtype", "prompt_tokens", "lens_s", "attribute_ig_s", "ig_steps", "ig_batch",
                        "ig_convergence_delta", "perplexity_tokens", "window", "stride", "perplexity_tok_s",
                        "baseline_tok_s", "ratio", "ui_max_gap_ms", "note"}
    assert (out["prompt_tokens"], out["ig_steps"], out["perplexity_tokens"], out["window"], out["stride"]) == \
        (128, 64, 511, 256, 128)
    assert 0 < out["ig_batch"] <= out["ig_steps"]
    figure(out["lens_s"])
    figure(out["attribute_ig_s"])
    # integrated gradients: the attributions sum to the change of the score (completeness), up to the path's steps
    assert math.isfinite(out["ig_convergence_delta"]) and abs(out["ig_convergence_delta"]) < 0.1
    figure(out["perplexity_tok_s"])
    figure(out["baseline_tok_s"])
    ratio(out["ratio"])
    gap(out["ui_max_gap_ms"])


def test_pretrain():
    out = bench("pretrain")
    assert set(out) == {"steps", "lstm", "transformer", "ui_max_gap_ms", "ui_idle_max_gap_ms", "tokens_s", "ratio",
                        "transformer_ratio", "total_s"}
    assert out["steps"] == 10
    for arch, baseline in (("lstm", "plain_pytorch_tokens_s"), ("transformer", "plain_trainer_tokens_s")):
        assert set(out[arch]) == {"workbench_tokens_s", baseline, "ratio"}
        figure(out[arch]["workbench_tokens_s"])
        figure(out[arch][baseline])
        ratio(out[arch]["ratio"])
    assert (out["tokens_s"], out["ratio"], out["transformer_ratio"]) == \
        (out["lstm"]["workbench_tokens_s"], out["lstm"]["ratio"], out["transformer"]["ratio"])
    gap(out["ui_max_gap_ms"])
    gap(out["ui_idle_max_gap_ms"])
    figure(out["total_s"])


def test_startup():
    out = bench("startup")
    assert set(out) == {"window_shown_s", "baseline_qt_window_s", "ratio", "torch_loaded_before_window"}
    figure(out["window_shown_s"], high=120)
    figure(out["baseline_qt_window_s"], high=120)
    ratio(out["ratio"])
    assert out["torch_loaded_before_window"] is False  # the window appears before torch loads


def test_tasks(tiny):
    out = bench("tasks", str(tiny("bert")))
    assert set(out) == {"search_documents", "search_docs_per_s", "search_baseline_docs_per_s", "search_ratio"}
    assert out["search_documents"] == 64  # quick: 64 documents and no chat model
    figure(out["search_docs_per_s"])
    figure(out["search_baseline_docs_per_s"])
    ratio(out["search_ratio"])


def test_ui(tiny):
    out = bench("ui", str(tiny("llama")))
    assert "model_load_error" not in out, out.get("model_load_error")
    assert set(out) == {"window_shown_s", "idle_max_gap_ms", "import_warmup_max_gap_ms", "library_scan_max_gap_ms",
                        "model_load_max_gap_ms", "tab_switch_max_gap_ms", "ui_max_gap_ms", "ratio_vs_idle"}
    figure(out["window_shown_s"], high=120)
    for key in ("idle_max_gap_ms", "import_warmup_max_gap_ms", "library_scan_max_gap_ms", "model_load_max_gap_ms",
                "tab_switch_max_gap_ms"):
        gap(out[key])
    assert out["ui_max_gap_ms"] == max(out["library_scan_max_gap_ms"], out["model_load_max_gap_ms"],
                                       out["tab_switch_max_gap_ms"])
    figure(out["ratio_vs_idle"])
