"""Loading a model with int8 linear layers, each quantized the moment its weights are read.

PyTorch's dynamic int8 ``Linear`` (``torch.ao.quantization.quantize_dynamic``) is made from a
float ``nn.Linear``; quantizing after a float load would hold every float weight first. Instead a
small transformers quantizer marks each ``nn.Linear`` before loading, and as each weight arrives
from the checkpoint it is quantized at once (the float tensor is dropped), so the peak is the int8
model plus one float weight. Afterwards every marked layer becomes the same dynamic int8 module
``quantize_dynamic`` makes, from the same observer: the model is identical, only cheaper to load.

The quantizer plugs into transformers' loading internals; if a transformers version changes them,
``load`` falls back to a float load quantized in place (the same model, at the float load's peak).
"""

from __future__ import annotations

import functools
import logging
import warnings

log = logging.getLogger(__name__)

METHOD = "workbench-int8"


def load(auto_cls, path, **kwargs):
    """``auto_cls.from_pretrained(path, **kwargs)`` with int8 linear layers (float32 everywhere else)."""
    import torch

    classes = quantizer_classes()
    if classes is not None:
        config_cls, pending_cls = classes
        try:
            model = auto_cls.from_pretrained(path, quantization_config=config_cls(), **kwargs)
        except (NotImplementedError, AttributeError) as exc:  # an internal API this code relies on moved
            log.warning("quantizing while loading failed (%s); quantizing after a float load", exc)
        else:
            _finish(model, pending_cls)
            return model
    model = auto_cls.from_pretrained(path, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization is deprecated in favour of torchao; it still works
        torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    return model


def quantize_weight(weight):
    """The int8 weight ``quantize_dynamic`` makes: per-tensor symmetric, from its default observer."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # qint8 tensors are deprecated in favour of torchao; they still work
        observer = torch.ao.quantization.default_dynamic_qconfig.weight()
        observer(weight)
        scale, zero_point = observer.calculate_qparams()
        return torch.quantize_per_tensor(weight.detach().float(), float(scale), int(zero_point), torch.qint8)


def _finish(model, pending_cls) -> None:
    """Swap every marked layer for a dynamic int8 Linear; drop the quantizer's traces on the model."""
    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for parent in list(model.modules()):
            for name, child in list(parent.named_children()):
                if isinstance(child, pending_cls):
                    # A tied output layer (lm_head sharing the embeddings) was never read from the
                    # checkpoint: it is quantized here from the shared float weight.
                    weight = child.qweight if child.qweight is not None else quantize_weight(child.weight)
                    bias = child.bias.detach().float() if child.bias is not None else None
                    layer = torch.ao.nn.quantized.dynamic.Linear(child.in_features, child.out_features,
                                                                 bias_=bias is not None, dtype=torch.qint8)
                    layer.set_weight_bias(weight, bias)
                    setattr(parent, name, layer)
    if getattr(model, "hf_quantizer", None) is not None:
        model.hf_quantizer.remove_quantization_config(model)
    for module in model.modules():
        if hasattr(module, "config") and getattr(module.config, "_is_quantized", False):
            module.config._is_quantized = False


@functools.lru_cache(maxsize=1)
def quantizer_classes():
    """(the quantization config class, the marker Linear class) of the quantizer, registered with
    transformers once; None when this transformers cannot take it."""
    try:
        from torch import nn
        from transformers.core_model_loading import ConversionOps
        from transformers.quantizers.auto import (
            AUTO_QUANTIZATION_CONFIG_MAPPING,
            AUTO_QUANTIZER_MAPPING,
            register_quantization_config,
            register_quantizer,
        )
        from transformers.quantizers.base import HfQuantizer
        from transformers.quantizers.quantizers_utils import get_module_from_name
        from transformers.utils.quantization_config import QuantizationConfigMixin
    except ImportError as exc:
        log.info("int8 on load unavailable in this transformers (%s)", exc)
        return None

    class PendingInt8Linear(nn.Linear):
        """An ``nn.Linear`` (still on the meta device) whose weight is quantized as it loads."""

        qweight = None

    class Int8Config(QuantizationConfigMixin):
        def __init__(self, **kwargs):
            self.quant_method = METHOD

    class QuantizeOnLoad(ConversionOps):
        def convert(self, input_dict, model=None, full_layer_name=None, missing_keys=None, **kwargs):
            (_, value), = input_dict.items()
            module, _ = get_module_from_name(model, full_layer_name)
            module.qweight = quantize_weight(value[0] if isinstance(value, list) else value)
            if missing_keys is not None:
                missing_keys.discard(full_layer_name)
            return {}  # nothing left to load: the float weight is dropped here

    class Int8Quantizer(HfQuantizer):
        requires_calibration = False

        def validate_environment(self, *args, **kwargs):
            pass

        def param_needs_quantization(self, model, param_name: str, **kwargs) -> bool:
            module, name = get_module_from_name(model, param_name)
            return isinstance(module, PendingInt8Linear) and name == "weight"

        def _process_model_before_weight_loading(self, model, **kwargs):
            for module in model.modules():
                if type(module) is nn.Linear:  # exactly the layers quantize_dynamic converts
                    module.__class__ = PendingInt8Linear

        def is_serializable(self):
            return False

        @property
        def is_trainable(self) -> bool:
            return False

        def get_quantize_ops(self):
            return QuantizeOnLoad()

    if METHOD not in AUTO_QUANTIZATION_CONFIG_MAPPING:
        register_quantization_config(METHOD)(Int8Config)
    if METHOD not in AUTO_QUANTIZER_MAPPING:
        register_quantizer(METHOD)(Int8Quantizer)
    return AUTO_QUANTIZATION_CONFIG_MAPPING[METHOD], PendingInt8Linear
