"""A loopback Hugging Face Hub for tests and benchmarks, with faults injected on request.

It speaks the part of the hub's HTTP API that huggingface_hub 2.4 uses to search and download:
``GET /api/models`` (search, paginated with a ``Link`` header), ``GET /api/models/{repo}`` and
``/api/models/{repo}/revision/{rev}`` (model info with ``siblings`` and, with ``blobs=True``, sizes and
LFS metadata), ``GET /api/models/{repo}/tree/{rev}`` (what ``snapshot_download`` lists),
``GET /api/whoami-v2``, and ``HEAD``/``GET /{repo}/resolve/{rev}/{file}`` with ``ETag``,
``X-Linked-Etag``, ``X-Repo-Commit``, ``Content-Length`` and ``Range``/206.

Faults (per file, see ``Fault``): a connection dropped after some bytes, 5xx answers a number of times
before success, a slow body, wrong bytes of the right length; and per repo: gated (401 without a
token, 403 with a token that has not accepted the licence), and unknown repos answer 404.
``hostile_repo`` builds a repo whose listing lies like a hostile mirror: ``../`` or absolute file names,
blob ids, sha256s or commit ids that would be paths outside the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit

LFS_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt", ".onnx", ".h5", ".msgpack")
WRITE_CHUNK = 1 << 20


def git_blob_sha1(data: bytes) -> str:
    """The git object id of a file's content: what the hub reports as a regular file's ETag."""
    hasher = hashlib.sha1(b"blob %d\0" % len(data))
    hasher.update(data)  # no concatenation: a copy of a large file would hold the GIL for long
    return hasher.hexdigest()


@dataclass
class Fault:
    """What goes wrong when a file is fetched.

    ``drop_after``: close the connection after this many body bytes (``drop_times`` GETs, then serve).
    ``error_status``/``error_times``: answer with this status for the first GETs of the file.
    ``delay_per_chunk``: sleep between chunks of ``chunk`` bytes (a slow body).
    ``corrupt``: serve wrong bytes of the right length.
    """

    drop_after: int | None = None
    drop_times: int = 1
    error_status: int = 500
    error_times: int = 0
    delay_per_chunk: float = 0.0
    chunk: int = 64 * 1024
    corrupt: bool = False


@dataclass
class HubRepo:
    repo_id: str
    files: dict[str, bytes]
    gated: bool = False
    downloads: int = 0
    likes: int = 0
    pipeline_tag: str = "text-generation"
    library_name: str = "transformers"
    license: str = "apache-2.0"
    last_modified: str = "2026-01-01T00:00:00.000Z"
    commit: str = ""
    # What the listing says instead of the truth, per file: {"blobId": ..., "sha256": ..., "size": ...}.
    # A hostile mirror's lies (names are hostile through ``files`` itself, commits through ``commit``).
    lies: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Hashes once, up front: the server answers many requests and must not rehash large files each time.
        self.blob_ids = {name: git_blob_sha1(data) for name, data in self.files.items()}
        self.sha256s = {name: hashlib.sha256(data).hexdigest() for name, data in self.files.items()
                        if self.is_lfs(name)}
        if not self.commit:
            digest = hashlib.sha1(self.repo_id.encode())
            for name in sorted(self.files):
                digest.update(name.encode() + self.blob_ids[name].encode())
            self.commit = digest.hexdigest()

    def is_lfs(self, name: str) -> bool:
        return name.endswith(LFS_SUFFIXES)

    def etag(self, name: str) -> str:
        return self.sha256s.get(name) or self.blob_ids[name]

    def sibling(self, name: str, metadata: bool) -> dict:
        entry: dict = {"rfilename": name}
        if metadata:
            lie = self.lies.get(name, {})
            size = lie.get("size", len(self.files[name]))
            entry["size"] = size
            entry["blobId"] = lie.get("blobId", self.blob_ids[name])
            if self.is_lfs(name):
                entry["lfs"] = {"size": size, "sha256": lie.get("sha256", self.sha256s[name]), "pointerSize": 134}
        return entry

    def tree_entry(self, name: str) -> dict:
        lie = self.lies.get(name, {})
        size = lie.get("size", len(self.files[name]))
        entry = {"type": "file", "path": name, "size": size, "oid": lie.get("blobId", self.blob_ids[name])}
        if self.is_lfs(name):
            entry["lfs"] = {"oid": lie.get("sha256", self.sha256s[name]), "size": size, "pointerSize": 134}
        return entry

    def summary(self) -> dict:
        return {
            "_id": self.commit[:24], "id": self.repo_id, "modelId": self.repo_id, "author": self.repo_id.split("/")[0],
            "sha": self.commit, "lastModified": self.last_modified, "private": False,
            "gated": "manual" if self.gated else False, "disabled": False, "downloads": self.downloads,
            "likes": self.likes, "pipeline_tag": self.pipeline_tag, "library_name": self.library_name,
            "tags": [self.library_name, self.pipeline_tag, f"license:{self.license}"],
            "usedStorage": sum(len(d) for d in self.files.values()),
        }


@dataclass
class Stats:
    """What the server did, for assertions."""

    requests: list = field(default_factory=list)  # (method, path, range header or "")
    body_bytes: dict = field(default_factory=dict)  # (repo_id, filename) -> body bytes sent
    bodies_in_flight: int = 0  # file bodies being sent right now
    most_bodies_at_once: int = 0  # the most file bodies ever sent at the same time

    def bytes_sent(self, repo_id: str | None = None) -> int:
        return sum(n for (repo, _), n in self.body_bytes.items() if repo_id in (None, repo))


class LoopbackHub:
    """The server, on 127.0.0.1 at a free port, in a background thread. Use as a context manager."""

    PAGE_SIZE = 20

    def __init__(self, repos: list[HubRepo] = (), tokens: dict[str, str] | None = None):
        self.repos: dict[str, HubRepo] = {r.repo_id: r for r in repos}
        self.tokens = tokens if tokens is not None else {"hf_validtoken": "ada"}  # token -> user name
        self.accepted: dict[str, set[str]] = {}  # gated repo -> tokens that accepted its licence
        self.faults: dict[tuple[str, str], Fault] = {}
        self.stats = Stats()
        self._lock = threading.Lock()
        self._hits: dict[tuple[str, str], int] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- control --------------------------------------------------------------------------
    def add(self, repo: HubRepo) -> HubRepo:
        self.repos[repo.repo_id] = repo
        return repo

    def set_fault(self, repo_id: str, filename: str, fault: Fault | None) -> None:
        with self._lock:
            if fault is None:
                self.faults.pop((repo_id, filename), None)
            else:
                self.faults[(repo_id, filename)] = fault
            self._hits.pop((repo_id, filename), None)

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the server first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "LoopbackHub":
        hub = self

        class Handler(_Handler):
            server_hub = hub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="loopback-hub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "LoopbackHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ---- used by the handler ----------------------------------------------------------------
    def _record(self, method: str, path: str, range_header: str) -> None:
        with self._lock:
            self.stats.requests.append((method, path, range_header))

    def _count_body(self, repo_id: str, filename: str, n: int) -> None:
        with self._lock:
            key = (repo_id, filename)
            self.stats.body_bytes[key] = self.stats.body_bytes.get(key, 0) + n

    def _next_hit(self, repo_id: str, filename: str) -> int:
        with self._lock:
            key = (repo_id, filename)
            self._hits[key] = self._hits.get(key, 0) + 1
            return self._hits[key]


def random_bytes(size: int, seed: int = 0) -> bytes:
    """Deterministic incompressible bytes (fast: one random MiB repeated, each copy with its own first byte)."""
    import random

    block = random.Random(seed).randbytes(min(size, 1 << 20))
    out = bytearray()
    counter = 0
    while len(out) < size:
        # Vary each repetition so no two MiB of the file are equal.
        out += bytes([counter % 256]) + block[1:]
        counter += 1
    return bytes(out[:size])


def demo_repo(repo_id: str = "tester/tiny-model", weights_mb: float = 4.0, **kwargs) -> HubRepo:
    """A small repo: config, card, tokenizer file and one safetensors-named weights file (random bytes)."""
    size = int(weights_mb * 1024 * 1024)
    files = {
        "config.json": json.dumps({"model_type": "gpt2", "n_layer": 2, "n_embd": 32, "n_head": 2,
                                   "vocab_size": 100, "architectures": ["GPT2LMHeadModel"]}).encode(),
        "README.md": (f"---\nlicense: apache-2.0\n---\n# {repo_id}\n\nA **test** model.\n\n"
                      "| a | b |\n|---|---|\n| 1 | 2 |\n").encode(),
        "tokenizer.json": b'{"version": "1.0"}',
        "model.safetensors": random_bytes(size, seed=len(repo_id)),
    }
    return HubRepo(repo_id, files, **kwargs)


HOSTILE_ATTACKS = ("dotdot-name", "absolute-name", "nested-dotdot-name", "backslash-name", "blob-id", "sha256",
                   "commit", "commit-dotdot")


def hostile_repo(repo_id: str, attack: str, target: str) -> HubRepo:
    """A repo whose listing tries to make a downloader write ``target`` (an absolute path outside the
    cache) or reach out of the cache some other way; ``attack`` is one of ``HOSTILE_ATTACKS``."""
    base = demo_repo(repo_id, weights_mb=0.01)
    files = dict(base.files)
    payload = b"written outside the cache\n"
    climb = "../" * 12 + target.lstrip("/")  # enough '..' to reach / from any cache folder
    lies: dict = {}
    commit = ""
    if attack == "dotdot-name":
        files[climb] = payload
    elif attack == "absolute-name":
        files[target] = payload
    elif attack == "nested-dotdot-name":
        files["sub/../../" + climb] = payload
    elif attack == "backslash-name":
        files["..\\..\\" + target.lstrip("/").replace("/", "\\")] = payload
    elif attack == "blob-id":
        lies["config.json"] = {"blobId": climb}
    elif attack == "sha256":
        lies["model.safetensors"] = {"sha256": climb}
    elif attack == "commit":
        commit = climb
    elif attack == "commit-dotdot":
        commit = ".."
    else:
        raise ValueError(f"unknown attack {attack!r}; one of {HOSTILE_ATTACKS}")
    return HubRepo(repo_id, files, commit=commit, lies=lies)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_hub: LoopbackHub

    def log_message(self, *args) -> None:  # quiet
        pass

    # ---- helpers -------------------------------------------------------------------------------
    def _send_json(self, value, status: int = 200, headers: dict | None = None) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, code: str = "", message: str = "") -> None:
        headers = {}
        if code:
            headers["X-Error-Code"] = code
        if message:
            headers["X-Error-Message"] = message
        self._send_json({"error": message or code or str(status)}, status, headers)

    def _token(self) -> str | None:
        auth = self.headers.get("Authorization", "")
        return auth[7:].strip() if auth.startswith("Bearer ") else None

    def _repo(self, repo_id: str) -> HubRepo | None:
        repo = self.server_hub.repos.get(repo_id)
        if repo is None:
            self._error(404, "RepoNotFound", "Repository not found")
        return repo

    # ---- routes --------------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self._route()

    def do_GET(self) -> None:
        self._route()

    def _route(self) -> None:
        hub = self.server_hub
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        hub._record(self.command, path, self.headers.get("Range", ""))
        try:
            if path == "/api/models":
                return self._search(query)
            if path == "/api/whoami-v2":
                return self._whoami()
            m = re.fullmatch(r"/api/models/(.+?)/tree/([^/]+)(/.*)?", path)
            if m:
                return self._tree(m.group(1), m.group(2))
            m = re.fullmatch(r"/api/models/(.+?)/revision/([^/]+)", path)
            if m:
                return self._info(m.group(1), m.group(2), query)
            m = re.fullmatch(r"/api/models/([^/]+/[^/]+)", path)
            if m:
                return self._info(m.group(1), "main", query)
            m = re.fullmatch(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)", path)
            if m:
                return self._resolve(m.group(1), m.group(2), m.group(3))
            self._error(404, message=f"no route for {path}")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _search(self, query: dict) -> None:
        hub = self.server_hub
        text = (query.get("search") or [""])[0].lower()
        filters = query.get("filter", [])
        pipeline = (query.get("pipeline_tag") or [""])[0]
        repos = [r for r in hub.repos.values() if text in r.repo_id.lower()]
        repos = [r for r in repos if all(f in (r.library_name, r.pipeline_tag) for f in filters)]
        if pipeline:
            repos = [r for r in repos if r.pipeline_tag == pipeline]
        sort = (query.get("sort") or [""])[0]
        key = {"downloads": lambda r: r.downloads, "likes": lambda r: r.likes,
               "lastModified": lambda r: r.last_modified}.get(sort)
        if key:
            repos.sort(key=key, reverse=True)
        limit = int((query.get("limit") or [hub.PAGE_SIZE])[0])
        page_size = min(limit, hub.PAGE_SIZE)
        offset = int((query.get("cursor") or ["0"])[0])
        page = repos[offset:offset + page_size]
        headers = {}
        if offset + page_size < len(repos):
            rest = {k: v for k, v in query.items() if k != "cursor"}
            pairs = "&".join(f"{k}={quote(str(x))}" for k, vs in rest.items() for x in vs)
            headers["Link"] = f'<{hub.url}/api/models?{pairs}&cursor={offset + page_size}>; rel="next"'
        self._send_json([r.summary() for r in page], headers=headers)

    def _whoami(self) -> None:
        token = self._token()
        user = self.server_hub.tokens.get(token or "")
        if user is None:
            return self._error(401, message="Invalid credentials in Authorization header")
        self._send_json({"type": "user", "name": user, "fullname": user.title(), "orgs": [],
                         "auth": {"type": "access_token",
                                  "accessToken": {"displayName": "workbench-test", "role": "read"}}})

    def _info(self, repo_id: str, revision: str, query: dict) -> None:
        repo = self._repo(repo_id)
        if repo is None:
            return
        if revision not in ("main", repo.commit):
            return self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        metadata = (query.get("blobs") or [""])[0].lower() == "true"
        info = repo.summary()
        info["siblings"] = [repo.sibling(name, metadata) for name in sorted(repo.files)]
        info["cardData"] = {"license": repo.license}
        self._send_json(info)

    def _tree(self, repo_id: str, revision: str) -> None:
        repo = self._repo(repo_id)
        if repo is None:
            return
        if revision not in ("main", repo.commit):
            return self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        self._send_json([repo.tree_entry(name) for name in sorted(repo.files)])

    def _resolve(self, repo_id: str, revision: str, filename: str) -> None:
        hub = self.server_hub
        repo = self._repo(repo_id)
        if repo is None:
            return
        if revision not in ("main", repo.commit):
            return self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        if filename not in repo.files:
            return self._error(404, "EntryNotFound", f"{filename} does not exist")
        if repo.gated:
            token = self._token()
            if token is None or token not in hub.tokens:
                return self._error(401, "GatedRepo", "Access to this model is restricted. You must be authenticated.")
            if token not in hub.accepted.get(repo_id, set()):
                return self._error(403, "GatedRepo", "Access to this model is restricted: accept the conditions first.")
        data = repo.files[filename]
        fault = hub.faults.get((repo_id, filename))
        hit = hub._next_hit(repo_id, filename) if self.command == "GET" else 0
        if fault and self.command == "GET" and hit <= fault.error_times:
            return self._error(fault.error_status, message="Internal error (injected)")
        start, end = 0, len(data)
        status = 200
        range_header = self.headers.get("Range", "")
        m = re.fullmatch(r"bytes=(\d+)-(\d*)", range_header.strip())
        if m:
            start = int(m.group(1))
            end = min(len(data), int(m.group(2)) + 1) if m.group(2) else len(data)
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        self.send_response(status)
        etag = repo.etag(filename)
        self.send_header("ETag", f'"{repo.blob_ids[filename]}"')
        if repo.is_lfs(filename):
            self.send_header("X-Linked-Etag", f'"{etag}"')
            self.send_header("X-Linked-Size", str(len(data)))
        self.send_header("X-Repo-Commit", repo.commit)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(data)}")
        self.end_headers()
        if self.command == "HEAD":
            return
        body = data
        if fault and fault.corrupt:
            # One flipped byte every 64 KiB: any range of the file arrives damaged.
            damaged = bytearray(data)
            for i in range(0, len(damaged), 64 * 1024):
                damaged[i] ^= 0x5A
            body = bytes(damaged)
        self._write_body(repo_id, filename, memoryview(body)[start:end], fault, hit)

    def _write_body(self, repo_id: str, filename: str, body: memoryview, fault: Fault | None, hit: int) -> None:
        hub = self.server_hub
        with hub._lock:
            hub.stats.bodies_in_flight += 1
            hub.stats.most_bodies_at_once = max(hub.stats.most_bodies_at_once, hub.stats.bodies_in_flight)
        try:
            self._send_body(repo_id, filename, body, fault, hit)
        finally:
            with hub._lock:
                hub.stats.bodies_in_flight -= 1

    def _send_body(self, repo_id: str, filename: str, body: memoryview, fault: Fault | None, hit: int) -> None:
        hub = self.server_hub
        drop_at = None
        if fault and fault.drop_after is not None and hit <= fault.error_times + fault.drop_times:
            drop_at = fault.drop_after
        chunk = fault.chunk if fault and fault.delay_per_chunk else WRITE_CHUNK
        sent = 0
        while sent < len(body):
            piece = body[sent:sent + chunk]
            if drop_at is not None and sent + len(piece) > drop_at:
                piece = piece[:max(0, drop_at - sent)]
                if piece:
                    self.wfile.write(piece)
                    hub._count_body(repo_id, filename, len(piece))
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(piece)
            hub._count_body(repo_id, filename, len(piece))
            sent += len(piece)
            if fault and fault.delay_per_chunk:
                time.sleep(fault.delay_per_chunk)


def main() -> None:
    """Serve a demo repo until interrupted: ``python -m workbench.testing.hub_server``."""
    hub = LoopbackHub([demo_repo(weights_mb=float(os.environ.get("DEMO_MB", "8")))]).start()
    print(f"HF_ENDPOINT={hub.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        hub.stop()


if __name__ == "__main__":
    main()
