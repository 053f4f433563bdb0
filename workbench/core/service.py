"""ModelService: the one owner of loaded models.

Loads by reference (short name, store name, hub id, path) into a ``ModelHandle``; applies the device
and dtype policy; checks memory before loading; refuses remote code and (unless opted in) pickle
weights; keeps at most ``max_loaded`` models; and serialises jobs on one model with its lock.
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from workbench.core import devices, int8
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.library import Library, check_importable
from workbench.core.modelinfo import WORD_VECTORS_KIND, inspect_folder

AUTO_CLASSES = {
    "causal-lm": "AutoModelForCausalLM",
    "seq2seq": "AutoModelForSeq2SeqLM",
    "masked-lm": "AutoModelForMaskedLM",
    "seq-classification": "AutoModelForSequenceClassification",
    "token-classification": "AutoModelForTokenClassification",
    "question-answering": "AutoModelForQuestionAnswering",
    "encoder": "AutoModel",
}


def context_window(config, tokenizer) -> int | None:
    """How many tokens the model reads at most (from its config, else its tokenizer)."""
    for attr in ("max_position_embeddings", "n_positions", "max_length"):
        value = getattr(config, attr, None)
        if isinstance(value, int) and value > 0:
            return value
    limit = getattr(tokenizer, "model_max_length", None)
    return limit if isinstance(limit, int) and limit < 1_000_000 else None


@dataclass
class TokenizerOnly:
    """A model's tokenizer and context window without its weights (for counting prompt tokens)."""

    ref: str
    path: Path
    tokenizer: object
    max_length: int | None

    @property
    def name(self) -> str:
        return self.ref


@dataclass
class LoadOptions:
    device: str = "auto"
    dtype: str = "auto"
    quantize: str = ""  # "" or "int8" (dynamic int8 linear layers, CPU)
    allow_pickle: bool = False


@dataclass(eq=False)
class ModelHandle:
    ref: str
    path: Path
    kind: str
    model: object
    tokenizer: object
    config: object
    device: str
    dtype: str
    kinds: list[str]
    parameters: int | None
    quantize: str = ""
    load_seconds: float = 0.0
    engine: str = "transformers"  # or "llamacpp": model is a LlamaProcess (llama.cpp in a child process)
    lock: threading.RLock = field(default_factory=threading.RLock)
    last_used: float = field(default_factory=time.monotonic)

    @property
    def key(self) -> tuple:
        return (str(self.path), self.kind, self.device, self.dtype, self.quantize)

    @property
    def name(self) -> str:
        return self.ref

    @property
    def max_length(self) -> int | None:
        return context_window(self.config, self.tokenizer)

    @property
    def has_chat_template(self) -> bool:
        return bool(getattr(self.tokenizer, "chat_template", None))

    @property
    def attn_implementation(self) -> str:
        return getattr(getattr(self.model, "config", None), "_attn_implementation", "") or ""


def _details(exc: BaseException) -> str:
    """What a failed load shows under Details: the library's own message first, then where it was raised."""
    import traceback

    return f"{type(exc).__name__}: {exc}\n\n" + "".join(traceback.format_exception(exc))


# transformers' from_pretrained swaps process-wide state while it builds a model (torch's default dtype,
# torch.nn.init functions, PreTrainedModel.init_weights, torch.linspace) and restores it on exit; two
# loads interleaved in threads restore each other's stand-ins and leave later models uninitialised or
# on the meta device. So weights are read one model at a time in a process, whichever service asks.
_READING_WEIGHTS = threading.Lock()


# Called with each model as it is unloaded (after a job on it has ended), so what is kept beside a model
# elsewhere in core (the inspector's float32 copy) goes with it. Modules above the service register here.
_release_hooks: list[Callable[[object], None]] = []


def on_release(hook: Callable[[object], None]) -> None:
    if hook not in _release_hooks:
        _release_hooks.append(hook)


def _acquire(lock: threading.Lock, cancel: CancelToken) -> None:
    while not lock.acquire(timeout=0.1):
        cancel.raise_if_cancelled()


