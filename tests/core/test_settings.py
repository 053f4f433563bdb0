import json

from workbench.core import settings as s


def test_round_trip_and_atomic_write(tmp_path):
    path = tmp_path / "settings.json"
    cfg = s.Settings(device="cpu", last_model="gpt2-tiny")
    s.save(cfg, path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".settings-")]  # no temp file left
    loaded = s.load(path)
    assert loaded.problem == ""
    assert loaded.settings.device == "cpu" and loaded.settings.last_model == "gpt2-tiny"


def test_corrupt_file_is_backed_up_and_replaced_by_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    outcome = s.load(path)
    assert outcome.settings == s.Settings()
    assert "could not be read" in outcome.problem and str(path) in outcome.problem
    backups = list(tmp_path.glob("settings.corrupt-*.json"))
    assert len(backups) == 1 and backups[0].read_text() == "{not json"


def test_wrong_shape_is_treated_as_corrupt(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert "JSON object" in s.load(path).problem


def test_migrates_version_1(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "accelerator": "cuda", "unknown_key": 3}), encoding="utf-8")
    outcome = s.load(path)
    assert outcome.problem == ""
    assert outcome.settings.device == "cuda"
    assert outcome.settings.version == s.SETTINGS_VERSION
