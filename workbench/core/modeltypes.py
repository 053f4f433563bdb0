"""The workbench's own model types (the models trained from scratch): their names, their registration with
transformers' Auto classes, and which of them have no attention to show.

Low in core, so that loading (``service``, ``modelinfo``), attention and the anatomy ask it without importing
the training code. The model classes live beside their training (``pretrain/rnn.py``, ``pretrain/ngram_lm.py``);
``register_models`` reaches them by name through importlib, an arrow upward that the layers contract does not
see, on purpose: those two modules import only torch, transformers, numpy and ``pretrain/ngram.py`` (counts),
never the service or anything that loads a model, so no cycle can form, and torch loads only when a model does.
"""

from __future__ import annotations

import importlib

RNN = "workbench-rnn"  # config.model_type of the LSTM/GRU (pretrain/rnn.py)
NGRAM = "workbench-ngram"  # and of the n-gram model (pretrain/ngram_lm.py)
MODEL_TYPES = (RNN, NGRAM)
CLASS_MODULES = ("workbench.core.pretrain.rnn", "workbench.core.pretrain.ngram_lm")  # each has register()


def register_models() -> None:
    """Make the workbench's own model classes known to transformers' Auto classes (idempotent)."""
    for name in CLASS_MODULES:
        importlib.import_module(name).register()


def no_attention_reason(config) -> tuple[str, str] | None:
    """(message, hint) when a model has no attention to show (a recurrent or n-gram model), else None."""
    model_type = getattr(config, "model_type", "")
    if model_type not in MODEL_TYPES:
        return None
    from workbench.core.i18n import translate

    if model_type == NGRAM:
        return (translate("core", "This n-gram model has no attention: it predicts each token from counts of the "
                                  "{n} tokens before it.").format(n=max(0, int(getattr(config, "order", 1)) - 1)),
                translate("core", "Train a Transformer on the same text (Fine-tune → From scratch) to see attention; "
                                  "Generate and Perplexity work on this model."))

    cell = str(getattr(config, "cell", "lstm")).upper()
    return (translate("core", "This {cell} has no attention: it reads the text one token at a time and carries "
                              "what it has read in a hidden state, so there are no attention weights to show.")
            .format(cell=cell),
            translate("core", "Train a Transformer on the same text (Fine-tune → From scratch) to see attention; "
                              "Generate, Perplexity and Embeddings work on this model."))
