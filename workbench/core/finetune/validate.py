"""Every row checked before training starts: column mapping, splits, and row-numbered problems.

Errors block the start; warnings do not. Rows are numbered as a spreadsheet shows them (header =
row 1, see ``data.py``).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.finetune.data import Problem, Table, read_table
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

TASKS = ("classification", "causal-lm", "seq2seq")
# Column roles per task: (role, required). Causal LM needs either "text" or both "prompt" and "response".
ROLES: dict[str, tuple[tuple[str, bool], ...]] = {
    "classification": (("text", True), ("text_pair", False), ("label", True)),
    "causal-lm": (("text", False), ("prompt", False), ("response", False)),
    "seq2seq": (("source", True), ("target", True)),
}
ROLE_LABELS = {"text": QT_TRANSLATE_NOOP("core", "Text"), "text_pair": QT_TRANSLATE_NOOP("core", "Text pair"),
               "label": QT_TRANSLATE_NOOP("core", "Label"), "prompt": QT_TRANSLATE_NOOP("core", "Prompt"),
               "response": QT_TRANSLATE_NOOP("core", "Response"), "source": QT_TRANSLATE_NOOP("core", "Source"),
               "target": QT_TRANSLATE_NOOP("core", "Target")}
_NAME_HINTS = {
    "text": ("text", "sentence", "sentence1", "review", "content", "comment", "tweet", "document", "body", "input"),
    "text_pair": ("text_pair", "text2", "sentence2", "pair", "hypothesis", "second"),
    "label": ("label", "labels", "class", "category", "sentiment", "y", "target", "tag"),
    "prompt": ("prompt", "instruction", "question", "input", "query", "user"),
    "response": ("response", "answer", "output", "completion", "reply", "assistant"),
    "source": ("source", "src", "input", "text", "question", "en", "english", "document", "article"),
    "target": ("target", "tgt", "output", "translation", "summary", "answer", "label"),
}
SPLIT_TRAIN = {"train", "training"}
SPLIT_EVAL = {"validation", "valid", "val", "eval", "dev", "test"}
MAX_MESSAGES_PER_CHECK = 200  # beyond this, one summary line: the list stays readable
# The checks by name, as the summary line names them (shown with translate("core", ...)).
CHECK_NAMES = {"ragged rows": QT_TRANSLATE_NOOP("core", "ragged rows"), "file": QT_TRANSLATE_NOOP("core", "file"),
               "columns": QT_TRANSLATE_NOOP("core", "columns"), "split": QT_TRANSLATE_NOOP("core", "split"),
               "empty cells": QT_TRANSLATE_NOOP("core", "empty cells"),
               "split values": QT_TRANSLATE_NOOP("core", "split values"),
               "labels": QT_TRANSLATE_NOOP("core", "labels"),
               "unseen labels": QT_TRANSLATE_NOOP("core", "unseen labels"),
               "balance": QT_TRANSLATE_NOOP("core", "balance"), "duplicates": QT_TRANSLATE_NOOP("core", "duplicates"),
               "too long": QT_TRANSLATE_NOOP("core", "too long")}
MIN_EXAMPLES_PER_CLASS = 5
IMBALANCE_RATIO = 5.0


@dataclass
class DataSpec:
    """What to train on: the file, the task, which column plays which role, and how to split."""

    data: str
    task: str
    columns: dict[str, str] = field(default_factory=dict)  # role -> column name
    validation_data: str = ""
    eval_split: float = 0.1
    split_column: str = ""
    seed: int = 42
    max_length: int = 128


@dataclass
class Example:
    row: int  # as the user sees it
    fields: dict[str, str]  # role -> text
    source: str = "train"  # which file: "train" (the data file) or "validation" (the second file)


@dataclass
class Report:
    ok: bool
    rows: int
    problems: list[Problem]
    train: list[Example] = field(default_factory=list)
    eval: list[Example] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    class_counts: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"ok": self.ok, "rows": self.rows, "problems": [p.to_json() for p in self.problems]}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# Rows tokenized per call: a whole large file at once leaves millions of objects alive, and the garbage
# collector then holds the GIL for hundreds of milliseconds at a time, stalling the GUI thread.
TOKENIZE_CHUNK = 1000


def check_task(task: str) -> None:
    if task not in TASKS:
        raise WorkbenchError(translate("core", "Unknown task '{task}'.").format(task=task), translate("core", "Choose one of: {names}.").format(names=', '.join(TASKS)))


def guess_columns(table: Table, task: str) -> dict[str, str]:
    """Pre-fill the mapping from column names, then from content (short repeated values = labels)."""
    check_task(task)
    lowered = {c.lower().strip(): c for c in table.columns}
    guess: dict[str, str] = {}
    taken: set[str] = set()

    def by_name(role: str) -> str | None:
        for hint in _NAME_HINTS[role]:
            if hint in lowered and lowered[hint] not in taken:
                return lowered[hint]
        for hint in _NAME_HINTS[role]:
            for low, col in lowered.items():
                if len(hint) > 2 and hint in low and col not in taken:
                    return col
        return None

    stats = {c: _column_stats(table, c) for c in table.columns}
    roles = [r for r, _ in ROLES[task]]
    if task == "causal-lm":
        prompt, response = by_name("prompt"), by_name("response")
        if prompt and response and prompt != response:
            return {"prompt": prompt, "response": response}
        roles = ["text"]
    for role in roles:
        found = by_name(role)
        if found is None and role == "label":
            candidates = [c for c in table.columns if c not in taken and stats[c][1] <= max(20, len(table) // 10)
                          and stats[c][1] < max(2, len(table))]
            found = min(candidates, key=lambda c: stats[c][0], default=None)
        if found is None and role in ("text", "source", "target"):
            candidates = [c for c in table.columns if c not in taken]
            found = max(candidates, key=lambda c: stats[c][0], default=None)
        if found is not None:
            guess[role] = found
            taken.add(found)
    return guess


def _column_stats(table: Table, column: str) -> tuple[float, int]:
    values = [v for v in table.column(column)[:2000] if v]
    if not values:
        return 0.0, 0
    return sum(len(v) for v in values) / len(values), len(set(values))


def required_roles(task: str, columns: dict[str, str]) -> list[str]:
    if task == "causal-lm":
        return ["prompt", "response"] if (columns.get("prompt") or columns.get("response")) else ["text"]
    return [r for r, required in ROLES[task] if required]


def input_roles(task: str, columns: dict[str, str]) -> list[str]:
    """The roles that make up the model's input (used for duplicates and length)."""
    if task == "classification":
        return ["text"] + (["text_pair"] if columns.get("text_pair") else [])
    if task == "seq2seq":
        return ["source"]
    return ["prompt"] if columns.get("prompt") else ["text"]


