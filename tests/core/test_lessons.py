"""Lesson files: the packaged ones load, a malformed one is reported by file and line while the others load,
progress is kept in the settings, and a question's answer is the live model's."""

from __future__ import annotations

import re
import textwrap

import pytest

from workbench.core import lessons as L
from workbench.core.glossary import load_glossary
from workbench.core.settings import Settings, load, save
from workbench.ui import view_actions

VIEWS = view_actions.params()
LESSON_IDS = ["next-token", "counting-to-neural", "words-as-vectors", "self-attention", "why-that-token",
              "fine-tuning", "evaluating"]

GOOD = textwrap.dedent("""\
    id: mine
    title: {en: My lesson, zh: 我的课}
    steps:
      - id: one
        title: {en: One, zh: 一}
        text: {en: Text, zh: 正文}
        formula: "p = softmax(z)"
        action:
          view: generate
          inputs: {prompt: Hello, greedy: true}
    """)


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_packaged_lessons_load_and_name_only_registered_views():
    loaded = L.load_lessons(VIEWS, [L.PACKAGE_DIR])
    assert loaded.problems == []
    assert [x.id for x in loaded.lessons] == LESSON_IDS
    for lesson in loaded.lessons:
        for step in lesson.steps:
            assert step.title.en and step.title.zh and step.text.en and step.text.zh
            if step.action is not None:
                assert step.action.view in view_actions.ACTIONS
                assert set(step.action.inputs) <= set(VIEWS[step.action.view])
            if step.question is not None:
                assert step.question.answer in L.ANSWERS
    assert any(s.question for x in loaded.lessons for s in x.steps)
    used = {(x.id, s.id): s.action.view for x in loaded.lessons for s in x.steps if s.action is not None}
    assert used[("words-as-vectors", "word2vec")] == "word-vectors"
    assert used[("self-attention", "switch-off")] == "ablation"


@pytest.mark.parametrize("bad, line, message", [
    ("id: x\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n    text: {en: T, zh: 文}\n"
     "    action:\n      view: ngram-lab\n", 8, "opens the view “ngram-lab”, which this version does not have"),
    ("id: x\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n    text: {en: T, zh: 文}\n"
     "    action:\n      view: generate\n      inputs: {prompt: a, layer: 3}\n", 9, "takes no input “layer”"),
    ("id: x\ntitle: {en: A}\nsteps: []\n", 2, "title lacks the key “zh”"),
    ("id: x\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n    txt: {en: T, zh: 文}\n",
     4, "unknown key “txt”"),
    ("id: x\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n    text: {en: T, zh: 文}\n"
     "    question:\n      ask: {en: Q, zh: 问}\n      answer: next-token\n", 8, "needs the input “prompt”"),
    ("id: x\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: [unclosed\n", 6, "not valid YAML"),
    ("id: x\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n    text: {en: T, zh: 文}\n"
     "  - id: s\n    title: {en: B, zh: 乙}\n    text: {en: T, zh: 文}\n", 7, "Two steps are called “s”"),
    ("- just\n- a list\n", 1, "The lesson must be a mapping"),
    ("id: x y\ntitle: {en: A, zh: 甲}\nsteps: []\n", 1, "id must be a name of letters"),
])
def test_a_malformed_file_is_reported_with_its_line_and_the_others_load(tmp_path, bad, line, message):
    write(tmp_path, "a-good.yaml", GOOD)
    path = write(tmp_path, "b-bad.yaml", bad)
    loaded = L.load_lessons(VIEWS, [tmp_path])
    assert [x.id for x in loaded.lessons] == ["mine"]
    (problem,) = loaded.problems
    assert problem.path == path and problem.line == line and message in problem.message
    assert str(problem).startswith(f"{path}:{line}: ")


def test_a_folded_chinese_line_break_leaves_no_space_between_chinese_characters(tmp_path):
    write(tmp_path, "zh.yaml", "id: zh\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n"
                              "    text:\n      en: >-\n        one\n        two\n      zh: >-\n        有的看自己，\n"
                              "        有的看前一个 token\n        和 softmax\n")
    step = L.load_lessons(VIEWS, [tmp_path]).find("zh").steps[0]
    assert step.text.en == "one two" and step.text.zh == "有的看自己，有的看前一个 token 和 softmax"


def test_a_users_lesson_joins_the_packaged_ones(tmp_path):
    write(L.user_dir(), "mine.yaml", GOOD)
    loaded = L.load_lessons(VIEWS)
    assert "mine" in [x.id for x in loaded.lessons] and "next-token" in [x.id for x in loaded.lessons]
    assert loaded.find("mine").steps[0].action.inputs == {"prompt": "Hello", "greedy": True}


def test_progress_is_kept_in_the_settings_and_a_lesson_restarts():
    lesson = L.load_lessons(VIEWS, [L.PACKAGE_DIR]).find("next-token")
    settings = Settings()
    assert L.next_step(settings, lesson) == 0
    L.mark_done(settings, lesson.id, lesson.steps[0].id)
    L.mark_done(settings, lesson.id, lesson.steps[0].id)
    save(settings)
    again = load().settings
    assert L.done_steps(again, lesson.id) == [lesson.steps[0].id] and L.next_step(again, lesson) == 1
    L.restart(again, lesson.id)
    assert L.next_step(again, lesson) == 0


