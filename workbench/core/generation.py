"""Generation on any engine: one entry point, ``generate``, and one request as the GUI and CLI make it.

The engines (``engines/transformers_engine.py``, exact and inspectable; ``engines/llamacpp.py``, GGUF
files in a child process) yield the same ``TokenEvent``s; the types they share live in
``core/decoding.py`` and are re-exported here for callers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from workbench.core.decoding import (PRESETS, RANGES, Alternative, GenerationResult, Message,  # noqa: F401
                                     Range, SamplingSettings, SettingError, TokenEvent, TokenTap, chat_ids,
                                     check_prompt, completion_ids, finish_result, stop_strings_in_prompt)
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Event, WorkbenchError
from workbench.core.tokens import TokenDisplay, display_tokens


def generate(handle, prompt_ids: list[int], settings: SamplingSettings, cancel: CancelToken = NEVER_CANCELLED,
             progress: Callable[[Event], None] | None = None, prefix_ids: list[int] | None = None,
             speculation=None, output_format=None, draft=None) -> GenerationResult:
    """Generate after ``prompt_ids`` on a loaded causal LM; report each token through ``progress``.

    ``prefix_ids`` are answer tokens already chosen (a branch that continues from a picked token):
    the model reads prompt + prefix, and the events and text count the prefix as generated.
    Call inside ``with service.use(handle):``. Stop (``cancel``) ends generation after the current
    token and returns what was generated so far with ``finish_reason="cancelled"``.

    ``speculation`` (``core.speculative.Speculation``; ``draft``: the loaded draft model for mode "draft")
    and ``output_format`` (``core.constrain.OutputFormat``) switch to speculative decoding and constrained
    output; each token's event then says whether it was proposed and kept, and what the format forbade.
    """
    if getattr(handle, "engine", "transformers") == "llamacpp":
        from workbench.core.engines import llamacpp as engine
    else:
        from workbench.core.engines import transformers_engine as engine
    return engine.generate(handle, prompt_ids, settings, cancel=cancel, progress=progress, prefix_ids=prefix_ids,
                           speculation=speculation, output_format=output_format, draft=draft)


def code_snippet(model_path: str, settings: SamplingSettings, prompt: str = "",
                 messages: list[dict] | None = None, dtype: str = "", device: str = "", quantize: str = "") -> str:
    """The equivalent transformers program, for "Copy as code" (chat when ``messages`` is given).

    ``dtype``, ``device`` and ``quantize`` are how the app loaded the model, so the program gives the
    same ids (a bfloat16 or int8 model does not generate what a float32 one does)."""
    kwargs = settings.generate_kwargs()
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if v is not None)
    load_args = f", dtype=torch.{dtype}" if dtype else ""
    lines = ["import torch",
             "from transformers import AutoModelForCausalLM, AutoTokenizer",
             "",
             f"path = {model_path!r}",
             "tokenizer = AutoTokenizer.from_pretrained(path)",
             f"model = AutoModelForCausalLM.from_pretrained(path{load_args}).eval()"]
    if device and device != "cpu":
        lines.append(f"model.to({device!r})")
    if quantize == "int8":
        lines.append("model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)")
    lines.append("")
    if messages is not None:
        lines += [f"messages = {messages!r}",
                  "text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)",
                  "inputs = tokenizer(text, add_special_tokens=False, return_tensors='pt')"]
    else:
        lines += [f"inputs = tokenizer({prompt!r}, return_tensors='pt')"]
    if device and device != "cpu":
        lines.append("inputs = inputs.to(model.device)")
    if not settings.greedy and settings.seed is not None:
        lines.append(f"torch.manual_seed({settings.seed})")
    lines += [f"output = model.generate(**inputs, {args})",
              "print(tokenizer.decode(output[0, inputs['input_ids'].shape[1]:], skip_special_tokens=True))"]
    if settings.stop:
        lines.insert(-1, f"# stop strings {settings.stop!r}: cut the text at the first one")
    return "\n".join(lines) + "\n"


# ---- one request, as the GUI and the CLI make it ------------------------------------------
@dataclass
class GenerationRequest:
    """Everything one Generate click needs, as plain values (a worker never reads widgets)."""

    model: str
    settings: SamplingSettings
    prompt: str = ""  # completion mode
    messages: list[Message] | None = None  # chat mode (None: completion)
    prefix_ids: list[int] = field(default_factory=list)  # a branch: answer tokens already chosen
    prefix_text: str = ""  # the same tokens as text: a remote server continues from text (it sends no ids)
    quantize: str = ""
    engine: str = "transformers"  # or "llamacpp" (GGUF models, with the optional extra)
    speculation: object = None  # core.speculative.Speculation (None: off)
    output_format: object = None  # core.constrain.OutputFormat (None: free text)


@dataclass
class PromptInfo(Event):
    """Sent before the first token: the model's view of the prompt."""

    model: str
    path: str
    pieces: list[TokenDisplay]  # the prompt's tokens as shown (core.tokens)
    context_window: int | None


