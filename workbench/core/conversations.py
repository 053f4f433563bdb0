"""Chat conversations saved as JSON files under the data folder: new, rename, delete, edit, list.

One file per conversation, written atomically, so a crash never loses more than the last message.
A file that cannot be read is skipped by ``list()`` and reported with its path.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.core import paths
from workbench.core.generation import Message
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.jobs import WorkbenchError

NEW_TITLE = QT_TRANSLATE_NOOP("core", "New conversation")  # stored in English; translated where shown


@dataclass
class Conversation:
    id: str
    title: str = NEW_TITLE
    system: str = ""
    messages: list[Message] = field(default_factory=list)
    model: str = ""
    settings: dict = field(default_factory=dict)
    updated: float = field(default_factory=time.time)

    def prompt_messages(self) -> list[Message]:
        """The system prompt (if any) followed by the turns."""
        return ([Message("system", self.system)] if self.system.strip() else []) + list(self.messages)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Conversation":
        messages = [Message(str(m["role"]), str(m["content"])) for m in data.get("messages", [])]
        return cls(id=str(data["id"]), title=str(data.get("title", "Conversation")), system=str(data.get("system", "")),
                   messages=messages, model=str(data.get("model", "")), settings=dict(data.get("settings", {})),
                   updated=float(data.get("updated", 0.0)))


class ConversationStore:
    def __init__(self, root: Path | None = None):
        self.root = root or paths.data_dir() / "conversations"

    def _path(self, conversation_id: str) -> Path:
        return self.root / f"{conversation_id}.json"

    def new(self, title: str = NEW_TITLE, system: str = "") -> Conversation:
        conversation = Conversation(id=uuid.uuid4().hex[:12], title=title, system=system)
        self.save(conversation)
        return conversation

    def list(self) -> tuple[list[Conversation], list[str]]:
        """Conversations, newest first, and a message for each file that could not be read."""
        found, problems = [], []
        if not self.root.exists():
            return found, problems
        for path in self.root.glob("*.json"):
            try:
                found.append(Conversation.from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(translate("core", "{path} could not be read ({error}); it was skipped.").format(
                    path=path, error=exc))
        found.sort(key=lambda c: c.updated, reverse=True)
        return found, problems

    def load(self, conversation_id: str) -> Conversation:
        path = self._path(conversation_id)
        try:
            return Conversation.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise WorkbenchError(translate("core", "The conversation {name} no longer exists.").format(name=path.name),
                                 translate("core", "Start a new one.")) from exc
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise WorkbenchError(
                translate("core", "The conversation file {path} could not be read: {error}").format(
                    path=path, error=exc),
                translate("core", "Delete it or fix the JSON by hand.")) from exc

    def save(self, conversation: Conversation) -> None:
        conversation.updated = time.time()
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".conv-", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(conversation.to_json(), fh, ensure_ascii=False, indent=1)
            os.replace(tmp, self._path(conversation.id))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def rename(self, conversation: Conversation, title: str) -> None:
        if not title.strip():
            raise WorkbenchError(translate("core", "A conversation needs a name."),
                                 translate("core", "Type at least one character."))
        conversation.title = title.strip()
        self.save(conversation)

    def delete(self, conversation: Conversation) -> None:
        self._path(conversation.id).unlink(missing_ok=True)
