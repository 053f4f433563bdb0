"""The CSV torture set: every file is written by the test, then read and validated row by row."""

from __future__ import annotations

import json

import pytest

from workbench.core.finetune.data import read_table
from workbench.core.finetune.validate import DataSpec, guess_columns, validate
from workbench.core.jobs import WorkbenchError

ROWS = [("Ein schönes Café, très bien", "positive"), ("naïve façade, awful", "negative"),
        ("Straße und Öl", "positive")]


def write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def csv_text(rows=ROWS, sep=",") -> str:
    return "text" + sep + "label\n" + "".join(f"{t if sep != ',' else chr(34) + t + chr(34)}{sep}{lab}\n"
                                              for t, lab in rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_each_encoding_reads_the_same_cells(tmp_path, encoding):
    path = write(tmp_path / "data.csv", csv_text(), encoding)
    table = read_table(path)
    assert table.columns == ["text", "label"]
    assert [r[0] for r in table.rows] == [t for t, _ in ROWS]
    assert table.numbers == [2, 3, 4]


def test_gbk_chinese_text(tmp_path):
    rows = [("这部电影非常好看，我很喜欢它的故事和音乐。", "正面"), ("服务太差了，饭菜也不好吃，再也不来了。", "负面"),
            ("今天天气很好，我们去公园散步。", "正面"), ("质量很差，用了两天就坏了，非常失望。", "负面")]
    path = write(tmp_path / "chinese.csv", csv_text(rows), "gbk")
    table = read_table(path)
    assert table.encoding in ("gb18030", "gbk")
    assert [r[0] for r in table.rows] == [t for t, _ in rows]
    assert table.column("label") == ["正面", "负面", "正面", "负面"]
    assert any("gb18030" in n or "gbk" in n for n in table.notes)


def test_semicolons_and_tabs(tmp_path):
    table = read_table(write(tmp_path / "semi.csv", csv_text(sep=";")))
    assert table.delimiter == ";" and table.columns == ["text", "label"] and len(table) == 3
    assert "semicolon" in " ".join(table.notes)
    table = read_table(write(tmp_path / "data.tsv", csv_text(sep="\t")))
    assert table.delimiter == "\t" and table.rows[1] == list(ROWS[1])


def test_quoted_newlines_keep_spreadsheet_row_numbers(tmp_path):
    text = 'text,label\n"first line\nsecond line",positive\n,negative\nthird,positive\n'
    table = read_table(write(tmp_path / "nl.csv", text))
    assert table.rows[0][0] == "first line\nsecond line"
    assert table.numbers == [2, 3, 4]
    report = validate(DataSpec(str(tmp_path / "nl.csv"), "classification", {"text": "text", "label": "label"},
                               eval_split=0))
    [empty] = [p for p in report.problems if "empty" in p.message]
    assert (empty.row, empty.column, empty.severity) == (3, "text", "error")
    assert "Row 3, column 'text'" in empty.message
    assert not report.ok


def test_ragged_rows_are_reported_with_their_row(tmp_path):
    text = "text,label\ngood,positive\ntoo,many,cells,here\nshort\n"
    path = write(tmp_path / "ragged.csv", text)
    report = validate(DataSpec(str(path), "classification", {"text": "text", "label": "label"}, eval_split=0))
    by_row = {(p.row, p.severity): p.message for p in report.problems}
    assert "Row 3 has 4 cells but the header has 2 columns" in by_row[(3, "error")]
    assert "Row 4 has 1 cell but" in by_row[(4, "warning")]
    assert "Row 4, column 'label': the cell is missing" in by_row[(4, "error")]
    assert not report.ok


def test_empty_file_binary_file_and_header_only(tmp_path):
    with pytest.raises(WorkbenchError, match="empty.csv is empty"):
        read_table(write(tmp_path / "empty.csv", ""))
    with pytest.raises(WorkbenchError, match="binary file"):
        read_table(tmp_path.joinpath("model.csv").write_bytes(bytes(range(256)) * 20) and tmp_path / "model.csv")
    with pytest.raises(WorkbenchError, match="does not exist"):
        read_table(tmp_path / "missing.csv")
    path = write(tmp_path / "header.csv", "text,label\n")
    report = validate(DataSpec(str(path), "classification", {"text": "text", "label": "label"}))
    assert not report.ok and report.problems[0].message == "header.csv has a header but no data rows."


def test_long_row_is_reported_with_where_it_is_cut(tmp_path, tiny):
    from workbench.core.finetune.validate import load_tokenizer

    long_text = "the quick brown fox " * 1000  # 20,000 characters
    rows = [("short and fine", "positive"), (long_text, "negative"), ("another one", "negative"),
            ("one more", "positive")]
    path = write(tmp_path / "long.csv", csv_text(rows))
    table = read_table(path)
    assert len(table.rows[1][0]) == 20_000
    report = validate(DataSpec(str(path), "classification", {"text": "text", "label": "label"}, eval_split=0,
                               max_length=32), tokenizer=load_tokenizer(tiny("bert-classifier")))
    [long] = [p for p in report.problems if "longer than the max length" in p.message]
    assert long.row == 3 and long.severity == "warning"
    assert "longer than the max length of 32; it is cut after “…" in long.message and "fox" in long.message
    assert report.ok  # a warning does not block


def test_wrong_columns_name_the_real_ones(tmp_path):
    path = write(tmp_path / "data.csv", csv_text())
    report = validate(DataSpec(str(path), "classification", {"text": "review", "label": "label"}))
    assert not report.ok
    assert "There is no column 'review' in data.csv" in report.problems[0].message
    assert "Its columns are: text, label" in report.problems[0].message
    report = validate(DataSpec(str(path), "seq2seq", {}))
    assert [p.message.split(".")[0] for p in report.problems] == ["No column is chosen for 'Source'",
                                                                  "No column is chosen for 'Target'"]


def test_pandas_index_column_is_dropped_with_a_note(tmp_path):
    text = ",text,label\n0,good,positive\n1,bad,negative\n2,fine,positive\n"
    table = read_table(write(tmp_path / "pandas.csv", text))
    assert table.columns == ["text", "label"]
    assert table.rows[0] == ["good", "positive"]
    assert any("only numbers the rows" in n for n in table.notes)
    table = read_table(write(tmp_path / "unnamed.csv", "Unnamed: 0,text\n5,a\n6,b\n"))
    assert table.columns == ["text"]
    kept = read_table(write(tmp_path / "id.csv", "id,text\n5,a\n9,b\n"))
    assert kept.columns == ["id", "text"]


def labelled(tmp_path, rows, name="data.csv"):
    return str(write(tmp_path / name, "text,label\n" + "".join(f"{t},{lab}\n" for t, lab in rows)))


def test_label_checks(tmp_path):
    one_class = labelled(tmp_path, [(f"row {i}", "yes") for i in range(6)])
    report = validate(DataSpec(one_class, "classification", {"text": "text", "label": "label"}, eval_split=0))
    assert "Every training row has the label 'yes'" in report.problems[0].message and not report.ok

    rows = [(f"good {i}", "pos") for i in range(30)] + [(f"bad {i}", "neg") for i in range(3)]
    report = validate(DataSpec(labelled(tmp_path, rows), "classification", {"text": "text", "label": "label"},
                               eval_split=0))
    messages = " ".join(p.message for p in report.problems)
    assert "The class 'neg' has only 3 training examples" in messages
    assert "The classes are unbalanced (pos 91%, neg 9%)" in messages
    assert report.ok and report.class_counts == {"pos": 30, "neg": 3}

    train = labelled(tmp_path, [(f"a {i}", "pos") for i in range(5)] + [(f"b {i}", "neg") for i in range(5)])
    val = labelled(tmp_path, [("c", "pos"), ("d", "maybe")], "val.csv")
    report = validate(DataSpec(train, "classification", {"text": "text", "label": "label"}, validation_data=val))
    [unseen] = report.errors
    assert unseen.row == 3 and "'maybe' never occurs in the training rows" in unseen.message


def test_duplicates_and_conflicts(tmp_path):
    rows = [("same text", "pos"), ("other", "neg"), ("same text", "pos"), ("same text", "neg")] + \
           [(f"x{i}", "pos") for i in range(5)] + [(f"y{i}", "neg") for i in range(5)]
    report = validate(DataSpec(labelled(tmp_path, rows), "classification", {"text": "text", "label": "label"},
                               eval_split=0))
    dup = {p.row: p.message for p in report.problems if p.row in (4, 5)}
    assert dup[4] == "Row 4 repeats row 2."
    assert dup[5] == "Row 5 has the same text as row 2 but a different label ('neg' vs 'pos')."
    assert report.ok


def test_random_split_is_seeded_and_stratified(tmp_path):
    rows = [(f"a {i}", "pos") for i in range(20)] + [(f"b {i}", "neg") for i in range(10)]
    spec = DataSpec(labelled(tmp_path, rows), "classification", {"text": "text", "label": "label"}, eval_split=0.2)
    first, second = validate(spec), validate(spec)
    assert [e.row for e in first.eval] == [e.row for e in second.eval]
    assert sorted(e.fields["label"] for e in first.eval) == ["neg"] * 2 + ["pos"] * 4
    spec.seed = 7
    assert [e.row for e in validate(spec).eval] != [e.row for e in first.eval]


def test_split_by_column(tmp_path):
    text = "text,label,split\n" + "".join(f"t{i},{'ab'[i % 2]},{'train' if i < 8 else 'val'}\n" for i in range(10))
    text += "odd,a,later\n"
    path = write(tmp_path / "split.csv", text)
    report = validate(DataSpec(str(path), "classification", {"text": "text", "label": "label"},
                               split_column="split"))
    assert [e.row for e in report.eval] == [10, 11]
    assert len(report.train) == 8
    assert "Row 12, column 'split': 'later' is neither 'train' nor 'validation'" in report.errors[0].message


def test_guess_columns_per_task(tmp_path):
    table = read_table(write(tmp_path / "c.csv", "id,review,sentiment\n1,loved it a lot,pos\n2,hated it,neg\n"
                                                 "3,so so really,pos\n"))
    assert guess_columns(table, "classification") == {"text": "review", "label": "sentiment"}
    table = read_table(write(tmp_path / "chat.csv", "instruction,output\nSay hi,Hi\n"))
    assert guess_columns(table, "causal-lm") == {"prompt": "instruction", "response": "output"}
    table = read_table(write(tmp_path / "mt.csv", "en,de\nhello there my friend,hallo\n"))
    assert guess_columns(table, "seq2seq")["source"] == "en"
    table = read_table(write(tmp_path / "plain.csv", "n,body\n1,some long text here\n"))
    assert guess_columns(table, "causal-lm") == {"text": "body"}


def test_jsonl_rows_are_line_numbers(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [{"text": "a", "label": "x"}, {"text": "", "label": "y"}]) + "\n",
                    encoding="utf-8")
    table = read_table(path)
    assert table.columns == ["text", "label"] and table.numbers == [1, 2]
    report = validate(DataSpec(str(path), "classification", {"text": "text", "label": "label"}, eval_split=0))
    assert report.errors[0].row == 2
    path.write_text('{"text": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(WorkbenchError, match="line 2 is not valid JSON"):
        read_table(path)


def test_validation_report_json_shape(tmp_path):
    path = write(tmp_path / "d.csv", "text,label\n,pos\nb,neg\n")
    payload = validate(DataSpec(str(path), "classification", {"text": "text", "label": "label"})).to_json()
    assert payload["ok"] is False and payload["rows"] == 2
    assert payload["problems"][0] == {"row": 2, "column": "text", "severity": "error",
                                      "message": "Row 2, column 'text': the cell is empty. Fill it in or delete "
                                                 "the row."}
