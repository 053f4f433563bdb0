"""An atlas folder: the texts (UTF-8 with an offsets table, so any text is read without loading the others),
float16 vectors in a memory-mapped ``.npy`` filled chunk by chunk, and ``atlas.json`` saying how far it got."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.core.i18n import translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.units import human_seconds

FORMAT = 1
META = "atlas.json"
CHUNK = 2048  # texts embedded between two saves: a crash or Stop loses at most this many


@dataclass
class Atlas:
    folder: Path
    meta: dict = field(default_factory=dict)

    @property
    def count(self) -> int:
        return int(self.meta["count"])

    @property
    def embedded(self) -> int:
        return int(self.meta.get("embedded", 0))

    @property
    def complete(self) -> bool:
        return self.embedded >= self.count and self.count > 0

    def texts(self, indices=None) -> list[str]:
        offsets = np.load(self.folder / "offsets.npy", mmap_mode="r")
        with open(self.folder / "texts.bin", "rb") as f:
            data = memoryview(f.read()) if indices is None or len(indices) > 2000 else None
            if indices is None:
                return [bytes(data[offsets[i]:offsets[i + 1]]).decode("utf-8") for i in range(self.count)]
            out = []
            for i in indices:
                if data is not None:
                    out.append(bytes(data[offsets[i]:offsets[i + 1]]).decode("utf-8"))
                else:
                    f.seek(int(offsets[i]))
                    out.append(f.read(int(offsets[i + 1] - offsets[i])).decode("utf-8"))
            return out

    def labels(self) -> list[str] | None:
        path = self.folder / "labels.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def vectors(self, mode: str = "r") -> np.ndarray:
        """(count, dim) float16, memory-mapped; rows past ``embedded`` are not filled yet."""
        return np.load(self.folder / "vectors.npy", mmap_mode=mode)

    def array(self, name: str) -> np.ndarray | None:
        path = self.folder / f"{name}.npy"
        return np.load(path) if path.exists() else None

    def save_array(self, name: str, value: np.ndarray) -> None:
        tmp = self.folder / f".{name}.tmp.npy"
        np.save(tmp, value)
        os.replace(tmp, self.folder / f"{name}.npy")

    def save_meta(self) -> None:
        tmp = self.folder / f".{META}.tmp"
        tmp.write_text(json.dumps(self.meta, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.folder / META)


def create_atlas(folder: str | Path, texts: list[str], model: str, labels: list[str] | None = None,
                 source: str = "") -> Atlas:
    """A new atlas folder holding ``texts`` (and their labels); vectors are added by ``embed_into``."""
    folder = Path(folder)
    if (folder / META).exists():
        raise WorkbenchError(translate("core", "{folder} already holds an atlas.").format(folder=folder),
                             translate("core", "Open it to continue it, or choose an empty folder."))
    if not texts:
        raise WorkbenchError(translate("core", "There are no texts to embed."),
                             translate("core", "Type or paste texts, one per line, or load a file."))
    folder.mkdir(parents=True, exist_ok=True)
    encoded = [t.encode("utf-8") for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    with open(folder / "texts.bin", "wb") as f:
        f.write(b"".join(encoded))
    np.save(folder / "offsets.npy", offsets)
    if labels is not None:
        (folder / "labels.json").write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    atlas = Atlas(folder, {"format": FORMAT, "count": len(texts), "embedded": 0, "model": model, "source": source,
                           "created": time.time()})
    atlas.save_meta()
    return atlas


def open_atlas(folder: str | Path) -> Atlas:
    folder = Path(folder)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WorkbenchError(translate("core", "{folder} is not an atlas (it has no {file}).").format(
            folder=folder, file=META), translate("core", "Choose a folder made by Build atlas.")) from None
    except (OSError, ValueError) as exc:
        raise WorkbenchError(translate("core", "The atlas in {folder} cannot be read: {error}").format(
            folder=folder, error=exc), translate("core", "Build it again into an empty folder.")) from None
    if meta.get("format") != FORMAT or "count" not in meta:
        raise WorkbenchError(translate("core", "The atlas in {folder} has an unknown format.").format(folder=folder),
                             translate("core", "Build it again into an empty folder."))
    return Atlas(folder, meta)


def embedding_order(atlas: Atlas) -> np.ndarray:
    """The order texts are embedded in: longest first by bytes across the whole atlas (as the plain loop sorts
    its batches), so each chunk's batches hold texts of nearly one length and little padding. An atlas begun
    before this order existed continues in file order."""
    if atlas.meta.get("order") == "file":
        return np.arange(atlas.count)
    offsets = np.load(atlas.folder / "offsets.npy", mmap_mode="r")
    return np.argsort(-np.diff(offsets), kind="stable")


def embed_into(atlas: Atlas, handle, pooling: str = "auto", batch_size: int = 32, chunk: int = CHUNK,
               cancel: CancelToken = NEVER_CANCELLED, progress: ProgressCallback = no_progress,
               upto: int | None = None) -> Atlas:
    """Embed the texts not embedded yet (up to ``upto`` of them in all), ``chunk`` at a time in
    ``embedding_order``, saving after each (so Stop or a crash resumes there). Progress says the rate and the
    time left, measured in bytes on this run's own chunks (the texts get shorter as it goes, so a rate in texts
    would overstate the time left)."""
    from workbench.core.embeddings.sentences import choose_pooling, embed_texts

    meta = atlas.meta
    chosen = choose_pooling(handle, meta.get("pooling_request", pooling))
    if meta.get("embedded") and meta.get("pooling") not in (None, chosen.describe()):
        raise WorkbenchError(translate("core", "This atlas was embedded with another pooling ({old}).").format(
            old=meta.get("pooling")), translate("core", "Continue it with the same model and pooling."))
    start = atlas.embedded
    total = atlas.count
    stop = total if upto is None else min(total, upto)
    if start >= stop:
        return atlas
    if start and "order" not in meta:
        meta["order"] = "file"  # begun by a version that embedded in file order
    meta.setdefault("order", "length")
    order = embedding_order(atlas)
    texts_path = atlas.folder / "vectors.npy"
    vectors = np.load(texts_path, mmap_mode="r+") if texts_path.exists() else None
    offsets = np.load(atlas.folder / "offsets.npy", mmap_mode="r")
    blob = np.memmap(atlas.folder / "texts.bin", dtype=np.uint8, mode="r") if offsets[-1] else np.zeros(0, np.uint8)
    sizes = np.diff(offsets)
    left_bytes = int(sizes[order[start:]].sum())
    t0, done_bytes = time.perf_counter(), 0
    for begin in range(start, stop, chunk):
        cancel.raise_if_cancelled()
        end = min(stop, begin + chunk)
        rows = np.sort(order[begin:end])  # in file order: the reads and the writes go forward
        texts = [blob[offsets[i]:offsets[i + 1]].tobytes().decode("utf-8") for i in rows]
        embedded = embed_texts(handle, texts, chosen, batch_size, cancel)
        if vectors is None:
            vectors = np.lib.format.open_memmap(texts_path, mode="w+", dtype=np.float16,
                                                shape=(total, embedded.vectors.shape[1]))
            meta.update(dim=int(embedded.vectors.shape[1]), pooling=chosen.describe(),
                        normalised=bool(chosen.normalise), limit=int(embedded.limit))
        vectors[rows] = embedded.vectors.astype(np.float16)
        vectors.flush()
        meta["embedded"] = end
        meta["truncated"] = int(meta.get("truncated", 0)) + int(embedded.truncated)
        atlas.save_meta()
        seconds = max(1e-9, time.perf_counter() - t0)
        chunk_bytes = int(sizes[rows].sum())
        done_bytes += chunk_bytes
        left_bytes -= chunk_bytes
        progress(Progress(end, total, translate("core", "Embedded {done} of {total} texts ({rate} a second, "
                                                        "about {left} left)").format(
            done=f"{end:,}", total=f"{total:,}", rate=f"{(end - start) / seconds:,.0f}",
            left=human_seconds(left_bytes * seconds / max(1, done_bytes))), unit="texts"))
    return atlas


def unit_chunks(vectors: np.ndarray, upto: int | None = None, rows: int = 65536):
    """(start, float32 unit rows) over the first ``upto`` vectors, a chunk at a time (memory stays flat)."""
    upto = len(vectors) if upto is None else upto
    for start in range(0, upto, rows):
        block = np.asarray(vectors[start:min(upto, start + rows)], dtype=np.float32)
        norms = np.linalg.norm(block, axis=1, keepdims=True)
        yield start, block / np.maximum(norms, 1e-12)
