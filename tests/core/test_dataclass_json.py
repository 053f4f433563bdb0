"""The one JSON round-trip of the configs: every field out and back, unknown keys ignored, missing ones defaulted."""

from __future__ import annotations

import json

from workbench.core.finetune.train import TrainConfig
from workbench.core.pretrain.train import PretrainConfig


def test_configs_round_trip_through_json_text():
    for config in (TrainConfig(data="d.csv", task="classification", model="m", columns={"text": "t"}, lr=3e-4,
                               lora=True, lora_targets=["q", "v"]),
                   PretrainConfig(data="t.txt", arch="gru", layers=3, max_minutes=1.5, name="mine")):
        back = type(config).from_json(json.loads(json.dumps(config.to_json())))
        assert back == config and back is not config


def test_a_file_from_another_version_still_loads():
    saved = {**PretrainConfig(data="t.txt", layers=5).to_json(), "added_later": 1}
    del saved["heads"]
    back = PretrainConfig.from_json(saved)
    assert back.layers == 5 and back.heads == PretrainConfig.heads and not hasattr(back, "added_later")
