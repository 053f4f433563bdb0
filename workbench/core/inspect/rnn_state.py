"""Inside an LSTM/GRU: the hidden (and cell) state of every layer over the tokens of a text, the gates
of each unit, and the units that respond most to a token.

The hidden states are the model's own: forward hooks on its ``nn.LSTM``/``nn.GRU`` modules record each
layer's input and output sequence. PyTorch's fused recurrent kernels do not expose the gates or the
LSTM's cell state at every step, so these are recomputed step by step from the layer's own weights
(PyTorch's gate order and formulas, in float64, each step from the module's own previous output) and
checked: the recomputed hidden states must equal the module's output, and the last cell state the
module's own, within ``TOLERANCE``; otherwise the view refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.core.i18n import translate
from workbench.core.inspect.common import float32_model, load_for, token_labels
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress

TOLERANCE = 1e-5
MAX_TOKENS = 2048
GATES = {"lstm": ("input", "forget", "cell", "output"), "gru": ("reset", "update", "new")}


@dataclass
class RNNLayer:
    hidden: np.ndarray  # (tokens, units) float32: the module's own output
    cell: np.ndarray | None  # LSTM: (tokens, units) cell state, recomputed (its last row checked)
    gates: dict[str, np.ndarray]  # gate name -> (tokens, units), recomputed
    error: float  # max |recomputed - the module's own| over the hidden states (and the last cell state, relative)


@dataclass
class RNNStates:
    model: str
    cell: str  # lstm | gru
    ids: list[int]
    tokens: list[str]  # display labels (characters, not bytes)
    layers: list[RNNLayer]
    notes: list[str] = field(default_factory=list)

    @property
    def units(self) -> int:
        return int(self.layers[0].hidden.shape[1])

    @property
    def gate_names(self) -> tuple[str, ...]:
        return GATES[self.cell]

    def top_units(self, layer: int, position: int, k: int = 10) -> list[tuple[int, float, float]]:
        """The units whose hidden state the token at ``position`` moved most: (unit, change, value), largest
        |change| first; the change is h after the token minus h before it (zero before the first)."""
        hidden = self.layers[layer].hidden
        before = hidden[position - 1] if position > 0 else np.zeros_like(hidden[position])
        change = hidden[position] - before
        order = np.argsort(-np.abs(change), kind="stable")[:k]
        return [(int(u), float(change[u]), float(hidden[position, u])) for u in order]

    def to_json(self) -> dict:
        def rows(a):
            return [[round(float(v), 7) for v in row] for row in a]

        layers = []
        for layer in self.layers:
            item = {"hidden": rows(layer.hidden)}
            if layer.cell is not None:
                item["cell"] = rows(layer.cell)
            item["gates"] = {name: rows(values) for name, values in layer.gates.items()}
            item["max_error"] = layer.error
            layers.append(item)
        return {"model": self.model, "cell": self.cell, "tokens": self.tokens, "ids": self.ids,
                "units": self.units, "layers": layers}


def recurrent_modules(model) -> list:
    """The model's LSTM/GRU modules, in the order they run."""
    from torch import nn

    return [m for m in model.modules() if isinstance(m, (nn.LSTM, nn.GRU))]


def rnn_states(handle, text: str, model_name: str = "", cancel: CancelToken = NEVER_CANCELLED, model=None) -> RNNStates:
    """Run ``text`` through the model with hooks on its recurrent modules; recompute and check the gates."""
    import torch

    model = model if model is not None else handle.model
    modules = recurrent_modules(model)
    name = model_name or handle.name
    if not modules:
        raise WorkbenchError(translate("core", "{model} has no LSTM or GRU layers.").format(model=name),
                             translate("core", "Choose a recurrent model trained on the From scratch page; "
                                               "Transformers show their attention here instead."))
    if any(m.bidirectional or m.proj_size if isinstance(m, torch.nn.LSTM) else m.bidirectional for m in modules):
        raise WorkbenchError(translate("core", "{model} has a bidirectional or projected recurrent layer, which this "
                                               "view does not follow.").format(model=name),
                             translate("core", "Choose a one-directional LSTM/GRU."))
    if not text.strip():
        raise WorkbenchError(translate("core", "The text is empty."), translate("core", "Type a text to read."))
    tokenizer = handle.tokenizer
    ids = tokenizer.encode(text)
    if not ids:
        raise WorkbenchError(translate("core", "The text gives no tokens."), translate("core", "Type a longer text."))
    if len(ids) > MAX_TOKENS:
        raise WorkbenchError(translate("core", "The text is {n} tokens; this view reads at most {limit}.").format(
            n=len(ids), limit=MAX_TOKENS), translate("core", "Shorten the text."))
    seen: list[tuple] = []
    hooks = [m.register_forward_hook(lambda module, args, output: seen.append((module, args[0], output)))
             for m in modules]
    device = next(model.parameters()).device
    try:
        with torch.inference_mode():
            model(torch.tensor([ids], device=device))
    finally:
        for hook in hooks:
            hook.remove()
    cancel.raise_if_cancelled()
    layers = []
    with torch.inference_mode():
        for module, inputs, output in seen:
            sequence, final = output
            layers.extend(_recompute(module, inputs[0].double(), sequence[0].double(), final))
    cell = "lstm" if isinstance(modules[0], torch.nn.LSTM) else "gru"
    worst = max(layer.error for layer in layers)
    if worst > TOLERANCE:
        raise WorkbenchError(translate("core", "The recomputed gates do not reproduce the model's own hidden states "
                                               "(largest difference {error:.2e}).").format(error=worst),
                             translate("core", "This recurrent layer computes differently from PyTorch's LSTM/GRU; "
                                               "the view cannot explain it."))
    return RNNStates(name, cell, [int(i) for i in ids], token_labels(tokenizer, ids), layers)


