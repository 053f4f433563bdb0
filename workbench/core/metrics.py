"""Scoring predictions against references: BLEU, ROUGE, F1, exact match, distinct-n.

BLEU is sacrebleu's corpus BLEU (0–100; the ``zh`` tokenizer when the references are Chinese, else ``13a``),
ROUGE-1/2/L are rouge-score's F-measures (0–1) averaged over rows, with each Chinese character a token
(rouge-score's own tokenizer keeps only a–z and 0–9, which scores every Chinese text 0). Labels get
precision/recall/F1 per class and their macro average; extractive answers get SQuAD's exact match and token
F1 (0–1; Chinese answers compared character by character, as CMRC 2018 does); distinct-n counts the share of
n-grams that are unique among all predictions. ``row_overlaps`` shows the n-grams behind one row's scores.
"""

from __future__ import annotations

import collections
import re
import string
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

# name -> one-line explanation (shown beside the score; translated where shown)
METRICS = {
    "bleu": QT_TRANSLATE_NOOP("core", "BLEU (0–100): how many of the prediction's 1- to 4-word sequences appear in "
                                      "the reference (geometric mean of the four precisions), lowered when the "
                                      "prediction is shorter than the reference."),
    "rouge": QT_TRANSLATE_NOOP("core", "ROUGE (0–1): overlap with the reference seen from both sides; ROUGE-1 single "
                                       "words, ROUGE-2 word pairs, ROUGE-L the longest common subsequence (F-measure "
                                       "of precision and recall, averaged over rows)."),
    "f1": QT_TRANSLATE_NOOP("core", "Precision, recall and F1 per label (0–1): of the rows given a label, how many "
                                    "were right; of the rows that have it, how many were found; their harmonic "
                                    "mean. Macro: the plain average over labels."),
    "exact": QT_TRANSLATE_NOOP("core", "Exact match (0–1): the share of answers equal to the reference after "
                                       "lower-casing and removing punctuation, articles and extra spaces."),
    "token_f1": QT_TRANSLATE_NOOP("core", "Token F1 (0–1): the words (Chinese: characters) an answer shares with the "
                                          "reference, as the F1 of precision and recall, averaged over rows (SQuAD)."),
    "distinct": QT_TRANSLATE_NOOP("core", "Distinct-n (0–1): unique n-grams divided by all n-grams in the "
                                          "predictions; low values mean the model repeats itself."),
}
ALIASES = {"em": "exact", "exact_match": "exact", "squad": "token_f1", "distinct-n": "distinct",
           "distinct_n": "distinct", "rouge-score": "rouge", "sacrebleu": "bleu"}


def explanation(metric: str) -> str:
    return translate("core", METRICS[metric])


def parse_metrics(text: str) -> list[str]:
    """``"bleu,rouge,f1"`` as metric names; an unknown one is refused with the list of known ones."""
    names = []
    for raw in (part.strip().lower() for part in text.split(",")):
        if not raw:
            continue
        name = ALIASES.get(raw, raw)
        if name not in METRICS:
            raise WorkbenchError(translate("core", "Unknown metric “{name}”.").format(name=raw),
                                 translate("core", "Choose from: {names}.").format(names=", ".join(METRICS)))
        if name not in names:
            names.append(name)
    if not names:
        raise WorkbenchError(translate("core", "No metric was named."),
                             translate("core", "Choose from: {names}.").format(names=", ".join(METRICS)))
    return names


def _is_cjk(ch: str) -> bool:
    from workbench.core.finetune.train import _is_cjk as is_cjk  # the fine-tune's metrics share the rule (imported late: 0.1 s)

    return is_cjk(ch)


def chinese(references: list[str], predictions: list[str] = ()) -> bool:
    from workbench.core.finetune.train import looks_chinese

    return looks_chinese(list(references) + list(predictions))


# ---- BLEU ------------------------------------------------------------------------------------------

def bleu(predictions: list[str], references: list[str], tokenize: str = "auto") -> dict:
    import sacrebleu

    if tokenize == "auto":
        tokenize = "zh" if chinese(references) else "13a"
    result = sacrebleu.corpus_bleu(predictions, [references], tokenize=tokenize)
    return {"score": float(result.score), "precisions": [float(p) for p in result.precisions],
            "brevity_penalty": float(result.bp), "prediction_length": int(result.sys_len),
            "reference_length": int(result.ref_len), "tokenize": tokenize}


