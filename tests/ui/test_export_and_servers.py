"""The Export… dialog (Models tab, finished fine-tune runs) and the Add a server… dialog: real jobs through a
JobSlot, a window that stays responsive, errors said in the dialog, remote models in the picker marked remote."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.testing.openai_server import FakeOpenAIServer
from workbench.ui.heartbeat import Heartbeat

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def no_system_keyring(monkeypatch):
    monkeypatch.setenv("WORKBENCH_NO_KEYRING", "1")


def test_export_dialog_writes_the_file_and_adds_it_to_the_library(qtbot, ctx, tiny, tmp_path):
    from workbench.ui.export_dialog import ExportDialog

    dialog = ExportDialog(ctx, str(tiny("llama")))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind() == "f16" and dialog.path.text().endswith("llama-f16.gguf")
    dialog.type_box.setCurrentIndex(dialog.type_box.findData("bf16"))
    assert dialog.path.text().endswith("llama-bf16.gguf")  # the suggested name follows the type
    out = tmp_path / "out" / "tiny.gguf"
    dialog.path.setText(str(out))
    beat = Heartbeat().start()
    qtbot.mouseClick(dialog.export_button, qtbot_button())
    assert not dialog.export_button.isEnabled() and dialog.stop_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120000)
    assert beat.stop() < 1000
    assert out.is_file() and str(out) in dialog.status.text() and "llama.cpp" in dialog.status.text()
    qtbot.waitUntil(lambda: ctx.entry("tiny") is not None, timeout=30000)
    assert ctx.entry("tiny").weight_format == "gguf"


def test_export_dialog_says_why_a_model_cannot_be_exported(qtbot, ctx, tiny, tmp_path):
    from workbench.ui.export_dialog import ExportDialog

    dialog = ExportDialog(ctx, str(tiny("bert-mlm")))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "bert.gguf"))
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.slot.running, timeout=60000)
    assert "not supported" in dialog.status.text() and "convert_hf_to_gguf" in dialog.status.text()
    assert not (tmp_path / "bert.gguf").exists()


def test_add_a_server_lists_its_models_as_remote_and_remove_forgets_it(qtbot, ctx):
    from workbench.ui.server_dialog import ServerDialog

    with FakeOpenAIServer(api_key="k", models=("big-model",)) as server:
        dialog = ServerDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.url.setText("not a url")
        dialog.add()
        qtbot.waitUntil(lambda: not dialog.slot.running, timeout=10000)
        assert "not a server address" in dialog.status.text()
        dialog.url.setText(server.url)
        dialog.key.setText("wrong")
        dialog.add()
        qtbot.waitUntil(lambda: not dialog.slot.running, timeout=10000)
        assert "API key" in dialog.status.text() and dialog.servers.count() == 0
        dialog.key.setText("k")
        dialog.add()
        qtbot.waitUntil(lambda: not dialog.slot.running, timeout=10000)
        assert "big-model" in dialog.status.text() and dialog.servers.count() == 1 and dialog.key.text() == ""
        ref = f"big-model @ {server.url}"
        qtbot.waitUntil(lambda: ctx.entry(ref) is not None, timeout=30000)
        assert ctx.entry(ref).source == "remote" and ctx.entry(ref).kinds == ["causal-lm"]
        dialog.servers.setCurrentRow(0)
        dialog.remove_selected()
        assert dialog.servers.count() == 0
        qtbot.waitUntil(lambda: ctx.entry(ref) is None, timeout=30000)


def test_a_remote_model_generates_through_the_request_and_refuses_weight_views(ctx):
    from workbench.core.generation import GenerationRequest, SamplingSettings, run_request
    from workbench.core.jobs import WorkbenchError

    with FakeOpenAIServer() as server:
        ref = f"tiny-remote @ {server.url}"
        result = run_request(ctx.service, GenerationRequest(model=ref, settings=SamplingSettings(
            greedy=True, max_new_tokens=4, top_probs=2), prompt="Hi"))
        assert result.text == " The sky is blue"
        with pytest.raises(WorkbenchError, match="weights are not on this computer") as info:
            ctx.service.load(ref)
        assert server.url in info.value.message and "local model" in info.value.hint
        with pytest.raises(WorkbenchError, match="branch"):
            run_request(ctx.service, GenerationRequest(model=ref, settings=SamplingSettings(), prompt="Hi",
                                                       prefix_ids=[-1]))


def qtbot_button():
    from workbench.ui.qt import Qt

    return Qt.LeftButton


def test_generate_tab_streams_a_remote_model_and_branches_from_a_picked_alternative(qtbot, generate_tab_on):
    from workbench.core.generation import SamplingSettings
    from workbench.testing.openai_server import ANSWER

    with FakeOpenAIServer() as server:
        tab = generate_tab_on(f"tiny-remote @ {server.url}")
        tab.mode.setCurrentIndex(0)
        tab.prompt.setPlainText("Hi")
        tab.controls.set_settings(SamplingSettings(greedy=True, max_new_tokens=6, top_probs=3))
        tab.generate_button.click()
        qtbot.waitUntil(lambda: tab.job is None and tab.branches and tab.branches[0].result is not None,
                        timeout=30000)
        first = tab.branches[0]
        assert [t.text for t in first.tokens] == ANSWER and tab.output.toPlainText() == "".join(ANSWER)
        assert tab.token_model.rowCount() == 6
        tab.token_table.selectRow(2)
        assert tab.alt_table.rowCount() == 3
        tab.alt_table.selectRow(1)  # " maybe" instead of " is"
        tab.continue_button.click()
        qtbot.waitUntil(lambda: tab.job is None and len(tab.branches) == 2 and tab.branches[1].result is not None,
                        timeout=30000)
        assert server.requests[-1]["body"]["prompt"] == "Hi The sky maybe"  # continued from the text
        branch = tab.branches[1]
        assert [t.text for t in branch.tokens[:3]] == [" The", " sky", " maybe"]
        assert tab.output.toPlainText().startswith(" The sky maybe The sky")
