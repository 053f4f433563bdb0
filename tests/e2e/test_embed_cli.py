"""`workbench embed` from the command line: the JSON shapes of the issue, the NPZ, and bad inputs."""

from __future__ import annotations

import numpy as np
import pytest
from cli_support import run_cli, run_json


def test_neighbours_and_analogy_json(tiny):
    model = str(tiny("gpt2"))
    data = run_json("embed", "-m", model, "--neighbours", "capital", "-k", "4", "--json")
    assert set(data) == {"word", "pieces", "neighbours"}
    assert data["word"] == "capital" and data["pieces"] and all(isinstance(p, str) for p in data["pieces"])
    assert len(data["neighbours"]) == 4
    assert all(set(n) == {"token", "id", "score"} for n in data["neighbours"])
    scores = [n["score"] for n in data["neighbours"]]
    assert scores == sorted(scores, reverse=True) and all(-1.0 <= s <= 1.0 for s in scores)

    data = run_json("embed", "-m", model, "--analogy", "Paris", "France", "Germany", "--json")
    assert data["query"] == "Paris - France + Germany" and len(data["neighbours"]) == 10


def test_map_json_and_npz(tiny, tmp_path):
    texts = tmp_path / "topics.csv"
    rows = ["text,label"] + [f"sentence about cats {i},cats" for i in range(4)] + \
           [f"the capital of France {i},places" for i in range(4)]
    texts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "map.npz"
    data = run_json("embed", "-m", str(tiny("bert")), "--texts", str(texts), "--label-column", "label",
                    "--clusters", "2", "--out", str(out), "--json")
    assert set(data) == {"items", "pooling", "explained_variance"}
    assert len(data["items"]) == 8 and len(data["explained_variance"]) == 2
    item = data["items"][0]
    assert set(item) == {"text", "label", "x", "y", "cluster", "neighbour"}
    assert item["label"] == "cats" and item["cluster"] in (0, 1)
    assert all(x["neighbour"] != i and 0 <= x["neighbour"] < 8 for i, x in enumerate(data["items"]))
    saved = np.load(out)
    assert saved["vectors"].shape[0] == 8 and saved["vectors"].dtype == np.float32
    assert list(saved["texts"]) == [x["text"] for x in data["items"]]
    assert list(saved["labels"])[-1] == "places"
    np.testing.assert_allclose(saved["xy"], [[x["x"], x["y"]] for x in data["items"]], atol=1e-5)


def test_contexts_json(tiny, tmp_path):
    sentences = tmp_path / "bank.txt"
    sentences.write_text("Paris is the capital of France.\nThe capital was spent.\nBerlin is the capital.\n")
    data = run_json("embed", "-m", str(tiny("llama")), "--contexts", "capital", "--texts", str(sentences), "--json")
    assert set(data) == {"word", "layers", "similarity"}
    assert data["layers"] == len(data["similarity"]) == 3
    assert all(len(layer) == 3 and all(len(row) == 3 for row in layer) for layer in data["similarity"])
    assert data["similarity"][0][0][1] == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("case", ["empty file", "unknown word", "missing column", "one text"])
def test_bad_input_is_one_clear_line_and_exit_1(case, tiny, tmp_path):
    model = str(tiny("bert"))
    table = tmp_path / "t.csv"
    table.write_text("text,label\nonly one,a\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    args, message = {
        "empty file": (["--texts", str(empty)], "empty.txt is empty"),
        "unknown word": (["--neighbours", "жжж"], "cannot form"),
        "missing column": (["--texts", str(table), "--column", "body"], "no column 'body'"),
        "one text": (["--texts", str(table)], "at least two texts"),
    }[case]
    out = run_cli("embed", "-m", model, *args, "--json")
    assert out.returncode == 1, out.stderr
    assert out.stdout == ""
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in out.stderr and len(lines) <= 2
    if len(lines) == 2:
        assert lines[1].startswith("hint: ")
