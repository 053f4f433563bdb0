"""Training runs on tiny models, in-process: each task, LoRA, cancel, resume, add epochs, metrics."""

from __future__ import annotations

from pathlib import Path

import pytest
from finetune_support import chat_csv, classification_csv, seq2seq_csv, text_csv, write_rows

from workbench.core.devices import fit_verdict
from workbench.core.finetune import runs
from workbench.core.finetune.train import TrainConfig, classification_metrics, encode, preflight, run_training, \
    text_metrics
from workbench.core.jobs import CancelToken, WorkbenchError
from workbench.core.library import Library, read_meta


def train(config: TrainConfig, run_dir: Path, **kwargs) -> tuple[dict, list[dict]]:
    events: list[dict] = []
    result = run_training(config, run_dir, emit=events.append, **kwargs)
    return result, events


def test_classification_run_saves_model_metrics_and_history(tmp_path, tiny):
    data = classification_csv(tmp_path, 40)
    config = TrainConfig(model=str(tiny("bert-classifier")), data=str(data), task="classification",
                         columns={"text": "text", "label": "label"}, eval_split=0.25, max_steps=8, batch_size=4,
                         save_steps=4, name="my-sentiment")
    result, events = train(config, tmp_path / "run")
    assert result["status"] == "finished" and result["step"] == 8
    metrics = result["metrics"]
    assert 0 <= metrics["accuracy"] <= 1 and 0 <= metrics["macro_f1"] <= 1
    assert sum(map(sum, metrics["confusion_matrix"])) == 10 and metrics["labels"] == ["negative", "positive"]
    kinds = [e["type"] for e in events]
    assert {"validation", "start", "train", "eval", "checkpoint", "progress"} <= set(kinds)
    assert kinds[-1] == "done" and "error" not in kinds
    assert [e["type"] for e in runs.read_events(tmp_path / "run")] == kinds

    model_path = Path(result["model_path"])
    assert model_path == Library().store / "my-sentiment"
    assert read_meta(model_path)["base_model"] == config.model and read_meta(model_path)["task"] == "classification"
    entry = Library().find("my-sentiment")
    assert entry is not None and "seq-classification" in entry.kinds
    [summary] = runs.list_runs(tmp_path)
    assert summary.status == "finished" and summary.metrics["accuracy"] == metrics["accuracy"]
    curves = runs.curves(tmp_path / "run")
    assert curves["loss"] and curves["eval_loss"] and curves["metric"] and curves["learning_rate"]
    assert sorted(p.name for p in (tmp_path / "run" / "checkpoints").iterdir()) == ["checkpoint-4", "checkpoint-8"]


def test_chat_rows_train_on_the_response_only(tmp_path, tiny):
    from workbench.core.finetune.validate import Example, load_tokenizer

    tokenizer = load_tokenizer(tiny("llama"))
    [item] = encode("causal-lm", [Example(2, {"prompt": "Say hi", "response": "Hello world!"})], tokenizer, 64, [],
                    chat_template=True)
    learned = [t for t, lab in zip(item["input_ids"], item["labels"]) if lab != -100]
    assert tokenizer.decode(learned).startswith("Hello world!")
    assert tokenizer.decode(item["input_ids"]).startswith("<|im_start|>user\nSay hi<|im_end|>")

    config = TrainConfig(model=str(tiny("llama")), data=str(chat_csv(tmp_path)), task="causal-lm",
                         columns={"prompt": "prompt", "response": "response"}, max_steps=4, batch_size=4)
    result, _ = train(config, tmp_path / "run")
    assert result["status"] == "finished" and result["metrics"]["perplexity"] > 1


def test_lora_on_text_column_merges_into_a_loadable_model(tmp_path, tiny, service):
    config = TrainConfig(model=str(tiny("gpt2")), data=str(text_csv(tmp_path)), task="causal-lm",
                         columns={"text": "text"}, max_steps=4, batch_size=4, lora=True, lr=1e-3, name="gpt2-lora")
    result, _ = train(config, tmp_path / "run")
    assert result["status"] == "finished"
    assert (tmp_path / "run" / "adapter" / "adapter_config.json").exists()
    handle = service.load(result["model_path"])
    assert handle.kind == "causal-lm" and not any("lora" in n for n, _ in handle.model.named_parameters())