class _Collector:
    """Problems, with at most MAX_MESSAGES_PER_CHECK per check and a summary of the rest."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._counts: Counter = Counter()
        self._summary: dict[str, Problem] = {}

    def add(self, check: str, problem: Problem) -> None:
        self._counts[check] += 1
        if self._counts[check] <= MAX_MESSAGES_PER_CHECK:
            self.problems.append(problem)
            return
        more = self._counts[check] - MAX_MESSAGES_PER_CHECK
        summary = self._summary.get(check)
        if summary is None:
            summary = self._summary[check] = Problem(None, problem.column, problem.severity, "")
            self.problems.append(summary)
        summary.message = (translate("core", "… and {more} more row like the ones above ({check}).") if more == 1 else
                           translate("core", "… and {more} more rows like the ones above ({check}).")).format(
            more=more, check=translate("core", CHECK_NAMES.get(check, check)))


def validate(spec: DataSpec, table: Table | None = None, tokenizer=None, chat_template: bool = False) -> Report:
    """Check every row of ``spec.data`` (and of the validation file) for ``spec.task``.

    ``tokenizer`` (optional) enables the length check against ``spec.max_length``.
    """
    check_task(spec.task)
    table = table if table is not None else read_table(spec.data)
    out = _Collector()
    for p in table.problems:
        out.add("ragged rows", p)
    columns = {role: col for role, col in spec.columns.items() if col}
    report = Report(ok=False, rows=len(table), problems=out.problems, columns=columns)
    if not table.rows:
        out.add("file", Problem(None, None, "error", translate("core", "{name} has a header but no data rows.").format(name=table.path.name)))
        return _finish(report)

    needed = required_roles(spec.task, columns)
    missing_roles = [r for r in needed if not columns.get(r)]
    if spec.task == "causal-lm" and columns.get("text") and (columns.get("prompt") or columns.get("response")):
        out.add("columns", Problem(None, None, "error", translate("core", "Choose either a text column, or a prompt "
                                                                          "and a response column, not both.")))
    for role in missing_roles:
        out.add("columns", Problem(None, None, "error", translate("core", "No column is chosen for '{role}'. "
                                                                          "The file's columns are: {names}.").format(
            role=translate("core", ROLE_LABELS[role]), names=", ".join(table.columns))))
    for role, col in columns.items():
        if col not in table.columns:
            out.add("columns", Problem(None, col, "error", translate("core", "There is no column '{col}' in {name} "
                                                                             "(for '{role}'). Its columns are: {names}.").format(
                col=col, name=table.path.name, role=translate("core", ROLE_LABELS.get(role, role)),
                names=", ".join(table.columns))))
    if any(p.row is None for p in report.errors):  # the mapping is unusable: row checks would only repeat it
        return _finish(report)

    used = [r for r in ROLE_LABELS if r in columns]
    examples = _examples(table, columns, used, out, "train")
    if spec.split_column and spec.validation_data:
        out.add("split", Problem(None, None, "error", translate("core", "Choose either a split column or a "
                                                                        "validation file, not both.")))
        return _finish(report)
    if spec.validation_data:
        val_table = read_table(spec.validation_data)
        for p in val_table.problems:
            out.add("ragged rows", Problem(p.row, p.column, p.severity, f"{val_table.path.name}: {p.message}"))
        missing = [col for col in columns.values() if col not in val_table.columns]
        for col in missing:
            out.add("columns", Problem(None, col, "error", translate("core", "The validation file {name} has no "
                                                                             "column '{col}'. Its columns are: "
                                                                             "{names}.").format(name=val_table.path.name, col=col, names=', '.join(val_table.columns))))
        if missing:
            return _finish(report)
        train, evaluation = examples, _examples(val_table, columns, used, out, "validation")
    elif spec.split_column:
        train, evaluation = _split_by_column(table, spec.split_column, examples, out)
    else:
        train, evaluation = _split_random(examples, spec, out)
    report.train, report.eval = train, evaluation

    if not train:
        out.add("split", Problem(None, None, "error", translate("core", "No rows are left for training after the "
                                                                        "split.")))
    if spec.task == "classification":
        _check_labels(report, out)
    _check_duplicates(spec.task, columns, train + evaluation, out)
    if tokenizer is not None:
        _check_lengths(spec, columns, train + evaluation, tokenizer, chat_template, out)
    return _finish(report)


def _finish(report: Report) -> Report:
    report.ok = not report.errors
    return report


def _examples(table: Table, columns: dict[str, str], roles: list[str], out: _Collector, source: str) -> list[Example]:
    index = {role: table.columns.index(columns[role]) for role in roles}
    prefix = f"{table.path.name}: " if source == "validation" else ""
    examples = []
    for i, record in enumerate(table.rows):
        row = table.row_number(i)
        fields, bad = {}, False
        for role, col_i in index.items():
            value = record[col_i]
            if value is None or not value.strip():
                if role == "text_pair":
                    fields[role] = ""
                    continue
                message = (translate("core", "{prefix}Row {row}, column '{columns}': the cell is missing. Fill it in "
                                             "or delete the row.") if value is None else
                           translate("core", "{prefix}Row {row}, column '{columns}': the cell is empty. Fill it in or "
                                             "delete the row."))
                out.add("empty cells", Problem(row, columns[role], "error",
                                               message.format(prefix=prefix, row=row, columns=columns[role])))
                bad = True
                continue
            fields[role] = value.strip() if role == "label" else value
        if not bad:
            examples.append(Example(row, fields, source))
    return examples


def _split_by_column(table: Table, column: str, examples: list[Example], out: _Collector):
    if column not in table.columns:
        out.add("split", Problem(None, column, "error", translate("core", "There is no split column '{column}'. The "
                                                                          "file's columns are: {names}.").format(column=column, names=', '.join(table.columns))))
        return examples, []
    col_i = table.columns.index(column)
    split_of = {table.row_number(i): (r[col_i] or "").strip().lower() for i, r in enumerate(table.rows)}
    train, evaluation = [], []
    for ex in examples:
        value = split_of[ex.row]
        if value in SPLIT_TRAIN:
            train.append(ex)
        elif value in SPLIT_EVAL:
            evaluation.append(ex)
        else:
            out.add("split values", Problem(ex.row, column, "error",
                                            translate("core", "Row {row}, column '{column}': '{value}' is neither "
                                                              "'train' nor 'validation' (or 'val', 'dev', 'test').").format(row=ex.row, column=column, value=value)))
    return train, evaluation


def _split_random(examples: list[Example], spec: DataSpec, out: _Collector):
    fraction = spec.eval_split
    if not 0 <= fraction < 1:
        raise WorkbenchError(translate("core", "The validation share must be between 0 and 1 (it is {fraction}).").format(fraction=fraction),
                             translate("core", "Use for example 0.1 to hold out one row in ten."))
    if fraction == 0 or len(examples) < 2:
        return examples, []
    rng = random.Random(spec.seed)
    # Classification is split per class, so every label keeps at least one training row.
    groups: dict[str, list[Example]] = {}
    for ex in examples:
        key = ex.fields.get("label", "") if spec.task == "classification" else ""
        groups.setdefault(key, []).append(ex)
    train, evaluation = [], []
    for key in sorted(groups):
        group = list(groups[key])
        rng.shuffle(group)
        n_eval = min(len(group) - 1, round(len(group) * fraction))
        evaluation += group[:n_eval]
        train += group[n_eval:]
    if not evaluation:
        out.add("split", Problem(None, None, "warning", translate("core", "With {n} rows and a validation share of "
                                                                          "{fraction:g}, no row is held out: there "
                                                                          "will be no evaluation.").format(n=len(examples), fraction=fraction)))
    train.sort(key=lambda e: e.row)
    evaluation.sort(key=lambda e: e.row)
    return train, evaluation


def sort_labels(labels) -> list[str]:
    labels = list(labels)
    try:
        return sorted(labels, key=float)
    except ValueError:
        return sorted(labels)


def _check_labels(report: Report, out: _Collector) -> None:
    counts = Counter(ex.fields["label"] for ex in report.train)
    report.class_counts = dict(counts.most_common())
    report.labels = sort_labels(counts)
    column = report.columns.get("label")
    if len(counts) == 1:
        only = next(iter(counts))
        out.add("labels", Problem(None, column, "error", translate("core", "Every training row has the label "
                                                                           "'{only}': a classifier needs at least "
                                                                           "two classes.").format(only=only)))
    for label, n in counts.items():
        if n < MIN_EXAMPLES_PER_CLASS:
            out.add("labels", Problem(None, column, "warning", (translate("core", "The class '{label}' has only {n} training example; the model "
                                                                                  "can hardly learn it. Add more rows with this label (at least {least}).")
                                                                        if n == 1 else
                                                                        translate("core", "The class '{label}' has only {n} training examples; the "
                                                                                  "model can hardly learn it. Add more rows with this label (at least "
                                                                                  "{least}).")).format(label=label, n=n, least=MIN_EXAMPLES_PER_CLASS)))
    for ex in report.eval:
        if ex.fields["label"] not in counts:
            out.add("unseen labels", Problem(ex.row, column, "error",
                                             (translate("core", "Validation file, row {row}: the label '{label}' never occurs in the training rows, "
                                                                "so the model cannot learn it.") if ex.source == "validation" else
                                              translate("core", "Row {row}: the label '{label}' never occurs in the training rows, so the model "
                                                                "cannot learn it.")).format(row=ex.row, label=ex.fields["label"])))
    if len(counts) > 1:
        most, least = max(counts.values()), min(counts.values())
        if most >= IMBALANCE_RATIO * least:
            total = sum(counts.values())
            shares = ", ".join(f"{label} {100 * n / total:.0f}%" for label, n in counts.most_common())
            out.add("balance", Problem(None, column, "warning", translate("core", "The classes are unbalanced ({shares}); "
                                                                                  "the model may learn to favour the "
                                                                                  "largest. Add rows of the smaller "
                                                                                  "classes if you can.").format(shares=shares)))


def _check_duplicates(task: str, columns: dict[str, str], examples: list[Example], out: _Collector) -> None:
    roles = input_roles(task, columns)
    first_seen: dict[tuple, Example] = {}
    for ex in examples:
        key = tuple(ex.fields.get(r, "") for r in roles)
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = ex
            continue
        where = (translate("core", "row {row} of the validation file") if earlier.source == "validation"
                 else translate("core", "row {row}")).format(row=earlier.row)
        here = (translate("core", "Row {row} of the validation file") if ex.source == "validation"
                else translate("core", "Row {row}")).format(row=ex.row)
        if task == "classification" and earlier.fields["label"] != ex.fields["label"]:
            message = translate("core", "{here} has the same text as {where} but a different label ('{label}' vs "
                                        "'{other}').").format(here=here, where=where, label=ex.fields["label"],
                                                               other=earlier.fields["label"])
        else:
            message = translate("core", "{here} repeats {where}.").format(here=here, where=where)
        if earlier.source != ex.source:
            message = translate("core", "{message} The same row in training and validation makes the evaluation look "
                                        "better than it is.").format(message=message)
        out.add("duplicates", Problem(ex.row, columns[roles[0]], "warning", message))


def render_prompt(tokenizer, prompt: str, response: str | None, chat_template: bool) -> str:
    """The text the model sees for a prompt (and response): the chat template when the model has one."""
    if chat_template:
        messages = [{"role": "user", "content": prompt}]
        if response is None:
            return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        return tokenizer.apply_chat_template(messages + [{"role": "assistant", "content": response}], tokenize=False)
    if response is None:
        return prompt + "\n"
    return prompt + "\n" + response + (tokenizer.eos_token or "")


def _check_lengths(spec: DataSpec, columns: dict[str, str], examples: list[Example], tokenizer, chat_template: bool,
                   out: _Collector) -> None:
    limit = spec.max_length
    checks: list[tuple[str, list[str]]] = []  # (role reported, texts)
    if spec.task == "classification":
        checks.append(("text", [ex.fields["text"] + " " + ex.fields.get("text_pair", "") for ex in examples]))
    elif spec.task == "seq2seq":
        checks += [("source", [ex.fields["source"] for ex in examples]),
                   ("target", [ex.fields["target"] for ex in examples])]
    elif "prompt" in columns:
        checks.append(("prompt", [render_prompt(tokenizer, ex.fields["prompt"], None, chat_template)
                                  for ex in examples]))
        checks.append(("response", [render_prompt(tokenizer, ex.fields["prompt"], ex.fields["response"], chat_template)
                                    for ex in examples]))
    else:
        checks.append(("text", [ex.fields["text"] for ex in examples]))
    for role, texts in checks:
        for start in range(0, len(texts), TOKENIZE_CHUNK):
            encoded = tokenizer(texts[start:start + TOKENIZE_CHUNK], add_special_tokens=role != "response",
                                truncation=False)["input_ids"]
            for ex, ids in zip(examples[start:start + TOKENIZE_CHUNK], encoded):
                if len(ids) < limit or (len(ids) == limit and role != "prompt"):
                    continue
                column = columns[role]
                if role == "prompt":
                    out.add("too long", Problem(ex.row, column, "error",
                                                translate("core", "Row {row}, column '{column}': the prompt alone is "
                                                                  "{n} tokens, at least the max length of {limit}, "
                                                                  "so nothing of the response would be learned. "
                                                                  "Shorten the prompt or raise the max length.").format(row=ex.row, column=column, n=len(ids), limit=limit)))
                    continue
                kept = tokenizer.decode(ids[:limit], skip_special_tokens=True)
                tail = kept[-40:].replace("\n", " ")
                out.add("too long", Problem(ex.row, column, "warning",
                                            translate("core", "Row {row}, column '{column}': {n} tokens, longer than "
                                                              "the max length of {limit}; it is cut after “…{tail}”.").format(row=ex.row, column=column, n=len(ids), limit=limit, tail=tail)))


def load_tokenizer(model_path: str | Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(model_path))
