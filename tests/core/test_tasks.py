"""The task demos end to end on tiny random models: shapes and invariants, and the messages for bad input."""

from __future__ import annotations

import time

import pytest

from tasks_support import build_tiny_nli
from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError
from workbench.core.library import write_meta
from workbench.core.tasks import (TASKS, TaskInputs, choose_method, facts_from_folder, parse_labels, read_documents,
                                  run_task, suggested_task, tasks_for)


def run(service, task, model, **inputs):
    return run_task(service, task, str(model), TaskInputs(**inputs))


def assert_best_first(items):
    scores = [x.score for x in items]
    assert scores == sorted(scores, reverse=True)


def test_every_task_has_examples_in_english_and_chinese():
    for task in TASKS.values():
        assert {e.language for e in task.examples} == {"en", "zh"}, task.name
        for example in task.examples:
            assert set(example.values) <= {f.name for f in task.fields}, task.name
            assert example.values["text"].strip()


def test_sentiment_with_a_classifier_scores_its_labels(service, tiny):
    started = time.perf_counter()
    result = run(service, "sentiment", tiny("bert-classifier"), text="I loved this film.")
    elapsed = time.perf_counter() - started
    assert result.method == "classifier" and not result.prompted
    assert {x.label for x in result.labels} == {"positive", "negative"}
    assert sum(x.score for x in result.labels) == pytest.approx(1.0, abs=1e-5)
    assert_best_first(result.labels)
    data = result.to_json()
    assert set(data["labels"][0]) == {"label", "score"} and "note" not in data
    assert 0 < data["seconds"] <= elapsed  # the model's time, within the call's


def test_over_long_input_is_truncated_with_a_visible_note(service, tiny):
    result = run(service, "sentiment", tiny("bert-classifier"), text="wonderful film " * 400)
    assert "only its first 128 tokens were read" in result.note
    assert "note" in result.to_json()


def test_classify_by_nli_uses_the_typed_labels(service, tiny, tmp_path):
    nli = build_tiny_nli(tiny("bert-classifier"), tmp_path / "nli")
    result = run(service, "classify", nli, text="The team won the cup.", labels=["sports", "politics", "science"])
    assert result.method == "nli"
    assert sorted(x.label for x in result.labels) == ["politics", "science", "sports"]
    assert sum(x.score for x in result.labels) == pytest.approx(1.0, abs=1e-4)
    assert_best_first(result.labels)
    long = run(service, "classify", nli, text="the team won " * 200, labels=["sports", "politics"])
    assert "it was cut to fit" in long.note


def test_classify_by_prompting_scores_every_label_and_says_so(service, tiny):
    result = run(service, "classify", tiny("llama"), text="The team won the cup.", labels=["sports", "politics"])
    assert result.method == "prompt-labels" and result.prompted
    assert sorted(x.label for x in result.labels) == ["politics", "sports"]
    assert sum(x.score for x in result.labels) == pytest.approx(1.0, abs=1e-5)
    assert_best_first(result.labels)
    assert "Done by prompting" in result.to_json()["note"]


def test_classify_with_a_classifier_keeps_only_its_known_labels(service, tiny):
    result = run(service, "classify", tiny("bert-classifier"), text="fine", labels=["Positive", "sports"])
    assert [x.label for x in result.labels] == ["positive"]
    assert "Only the labels this classifier knows" in result.note
    with pytest.raises(WorkbenchError, match="its own labels \\(negative, positive\\)"):
        run(service, "classify", tiny("bert-classifier"), text="fine", labels=["sports"])


def test_classify_without_labels_explains(service, tiny):
    with pytest.raises(WorkbenchError, match="needs labels"):
        run(service, "classify", tiny("llama"), text="The team won the cup.")


def test_ner_spans_point_into_the_text_across_lines(service, tiny):
    text = "Marie Curie was born in Warsaw.\n\nShe worked in Paris. " + "Then she went home. " * 60
    result = run(service, "ner", tiny("bert-ner"), text=text)
    assert result.source == text
    assert result.spans, "a random tagger still tags something"
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.text == text[span.start:span.end]
        assert span.label in {"PER", "LOC"}
        assert 0 <= span.score <= 1
    assert "read line by line" in result.note


