"""Fixtures' helpers for the Tasks tests: a tiny zero-shot NLI classifier and the starter encoder's folder."""

from __future__ import annotations

from pathlib import Path


def build_tiny_nli(bert_classifier: Path, out: Path) -> Path:
    """A tiny random BERT with an NLI head (contradiction / neutral / entailment), tokenizer from ``bert_classifier``."""
    import torch
    import transformers as tf

    if (out / "config.json").exists():
        return out
    torch.manual_seed(1)
    tokenizer = tf.AutoTokenizer.from_pretrained(bert_classifier)
    config = tf.BertConfig.from_pretrained(bert_classifier)
    config.id2label = {0: "contradiction", 1: "neutral", 2: "entailment"}
    config.label2id = {v: k for k, v in config.id2label.items()}
    config.num_labels = 3
    model = tf.BertForSequenceClassification(config)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def starter_encoder() -> Path | None:
    """The all-MiniLM-L6-v2 starter folder, when its package is installed."""
    from workbench.core.library import STARTERS, starter_source

    return starter_source(next(s for s in STARTERS if s.name == "all-minilm-l6-v2"))
