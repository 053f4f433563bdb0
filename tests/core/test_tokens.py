"""Token display: every character appears on the token that completes it, for each tokenizer family."""

from __future__ import annotations

import pytest

from workbench.core.tokens import TokenStream, _scheme_for, display_tokens, hover_text, token_json

TEXTS = {
    "chinese": "语言模型可以生成文本。我喜欢学习中文!",
    "japanese": "日本語のテキストです。ひらがなとカタカナ",
    "emoji": "Emoji 🙂🎉 are tokens too 👩‍💻",
    "mixed": "Hello 世界, こんにちは 🙂 123",
}


def _load(path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(path)


@pytest.fixture(scope="module")
def tokenizers(tiny):
    return {kind: _load(tiny(kind)) for kind in ("gpt2", "llama", "t5", "bert")}


@pytest.fixture(scope="module")
def byte_fallback():
    """A Llama-2 style SentencePiece BPE: a few characters, everything else as <0xNN> byte pieces."""
    from tokenizers import Tokenizer, decoders, models, normalizers
    from transformers import PreTrainedTokenizerFast

    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab[f"<0x{b:02X}>"] = len(vocab)
    for piece in ["▁", "h", "e", "l", "o", "语", "言", "▁hello"]:
        vocab[piece] = len(vocab)
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[], byte_fallback=True,
                               unk_token="<unk>"))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                                     decoders.Strip(" ", 1, 0)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", bos_token="<s>", eos_token="</s>")


def _decoded(tokenizer, ids):
    return tokenizer.decode(ids, skip_special_tokens=False, clean_up_tokenization_spaces=False)


def _check_round_trip(tokenizer, text):
    ids = tokenizer(text)["input_ids"]
    pieces = display_tokens(tokenizer, ids)
    assert [p.id for p in pieces] == ids
    assert "".join(p.display for p in pieces) == _decoded(tokenizer, ids)
    for piece in pieces:
        assert piece.text == tokenizer.decode([piece.id])
        assert "\ufffd" not in piece.label and "\\x" not in piece.label
        assert piece.partial == (not piece.display and bool(piece.raw))
    return ids, pieces


@pytest.mark.parametrize("kind", ["gpt2", "llama", "t5", "bert"])
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_displayed_pieces_reproduce_the_decoded_text(tokenizers, kind, name):
    _check_round_trip(tokenizers[kind], TEXTS[name])


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_sentencepiece_byte_fallback_pieces_reproduce_the_text(byte_fallback, name):
    ids, pieces = _check_round_trip(byte_fallback, TEXTS[name])
    assert "".join(p.display for p in pieces) == TEXTS[name]
    assert any(p.partial for p in pieces), "Japanese/emoji need several byte pieces per character"


def test_sentencepiece_dummy_prefix_space_is_dropped_only_at_the_start(byte_fallback):
    ids = byte_fallback("hello 语言")["input_ids"]
    tokens = byte_fallback.convert_ids_to_tokens(ids)
    assert tokens[0].startswith("▁")  # SentencePiece put a space before the text...
    pieces = display_tokens(byte_fallback, ids)
    assert not pieces[0].display.startswith(" ")  # ...which decode drops, so the display does too
    later = display_tokens(byte_fallback, ids, prefix_ids=ids)
    assert later[0].display.startswith(" ")  # continuing a text, the same token adds its space


def test_a_byte_level_chinese_character_appears_on_the_token_that_completes_it(tokenizers):
    tokenizer = tokenizers["gpt2"]
    ids = tokenizer("语")["input_ids"]
    assert len(ids) > 1, "the tiny byte-level BPE splits this character"
    pieces = display_tokens(tokenizer, ids)
    assert [p.partial for p in pieces] == [True] * (len(ids) - 1) + [False]
    assert pieces[-1].display == "语"
    assert b"".join(p.raw for p in pieces) == "语".encode()
    first = pieces[0]
    assert first.label == "‹" + first.raw.hex(" ") + "›"
    assert first.text == "\ufffd"  # the exact decode of a lone piece is kept as it is
    assert token_json(first) == {"bytes": first.raw.hex(" "), "display": first.label}
    assert token_json(pieces[-1])["display"] == "语"
    assert first.hex in hover_text(first) and str(first.id) in hover_text(first)


@pytest.mark.parametrize("kind", ["gpt2", "t5"])
def test_prefix_ids_continue_a_character_started_earlier(tokenizers, kind):
    tokenizer = tokenizers[kind]
    ids = tokenizer(TEXTS["mixed"] + TEXTS["chinese"])["input_ids"]
    whole = display_tokens(tokenizer, ids)
    for cut in range(len(ids)):
        assert display_tokens(tokenizer, ids[cut:], prefix_ids=ids[:cut]) == whole[cut:], cut