def test_qa_answer_lies_in_the_context_and_long_contexts_are_windowed(service, tiny):
    context = "Paris is the capital of France. " * 40
    result = run(service, "qa", tiny("bert-qa"), text="What is the capital of France?", context=context)
    assert 1 <= len(result.spans) <= 3
    assert_best_first(result.spans)
    for span in result.spans:
        assert span.text == context[span.start:span.end] and span.label == "answer"
    assert "overlapping windows" in result.note
    data = result.to_json()
    assert set(data["spans"][0]) == {"start", "end", "label", "score", "text"}


def test_qa_without_context_explains(service, tiny):
    with pytest.raises(WorkbenchError, match="needs a context"):
        run(service, "qa", tiny("bert-qa"), text="Where?", context="  ")


@pytest.mark.parametrize("task,kind", [("summarize", "t5"), ("translate", "t5"), ("translate", "marian")])
def test_seq2seq_tasks_return_text_beside_the_source(service, tiny, task, kind):
    result = run(service, task, tiny(kind), text="The weather is lovely today.", max_new_tokens=6)
    assert result.method == "seq2seq" and result.source == "The weather is lovely today."
    assert isinstance(result.text, str)
    assert set(result.to_json()) >= {"text", "seconds"}
    if kind == "marian":
        assert "translates the language pair it was trained on" in result.note


def test_over_long_seq2seq_input_is_cut_with_a_note(service, tiny):
    result = run(service, "summarize", tiny("t5"), text="the weather is lovely today " * 200, max_new_tokens=4)
    assert "only its first" in result.note and "tokens were read" in result.note


def test_marian_does_not_fit_summarize(service, tiny):
    facts = facts_from_folder("marian", tiny("marian"))
    assert choose_method("summarize", facts) is None
    with pytest.raises(WorkbenchError, match="cannot do summarize") as err:
        run(service, "summarize", tiny("marian"), text="Some text.")
    assert "sequence-to-sequence" in err.value.hint


@pytest.mark.parametrize("task", ["summarize", "translate"])
def test_instruct_model_does_text_tasks_by_prompting(service, tiny, task):
    result = run(service, task, tiny("llama"), text="The weather is lovely today.", max_new_tokens=4,
                 source_lang="English", target_lang="German")
    assert result.method == "prompt-text" and result.prompted
    assert "Done by prompting" in result.note


def test_fill_mask_ranks_candidates_and_fills_the_sentence(service, tiny):
    result = run(service, "fill-mask", tiny("bert-mlm"), text="Paris is the [MASK] of France.")
    assert len(result.labels) == 5
    assert_best_first(result.labels)
    assert result.text


def test_fill_mask_needs_exactly_one_mask(service, tiny):
    with pytest.raises(WorkbenchError, match="has 0 masks"):
        run(service, "fill-mask", tiny("bert-mlm"), text="Paris is the capital of France.")


def test_search_ranks_every_document_and_notes_truncation(service, tiny):
    docs = ["water the plants", "the stock market", "word " * 300]
    result = run(service, "search", tiny("bert"), text="plants", documents=docs)
    assert sorted(r.index for r in result.results) == [0, 1, 2]
    assert [r.document for r in result.results] == [docs[r.index].strip() for r in result.results]
    assert_best_first(result.results)
    assert all(-1.0001 <= r.score <= 1.0001 for r in result.results)
    assert "1 document was longer than 128 tokens" in result.note
    assert set(result.to_json()["results"][0]) == {"document", "score", "index"}


def test_search_without_documents_explains(service, tiny):
    with pytest.raises(WorkbenchError, match="no documents"):
        run(service, "search", tiny("bert"), text="plants", documents=["", "  "])


@pytest.mark.parametrize("task,kind", [("chat", "llama"), ("generate", "gpt2")])
def test_generation_tasks_return_text(service, tiny, task, kind):
    result = run(service, task, tiny(kind), text="Hello", max_new_tokens=5)
    assert result.shape == "text" and isinstance(result.text, str) and not result.prompted
    assert len(service.loaded()[0].tokenizer(result.text, add_special_tokens=False)["input_ids"]) <= 5


def test_over_long_prompt_explains(service, tiny):
    with pytest.raises(WorkbenchError, match="reads at most 256 tokens"):
        run(service, "chat", tiny("llama"), text="hello world " * 300)


def test_empty_input_explains(service, tiny):
    with pytest.raises(WorkbenchError, match="The text is empty"):
        run(service, "sentiment", tiny("bert-classifier"), text="   ")


