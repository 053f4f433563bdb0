"""`workbench task` from the command line: JSON shapes, errors, and real quality on the starter models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks_support import starter_encoder

ROOT = Path(__file__).resolve().parents[2]


def workbench(*args, stdin: str | None = None):
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2")}
    return subprocess.run([sys.executable, "-m", "workbench", "task", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, input=stdin, timeout=600)


def test_sentiment_json(tiny):
    started = time.perf_counter()
    out = workbench("sentiment", "-m", str(tiny("bert-classifier")), "--input", "I loved it", "--json")
    elapsed = time.perf_counter() - started
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [set(x) for x in data["labels"]] == [{"label", "score"}] * 2
    assert data["labels"][0]["score"] >= data["labels"][1]["score"]
    assert 0 < data["seconds"] < elapsed and "note" not in data  # the model's time, within the command's


def test_qa_json_spans_and_text_output(tiny):
    context = "Paris is the capital of France."
    out = workbench("qa", "-m", str(tiny("bert-qa")), "--input", "What is the capital?", "--context", context, "--json")
    assert out.returncode == 0, out.stderr
    span = json.loads(out.stdout)["spans"][0]
    assert context[span["start"]:span["end"]] == span["text"]
    plain = workbench("qa", "-m", str(tiny("bert-qa")), "--input", "What is the capital?", "--context", context)
    assert plain.returncode == 0 and "answer" in plain.stdout and "s, qa)" in plain.stdout


def test_classify_by_prompting_has_a_note(tiny):
    out = workbench("classify", "-m", str(tiny("llama")), "--input", "The team won.", "--labels", "sports,politics",
                    "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert sorted(x["label"] for x in data["labels"]) == ["politics", "sports"]
    assert data["method"] == "prompt-labels" and "Done by prompting" in data["note"]


def test_search_reads_documents_from_a_csv(tiny, tmp_path):
    docs = tmp_path / "docs.csv"
    docs.write_text("text\nwater the plants\nthe stock market\n", encoding="utf-8")
    out = workbench("search", "-m", str(tiny("bert")), "--input", "plants", "--documents", str(docs), "--json")
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)["results"]
    assert sorted(r["index"] for r in results) == [0, 1]
    assert results[0]["score"] >= results[1]["score"]


def test_translate_text_json(tiny):
    out = workbench("translate", "-m", str(tiny("t5")), "--input", "-", "--source-lang", "English", "--target-lang",
                    "German", "--max-new-tokens", "4", "--json", stdin="Good morning")
    assert out.returncode == 0, out.stderr
    assert isinstance(json.loads(out.stdout)["text"], str)


def test_errors_are_one_line_with_a_hint(tiny, tmp_path):
    out = workbench("ner", "-m", str(tiny("gpt2")), "--input", "Marie Curie")
    assert out.returncode == 1
    assert "cannot do named entities" in out.stderr and "hint: This task needs a token-classification" in out.stderr
    assert "Traceback" not in out.stderr
    out = workbench("search", "-m", str(tiny("bert")), "--input", "x", "--documents", str(tmp_path / "none.txt"))
    assert out.returncode == 1 and "none.txt does not exist" in out.stderr and "hint: " in out.stderr
    out = workbench("poetry", "-m", "x", "--input", "y")
    assert out.returncode == 2


STARTER_DOCS = [
    "Water indoor plants once a week and give them bright, indirect light.",
    "The stock market fell sharply after the central bank raised interest rates.",
    "Our football team won the championship match in extra time.",
    "Bake the bread at 220 degrees for thirty minutes until the crust is golden.",
    "The train to Berlin leaves from platform four at nine in the morning.",
]


QUERIES = [
    ("How should I look after my houseplants?", 0),
    ("Shares dropped when rates went up", 1),
    ("Who won the soccer game?", 2),
    ("How long does a loaf need in the oven?", 3),
    ("When does the rail service to Germany's capital depart?", 4),
]


@pytest.mark.starter
@pytest.mark.skipif(starter_encoder() is None, reason="the all-MiniLM-L6-v2 starter package is not installed")
def test_starter_search_ranks_the_paraphrased_document_first(service, tmp_path):
    from workbench.core.tasks import TaskInputs, run_task

    for query, expected in QUERIES:
        result = run_task(service, "search", "all-minilm-l6-v2", TaskInputs(text=query, documents=STARTER_DOCS))
        assert result.results[0].index == expected, (query, result.results[0].document)
    docs = tmp_path / "docs.txt"
    docs.write_text("\n".join(STARTER_DOCS), encoding="utf-8")
    out = workbench("search", "-m", "all-minilm-l6-v2", "--input", QUERIES[0][0], "--documents", str(docs), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["results"][0]["index"] == 0


@pytest.mark.starter
def test_starter_chat_knows_the_capital_of_france(smollm2, starter_store, monkeypatch):
    monkeypatch.setenv("WORKBENCH_STORE", str(starter_store))  # the conversion made once per session
    out = workbench("chat", "-m", "smollm2-135m-instruct", "--input", "What is the capital of France?",
                    "--max-new-tokens", "24", "--json")
    assert out.returncode == 0, out.stderr
    assert "Paris" in json.loads(out.stdout)["text"]


@pytest.mark.starter
@pytest.mark.skipif(starter_encoder() is None, reason="the all-MiniLM-L6-v2 starter package is not installed")
def test_tasks_benchmark_reports_search_throughput():
    out = subprocess.run([sys.executable, "-m", "workbench", "bench", "tasks", "--quick", "--json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    figures = json.loads(out.stdout)
    assert figures["search_documents"] == 64
    assert figures["search_docs_per_s"] > 0 and figures["search_ratio"] > 0
