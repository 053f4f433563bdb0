"""Language models trained from scratch on the user's own text (an LSTM/GRU, a small Transformer, or n-gram counts).

Kept light: ``MODEL_TYPES`` and ``register_models`` are what the rest of core needs before loading a
model; torch and transformers load only when ``register_models`` runs.
"""

from __future__ import annotations

MODEL_TYPES = ("workbench-rnn", "workbench-ngram")  # config.model_type of the models defined here


def register_models() -> None:
    """Make the workbench's own model classes known to transformers' Auto classes (idempotent)."""
    from workbench.core.pretrain import ngram_lm, rnn

    rnn.register()
    ngram_lm.register()


def no_attention_reason(config) -> tuple[str, str] | None:
    """(message, hint) when a model has no attention to show (a recurrent model), else None."""
    model_type = getattr(config, "model_type", "")
    if model_type not in MODEL_TYPES:
        return None
    from workbench.core.i18n import translate

    if model_type == "workbench-ngram":
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