def test_a_model_that_does_not_fit_says_which_kinds_do(service, tiny):
    with pytest.raises(WorkbenchError, match="cannot do named entities") as err:
        run(service, "ner", tiny("gpt2"), text="Marie Curie")
    assert "token-classification" in err.value.hint
    with pytest.raises(WorkbenchError, match="cannot do semantic search"):
        run(service, "search", tiny("gpt2"), text="x", documents=["y"])


def test_unknown_task_explains(service, tiny):
    with pytest.raises(WorkbenchError, match="no task called 'poetry'"):
        run(service, "poetry", tiny("gpt2"), text="x")


def test_stop_during_generation_ends_the_job(service, tiny):
    token = CancelToken()
    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    forward = handle.model.forward
    steps = []

    def counting_forward(*args, **kwargs):
        steps.append(1)
        if len(steps) == 3:
            token.cancel()  # the user presses Stop while the third token is computed
        return forward(*args, **kwargs)

    handle.model.forward = counting_forward
    with pytest.raises(Cancelled):
        run_task(service, "generate", str(tiny("gpt2")), TaskInputs(text="Hello", max_new_tokens=200), cancel=token)
    assert len(steps) == 3


def test_stop_between_chunks(service, tiny):
    token = CancelToken()

    def progress(event):
        if "Embedded" in event.message:
            token.cancel()

    with pytest.raises(Cancelled):
        run_task(service, "search", str(tiny("bert")), TaskInputs(text="q", documents=["d"] * 40),
                 cancel=token, progress=progress)


def test_which_models_fit_which_tasks(tiny, tmp_path):
    def fits(kind):
        return set(tasks_for(facts_from_folder(kind, tiny(kind))))

    assert fits("bert-classifier") == {"sentiment", "classify"}
    assert fits("bert-ner") == {"ner"}
    assert fits("bert-qa") == {"qa"}
    assert fits("bert-mlm") == {"fill-mask"}
    assert fits("bert") == {"search"}
    assert fits("t5") == {"summarize", "translate"}
    assert fits("marian") == {"translate"}
    assert fits("llama") == {"sentiment", "classify", "summarize", "translate", "chat", "generate"}
    nli = facts_from_folder("nli", build_tiny_nli(tiny("bert-classifier"), tmp_path / "nli"))
    assert choose_method("classify", nli) == "nli" and choose_method("sentiment", nli) is None


def test_fine_tuned_models_are_recognised_from_their_metadata(tiny, tmp_path):
    import shutil

    folder = tmp_path / "my-reviews"
    shutil.copytree(tiny("bert-classifier"), folder)
    write_meta(folder, {"task": "classification", "base_model": "bert-base"})
    facts = facts_from_folder("my-reviews", folder)
    assert facts.description == "fine-tuned for classification from bert-base"
    assert suggested_task(facts) == "sentiment"
    assert suggested_task(facts_from_folder("t5", tiny("t5"))) == "summarize"
    assert suggested_task(facts_from_folder("bert-ner", tiny("bert-ner"))) == "ner"
    assert suggested_task(facts_from_folder("llama", tiny("llama"))) == "chat"


def test_read_documents_from_text_and_csv(tmp_path):
    txt = tmp_path / "docs.txt"
    txt.write_text("first\n\n second \n", encoding="utf-8")
    assert read_documents(txt) == ["first", "second"]
    csv_file = tmp_path / "docs.csv"
    csv_file.write_text('id,text\n1,"hello, world"\n2,bye\n3,\n', encoding="utf-8")
    assert read_documents(csv_file) == ["hello, world", "bye"]
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("室内植物每周浇一次水。\n股市在利率决定后大幅下跌。\n".encode("gbk"))
    assert read_documents(gbk)[1] == "股市在利率决定后大幅下跌。"
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="empty.txt is empty"):
        read_documents(empty)
    with pytest.raises(WorkbenchError, match="missing.txt does not exist"):
        read_documents(tmp_path / "missing.txt")
    semicolons = tmp_path / "docs-semicolons.csv"  # the table reader's separators
    semicolons.write_text("text;source\nfirst one;a\nsecond one;b\n", encoding="utf-8")
    assert read_documents(semicolons) == ["first one", "second one"]


def test_parse_labels():
    assert parse_labels(" sports, politics ,,sports，科技、体育 ") == ["sports", "politics", "科技", "体育"]
