"""Tiny random models of each kind, built from small configs, with real trained tokenizers.

Everything is made locally: a byte-level BPE (GPT-2 / Llama style), a WordPiece (BERT style) and a
Unigram (T5 / Marian style) tokenizer are trained on a small corpus, so no test reaches the hub.
"""

from __future__ import annotations

from pathlib import Path

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "A language model predicts the next token from the ones before it.",
    "Attention lets every token look at the other tokens in the sequence.",
    "I loved this film, it was wonderful and moving.",
    "This was the worst meal I have ever had, truly awful.",
    "Paris is the capital of France. Berlin is the capital of Germany.",
    "Fine-tuning adapts a pretrained model to your own data.",
    "语言模型可以生成文本。我喜欢学习。",
    "Emoji are tokens too 🙂 and so are numbers like 12345.",
    "Hello world! How are you today? I am fine, thank you.",
] * 20

CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def _bpe_tokenizer(vocab_size: int = 400):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(CORPUS, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|endoftext|>", eos_token="<|im_end|>",
                                   unk_token="<|endoftext|>", pad_token="<pad>")
    fast.chat_template = CHAT_TEMPLATE
    return fast


def _wordpiece_tokenizer(vocab_size: int = 400):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(CORPUS, trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")


def _unigram_tokenizer(vocab_size: int = 300):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.Unigram())
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    specials = ["<pad>", "</s>", "<unk>"]
    tok.train_from_iterator(CORPUS, trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=specials,
                                                            unk_token="<unk>"))
    eos = tok.token_to_id("</s>")
    tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                       special_tokens=[("</s>", eos)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")


def build(kind: str, out: Path) -> Path:
    """Save a tiny random model of ``kind`` into ``out`` and return it."""
    import torch
    import transformers as tf

    torch.manual_seed(0)
    out.mkdir(parents=True, exist_ok=True)
    if kind in ("gpt2", "llama"):
        tokenizer = _bpe_tokenizer()
        common = dict(vocab_size=len(tokenizer), bos_token_id=tokenizer.bos_token_id,
                      eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
        if kind == "gpt2":
            config = tf.GPT2Config(n_embd=32, n_layer=2, n_head=4, n_positions=256, **common)
            model = tf.GPT2LMHeadModel(config)
        else:
            config = tf.LlamaConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                    num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
                                    tie_word_embeddings=True, **common)
            model = tf.LlamaForCausalLM(config)
    elif kind in ("bert", "bert-classifier", "bert-mlm", "bert-ner", "bert-qa"):
        tokenizer = _wordpiece_tokenizer()
        config = tf.BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                               num_attention_heads=4, intermediate_size=64, max_position_embeddings=128,
                               pad_token_id=tokenizer.pad_token_id)
        if kind == "bert":
            model = tf.BertModel(config)
        elif kind == "bert-classifier":
            config.id2label = {0: "negative", 1: "positive"}
            config.label2id = {"negative": 0, "positive": 1}
            model = tf.BertForSequenceClassification(config)
        elif kind == "bert-mlm":
            model = tf.BertForMaskedLM(config)
        elif kind == "bert-ner":
            labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
            config.id2label = dict(enumerate(labels))
            config.label2id = {v: k for k, v in config.id2label.items()}
            model = tf.BertForTokenClassification(config)
        else:
            model = tf.BertForQuestionAnswering(config)
    elif kind in ("t5", "marian"):
        tokenizer = _unigram_tokenizer()
        if kind == "t5":
            config = tf.T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=8, d_ff=64, num_layers=2,
                                 num_decoder_layers=2, num_heads=4, pad_token_id=tokenizer.pad_token_id,
                                 eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.pad_token_id)
            model = tf.T5ForConditionalGeneration(config)
        else:
            config = tf.MarianConfig(vocab_size=len(tokenizer), d_model=32, encoder_layers=2, decoder_layers=2,
                                     encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=64,
                                     decoder_ffn_dim=64, max_position_embeddings=128,
                                     pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
                                     decoder_start_token_id=tokenizer.pad_token_id)
            model = tf.MarianMTModel(config)
    else:
        raise ValueError(kind)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


KINDS = ("gpt2", "llama", "bert", "bert-classifier", "bert-mlm", "bert-ner", "bert-qa", "t5", "marian")
