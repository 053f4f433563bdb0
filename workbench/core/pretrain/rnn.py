"""An LSTM/GRU language model as a transformers model: ``Embedding -> LSTM/GRU layers -> Linear``.

``WorkbenchRNNConfig`` (``model_type="workbench-rnn"``) and ``WorkbenchRNNForCausalLM`` subclass
``PretrainedConfig``/``PreTrainedModel`` and ``GenerationMixin``, so ``save_pretrained`` writes
safetensors and ``AutoModelForCausalLM.from_pretrained`` loads it without remote code once
``register()`` has run in this process. Generation carries the recurrent state as its cache
(``RNNState``, reordered for beam search); padded rows are read without their padding.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from transformers import AutoConfig, AutoModelForCausalLM, GenerationMixin, PretrainedConfig, PreTrainedModel
from transformers.utils import ModelOutput

from workbench.core.modeltypes import RNN as MODEL_TYPE


class WorkbenchRNNConfig(PretrainedConfig):
    model_type = MODEL_TYPE

    def __init__(self, vocab_size: int = 256, hidden_size: int = 256, num_hidden_layers: int = 2,
                 cell: str = "lstm", dropout: float = 0.0, bos_token_id: int | None = None,
                 eos_token_id: int | None = None, pad_token_id: int | None = None, **kwargs):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.cell = cell
        self.dropout = dropout
        kwargs["tie_word_embeddings"] = False  # the output layer has its own weights
        super().__init__(bos_token_id=bos_token_id, eos_token_id=eos_token_id, pad_token_id=pad_token_id, **kwargs)


class RNNState:
    """The recurrent state after ``seen`` tokens: one ``h`` (LSTM: ``(h, c)``) per layer."""

    def __init__(self, layers: list, seen: int):
        self.layers, self.seen = layers, seen

    def reorder_cache(self, beam_idx: torch.LongTensor) -> None:
        def pick(t):
            return t.index_select(1, beam_idx.to(t.device))

        self.layers = [tuple(pick(t) for t in s) if isinstance(s, tuple) else pick(s) for s in self.layers]


@dataclass
class RNNCausalLMOutput(ModelOutput):
    loss: torch.FloatTensor | None = None
    logits: torch.FloatTensor | None = None
    cache: RNNState | None = None
    hidden_states: tuple[torch.FloatTensor, ...] | None = None


class WorkbenchRNNForCausalLM(PreTrainedModel, GenerationMixin):
    config_class = WorkbenchRNNConfig
    base_model_prefix = "rnn"
    main_input_name = "input_ids"
    _is_stateful = True
    # No attention at all: whichever implementation a caller asks for (sdpa, eager) changes nothing.
    _supports_sdpa = True
    _supports_flash_attn = True
    _supports_flex_attn = True
    _no_split_modules: list[str] = []

    def __init__(self, config: WorkbenchRNNConfig):
        super().__init__(config)
        cell = {"lstm": nn.LSTM, "gru": nn.GRU}[config.cell]
        self.embed_tokens = nn.Embedding(config.vocab_size, config.hidden_size)
        # One module per layer, so every layer's output can be returned as a hidden state.
        self.layers = nn.ModuleList(cell(config.hidden_size, config.hidden_size, batch_first=True)
                                    for _ in range(config.num_hidden_layers))
        self.dropout = nn.Dropout(config.dropout)
        self.lm_head = nn.Linear(config.hidden_size, config.vocab_size)
        self.post_init()

    @torch.no_grad()
    def _init_weights(self, module):
        if isinstance(module, nn.Embedding):
            module.weight.normal_(0.0, 0.1)
        elif isinstance(module, nn.Linear):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
        elif isinstance(module, (nn.LSTM, nn.GRU)):
            bound = module.hidden_size ** -0.5
            for name, weight in module.named_parameters():
                if "bias" in name:
                    weight.zero_()
                    if isinstance(module, nn.LSTM):  # forget gate bias 1: remember by default
                        weight[module.hidden_size:2 * module.hidden_size] = 1.0
                else:
                    weight.uniform_(-bound, bound)

    def get_input_embeddings(self):
        return self.embed_tokens

    def set_input_embeddings(self, value):
        self.embed_tokens = value

    def get_output_embeddings(self):
        return self.lm_head

    def set_output_embeddings(self, value):
        self.lm_head = value

    @classmethod
    def _supports_default_dynamic_cache(cls) -> bool:
        return False  # the cache is the recurrent state (RNNState), made by forward

    def prepare_inputs_for_generation(self, input_ids, cache: RNNState | None = None, use_cache=None,
                                      attention_mask=None, **kwargs):
        if cache is not None:
            input_ids = input_ids[:, cache.seen:]  # only the tokens the state has not read yet
        return {"input_ids": input_ids, "cache": cache, "use_cache": use_cache, "attention_mask": attention_mask}

    def forward(self, input_ids: torch.LongTensor | None = None, attention_mask: torch.Tensor | None = None,
                inputs_embeds: torch.Tensor | None = None, labels: torch.LongTensor | None = None,
                cache: RNNState | None = None, use_cache: bool | None = None,
                output_hidden_states: bool | None = None, return_dict: bool | None = None, **kwargs):
        """``attention_mask``: padding (0) is skipped, left or right: the state carries on from the last
        real token, and padded positions get zero hidden states."""
        hidden = self.embed_tokens(input_ids) if inputs_embeds is None else inputs_embeds
        if attention_mask is not None:
            attention_mask = attention_mask[:, -hidden.shape[1]:]  # generation passes the whole sequence's
            if bool(attention_mask.all()):
                attention_mask = None
        states = [hidden] if output_hidden_states else None
        new_state = []
        for i, layer in enumerate(self.layers):
            before = cache.layers[i] if cache is not None else None
            if attention_mask is None:
                hidden, last = layer(self.dropout(hidden), before)
            else:
                hidden, last = _run_skipping_padding(layer, self.dropout(hidden), before, attention_mask.bool())
            new_state.append(last)
            if states is not None:
                states.append(hidden)
        logits = self.lm_head(self.dropout(hidden))
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)).float(),
                                               labels[:, 1:].reshape(-1), ignore_index=-100)
        seen = (cache.seen if cache is not None else 0) + hidden.shape[1]
        output = RNNCausalLMOutput(loss=loss, logits=logits,
                                   cache=RNNState(new_state, seen) if use_cache or cache is not None else None,
                                   hidden_states=tuple(states) if states is not None else None)
        return output if return_dict is not False else output.to_tuple()


def _run_skipping_padding(layer, inputs: torch.Tensor, state, mask: torch.Tensor):
    """Run ``layer`` on each row's real positions only (rare: padded batches), one row at a time."""
    outputs = torch.zeros(*inputs.shape[:2], layer.hidden_size, dtype=inputs.dtype, device=inputs.device)
    finals = []
    for row in range(inputs.shape[0]):
        def pick(t, row=row):
            return t[:, row:row + 1]

        row_state = None if state is None else tuple(map(pick, state)) if isinstance(state, tuple) else pick(state)
        real = mask[row].nonzero().squeeze(1)
        if real.numel():
            out, row_state = layer(inputs[row:row + 1, real], row_state)
            outputs[row, real] = out[0]
        elif row_state is None:  # nothing read yet: the zero state a layer starts from
            zeros = inputs.new_zeros(1, 1, layer.hidden_size)
            row_state = (zeros, zeros.clone()) if isinstance(layer, nn.LSTM) else zeros
        finals.append(row_state)
    if isinstance(finals[0], tuple):
        return outputs, tuple(torch.cat(parts, dim=1) for parts in zip(*finals))
    return outputs, torch.cat(finals, dim=1)


_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    AutoConfig.register(MODEL_TYPE, WorkbenchRNNConfig, exist_ok=True)
    AutoModelForCausalLM.register(WorkbenchRNNConfig, WorkbenchRNNForCausalLM, exist_ok=True)
    _registered = True
