"""A model's anatomy: plain-words configuration and module tree, totals equal to the real model's parameters."""

from __future__ import annotations

import pytest
from test_ablation import rnn_folder

from workbench.core.jobs import WorkbenchError


def _real_total(path, kind):
    import transformers

    from workbench.core.modeltypes import register_models

    register_models()
    cls = {"causal-lm": transformers.AutoModelForCausalLM, "masked-lm": transformers.AutoModelForMaskedLM,
           "seq2seq": transformers.AutoModelForSeq2SeqLM, "encoder": transformers.AutoModel}[kind]
    model = cls.from_pretrained(path)
    return sum(p.numel() for p in model.parameters()), model


def _check_tree(result):
    """Each module's count is its own plus its children's; the top level adds up to the total."""
    children: dict[str, int] = {}
    for row in result.modules:
        parent = row.name.rsplit(".", 1)[0] if "." in row.name else ""
        children[parent] = children.get(parent, 0) + row.parameters
    for row in result.modules:
        assert row.parameters == row.own + children.get(row.name, 0), row.name
    assert children[""] == result.parameters  # the root holds no parameters of its own in these models


@pytest.mark.parametrize("kind,expected", [
    ("gpt2", dict(layers=2, hidden_size=32, heads=4, kv_heads=4, head_dim=8, ffn_size=128, position="learned",
                  norm="LayerNorm", tied_embeddings=True, context=256, kind="causal-lm")),
    ("llama", dict(layers=2, hidden_size=32, heads=4, kv_heads=2, head_dim=8, ffn_size=64, position="rotary",
                   norm="RMSNorm", tied_embeddings=True, context=256, activation="silu (gated)")),
    ("bert-mlm", dict(layers=2, heads=4, kv_heads=4, position="learned", kind="masked-lm", context=128)),
    ("t5", dict(layers=2, heads=4, head_dim=8, ffn_size=64, position="relative", kind="seq2seq")),
])
def test_anatomy_from_config_matches_the_real_model(service, tiny, kind, expected):
    from workbench.core.inspect.anatomy import anatomy

    path = tiny(kind)
    result = anatomy(service, str(path))
    assert result.source == "config" and not service.loaded()  # built on the meta device: nothing loaded
    for key, value in expected.items():
        assert getattr(result, key) == value, key
    total, model = _real_total(path, result.kind)
    assert result.parameters == total
    assert result.vocab_size == model.config.vocab_size
    _check_tree(result)
    by_name = {row.name: row for row in result.modules}
    if result.tied_embeddings and kind != "t5":
        head = by_name["lm_head"] if kind != "bert-mlm" else by_name["cls.predictions.decoder"]
        assert head.shared == {"gpt2": ["transformer.wte.weight"], "llama": ["model.embed_tokens.weight"],
                               "bert-mlm": ["bert.embeddings.word_embeddings.weight", "cls.predictions.bias"]}[kind]
        assert head.parameters == head.own == 0
    doc = result.to_json()
    assert {"layers", "hidden_size", "heads", "kv_heads", "head_dim", "vocab_size", "context", "parameters",
            "modules"} <= set(doc)
    assert set(doc["modules"][0]) >= {"name", "type", "parameters"}
    assert [f["key"] for f in doc["summary"]][:3] == ["architecture", "parameters", "layers"]


def test_anatomy_of_a_loaded_model_is_that_model(service, tiny):
    from workbench.core.inspect.anatomy import anatomy

    handle = service.load(str(tiny("llama")))
    result = anatomy(service, str(tiny("llama")))
    assert result.source == "loaded"
    assert result.parameters == sum(p.numel() for p in handle.model.parameters())  # tied weight once
    assert sum(p.numel() for _, p in handle.model.named_parameters(remove_duplicate=False)) > result.parameters
    assert {row.name: row.type for row in result.modules}["model.layers.0.self_attn.o_proj"] == "Linear"


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_anatomy_of_a_from_scratch_rnn(service, tiny, tmp_path, cell):
    from workbench.core.inspect.anatomy import anatomy

    path = rnn_folder(tiny, tmp_path, cell)
    result = anatomy(service, str(path))
    total, _ = _real_total(path, "causal-lm")
    assert result.parameters == total
    assert (result.layers, result.hidden_size, result.position, result.cell) == (2, 16, "recurrent", cell)
    assert result.heads is None and result.context is None and not result.tied_embeddings
    assert "heads" not in [f.key for f in result.facts()] and result.facts()[2].value == cell.upper()
    _check_tree(result)


def test_anatomy_refuses_what_it_cannot_read(service, tmp_path):
    from workbench.core.inspect.anatomy import anatomy

    with pytest.raises(WorkbenchError, match="No model"):
        anatomy(service, "")
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "llama", "hidden_size": "big"}')
    with pytest.raises(WorkbenchError) as err:
        anatomy(service, str(folder))
    assert "broken" in err.value.message and err.value.hint
