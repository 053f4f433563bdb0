"""Texts for sentence maps: typed lines, or a column of a CSV/TSV/JSONL/text file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError



# ---- texts ---------------------------------------------------------------------------------------
@dataclass
class TextSet:
    texts: list[str]
    labels: list[str] | None = None
    source: str = ""
    columns: list[str] = field(default_factory=list)  # a table's columns (to choose others)
    column: str = ""
    label_column: str = ""
    notes: list[str] = field(default_factory=list)


TEXT_COLUMN_NAMES = ("text", "sentence", "document", "content", "texts", "sentences")
LABEL_COLUMN_NAMES = ("label", "labels", "topic", "category", "class")


def parse_texts(typed: str) -> list[str]:
    """Typed or pasted texts: one per line, blank lines skipped."""
    return [line.strip() for line in typed.splitlines() if line.strip()]


def read_texts(path: str | Path, column: str | None = None, label_column: str | None = None,
               guess_label: bool = False) -> TextSet:
    """Texts from a ``.txt`` (one per line) or a CSV/TSV/JSONL column, with an optional label column.

    Tables are read by the fine-tuning reader (encodings, separators, index columns). Without
    ``column`` the text column is one named text/sentence/document/content, else the first; with
    ``guess_label`` a column named label/topic/category becomes the labels.
    """
    from workbench.core.finetune.data import read_table
    from workbench.core.textfile import read_text

    path = Path(path).expanduser()
    if path.suffix.lower() in (".csv", ".tsv", ".jsonl", ".ndjson"):
        table = read_table(path)
        lower = {c.lower(): c for c in table.columns}
        if column is None:
            column = next((lower[n] for n in TEXT_COLUMN_NAMES if n in lower), table.columns[0])
        for wanted in (column, label_column):
            if wanted is not None and wanted not in table.columns:
                raise WorkbenchError(
                    translate("core", "{file} has no column '{column}'.").format(file=path.name, column=wanted),
                    translate("core", "Its columns are: {columns}.").format(columns=", ".join(table.columns)))
        if label_column is None and guess_label:
            label_column = next((lower[n] for n in LABEL_COLUMN_NAMES if n in lower and lower[n] != column), None)
        texts, labels, skipped = [], [], 0
        label_values = table.column(label_column) if label_column else None
        for i, value in enumerate(table.column(column)):
            if value is None or not value.strip():
                skipped += 1
                continue
            texts.append(" ".join(value.split()))
            if label_values is not None:
                labels.append((label_values[i] or "").strip())
        result = TextSet(texts, labels if label_column else None, path.name, list(table.columns), column,
                         label_column or "", list(table.notes))
        if skipped:
            result.notes.append(translate("core", "Skipped {n} rows with an empty '{column}'.").format(
                n=skipped, column=column))
    else:
        text = read_text(path, translate("core", "Choose an existing .txt or .csv file."),
                         translate("core", "Put one text per line (or per row of a CSV column).")).text
        result = TextSet(parse_texts(text), None, path.name)
    if not result.texts:
        raise WorkbenchError(translate("core", "{file} holds no texts.").format(file=path.name),
                             translate("core", "Put one text per line (or per row of a CSV column)."))
    return result
