"""Metrics against the libraries' own values (sacrebleu, rouge-score, scikit-learn), English and Chinese, and the
`workbench score` command: JSON, files, table columns, bad input."""

from __future__ import annotations

import json

import pytest

from cli_support import run_cli
from workbench.core import metrics as M
from workbench.core.jobs import WorkbenchError

EN_PRED = ["the cat sat on the mat", "there is a dog in the garden", "it rained all day long"]
EN_REF = ["the cat is on the mat", "a dog is in the garden", "it was raining the whole day"]
ZH_PRED = ["今天天气很好，我们去公园散步。", "他正在图书馆看书", "机器翻译的质量越来越高"]
ZH_REF = ["今天天气不错，我们去公园走走。", "他在图书馆里读书", "机器翻译的质量正在不断提高"]


class Chars:
    """Each non-space character a token: the plain way to give rouge-score Chinese words."""

    def tokenize(self, text):
        return [ch for ch in text.lower() if ch.isalnum()]


def test_bleu_and_rouge_equal_the_libraries_own_in_english():
    import sacrebleu
    from rouge_score import rouge_scorer

    result = M.score(EN_PRED, EN_REF, ["bleu", "rouge"])
    own = sacrebleu.corpus_bleu(EN_PRED, [EN_REF])
    assert result["bleu"]["score"] == pytest.approx(own.score, abs=1e-9) and 0 < own.score < 100
    assert result["bleu"]["tokenize"] == "13a" and result["bleu"]["precisions"] == pytest.approx(own.precisions)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    rows = [scorer.score(r, p) for p, r in zip(EN_PRED, EN_REF)]
    for name in ("rouge1", "rouge2", "rougeL"):
        assert result["rouge"][name] == pytest.approx(sum(s[name].fmeasure for s in rows) / len(rows), abs=1e-12)
        assert 0 < result["rouge"][name] < 1


def test_bleu_and_rouge_equal_the_libraries_own_in_chinese():
    import sacrebleu
    from rouge_score import rouge_scorer

    result = M.score(ZH_PRED, ZH_REF, ["bleu", "rouge"])
    assert result["language"] == "zh" and result["bleu"]["tokenize"] == "zh"
    own = sacrebleu.corpus_bleu(ZH_PRED, [ZH_REF], tokenize="zh")
    assert result["bleu"]["score"] == pytest.approx(own.score, abs=1e-9)
    assert own.score != pytest.approx(sacrebleu.corpus_bleu(ZH_PRED, [ZH_REF]).score)  # the tokenizer matters
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False, tokenizer=Chars())
    rows = [scorer.score(r, p) for p, r in zip(ZH_PRED, ZH_REF)]
    for name in ("rouge1", "rouge2", "rougeL"):
        assert result["rouge"][name] == pytest.approx(sum(s[name].fmeasure for s in rows) / len(rows), abs=1e-12)
        assert 0.3 < result["rouge"][name] < 1  # rouge-score's own tokenizer would give 0 here
    assert result["rouge"]["tokenize"] == "chars"


def test_label_f1_equals_scikit_learn():
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    preds = ["pos", "neg", "pos", "neu", "neg", "pos", "neg"]
    refs = ["pos", "neg", "neg", "neu", "pos", "pos", "neu"]
    result = M.score(preds, refs, ["f1"])["f1"]
    labels = sorted(set(refs) | set(preds))
    p, r, f, s = precision_recall_fscore_support(refs, preds, labels=labels, zero_division=0)
    for i, label in enumerate(labels):
        got = result["per_class"][label]
        assert (got["precision"], got["recall"], got["f1"], got["support"]) == pytest.approx((p[i], r[i], f[i], s[i]))
    mp, mr, mf, _ = precision_recall_fscore_support(refs, preds, average="macro", zero_division=0)
    assert (result["macro_precision"], result["macro_recall"], result["macro_f1"]) == pytest.approx((mp, mr, mf))
    assert result["accuracy"] == pytest.approx(accuracy_score(refs, preds))


def test_exact_match_and_token_f1_as_squad():
    preds = ["The Eiffel Tower", "in 1889", "巴黎"]
    refs = ["Eiffel Tower!", "1889", "法国巴黎"]
    assert M.exact_match(preds, refs)["score"] == pytest.approx(1 / 3)
    # SQuAD: "in 1889" vs "1889": precision 1/2, recall 1 -> 2/3; 巴黎 vs 法国巴黎: 2 of 2 and 2 of 4 -> 2/3
    assert M.token_f1(preds, refs)["score"] == pytest.approx((1 + 2 / 3 + 2 / 3) / 3)


