"""The glossary window (Help ▸ Glossary, F1) and ``attach_term``: a right-click "Look up in the glossary" on a
widget that names a term (Generate's sampling labels, the Attention tab's controls)."""

from __future__ import annotations

import html

from workbench.core import glossary as G
from workbench.core import lessons as L
from workbench.ui.qt import QtCore, QtWidgets, Qt
from workbench.ui.widgets.build import column, row


def _language() -> str:
    from workbench.ui.i18n import current_language

    return "zh" if current_language().startswith("zh") else "en"


_cache: list[G.Glossary] = []


def glossary() -> G.Glossary:
    """Read once per process (the file ships with the app); links are checked against the views and lessons."""
    if not _cache:
        from workbench.ui import view_actions

        lesson_ids = [x.id for x in L.load_lessons(view_actions.params()).lessons]
        _cache.append(G.load_glossary(view_actions.params(), lesson_ids))
    return _cache[0]


def term_html(match: G.Match, lang: str) -> str:
    term = match.term
    first, second = (term.zh, term.en) if lang == "zh" else (term.en, term.zh)
    parts = [f"<h3 style='margin:0'>{html.escape(first)} · {html.escape(second)}</h3>",
             f"<p>{html.escape(term.definition.get(lang))}</p>"]
    if match.by_variant:
        parts.append("<p style='color:#8a5a00'>" + html.escape(QtCore.QCoreApplication.translate(
            "Glossary", "“{variant}” is another name for {term} ({english}).").format(
            variant=match.matched, term=term.zh, english=term.en)) + "</p>")
    if term.note is not None:
        parts.append(f"<p style='color:#8a5a00'>{html.escape(term.note.get(lang))}</p>")
    if term.variants:
        parts.append("<p style='color:#666'>" + html.escape(QtCore.QCoreApplication.translate("Glossary", "Also written: {names}").format(
            names=", ".join(term.variants))) + "</p>")
    return "".join(parts)


class GlossaryDialog(QtWidgets.QDialog):
    """Search in English or Chinese; a term links to the view or lesson that shows it."""

    _open: "GlossaryDialog | None" = None

    @classmethod
    def show_for(cls, window, term: str = "") -> "GlossaryDialog":
        try:
            reuse = cls._open is not None and cls._open.parent() is window
        except RuntimeError:  # its window was closed and deleted
            reuse = False
        if not reuse:
            cls._open = cls(window)
        dialog = cls._open
        dialog.search.setText(term)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def __init__(self, window=None):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Glossary"))
        self.resize(720, 460)
        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText(self.tr("Search in English or Chinese, e.g. attention, 困惑度, 密钥"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.results = QtWidgets.QListWidget()
        self.results.currentRowChanged.connect(self._show)
        self.detail = QtWidgets.QTextBrowser()
        self.view_button = QtWidgets.QPushButton()
        self.view_button.clicked.connect(self._open_view)
        self.lesson_button = QtWidgets.QPushButton(self.tr("Open the lesson"))
        self.lesson_button.clicked.connect(self._open_lesson)
        self.problems = QtWidgets.QLabel()
        self.problems.setWordWrap(True)
        split = QtWidgets.QSplitter(Qt.Horizontal)
        split.addWidget(self.results)
        buttons = row(self.view_button, self.lesson_button)
        buttons.addStretch(1)
        split.addWidget(column((self.detail, 1), buttons))
        split.setSizes([240, 480])
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        layout.addWidget(self.problems)
        self.matches: list[G.Match] = []
        data = glossary()
        self.problems.setText("<br>".join(html.escape(str(p)) for p in data.problems))
        self.problems.setVisible(bool(data.problems))
        self._search("")

    def _search(self, text: str) -> None:
        lang = _language()
        self.matches = glossary().search(text)
        self.results.clear()
        for match in self.matches:
            term = match.term
            label = f"{term.zh} · {term.en}" if lang == "zh" else f"{term.en} · {term.zh}"
            if match.by_variant:
                label = f"{match.matched} → {label}"
            self.results.addItem(label)
        if self.matches:
            self.results.setCurrentRow(0)
        else:
            self.detail.setHtml(html.escape(self.tr("No term matches “{text}”.").format(text=text)))
            self.view_button.hide()
            self.lesson_button.hide()

    @property
    def current(self) -> G.Match | None:
        row = self.results.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def _show(self, _row: int) -> None:
        match = self.current
        if match is None:
            return
        self.detail.setHtml(term_html(match, _language()))
        from workbench.ui import view_actions

        view = match.term.view
        self.view_button.setVisible(bool(view) and hasattr(self.window_, "show_tab"))
        if view:
            self.view_button.setText(self.tr("Show it in {view}").format(view=QtCore.QCoreApplication.translate(
                "ViewActions", view_actions.ACTIONS[view].title)))
        self.lesson_button.setVisible(bool(match.term.lesson) and hasattr(self.window_, "show_tab"))

    def _open_view(self) -> None:
        """The view itself, without running anything (the glossary gives no inputs)."""
        match = self.current
        if match is None or not match.term.view:
            return
        view = match.term.view
        if view == "metrics":
            self.window_.show_tab("Tasks").show_metrics()
        elif view in ("perplexity", "inspect-token"):
            tab = self.window_.show_tab("Generate")
            tab.pages.setCurrentWidget(tab.perplexity if view == "perplexity" else tab.inspector)
        else:
            from workbench.ui import view_actions

            self.window_.show_tab(view_actions.ACTIONS[view].title)

    def _open_lesson(self) -> None:
        match = self.current
        if match is not None and match.term.lesson:
            self.window_.show_tab("Learn").open_lesson(match.term.lesson)


def attach_term(widget: QtWidgets.QWidget, term: str) -> None:
    """Right-click on ``widget`` offers “Look up ‘term’ in the glossary”."""
    widget.setContextMenuPolicy(Qt.CustomContextMenu)

    def menu(point) -> None:
        popup = QtWidgets.QMenu(widget)
        popup.addAction(QtCore.QCoreApplication.translate("Glossary", "Look up “{term}” in the glossary").format(
            term=_display(term)), lambda: look_up(widget, term))
        popup.exec(widget.mapToGlobal(point))

    widget.customContextMenuRequested.connect(menu)
    widget.setProperty("glossary_term", term)


def _display(term: str) -> str:
    match = glossary().lookup(term)
    if match is None:
        return term
    return match.term.zh if _language() == "zh" else match.term.en


def look_up(widget: QtWidgets.QWidget, term: str) -> GlossaryDialog:
    window = widget.window()
    return GlossaryDialog.show_for(window, _display(term))