def test_stream_pushes_one_token_at_a_time_like_generation(tokenizers):
    tokenizer = tokenizers["llama"]
    prompt = tokenizer("我喜欢")["input_ids"]
    generated = tokenizer("学习中文")["input_ids"]
    stream = TokenStream(tokenizer, prefix_ids=prompt)
    assert [stream.push(i) for i in generated] == display_tokens(tokenizer, generated, prefix_ids=prompt)


def test_invalid_bytes_show_as_markers_never_as_replacement_characters(tokenizers):
    tokenizer = tokenizers["gpt2"]
    lead, *_ = tokenizer("语")["input_ids"]  # starts a character...
    eos = tokenizer.eos_token_id
    pieces = display_tokens(tokenizer, [lead, eos])  # ...that a special token cuts off
    assert pieces[0].partial
    assert pieces[1].special and pieces[1].display == "\ufffd" + tokenizer.eos_token  # as decode shows it
    assert "\ufffd" not in pieces[1].label and pieces[1].label.endswith(tokenizer.eos_token)
    # a lone continuation byte (e.g. generation continued after a cut prompt)
    continuation = next(i for i in range(len(tokenizer))
                        if _scheme_for(tokenizer).raw(i, *_scheme_for(tokenizer).piece(i), False) == b"\x8f")
    piece = display_tokens(tokenizer, [continuation])[0]
    assert piece.display == "\ufffd" and piece.label == "‹8f›"


def test_special_tokens_show_as_their_token_string(tokenizers):
    tokenizer = tokenizers["t5"]
    ids = tokenizer("语言")["input_ids"]
    last = display_tokens(tokenizer, ids)[-1]
    assert last.special and last.label == "</s>" and not last.partial


def test_the_byte_table_is_read_once_per_tokenizer(tokenizers):
    tokenizer = tokenizers["gpt2"]
    assert _scheme_for(tokenizer) is _scheme_for(tokenizer)
    assert _scheme_for(tokenizer).kind == "bytelevel"
    assert _scheme_for(tokenizers["t5"]).kind == "metaspace"
    assert _scheme_for(tokenizers["bert"]).kind == "wordpiece"


@pytest.mark.starter
def test_smollm2_tokens_read_as_characters(smollm2):
    tokenizer = _load(smollm2)
    for text in TEXTS.values():
        ids, pieces = _check_round_trip(tokenizer, text)
        assert "".join(p.display for p in pieces) == text
    pieces = display_tokens(tokenizer, tokenizer("语言模型")["input_ids"])
    assert any(p.partial for p in pieces)
    assert [p.display for p in pieces if p.display] == ["语", "言", "模", "型"]


# ---- where tokens are shown: generation events, attention labels -----------------------------------
def test_generated_tokens_carry_their_display_and_bytes(tiny, service):
    from workbench.core.generation import SamplingSettings, completion_ids, generate

    handle = service.load(str(tiny("gpt2")), kind="causal-lm")
    tok = handle.tokenizer
    prompt = completion_ids(tok, "我喜欢")
    with service.use(handle):
        result = generate(handle, prompt, SamplingSettings(greedy=True, max_new_tokens=12, top_probs=5))
    pieces = [t.piece for t in result.tokens]
    assert [p.id for p in pieces] == result.ids
    assert pieces == display_tokens(tok, result.ids, prefix_ids=prompt)
    assert "".join(p.display for p in pieces) == _decoded(tok, result.ids)
    for event in result.tokens:
        for alt in event.alternatives:
            assert alt.piece.id == alt.id and "\ufffd" not in alt.piece.label and "\\x" not in alt.piece.label
    data = result.to_json()["tokens"][0]
    assert data["text"] == result.tokens[0].text  # the exact text is kept
    assert data["bytes"] == pieces[0].hex and data["display"] == pieces[0].label
    assert set(data["top"][0]) >= {"id", "text", "bytes", "display", "prob", "prob_after"}


def test_attention_labels_show_characters_and_byte_markers(tiny, service):
    from workbench.core import attention as A

    handle = service.load(str(tiny("gpt2")))
    text = "我喜欢学习中文。"
    captured = A.capture(handle, text, generate=4, top_k=3, service=service)
    tokens = captured.parts["self"].query
    labels = tokens.labels
    assert not any("\ufffd" in label or "\\x" in label for label in labels)
    assert any(label.startswith("‹") for label in labels)  # partial pieces are marked...
    assert [label for label in labels[:len(text) * 3] if not label.startswith("‹")][:7] == list("我喜欢学习中文")
    assert [p.id for p in tokens.pieces] == tokens.ids  # ...and every label has its bytes for a tooltip
    assert tokens.word_labels[:8] == list(text)  # pieces of one character form one word
    for step in captured.steps:
        assert step.piece.id == step.token_id and "\ufffd" not in step.token
        assert all("\ufffd" not in label for label, _ in step.top)
        assert [p.id for p in step.top_pieces][0] == step.token_id  # greedy: the likeliest is chosen
