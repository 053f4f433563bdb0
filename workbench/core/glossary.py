"""The glossary (术语表): terms in English and Chinese with one-line definitions, the variant Chinese terms of
tutorials mapped to the usual ones, and links to a view (``ui/view_actions.py``) or a lesson.

Read from ``resources/glossary.yaml``; a malformed entry is reported by line like a lesson file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection

from workbench.core.i18n import translate
from workbench.core.lessons import LessonProblem, Text, _Invalid, _line, _mapping, _parse, _text

GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "resources" / "glossary.yaml"
ENTRY_KEYS = {"en", "zh", "variants", "definition", "note", "view", "lesson"}


@dataclass
class Term:
    en: str
    zh: str
    definition: Text
    variants: list[str] = field(default_factory=list)
    note: Text | None = None
    view: str = ""
    lesson: str = ""

    def names(self) -> list[str]:
        return [self.en, self.zh, *self.variants]


@dataclass
class Match:
    term: Term
    matched: str  # the name that matched: the English, the Chinese, or a variant

    @property
    def by_variant(self) -> bool:
        return self.matched in self.term.variants


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    problems: list[LessonProblem] = field(default_factory=list)

    def search(self, query: str) -> list[Match]:
        """Terms whose English, Chinese or variant names contain ``query`` (case-insensitive); exact names first.
        An empty query lists every term."""
        q = " ".join(query.split()).casefold()
        found = []
        for term in self.terms:
            names = term.names()
            exact = next((n for n in names if n.casefold() == q), None)
            partial = next((n for n in names if q in n.casefold()), None)
            if exact is not None or partial is not None:
                found.append((0 if exact is not None else 1, term.en.casefold(), Match(term, exact or partial)))
        return [m for *_, m in sorted(found, key=lambda x: (x[0], x[1]))]

    def lookup(self, name: str) -> Match | None:
        matches = self.search(name)
        return matches[0] if matches and matches[0].matched.casefold() == " ".join(name.split()).casefold() else None


def load_glossary(views: Collection[str], lessons: Collection[str], path: Path = GLOSSARY_FILE) -> Glossary:
    """The glossary; ``views``/``lessons``: the names its links may use (a link to a missing one is a problem)."""
    out = Glossary()
    try:
        raw = _parse(path.read_text(encoding="utf-8"))
    except OSError as exc:
        out.problems.append(LessonProblem(path, None, str(exc)))
        return out
    except _Invalid as exc:
        out.problems.append(LessonProblem(path, exc.line, exc.message))
        return out
    if not isinstance(raw, list):
        out.problems.append(LessonProblem(path, 1, translate("core", "The glossary must be a list of terms.")))
        return out
    for i, entry in enumerate(raw):
        try:
            out.terms.append(_term(entry, i, raw, views, lessons))
        except _Invalid as exc:
            out.problems.append(LessonProblem(path, exc.line, exc.message))
    return out


def _term(entry, index: int, parent, views: Collection[str], lessons: Collection[str]) -> Term:
    where = translate("core", "term {n}").format(n=index + 1)
    entry = _mapping(entry, where, parent, ENTRY_KEYS, {"en", "zh", "definition"})
    for key in ("en", "zh"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise _Invalid(_line(entry, parent), translate("core", "{where}: “{key}” must be a name.").format(
                where=where, key=key))
    variants = entry.get("variants", [])
    if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
        raise _Invalid(_line(entry, parent), translate("core", "{where}: variants must be a list of names.").format(
            where=where))
    view, lesson = entry.get("view", ""), entry.get("lesson", "")
    if view and view not in views:
        raise _Invalid(_line(entry, parent), translate("core", "{where} links to the view “{view}”, which this "
                                                               "version does not have.").format(where=where, view=view))
    if lesson and lesson not in lessons:
        raise _Invalid(_line(entry, parent), translate("core", "{where} links to the lesson “{lesson}”, which is not "
                                                               "installed.").format(where=where, lesson=lesson))
    return Term(entry["en"].strip(), entry["zh"].strip(), _text(entry["definition"], where + " definition", entry),
                [str(v) for v in variants],
                _text(entry["note"], where + " note", entry) if "note" in entry else None, view, lesson)
