"""A fair race (issue 25 §4): with the automatic defaults and the same short time limit, the LSTM, the small
Transformer and the n-gram model each write mostly well-formed lines of a little regular language.

Run it with ``-s`` to see each architecture's share of well-formed lines, steps and perplexity.
"""

from __future__ import annotations

import numpy as np
import pytest
from pretrain_support import SENTENCE, sentences

from workbench.core.pretrain.train import PretrainConfig, plan, run_pretraining, sample

LIMIT_MINUTES = 0.25  # per architecture: 15 s of training
SAMPLES, TOKENS = 8, 160


def well_formed_share(texts: list[str]) -> tuple[float, int]:
    """The share of complete lines (between two line breaks) that are sentences of the language."""
    lines = [line for text in texts for line in text.split("\n")[1:-1]]
    return (sum(bool(SENTENCE.match(line)) for line in lines) / len(lines) if lines else 0.0), len(lines)


def samples_of_model(arch: str, model_path: str) -> list[str]:
    import transformers

    from workbench.core.modeltypes import register_models

    register_models()
    model = transformers.AutoModelForCausalLM.from_pretrained(model_path)
    tokenizer = transformers.AutoTokenizer.from_pretrained(model_path)
    if arch == "ngram":
        rng = np.random.default_rng(7)
        return [tokenizer.decode(model.counts.sample(rng, TOKENS, {tokenizer.eos_token_id}), skip_special_tokens=True)
                for _ in range(SAMPLES)]
    context = model.config.n_positions if arch == "transformer" else TOKENS + 1
    return sample(model, tokenizer, context, seed=7, n=SAMPLES, max_new_tokens=TOKENS, arch=arch)


def test_the_transformer_defaults_come_with_reasons(tmp_path):
    data = tmp_path / "lines.txt"
    data.write_text(sentences(400), encoding="utf-8")
    chosen = {c["setting"]: c for c in plan(PretrainConfig(data=str(data), arch="transformer",
                                                           max_minutes=LIMIT_MINUTES)).to_json()["choices"]}
    assert chosen["hidden"]["value"] == 64 and chosen["lr"]["value"] == 1e-2 and chosen["batch_size"]["value"] == 16
    assert all(c["reason"] for c in chosen.values())
    mine = {c["setting"]: c for c in plan(PretrainConfig(data=str(data), arch="transformer", hidden=96, heads=3,
                                                         max_minutes=10)).to_json()["choices"]}
    assert mine["hidden"] == {"setting": "hidden", "value": 96, "reason": "your setting", "chosen": False}
    assert mine["lr"]["value"] == 3e-3  # chosen for the width the user gave
    assert plan(PretrainConfig(data=str(data), arch="transformer")).config.hidden == 128  # a small text


@pytest.mark.parametrize("arch", ["lstm", "transformer", "ngram"])
def test_each_architecture_writes_mostly_well_formed_lines_in_the_same_short_time(arch, tmp_path):
    data = tmp_path / "lines.txt"
    data.write_text(sentences(400), encoding="utf-8")
    result = run_pretraining(PretrainConfig(data=str(data), arch=arch, max_minutes=LIMIT_MINUTES), tmp_path / arch)
    if arch == "ngram":
        assert result["max_steps"] == 5  # characters: order 5 chosen
    assert result["status"] == "finished"
    share, lines = well_formed_share(samples_of_model(arch, result["model_path"]))
    print(f"\n{arch}: {share:.0%} of {lines} lines well-formed after {result['step']} steps, "
          f"validation perplexity {result['metrics']['val_perplexity']:.3f}")
    # "mostly": at least half. The n-gram's share is its own limit, not time's: a character 5-gram sees 4 characters
    # back, so after "finds the " it cannot tell that a subject ("cat") may not follow (57 % here; words: 100 %).
    assert lines >= 4 and share >= 0.5, (share, lines, result["step"])
