"""The Fine-tune tab explains a run: automatic settings with reasons, base vs fine-tuned side by side, the run's
record on the Runs page, and "Run again" repeating it exactly."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from finetune_support import classification_csv

from workbench.core.finetune import record, runs
from workbench.core.finetune.train import TrainConfig, run_training
from workbench.ui.tabs.finetune.results import BeforeAfterView, plan_html


@pytest.fixture
def tab(finetune_tab):
    return finetune_tab


COMPARISON = {"base_eval_loss": 2.5, "eval_loss": 0.4, "improved": True, "rows": [
    {"row": 5, "input": "Tell me about rain.", "expected": "Ahoy matey! Rain be fine.", "base": "Rain is water.",
     "tuned": "Ahoy matey! Rain be fine."},
    {"row": 9, "input": "Tell me about owls.", "expected": "Ahoy matey! Owls be fine.", "base": "Same.",
     "tuned": "Same."}]}


def test_before_after_view_shows_losses_and_answers_side_by_side(qtbot):
    view = BeforeAfterView()
    qtbot.addWidget(view)
    view.show_comparison(COMPARISON)
    assert view.rowCount() == 2 and view.item(0, 2).text() == "Rain is water."
    assert view.item(0, 3).text() == "Ahoy matey! Rain be fine." and view.item(0, 3).font().bold()
    assert not view.item(1, 3).font().bold()
    assert "2.500 → fine-tuned 0.400" in view.verdict.text() and "1 of 2 held-out answers changed" in view.verdict.text()
    view.show_comparison({**COMPARISON, "eval_loss": 2.6, "improved": False})
    assert "did not improve" in view.verdict.text()


def test_plan_lists_every_choice_with_its_reason_and_warns_first():
    text = plan_html({"choices": [{"setting": "epochs", "value": 12.0, "reason": "only 36 rows", "chosen": True}],
                      "warnings": ["15 optimizer steps: expect little change in the model."]})
    assert text.index("expect little change") < text.index("<b>Epochs</b> 12: only 36 rows")


def test_automatic_fields_are_left_to_the_run(qtbot, tab, tmp_path):
    tab.open_data(classification_csv(tmp_path, 20), task="classification")
    qtbot.waitUntil(lambda: tab.report is not None, timeout=30000)
    tab.train.lora.setChecked(True)
    args = tab.training_args()
    assert not {"--epochs", "--lr", "--warmup", "--lora-r", "--lora-alpha", "--deterministic"} & set(args)
    tab.train.epochs.setValue(2)
    tab.train.lr.setText("1e-4")
    tab.train.deterministic.setChecked(True)
    args = tab.training_args()
    assert args[args.index("--epochs") + 1] == "2.0" and args[args.index("--lr") + 1] == "1e-4"
    assert "--deterministic" in args


def test_runs_page_shows_the_record_and_run_again_repeats_the_run(qtbot, tab, tiny, tmp_path):
    config = TrainConfig(model=str(tiny("bert-classifier")), data=str(classification_csv(tmp_path, 20)),
                         task="classification", columns={"text": "text", "label": "label"}, max_steps=2,
                         batch_size=4, eval_split=0.2, seed=5, name="first")
    first = run_training(config, runs.new_run_dir("first"))
    tab.refresh_runs()
    tab.runs.runs_table.selectRow(0)
    assert "Seed 5" in tab.runs.run_detail.text() and "transformers" in tab.runs.run_detail.text()
    assert "Validation loss: base model" in tab.runs.run_detail.text()
    assert tab.runs.comparison.rowCount() == len(first["comparison"]) > 0
    assert tab.runs.run_again_button.isEnabled()
    with qtbot.waitSignal(tab.run_ended, timeout=240000) as ended:
        tab.runs.run_again_button.click()
    assert ended.args == ["finished"]
    again = runs.summarize(tab.run_dir)
    assert again.record["settings"] == runs.read_json(Path(first["run_dir"]) / "config.json")
    assert record.file_sha256(Path(again.model_path) / "model.safetensors") == \
        record.file_sha256(Path(first["model_path"]) / "model.safetensors")
    assert tab.train.before_after.isVisible() and tab.train.before_after.rowCount() == len(first["comparison"])
    qtbot.waitUntil(lambda: not any(t.name.startswith("job-") for t in threading.enumerate()), timeout=120000)
