"""Text with planted structure for word-vector tests, and a tiny random LSTM/GRU saved as the library holds one."""

from __future__ import annotations

from pathlib import Path

import numpy as np

ANIMALS = ["cat", "dog", "horse", "mouse", "cow", "sheep", "goat", "pig"]
VEHICLES = ["car", "bus", "truck", "train", "bike", "boat", "plane", "van"]
FRUITS = ["apple", "pear", "plum", "grape", "lemon", "melon", "peach", "mango"]


def planted(path: Path, n: int = 1500, seed: int = 0) -> Path:
    """Sentences drawn from one topic each: words of a topic share contexts, so they must end up neighbours."""
    rng = np.random.default_rng(seed)
    groups = [ANIMALS, VEHICLES, FRUITS]
    zipf = 1 / np.arange(1, 9)  # frequent and rare words, so log X has a wide range to fit
    lines = [" ".join(rng.choice(groups[rng.integers(3)], 8, p=zipf / zipf.sum())) for _ in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def group_of(word: str) -> int:
    return next(i for i, g in enumerate((ANIMALS, VEHICLES, FRUITS)) if word in g)


def tiny_rnn(folder: Path, cell: str, hidden: int = 12, layers: int = 2) -> str:
    """A random LSTM/GRU with a character tokenizer (Chinese included); its biases are not the zero/one
    initial values, so every term of the gate formulas matters."""
    import torch

    from workbench.core.pretrain.rnn import WorkbenchRNNConfig, WorkbenchRNNForCausalLM
    from workbench.core.pretrain.tokenizer import train_character

    tokenizer = train_character("the cat sees a dog and the ball. 小猫看见小狗。\n")
    torch.manual_seed(0)
    config = WorkbenchRNNConfig(vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers, cell=cell,
                                pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
                                eos_token_id=tokenizer.eos_token_id, architectures=["WorkbenchRNNForCausalLM"])
    model = WorkbenchRNNForCausalLM(config)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.3)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)
