"""What a model folder or GGUF file is, read from its files without loading weights."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

KINDS = ("causal-lm", "seq2seq", "masked-lm", "seq-classification", "token-classification",
         "question-answering", "encoder")

# Model types whose bare encoder gives useful sentence embeddings.
ENCODER_TYPES = {"bert", "roberta", "distilbert", "xlm-roberta", "albert", "electra", "deberta",
                 "deberta-v2", "mpnet", "camembert", "modernbert", "nomic_bert"}

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".gguf")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.txt", "vocab.json", "spiece.model",
                   "source.spm", "sentencepiece.bpe.model")


# A folder of static word vectors (core/embeddings/static.py) holds this file instead of config.json.
WORD_VECTORS_FILE = "wordvectors.json"
WORD_VECTORS_KIND = "word-vectors"

# A problem a folder can have, checked by check_importable (shown with translate("core", ...)).
NO_TOKENIZER = QT_TRANSLATE_NOOP("core", "no tokenizer files")


@dataclass
class FolderInfo:
    model_type: str = ""
    architectures: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    parameters: int | None = None
    has_chat_template: bool = False
    weight_format: str = ""  # safetensors | bin | gguf
    is_encoder_decoder: bool = False
    max_length: int | None = None
    needs_remote_code: bool = False
    problems: list[str] = field(default_factory=list)  # shown to the user, in the interface language
    damaged: list[str] = field(default_factory=list)  # the problems (also in ``problems``) that make it unusable


def kinds_from_config(config: dict) -> list[str]:
    archs = config.get("architectures") or []
    model_type = config.get("model_type", "")
    kinds: list[str] = []

    def add(kind: str) -> None:
        if kind not in kinds:
            kinds.append(kind)

    for arch in archs:
        if arch.endswith(("ForCausalLM", "LMHeadModel")) and "DoubleHeads" not in arch:
            add("causal-lm")
        elif arch.endswith("ForConditionalGeneration") or arch == "MarianMTModel":
            add("seq2seq" if config.get("is_encoder_decoder", True) else "causal-lm")
        elif arch.endswith(("ForMaskedLM", "ForPreTraining")):
            add("masked-lm")
        elif arch.endswith("ForSequenceClassification"):
            add("seq-classification")
        elif arch.endswith("ForTokenClassification"):
            add("token-classification")
        elif arch.endswith("ForQuestionAnswering"):
            add("question-answering")
    if config.get("is_encoder_decoder") and "seq2seq" not in kinds and not archs:
        add("seq2seq")
    if model_type in ENCODER_TYPES:
        add("encoder")
    if not kinds:
        # A bare base model (e.g. GPT2Model, LlamaModel) still shows attention and embeddings.
        add("encoder")
    return kinds


def safetensors_parameters(path: Path) -> int:
    """Count parameters from a safetensors header. Raises WorkbenchError on a damaged file."""
    size = path.stat().st_size
    try:
        with path.open("rb") as fh:
            raw_len = fh.read(8)
            if len(raw_len) < 8:
                raise ValueError(translate("core", "file is shorter than its header"))
            (header_len,) = struct.unpack("<Q", raw_len)
            if header_len > size - 8 or header_len > 100_000_000:
                raise ValueError(translate("core", "header length points past the end of the file"))
            header = json.loads(fh.read(header_len))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(
            translate("core", "The weights file {path} is damaged: {error}.").format(path=path, error=exc),
            translate("core", "Download or copy it again; the file is probably truncated.")) from exc
    total = 0
    data_end = 0
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        count = 1
        for dim in spec["shape"]:
            count *= dim
        total += count
        data_end = max(data_end, spec["data_offsets"][1])
    if 8 + header_len + data_end > size:
        raise WorkbenchError(
            translate("core", "The weights file {path} is truncated: it holds {size:,} bytes, its header describes "
                              "{described:,}.").format(path=path, size=size, described=8 + header_len + data_end),
            translate("core", "Download or copy it again."))
    return total


def gguf_summary(path: Path) -> tuple[dict, int]:
    """Architecture metadata and parameter count of a GGUF file.

    gguf's reader parses every metadata field (a 49k-entry vocabulary takes seconds), so the
    summary is cached by path, size and modification time.
    """
    from workbench.core import paths

    stat = path.stat()
    key = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    cache_file = paths.cache_dir() / "gguf-summaries.json"
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    if key in cache:
        return cache[key]["meta"], cache[key]["parameters"]
    meta, params = _read_gguf_summary(path)
    cache[key] = {"meta": meta, "parameters": params}
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache), encoding="utf-8")
    except OSError:
        pass  # a read-only cache folder only costs speed
    return meta, params


def _read_gguf_summary(path: Path) -> tuple[dict, int]:
    try:
        from workbench.core.gguf_convert import read_gguf

        reader = read_gguf(path)
    except Exception as exc:  # gguf raises plain ValueError/struct errors on damaged files
        raise WorkbenchError(
            translate("core", "{path} is not a readable GGUF file: {error}.").format(path=path, error=exc),
            translate("core", "Check that the download finished; GGUF files start with the bytes 'GGUF'.")) from exc
    meta: dict = {}
    for key in ("general.architecture", "general.name", "tokenizer.chat_template"):
        field_ = reader.fields.get(key)
        if field_ is not None:
            meta[key] = str(field_.contents())
    params = sum(int(t.n_elements) for t in reader.tensors)
    return meta, params


def inspect_folder(folder: Path) -> FolderInfo:
    """Read config, weights headers and tokenizer files of a model folder."""
    info = FolderInfo()
    config_file = folder / "config.json"
    if (folder / WORD_VECTORS_FILE).is_file() and not config_file.is_file():
        return _word_vectors_info(folder)
    if not config_file.is_file():
        ggufs = sorted(folder.glob("*.gguf"))
        if ggufs:
            return inspect_gguf(ggufs[0])
        raise WorkbenchError(
            translate("core", "{folder} is not a model folder: it has no config.json.").format(folder=folder),
            translate("core", "Choose the folder that holds config.json and the weights, or a .gguf file."))
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(translate("core", "{path} cannot be read: {error}.").format(path=config_file, error=exc),
                             translate("core", "The folder's config.json is damaged.")) from exc
    info.model_type = config.get("model_type", "")
    info.architectures = list(config.get("architectures") or [])
    info.is_encoder_decoder = bool(config.get("is_encoder_decoder"))
    info.kinds = kinds_from_config(config)
    info.max_length = config.get("max_position_embeddings") or config.get("n_positions")
    info.needs_remote_code = bool(config.get("auto_map")) or not _known_model_type(info.model_type)

    safetensors = sorted(folder.glob("*.safetensors"))
    if safetensors:
        info.weight_format = "safetensors"
        try:
            info.parameters = sum(safetensors_parameters(p) for p in safetensors)
        except WorkbenchError as exc:
            info.problems.append(exc.message)
            info.damaged.append(exc.message)
    elif any(folder.glob("*.bin")) or any(folder.glob("*.pt")):
        info.weight_format = "bin"
    else:
        info.problems.append(translate("core", "no weights file (.safetensors or .bin)"))

    if not any((folder / name).exists() for name in TOKENIZER_FILES):
        info.problems.append(translate("core", NO_TOKENIZER))
    tok_cfg = folder / "tokenizer_config.json"
    info.has_chat_template = (folder / "chat_template.jinja").exists() or (folder / "chat_template.json").exists()
    if not info.has_chat_template and tok_cfg.is_file():
        try:
            info.has_chat_template = bool(json.loads(tok_cfg.read_text(encoding="utf-8")).get("chat_template"))
        except (OSError, ValueError):
            info.problems.append(translate("core", "tokenizer_config.json is damaged"))
            info.damaged.append(info.problems[-1])
    return info


def _word_vectors_info(folder: Path) -> FolderInfo:
    try:
        config = json.loads((folder / WORD_VECTORS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WorkbenchError(translate("core", "{path} cannot be read: {error}.").format(
            path=folder / WORD_VECTORS_FILE, error=exc), translate("core", "Train or import the vectors again.")) from exc
    return FolderInfo(model_type=WORD_VECTORS_KIND, kinds=[WORD_VECTORS_KIND],
                      parameters=int(config.get("vocab_size", 0)) * int(config.get("dim", 0)),
                      weight_format=str(config.get("format", "word2vec-binary")))


def inspect_gguf(path: Path) -> FolderInfo:
    meta, params = gguf_summary(path)
    arch = str(meta.get("general.architecture", ""))
    return FolderInfo(model_type=arch, architectures=[], kinds=["causal-lm"], parameters=params,
                      has_chat_template=bool(meta.get("tokenizer.chat_template")), weight_format="gguf")


def _known_model_type(model_type: str) -> bool:
    if not model_type:
        return False
    from workbench.core.modeltypes import MODEL_TYPES

    if model_type in MODEL_TYPES:  # defined in the workbench (registered before any load), not remote code
        return True
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES
    return model_type in CONFIG_MAPPING_NAMES


def folder_size(folder: Path) -> int:
    total = 0
    for p in folder.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total