def test_seq2seq_reports_bleu_and_rouge(tmp_path, tiny):
    config = TrainConfig(model=str(tiny("t5")), data=str(seq2seq_csv(tmp_path)), task="seq2seq",
                         columns={"source": "source", "target": "target"}, eval_split=0.2, max_steps=4,
                         batch_size=4, max_length=16)
    result, _ = train(config, tmp_path / "run")
    metrics = result["metrics"]
    assert result["status"] == "finished"
    assert {"bleu", "rouge1", "rougeL", "eval_loss"} <= set(metrics)
    assert 0 <= metrics["bleu"] <= 100 and 0 <= metrics["rouge1"] <= 1


def test_cancel_leaves_a_usable_checkpoint_and_resume_finishes(tmp_path, tiny):
    import transformers

    token = CancelToken()
    events: list[dict] = []

    def emit(event):
        events.append(event)
        if event["type"] == "train" and event["step"] >= 3:  # every step logs (progress is throttled)
            token.cancel()

    config = TrainConfig(model=str(tiny("bert-classifier")), data=str(classification_csv(tmp_path)),
                         task="classification", columns={"text": "text", "label": "label"}, max_steps=40,
                         batch_size=2, save_steps=100, logging_steps=1)
    result = run_training(config, tmp_path / "run", emit=emit, cancel=token)
    assert result["status"] == "cancelled" and result["model_path"] == ""
    checkpoint = runs.last_checkpoint(tmp_path / "run")
    stopped_at = int(checkpoint.name.split("-")[-1])
    assert 3 <= stopped_at < 40 and "kept, resume to continue" in result["message"]
    assert "done" == events[-1]["type"] and events[-1]["status"] == "cancelled"
    assert runs.summarize(tmp_path / "run").status == "cancelled"
    model = transformers.AutoModelForSequenceClassification.from_pretrained(checkpoint)
    assert model.config.num_labels == 2

    resumed, events = train(config, tmp_path / "run", resume=True)
    assert resumed["status"] == "finished" and resumed["step"] == 40
    assert any(e.get("message") == f"Resuming from step {stopped_at}" for e in events)
    assert next(e for e in events if e["type"] == "start")["step"] == stopped_at


def test_add_epochs_to_a_finished_run(tmp_path, tiny):
    config = TrainConfig(model=str(tiny("bert-classifier")), data=str(classification_csv(tmp_path, 20)),
                         task="classification", columns={"text": "text", "label": "label"}, epochs=1, batch_size=6,
                         eval_split=0.1)
    first, _ = train(config, tmp_path / "run")
    config.epochs = 2
    second, events = train(config, tmp_path / "run", resume=True)
    assert second["status"] == "finished" and second["step"] == 2 * first["step"]
    assert second["model_path"] == first["model_path"]
    assert next(e for e in events if e["type"] == "start")["step"] == first["step"]


def test_blocking_errors_fail_the_run_and_never_say_done(tmp_path, tiny):
    data = write_rows(tmp_path / "bad.csv", ["text", "label"], [["fine", "a"], ["", "b"], ["ok", "a"]])
    config = TrainConfig(model=str(tiny("bert-classifier")), data=str(data), task="classification",
                         columns={"text": "text", "label": "label"})
    events: list[dict] = []
    with pytest.raises(WorkbenchError, match="Row 3, column 'text': the cell is empty"):
        run_training(config, tmp_path / "run", emit=events.append)
    assert events[-1]["type"] == "error" and "block training" in events[-1]["message"]
    assert "done" not in [e["type"] for e in events]
    summary = runs.summarize(tmp_path / "run")
    assert summary.status == "failed" and "block training" in summary.message


def test_preflight_measures_steps_and_memory(tmp_path, tiny):
    config = TrainConfig(model=str(tiny("gpt2")), data=str(text_csv(tmp_path, 40)), task="causal-lm",
                         columns={"text": "text"}, epochs=2, batch_size=4)
    estimate = preflight(config)
    assert estimate["seconds_per_step"] > 0 and estimate["total_steps"] == 2 * 9
    assert estimate["estimated_seconds"] >= estimate["total_steps"] * estimate["seconds_per_step"]
    assert 0 < estimate["peak_bytes"] and estimate["verdict"] == fit_verdict(estimate["peak_bytes"],
                                                                              estimate["available_bytes"])
    assert estimate["verdict"] == "fits"  # a tiny model's few steps fit in any test machine's memory


def test_metric_functions():
    m = classification_metrics([0, 1, 1, 2], [0, 1, 2, 2], 3)
    assert m["accuracy"] == 0.75 and m["confusion_matrix"] == [[1, 0, 0], [0, 1, 0], [0, 1, 1]]
    assert m["macro_f1"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)
    assert text_metrics(["the cat sat on the mat"], ["the cat sat on the mat"])["bleu"] == pytest.approx(100)
    assert text_metrics(["a b"], ["c d"])["rouge1"] == 0
