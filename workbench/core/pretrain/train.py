"""Training a language model from scratch: plan (check everything), train, sample, checkpoint, resume.

``plan(config)`` reads the text, trains the tokenizer, checks that the text fits the settings and
counts the model's parameters, all before any training step (``WorkbenchError`` otherwise).
``run_pretraining(config, run_dir, emit, cancel, resume)`` then trains with a plain PyTorch loop (no
``Trainer``: the models are small, so per-step overhead matters, and samples, time limits and
checkpoints fit a loop of our own). It uses the fine-tune run machinery (``finetune/runs.py``): the
run folder, ``events.jsonl``, ``status.json`` and ``checkpoints/checkpoint-N`` (complete once
``trainer_state.json`` is written).

Every training window is ``<s>`` followed by ``context - 1`` tokens of the text, so the model learns
to start from ``<s>``: generating from an empty prompt works. Events are dicts with a ``type``:
status, plan, start, train, eval, sample, progress, checkpoint, done, error.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from workbench.core.dataclass_json import JsonDataclass
from workbench.core.finetune import runs
from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, WorkbenchError
from workbench.core.pretrain.data import read_documents
from workbench.core.pretrain.store import (EVAL_WINDOWS, FINAL_SAMPLES, SAMPLE_TOKENS, TOKENIZER_DIR,  # noqa: F401
                                           publish_model, special_ids)

Emit = Callable[[dict], None]
ARCHS = ("lstm", "gru", "transformer", "ngram")
TOKENIZERS = ("char", "bpe", "word")
DEFAULT_BPE_VOCAB = 1000
DEFAULT_LR = {"lstm": 3e-3, "gru": 3e-3, "transformer": 1e-3, "ngram": 0.0}
AUTO_MIN_STEPS = 600  # automatic epochs: at least this many steps (a few CPU minutes at the default size)
AUTO_MAX_EPOCHS = 100
STATE_FILE = "trainer_state.json"
KEEP_CHECKPOINTS = 2


@dataclass
class PretrainConfig(JsonDataclass):
    """Everything a run needs; saved as the run's ``config.json`` (resume reads it back)."""

    data: str
    column: str = ""
    arch: str = "lstm"
    tokenizer: str = "char"
    vocab_size: int = 0  # 0: every character (char), DEFAULT_BPE_VOCAB (bpe)
    layers: int = 0  # 0 for layers, hidden, heads, context and batch_size: chosen in plan() (choose_defaults)
    hidden: int = 0
    heads: int = 0  # transformer only
    context: int = 0
    epochs: float = 0.0  # 0: automatic (AUTO_MIN_STEPS), unless max_minutes limits the run instead
    max_minutes: float = 0.0  # > 0: stop cleanly at this training time (a usable model is saved)
    lr: float = 0.0  # 0: DEFAULT_LR for the architecture
    batch_size: int = 0
    seed: int = 42
    sample_every: int = 0  # 0: about ten samples per run
    name: str = ""  # the library name of the final model (default: the run folder's name)
    device: str = "auto"
    order: int = 0  # ngram only: tokens per n-gram (the context is order - 1 tokens); 0: chosen for the tokenizer
    smoothing: str = "kneser-ney"  # ngram only: kneser-ney or add-k
    k: float = 1.0  # ngram add-k: 1 is Laplace
    discount: float = 0.0  # ngram Kneser-Ney: 0 estimates D per order from the counts


    @property
    def learning_rate(self) -> float:
        return self.lr or DEFAULT_LR[self.arch]


@dataclass
class Plan:
    config: PretrainConfig
    tokenizer: object
    train_ids: list[int]
    val_ids: list[int]
    parameters: int
    text_sha: str
    characters: int
    windows: int = 0  # training windows per epoch
    steps_per_epoch: int = 0
    max_steps: int = 0  # 0: limited by time only
    notes: list[str] = field(default_factory=list)
    choices: list[dict] = field(default_factory=list)  # {setting, value, reason, chosen}: see choose_defaults
    threads: int = 0  # CPU threads for training (0: torch's default)

    @property
    def window(self) -> int:
        """Text tokens per window (the first position is ``<s>``)."""
        return self.config.context - 1

    def to_json(self) -> dict:
        c = self.config
        return {"parameters": self.parameters, "vocab_size": len(self.tokenizer), "tokens":
                len(self.train_ids) + len(self.val_ids), "train_tokens": len(self.train_ids),
                "val_tokens": len(self.val_ids), "characters": self.characters, "windows": self.windows,
                "steps_per_epoch": self.steps_per_epoch, "max_steps": self.max_steps, "arch": c.arch,
                "tokenizer": c.tokenizer, "layers": c.layers, "hidden": c.hidden, "heads": c.heads,
                "context": c.context, "batch_size": c.batch_size, "lr": c.learning_rate, "order": c.order,
                "max_minutes": c.max_minutes, "notes": self.notes, "choices": self.choices,
                "warmup": warmup_steps(self.max_steps), "threads": self.threads}


