"""Training from scratch: tokens per second of the workbench's runs against plain baselines in the same
process, on the same model, batches and settings, and the GUI's heartbeat while the tab trains.

- LSTM: ``run_pretraining`` vs a plain PyTorch loop (forward, backward, clip, AdamW) over the same batches.
- Transformer: ``run_pretraining`` vs a plain transformers ``Trainer`` over the same windows.
- ``ui_max_gap_ms``: the longest the event loop stalled while the "From scratch" page ran a training
  child process and drew its events.

Everything happens in a temporary ``WORKBENCH_HOME``: the user's library and runs are left unchanged.
``--quick`` (for tests): 10 steps, one run each, and a text of 800 lines instead of 3,000.
"""

from __future__ import annotations

import os
import random
import tempfile
import contextlib
import time
from pathlib import Path

SUBJECTS = ["the cat", "a dog", "the bird", "my friend", "the teacher", "a child"]
VERBS = ["sees", "likes", "finds", "follows", "helps"]
OBJECTS = ["the ball", "a tree", "the house", "a river", "the book", "a garden"]


def regular_text(lines: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return "".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}.\n" for _ in range(lines))


def _config(data: Path, arch: str, steps: int):
    from workbench.core.pretrain.train import PretrainConfig, plan

    config = PretrainConfig(data=str(data), arch=arch, layers=2, hidden=128, heads=4, context=64, batch_size=16,
                            sample_every=10 ** 9)  # no samples or evaluations inside the timed steps
    config.epochs = steps / plan(config).steps_per_epoch
    return config


def _workbench(config, root: Path, name: str) -> float:
    from workbench.core.pretrain.train import run_pretraining

    result = run_pretraining(config, root / name)
    return float(result["metrics"]["tokens_s"])


def _prepared(config):
    """The model (seeded) and the exact batches the workbench's run trains on."""
    import transformers

    from workbench.core.pretrain.train import Batches, build_model, plan, special_ids

    prep = plan(config)
    transformers.set_seed(config.seed)
    model = build_model(config, len(prep.tokenizer), special_ids(prep.tokenizer))
    batches = Batches(prep.train_ids, prep.window, config.batch_size, prep.tokenizer.bos_token_id, config.seed)
    return prep, model, [batches.batch(step) for step in range(prep.max_steps)]


@contextlib.contextmanager
def _same_threads(prep):
    """The baselines train on as many CPU threads as the workbench's run of the same model (one for a small
    model), so the comparison is of the loops, not of the thread counts."""
    import torch

    before = torch.get_num_threads()
    if prep.threads:
        torch.set_num_threads(prep.threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _plain_loop(config) -> float:
    """The training loop of a PyTorch tutorial, over the same model, batches and threads."""
    import torch

    prep, model, batches = _prepared(config)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=0.01)
    with _same_threads(prep):
        return _tutorial_steps(model, optimizer, batches)


def _tutorial_steps(model, optimizer, batches) -> float:
    import torch

    tokens, seconds = 0, 0.0
    for rows in batches:
        start = time.perf_counter()
        loss = model(input_ids=rows, labels=rows).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        loss.item()
        seconds += time.perf_counter() - start
        tokens += rows.numel()
    return tokens / seconds