# ---- ROUGE -----------------------------------------------------------------------------------------

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


def rouge_tokenizer(is_chinese: bool):
    """None (rouge-score's own: lower-case words of a–z and 0–9) or each CJK character a token."""
    from workbench.core.finetune.train import CjkRougeTokenizer

    return CjkRougeTokenizer() if is_chinese else None


def rouge(predictions: list[str], references: list[str], tokenize: str = "auto") -> dict:
    from rouge_score import rouge_scorer

    is_chinese = chinese(references) if tokenize == "auto" else tokenize == "chars"
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False, tokenizer=rouge_tokenizer(is_chinese))
    rows = [scorer.score(ref, pred) for pred, ref in zip(predictions, references)]
    n = max(1, len(rows))
    out = {name: sum(r[name].fmeasure for r in rows) / n for name in ROUGE_TYPES}
    out["tokenize"] = "chars" if is_chinese else "words"
    return out


# ---- labels ----------------------------------------------------------------------------------------

def label_f1(predictions: list[str], references: list[str]) -> dict:
    """Precision, recall and F1 for each label, their macro average, and accuracy (labels compared stripped)."""
    preds = [p.strip() for p in predictions]
    refs = [r.strip() for r in references]
    labels = sorted(set(refs) | set(preds))
    per_class = {}
    for label in labels:
        tp = sum(p == label and r == label for p, r in zip(preds, refs))
        fp = sum(p == label and r != label for p, r in zip(preds, refs))
        fn = sum(p != label and r == label for p, r in zip(preds, refs))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    n = max(1, len(labels))
    return {"accuracy": sum(p == r for p, r in zip(preds, refs)) / max(1, len(refs)),
            "macro_precision": sum(c["precision"] for c in per_class.values()) / n,
            "macro_recall": sum(c["recall"] for c in per_class.values()) / n,
            "macro_f1": sum(c["f1"] for c in per_class.values()) / n, "per_class": per_class}


# ---- extractive answers (SQuAD) --------------------------------------------------------------------

_PUNCTUATION = set(string.punctuation) | {"，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’", "（", "）",
                                          "《", "》", "【", "】", "—", "…", "·", "「", "」"}


