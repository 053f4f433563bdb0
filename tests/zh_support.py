"""A tokenizer that reads Chinese, for the tests of the Chinese task examples."""

from __future__ import annotations

from workbench.core.tasks import chinese_sample


def chinese_wordpiece(out=None):
    """A BERT-style tokenizer trained on the Chinese examples: every character is a known token."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator([chinese_sample(), "Paris is the capital of France."],
                            trainers.WordPieceTrainer(vocab_size=600, special_tokens=["[PAD]", "[UNK]", "[CLS]",
                                                                                      "[SEP]", "[MASK]"]))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")
    if out is not None:
        fast.save_pretrained(out)
    return fast
