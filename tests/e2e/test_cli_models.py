
import pytest

from cli_support import run_cli, run_json


def test_version_and_help():
    out = run_cli("--version", check=True)
    assert out.stdout.startswith("workbench ")
    assert "models" in run_cli("--help", check=True).stdout


def test_models_list_json_has_the_contract_keys(starter_store):
    entries = run_json("models", "list", "--json", env={"WORKBENCH_STORE": str(starter_store)})
    names = {e["name"]: e for e in entries}
    assert {"smollm2-135m-instruct", "all-minilm-l6-v2"} <= set(names)
    for e in entries:
        assert {"name", "source", "path", "kinds", "size_bytes", "parameters"} <= set(e)
    assert names["all-minilm-l6-v2"]["kinds"] == ["encoder"]
    assert names["smollm2-135m-instruct"]["kinds"] == ["causal-lm"]
    assert names["smollm2-135m-instruct"]["parameters"] > 100_000_000


def test_import_list_remove_round_trip(tiny):
    out = run_cli("models", "import", str(tiny("gpt2")), "--name", "cli-gpt2", check=True)
    assert out.stdout.strip().endswith("cli-gpt2")
    names = [e["name"] for e in run_json("models", "list", "--json")]
    assert "cli-gpt2" in names
    assert "Removed cli-gpt2" in run_cli("models", "remove", "cli-gpt2", check=True).stdout
    assert "cli-gpt2" not in [e["name"] for e in run_json("models", "list", "--json")]


@pytest.mark.parametrize("args, message", [
    (("models", "import", "/no/such/folder"), "does not exist"),
    (("models", "remove", "nothing-here"), "No model called 'nothing-here'"),
])
def test_errors_are_one_line_without_traceback(args, message):
    out = run_cli(*args)
    assert out.returncode == 1
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("error: ")


def test_debug_shows_the_traceback():
    out = run_cli("--debug", "models", "remove", "nothing-here")
    assert out.returncode != 0 and "Traceback" in out.stderr


def test_unknown_command_is_a_usage_error():
    out = run_cli("frobnicate")
    assert out.returncode == 2 and "invalid choice" in out.stderr