def normalize_answer(text: str) -> str:
    """SQuAD's normalisation: lower case, no punctuation, no English articles, single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION
                   and not unicodedata.category(ch).startswith("P"))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def split_cjk(words: list[str]) -> list[str]:
    """``words`` with every CJK character a token of its own (Chinese is not written with spaces)."""
    tokens = []
    for word in words:
        run = ""
        for ch in word:
            if _is_cjk(ch):
                if run:
                    tokens.append(run)
                    run = ""
                tokens.append(ch)
            else:
                run += ch
        if run:
            tokens.append(run)
    return tokens


def answer_tokens(text: str) -> list[str]:
    """Words of the normalised answer; each CJK character is a token of its own."""
    return split_cjk(normalize_answer(text).split())


def token_f1_row(prediction: str, reference: str) -> float:
    pred, ref = answer_tokens(prediction), answer_tokens(reference)
    if not pred or not ref:
        return float(pred == ref)
    common = sum((collections.Counter(pred) & collections.Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def exact_match(predictions: list[str], references: list[str]) -> dict:
    same = [normalize_answer(p) == normalize_answer(r) for p, r in zip(predictions, references)]
    return {"score": sum(same) / max(1, len(same))}


def token_f1(predictions: list[str], references: list[str]) -> dict:
    scores = [token_f1_row(p, r) for p, r in zip(predictions, references)]
    return {"score": sum(scores) / max(1, len(scores))}


# ---- diversity -------------------------------------------------------------------------------------

def diversity_tokens(text: str) -> list[str]:
    """Lower-case words; each CJK character a token (Chinese is not written with spaces)."""
    return split_cjk(text.lower().split())


def distinct(predictions: list[str], orders: tuple[int, ...] = (1, 2, 3)) -> dict:
    """distinct-n over all predictions together (Li et al., 2016)."""
    out = {}
    token_lists = [diversity_tokens(p) for p in predictions]
    for n in orders:
        grams = [tuple(t[i:i + n]) for t in token_lists for i in range(len(t) - n + 1)]
        out[f"distinct{n}"] = len(set(grams)) / len(grams) if grams else 0.0
    return out


# ---- everything at once ----------------------------------------------------------------------------

def check_pairs(predictions: list[str], references: list[str]) -> None:
    if len(predictions) != len(references):
        raise WorkbenchError(
            translate("core", "There are {p} predictions but {r} references.").format(
                p=len(predictions), r=len(references)),
            translate("core", "Give one reference for each prediction, in the same order (one per line or row)."))
    if not predictions:
        raise WorkbenchError(translate("core", "There is nothing to score."),
                             translate("core", "Give at least one prediction and its reference."))


def score(predictions: list[str], references: list[str], metrics: list[str]) -> dict:
    """``{metric: result}`` for each named metric (see ``METRICS``), plus ``rows`` and ``language``."""
    check_pairs(predictions, references)
    out: dict = {"rows": len(predictions), "language": "zh" if chinese(references, predictions) else "en"}
    for name in metrics:
        if name == "bleu":
            out["bleu"] = bleu(predictions, references)
        elif name == "rouge":
            out["rouge"] = rouge(predictions, references)
        elif name == "f1":
            out["f1"] = label_f1(predictions, references)
        elif name == "exact":
            out["exact"] = exact_match(predictions, references)
        elif name == "token_f1":
            out["token_f1"] = token_f1(predictions, references)
        elif name == "distinct":
            out["distinct"] = distinct(predictions)
    return out


# ---- the n-grams behind one row --------------------------------------------------------------------

@dataclass
class Overlap:
    n: int
    matched: list[tuple[str, int]]  # n-gram (joined with spaces), count matched (clipped by the reference)
    prediction_total: int
    reference_total: int

    @property
    def matches(self) -> int:
        return sum(c for _, c in self.matched)


@dataclass
class RowOverlaps:
    prediction_tokens: list[str]
    reference_tokens: list[str]
    bleu: list[Overlap]  # n = 1..4, on sacrebleu's tokens
    sentence_bleu: float
    rouge: list[Overlap]  # n = 1, 2, on ROUGE's tokens
    lcs: list[str]  # ROUGE-L's longest common subsequence
    rouge_scores: dict = field(default_factory=dict)  # rouge1/rouge2/rougeL -> (precision, recall, f)
    joiner: str = " "  # between tokens when shown ("" for Chinese characters)

    def to_json(self) -> dict:
        def grams(overlaps):
            return [{"n": o.n, "matched": [{"ngram": g, "count": c} for g, c in o.matched], "matches": o.matches,
                     "prediction_total": o.prediction_total, "reference_total": o.reference_total}
                    for o in overlaps]
        return {"prediction_tokens": self.prediction_tokens, "reference_tokens": self.reference_tokens,
                "bleu": grams(self.bleu), "sentence_bleu": self.sentence_bleu, "rouge": grams(self.rouge),
                "lcs": self.lcs, "rouge_scores": self.rouge_scores}


def _ngrams(tokens: list[str], n: int) -> collections.Counter:
    return collections.Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _overlap(pred: list[str], ref: list[str], n: int, joiner: str) -> Overlap:
    p, r = _ngrams(pred, n), _ngrams(ref, n)
    matched = sorted(((joiner.join(g), c) for g, c in (p & r).items()), key=lambda gc: (-gc[1], gc[0]))
    return Overlap(n, matched, sum(p.values()), sum(r.values()))


def _lcs(a: list[str], b: list[str]) -> list[str]:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    out, i, j = [], len(a), len(b)
    while i and j:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out[::-1]


def row_overlaps(prediction: str, reference: str, is_chinese: bool | None = None) -> RowOverlaps:
    """The n-grams one prediction shares with its reference: BLEU's (sacrebleu's tokens, counts clipped as BLEU
    clips them) and ROUGE's (rouge-score's tokens), with the sentence BLEU and ROUGE scores they give."""
    from rouge_score import rouge_scorer
    from sacrebleu.metrics import BLEU

    if is_chinese is None:
        is_chinese = chinese([reference], [prediction])
    metric = BLEU(tokenize="zh" if is_chinese else "13a", effective_order=True)
    pred_b, ref_b = metric.tokenizer(prediction.rstrip()).split(), metric.tokenizer(reference.rstrip()).split()
    joiner = "" if is_chinese else " "
    bleu_overlaps = [_overlap(pred_b, ref_b, n, joiner) for n in range(1, 5)]
    tokenizer = rouge_tokenizer(is_chinese)
    if tokenizer is None:
        from rouge_score import tokenize as rouge_tokenize

        pred_r, ref_r = rouge_tokenize.tokenize(prediction, None), rouge_tokenize.tokenize(reference, None)
    else:
        pred_r, ref_r = tokenizer.tokenize(prediction), tokenizer.tokenize(reference)
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=False, tokenizer=tokenizer)
    scores = scorer.score(reference, prediction)
    return RowOverlaps(pred_b, ref_b, bleu_overlaps, float(metric.sentence_score(prediction, [reference]).score),
                       [_overlap(pred_r, ref_r, n, joiner) for n in (1, 2)], _lcs(pred_r, ref_r),
                       {k: (s.precision, s.recall, s.fmeasure) for k, s in scores.items()}, joiner)


# ---- what a task's result is scored with -----------------------------------------------------------

TASK_METRICS = {"translate": ["bleu", "rouge"], "summarize": ["rouge", "bleu"], "qa": ["exact", "token_f1"]}


def score_one(task: str, prediction: str, reference: str) -> dict:
    """One task result against the reference a user typed, with the metrics that task is judged by."""
    return score([prediction], [reference], TASK_METRICS[task])


def split_lines(text: str) -> list[str]:
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


# ---- reading predictions and references ------------------------------------------------------------

def read_lines(path: str | Path) -> list[str]:
    """One text per line (a trailing empty line ignored)."""
    from workbench.core.textfile import read_text

    text = read_text(path, translate("core", "Choose a text file with one prediction or reference per line."),
                     translate("core", "Write one text per line.")).text
    return split_lines(text)


def read_columns(path: str | Path, pred_column: str, ref_column: str) -> tuple[list[str], list[str]]:
    """Two columns of a CSV/TSV/JSONL file; a missing column or cell is refused with its file, row and column."""
    from workbench.core.finetune.data import read_table

    return pairs_from_table(read_table(path), pred_column, ref_column)


def pairs_from_table(table, pred_column: str, ref_column: str) -> tuple[list[str], list[str]]:
    """The two columns of a read ``finetune.data.Table``, refused by file, row and column when a cell is missing."""
    path = table.path
    for name in (pred_column, ref_column):
        if name not in table.columns:
            raise WorkbenchError(
                translate("core", "{file} has no column “{column}”.").format(file=Path(path).name, column=name),
                translate("core", "Its columns are: {columns}. Name the prediction and reference columns.").format(
                    columns=", ".join(table.columns)))
    preds, refs = table.column(pred_column), table.column(ref_column)
    for i, (p, r) in enumerate(zip(preds, refs)):
        for column, value in ((pred_column, p), (ref_column, r)):
            if value is None:
                raise WorkbenchError(
                    translate("core", "{file}, row {row}: the cell in column “{column}” is missing.").format(
                        file=Path(path).name, row=table.row_number(i), column=column),
                    translate("core", "Give every row a prediction and a reference."))
    return [p or "" for p in preds], [r or "" for r in refs]


def read_pairs(pred: str | Path, ref: str | Path | None = None, pred_column: str = "", ref_column: str = "",
               ) -> tuple[list[str], list[str]]:
    """Predictions and references from two text files (one per line) or from two columns of one table."""
    if pred_column or ref_column:
        if not (pred_column and ref_column):
            raise WorkbenchError(translate("core", "Name both columns: the predictions' and the references'."),
                                 translate("core", "For example --column-pred output --column-ref target."))
        if ref is not None and Path(ref) != Path(pred):
            raise WorkbenchError(translate("core", "Columns are read from one table, but two files were given."),
                                 translate("core", "Give the table once (--pred FILE.csv) with the two column names."))
        return read_columns(pred, pred_column, ref_column)
    if ref is None:
        raise WorkbenchError(translate("core", "No references were given."),
                             translate("core", "Give a references file, or a table with two named columns."))
    preds, refs = read_lines(pred), read_lines(ref)
    if len(preds) != len(refs):
        raise WorkbenchError(
            translate("core", "{pred} has {p} lines but {ref} has {r}.").format(
                pred=Path(pred).name, p=len(preds), ref=Path(ref).name, r=len(refs)),
            translate("core", "Give one reference line for each prediction line, in the same order."))
    return preds, refs
