"""The JSON round-trip of a plain dataclass (configs, settings): ``asdict`` out, known fields in.

Reading keeps only the fields the class has, so a file written by another version of the workbench
(a field added or removed since) still loads; missing fields take their defaults.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import TypeVar

T = TypeVar("T", bound="JsonDataclass")


def known_fields(cls, value: dict) -> dict:
    """The items of ``value`` that are fields of the dataclass ``cls``."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in value.items() if k in names}


class JsonDataclass:
    """Base of a dataclass that is saved as a JSON object of its fields."""

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls: type[T], value: dict) -> T:
        return cls(**known_fields(cls, value))