def _recompute(module, x, own_sequence, own_final) -> list[RNNLayer]:
    """Step through each of ``module``'s layers with its own weights (float64); the last layer's
    sequence is checked against the module's output and every layer's final state against its own."""
    import torch

    lstm = isinstance(module, torch.nn.LSTM)
    out = []
    for k in range(module.num_layers):
        w_ih, w_hh = getattr(module, f"weight_ih_l{k}").double(), getattr(module, f"weight_hh_l{k}").double()
        b_ih = getattr(module, f"bias_ih_l{k}", None)
        b_hh = getattr(module, f"bias_hh_l{k}", None)
        b_ih = b_ih.double() if b_ih is not None else torch.zeros(w_ih.shape[0], dtype=torch.float64, device=x.device)
        b_hh = b_hh.double() if b_hh is not None else torch.zeros(w_hh.shape[0], dtype=torch.float64, device=x.device)
        units = module.hidden_size
        h = torch.zeros(units, dtype=torch.float64, device=x.device)
        c = torch.zeros(units, dtype=torch.float64, device=x.device)
        projected = x @ w_ih.T + b_ih  # (tokens, gates × units)
        last = k == module.num_layers - 1
        hs, cs, gates = [], [], []
        for t in range(x.shape[0]):
            if last and t > 0:
                h = own_sequence[t - 1]  # each step from the module's own previous output: no drift to accumulate
            recurrent = w_hh @ h + b_hh
            if lstm:
                i, f, g, o = (projected[t] + recurrent).chunk(4)
                i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
                c = f * c + i * g
                h = o * torch.tanh(c)
                gates.append(torch.stack([i, f, g, o]))
                cs.append(c)
            else:
                xr, xz, xn = projected[t].chunk(3)
                hr, hz, hn = recurrent.chunk(3)
                r, z = torch.sigmoid(xr + hr), torch.sigmoid(xz + hz)
                n = torch.tanh(xn + r * hn)
                h = (1 - z) * n + z * h
                gates.append(torch.stack([r, z, n]))
            hs.append(h)
        hidden = torch.stack(hs)
        own_h = own_final[0] if lstm else own_final
        errors = [float((hidden[-1] - own_h[k, 0].double()).abs().max())]
        if last:
            errors.append(float((hidden - own_sequence).abs().max()))
        if lstm:  # the cell state is unbounded: its difference is measured relative to its size (float32's rounding)
            own_c = own_final[1][k, 0].double()
            errors.append(float((cs[-1] - own_c).abs().max()) / max(1.0, float(own_c.abs().max())))
        stacked = torch.stack(gates, dim=1)  # (gates, tokens, units)
        names = GATES["lstm" if lstm else "gru"]
        # The module's own output where it gives one (the last layer), so the numbers shown are the model's.
        shown = own_sequence if last else hidden
        out.append(RNNLayer(shown.float().cpu().numpy(), torch.stack(cs).float().cpu().numpy() if lstm else None,
                            {name: stacked[n].float().cpu().numpy() for n, name in enumerate(names)}, max(errors)))
        x = hidden
    return out


def load_and_read(service, model: str, text: str, cancel: CancelToken = NEVER_CANCELLED,
                  progress: ProgressCallback = no_progress) -> RNNStates:
    """The job: load ``model`` (float32 for the check) and read ``text``."""
    handle = load_for(service, model, ("causal-lm",), translate("core", "the recurrent state view"), cancel, progress)
    progress(Progress(0, 0, translate("core", "Reading the text token by token")))
    with float32_model(service, handle) as float_model:
        return rnn_states(handle, text, model, cancel, model=float_model)
