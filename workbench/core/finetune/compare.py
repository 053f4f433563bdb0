"""'Compare with base': a few held-out rows through the base model and the fine-tuned one, row by row.

A run measures this itself (``comparison.json``: both validation losses and the answers on held-out rows,
the base's taken before the first step); older runs are compared by loading both models.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.core.finetune import runs
from workbench.core.finetune.config import TrainConfig
from workbench.core.finetune.validate import Example, render_prompt, validate
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

SERVICE_KIND = {"classification": "seq-classification", "causal-lm": "causal-lm", "seq2seq": "seq2seq"}
MAX_NEW_TOKENS = 40
ROWS_AFTER_RUN = 5  # held-out rows answered by the base and the fine-tuned model at the end of a run
COMPARISON_FILE = "comparison.json"


@dataclass
class ComparedRow:
    row: int
    input: str
    expected: str
    base: str
    tuned: str

    @property
    def changed(self) -> bool:
        return self.base.strip() != self.tuned.strip()


def held_out_rows(config, limit: int) -> list[Example]:
    """The run's validation rows (the same split as training), or its first rows when it had none."""
    report = validate(config.spec())
    return (report.eval or report.train)[:limit]


def input_of(config, ex: Example) -> tuple[str, str]:
    f = ex.fields
    if config.task == "classification":
        return f["text"] + (f" / {f['text_pair']}" if f.get("text_pair") else ""), f["label"]
    if config.task == "seq2seq":
        return f["source"], f["target"]
    if "prompt" in f:
        return f["prompt"], f["response"]
    words = f["text"].split()
    half = max(1, len(words) // 2)  # a plain text row: continue its first half
    return " ".join(words[:half]), " ".join(words[half:])


def predict_rows(model, tokenizer, config, examples: list[Example]) -> list[str]:
    """Greedy answers (or predicted labels) of ``model`` for ``examples``; the model's train/eval mode is kept."""
    was_training = model.training
    model.eval()
    try:
        return _predict(model, tokenizer, config, examples)
    finally:
        model.train(was_training)


def _predict(model, tokenizer, config, examples: list[Example]) -> list[str]:
    import torch

    out = []
    with torch.no_grad():
        for ex in examples:
            text, _ = input_of(config, ex)
            if config.task == "classification":
                if ex.fields["label"] not in set((getattr(model.config, "id2label", None) or {}).values()):
                    out.append(translate("core", "(no classifier head for these labels)"))
                    continue
                enc = tokenizer(ex.fields["text"], ex.fields.get("text_pair") or None, return_tensors="pt",
                                truncation=True, max_length=config.max_length).to(model.device)
                out.append(model.config.id2label[int(model(**enc).logits.argmax(-1))])
                continue
            if config.task == "causal-lm":
                chat = bool(getattr(tokenizer, "chat_template", None)) and "prompt" in ex.fields
                prompt = render_prompt(tokenizer, text, None, chat) if "prompt" in ex.fields else text
                enc = tokenizer(prompt, return_tensors="pt", add_special_tokens=not chat).to(model.device)
            else:
                enc = tokenizer(text, return_tensors="pt", truncation=True,
                                max_length=config.max_length).to(model.device)
            generated = model.generate(**enc, max_new_tokens=MAX_NEW_TOKENS, do_sample=False, num_beams=1,
                                       pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id)
            if config.task == "causal-lm":
                generated = generated[:, enc["input_ids"].shape[1]:]
            out.append(tokenizer.decode(generated[0], skip_special_tokens=True).strip())
    return out


def compare_with_base(service, run_dir: str | Path, rows: int = 5, progress: ProgressCallback = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> list[ComparedRow]:
    """Run ``rows`` held-out rows through the run's base model and its fine-tuned model (``service`` loads both)."""
    summary = runs.summarize(run_dir)
    if summary.status != "finished" or not summary.model_path:
        raise WorkbenchError(translate("core", "This run has no finished model to compare."),
                             translate("core", "Pick a finished run in the history."))
    measured = runs.read_json(Path(run_dir) / COMPARISON_FILE)
    if measured.get("rows"):  # the run's own numbers: the same ones its summary shows
        return [ComparedRow(r["row"], r["input"], r["expected"], r["base"], r["tuned"]) for r in measured["rows"]]
    config = TrainConfig.from_json(runs.read_json(Path(run_dir) / runs.CONFIG_FILE))
    examples = held_out_rows(config, rows)
    kind = SERVICE_KIND[config.task]
    results: dict[str, list[str]] = {}
    for step, (which, ref) in enumerate((("base", config.model), ("tuned", summary.model_path))):
        cancel.raise_if_cancelled()
        progress(Progress(step, 2, translate("core", "Running the base model") if which == "base"
                          else translate("core", "Running the fine-tuned model")))
        handle = service.load(ref, kind=kind, cancel=cancel)
        with service.use(handle):
            results[which] = _predict(handle.model, handle.tokenizer, config, examples)
    progress(Progress(2, 2, translate("core", "Compared")))
    out = []
    for ex, base, tuned in zip(examples, results["base"], results["tuned"]):
        text, expected = input_of(config, ex)
        out.append(ComparedRow(ex.row, text, expected, base, tuned))
    return out
