"""README.md and README.zh-CN.md keep the same "## " sections in the same order: each "## " heading is followed by
a marker line <!-- section: ID --> with the same IDs in both files (the rule is written at the top of both)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^<!-- section: ([a-z0-9-]+) -->$")


def sections(path: Path) -> list[tuple[str, str | None]]:
    """(heading, marker id or None) of every "## " heading outside fenced code blocks."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out, fenced = [], False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            marker = MARKER.match(lines[i + 1]) if i + 1 < len(lines) else None
            out.append((line, marker.group(1) if marker else None))
    return out


def test_both_readmes_have_the_same_sections_in_the_same_order():
    english, chinese = sections(ROOT / "README.md"), sections(ROOT / "README.zh-CN.md")
    for name, found in (("README.md", english), ("README.zh-CN.md", chinese)):
        unmarked = [heading for heading, marker in found if marker is None]
        assert not unmarked, f"{name}: these ## headings have no <!-- section: ID --> line after them: {unmarked}"
        ids = [marker for _, marker in found]
        assert len(ids) == len(set(ids)), f"{name}: a section id is used twice: {ids}"
    assert [m for _, m in english] == [m for _, m in chinese], (
        "README.md and README.zh-CN.md list different sections (by their <!-- section: ID --> markers):\n"
        f"  README.md:       {[m for _, m in english]}\n  README.zh-CN.md: {[m for _, m in chinese]}")


def test_every_screenshot_a_readme_shows_exists():
    for name in ("README.md", "README.zh-CN.md"):
        for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", (ROOT / name).read_text(encoding="utf-8")):
            assert (ROOT / image).is_file(), f"{name} shows {image}, which does not exist"
