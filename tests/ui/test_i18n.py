"""The Chinese interface: the .ts file is complete, and every tab shows Chinese in zh_CN.

The .ts is compiled to .qm here (pyside6-lrelease into a temp folder), so the tests do not depend on make.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.core import i18n as core_i18n
from workbench.ui import i18n
from workbench.ui.qt import QtCore, QtWidgets

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "workbench" / "resources" / "i18n" / "workbench_zh_CN.ts"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?::[^}]*)?\}|%n|%\d")

# Terms that stay in English in the Chinese interface, and other text that is not a sentence to translate.
KEPT = [
    "Top-k", "Top-p", "Min-p", "Typical-p", "LoRA", "GGUF", "CUDA", "MPS", "CPU", "GPU", "bfloat16", "float16",
    "float32", "int8", "JSONL", "JSON", "CSV", "TSV", "PNG", "SVG", "NPZ", "numpy", "BOS", "EOS", "URL", "Hugging Face",
    "Hub", "HF", "HF_HUB_OFFLINE", "Access Tokens", "Apple", "NLI", "NER", "dropout", "transformers", "Safetensors",
    "safetensors", "dtype", "n-gram", "ID", "Abnar & Zuidema", "Ctrl", "Return", "Enter", "Esc", "PageUp",
    "PageDown", "Alt", "Shift", "Left", "Right", "User:", "smollm", "bert", "gpt2", "HuggingFaceTB/SmolLM2-135M-Instruct",
    "pickle", "Python", "alpha", "[MASK]", "[CLS]", "Abnar", "Zuidema",
    "The cat sat on the mat because it was tired.",
    # model architectures and method names, written in English in Chinese technical text
    "LSTM", "GRU", "Transformer", "GPT-2", "BPE", "CLS", "PCA", "t-SNE", "Logit", "UTF-8",
    "llama.cpp",  # the engine's name, like transformers
    "Kneser-Ney", "add-k", "jieba",  # n-gram smoothing methods and the Chinese word segmenter, by their names
    "vLLM", "Ollama", "LM Studio",  # inference servers (and LM Studio's app), named as their makers write them
    # word-vector methods and the libraries that implement them
    "Word2Vec", "word2vec", "GloVe", "CBOW", "skip-gram", "gensim",
    # formulas: exp(mean −log p)
    "exp", "log",
    # formulas: softmax(z/T), cos(token, position), LayerNorm(x): the tutorials' own notation
    "softmax", "cos", "LayerNorm", "max", "outputs.logits", "logits", "logit", "top-k", "top-p", "min-p", "BERT", "[SEP]",
    "PyTorch",  # Attention → Computed: Copy as code
    # English example words the embeddings tab works with (inputs to the model, like the sentence above)
    "king", "bank",
    # peft's keyword for LoRA targets, a value the user can type
    "all-linear",
    # language names are what the model is asked to translate into (editable values, like model names)
    "English", "French", "German", "Spanish", "Italian", "Portuguese", "Chinese", "Japanese", "Russian",
    # metric names, and the English prompts lessons give the (English) starter model
    "BLEU", "ROUGE", "Distinct", "distinct", "SQuAD", "BERT", "top-p", "top-k", "softmax", "The capital of France is",
]


def _ts_messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name"), m.findtext("source"), m) for ctx in root.iter("context") for m in ctx.iter("message")]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


@pytest.fixture(scope="session")
def compiled_zh(tmp_path_factory) -> Path:
    """workbench_zh_CN.qm compiled from the .ts into a temp folder."""
    folder = tmp_path_factory.mktemp("i18n")
    qm = folder / "workbench_zh_CN.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    return folder


@pytest.fixture
def chinese(qapp, compiled_zh, monkeypatch):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", compiled_zh)
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.install(qapp, "en")


# ---- the .ts file ------------------------------------------------------------------------------
def test_ts_is_complete_and_current(tmp_path):
    messages = _ts_messages(TS)
    assert len(messages) > 500
    unfinished = [s for _, s, m in messages if m.find("translation").get("type") in ("unfinished", "obsolete",
                                                                                     "vanished")]
    assert not unfinished, f"untranslated or stale entries: {unfinished[:10]}"
    empty = [s for _, s, m in messages if not (m.findtext("translation") or "").strip()
             and not m.findall("translation/numerusform")]
    assert not empty, f"empty translations: {empty[:10]}"
    # Extract the source again: nothing new may appear (new UI text must be translated in the same change).
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    subprocess.run([_tool("pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "none", "workbench",
                    "-ts", str(copy)], check=True, capture_output=True, cwd=ROOT)
    before = {(c, s) for c, s, _ in messages}
    after = {(c, s) for c, s, _ in _ts_messages(copy)}
    assert after - before == set(), f"source text missing from the .ts (run lupdate, translate): {sorted(after - before)[:10]}"
    assert before - after == set(), f"entries no longer in the source: {sorted(before - after)[:10]}"


def test_translations_keep_every_placeholder():
    wrong = []
    for context, source, message in _ts_messages(TS):
        forms = [f.text or "" for f in message.findall("translation/numerusform")] or [message.findtext("translation")]
        for text in forms:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text or "")):
                wrong.append((context, source, text))
    assert not wrong, f"placeholders differ: {wrong[:5]}"


def test_language_choice_follows_setting_and_command_line():
    assert i18n.choose_language("en", "zh_CN") == "en"
    assert i18n.choose_language(None, "zh_CN") == "zh_CN"
    assert i18n.choose_language("zh-CN.UTF-8", "") == "zh_CN"
    assert i18n.choose_language(None, "") in core_i18n.LANGUAGES


# ---- the interface in Chinese ---------------------------------------------------------------------
def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    return html.unescape(text).replace("&", "")


def _english_left(text: str, allowed: list[str]) -> str:
    """The English words left in ``text`` after removing kept terms, names, paths and shortcuts."""
    text = _plain(text)
    for term in sorted(allowed, key=len, reverse=True):
        text = text.replace(term, " ")
    text = re.sub(r"(?:[A-Za-z]:)?[\w.~-]*[/\\][\w./\\~-]*", " ", text)  # paths, ids like org/name
    text = re.sub(r"\b[\w-]+\.(?:json|gguf|safetensors|bin|csv|tsv|txt|jsonl|npz|png|svg)\b", " ", text)
    text = re.sub(r"\*?\.\w+", " ", text)  # .npz, *.csv
    text = re.sub(r"--[\w-]+|\b\w+_\w+\b", " ", text)  # command-line options, identifiers like min_p
    text = re.sub(r"\b[A-Za-z]?\d[\w.]*\b", " ", text)  # numbers, L0/H1
    words = re.findall(r"[A-Za-z]{3,}", text)
    return " ".join(words)


def _visible_texts(root: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(where, text) of every string a user can see or hover in ``root``."""
    found: list[tuple[str, str]] = []

    def add(where, text):
        if text:
            found.append((where, text))

    widgets = [root] + root.findChildren(QtWidgets.QWidget)
    for w in widgets:
        name = f"{type(w).__name__}"
        add(name + ".toolTip", w.toolTip())
        if isinstance(w, QtWidgets.QLabel):
            add(name, w.text())
        if isinstance(w, QtWidgets.QAbstractButton):
            add(name, w.text())
        if isinstance(w, QtWidgets.QGroupBox):
            add(name, w.title())
        if isinstance(w, (QtWidgets.QLineEdit, QtWidgets.QPlainTextEdit, QtWidgets.QTextEdit)):
            add(name + ".placeholder", w.placeholderText())
        if isinstance(w, QtWidgets.QComboBox):
            for i in range(w.count()):
                add(name + ".item", w.itemText(i))
        if isinstance(w, QtWidgets.QAbstractSpinBox) and hasattr(w, "prefix"):
            add(name + ".prefix", w.prefix())
            add(name + ".suffix", w.suffix())
            add(name + ".special", w.specialValueText())
        if isinstance(w, QtWidgets.QTabWidget):
            for i in range(w.count()):
                add(name + ".tab", w.tabText(i))
                add(name + ".tabToolTip", w.tabToolTip(i))
        if isinstance(w, QtWidgets.QTableView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                for role in (QtCore.Qt.DisplayRole, QtCore.Qt.ToolTipRole):
                    add(name + ".header", model.headerData(col, QtCore.Qt.Horizontal, role))
        if isinstance(w, QtWidgets.QListWidget):
            for i in range(w.count()):
                add(name + ".item", w.item(i).text())
                add(name + ".itemToolTip", w.item(i).toolTip())
        for action in w.actions():
            add(name + ".action", action.text())
            add(name + ".actionToolTip", action.toolTip() if action.toolTip() != action.text().replace("&", "")
                else "")
            if action.menu():
                for sub in action.menu().actions():
                    add("menu.action", sub.text())
    return [(where, text) for where, text in found if isinstance(text, str)]


def _untranslated(root, allowed) -> list[str]:
    return sorted({f"{where}: {text!r} ({left})" for where, text in _visible_texts(root)
                   if (left := _english_left(text, allowed))})


def test_every_tab_shows_chinese(qtbot, chinese, ctx):
    from workbench.ui.main_window import MainWindow
    from workbench.ui.preferences import PreferencesDialog

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert len(window.tabs) == window.tab_widget.count()  # tabs are built lazily: build every one to walk it
    from workbench.core.hub import HUB_TASKS

    allowed = KEPT + [e.name for e in ctx.entries] + list(HUB_TASKS)  # hub task ids are the hub's own filter values
    problems = _untranslated(window, allowed)
    tasks = window.tab("Tasks")
    for row in range(tasks.task_list.count()):  # each task builds its own form
        tasks.task_list.setCurrentRow(row)
        problems += _untranslated(tasks, allowed)
    finetune = window.tab("Fine-tune")
    assert finetune.scratch is not None  # a page built when first shown: build it to walk it
    for index in range(finetune.data.task.count()):  # each fine-tune task has its own column roles
        finetune.data.task.setCurrentIndex(index)
        problems += _untranslated(finetune, allowed)
    dialog = PreferencesDialog(ctx, window)
    qtbot.addWidget(dialog)
    problems += _untranslated(dialog, allowed)
    assert not sorted(set(problems)), "English left in the zh_CN interface:\n" + "\n".join(sorted(set(problems)))
    window.close()


def test_tab_titles_and_menus_are_chinese(qtbot, chinese, ctx):
    from workbench.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    shown = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert shown[:5] == ["模型", "生成", "注意力", "微调", "任务"]
    assert [t.display_title for t in window.tabs] == shown  # what `workbench --smoke` reports
    assert window.tab("Generate") is window.tabs[1]  # code still finds tabs by their English name
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    window.close()


def test_core_messages_and_dialog_buttons_follow_the_language(qtbot, chinese):
    from workbench.core.tasks import TASKS

    assert core_i18n.translate("core", TASKS["sentiment"].title) == "情感分析"
    assert core_i18n.translate("core", "Choose one of: {names}.").format(names="a, b") == "请从以下选项中选择：a, b。"
    from workbench.core.units import human_seconds

    assert [human_seconds(s) for s in (4.2, 185, 3725)] == ["4.2 秒", "3 分 05 秒", "1 小时 02 分"]
    box = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert any("取消" in t for t in texts), texts  # Qt's own translation is installed too


def test_a_stopped_job_says_so_in_chinese(qtbot, chinese):
    """The job slot's own status line (every tab that runs through it shows it) is translated too."""
    import time

    from workbench.ui.workers import JobSlot, WorkerPool

    label = QtWidgets.QLabel()
    slot = JobSlot(WorkerPool(), status=label.setText)

    def waits(cancel):
        while True:
            cancel.raise_if_cancelled()
            time.sleep(0.005)

    job = slot.submit(waits)
    slot.stop()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert label.text() == "已停止。"


def test_a_failed_training_child_is_summed_up_by_its_chinese_error_line(chinese):
    """The child prints its error in the app's language; the banner's hint is that line, not the last one."""
    from workbench.ui.tabs.finetune.training_run import last_error_line

    stderr = "loading…\n错误：数据文件为空。\n建议：请检查文件。\nexiting\n"
    assert last_error_line(stderr) == "建议：请检查文件。"


def test_english_is_unchanged_without_a_translation(qtbot, ctx, qapp):
    from workbench.ui.main_window import MainWindow

    assert i18n.install(qapp, "en") == "en"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.tab_widget.tabText(1) == "Generate"
    assert core_i18n.translate("core", "Sentiment") == "Sentiment"
    window.close()


def test_preferences_language_choice_is_saved_and_applies_on_restart(qtbot, ctx):
    from workbench.core import settings as settings_mod
    from workbench.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == ["", "en", "zh_CN"]
    assert dialog.language.itemText(2) == "简体中文"
    dialog.show()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.restart_note.isVisible()  # the running interface is English: say it applies on restart
    dialog.accept()
    assert settings_mod.load().settings.language == "zh_CN"
    assert i18n.choose_language(None, settings_mod.load().settings.language) == "zh_CN"
    again = PreferencesDialog(ctx)
    qtbot.addWidget(again)
    assert again.language.currentData() == "zh_CN"
