"""`workbench --lang zh_CN ...`: help texts, argparse's own messages and usage errors read in Chinese.

The .ts is compiled into a temp folder (WORKBENCH_TRANSLATIONS), so these tests do not depend on make.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import ROOT, run_cli

from workbench.cli import build_parser, language_before_parsing, width, wrap_columns

TS = ROOT / "workbench" / "resources" / "i18n" / "workbench_zh_CN.ts"
# argparse's boilerplate, which must not be left in English
ENGLISH = ["usage:", "error:", "the following arguments are required", "show this help message", "positional arguments",
           "options:", "invalid choice", "expected one argument", "unrecognized arguments"]


@pytest.fixture(scope="module")
def zh_env(tmp_path_factory) -> dict:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lrelease")
    if not lrelease:
        pytest.skip("pyside6-lrelease is not installed")
    folder = tmp_path_factory.mktemp("qm")
    subprocess.run([lrelease, str(TS), "-qm", str(folder / "workbench_zh_CN.qm")], check=True, capture_output=True)
    return {"WORKBENCH_TRANSLATIONS": str(folder), "COLUMNS": "80"}


def _chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _english_boilerplate(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def test_help_and_a_usage_error_are_chinese(zh_env):
    helped = run_cli("--lang", "zh_CN", "generate", "--help", env=zh_env, check=True)
    assert helped.stdout.startswith("用法：workbench generate")
    assert "显示此帮助信息并退出" in helped.stdout and "选项" in helped.stdout
    assert "生成文本并实时输出到终端" in helped.stdout  # the description
    assert "提示（续写模式）或用户消息（--chat）" in helped.stdout  # -p's help
    assert not _english_boilerplate(helped.stdout), helped.stdout

    missing = run_cli("--lang", "zh_CN", "generate", "-p", "hi", env=zh_env)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("用法：workbench generate")
    assert "workbench generate：错误：缺少以下必需参数：-m/--model" in missing.stderr
    assert not _english_boilerplate(missing.stderr), missing.stderr

    wrong = run_cli("--lang=zh_CN", "generate", "-m", "x", "-p", "hi", "--top-k", "many", env=zh_env)
    assert wrong.returncode == 2 and "参数 --top-k：无效的 int 值：'many'" in wrong.stderr


def test_every_command_has_chinese_help(zh_env):
    commands = [[name] for name in build_parser()._subparsers._group_actions[0].choices]
    commands += [["models", "list"], ["models", "import"], ["models", "remove"], ["explain", "inputs"], []]
    for command in commands:
        out = run_cli("--lang", "zh_CN", *command, "--help", env=zh_env)
        assert out.returncode == 0, (command, out.stderr)  # a stray % in a translation breaks argparse's help
        assert out.stdout.startswith("用法：") and _chinese(out.stdout), command
        assert not _english_boilerplate(out.stdout), (command, out.stdout)
        for line in out.stdout.splitlines():  # Chinese help is wrapped by terminal columns (two per character)
            assert width(line) <= 80, (command, line)


def test_english_stays_the_default(zh_env):
    out = run_cli("generate", env=zh_env)
    assert out.returncode == 2 and "the following arguments are required: -m/--model, -p/--prompt" in out.stderr
    assert not _chinese(run_cli("generate", "--help", env=zh_env, check=True).stdout)
    # --lang is a global option: after the command it is not one, and says so in English
    late = run_cli("generate", "--lang", "zh_CN", env=zh_env)
    assert late.returncode == 2 and late.stderr.startswith("usage:") and not _chinese(late.stderr)


def test_the_language_is_read_before_the_parser_is_built(monkeypatch):
    monkeypatch.delenv("WORKBENCH_LANG", raising=False)
    assert language_before_parsing(["--lang", "zh_CN", "generate", "--help"]) == "zh_CN"
    assert language_before_parsing(["--debug", "--lang=zh_CN", "models", "list"]) == "zh_CN"
    assert language_before_parsing(["--la", "zh_CN"]) == "zh_CN"  # argparse accepts abbreviations
    assert language_before_parsing(["--smoke-model", "--lang", "--smoke"]) == "en"  # a value, not the option
    assert language_before_parsing(["task", "translate", "--lang", "zh_CN"]) == "en"  # the command's arguments
    assert language_before_parsing(["--lang", "fr"]) == "en"  # argparse reports the bad choice
    monkeypatch.setenv("WORKBENCH_LANG", "zh_CN")  # how the app's fine-tune child is started
    assert language_before_parsing(["finetune", "--events", "-"]) == "zh_CN"
    assert language_before_parsing(["--lang", "en", "finetune"]) == "en"


def test_chinese_lines_wrap_by_columns_and_not_before_punctuation():
    text = "采样有多大胆。小于 1 会让分布更集中于最可能的词元；大于 1 会让分布更平坦，不太可能的词元被选中的机会更多。 范围 0.01..5；默认 0.7。"
    lines = wrap_columns(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(line) <= 32 for line in lines)  # closing punctuation may hang one character over
    assert not any(line[0] in "，。；：）" for line in lines)
    assert "更多。范围" in "".join(lines)  # no space after a full stop
    assert wrap_columns("--no-merge-lora 只在运行文件夹中保留适配器", 12)[0] == "--no-merge-lora"  # never split an option