def test_distinct_n_counts_unique_ngrams():
    result = M.distinct(["a b a b", "a b c"], orders=(1, 2))
    assert result == {"distinct1": pytest.approx(3 / 7), "distinct2": pytest.approx(3 / 5)}
    assert M.distinct(["我我我"], orders=(1,))["distinct1"] == pytest.approx(1 / 3)


def test_row_overlaps_show_the_ngrams_behind_the_scores():
    import sacrebleu

    row = M.row_overlaps("the cat sat on the mat", "the cat is on the mat")
    assert [(o.n, o.matches, o.prediction_total) for o in row.bleu] == [(1, 5, 6), (2, 3, 5), (3, 1, 4), (4, 0, 3)]
    assert dict(row.bleu[0].matched)["the"] == 2 and row.lcs == ["the", "cat", "on", "the", "mat"]
    own = sacrebleu.sentence_bleu("the cat sat on the mat", ["the cat is on the mat"])
    assert row.bleu[0].matches == own.counts[0] and row.bleu[1].matches == own.counts[1]
    assert row.rouge_scores["rougeL"][2] == pytest.approx(5 / 6)
    zh = M.row_overlaps("今天天气很好", "今天天气不错")
    assert dict(zh.rouge[1].matched) == {"今天": 1, "天天": 1, "天气": 1} and zh.lcs == list("今天天气")


def test_bad_inputs_are_refused_by_name(tmp_path):
    with pytest.raises(WorkbenchError, match="Unknown metric"):
        M.parse_metrics("bleu,meteor")
    with pytest.raises(WorkbenchError, match="2 predictions but 1 references"):
        M.score(["a", "b"], ["a"], ["bleu"])
    table = tmp_path / "pairs.csv"
    table.write_text("output,target\nhello there,hello\nbye\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="no column “answer”") as exc:
        M.read_pairs(table, None, "output", "answer")
    assert "output, target" in exc.value.hint
    with pytest.raises(WorkbenchError, match=r"pairs.csv, row 3: the cell in column “target” is missing"):
        M.read_pairs(table, None, "output", "target")
    with pytest.raises(WorkbenchError, match="Name both columns"):
        M.read_pairs(table, None, "output", "")
    with pytest.raises(WorkbenchError, match="two files were given"):
        M.read_pairs(table, tmp_path / "other.csv", "output", "target")
    with pytest.raises(WorkbenchError, match="No references were given"):
        M.read_pairs(table)
    with pytest.raises(WorkbenchError, match="nothing to score"):
        M.score([], [], ["bleu"])
    (tmp_path / "p.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(WorkbenchError, match="p.txt has 3 lines but r.txt has 2"):
        M.read_pairs(tmp_path / "p.txt", tmp_path / "r.txt")


def test_score_command_json_from_files_and_columns(tmp_path):
    import sacrebleu

    (tmp_path / "p.txt").write_text("\n".join(ZH_PRED) + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("\n".join(ZH_REF) + "\n", encoding="utf-8")
    doc = json.loads(run_cli("score", "--pred", str(tmp_path / "p.txt"), "--ref", str(tmp_path / "r.txt"),
                             "--metrics", "bleu,rouge,token_f1,distinct", "--row", "1", "--json", check=True).stdout)
    assert set(doc) >= {"bleu", "rouge", "token_f1", "distinct", "overlaps"}
    assert doc["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(ZH_PRED, [ZH_REF], tokenize="zh").score)
    assert set(doc["rouge"]) >= {"rouge1", "rouge2", "rougeL"}
    table = tmp_path / "labels.csv"
    table.write_text("pred,gold\npos,pos\nneg,pos\nneg,neg\n", encoding="utf-8")
    doc = json.loads(run_cli("score", "--pred", str(table), "--column-pred", "pred", "--column-ref", "gold",
                             "--metrics", "f1,exact", "--json", check=True).stdout)
    assert doc["f1"]["accuracy"] == pytest.approx(2 / 3) and doc["exact"]["score"] == pytest.approx(2 / 3)
    bad = run_cli("score", "--pred", str(table), "--column-pred", "pred", "--column-ref", "label", "--json")
    assert bad.returncode == 1 and "no column “label”" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_cli("score", "--pred", str(tmp_path / "p.txt"), "--ref", str(tmp_path / "r.txt"), "--row", "9")
    assert bad.returncode == 2 and "--row must be from 1 to 3" in bad.stderr
    bad = run_cli("score", "--pred", str(tmp_path / "missing.txt"), "--ref", str(tmp_path / "r.txt"))
    assert bad.returncode == 1 and "missing.txt" in bad.stderr and "Traceback" not in bad.stderr
