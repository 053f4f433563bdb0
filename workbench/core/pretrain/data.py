"""Reading the training text: a ``.txt`` file, or one column of a CSV/TSV/JSONL table.

Encodings are detected by ``core/textfile.py``, delimiters like the fine-tune tables (``core/finetune/data.py``). A table
gives one document per row; a text file is one document.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.finetune.data import read_table
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError
from workbench.core.textfile import read_text

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")


def read_documents(path: str | Path, column: str = "") -> list[str]:
    """The documents of ``path``; raise ``WorkbenchError`` for a missing, empty or binary file or a bad column."""
    path = Path(path).expanduser()
    if path.suffix.lower() in TABLE_SUFFIXES or column:
        return _table_documents(path, column)
    return [read_text(path, translate("core", "Choose a .txt file, or a CSV file and one of its columns.")).text]


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
