"""`workbench pretrain --arch ngram` as users run it: the JSON contract without --out, then `generate` and
`perplexity` on the model by its name; bad inputs give one line and write nothing."""

from __future__ import annotations

import os
from pathlib import Path

from cli_support import run_cli, run_json
from pretrain_support import sentences


def test_json_then_generate_and_perplexity_by_name(tmp_path):
    data = tmp_path / "lines.txt"
    data.write_text(sentences(150), encoding="utf-8")
    out = run_json("pretrain", "--data", str(data), "--arch", "ngram", "--order", "3", "--smoothing", "add-k",
                   "--k", "0.5", "--tokenizer", "char", "--json")
    assert out["status"] == "finished" and out["name"].startswith("lines-ngram-")
    assert isinstance(out["parameters"], int) and out["parameters"] > 0  # the stored n-grams
    assert set(out["metrics"]) == {"val_loss", "val_perplexity"} and 1 < out["metrics"]["val_perplexity"] < 5
    assert len(out["samples"]) == 3 and all(isinstance(s, str) and s for s in out["samples"])
    assert os.path.isfile(Path(out["model_path"]) / "ngram.safetensors")

    generated = run_json("generate", "-m", out["name"], "-p", "", "--max-new-tokens", "10", "--seed", "1", "--json")
    assert len(generated["tokens"]) >= 1 and generated["prompt_tokens"] == 1  # from <s>
    scored = run_json("perplexity", "-m", out["name"], "-t", "the cat sees a tree.\n", "--json")
    assert 1 < scored["perplexity"] < 10 and all(t["logprob"] is not None for t in scored["tokens"][1:])


def _runs_and_models(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if "ngram" in p.name)


def test_bad_input_one_line_and_nothing_written(tmp_path):
    import pytest

    from workbench.core.jobs import WorkbenchError
    from workbench.core.pretrain.train import PretrainConfig, run_pretraining

    home = Path(os.environ["WORKBENCH_HOME"])
    before = _runs_and_models(home)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("abcd", encoding="utf-8")
    for path, words in ((empty, "empty"), (short, "order-5")):
        result = run_cli("pretrain", "--data", str(path), "--arch", "ngram", "--order", "5", "--json")
        assert result.returncode == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2  # error + hint
        assert result.stdout == ""
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    for path, settings, words in ((binary, {}, "binary"), (short, {"smoothing": "add-k", "k": 0.0}, "infinite")):
        with pytest.raises(WorkbenchError) as err:
            run_pretraining(PretrainConfig(data=str(path), arch="ngram", **settings), tmp_path / "run")
        assert words in err.value.message.lower()
    assert _runs_and_models(home) == before and not (tmp_path / "run").exists()