def test_answers_are_the_models_own(service, tiny):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = str(tiny("gpt2"))
    tok, model = AutoTokenizer.from_pretrained(path), AutoModelForCausalLM.from_pretrained(path)
    with torch.inference_mode():
        logits = model(**tok("The capital of France is", return_tensors="pt")).logits[0, -1]
    best = tok.decode([int(logits.argmax())])
    question = L.Question(L.Text("", ""), "next-token", {"prompt": "The capital of France is"})
    text = L.answer(service, question, path)
    assert f"“{best}”" in text.split(" (p = ")[0]
    shown = float(re.search(r"p = ([\d.]+)%", text).group(1)) / 100
    assert shown == pytest.approx(float(torch.softmax(logits, -1).max()), abs=0.0006)  # shown to 0.1 %
    layer = L.answer(service, L.Question(L.Text("", ""), "lens-layer", {"prompt": "The capital of France is"}), path)
    assert f"“{best}”" in layer and "of 2 on" in layer
    ppl = L.answer(service, L.Question(L.Text("", ""), "lower-perplexity", {"text_a": "a b c", "text_b": "c b a"}), path)
    assert "perplexity" in ppl
    attr = L.answer(service, L.Question(L.Text("", ""), "top-attribution", {"prompt": "The capital of"}), path)
    assert "largest score" in attr


def test_previous_token_head_is_read_from_the_models_own_attention(service, tiny):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = str(tiny("gpt2"))
    text = "The cat sat on the mat because it was tired."
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, attn_implementation="eager")
    with torch.inference_mode():
        attentions = model(**tok(text, return_tensors="pt"), output_attentions=True).attentions
    # mean weight on the token just before, per (layer, head), from the weights the model returns
    previous = torch.stack([a[0].diagonal(offset=-1, dim1=-2, dim2=-1).mean(-1) for a in attentions])
    layer, head = divmod(int(previous.argmax()), previous.shape[1])
    answer = L.answer(service, L.Question(L.Text("", ""), "previous-token-head", {"text": text}), path)
    assert answer.startswith(f"Layer {layer}, head {head}:"), answer
    shown = float(re.search(r"on average (\d+)%", answer).group(1)) / 100
    assert shown == pytest.approx(float(previous.max()), abs=0.006)  # shown to 1 %, stored as float16
    assert f"all {previous.numel()} heads is {float(previous.mean()):.0%}" in answer
    with pytest.raises(Exception, match="one token long"):
        L.answer(service, L.Question(L.Text("", ""), "previous-token-head", {"text": "a"}), path)


def test_glossary_searches_both_languages_and_maps_variants():
    lessons = [x.id for x in L.load_lessons(VIEWS, [L.PACKAGE_DIR]).lessons]
    glossary = load_glossary(VIEWS, lessons)
    assert glossary.problems == [] and len(glossary.terms) >= 40
    assert glossary.search("困惑度")[0].term.en == "perplexity"
    assert glossary.search("Perplexity")[0].term.zh == "困惑度"
    key = glossary.lookup("密钥")
    assert key.term.zh == "键" and key.by_variant and "键" in key.term.note.zh
    assert {m.term.en for m in glossary.search("注意力")} >= {"attention", "self-attention", "multi-head attention"}
    for term in glossary.terms:
        assert not term.view or term.view in view_actions.ACTIONS
        assert not term.lesson or term.lesson in lessons


def test_glossary_reports_a_link_to_a_missing_view(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("- en: n-gram model\n  zh: n 元语法模型\n  definition: {en: Counts, zh: 计数}\n"
                    "  view: ngram-lab\n- en: token\n  zh: 词元\n  definition: {en: A unit, zh: 单位}\n",
                    encoding="utf-8")
    glossary = load_glossary(VIEWS, [], path)
    assert [t.en for t in glossary.terms] == ["token"]
    (problem,) = glossary.problems
    assert problem.line == 1 and "“ngram-lab”" in problem.message


def test_lessons_command_lists_and_checks(tmp_path):
    import json

    from cli_support import run_cli

    doc = json.loads(run_cli("lessons", "--check", "--json", check=True).stdout)
    assert [x["id"] for x in doc["lessons"]] == LESSON_IDS
    assert doc["problems"] == [] and "generate" in doc["views"]
    write(L.user_dir(), "bad.yaml", "id: bad\ntitle: {en: A, zh: 甲}\nsteps:\n  - id: s\n    title: {en: A, zh: 甲}\n"
                                    "    text: {en: T, zh: 文}\n    action: {view: head-lab}\n")
    out = run_cli("lessons", "--check", "--json")
    assert out.returncode == 1
    (problem,) = json.loads(out.stdout)["problems"]
    assert problem["path"].endswith("bad.yaml") and problem["line"] == 7 and "“head-lab”" in problem["message"]