def _plain_trainer(config, root: Path) -> float:
    """A plain transformers ``Trainer`` over the same windows."""
    import transformers as tf

    prep, model, batches = _prepared(config)
    rows = [{"input_ids": row, "labels": row} for batch in batches for row in batch]
    args = tf.TrainingArguments(
        output_dir=str(root / "trainer"), max_steps=len(batches), learning_rate=config.learning_rate,
        per_device_train_batch_size=config.batch_size, seed=config.seed, save_strategy="no", report_to="none",
        logging_steps=max(1, len(batches) // 10), disable_tqdm=True, weight_decay=0.01, max_grad_norm=1.0,
        dataloader_pin_memory=False, use_cpu=True)
    trainer = tf.Trainer(model=model, args=args, train_dataset=rows)
    trainer.remove_callback(tf.PrinterCallback)
    with _same_threads(prep):
        metrics = trainer.train().metrics
    return float(metrics["train_samples_per_second"]) * config.context


def _ui_gap(data: Path) -> tuple[float, float]:
    """Heartbeat of the GUI while the From scratch page runs a real (small) training child process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.core.library import Library
    from workbench.core.settings import Settings
    from workbench.ui.app import create_app
    from workbench.ui.context import AppContext
    from workbench.ui.heartbeat import Heartbeat
    from workbench.ui.tabs.finetune import FinetuneTab

    app = create_app()
    ctx = AppContext(settings=Settings(), library=Library())
    tab = FinetuneTab(ctx)
    tab.resize(1200, 800)
    tab.show()
    page = tab.scratch
    tab.pages.setCurrentWidget(page)
    page.open_data(data)
    page.hidden.setValue(64)
    page.context.setValue(64)
    page.batch.setValue(16)
    page.epochs.setValue(1)
    page.sample_every.setValue(5)
    page.check_settings()
    deadline = time.monotonic() + 300
    while page.plan is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    beat = Heartbeat().start()  # the same window idle: what this machine's scheduler alone costs
    idle_until = time.monotonic() + 1.0
    while time.monotonic() < idle_until:
        app.processEvents()
        time.sleep(0.001)
    idle = beat.stop()
    ended = []
    page.run_ended.connect(ended.append)
    page.start_training()
    # The child's start-up (importing torch) is not the GUI's work: measure from its first event.
    while not page.samples.count() and not ended and time.monotonic() < deadline + 300:
        app.processEvents()
        time.sleep(0.002)
    beat.start()
    while not ended and time.monotonic() < deadline + 600:
        app.processEvents()
        time.sleep(0.001)
    gap = beat.stop()
    settle = time.monotonic() + 5  # let the library refresh after the run finish before the pool stops
    while time.monotonic() < settle:
        app.processEvents()
        time.sleep(0.01)
    tab.shutdown()
    ctx.pool.shutdown()
    tab.close()
    return gap, idle


def run(args) -> dict:
    quick = getattr(args, "quick", False)
    steps = 10 if quick else 40
    previous_home = os.environ.get("WORKBENCH_HOME")
    start = time.perf_counter()
    result: dict = {"steps": steps}
    with tempfile.TemporaryDirectory(prefix="workbench-bench-pretrain-") as tmp:
        root = Path(tmp)
        os.environ["WORKBENCH_HOME"] = str(root / "home")  # the user's library stays untouched
        try:
            data = root / "sentences.txt"
            data.write_text(regular_text(800 if quick else 3000), encoding="utf-8")  # quick: a shorter UI run
            for arch, baseline_name, baseline in (("lstm", "plain_pytorch", lambda c: _plain_loop(c)),
                                                  ("transformer", "plain_trainer", lambda c: _plain_trainer(c, root))):
                config = _config(data, arch, steps)
                ours, theirs = [], []
                for i in range(1 if quick else 2):  # alternate, best of each: the machine's load drifts
                    theirs.append(baseline(config))
                    ours.append(_workbench(config, root, f"{arch}-{i}"))
                result[arch] = {"workbench_tokens_s": round(max(ours), 1), f"{baseline_name}_tokens_s":
                                round(max(theirs), 1), "ratio": round(max(ours) / max(theirs), 3)}
            gap, idle = _ui_gap(data)
            result["ui_max_gap_ms"], result["ui_idle_max_gap_ms"] = round(gap, 1), round(idle, 1)
        finally:
            if previous_home is None:
                os.environ.pop("WORKBENCH_HOME", None)
            else:
                os.environ["WORKBENCH_HOME"] = previous_home
    result["tokens_s"] = result["lstm"]["workbench_tokens_s"]
    result["ratio"] = result["lstm"]["ratio"]
    result["transformer_ratio"] = result["transformer"]["ratio"]
    result["total_s"] = round(time.perf_counter() - start, 1)
    return result
