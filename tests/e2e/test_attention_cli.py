"""`workbench attention` end to end on tiny models: files by extension, errors on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", "attention", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_npz_with_rollout_and_png(tiny, tmp_path):
    model = str(tiny("gpt2"))
    out = tmp_path / "fox.npz"
    done = run("-m", model, "-t", "The quick brown fox", "--aggregate", "rollout", "--out", str(out))
    assert done.returncode == 0, done.stderr
    data = np.load(out)
    layers, heads, queries, keys = data["attentions"].shape
    assert (layers, heads) == (2, 4) and queries == keys == len(data["tokens"])
    assert data["rollout"].shape == (queries, keys)
    assert "fox" in list(data["words"]) and "ox" in list(data["tokens"])
    png = tmp_path / "fox.png"
    done = run("-m", model, "-t", "The quick brown fox", "--layer", "1", "--head", "3", "--out", str(png))
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_encoder_decoder_cross_attention_csv_and_svg(tiny, tmp_path):
    model = str(tiny("marian"))
    csv_path = tmp_path / "cross.csv"
    done = run("-m", model, "-t", "The lazy dog", "--target", "Hello world", "--part", "cross",
               "--aggregate", "max", "--words", "--out", str(csv_path), "--json")
    assert done.returncode == 0, done.stderr
    header = csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[0] == "query \\ key" and "lazy" in header and "dog" in header
    assert '"cross"' in done.stdout
    svg = tmp_path / "encoder.svg"
    done = run("-m", model, "-t", "The lazy dog", "--target", "Hello", "--exclude-special", "--out", str(svg))
    assert done.returncode == 0, done.stderr
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "Encoder self-attention" in text


def test_bad_input_is_reported_without_traceback(tiny, tmp_path):
    done = run("-m", str(tiny("gpt2")), "-t", "  ", "--out", str(tmp_path / "x.png"))
    assert done.returncode == 1
    assert "The text is empty" in done.stderr and "Traceback" not in done.stderr
    done = run("-m", str(tiny("gpt2")), "-t", "hi", "--out", str(tmp_path / "x.jpg"))
    assert done.returncode == 2 and ".npz" in done.stderr