def check_settings(config: PretrainConfig) -> None:
    """Settings that are wrong whatever the text (cheap: the UI calls it on every change)."""
    def bad(message: str, hint: str) -> WorkbenchError:
        return WorkbenchError(message, hint)

    if config.arch not in ARCHS:
        raise bad(translate("core", "Unknown architecture '{arch}'.").format(arch=config.arch),
                  translate("core", "Use lstm, gru, transformer or ngram."))
    if config.tokenizer not in TOKENIZERS:
        raise bad(translate("core", "Unknown tokenizer '{name}'.").format(name=config.tokenizer),
                  translate("core", "Use char, bpe or word."))
    for name, value, low in (("layers", config.layers, 1), ("hidden", config.hidden, 4), ("context", config.context, 4),
                             ("batch-size", config.batch_size, 1), ("heads", config.heads, 1)):
        if value != 0 and value < low:  # 0: automatic
            raise bad(translate("core", "--{name} must be at least {low}, not {value}.").format(
                name=name, low=low, value=value), translate("core", "Choose a larger value."))
    if config.arch == "transformer" and config.hidden and config.heads and config.hidden % config.heads:
        raise bad(translate("core", "{heads} heads do not divide the hidden size {hidden}.").format(
            heads=config.heads, hidden=config.hidden),
            translate("core", "Choose a hidden size that is a multiple of the number of heads (e.g. {hidden}).")
            .format(hidden=max(config.heads, config.hidden // config.heads * config.heads)))
    if config.arch == "ngram":
        from workbench.core.pretrain.ngram import check_settings as check_ngram

        check_ngram(config.order or AUTO_ORDER[config.tokenizer if config.tokenizer in AUTO_ORDER else "char"],
                    config.smoothing, config.k, config.discount)
    if config.epochs < 0 or config.max_minutes < 0 or config.lr < 0:
        raise bad(translate("core", "Epochs, minutes and learning rate cannot be negative."),
                  translate("core", "Give positive values."))


AUTO_ORDER = {"char": 5, "bpe": 4, "word": 3}  # n-gram order by tokenizer (see choose_defaults)
SMALL_MODEL = 2_000_000  # parameters below which one CPU thread trains fastest (see choose_defaults)
TIME_LIMIT_WARMUP = 20  # warm-up steps of a run limited by time (its length in steps is unknown)


def warmup_steps(span: int) -> int:
    """Steps of linear learning-rate warm-up: 5 % of a run of ``span`` steps (at most 100), or TIME_LIMIT_WARMUP."""
    return min(100, max(1, span // 20)) if span else TIME_LIMIT_WARMUP


def choose_defaults(config: PretrainConfig, tokens: int) -> tuple[PretrainConfig, list[dict]]:
    """Fill the automatic settings (0) from the text's size and the time limit, each with its reason.

    The Transformer is the one that needs it (issue 25): at the LSTM's size (256 wide, context 128,
    32 windows a step) on a slow CPU, a few minutes are a few hundred steps, too few for attention and
    position embeddings to learn line structure, and at 1e-3 it learns slowly. A small Transformer
    (64 to 128 wide) takes many more steps in the same time and learns at 3e-3 (small models
    tolerate, and need, higher rates). A short time limit also means fewer, smaller windows per step:
    more updates. The learning rate then decays over the time limit as over a step budget.
    """
    import dataclasses

    if config.arch == "ngram":
        order = config.order or AUTO_ORDER[config.tokenizer]
        choices = [{"setting": "order", "value": order, "chosen": not config.order, "reason": translate(
            "core", "your setting") if config.order else translate(
            "core", "{order} for {tokenizer} tokens: a character says little alone, a word much; a higher order "
                    "has too few counts per context to be sure of").format(order=order, tokenizer=config.tokenizer)}]
        return dataclasses.replace(config, order=order, context=config.context or 128,
                                   batch_size=config.batch_size or 32, layers=config.layers or 1,
                                   hidden=config.hidden or 4, heads=config.heads or 1), choices
    minutes = config.max_minutes
    short, very_short = 0 < minutes <= 5, 0 < minutes <= 1
    small_text = tokens < 200_000
    transformer = config.arch == "transformer"
    choices: list[dict] = []
    values: dict = {}

    def choose(setting: str, value, reason: str) -> None:
        given = getattr(config, setting)
        if given:
            choices.append({"setting": setting, "value": given, "reason": translate("core", "your setting"),
                            "chosen": False})
        else:
            values[setting] = value
            choices.append({"setting": setting, "value": value, "reason": reason, "chosen": True})

    limit = (translate("core", "a time limit of {minutes:g} min").format(minutes=minutes) if minutes > 0
             else translate("core", "no time limit"))
    if transformer:
        hidden = 64 if very_short else 128 if (short or small_text) else 256
        reason = (translate("core", "{limit} and {tokens} tokens: a small Transformer takes many more steps in the "
                                    "same time, and attention needs many steps to learn structure")
                  if hidden < 256 else translate("core", "{limit} and {tokens} tokens: room for a wider model"))
        choose("hidden", hidden, reason.format(limit=limit, tokens=f"{tokens:,}"))
        hidden = config.hidden or hidden
        choose("heads", max(1, hidden // 32) if hidden % 32 == 0 else 1,
               translate("core", "32 dimensions per head"))
        choose("layers", 1 if very_short else 2,
               translate("core", "{limit}: one layer, cheaper steps; on a small regular language it wrote as many "
                                 "well-formed lines after 300 steps as two layers").format(limit=limit) if very_short
               else translate("core", "two layers: one to find the previous tokens, one to use them"))
    else:
        hidden = 128 if very_short else 256
        choose("hidden", hidden, translate("core", "{limit}: {hidden} units").format(limit=limit, hidden=hidden))
        choose("layers", 1 if very_short else 2,
               translate("core", "{limit}: one layer takes more steps in the time").format(limit=limit) if very_short
               else translate("core", "two layers, the usual small recurrent model"))
    choose("context", 64 if very_short else 128,
           translate("core", "{limit}: shorter windows make each step cheaper").format(limit=limit) if very_short
           else translate("core", "128 tokens: several lines or sentences per window"))
    choose("batch_size", 16 if short else 32,
           translate("core", "{limit}: fewer windows per step give more updates in the time").format(limit=limit)
           if short else translate("core", "32 windows a step"))
    if transformer and not config.lr:
        width = config.hidden or values.get("hidden", 256)
        lr = 1e-2 if width <= 64 else 3e-3 if width <= 128 else 1e-3
        choose("lr", lr, translate("core", "{width} wide: a tiny Transformer learns fastest at 1e-2 (after 300 steps on "
                                           "a small regular language: 15 of 15 lines well-formed, 12 of 15 at 3e-3); "
                                           "wider ones need lower rates (3e-3 up to 128, 1e-3 above)").format(width=width))
    elif not config.lr:
        choose("lr", DEFAULT_LR[config.arch], translate("core", "3e-3 trains LSTM/GRU models of this size well"))
    resolved = dataclasses.replace(config, **values)
    choices.append({"setting": "warmup", "value": TIME_LIMIT_WARMUP if minutes > 0 else 0, "chosen": True,
                    "reason": translate("core", "{n} steps, then the rate decays over the time limit").format(
                        n=TIME_LIMIT_WARMUP) if minutes > 0 else
                    translate("core", "5 % of the steps (at most 100), then a cosine decay")})
    return resolved, choices


def build_tokenizer(config: PretrainConfig, text: str):
    from workbench.core.pretrain import tokenizer as tok

    if config.tokenizer == "bpe":
        return tok.train_bpe(text, config.vocab_size or DEFAULT_BPE_VOCAB)
    if config.tokenizer == "word":
        return tok.train_word(text, config.vocab_size)
    possible = tok.character_vocab_size(text)
    if config.vocab_size and config.vocab_size != possible:
        raise WorkbenchError(
            translate("core", "This text has {n} distinct characters, so a character vocabulary has {size} tokens "
                              "(with 4 special tokens), not {asked}.").format(
                n=possible - len(tok.SPECIALS), size=possible, asked=config.vocab_size),
            translate("core", "Leave the vocabulary size out for characters (it follows the text), or use BPE."))
    return tok.train_character(text)


def plan(config: PretrainConfig, tokenizer=None, emit: Emit | None = None) -> Plan:
    """Read, tokenize and check everything; raise ``WorkbenchError`` before any training step."""
    from workbench.core.pretrain.tokenizer import EOS, encode_text

    emit = emit or (lambda e: None)
    check_settings(config)
    emit({"type": "status", "message": translate("core", "Reading {name}").format(name=Path(config.data).name)})
    documents = read_documents(config.data, config.column)
    text = "\n".join(documents)
    if tokenizer is None:
        emit({"type": "status", "message": translate("core", "Training the tokenizer")})
        tokenizer = build_tokenizer(config, text)
    eos = tokenizer.convert_tokens_to_ids(EOS)
    ids: list[int] = []
    for doc in documents:
        ids += encode_text(tokenizer, doc) + [eos]
    config, choices = choose_defaults(config, len(ids))
    check_settings(config)
    window = config.context - 1
    need = 2 * window
    if config.arch == "ngram" and len(ids) < 2 * config.order:
        raise WorkbenchError(
            translate("core", "The text has {n} tokens, too short for an order-{order} n-gram model: counting needs at "
                              "least {order} tokens and validating {order} more.").format(
                n=len(ids), order=config.order),
            translate("core", "Give more text, or a lower order (--order)."))
    if len(ids) < need:
        per_token = sum(len(d) for d in documents) / max(1, len(ids))
        raise WorkbenchError(
            translate("core", "The text has {n} tokens, too short for a context of {context}: one window to train on "
                              "and one to validate on need at least {need} tokens (about {chars} characters).")
            .format(n=len(ids), context=config.context, need=need, chars=math.ceil(need * per_token)),
            translate("core", "Give more text, or a smaller context (--context)."))
    val_size = max(window, len(ids) // 10)
    train_ids, val_ids = ids[:-val_size], ids[-val_size:]
    if len(train_ids) < window:
        train_ids, val_ids = ids[:window], ids[window:]
    parameters = 0 if config.arch == "ngram" else count_parameters(config, len(tokenizer))  # n-grams: once counted
    result = Plan(config, tokenizer, train_ids, val_ids, parameters,
                  hashlib.sha256(text.encode("utf-8")).hexdigest(), len(text))
    result.choices = choices
    result.threads = 1 if config.arch != "ngram" and parameters < SMALL_MODEL else 0
    result.windows = max(1, len(train_ids) // window)
    result.steps_per_epoch = math.ceil(result.windows / config.batch_size)
    if config.epochs > 0:
        result.max_steps = max(1, math.ceil(result.steps_per_epoch * config.epochs))
    elif config.arch == "ngram":
        result.max_steps = config.order  # one counting pass per order
    elif config.max_minutes <= 0:
        epochs = min(AUTO_MAX_EPOCHS, max(1, math.ceil(AUTO_MIN_STEPS / result.steps_per_epoch)))
        result.max_steps = result.steps_per_epoch * epochs
        result.notes.append(translate("core", "{epochs} epochs (automatic)").format(epochs=epochs))
    if result.windows < config.batch_size:
        result.notes.append(translate("core", "Only {n} windows of text: every step trains on all of them.")
                            .format(n=result.windows))
    return result


# ---- models ----------------------------------------------------------------------------------------

def model_config(config: PretrainConfig, vocab_size: int, special_ids: dict[str, int]):
    from transformers import GPT2Config

    if config.arch == "transformer":
        return GPT2Config(vocab_size=vocab_size, n_positions=config.context, n_embd=config.hidden,
                          n_layer=config.layers, n_head=config.heads, resid_pdrop=0.0, embd_pdrop=0.0,
                          attn_pdrop=0.0, **special_ids)
    from workbench.core.pretrain.rnn import WorkbenchRNNConfig

    return WorkbenchRNNConfig(vocab_size=vocab_size, hidden_size=config.hidden, num_hidden_layers=config.layers,
                              cell=config.arch, **special_ids)


def build_model(config: PretrainConfig, vocab_size: int, special_ids: dict[str, int] | None = None):
    import transformers

    from workbench.core.modeltypes import register_models

    register_models()
    cfg = model_config(config, vocab_size, special_ids or {})
    if config.arch == "transformer":
        return transformers.GPT2LMHeadModel(cfg)
    from workbench.core.pretrain.rnn import WorkbenchRNNForCausalLM

    return WorkbenchRNNForCausalLM(cfg)


def count_parameters(config: PretrainConfig, vocab_size: int) -> int:
    """Exact: the model is built on the meta device (no memory, no initialisation)."""
    import torch

    with torch.device("meta"):
        model = build_model(config, vocab_size, {"pad_token_id": 0, "bos_token_id": 1, "eos_token_id": 2})
    return sum(p.numel() for p in model.parameters())


# ---- batches ---------------------------------------------------------------------------------------

class Batches:
    """Windows of the token stream; each epoch has its own seeded start offset and order.

    A batch depends only on (seed, step), so a resumed run sees exactly the batches it would have seen.
    """

    def __init__(self, ids: list[int], window: int, batch_size: int, bos: int, seed: int):
        import torch

        self.stream = torch.tensor(ids, dtype=torch.long)
        self.window, self.batch_size, self.bos, self.seed = window, batch_size, bos, seed
        self.windows = max(1, len(ids) // window)
        self.per_epoch = math.ceil(self.windows / batch_size)
        self._epoch = -1
        self._offset, self._order = 0, None

    def _start_epoch(self, epoch: int) -> None:
        import torch

        g = torch.Generator().manual_seed(self.seed * 100_003 + epoch)
        slack = len(self.stream) - self.windows * self.window
        self._offset = int(torch.randint(0, slack + 1, (1,), generator=g))
        self._order = torch.randperm(self.windows, generator=g)
        self._epoch = epoch

    def batch(self, step: int):
        """The inputs of training step ``step`` (0-based): ``<s>`` + ``window`` tokens per row."""
        import torch

        epoch, index = divmod(step, self.per_epoch)
        if epoch != self._epoch:
            self._start_epoch(epoch)
        chosen = self._order[index * self.batch_size:(index + 1) * self.batch_size]
        starts = self._offset + chosen * self.window
        rows = self.stream[starts[:, None] + torch.arange(self.window)]
        return torch.cat([torch.full((len(rows), 1), self.bos, dtype=torch.long), rows], dim=1)


def validation_batches(ids: list[int], window: int, batch_size: int, bos: int, limit: int = EVAL_WINDOWS):
    import torch

    stream = torch.tensor(ids, dtype=torch.long)
    n = min(limit, max(1, len(ids) // window))
    rows = stream[:n * window].view(n, window)
    rows = torch.cat([torch.full((n, 1), bos, dtype=torch.long), rows], dim=1)
    return [rows[i:i + batch_size] for i in range(0, n, batch_size)]


def evaluate(model, batches, device) -> float:
    """Mean loss per predicted token over the validation windows."""
    import torch

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for rows in batches:
            rows = rows.to(device)
            loss = model(input_ids=rows, labels=rows).loss
            n = rows.numel() - len(rows)
            total, count = total + float(loss) * n, count + n
    model.train()
    return total / max(1, count)


def perplexity(loss: float) -> float:
    return float(math.exp(min(loss, 50.0)))


def sample(model, tokenizer, context: int, seed: int, n: int = 1, max_new_tokens: int = SAMPLE_TOKENS,
           arch: str = "lstm") -> list[str]:
    """Text generated from ``<s>`` with the current weights (its own random stream: training is unaffected)."""
    import torch

    if arch == "transformer":
        max_new_tokens = min(max_new_tokens, context - 1)
    model.eval()
    device = next(model.parameters()).device
    start = torch.full((n, 1), tokenizer.bos_token_id, dtype=torch.long, device=device)
    with torch.random.fork_rng(devices=[]), torch.no_grad():
        torch.manual_seed(seed)
        out = model.generate(input_ids=start, attention_mask=torch.ones_like(start), do_sample=True,
                             temperature=0.8, top_k=0, top_p=1.0, max_new_tokens=max_new_tokens,
                             pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
    model.train()
    return [tokenizer.decode(row[1:], skip_special_tokens=True) for row in out.tolist()]


def make_optimizer(model, lr: float):
    """AdamW, fused into one kernel per step where torch has it (as transformers' Trainer does)."""
    import torch

    try:
        return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01, betas=(0.9, 0.99), fused=True)
    except (RuntimeError, TypeError):
        return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01, betas=(0.9, 0.99))


def pick_device(name: str) -> str:
    import torch

    if name == "cpu":
        return "cpu"
    if torch.cuda.is_available():
        return "cuda"
    return "cpu"  # MPS LSTMs are slower than the CPU at these sizes


# ---- the run ---------------------------------------------------------------------------------------

def run_pretraining(config: PretrainConfig, run_dir: Path, emit: Emit | None = None,
                    cancel: CancelToken = NEVER_CANCELLED, resume: bool = False, more_steps: int = 0) -> dict:
    """Train ``config`` in ``run_dir``; returns ``{status, model_path, name, parameters, metrics, samples, ...}``.

    With ``resume`` it continues from the last complete checkpoint to the same end step (after a
    kill, a crash or a cancel). ``more_steps`` (with ``resume``, on a finished run, including one a
    time limit stopped) trains that many steps more, with the learning rate warmed up and decayed
    again over the added steps, and replaces the model in the library.
    """
    import transformers
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Writing model shards" at every checkpoint is noise here
    run_dir = Path(run_dir)
    tokenizer = None
    if resume and (run_dir / TOKENIZER_DIR).is_dir():
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(run_dir / TOKENIZER_DIR))
    # Everything is checked before the run folder is touched: a bad input leaves no failed run behind.
    prep = plan(config, tokenizer, emit)
    run_dir.mkdir(parents=True, exist_ok=True)
    runs.write_json(run_dir / runs.CONFIG_FILE, {**prep.config.to_json(), "task": "pretrain", "model": config.arch})
    if config.arch == "ngram":
        from workbench.core.pretrain.ngram_run import count_run

        return runs.run_logged(run_dir, emit, resume, lambda log: count_run(prep, run_dir, log, cancel),
                               oom_hint=translate("core", "Use a lower order (--order) or a smaller text."))
    import torch

    threads = torch.get_num_threads()
    try:
        return runs.run_logged(run_dir, emit, resume, lambda log: _train(prep, run_dir, log, cancel, resume, more_steps),
                               oom_hint=translate("core", "Use a smaller batch size, context or model."))
    finally:
        torch.set_num_threads(threads)  # in-process runs (tests) leave the process as they found it


def _train(prep: Plan, run_dir: Path, emit: Emit, cancel: CancelToken, resume: bool, more_steps: int = 0) -> dict:
    import torch
    import transformers

    config = prep.config
    checkpoint = runs.last_checkpoint(run_dir) if resume else None
    state = runs.read_json(checkpoint / STATE_FILE) if checkpoint else {}
    if state and state.get("text_sha") != prep.text_sha:
        raise WorkbenchError(translate("core", "{name} changed since this run started.").format(
            name=Path(config.data).name), translate("core", "Start a new run on the changed text."))
    tokenizer = prep.tokenizer
    if not (run_dir / TOKENIZER_DIR).is_dir():
        tokenizer.save_pretrained(str(run_dir / TOKENIZER_DIR))
    max_steps = int(state.get("max_steps", prep.max_steps)) if state else prep.max_steps
    # The schedule (warm-up, cosine decay) runs from schedule_start to max_steps: 0 for a run, the
    # step an extension ("train longer") started from for the steps it adds.
    schedule_start = int(state.get("schedule_start", 0))
    if more_steps > 0 and state:
        schedule_start = int(state["global_step"])
        max_steps = schedule_start + more_steps
    emit({"type": "plan", **prep.to_json(), "max_steps": max_steps})
    cancel.raise_if_cancelled()

    transformers.set_seed(config.seed)  # before the weights are initialised
    device = pick_device(config.device)
    if device == "cpu" and prep.threads:
        # A tiny model's step is too small to split across threads: they mostly wait on each other (and on a busy
        # machine far slower: 8 steps instead of 155 in 15 s, measured on 2 shared cores).
        torch.set_num_threads(prep.threads)
    model = build_model(config, len(tokenizer), special_ids(tokenizer))
    model.to(device)
    model.train()
    optimizer = make_optimizer(model, config.learning_rate)
    step = 0
    spent = 0.0  # training seconds before this process (the time limit counts them)
    if checkpoint is not None:
        from safetensors.torch import load_file

        weights = load_file(str(checkpoint / "model.safetensors"), device=device)
        model.load_state_dict(weights, strict=False)  # tied weights are stored once
        if hasattr(model, "tie_weights"):
            model.tie_weights()
        optimizer.load_state_dict(torch.load(checkpoint / "optimizer.pt", map_location=device, weights_only=True))
        step, spent = int(state["global_step"]), float(state.get("train_seconds", 0.0))
        emit({"type": "status", "message": translate("core", "Resuming from step {step}").format(step=step)})
    elif resume:
        emit({"type": "status", "message": translate("core", "No complete checkpoint yet: starting from the beginning")})

    window, bos = prep.window, tokenizer.bos_token_id
    batches = Batches(prep.train_ids, window, config.batch_size, bos, config.seed)
    val = validation_batches(prep.val_ids, window, config.batch_size, bos)
    # the time limit bounds the first segment only: an extension is bounded by its steps
    limit_s = config.max_minutes * 60 if config.max_minutes > 0 and not schedule_start else 0.0
    span = max_steps - schedule_start if max_steps else 0
    every = config.sample_every or (max(10, span // 10) if span else 100)
    log_every = max(1, min(20, span // 100)) if span else 10
    warmup = warmup_steps(span)

    def lr_at(s: int, elapsed: float) -> float:
        s -= schedule_start
        if s < warmup:
            return (s + 1) / warmup
        if span:
            progress = (s - warmup) / max(1, span - warmup)
        elif limit_s:  # limited by time: the cosine decay runs over the time limit
            progress = elapsed / limit_s
        else:
            return 1.0
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))

    def save_checkpoint(s: int, train_seconds: float) -> None:
        _save_checkpoint(run_dir, model, optimizer, {
            "global_step": s, "max_steps": max_steps, "train_seconds": train_seconds, "text_sha": prep.text_sha,
            "seed": config.seed, "schedule_start": schedule_start})
        emit({"type": "checkpoint", "step": s, "path": str(run_dir / runs.CHECKPOINTS / f"checkpoint-{s}")})

    emit({"type": "start", "step": step, "max_steps": max_steps, "parameters": prep.parameters,
          "limit_s": limit_s, "device": device})
    emit({"type": "status", "message": translate("core", "Training")})
    tokens_per_step = config.batch_size * config.context
    clock = time.perf_counter()
    last_progress, window_loss, window_n = 0.0, 0.0, 0
    recent: list[float] = []
    train_seconds_now = 0.0  # pure training-step time, for tokens/s
    trained_tokens = 0
    stopped_by = ""
    while not max_steps or step < max_steps:
        if cancel.cancelled:
            stopped_by = "cancel"
            break
        elapsed = spent + time.perf_counter() - clock
        if limit_s and elapsed >= limit_s:
            stopped_by = "time"
            break
        t0 = time.perf_counter()
        rows = batches.batch(step).to(device)
        for group in optimizer.param_groups:
            group["lr"] = config.learning_rate * lr_at(step, elapsed)
        loss = model(input_ids=rows, labels=rows).loss
        loss.backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        value = loss.item()
        dt = time.perf_counter() - t0
        train_seconds_now += dt
        trained_tokens += len(rows) * rows.shape[1]
        recent = (recent + [dt])[-20:]
        window_loss, window_n = window_loss + value, window_n + 1
        if not math.isfinite(value):
            raise WorkbenchError(translate("core", "The loss became {value} at step {step}.").format(
                value=value, step=step), translate("core", "Use a smaller learning rate (--lr)."))
        if step % log_every == 0 or step == 1:
            emit({"type": "train", "step": step, "loss": window_loss / window_n,
                  "learning_rate": optimizer.param_groups[0]["lr"], "grad_norm": float(grad_norm),
                  "tokens_s": tokens_per_step / max(1e-9, sum(recent) / len(recent))})
            window_loss, window_n = 0.0, 0
        now = time.monotonic()
        if now - last_progress > 0.2 or step == max_steps:
            last_progress = now
            elapsed = spent + time.perf_counter() - clock
            eta = (max_steps - step) * sum(recent) / len(recent) if max_steps else max(0.0, limit_s - elapsed)
            emit({"type": "progress", "step": step, "max_steps": max_steps, "epoch": step / batches.per_epoch,
                  "eta_s": eta, "elapsed_s": elapsed, "limit_s": limit_s})
        if step % every == 0 and step != max_steps:
            _evaluate_and_sample(model, tokenizer, prep, val, device, step, emit)
            save_checkpoint(step, spent + time.perf_counter() - clock)

    train_seconds = spent + time.perf_counter() - clock
    tokens_s = trained_tokens / train_seconds_now if train_seconds_now else 0.0
    base = {"run_dir": str(run_dir), "step": step, "max_steps": max_steps, "parameters": prep.parameters}
    if stopped_by == "cancel":
        save_checkpoint(step, train_seconds)
        return {**base, "status": "cancelled", "metrics": {}, "model_path": "", "name": "", "samples": [],
                "message": translate("core", "Cancelled at step {step}; the checkpoint is kept, resume to continue.")
                .format(step=step)}
    save_checkpoint(step, train_seconds)
    emit({"type": "status", "message": translate("core", "Evaluating")})
    val_loss = _evaluate_and_sample(model, tokenizer, prep, val, device, step, emit)
    samples = sample(model, tokenizer, config.context, config.seed + step, n=FINAL_SAMPLES, arch=config.arch)
    metrics = {"val_loss": val_loss, "val_perplexity": perplexity(val_loss), "tokens_s": tokens_s,
               "train_seconds": train_seconds}
    runs.write_json(run_dir / runs.METRICS_FILE, metrics)
    emit({"type": "status", "message": translate("core", "Saving the model into the library")})
    model_path = save_final_model(config, prep, model, tokenizer, run_dir)
    message = (translate("core", "Stopped at the time limit after {step} steps.") if stopped_by == "time"
               else translate("core", "Finished {step} steps.")).format(step=step)
    return {**base, "status": "finished", "metrics": metrics, "model_path": str(model_path),
            "name": model_path.name, "samples": samples, "stopped_by": stopped_by or "steps", "message": message}


def _evaluate_and_sample(model, tokenizer, prep: Plan, val, device, step: int, emit: Emit) -> float:
    val_loss = evaluate(model, val, device)
    ppl = perplexity(val_loss)
    emit({"type": "eval", "step": step, "eval_loss": val_loss, "perplexity": ppl, "metric_name": "perplexity",
          "metric_value": ppl})
    text = sample(model, tokenizer, prep.config.context, prep.config.seed + step, arch=prep.config.arch)[0]
    emit({"type": "sample", "step": step, "text": text})
    return val_loss


def _save_checkpoint(run_dir: Path, model, optimizer, state: dict) -> None:
    """``checkpoint-N`` written beside, then renamed: a kill mid-save leaves the previous one complete."""
    import torch

    folder = run_dir / runs.CHECKPOINTS
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"checkpoint-{state['global_step']}"
    tmp = folder / f".checkpoint-{state['global_step']}.saving"
    for stale in (tmp, target):
        if stale.exists():
            shutil.rmtree(stale)
    model.save_pretrained(str(tmp))
    torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    (tmp / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, target)
    complete = sorted((p for p in folder.glob("checkpoint-*") if p.name.split("-")[-1].isdigit()),
                      key=lambda p: int(p.name.split("-")[-1]))
    for old in complete[:-KEEP_CHECKPOINTS]:
        shutil.rmtree(old, ignore_errors=True)


def save_final_model(config: PretrainConfig, prep: Plan, model, tokenizer, run_dir: Path) -> Path:
    """The trained model and its tokenizer into the library store, under the run's name."""
    from workbench.core.units import human_count

    def write(tmp: Path) -> None:
        model.generation_config.pad_token_id = tokenizer.pad_token_id
        model.save_pretrained(str(tmp))
        tokenizer.save_pretrained(str(tmp))

    arch = {"lstm": "LSTM", "gru": "GRU", "transformer": "Transformer"}[config.arch]
    return publish_model(config, run_dir, write, {
        "arch": config.arch, "description": f"Trained from scratch: {arch}, {human_count(prep.parameters)} parameters, "
                                           f"{config.tokenizer} tokens, on {Path(config.data).name}"})


def samples_of(run_dir: str | Path) -> list[tuple[int, str]]:
    """(step, text) of every sample in a run's event log."""
    return [(int(e.get("step", 0)), str(e.get("text", ""))) for e in runs.read_events(run_dir)
            if e.get("type") == "sample"]


def is_pretrain_run(run_dir: str | Path) -> bool:
    return runs.read_json(Path(run_dir) / runs.CONFIG_FILE).get("task") == "pretrain"
