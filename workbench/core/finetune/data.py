"""Reading the user's table: CSV, TSV or JSONL, any common encoding (``core/textfile.py``), any common delimiter.

Row numbers follow what a spreadsheet shows: in a CSV/TSV file the header is row 1 and the first
data record is row 2 (a record with a quoted line break is still one row). In a JSONL file a row
number is the line number.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError
from workbench.core.textfile import read_text

DELIMITERS = ",;\t|"
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# The note on a separator other than a comma, shown with translate("core", ...).
_DELIMITER_NOTES = {";": QT_TRANSLATE_NOOP("core", "Columns are separated by semicolons."),
                    "\t": QT_TRANSLATE_NOOP("core", "Columns are separated by tabs."),
                    "|": QT_TRANSLATE_NOOP("core", "Columns are separated by pipes.")}
_INDEX_HEADER = re.compile(r"^(unnamed: ?\d+|index|)$", re.IGNORECASE)


@dataclass
class Problem:
    """One thing wrong with the data. ``row`` as a spreadsheet shows it (None: the whole file)."""

    row: int | None
    column: str | None
    severity: str  # "error" blocks training; "warning" does not
    message: str

    def to_json(self) -> dict:
        return {"row": self.row, "column": self.column, "severity": self.severity, "message": self.message}


@dataclass
class Table:
    path: Path
    columns: list[str]
    rows: list[list[str | None]]  # one list per record, len == len(columns); None = cell missing (short row)
    encoding: str = "utf-8"
    delimiter: str = ","
    kind: str = "csv"  # csv | jsonl
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # found while reading (ragged rows)
    numbers: list[int] = field(default_factory=list)  # the row number a user sees, per record

    def row_number(self, index: int) -> int:
        """The number a user sees for record ``index`` (0-based)."""
        return self.numbers[index]

    def column(self, name: str) -> list[str | None]:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def read_table(path: str | Path) -> Table:
    """Read a CSV/TSV/JSONL file into a ``Table``; raise ``WorkbenchError`` when it cannot be read at all."""
    read = read_text(path, translate("core", "Choose a CSV, TSV or JSONL file."),
                     translate("core", "Save the table with a header row and at least one data row."))
    if read.path.suffix.lower() in (".jsonl", ".ndjson"):
        return _read_jsonl(read.path, read.text, read.encoding)
    return _read_delimited(read.path, read.text, read.encoding)


def sniff_delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    try:
        sniffed = csv.Sniffer().sniff("\n".join(text.splitlines()[:30]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed and sniffed in header:
        return sniffed
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _read_delimited(path: Path, text: str, encoding: str) -> Table:
    delimiter = sniff_delimiter(text, path.suffix.lower())
    csv.field_size_limit(1 << 30)  # one long cell must not stop the reader; validation reports long rows
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [r for r in reader]
    except csv.Error as exc:
        raise WorkbenchError(
            translate("core", "{name} could not be read as a table near line {line}: {error}.").format(
                name=path.name, line=reader.line_num, error=exc),
            translate("core", "Check that quotes are balanced (a cell starting with \" must end with \").")) from exc
    # Spreadsheets number every record, blank ones too; keep the numbering and skip blank records later.
    if not records or not any(cell.strip() for cell in records[0]):
        raise WorkbenchError(translate("core", "{name} has no header row (its first line is blank).").format(
            name=path.name), translate("core", "Put the column names in the first row."))
    header = [h.strip() for h in records[0]]
    table = Table(path, [], [], encoding=encoding, delimiter=delimiter, kind="csv")
    if encoding != "utf-8":
        table.notes.append(translate("core", "Read as {encoding} text.").format(encoding=encoding))
    if delimiter != ",":
        table.notes.append(translate("core", _DELIMITER_NOTES[delimiter]))
    body = records[1:]
    width = len(header)
    blank = 0
    for i, record in enumerate(body):
        row_no = i + 2
        if not any(cell.strip() for cell in record):
            blank += 1
            continue
        if len(record) > width:
            extra = record[width:]
            if any(cell.strip() for cell in extra):  # more cells than a header of at least one: never one cell
                table.problems.append(Problem(row_no, None, "error", translate(
                    "core", "Row {row} has {cells} cells but the header has {width} columns. Quote cells that contain "
                            "the separator, or fix the row.").format(row=row_no, cells=len(record), width=width)))
            record = record[:width]
        elif len(record) < width:
            short = (translate("core", "Row {row} has 1 cell but the header has {width} columns; the missing cells are "
                                       "treated as empty.") if len(record) == 1 else
                     translate("core", "Row {row} has {cells} cells but the header has {width} columns; the missing "
                                       "cells are treated as empty."))
            table.problems.append(Problem(row_no, header[len(record)], "warning",
                                          short.format(row=row_no, cells=len(record), width=width)))
        table.rows.append(list(record) + [None] * (width - len(record)))
        table.numbers.append(row_no)
    if blank:
        table.notes.append(translate("core", "Skipped 1 blank row.") if blank == 1
                           else translate("core", "Skipped {n} blank rows.").format(n=blank))
    table.columns = _name_columns(header, table)
    _drop_index_column(table)
    return table


def _name_columns(header: list[str], table: Table) -> list[str]:
    names: list[str] = []
    for i, name in enumerate(header):
        base = name or f"column {i + 1}"
        unique, n = base, 2
        while unique in names:
            unique = f"{base} ({n})"
            n += 1
        if unique != name and (name or i > 0):
            note = (translate("core", "Column {n} is called '{name}' (its header was empty).") if not name
                    else translate("core", "Column {n} is called '{name}' (its header was a repeat of another)."))
            table.notes.append(note.format(n=i + 1, name=unique))
        names.append(unique)
    return names


def _drop_index_column(table: Table) -> None:
    """A first column with no real name holding 0, 1, 2, ... is an index saved by pandas: leave it out."""
    if not table.columns or not table.rows or not _INDEX_HEADER.match(table.columns[0].replace("column 1", "")):
        return
    values = [r[0] for r in table.rows]
    if not all(v is not None and v.strip().lstrip("-").isdigit() for v in values):
        return
    numbers = [int(v) for v in values]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return
    dropped = table.columns.pop(0)
    for r in table.rows:
        r.pop(0)
    if dropped.startswith("column "):
        table.notes.append(translate("core", "Left out the first column (with no name): it only numbers the rows, "
                                             "like an index saved by pandas."))
    else:
        table.notes.append(translate("core", "Left out the first column ({name}): it only numbers the rows, like an "
                                             "index saved by pandas.").format(name=dropped))


def _read_jsonl(path: Path, text: str, encoding: str) -> Table:
    table = Table(path, [], [], encoding=encoding, delimiter="", kind="jsonl")
    objects: list[tuple[int, dict]] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise WorkbenchError(
                translate("core", "{name}, line {line} is not valid JSON: {error}.").format(
                    name=path.name, line=line_no, error=exc),
                translate("core", "Each line must be one JSON object, like {\"text\": \"...\", \"label\": \"...\"}.")) \
                from exc
        if not isinstance(value, dict):
            raise WorkbenchError(
                translate("core", "{name}, line {line} is not a JSON object.").format(name=path.name, line=line_no),
                translate("core", "Each line must be one JSON object, like {\"text\": \"...\", \"label\": \"...\"}."))
        for key in value:
            if key not in table.columns:
                table.columns.append(key)
        objects.append((line_no, value))
    for line_no, value in objects:
        table.rows.append([None if value.get(c) is None else _cell(value[c]) for c in table.columns])
        table.numbers.append(line_no)
    return table


def _cell(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
