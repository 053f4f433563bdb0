"""The Generate tab's chat: saved conversations, the system prompt, the transcript and the next message."""

from __future__ import annotations

from workbench.core.conversations import Conversation, ConversationStore
from workbench.core.generation import Message
from workbench.core.i18n import translate
from workbench.core.jobs import WorkbenchError
from workbench.ui.qt import QtCore, QtWidgets, Signal
from workbench.ui.tabs.generate.texts import _tr
from workbench.ui.workers import ErrorInfo


class ChatPanel(QtWidgets.QWidget):
    """Conversations kept on disk (``ConversationStore``); Regenerate and Continue ask for an answer."""

    answer_requested = Signal()  # generate the assistant's next answer to the conversation as it is

    def __init__(self, show_error, parent=None):
        super().__init__(parent)
        self.show_error = show_error  # the tab's banner
        self.store = ConversationStore()
        self.conversation: Conversation | None = None
        v = QtWidgets.QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self._build_conversation_bar())
        self.system = QtWidgets.QLineEdit()
        self.system.setPlaceholderText(self.tr("System prompt (optional): how the assistant should behave"))
        self.system.editingFinished.connect(self._save_system)
        v.addWidget(self.system)
        self.transcript = QtWidgets.QListWidget()
        self.transcript.setWordWrap(True)
        self.transcript.setToolTip(self.tr("The conversation so far; double-click a message to edit it"))
        self.transcript.itemDoubleClicked.connect(lambda _i: self.edit_message())
        v.addWidget(self.transcript, 2)
        v.addWidget(self._build_message_actions())
        self.message = QtWidgets.QPlainTextEdit()
        self.message.setPlaceholderText(self.tr("Your message; Generate sends it"))
        self.message.setMaximumHeight(80)
        v.addWidget(self.message)
        self.load_conversations()

    def _build_conversation_bar(self) -> QtWidgets.QToolBar:
        # toolbars, so the actions fold into an overflow menu when the window is narrow
        bar = QtWidgets.QToolBar()
        self.conversations = QtWidgets.QComboBox()
        self.conversations.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.conversations.setMinimumContentsLength(12)
        self.conversations.setToolTip(self.tr("Saved conversations (kept on disk)"))
        self.conversations.activated.connect(self._open_conversation)
        bar.addWidget(self.conversations)
        for text, slot, tip in ((self.tr("New"), self.new_conversation, self.tr("Start a new conversation")),
                                (self.tr("Rename…"), self.rename_conversation, self.tr("Rename this conversation")),
                                (self.tr("Delete"), self.delete_conversation, self.tr("Delete this conversation from disk"))):
            bar.addAction(text, slot).setToolTip(tip)
        return bar

    def _build_message_actions(self) -> QtWidgets.QToolBar:
        actions = QtWidgets.QToolBar()
        self.chat_buttons = {}
        # the English names stay the keys of chat_buttons
        for text, slot, tip in ((QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Edit…"), self.edit_message,
                                 self.tr("Edit the selected message")),
                                (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Delete message"), self.delete_message,
                                 self.tr("Remove the selected message")),
                                (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Regenerate"), self.regenerate,
                                 self.tr("Replace the last answer with a new one")),
                                (QtCore.QT_TRANSLATE_NOOP("GenerateTab", "Continue"), self.continue_answer,
                                 self.tr("Let the model go on with its last answer"))):
            action = actions.addAction(_tr(text), slot)
            action.setToolTip(tip)
            self.chat_buttons[text] = action
        return actions

    def set_running(self, running: bool) -> None:
        for action in self.chat_buttons.values():
            action.setEnabled(not running)

    # ---- what the model answers ------------------------------------------------------------------
    def prompt_messages(self) -> list[Message]:
        """The conversation and the message being typed (if any), as the model would read them now."""
        pending = self.message.toPlainText()
        return self.conversation.prompt_messages() + ([Message("user", pending)] if pending.strip() else [])

    def send_message(self) -> list[Message] | None:
        """Add the typed message to the conversation; the messages to answer, or None (nothing to answer)."""
        text = self.message.toPlainText()
        if text.strip():
            self.conversation.messages.append(Message("user", text))
            if self.conversation.title == "New conversation":
                self.conversation.title = text.strip().splitlines()[0][:40]
                self.conversations.setItemText(self.conversations.currentIndex(), self.conversation.title)
            self._save_conversation()
            self.message.clear()
            self._show_transcript()
        elif not self.conversation.messages:
            self.show_error(self.tr("The message is empty."), self.tr("Type a message for the model to answer."))
            return None
        return self.conversation.prompt_messages()

    def add_answer(self, asked: list[Message] | None, text: str) -> None:
        """The model's answer to ``asked``: it extends the last answer when it continued one."""
        messages = self.conversation.messages
        if messages and messages[-1].role == "assistant" and asked and asked[-1].role == "assistant":
            messages[-1].content = asked[-1].content + text
        else:
            messages.append(Message("assistant", text))
        self._save_conversation()
        self._show_transcript()

    def regenerate(self) -> None:
        if self.conversation.messages and self.conversation.messages[-1].role == "assistant":
            self.conversation.messages.pop()
            self._save_conversation()
            self._show_transcript()
        self.answer_requested.emit()

    def continue_answer(self) -> None:
        if not self.conversation.messages or self.conversation.messages[-1].role != "assistant":
            self.show_error(self.tr("There is no answer to continue."), self.tr("Generate an answer first."))
            return
        self.answer_requested.emit()

    # ---- conversations on disk -------------------------------------------------------------------
    def load_conversations(self, select: str | None = None) -> None:
        found, problems = self.store.list()
        if problems:
            self.show_error(problems[0], self.tr("The other conversations are available."))
        if not found:
            found = [self.store.new()]
        self.conversations.clear()
        for c in found:
            self.conversations.addItem(translate("core", c.title), c.id)
        index = max(0, self.conversations.findData(select)) if select else 0
        self.conversations.setCurrentIndex(index)
        self._open_conversation(index)

    def _open_conversation(self, index: int) -> None:
        conversation_id = self.conversations.itemData(index)
        try:
            self.conversation = self.store.load(conversation_id)
        except WorkbenchError as exc:
            self.show_error(ErrorInfo(exc.message, exc.hint))
            return
        self.system.setText(self.conversation.system)
        self._show_transcript()

    def _role_name(self, role: str) -> str:
        return {"user": self.tr("User"), "assistant": self.tr("Assistant"), "system": self.tr("System")}.get(
            role, role.capitalize())

    def _show_transcript(self) -> None:
        self.transcript.clear()
        for m in self.conversation.messages if self.conversation else []:
            item = QtWidgets.QListWidgetItem(self.tr("{role}: {text}").format(role=self._role_name(m.role), text=m.content))
            if m.role == "assistant":
                item.setBackground(self.palette().alternateBase())
            self.transcript.addItem(item)
        self.transcript.scrollToBottom()

    def _save_conversation(self) -> None:
        try:
            self.store.save(self.conversation)
        except OSError as exc:
            self.show_error(self.tr("The conversation could not be saved: {error}").format(error=exc),
                            self.tr("Check the disk space and rights."))

    def _save_system(self) -> None:
        if self.conversation and self.system.text() != self.conversation.system:
            self.conversation.system = self.system.text()
            self._save_conversation()

    def new_conversation(self) -> None:
        self.load_conversations(select=self.store.new().id)

    def rename_conversation(self) -> None:
        title, ok = QtWidgets.QInputDialog.getText(self, self.tr("Rename"), self.tr("Name:"), text=self.conversation.title)
        if ok:
            try:
                self.store.rename(self.conversation, title)
            except WorkbenchError as exc:
                self.show_error(ErrorInfo(exc.message, exc.hint))
            self.load_conversations(select=self.conversation.id)

    def delete_conversation(self) -> None:
        answer = QtWidgets.QMessageBox.question(self, self.tr("Delete conversation"),
                                                self.tr("Delete '{name}' from disk?").format(name=self.conversation.title))
        if answer == QtWidgets.QMessageBox.Yes:
            self.store.delete(self.conversation)
            self.load_conversations()

    def edit_message(self) -> None:
        row = self.transcript.currentRow()
        if row < 0:
            self.show_error(self.tr("No message is selected."), self.tr("Click a message in the conversation first."))
            return
        message = self.conversation.messages[row]
        text, ok = QtWidgets.QInputDialog.getMultiLineText(self, self.tr("Edit message"),
                                                           self._role_name(message.role) + ":", message.content)
        if ok:
            message.content = text
            self._save_conversation()
            self._show_transcript()

    def delete_message(self) -> None:
        row = self.transcript.currentRow()
        if row >= 0:
            del self.conversation.messages[row]
            self._save_conversation()
            self._show_transcript()