def run_request(service, request: GenerationRequest, cancel: CancelToken = NEVER_CANCELLED,
                progress: Callable[[Event], None] | None = None) -> GenerationResult:
    """Load the model (if needed), build the prompt, and generate."""
    from workbench.core.service import LoadOptions

    emit = progress or (lambda _e: None)
    request.settings.validate()
    for part in (request.speculation, request.output_format):
        if part is not None:
            part.validate()  # a bad schema is said before any model is loaded
    if request.messages is None and request.prompt and not request.prompt.strip():
        raise WorkbenchError(translate("core", "The prompt is empty."),
                             translate("core", "Type some text for the model to continue."))
    from workbench.core.engines import remote

    if remote.is_remote(request.model):  # served elsewhere: the server tokenizes and generates
        if request.prefix_ids and not request.prefix_text:
            raise WorkbenchError(
                translate("core", "A branch from a chosen token needs the token ids, which a remote server does not "
                                  "send."),
                translate("core", "Generate again with other settings or a seed instead; branches work with local "
                                  "models."))
        return remote.generate(remote.open_model(request.model), request.settings, prompt=request.prompt,
                               messages=request.messages, prefix=request.prefix_text,
                               prefix_tokens=len(request.prefix_ids), cancel=cancel, progress=progress)
    options = LoadOptions(device=service.options.device, dtype=service.options.dtype, quantize=request.quantize,
                          allow_pickle=service.options.allow_pickle)
    handle = service.load_engine(request.model, request.engine, kind="causal-lm", options=options, cancel=cancel)
    with service.use(handle):
        if request.messages is not None:
            prompt_ids = chat_ids(handle.tokenizer, request.messages, handle.name)
        else:
            prompt_ids = completion_ids(handle.tokenizer, request.prompt)
        emit(PromptInfo(handle.name, str(handle.path), display_tokens(handle.tokenizer, prompt_ids), handle.max_length))
        draft = None
        if request.speculation is not None and request.speculation.mode == "draft":
            from workbench.core.speculative import load_draft

            draft = load_draft(service, request.speculation.draft, handle, cancel)
        return generate(handle, prompt_ids, request.settings, cancel=cancel, progress=progress,
                        prefix_ids=request.prefix_ids, speculation=request.speculation,
                        output_format=request.output_format, draft=draft)


def run_requests(service, requests: list[GenerationRequest], cancel: CancelToken = NEVER_CANCELLED,
                 progress: Callable[[tuple[int, Event]], None] | None = None) -> list[GenerationResult]:
    """Run the requests one after the other (one model in memory at a time); each event is reported as
    (index of its request, event): the GUI's Compare page."""
    results = []
    for index, request in enumerate(requests):
        results.append(run_request(service, request, cancel=cancel,
                                   progress=(lambda e, i=index: progress((i, e))) if progress else None))
    return results


def count_prompt(service, model: str, prompt: str = "", messages: list[Message] | None = None) -> PromptInfo:
    """The prompt's tokens and the model's context window, for the tokenizer view.

    Counted with the tokenizer of the model as it is loaded (int8 or not), or the tokenizer alone: never
    through a load, which with other options would unload the user's model and load another copy."""
    import contextlib

    source = service.tokenizer_for(model, kind="causal-lm")
    # A loaded model's tokenizer is shared with the jobs running on it: take its lock like they do.
    with service.use(source) if hasattr(source, "lock") else contextlib.nullcontext():
        tokenizer = source.tokenizer
        if messages is not None:
            ids = chat_ids(tokenizer, messages, source.name)
        else:
            ids = list(tokenizer(prompt)["input_ids"]) if prompt else []
        return PromptInfo(source.name, str(source.path), display_tokens(tokenizer, ids), source.max_length)