class ModelService:
    def __init__(self, library: Library | None = None, max_loaded: int = 1,
                 options: LoadOptions | None = None, cpu_bf16_faster: bool | None = False,
                 on_change: Callable[[], None] | None = None):
        self.library = library or Library()
        self.max_loaded = max(1, max_loaded)
        self.options = options or LoadOptions()
        self.cpu_bf16_faster = cpu_bf16_faster
        self.on_change = on_change
        self.settings = None  # the Settings this service was built from (from_settings), if any
        self._handles: list[ModelHandle] = []
        self._lock = threading.RLock()
        # Loading is atomic per model: one lock per handle key, so a second caller for the same model
        # waits and gets the first caller's handle. Slots are reserved before the weights are read, so
        # concurrent loads of different models never hold more than max_loaded models (and the weights
        # themselves are read one model at a time: see _READING_WEIGHTS).
        self._slots = threading.Condition(self._lock)
        self._key_locks: dict[tuple, threading.Lock] = {}
        self._tokenizers: dict[str, TokenizerOnly] = {}
        self._loading = 0

    @classmethod
    def from_settings(cls, settings=None, library: Library | None = None, device: str | None = None,
                      dtype: str | None = None, on_change: Callable[[], None] | None = None) -> "ModelService":
        """The one way the app, every CLI command and every benchmark build their service.

        Device, dtype, pickle opt-in and models kept loaded come from the user's settings (``device``
        and ``dtype`` override them for one command), and the CPU's measured bfloat16-vs-float32
        verdict is shared, so the CLI runs as fast as the app and gives the same ids.
        """
        from workbench.core import settings as settings_mod

        if settings is None:
            settings = settings_mod.load().settings
        options = LoadOptions(device=device or settings.device, dtype=dtype or settings.dtype,
                              allow_pickle=settings.allow_pickle_weights)
        service = cls(library or Library(), max_loaded=settings.max_loaded_models, options=options,
                      cpu_bf16_faster=settings.cpu_bf16_faster, on_change=on_change)
        service.settings = settings
        return service

    def options_with(self, **changes) -> LoadOptions:
        """This service's load options with some changed (e.g. ``quantize="int8"`` for one load)."""
        import dataclasses

        return dataclasses.replace(self.options, **changes)

    def remember_measurements(self) -> None:
        """Keep a fresh CPU dtype measurement in the settings so later runs skip it."""
        settings = getattr(self, "settings", None)
        if settings is None or self.cpu_bf16_faster is None or settings.cpu_bf16_faster == self.cpu_bf16_faster:
            return
        from workbench.core import settings as settings_mod

        fresh = settings_mod.load().settings  # only this field changes: do not write back stale values
        fresh.cpu_bf16_faster = settings.cpu_bf16_faster = self.cpu_bf16_faster
        try:
            settings_mod.save(fresh)
        except OSError:
            pass  # a read-only config folder only means measuring again next time

    # ---- loading ---------------------------------------------------------------------------
    def load(self, ref: str, kind: str | None = None, options: LoadOptions | None = None,
             progress: ProgressCallback = no_progress, cancel: CancelToken = NEVER_CANCELLED) -> ModelHandle:
        opts = options or self.options
        path = self._resolve(ref, progress, cancel)
        info = inspect_folder(path)
        if WORD_VECTORS_KIND in info.kinds:
            raise WorkbenchError(translate("core", "{name} is a set of static word vectors, not a model that reads "
                                                   "text.").format(name=ref),
                                 translate("core", "Use it on the Embeddings tab (Words, Sentences), or choose a "
                                                   "language model here."))
        check_importable(path, info)
        kind = kind or self._default_kind(info.kinds)
        if kind not in AUTO_CLASSES:
            raise WorkbenchError(translate("core", "Unknown model kind '{kind}'.").format(kind=kind),
                                 translate("core", "Use one of: {names}.").format(names=", ".join(AUTO_CLASSES)))
        if info.weight_format == "bin" and not (opts.allow_pickle or self.options.allow_pickle):
            raise WorkbenchError(
                translate("core", "{path} has only pickle (.bin) weights, which can run code when loaded.").format(
                    path=path),
                translate("core", "Use a safetensors release of the model, or allow pickle weights in Settings if "
                                  "you trust its source."))
        # PyTorch's dynamic int8 kernels run on the CPU only: "auto" means the CPU for an int8 load.
        device = "cpu" if opts.quantize == "int8" and opts.device == "auto" else devices.pick_device(opts.device)
        if opts.quantize == "int8" and device != "cpu":
            raise WorkbenchError(
                translate("core", "int8 weights run on the CPU only (PyTorch's dynamic int8 kernels), but "
                                  "device '{device}' was chosen.").format(device=device),
                translate("core", "Choose device 'auto' or 'cpu' for int8, or untick int8 to use {device}.").format(
                    device=device))
        if device == "cpu" and opts.dtype == "auto" and self.cpu_bf16_faster is None and not opts.quantize:
            self.cpu_bf16_faster = devices.measure_cpu_bf16_faster()
            self.remember_measurements()
        dtype = devices.pick_dtype(device, opts.dtype, self.cpu_bf16_faster)
        if opts.quantize == "int8":
            dtype = "float32"  # dynamic int8 kernels take float32 activations

        key = (str(path), kind, device, dtype, opts.quantize)

        def read() -> ModelHandle:
            progress(Progress(0, 1, translate("core", "Loading {name}").format(name=ref)))
            start = time.perf_counter()
            _acquire(_READING_WEIGHTS, cancel)
            try:
                model, tokenizer = self._load_weights(path, kind, device, dtype, opts.quantize)
            finally:
                _READING_WEIGHTS.release()
            return ModelHandle(ref=ref, path=path, kind=kind, model=model, tokenizer=tokenizer,
                               config=model.config, device=device, dtype=dtype, kinds=info.kinds,
                               parameters=info.parameters, quantize=opts.quantize,
                               load_seconds=time.perf_counter() - start)

        handle = self._load_once(key, read, cancel,
                                 check=lambda: self._check_memory(path, info.parameters, dtype, device))
        progress(Progress(1, 1, translate("core", "Loaded {name}").format(name=ref)))
        return handle

    def _load_once(self, key: tuple, read: Callable[[], ModelHandle], cancel: CancelToken,
                   check: Callable[[], None] = lambda: None) -> ModelHandle:
        """Loading is atomic per model: a second caller for ``key`` waits for the first and gets its
        handle. ``check`` (e.g. memory) runs before anything is evicted; then a slot is reserved against
        ``max_loaded`` and ``read`` builds the handle."""
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        _acquire(key_lock, cancel)
        try:
            found = self._find(key)
            if found is not None:
                return found
            check()
            # Make room first: one model at a time by default, and unloading really frees memory.
            self._reserve_slot(cancel)
            try:
                handle = read()
                with self._slots:
                    self._handles.append(handle)
            finally:
                with self._slots:
                    self._loading -= 1
                    self._slots.notify_all()
        finally:
            key_lock.release()
        self._changed()
        return handle

    def _resolve(self, ref: str, progress: ProgressCallback, cancel: CancelToken) -> Path:
        """The model's folder; a GGUF is converted on first use, through transformers' from_pretrained,
        so it takes the same process-wide turn as reading weights."""
        from workbench.core.engines.remote import no_weights_reason

        refusal = no_weights_reason(ref, translate("core", "the attention, lens, attribution and fine-tune views"))
        if refusal is not None:  # served by a remote engine: no weights here to load
            raise refusal
        _acquire(_READING_WEIGHTS, cancel)
        try:
            return self.library.resolve(ref, progress=progress, cancel=cancel)
        finally:
            _READING_WEIGHTS.release()

    def _find(self, key: tuple) -> ModelHandle | None:
        with self._lock:
            for handle in self._handles:
                if handle.key == key:
                    handle.last_used = time.monotonic()
                    return handle
        return None

    def _reserve_slot(self, cancel: CancelToken) -> None:
        """Count this load against ``max_loaded`` before it starts: evict the least recently used models,
        or wait (cancellably) while other loads hold every slot."""
        while True:
            with self._slots:
                victims = []
                room = self.max_loaded - self._loading - len(self._handles)
                if room <= 0 and self._handles:
                    by_age = sorted(self._handles, key=lambda h: h.last_used)
                    victims = by_age[: min(len(by_age), 1 - room)]
                    for h in victims:
                        self._handles.remove(h)
                    room += len(victims)
                if room > 0:
                    self._loading += 1
                    reserved = True
                else:
                    reserved = False
                    if not victims:
                        self._slots.wait(timeout=0.1)
            if victims:
                self._release(victims)  # outside the service lock: waits for a job running on them
            if reserved:
                return
            cancel.raise_if_cancelled()

    def loaded_handle(self, ref: str, kind: str | None = None) -> ModelHandle | None:
        """The most recently used loaded model for ``ref`` (any dtype or int8 option), or None."""
        with self._lock:
            found = [h for h in self._handles if (h.ref == ref or str(h.path) == ref) and kind in (None, h.kind)
                     and h.tokenizer is not None]
        return max(found, key=lambda h: h.last_used) if found else None

    def tokenizer_for(self, ref: str, kind: str | None = None, progress: ProgressCallback = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> ModelHandle | TokenizerOnly:
        """What tokenizes text for ``ref`` without touching the loaded models: the loaded model's own
        tokenizer if there is one (whatever options it was loaded with), else the tokenizer alone.
        Loading the model here would replace e.g. an int8 copy with a float one."""
        handle = self.loaded_handle(ref, kind)
        if handle is not None:
            return handle
        from workbench.core.engines.remote import no_weights_reason

        refusal = no_weights_reason(ref, translate("core", "the tokenizer view"))
        if refusal is not None:  # the server tokenizes; it does not send its tokenizer
            raise refusal
        unconverted = self._unconverted_gguf_tokenizer(ref)
        if unconverted is not None:
            return unconverted
        path = self._resolve(ref, progress, cancel)
        with self._lock:
            cached = self._tokenizers.get(str(path))
        if cached is not None:
            return cached
        import transformers

        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(path)
            config = transformers.AutoConfig.from_pretrained(path, trust_remote_code=False)
        except (OSError, ValueError, TypeError) as exc:
            raise WorkbenchError(translate("core", "The tokenizer of {path} could not be loaded: {error}.").format(
                path=path, error=exc), translate("core", "Check that the folder has its tokenizer files.")) from exc
        found = TokenizerOnly(ref, path, tokenizer, context_window(config, tokenizer))
        with self._lock:
            self._tokenizers[str(path)] = found
        return found

    def _unconverted_gguf_tokenizer(self, ref: str) -> TokenizerOnly | None:
        """A GGUF not converted yet is tokenized from the file itself: counting a prompt must not
        start a conversion (with the llama.cpp engine the file may never need one)."""
        from workbench.core.engines.llamacpp import find_gguf, load_tokenizer
        from workbench.core.library import read_meta

        gguf_path = find_gguf(self.library, ref)
        if gguf_path is None:
            return None
        stored = self.library.store / Path(ref).name
        if (stored / "config.json").exists() and read_meta(stored).get("converted_from") == str(gguf_path):
            return None  # the converted folder is quicker to read
        with self._lock:
            cached = self._tokenizers.get(str(gguf_path))
        if cached is not None:
            return cached
        from transformers.integrations.gguf import read_gguf_metadata

        try:
            metadata, _ = read_gguf_metadata(str(gguf_path))
            tokenizer = load_tokenizer(gguf_path, None)
        except (OSError, ValueError, KeyError) as exc:
            raise WorkbenchError(
                translate("core", "The tokenizer in {name} could not be read: {error}.").format(
                    name=gguf_path.name, error=exc),
                translate("core", "The file may be damaged; download or copy it again.")) from exc
        window = metadata.get(f"{metadata.get('general.architecture', '')}.context_length")
        found = TokenizerOnly(ref, gguf_path, tokenizer, int(window) if window else None)
        with self._lock:
            self._tokenizers[str(gguf_path)] = found
        return found

    @staticmethod
    def _default_kind(kinds: list[str]) -> str:
        for preferred in ("causal-lm", "seq2seq", "seq-classification", "token-classification",
                          "question-answering", "masked-lm", "encoder"):
            if preferred in kinds:
                return preferred
        return "encoder"

    def _check_memory(self, path: Path, parameters: int | None, dtype: str, device: str) -> None:
        if not parameters:
            return
        needed = devices.estimate_bytes(parameters, dtype)
        status = devices.memory_status(device)
        freeable = sum(devices.estimate_bytes(h.parameters or 0, h.dtype) for h in self._handles)
        if needed > status.available_bytes + freeable:
            raise WorkbenchError(
                translate("core", "{name} needs about {value:.1f} GiB in {dtype} but only {value2:.1f} GiB is free "
                                  "on {device}.").format(name=path.name, value=needed / 2**30, dtype=dtype,
                                                         value2=status.available_bytes / 2**30, device=device),
                translate("core", "Close other programs, choose a smaller dtype (bfloat16/float16), or pick a smaller "
                                  "model."))

    def _load_weights(self, path: Path, kind: str, device: str, dtype: str, quantize: str):
        import torch
        import transformers
        from transformers.utils import logging as hf_logging

        from workbench.core.modeltypes import register_models

        hf_logging.disable_progress_bar()
        register_models()  # models trained from scratch (the workbench's own LSTM/GRU and n-gram classes)
        auto_cls = getattr(transformers, AUTO_CLASSES[kind])
        support_hint = translate("core", "If the files are complete, transformers {version} may not support this "
                                         "model: update transformers or choose another model.").format(
            version=transformers.__version__)
        try:  # first, so that a config transformers rejects is not reported as a tokenizer or weights problem
            transformers.AutoConfig.from_pretrained(path, trust_remote_code=False)
        except Exception as exc:  # ValueError, KeyError, huggingface_hub's strict-dataclass validation error, ...
            raise WorkbenchError(
                translate("core", "The configuration of {name} (config.json) is not valid for transformers: "
                                  "{error}").format(name=path.name, error=f"{type(exc).__name__}: {exc}"),
                support_hint, _details(exc)) from exc
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        except (OSError, ValueError, TypeError) as exc:
            raise WorkbenchError(translate("core", "The tokenizer of {path} could not be loaded: {error}.").format(
                path=path, error=exc), translate("core", "Check that the folder has its tokenizer files.")) from exc
        load_args = dict(dtype=getattr(torch, dtype), trust_remote_code=False,
                         use_safetensors=None if self.options.allow_pickle else True)

        def read(attention: str):
            if quantize == "int8":  # each linear layer quantized as its weights are read: never all in float
                return int8.load(auto_cls, path, attn_implementation=attention, **load_args)
            return auto_cls.from_pretrained(path, attn_implementation=attention, **load_args)

        try:
            try:
                model = read("sdpa")
            except ValueError:
                # Some classes (Gemma 2, BLOOM, DeBERTa-v2, ...) have no sdpa path and refuse it when the model is
                # built, before any weight is read; eager is their best. If eager fails too, its error is the reason.
                model = read("eager")
        except ValueError as exc:
            text = str(exc)
            if "trust_remote_code" in text:
                raise WorkbenchError(
                    translate("core", "{name} needs custom code from its authors.").format(name=path.name),
                    translate("core", "The workbench does not run downloaded code; choose a supported model."),
                    _details(exc)) from exc
            if "Unrecognized configuration class" in text:  # the Auto class has no model of this kind for it
                raise WorkbenchError(
                    translate("core", "{name} cannot be loaded as a {kind} model.").format(name=path.name, kind=kind),
                    translate("core", "Pick a task this model supports (see its kinds in the Models tab)."),
                    _details(exc)) from exc
            raise WorkbenchError(
                translate("core", "{name} could not be loaded: {error}").format(name=path.name, error=text),
                support_hint, _details(exc)) from exc
        except (MemoryError, OSError, RuntimeError) as exc:
            if isinstance(exc, MemoryError) or "out of memory" in str(exc).lower():
                raise WorkbenchError(
                    translate("core", "{name} did not fit in memory on {device} in {dtype}.").format(
                        name=path.name, device=device, dtype=dtype),
                    translate("core", "Close other programs, choose a smaller dtype (bfloat16/float16), or pick a "
                                      "smaller model."), _details(exc)) from exc
            raise WorkbenchError(
                translate("core", "{name} could not be loaded: {error}").format(name=path.name, error=exc),
                translate("core", "The model files may be damaged or incomplete."), _details(exc)) from exc
        except Exception as exc:  # e.g. a config that fails transformers' validation, a KeyError deep inside it
            raise WorkbenchError(
                translate("core", "{name} could not be loaded: {error}").format(
                    name=path.name, error=f"{type(exc).__name__}: {exc}"), support_hint, _details(exc)) from exc
        model.eval()
        if device != "cpu":
            model.to(device)
        if quantize == "int8":
            devices.release_freed_memory()
        if tokenizer.pad_token is None and tokenizer.eos_token is not None:
            tokenizer.pad_token = tokenizer.eos_token
        return model, tokenizer

    def load_engine(self, ref: str, engine: str = "transformers", kind: str = "causal-lm",
                    options: LoadOptions | None = None, progress: ProgressCallback = no_progress,
                    cancel: CancelToken = NEVER_CANCELLED) -> ModelHandle:
        """Load for one engine: ``transformers`` (``load``) or ``llamacpp`` (the GGUF file itself)."""
        if engine == "transformers":
            return self.load(ref, kind=kind, options=options, progress=progress, cancel=cancel)
        if engine != "llamacpp":
            raise WorkbenchError(translate("core", "Unknown engine '{engine}'.").format(engine=engine),
                                 translate("core", "Use transformers or llamacpp."))
        return self._load_llamacpp(ref, progress=progress, cancel=cancel)

    def _load_llamacpp(self, ref: str, progress: ProgressCallback = no_progress,
                       cancel: CancelToken = NEVER_CANCELLED) -> ModelHandle:
        from workbench.core.engines import llamacpp

        llamacpp.require()
        gguf_path = llamacpp.find_gguf(self.library, ref)
        if gguf_path is None:
            raise WorkbenchError(
                translate("core", "{ref} has no GGUF file, which the llama.cpp engine needs.").format(ref=ref),
                translate("core", "Choose a GGUF model, or switch the engine to transformers."))
        dtype = llamacpp.file_type(gguf_path)
        key = (str(gguf_path), "causal-lm", "cpu", dtype, "")

        def read() -> ModelHandle:
            from workbench.core.library import read_meta

            progress(Progress(0, 1, translate("core", "Loading {name} with llama.cpp").format(name=ref)))
            start = time.perf_counter()
            stored = self.library.store / Path(ref).name
            converted = stored if read_meta(stored).get("converted_from") == str(gguf_path) else None
            tokenizer = llamacpp.load_tokenizer(gguf_path, converted)
            llm = llamacpp.open_model(gguf_path, name=ref, cancel=cancel)  # in a process of its own
            return ModelHandle(ref=ref, path=gguf_path, kind="causal-lm", model=llm, tokenizer=tokenizer,
                               config=llamacpp.config_for(llm), device="cpu", dtype=dtype,
                               kinds=["causal-lm"], parameters=None,
                               load_seconds=time.perf_counter() - start, engine="llamacpp")

        handle = self._load_once(key, read, cancel)  # the same per-model lock and slot accounting as load()
        progress(Progress(1, 1, translate("core", "Loaded {name}").format(name=ref)))
        return handle

    # ---- using -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def use(self, handle: ModelHandle, attention: bool = False) -> Iterator[ModelHandle]:
        """Run one job on the model: its lock is held, and eager attention is on if asked for.

        transformers returns attention weights only from the eager path; it is switched without
        reloading the weights and switched back afterwards.
        """
        if attention and handle.engine != "transformers":
            from workbench.core.i18n import translate
            raise WorkbenchError(
                translate("core", "{name} runs on the llama.cpp engine, which cannot show what is inside the "
                                  "model.").format(name=handle.name),
                translate("core", "Switch the engine to transformers in the Generate tab (the GGUF is converted "
                                  "once)."))
        with handle.lock:
            handle.last_used = time.monotonic()
            previous = handle.attn_implementation
            switched = attention and previous != "eager"
            if switched:
                self._set_attn(handle, "eager")
            try:
                yield handle
            finally:
                if switched:
                    self._set_attn(handle, previous or "sdpa")

    @staticmethod
    def _set_attn(handle: ModelHandle, implementation: str) -> None:
        try:
            handle.model.set_attn_implementation(implementation)
        except (ValueError, AttributeError) as exc:
            raise WorkbenchError(
                translate("core", "{name} cannot switch to {implementation} attention: {exc}").format(
                    name=handle.name, implementation=implementation, exc=exc),
                translate("core", "Attention weights cannot be captured for this model.")) from exc

    # ---- unloading -------------------------------------------------------------------------
    def loaded(self) -> list[ModelHandle]:
        with self._lock:
            return list(self._handles)

    def unload(self, handle: ModelHandle | None = None) -> None:
        """Unload one model (or all); waits for a job running on it to finish."""
        with self._slots:
            targets = [handle] if handle is not None else list(self._handles)
            for h in targets:
                if h in self._handles:
                    self._handles.remove(h)
            self._slots.notify_all()
        self._release(targets)

    def _release(self, targets: list[ModelHandle]) -> None:
        models = []  # weak references: whether dropping the handles' references freed the models
        for h in targets:
            with h.lock:
                if h.engine == "llamacpp" and h.model is not None:
                    h.model.close()  # ends its process: the weights and KV cache go back to the system
                if h.model is not None:
                    for hook in list(_release_hooks):
                        hook(h.model)
                    with contextlib.suppress(TypeError):
                        models.append(weakref.ref(h.model))
                h.model = None
                h.tokenizer = None
                h.config = None
        if targets:
            # A model without reference cycles is gone already; the slow full collection only for one that is not.
            devices.release_freed_memory(collect=any(ref() is not None for ref in models))
            self._changed()

    def _changed(self) -> None:
        if self.on_change:
            self.on_change()
