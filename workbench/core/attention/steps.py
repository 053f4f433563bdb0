"""Per-step attention during generation: greedy decoding that records each step's choice and top-k."""

from __future__ import annotations

from workbench.core.attention.store import GenerationStep
from workbench.core.attention.words import piece_label
from workbench.core.i18n import translate
from workbench.core.jobs import CancelToken, Progress, ProgressCallback
from workbench.core.tokens import TokenStream


def generate_steps(model, tokenizer, inputs: dict, count: int, top_k: int, rows_before: int,
                   cancel: CancelToken, progress: ProgressCallback,
                   decoder_start: int | None = None) -> tuple[list[int], list[GenerationStep]]:
    """Greedy decoding with a KV cache, one token per step, recording each step's top-k."""
    import torch

    eos = getattr(tokenizer, "eos_token_id", None)
    new_ids: list[int] = []
    steps: list[GenerationStep] = []
    # a generated character may start in the prompt's last token (decoders continue the prompt)
    stream = TokenStream(tokenizer, prefix_ids=inputs["input_ids"][0].tolist() if decoder_start is None
                         else [decoder_start])
    with torch.inference_mode():
        if decoder_start is None:
            out = model(**inputs, use_cache=True)
        else:
            encoder_outputs = model.get_encoder()(**inputs)
            decoder_ids = torch.tensor([[decoder_start]], device=inputs["input_ids"].device)
            out = model(encoder_outputs=encoder_outputs, decoder_input_ids=decoder_ids, use_cache=True)
        for step in range(count):
            cancel.raise_if_cancelled()
            probs = torch.softmax(out.logits[0, -1].float(), dim=-1)
            values, indices = probs.topk(min(top_k, probs.shape[-1]))
            chosen = int(indices[0])
            pieces = stream.peek_many(int(i) for i in indices)
            top = [(piece_label(p), float(v)) for p, v in zip(pieces, values)]
            piece = stream.push(chosen)
            steps.append(GenerationStep(rows=rows_before + step, token=piece_label(piece), token_id=chosen,
                                        probability=float(values[0]), top=top, piece=piece, top_pieces=pieces))
            new_ids.append(chosen)
            progress(Progress(step + 1, count, translate("core", "Generated {step} of {count} tokens").format(
                step=step + 1, count=count), "tokens"))
            if eos is not None and chosen == eos:
                break
            next_ids = torch.tensor([[chosen]], device=inputs["input_ids"].device)
            if decoder_start is None:
                out = model(input_ids=next_ids, past_key_values=out.past_key_values, use_cache=True)
            else:
                out = model(encoder_outputs=encoder_outputs, decoder_input_ids=next_ids,
                            past_key_values=out.past_key_values, use_cache=True)
    return new_ids, steps
