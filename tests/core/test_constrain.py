"""Output formats (llguidance masks in our own loop): the answer always parses or matches, the token
events show what the grammar removed, and bad formats are refused with a clear message before any
model runs. Tiny model for the mechanics; the starter model for schemas end to end (CLI)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core import generation as gen
from workbench.core.constrain import OutputFormat, validate
from workbench.core.jobs import WorkbenchError

ROOT = Path(__file__).resolve().parents[2]

NESTED = {"type": "object", "properties": {
    "name": {"type": "string", "maxLength": 12},
    "size": {"enum": ["small", "medium", "large"]},
    "tags": {"type": "array", "items": {"type": "string", "maxLength": 8}, "maxItems": 3},
    "owner": {"type": "object", "properties": {"age": {"type": "integer", "minimum": 0, "maximum": 120},
                                               "member": {"type": "boolean"}},
              "required": ["age", "member"], "additionalProperties": False}},
    "required": ["name", "size", "tags", "owner"], "additionalProperties": False}
LIST = {"type": "array", "items": {"enum": ["red", "green", "blue"]}, "minItems": 2, "maxItems": 4}
SCALARS = {"type": "object", "properties": {"ok": {"type": "boolean"}, "count": {"type": "integer", "minimum": 1,
                                                                                  "maximum": 9}},
           "required": ["ok", "count"], "additionalProperties": False}


@pytest.fixture
def llama(service, tiny):
    handle = service.load(str(tiny("llama")), kind="causal-lm")
    with service.use(handle):
        yield handle


def _valid(schema: dict, text: str) -> None:
    import jsonschema

    jsonschema.validate(json.loads(text), schema)


@pytest.mark.parametrize("schema, greedy", [(NESTED, True), (LIST, False), (SCALARS, False)],
                         ids=["nested-greedy", "enum-array-sampled", "scalars-sampled"])
def test_answers_follow_the_schema_on_a_random_model(llama, schema, greedy):
    ids = gen.completion_ids(llama.tokenizer, "The quick brown fox")
    settings = gen.SamplingSettings(greedy=greedy, seed=1, max_new_tokens=120, top_probs=5)
    out = gen.generate(llama, ids, settings, output_format=OutputFormat("schema", json.dumps(schema)))
    assert out.finish_reason == "eos", out.text
    _valid(schema, out.text)
    report = out.constraint
    assert report["complete"] and report["steps"] == len(out.ids)
    # a random model rarely wants JSON: the grammar overruled it, and each event shows where: the
    # model's likeliest token (the top alternative before the filters) has no probability after them
    overruled = [t for t in out.tokens if max(t.alternatives, key=lambda a: a.prob).prob_after == 0]
    assert 0 < len(overruled) == report["changed_top_choice"] <= report["steps"]
    assert all(t.prob_after > 0 for t in out.tokens)


def test_regex_choice_and_json_object(llama):
    ids = gen.completion_ids(llama.tokenizer, "Hello world")
    settings = gen.SamplingSettings(greedy=True, max_new_tokens=40, top_probs=3)
    out = gen.generate(llama, ids, settings, output_format=OutputFormat("regex", r"[0-9]{3}-[a-z]{2,4}"))
    assert re.fullmatch(r"[0-9]{3}-[a-z]{2,4}", out.text), out.text
    out = gen.generate(llama, ids, gen.SamplingSettings(seed=4, max_new_tokens=20),
                       output_format=OutputFormat("choice", ("yes", "no", "maybe later")))
    assert out.text in ("yes", "no", "maybe later")
    out = gen.generate(llama, ids, gen.SamplingSettings(seed=2, max_new_tokens=200),
                       output_format=OutputFormat("json"))
    assert isinstance(json.loads(out.text), dict), out.text
    assert out.to_json()["constraint"]["changed_top_choice"] == out.constraint["changed_top_choice"]


def test_format_and_speculation_together(llama):
    from workbench.core.speculative import Speculation

    ids = gen.completion_ids(llama.tokenizer, '{"a": 1, "b": 2} {"a": 1, "b"')
    settings = gen.SamplingSettings(greedy=True, max_new_tokens=60)
    fmt = OutputFormat("schema", json.dumps(SCALARS))
    plain = gen.generate(llama, ids, settings, output_format=fmt)
    fast = gen.generate(llama, ids, settings, output_format=fmt, speculation=Speculation("prompt_lookup", 5))
    assert fast.ids == plain.ids
    _valid(SCALARS, fast.text)


@pytest.mark.parametrize("fmt, message", [
    (OutputFormat("schema", '{"type": "object",\n "properties": {'), r"not valid JSON: .*line 2"),
    (OutputFormat("schema", "[1, 2]"), "must be a JSON object"),
    (OutputFormat("schema", '{"type": "objekt"}'), "JSON schema is not valid: .*objekt"),
    (OutputFormat("schema", ""), "schema is empty"),
    (OutputFormat("regex", "[0-9"), "Regular expression is not valid"),
    (OutputFormat("regex", ""), "regular expression is empty"),
    (OutputFormat("choice", ("", " ")), "choice list is empty"),
    (OutputFormat("yaml", "x"), "Unknown output format"),
])
def test_bad_formats_are_refused_before_generation(llama, fmt, message):
    with pytest.raises(WorkbenchError, match=message):
        validate(fmt)
    events = []
    with pytest.raises(WorkbenchError, match=message):
        gen.generate(llama, [1, 2, 3], gen.SamplingSettings(greedy=True), progress=events.append, output_format=fmt)
    assert events == []


def test_llamacpp_refuses_formats_and_speculation_clearly():
    from workbench.core.engines.llamacpp import refuse_unsupported
    from workbench.core.speculative import Speculation

    with pytest.raises(WorkbenchError, match="Output formats are not available on the llama.cpp engine"):
        refuse_unsupported(None, OutputFormat("json"))
    with pytest.raises(WorkbenchError, match="Speculative decoding is not available on the llama.cpp engine"):
        refuse_unsupported(Speculation("prompt_lookup", 4), None)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", "generate", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_cli_schemas_on_the_starter_model(smollm2, tmp_path):
    """The starter model answers in each schema (nested objects, enums, arrays); the JSON says how often
    the grammar changed its top choice."""
    for name, schema in (("nested", NESTED), ("list", LIST)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(schema), encoding="utf-8")
        out = _cli("-m", str(smollm2), "--chat", "-p", "Describe a cat as JSON.", "--json-schema", str(path),
                   "--greedy", "--max-new-tokens", "120", "--top-k-probs", "3", "--json")
        assert out.returncode == 0, out.stderr
        doc = json.loads(out.stdout)
        _valid(schema, doc["text"])
        assert doc["constraint"]["format"] == "schema" and doc["constraint"]["complete"] is True
        assert 0 <= doc["constraint"]["changed_top_choice"] <= doc["constraint"]["steps"]
    out = _cli("-m", str(smollm2), "--chat", "-p", "Is the sky blue?", "--choice", "yes,no", "--greedy",
               "--prompt-lookup", "8")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() in ("yes", "no")
    assert "grammar changed the model's top choice" in out.stderr and "speculative:" in out.stderr


@pytest.mark.parametrize("flags, message", [
    (["--regex", "(["], "Regular expression is not valid"),
    (["--json-schema", "/nonexistent/schema.json"], "cannot read the file"),
    (["--choice", ","], "choice list is empty"),
    (["--prompt-lookup", "0"], "--prompt-lookup: Tokens proposed at once"),
    (["--prompt-lookup", "4", "--engine", "llamacpp"], "not available on the llama.cpp engine"),
])
def test_cli_bad_format_flags(flags, message):
    out = _cli("-m", "no-such-model", "-p", "Hi", *flags)
    assert out.returncode != 0
    assert message in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.startswith("error")
