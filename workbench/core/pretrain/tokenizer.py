"""Tokenizers trained on the user's text: one token per character, byte-level BPE, or words.

All round-trip any text exactly (Chinese included: the character tokenizer keeps each character,
byte-level BPE covers every byte, the word tokenizer falls back to characters), and all are saved as a transformers ``PreTrainedTokenizerFast``
with ``<s>``/``</s>``/``<pad>`` (and ``<unk>`` for characters never seen in training), so
``AutoTokenizer.from_pretrained`` loads them. Encoding puts ``<s>`` first, as training does for every
window: generation from an empty prompt starts from it.
"""

from __future__ import annotations

from collections import Counter

from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError

BOS, EOS, PAD, UNK = "<s>", "</s>", "<pad>", "<unk>"
SPECIALS = (PAD, BOS, EOS, UNK)  # ids 0..3
BYTE_ALPHABET = 256
BPE_MIN_VOCAB = BYTE_ALPHABET + len(SPECIALS)


def character_vocab_size(text: str) -> int:
    return len(set(text)) + len(SPECIALS)


def train_character(text: str):
    """One token per distinct character of ``text`` (most frequent first), plus the special tokens."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers

    vocab = {token: i for i, token in enumerate(SPECIALS)}
    for char, _ in Counter(text).most_common():
        vocab[char] = len(vocab)
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token=UNK))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tok.decoder = decoders.Fuse()
    return _wrap(tok)


def train_bpe(text: str, vocab_size: int):
    """Byte-level BPE with ``vocab_size`` tokens learned from ``text``."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    if vocab_size < BPE_MIN_VOCAB:
        raise WorkbenchError(
            translate("core", "A BPE vocabulary needs at least {n} tokens (256 bytes and 4 special tokens), "
                              "not {size}.").format(n=BPE_MIN_VOCAB, size=vocab_size),
            translate("core", "Choose a vocabulary size of {n} or more, or the character tokenizer.")
            .format(n=BPE_MIN_VOCAB))
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIALS), show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), min_frequency=2)
    tok.train_from_iterator(_chunks(text), trainer=trainer)
    learned = tok.get_vocab_size()
    if learned < vocab_size:
        raise WorkbenchError(
            translate("core", "This text allows a BPE vocabulary of at most {most} tokens (every pair that "
                              "occurs twice is merged), not {size}.").format(most=learned, size=vocab_size),
            translate("core", "Choose a vocabulary size of {most} or less, or give more text.").format(most=learned))
    return _wrap(tok)


# A word with the space before it, a run of Chinese characters, one punctuation mark, or spaces
# (GPT-2's pattern, with Han runs kept whole for the segmenter).
WORD_PATTERN = r"\p{Han}+| ?[^\s\p{Han}\p{P}\p{S}]+| ?[\p{P}\p{S}]|\s+(?!\S)|\s+"
DEFAULT_WORD_VOCAB = 30000


def segment_words(text: str) -> list[str]:
    """The words of ``text``: jieba's segmentation of each run of Chinese characters, and elsewhere words with the
    space before them and punctuation (how the word vocabulary is found)."""
    import logging

    import jieba
    from tokenizers import Regex, pre_tokenizers

    jieba.setLogLevel(logging.WARNING)
    split = pre_tokenizers.Split(Regex(WORD_PATTERN), behavior="isolated")
    words: list[str] = []
    for chunk in _chunks(text):
        for piece, _ in split.pre_tokenize_str(chunk):
            if "\u3400" <= piece[0] <= "\u9fff" or "\uf900" <= piece[0] <= "\ufaff":
                words += jieba.lcut(piece, HMM=True)
            else:
                words.append(piece)
    return words


def train_word(text: str, vocab_size: int = 0):
    """Words as tokens: the ``vocab_size`` most frequent words of ``text`` (all by default, at most
    DEFAULT_WORD_VOCAB), plus every character of the text so that any word still encodes.

    Chinese words are the ones jieba finds in the text; encoding splits a run of Chinese characters by
    the longest known word first (the saved tokenizer cannot call jieba), which gives jieba's words
    wherever the run is made of them, and single characters elsewhere.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers

    words = Counter(segment_words(text))
    chars = Counter(text)
    limit = vocab_size or DEFAULT_WORD_VOCAB
    vocab = {token: i for i, token in enumerate(SPECIALS)}
    for char, _ in chars.most_common():
        vocab.setdefault(char, len(vocab))
    for word, _ in words.most_common():
        if len(vocab) >= max(limit, len(SPECIALS) + len(chars)):
            break
        vocab.setdefault(word, len(vocab))
    tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token=UNK, continuing_subword_prefix="",
                                     max_input_chars_per_word=1 << 30))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(WORD_PATTERN), behavior="isolated")
    tok.decoder = decoders.Fuse()
    return _wrap(tok)


def _chunks(text: str, size: int = 1 << 16):
    """Lines in batches: the trainer's pre-tokenizer sees whole lines, and memory stays flat."""
    lines = text.splitlines(keepends=True)
    for start in range(0, len(lines), 1024):
        yield "".join(lines[start:start + 1024])


def _wrap(tok):
    from tokenizers import processors
    from transformers import PreTrainedTokenizerFast

    bos_id = tok.token_to_id(BOS)
    tok.post_processor = processors.TemplateProcessing(single=f"{BOS} $A", pair=f"{BOS} $A $B",
                                                       special_tokens=[(BOS, bos_id)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=BOS, eos_token=EOS, pad_token=PAD,
                                   unk_token=UNK, clean_up_tokenization_spaces=False)


def encode_text(tokenizer, text: str) -> list[int]:
    """The ids of ``text`` without special tokens (training adds ``<s>`` per window itself)."""
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])
