"""An n-gram model as a transformers causal LM, so Generate, Perplexity and the token inspector use it unchanged.

Why a model class and not an engine of its own: the transformers engine already does everything a
user expects of a model (every sampling control through ``model.generate``, the probability table of
each step from a hook on the output layer, perplexity windows, Compare). An n-gram model only has to
answer the one question those ask: the next token's log-probabilities at each position. So
``forward`` returns ``logits = log P(w | the previous N-1 tokens)`` over the whole vocabulary (a
softmax of them gives the model's probabilities back exactly), through ``lm_head`` (an identity
module, where the engine's hook reads the raw distribution). There is no cache: each step reads the
last N-1 tokens again, which is what an n-gram model is.

The counts are not weights: ``from_pretrained`` reads ``ngram.safetensors`` with numpy and ignores
dtype and device requests (the probabilities are computed in float64 on the CPU and returned as
float32 logits on the caller's device).
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn
from transformers import AutoConfig, AutoModelForCausalLM, GenerationMixin, PretrainedConfig, PreTrainedModel
from transformers.modeling_outputs import CausalLMOutput

from workbench.core.pretrain import ngram


class WorkbenchNGramConfig(PretrainedConfig):
    model_type = ngram.MODEL_TYPE

    def __init__(self, vocab_size: int = 260, order: int = 3, smoothing: str = "kneser-ney", k: float = 1.0,
                 discounts: list[float] | None = None, stored_ngrams: int = 0, bos_token_id: int | None = None,
                 eos_token_id: int | None = None, pad_token_id: int | None = None, **kwargs):
        self.vocab_size, self.order, self.smoothing, self.k = vocab_size, order, smoothing, k
        self.discounts = list(discounts or [])
        self.stored_ngrams = stored_ngrams
        kwargs["tie_word_embeddings"] = False
        super().__init__(bos_token_id=bos_token_id, eos_token_id=eos_token_id, pad_token_id=pad_token_id, **kwargs)


class LogProbabilities(nn.Module):
    """The output layer: the n-gram log-probabilities pass through unchanged (hooks read them here)."""

    def forward(self, logprobs: torch.Tensor) -> torch.Tensor:
        return logprobs


class WorkbenchNGramForCausalLM(PreTrainedModel, GenerationMixin):
    config_class = WorkbenchNGramConfig
    base_model_prefix = "ngram"
    main_input_name = "input_ids"
    _is_stateful = True  # no cache to crop or reorder: assisted decoding does not apply
    _supports_sdpa = True
    _supports_flash_attn = True
    _supports_flex_attn = True
    _no_split_modules: list[str] = []

    def __init__(self, config: WorkbenchNGramConfig, counts: ngram.NGramModel | None = None):
        super().__init__(config)
        # One zero, never trained: callers read the model's device and dtype from its parameters.
        self.anchor = nn.Parameter(torch.zeros(1), requires_grad=False)
        self.lm_head = LogProbabilities()
        self.counts = counts
        self.post_init()

    def _init_weights(self, module):
        pass

    @classmethod
    def from_pretrained(cls, pretrained_model_name_or_path, *args, config=None, **kwargs):
        folder = str(pretrained_model_name_or_path)
        config = config if isinstance(config, WorkbenchNGramConfig) else WorkbenchNGramConfig.from_pretrained(folder)
        model = cls(config, ngram.load(folder, config.to_dict()))
        model.eval()
        return model

    def get_input_embeddings(self):
        return None

    def get_output_embeddings(self):
        return self.lm_head

    @classmethod
    def _supports_default_dynamic_cache(cls) -> bool:
        return False

    def prepare_inputs_for_generation(self, input_ids, attention_mask=None, **kwargs):
        return {"input_ids": input_ids, "logits_to_keep": 1}

    def forward(self, input_ids: torch.LongTensor | None = None, attention_mask: torch.Tensor | None = None,
                labels: torch.LongTensor | None = None, logits_to_keep: int = 0, return_dict: bool | None = None,
                **kwargs):
        counts = self.counts
        rows = input_ids.detach().cpu().numpy()
        n = rows.shape[1]
        keep = range(n - logits_to_keep, n) if logits_to_keep else range(n)
        width = counts.order - 1
        out = np.empty((rows.shape[0], len(keep), counts.vocab_size), dtype=np.float32)
        for b, row in enumerate(rows):
            padded = [counts.bos_id] * width + row.tolist()
            for j, i in enumerate(keep):  # position i predicts token i + 1 from tokens i - N + 2 .. i
                out[b, j] = np.log(counts.distribution(padded[i + 1:i + 1 + width] if width else []))
        logits = self.lm_head(torch.from_numpy(out).to(self.anchor.device))
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)),
                                               labels[:, 1:].reshape(-1).to(logits.device), ignore_index=-100)
        output = CausalLMOutput(loss=loss, logits=logits)
        return output if return_dict is not False else output.to_tuple()


_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    AutoConfig.register(ngram.MODEL_TYPE, WorkbenchNGramConfig, exist_ok=True)
    AutoModelForCausalLM.register(WorkbenchNGramConfig, WorkbenchNGramForCausalLM, exist_ok=True)
    _registered = True
