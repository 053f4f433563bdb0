"""A small regular language for from-scratch training tests: 'subject verb object.' per line."""

from __future__ import annotations

import random
import re

SUBJECTS = ["the cat", "a dog", "the bird", "my friend"]
VERBS = ["sees", "likes", "finds"]
OBJECTS = ["the ball", "a tree", "the house", "a river"]
SENTENCE = re.compile(rf"^({'|'.join(SUBJECTS)}) ({'|'.join(VERBS)}) ({'|'.join(OBJECTS)})\.$")


def sentences(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return "".join(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}.\n" for _ in range(n))
