"""Reading the training text: a ``.txt`` file, or one column of a CSV/TSV/JSONL table.

Encodings and delimiters are detected like the fine-tune tables (``core/finetune/data.py``). A table
gives one document per row; a text file is one document.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.finetune.data import decode, read_table
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")


def read_documents(path: str | Path, column: str = "") -> list[str]:
    """The documents of ``path``; raise ``WorkbenchError`` for a missing, empty or binary file or a bad column."""
    path = Path(path).expanduser()
    if path.suffix.lower() in TABLE_SUFFIXES or column:
        return _table_documents(path, column)
    if not path.is_file():
        raise WorkbenchError(translate("core", "{path} is not a file.").format(path=path),
                             translate("core", "Choose a .txt file, or a CSV file and one of its columns."))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WorkbenchError(translate("core", "{path} cannot be read: {error}.").format(path=path, error=exc),
                             translate("core", "Check the file's permissions.")) from exc
    if not raw.strip():
        raise WorkbenchError(translate("core", "{name} is empty.").format(name=path.name),
                             translate("core", "Choose a file with some text in it."))
    try:
        text, _ = decode(raw, path)
    except WorkbenchError as exc:
        raise WorkbenchError(translate("core", "{name} is not a text file (it looks binary, or its encoding is "
                                               "unknown).").format(name=path.name),
                             translate("core", "Choose a plain text file (.txt), saved as UTF-8.")) from exc
    if _looks_binary(text):
        raise WorkbenchError(translate("core", "{name} looks like a binary file, not text.").format(name=path.name),
                             translate("core", "Choose a plain text file (.txt), saved as UTF-8."))
    return [text]


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    return control > max(8, len(sample) // 20)


def _table_documents(path: Path, column: str) -> list[str]:
    table = read_table(path)
    if not column:
        if len(table.columns) != 1:
            raise WorkbenchError(
                translate("core", "{name} has {n} columns; which one holds the text?").format(
                    name=path.name, n=len(table.columns)),
                translate("core", "Name the column with --column (one of: {columns}).").format(
                    columns=", ".join(table.columns)))
        column = table.columns[0]
    if column not in table.columns:
        raise WorkbenchError(translate("core", "{name} has no column '{column}'.").format(name=path.name, column=column),
                             translate("core", "Use one of: {columns}.").format(columns=", ".join(table.columns)))
    documents = [cell for cell in table.column(column) if cell and cell.strip()]
    if not documents:
        raise WorkbenchError(translate("core", "The column '{column}' of {name} is empty.").format(
            column=column, name=path.name), translate("core", "Choose the column that holds the text."))
    return documents
