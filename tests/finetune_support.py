"""Small data files for the fine-tuning tests."""

from __future__ import annotations

import csv
from pathlib import Path

POSITIVE = ["I loved this film", "wonderful and moving", "great fun", "truly excellent", "a real delight"]
NEGATIVE = ["the worst meal", "truly awful", "boring and slow", "I hated it", "a waste of money"]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def classification_csv(folder: Path, n: int = 40) -> Path:
    rows = [[f"{(POSITIVE if i % 2 else NEGATIVE)[i % 5]} {i}", "positive" if i % 2 else "negative"]
            for i in range(n)]
    return write_rows(folder / "sentiment.csv", ["text", "label"], rows)


def chat_csv(folder: Path, n: int = 24) -> Path:
    rows = [[f"What is the capital of France? ({i})", "Paris is the capital of France."] for i in range(n)]
    return write_rows(folder / "chat.csv", ["prompt", "response"], rows)


def text_csv(folder: Path, n: int = 24) -> Path:
    rows = [[f"The quick brown fox jumps over the lazy dog {i}."] for i in range(n)]
    return write_rows(folder / "text.csv", ["text"], rows)


def seq2seq_csv(folder: Path, n: int = 24) -> Path:
    rows = [[f"hello world {i}", f"hallo welt {i}"] for i in range(n)]
    return write_rows(folder / "pairs.csv", ["source", "target"], rows)


TOPICS = ["the sea", "apples", "rain", "music", "cats", "trains", "the moon", "bread", "winter", "books", "rivers",
          "coffee", "gardens", "clocks", "bridges", "snow", "horses", "the city", "maps", "candles", "islands",
          "tea", "mountains", "birds", "letters", "ships", "honey", "forests", "lamps", "stars", "boots", "wind",
          "cheese", "kites", "storms", "violins", "shells", "roads", "paper", "owls", "lakes", "bells", "sand",
          "ropes", "clouds", "pearls", "gold", "fog"]
STYLE_OPENING = "Ahoy matey!"


def style_csv(folder: Path, n: int = 40) -> Path:
    """Prompt/response pairs in one fixed reply style: every answer opens with STYLE_OPENING."""
    rows = [[f"Tell me about {topic}.", f"{STYLE_OPENING} {topic.capitalize()} be a fine thing, arr."]
            for topic in TOPICS[:n]]
    return write_rows(folder / "style.csv", ["prompt", "response"], rows)
