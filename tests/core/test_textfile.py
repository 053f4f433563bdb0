"""The one text-file reader (tables, training text, documents to search or embed): encodings with and
without BOMs, and broken files refused with a message that says what is wrong, where, and what to do."""

from __future__ import annotations

import codecs

import pytest

from workbench.core.embeddings import read_texts
from workbench.core.finetune.data import read_table
from workbench.core.inspect.perplexity import read_text as text_to_score
from workbench.core.jobs import WorkbenchError
from workbench.core.pretrain.data import read_documents as training_text
from workbench.core.tasks import read_documents as search_documents
from workbench.core.textfile import read_text

CHINESE = "室内植物每周浇一次水。\n股市在利率决定后大幅下跌。\n"


@pytest.mark.parametrize("encoding, prefix, read_as", [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
    ("gbk", b"", "gb18030"),
    ("gb18030", b"", "gb18030"),
])
def test_each_encoding_gives_the_same_text(tmp_path, encoding, prefix, read_as):
    path = tmp_path / "docs.txt"
    path.write_bytes(prefix + CHINESE.encode(encoding))
    read = read_text(path)
    assert (read.text, read.encoding) == (CHINESE, read_as)


def test_utf16_without_a_bom_is_recognised(tmp_path):
    path = tmp_path / "docs.txt"
    path.write_bytes("plain ASCII text\nsecond line\n".encode("utf-16-le"))
    assert read_text(path).text == "plain ASCII text\nsecond line\n"


def _all_readers(path):
    """Every reader of a user's text file, each through the one reader."""
    return [lambda: read_text(path), lambda: read_texts(path), lambda: search_documents(path),
            lambda: training_text(path), lambda: text_to_score(file=str(path))] + ([lambda: read_table(path)] if path.suffix == ".csv" else [])


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_a_binary_file_is_refused_by_name_by_every_reader(tmp_path, suffix):
    path = tmp_path / f"photo{suffix}"
    path.write_bytes(bytes(range(256)) * 20)
    for read in _all_readers(path):
        with pytest.raises(WorkbenchError) as info:
            read()
        assert f"photo{suffix} looks like a binary file" in info.value.message
        assert info.value.hint.startswith("Choose")


def test_control_bytes_that_decode_are_still_binary(tmp_path):
    path = tmp_path / "model.txt"
    path.write_bytes(b"\x01\x02\x03\x04 header " * 200)  # no NUL byte, valid UTF-8
    with pytest.raises(WorkbenchError, match="model.txt looks like a binary file, not text"):
        read_text(path)


def test_bytes_wrong_for_the_encoding_name_the_line(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF8 + "line one\nline two\n".encode() + b"\xff\xfe\xfa bad\n")
    for read in _all_readers(path):
        with pytest.raises(WorkbenchError) as info:
            read()
        assert info.value.message == "broken.txt is not valid utf-8-sig text: undecodable bytes on line 3."
        assert "UTF-8" in info.value.hint


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_an_empty_file_is_named_and_the_hint_says_what_to_put_in_it(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"  \n\n")
    for read in _all_readers(path):
        with pytest.raises(WorkbenchError) as info:
            read()
        assert info.value.message == f"empty{suffix} is empty."
        assert info.value.hint


def test_the_text_to_score_may_be_gbk(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(CHINESE.encode("gbk"))
    assert text_to_score(file=str(path)) == CHINESE


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(WorkbenchError, match="missing.txt does not exist") as info:
        read_text(tmp_path / "missing.txt", "Choose a .txt file.")
    assert info.value.hint == "Choose a .txt file."
    with pytest.raises(WorkbenchError, match="is a folder, not a file") as info:
        read_table(tmp_path)
    assert "CSV" in info.value.hint
