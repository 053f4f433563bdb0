"""Chinese task examples are offered only for models whose tokenizer reads Chinese."""

from __future__ import annotations

import shutil

from zh_support import chinese_wordpiece

from workbench.core.tasks import ZH_MAX_TOKENS_PER_CHAR, ZH_MAX_UNKNOWN, chinese_support, chinese_support_of


def _tokenizer(path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(path)


def test_a_tokenizer_trained_on_chinese_is_offered_the_examples():
    support = chinese_support(chinese_wordpiece())
    assert support.ok and support.reason == ""
    assert support.unknown_rate <= ZH_MAX_UNKNOWN and support.tokens_per_char <= ZH_MAX_TOKENS_PER_CHAR


def test_byte_level_bpe_that_splits_characters_into_bytes_is_not(tiny):
    support = chinese_support(_tokenizer(tiny("gpt2")))
    assert not support.ok
    assert support.unknown_rate == 0  # byte-level BPE loses nothing...
    assert support.tokens_per_char > ZH_MAX_TOKENS_PER_CHAR and support.byte_pieces_per_char > 1  # ...but splits
    assert "tokens per character" in support.reason


def test_a_vocabulary_without_the_characters_is_not(tiny):
    for kind in ("bert", "t5"):  # WordPiece and Unigram vocabularies trained on one Chinese sentence
        support = chinese_support(_tokenizer(tiny(kind)))
        assert not support.ok and support.unknown_rate > 0.5, kind
        assert "does not know" in support.reason


def test_support_of_a_folder_is_read_once_and_a_broken_folder_hides_chinese(tiny, tmp_path):
    folder = tmp_path / "zh-model"
    shutil.copytree(tiny("bert"), folder)
    chinese_wordpiece(folder)
    first = chinese_support_of(folder)
    assert first.ok and chinese_support_of(folder) is first
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    support = chinese_support_of(broken)
    assert not support.ok and "could not be read" in support.reason
