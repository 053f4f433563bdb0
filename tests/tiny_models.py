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
    elif kind.startswith("family-") and kind[len("family-"):] in FAMILIES:
        tokenizer, model = _family(kind[len("family-"):])
    else:
        raise ValueError(kind)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


# Architecture families users load most, each as (transformers config class, model class, config values):
# 2 layers, hidden size 32, 4 heads of 8, tiny experts; the tokenizer is the family's style (BPE for decoders,
# WordPiece for encoders). Built by ``build("family-NAME")``; test_architectures.py runs every view on each.
_DECODER = dict(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
                num_key_value_heads=2, max_position_embeddings=256)
_MOE = dict(num_experts_per_tok=2, moe_intermediate_size=16)
_ENCODER = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
                max_position_embeddings=128)
FAMILIES = {
    "llama": ("LlamaConfig", "LlamaForCausalLM", _DECODER),
    "qwen2": ("Qwen2Config", "Qwen2ForCausalLM", _DECODER),
    "qwen3": ("Qwen3Config", "Qwen3ForCausalLM", dict(_DECODER, head_dim=8)),
    "qwen2-moe": ("Qwen2MoeConfig", "Qwen2MoeForCausalLM",
                  dict(_DECODER, **_MOE, num_experts=4, shared_expert_intermediate_size=32)),
    "qwen3-moe": ("Qwen3MoeConfig", "Qwen3MoeForCausalLM", dict(_DECODER, **_MOE, head_dim=8, num_experts=4)),
    "mistral": ("MistralConfig", "MistralForCausalLM", dict(_DECODER, head_dim=8)),
    "mixtral": ("MixtralConfig", "MixtralForCausalLM",
                dict(_DECODER, head_dim=8, num_local_experts=4, num_experts_per_tok=2)),
    "gemma": ("GemmaConfig", "GemmaForCausalLM", dict(_DECODER, head_dim=8)),
    "gemma2": ("Gemma2Config", "Gemma2ForCausalLM",
               dict(_DECODER, head_dim=8, query_pre_attn_scalar=8, sliding_window=64)),
    "gemma3": ("Gemma3TextConfig", "Gemma3ForCausalLM",
               dict(_DECODER, head_dim=8, query_pre_attn_scalar=8, sliding_window=64)),
    "phi": ("PhiConfig", "PhiForCausalLM", dict(_DECODER, num_key_value_heads=4)),
    "phi3": ("Phi3Config", "Phi3ForCausalLM", _DECODER),
    "gpt2": ("GPT2Config", "GPT2LMHeadModel", dict(n_embd=32, n_layer=2, n_head=4, n_positions=256)),
    "gptj": ("GPTJConfig", "GPTJForCausalLM", dict(n_embd=32, n_layer=2, n_head=4, rotary_dim=4, n_positions=256)),
    "gpt-neox": ("GPTNeoXConfig", "GPTNeoXForCausalLM",
                 dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
                      max_position_embeddings=256)),
    "opt": ("OPTConfig", "OPTForCausalLM",
            dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, ffn_dim=64, word_embed_proj_dim=32,
                 max_position_embeddings=256)),
    "falcon": ("FalconConfig", "FalconForCausalLM",
               dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, max_position_embeddings=256)),
    "bloom": ("BloomConfig", "BloomForCausalLM", dict(hidden_size=32, n_layer=2, n_head=4)),
    "bert": ("BertConfig", "BertForMaskedLM", _ENCODER),
    "roberta": ("RobertaConfig", "RobertaForMaskedLM", dict(_ENCODER, max_position_embeddings=130)),
    "deberta-v2": ("DebertaV2Config", "DebertaV2ForMaskedLM",
                   dict(_ENCODER, relative_attention=True, position_buckets=16, norm_rel_ebd="layer_norm",
                        share_att_key=True, pos_att_type=["p2c", "c2p"], max_relative_positions=-1,
                        position_biased_input=False)),
}
ENCODER_FAMILIES = ("bert", "roberta", "deberta-v2")


def family_classes(family: str):
    """(config class, model class) of a family, or None when the installed transformers lacks them."""
    import transformers as tf

    config_name, model_name, _ = FAMILIES[family]
    config_cls, model_cls = getattr(tf, config_name, None), getattr(tf, model_name, None)
    return (config_cls, model_cls) if config_cls is not None and model_cls is not None else None


def _family(family: str):
    config_cls, model_cls = family_classes(family)
    values = dict(FAMILIES[family][2])
    if family in ENCODER_FAMILIES:
        tokenizer = _wordpiece_tokenizer()
        values.update(vocab_size=len(tokenizer), pad_token_id=tokenizer.pad_token_id)
    else:
        tokenizer = _bpe_tokenizer()
        values.update(vocab_size=len(tokenizer), bos_token_id=tokenizer.bos_token_id,
                      eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id)
    return tokenizer, model_cls(config_cls(**values))


KINDS = ("gpt2", "llama", "bert", "bert-classifier", "bert-mlm", "bert-ner", "bert-qa", "t5", "marian")
