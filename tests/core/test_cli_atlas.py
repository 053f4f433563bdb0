"""workbench atlas from the command line: build a small atlas, describe it (JSON and lines), search it, and a
bad text number is one clear line."""

from __future__ import annotations

from cli_support import run_cli, run_json


def test_build_info_and_search(tiny, tmp_path):
    texts = tmp_path / "texts.txt"
    texts.write_text("\n".join(f"Sentence {i} is about {'cats' if i % 2 else 'the stock market'}." for i in range(40))
                     + "\n", encoding="utf-8")
    folder = tmp_path / "atlas"
    built = run_json("atlas", "build", str(folder), "--texts", str(texts), "-m", str(tiny("bert")), "--json")
    assert (built["texts"], built["embedded"], built["folder"]) == (40, 40, str(folder))

    info = run_json("atlas", "info", str(folder), "--json")
    assert info == {**built, "seconds": info["seconds"]}  # the same summary; build times are read back
    lines = run_cli("atlas", "info", str(folder), check=True).stdout.splitlines()
    assert lines == [f"{key}: {value}" for key, value in info.items()]

    hits = run_json("atlas", "search", str(folder), "--text", "3", "-k", "4", "--json")["hits"]
    assert len(hits) == 4 and 3 not in [h["index"] for h in hits]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)

    bad = run_cli("atlas", "search", str(folder), "--text", "40")
    assert bad.returncode == 2 and "--text must be between 0 and 39" in bad.stderr and "Traceback" not in bad.stderr
