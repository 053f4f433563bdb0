"""A model's anatomy: its configuration in plain words and its module tree with parameter counts.

Like Keras's ``model.summary()``: every module with its type and the parameters inside it. A parameter
shared by two modules (tied input and output embeddings) is counted once, at the first module that
holds it; the other lists it under ``shared``. So each module's count is the sum of its children's
and its own, and the total equals ``sum(p.numel() for p in model.parameters())``.

The model is built from its config on PyTorch's "meta" device (shapes without memory or weights
read), unless it is loaded already: then the loaded model itself is described.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.units import human_count


@dataclass
class ModuleRow:
    name: str  # dotted path, e.g. model.layers.0.self_attn
    type: str  # the module's class
    parameters: int  # inside it (itself and its children), each parameter counted once in the whole tree
    own: int  # held directly by it (not by a child)
    shared: list[str] = field(default_factory=list)  # parameters it holds that are counted at another module

    @property
    def depth(self) -> int:
        return self.name.count(".")

    def to_json(self) -> dict:
        return {"name": self.name, "type": self.type, "parameters": self.parameters, "own": self.own,
                **({"shared": self.shared} if self.shared else {})}


@dataclass
class Fact:
    key: str  # the JSON field
    label: str  # translated
    value: str  # as shown
    explanation: str  # translated, one sentence


@dataclass
class Anatomy:
    model: str
    architecture: str
    model_type: str
    kind: str
    layers: int | None
    hidden_size: int | None
    heads: int | None
    kv_heads: int | None
    head_dim: int | None
    ffn_size: int | None
    vocab_size: int | None
    context: int | None
    norm: str
    activation: str
    position: str  # learned, rotary, alibi, relative, sinusoidal, recurrent, none
    tied_embeddings: bool
    parameters: int
    modules: list[ModuleRow]
    source: str  # "config" (built on the meta device) or "loaded"
    cell: str = ""  # recurrent models: lstm / gru

    def facts(self) -> list[Fact]:
        """The configuration in plain words, in the order a tutorial explains it."""
        def n(value) -> str:
            return "—" if value is None else f"{value:,}"

        position, how = {
            "learned": (translate("core", "learned"),
                        translate("core", "A table of position vectors, learned in training, added to the token "
                                  "embeddings.")),
            "rotary": (translate("core", "rotary (RoPE)"),
                       translate("core", "Queries and keys are rotated by an angle that grows with the position, "
                                 "inside attention.")),
            "alibi": (translate("core", "ALiBi"),
                      translate("core", "A penalty on attention scores that grows with the distance between tokens.")),
            "relative": (translate("core", "relative"),
                         translate("core", "Attention scores get a bias for the distance between tokens.")),
            "sinusoidal": (translate("core", "sinusoidal"),
                           translate("core", "Fixed sine/cosine position vectors added to the embeddings.")),
            "recurrent": (translate("core", "none needed"),
                          translate("core", "The recurrence reads the tokens in order.")),
            "none": (translate("core", "none found"), translate("core", "How the model knows where each token is.")),
        }[self.position]
        facts = [
            Fact("architecture", translate("core", "Architecture"), self.architecture,
                 translate("core", "The transformers class that runs the model.")),
            Fact("parameters", translate("core", "Parameters"), f"{self.parameters:,} ({human_count(self.parameters)})",
                 translate("core", "Every weight and bias, each shared one counted once.")),
            Fact("layers", translate("core", "Layers"), n(self.layers),
                 translate("core", "Blocks applied one after another; each reads and adds to the hidden state.")),
            Fact("hidden_size", translate("core", "Hidden size (d_model)"), n(self.hidden_size),
                 translate("core", "The length of the vector that stands for each token between the layers.")),
        ]
        if self.heads is not None:
            facts += [
                Fact("heads", translate("core", "Attention heads"), n(self.heads),
                     translate("core", "Each layer's attention runs this many heads side by side.")),
                Fact("kv_heads", translate("core", "Key/value heads"), n(self.kv_heads),
                     translate("core", "Fewer than the heads means grouped-query attention: several query heads share "
                               "one key/value head.") if self.kv_heads and self.kv_heads < self.heads
                     else translate("core", "As many as the heads: every head has its own keys and values.")),
                Fact("head_dim", translate("core", "Head size (d_k)"), n(self.head_dim),
                     translate("core", "The length of each head's query, key and value vectors; scores are divided by "
                               "√d_k.")),
            ]
        facts += [
            Fact("ffn_size", translate("core", "Feed-forward size"), n(self.ffn_size),
                 translate("core", "The width of the two-layer network inside each block.")),
            Fact("vocab_size", translate("core", "Vocabulary"), n(self.vocab_size),
                 translate("core", "How many different tokens the model knows.")),
            Fact("context", translate("core", "Context length"), n(self.context) if self.context else
                 translate("core", "no fixed limit"),
                 translate("core", "The most tokens the model reads at once.")),
            Fact("norm", translate("core", "Normalisation"), self.norm or "—",
                 translate("core", "RMSNorm rescales each vector by its root mean square; LayerNorm also subtracts "
                           "the mean.")),
            Fact("activation", translate("core", "Activation"), self.activation or "—",
                 translate("core", "The non-linearity inside the feed-forward network.")),
            Fact("position", translate("core", "Position"), position, how),
            Fact("tied_embeddings", translate("core", "Tied embeddings"),
                 translate("core", "yes") if self.tied_embeddings else translate("core", "no"),
                 translate("core", "Yes: the output layer reuses the input embedding matrix (counted once).")),
        ]
        if self.cell:
            facts.insert(2, Fact("cell", translate("core", "Recurrent cell"), self.cell.upper(),
                                 translate("core", "The layer type: each token updates a state carried to the next.")))
        return facts

    def to_json(self) -> dict:
        return {"model": self.model, "architecture": self.architecture, "model_type": self.model_type,
                "kind": self.kind, "layers": self.layers, "hidden_size": self.hidden_size, "heads": self.heads,
                "kv_heads": self.kv_heads, "head_dim": self.head_dim, "ffn_size": self.ffn_size,
                "vocab_size": self.vocab_size, "context": self.context, "norm": self.norm,
                "activation": self.activation, "position": self.position, "tied_embeddings": self.tied_embeddings,
                "parameters": self.parameters, "source": self.source, **({"cell": self.cell} if self.cell else {}),
                "summary": [{"key": f.key, "label": f.label, "value": f.value, "explanation": f.explanation}
                            for f in self.facts()],
                "modules": [m.to_json() for m in self.modules]}


def module_rows(model) -> tuple[list[ModuleRow], int]:
    """Every module below the root, in order, and the total (each parameter once)."""
    seen: dict[int, str] = {}
    counts: dict[str, int] = {}
    rows: list[ModuleRow] = []
    total = 0
    for name, module in model.named_modules():
        own, shared = 0, []
        for pname, param in module.named_parameters(recurse=False):
            full = f"{name}.{pname}" if name else pname
            if id(param) in seen:
                shared.append(seen[id(param)])
                continue
            seen[id(param)] = full
            own += param.numel()
        total += own
        # every enclosing module (the root is "") holds this module's own parameters too
        parts = name.split(".") if name else []
        for i in range(len(parts) + 1):
            prefix = ".".join(parts[:i])
            counts[prefix] = counts.get(prefix, 0) + own
        if name:
            rows.append(ModuleRow(name, type(module).__name__, 0, own, shared))
    for row in rows:
        row.parameters = counts[row.name]
    return rows, total


def _first(cfg, *names):
    for name in names:
        value = getattr(cfg, name, None)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def _position_scheme(model, cfg) -> str:
    import torch

    model_type = getattr(cfg, "model_type", "")
    names = [name for name, _ in model.named_modules()]
    types = {type(m).__name__.lower() for m in model.modules()}
    if any(isinstance(m, torch.nn.RNNBase) for m in model.modules()):
        return "recurrent"
    if model_type == "bloom" or getattr(cfg, "alibi", False):
        return "alibi"
    if any("rotary" in t for t in types) or any(n.endswith("rotary_emb") for n in names) \
            or getattr(cfg, "rotary_dim", None) or getattr(cfg, "position_embedding_type", "") == "rotary":
        return "rotary"
    if any("sinusoidal" in t for t in types):
        return "sinusoidal"
    if getattr(cfg, "relative_attention", False) or getattr(cfg, "relative_attention_num_buckets", None) \
            or getattr(cfg, "position_embedding_type", "absolute") in ("relative_key", "relative_key_query"):
        return "relative"
    if any(n.rsplit(".", 1)[-1] in ("wpe", "position_embeddings", "embed_positions") for n in names):
        return "learned"
    return "none"


_NORMS = (("rmsnorm", "RMSNorm"), ("layernorm", "LayerNorm"), ("layer_norm", "LayerNorm"))


def _norm(model) -> str:
    found = []
    for module in model.modules():
        name = type(module).__name__
        for key, label in _NORMS:
            if key in name.lower() and label not in found:
                found.append(label)
    return ", ".join(found)


def _activation(model, cfg) -> str:
    act = (getattr(cfg, "hidden_act", None) or getattr(cfg, "hidden_activation", None)
           or getattr(cfg, "activation_function", None) or getattr(cfg, "activation", None)
           or getattr(cfg, "feed_forward_proj", None) or "")
    if not isinstance(act, str) or not act:  # BLOOM: the activation is a module, not a config value
        act = next((type(m).__name__ for m in model.modules() if "gelu" in type(m).__name__.lower()), "")
    # a gated feed-forward (SwiGLU, GeGLU) multiplies act(x·W_gate) by x·W_up; fused or per expert in MoE models
    names = [name for name, _ in model.named_modules()] + [name for name, _ in model.named_parameters()]
    gated = any(name.rsplit(".", 1)[-1] in ("gate_proj", "gate_up_proj", "w1", "wi_0") for name in names)
    return translate("core", "{activation} (gated)").format(activation=act) if gated and act else act


def _ffn(cfg, hidden: int | None) -> int | None:
    value = _first(cfg, "intermediate_size", "n_inner", "ffn_dim", "d_ff", "ffn_hidden_size", "encoder_ffn_dim")
    if value is None and hidden and getattr(cfg, "model_type", "") in ("gpt2", "bloom", "falcon", "gptj"):
        return 4 * hidden  # these configs leave it implicit
    return value


def describe_model(model, ref: str, kind: str, source: str = "loaded") -> Anatomy:
    """The anatomy of a transformers model object (loaded or on the meta device)."""
    config = model.config
    cfg = getattr(config, "text_config", None) or config
    rows, total = module_rows(model)
    layers = _first(cfg, "num_hidden_layers", "n_layer", "num_layers", "encoder_layers")
    hidden = _first(cfg, "hidden_size", "n_embd", "d_model")
    heads = _first(cfg, "num_attention_heads", "n_head", "num_heads", "encoder_attention_heads")
    kv = _first(cfg, "num_key_value_heads", "num_kv_heads")
    if kv is None and heads is not None:
        kv = 1 if getattr(cfg, "multi_query", False) and not getattr(cfg, "new_decoder_architecture", False) else heads
    head_dim = _first(cfg, "head_dim", "d_kv") or (hidden // heads if hidden and heads else None)
    tied = False
    try:
        inp, out = model.get_input_embeddings(), model.get_output_embeddings()
        tied = inp is not None and out is not None and out.weight is inp.weight
    except (AttributeError, NotImplementedError):
        pass
    position = _position_scheme(model, cfg)
    recurrent = position == "recurrent"
    return Anatomy(ref, type(model).__name__, getattr(config, "model_type", ""), kind, layers, hidden,
                   None if recurrent else heads, None if recurrent else kv, None if recurrent else head_dim,
                   None if recurrent else _ffn(cfg, hidden), _first(cfg, "vocab_size"),
                   None if recurrent else _first(cfg, "max_position_embeddings", "n_positions", "n_ctx",
                                                 "max_sequence_length", "seq_length"),
                   _norm(model), _activation(model, cfg), position, tied, total, rows, source,
                   getattr(cfg, "cell", "") if recurrent else "")


def anatomy(service, ref: str, cancel: CancelToken = NEVER_CANCELLED,
            progress: ProgressCallback = no_progress) -> Anatomy:
    """The anatomy of ``ref``: the loaded model if it is loaded, else one built from its config without weights."""
    import torch
    import transformers

    from workbench.core.modelinfo import inspect_folder
    from workbench.core.modeltypes import register_models
    from workbench.core.service import AUTO_CLASSES, ModelService

    if not ref:
        raise WorkbenchError(translate("core", "No model is chosen."),
                             translate("core", "Pick a model in the model picker or pass -m MODEL."))
    handle = service.loaded_handle(ref)
    if handle is not None and handle.model is not None and hasattr(handle.model, "named_modules"):
        return describe_model(handle.model, ref, handle.kind, "loaded")
    progress(Progress(0, 2, translate("core", "Reading the configuration")))
    path = service.library.resolve(ref, progress=progress, cancel=cancel)
    cancel.raise_if_cancelled()
    kinds = inspect_folder(path).kinds
    kind = ModelService._default_kind(kinds)
    register_models()
    try:
        config = transformers.AutoConfig.from_pretrained(path, trust_remote_code=False)
    except Exception as exc:  # ValueError, KeyError, OSError: whatever transformers says of a bad config.json
        raise WorkbenchError(
            translate("core", "The configuration of {name} (config.json) could not be read: {error}").format(
                name=ref, error=f"{type(exc).__name__}: {exc}"),
            translate("core", "Check that the folder has a valid config.json, or update transformers.")) from exc
    progress(Progress(1, 2, translate("core", "Building the module tree")))
    auto_cls = getattr(transformers, AUTO_CLASSES[kind])
    try:
        with torch.device("meta"):  # shapes only: no memory, no weights read
            model = auto_cls.from_config(config, trust_remote_code=False)
    except Exception as exc:  # an architecture this transformers cannot build
        raise WorkbenchError(
            translate("core", "transformers {version} cannot build {name} ({kind}): {error}").format(
                version=transformers.__version__, name=ref, kind=kind, error=f"{type(exc).__name__}: {exc}"),
            translate("core", "Update transformers or choose another model.")) from exc
    progress(Progress(2, 2, translate("core", "Done")))
    return describe_model(model, ref, kind, "config")
