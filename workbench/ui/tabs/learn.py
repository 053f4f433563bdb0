"""Learn tab (学习): lessons read from data files, step by step; each step's button opens the view that shows
the idea with its inputs filled in, and a step's question is answered by the live model."""

from __future__ import annotations

import html
import re

from workbench.core import lessons as L
from workbench.core.jobs import WorkbenchError
from workbench.ui import view_actions
from workbench.ui.qt import QtCore, QtGui, QtWidgets, Qt
from workbench.ui.tabs.base import SmokeDone, WorkbenchTab
from workbench.ui.widgets.build import splitter
from workbench.ui.workers import JobSlot

_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|([\w′]+))")


def formula_html(formula: str) -> str:
    """A formula as written in a lesson (plain Unicode, ``x_t``, ``x_{t-1}``, ``W^O``), with sub- and superscripts."""
    def script(m: re.Match) -> str:
        tag = "sub" if m.group(1) == "_" else "sup"
        return f"<{tag}>{m.group(2) if m.group(2) is not None else m.group(3)}</{tag}>"

    return _SCRIPT.sub(script, html.escape(formula))


def language() -> str:
    from workbench.ui.i18n import current_language

    return "zh" if current_language().startswith("zh") else "en"


def step_html(step: L.Step, lang: str, number: int, total: int) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in step.text.get(lang).split("\n\n"))
    formula = ("<table width='100%' cellpadding='10' bgcolor='#eef1fa'><tr><td style='font-size:large; "
               f"font-family:serif'>{formula_html(step.formula.get(lang))}</td></tr></table>"
               if step.formula is not None else "")
    return f"<h3>{number}/{total} · {html.escape(step.title.get(lang))}</h3>{paragraphs}{formula}"


class LearnTab(WorkbenchTab):
    title = QtCore.QT_TRANSLATE_NOOP("Tabs", "Learn")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.loaded = L.LoadedLessons()
        self.lesson: L.Lesson | None = None
        self.index = 0
        self._build()
        self.slot = JobSlot(ctx.pool, self, progress=self.progress, run_buttons=[self.ask_button],
                            stop_buttons=[self.stop_button], status=self.answer.setText)
        self.reload()

    # ---- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        left = QtWidgets.QWidget()
        lv = QtWidgets.QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QtWidgets.QLabel(self.tr("<b>Lessons</b>")))
        self.lesson_list = QtWidgets.QListWidget()
        self.lesson_list.setWordWrap(True)
        self.lesson_list.currentRowChanged.connect(self._lesson_chosen)
        lv.addWidget(self.lesson_list, 1)
        self.problems = QtWidgets.QLabel()
        self.problems.setWordWrap(True)
        self.problems.setObjectName("LessonProblems")
        self.problems.setStyleSheet("#LessonProblems { background:#fff4d6; color:#5d4200; border:1px solid #e0b84f; "
                                    "border-radius:4px; padding:4px 6px; }")
        self.problems.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.problems.hide()
        lv.addWidget(self.problems)
        buttons = QtWidgets.QHBoxLayout()
        self.folder_button = QtWidgets.QPushButton(self.tr("Lessons folder"))
        self.folder_button.setToolTip(self.tr("Open the folder where your own lesson files (*.yaml) go"))
        self.folder_button.clicked.connect(self.open_folder)
        self.reload_button = QtWidgets.QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Read the lesson files again"))
        self.reload_button.clicked.connect(self.reload)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.reload_button)
        lv.addLayout(buttons)

        right = QtWidgets.QWidget()
        rv = QtWidgets.QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        head = QtWidgets.QHBoxLayout()
        self.heading = QtWidgets.QLabel()
        self.heading.setWordWrap(True)
        self.restart_button = QtWidgets.QPushButton(self.tr("Restart lesson"))
        self.restart_button.setToolTip(self.tr("Forget which steps of this lesson are done and start at the first"))
        self.restart_button.clicked.connect(self.restart)
        head.addWidget(self.heading, 1)
        head.addWidget(self.restart_button, 0, Qt.AlignTop)
        rv.addLayout(head)
        body = QtWidgets.QHBoxLayout()
        self.step_list = QtWidgets.QListWidget()
        self.step_list.setWordWrap(True)
        self.step_list.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 24)
        self.step_list.currentRowChanged.connect(self.show_step)
        body.addWidget(self.step_list)
        step_box = QtWidgets.QVBoxLayout()
        self.step_view = QtWidgets.QTextBrowser()
        self.step_view.setOpenExternalLinks(False)
        step_box.addWidget(self.step_view, 1)
        self.action_button = QtWidgets.QPushButton()
        self.action_button.setToolTip(self.tr("Open the view that shows this, with its inputs filled in, and run it"))
        self.action_button.clicked.connect(self.run_action)
        step_box.addWidget(self.action_button, 0, Qt.AlignLeft)
        self.question_box = QtWidgets.QGroupBox(self.tr("Question"))
        qv = QtWidgets.QVBoxLayout(self.question_box)
        self.question = QtWidgets.QLabel()
        self.question.setWordWrap(True)
        qrow = QtWidgets.QHBoxLayout()
        self.ask_button = QtWidgets.QPushButton(self.tr("Ask the model"))
        self.ask_button.setToolTip(self.tr("Compute the answer with the model itself (nothing is written in the lesson)"))
        self.ask_button.clicked.connect(self.ask)
        self.stop_button = QtWidgets.QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(lambda: self.slot.stop())
        self.progress = QtWidgets.QProgressBar()
        self.progress.setMaximumHeight(14)
        qrow.addWidget(self.ask_button)
        qrow.addWidget(self.stop_button)
        qrow.addWidget(self.progress, 1)
        qrow.addStretch(1)
        self.answer = QtWidgets.QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextSelectableByMouse)
        qv.addWidget(self.question)
        qv.addLayout(qrow)
        qv.addWidget(self.answer)
        step_box.addWidget(self.question_box)
        self.action_status = QtWidgets.QLabel()
        self.action_status.setWordWrap(True)
        step_box.addWidget(self.action_status)
        nav = QtWidgets.QHBoxLayout()
        self.back_button = QtWidgets.QPushButton(self.tr("Previous"))
        self.back_button.clicked.connect(lambda: self.step_list.setCurrentRow(self.index - 1))
        self.done_button = QtWidgets.QPushButton(self.tr("Done, next step"))
        self.done_button.setToolTip(self.tr("Mark this step done (kept for next time) and go on"))
        self.done_button.clicked.connect(self.mark_done)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.done_button)
        step_box.addLayout(nav)
        body.addLayout(step_box, 1)
        rv.addLayout(body, 1)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter(Qt.Horizontal, left, right, stretch=(0, 1), sizes=(220, 780)), 1)

    # ---- lessons -----------------------------------------------------------------------------
    def reload(self) -> None:
        current = self.lesson.id if self.lesson else ""
        self.loaded = L.load_lessons(view_actions.params())
        self.problems.setText(self.tr("Some lesson files could not be read:") + "<br>" + "<br>".join(
            html.escape(str(p)) for p in self.loaded.problems))
        self.problems.setVisible(bool(self.loaded.problems))
        self.lesson_list.blockSignals(True)
        self.lesson_list.clear()
        for lesson in self.loaded.lessons:
            item = QtWidgets.QListWidgetItem()
            item.setData(Qt.UserRole, lesson.id)
            self.lesson_list.addItem(item)
        self.lesson_list.blockSignals(False)
        self._label_lessons()
        ids = [x.id for x in self.loaded.lessons]
        if ids:
            self.lesson_list.setCurrentRow(ids.index(current) if current in ids else 0)
        else:
            self.lesson = None
            self.heading.setText(self.tr("No lessons found."))

    def _label_lessons(self) -> None:
        lang = language()
        for row, lesson in enumerate(self.loaded.lessons):
            done = len(set(L.done_steps(self.ctx.settings, lesson.id)) & {s.id for s in lesson.steps})
            mark = "✓ " if done == len(lesson.steps) else ""
            self.lesson_list.item(row).setText(f"{mark}{lesson.title.get(lang)}  ({done}/{len(lesson.steps)})")
            self.lesson_list.item(row).setToolTip(lesson.summary.get(lang))

    def _lesson_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.loaded.lessons):
            return
        self.open_lesson(self.loaded.lessons[row].id)

    def open_lesson(self, lesson_id: str, step: int | None = None) -> None:
        lesson = self.loaded.find(lesson_id)
        if lesson is None:
            return
        self.lesson = lesson
        row = self.loaded.lessons.index(lesson)
        if self.lesson_list.currentRow() != row:
            self.lesson_list.blockSignals(True)
            self.lesson_list.setCurrentRow(row)
            self.lesson_list.blockSignals(False)
        lang = language()
        self.heading.setText(f"<h2 style='margin:0'>{html.escape(lesson.title.get(lang))}</h2>"
                             f"{html.escape(lesson.summary.get(lang))}")
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for s in lesson.steps:
            self.step_list.addItem(s.title.get(lang))
        self.step_list.blockSignals(False)
        self._mark_steps()
        self.step_list.setCurrentRow(L.next_step(self.ctx.settings, lesson) if step is None else step)

    def _mark_steps(self) -> None:
        done = set(L.done_steps(self.ctx.settings, self.lesson.id))
        style = self.style()
        for row, s in enumerate(self.lesson.steps):
            icon = style.standardIcon(QtWidgets.QStyle.SP_DialogApplyButton) if s.id in done else QtGui.QIcon()
            self.step_list.item(row).setIcon(icon)

    def show_step(self, index: int) -> None:
        if self.lesson is None or not 0 <= index < len(self.lesson.steps):
            return
        if self.slot.running:
            self.slot.stop()
        self.index = index
        step = self.lesson.steps[index]
        lang = language()
        self.step_view.setHtml(step_html(step, lang, index + 1, len(self.lesson.steps)))
        self.action_button.setVisible(step.action is not None)
        if step.action is not None:
            label = step.action.label.get(lang) if step.action.label else self.tr("Open {view}").format(
                view=QtCore.QCoreApplication.translate("ViewActions", view_actions.ACTIONS[step.action.view].title))
            self.action_button.setText("▶ " + label)
        self.question_box.setVisible(step.question is not None)
        if step.question is not None:
            self.question.setText(html.escape(step.question.ask.get(lang)))
        self.answer.clear()
        self.action_status.clear()
        self.back_button.setEnabled(index > 0)
        last = index == len(self.lesson.steps) - 1
        self.done_button.setText(self.tr("Done, finish the lesson") if last else self.tr("Done, next step"))

    @property
    def step(self) -> L.Step | None:
        return self.lesson.steps[self.index] if self.lesson is not None else None

    def mark_done(self) -> None:
        if self.lesson is None:
            return
        L.mark_done(self.ctx.settings, self.lesson.id, self.step.id)
        self.ctx.save_settings()
        self._mark_steps()
        self._label_lessons()
        if self.index + 1 < len(self.lesson.steps):
            self.step_list.setCurrentRow(self.index + 1)
        else:
            self.action_status.setText(self.tr("Lesson finished. Pick another one on the left, or restart this one."))

    def restart(self) -> None:
        if self.lesson is None:
            return
        L.restart(self.ctx.settings, self.lesson.id)
        self.ctx.save_settings()
        self._label_lessons()
        self.open_lesson(self.lesson.id, 0)

    # ---- the step's view and question ----------------------------------------------------------
    def _model_for(self, inputs: dict) -> dict:
        """The lesson's inputs, with its model swapped for the chosen one when the library lacks it (said once)."""
        ref = inputs.get("model")
        if ref and ref not in {e.name for e in self.ctx.entries} and self.ctx.current_model:
            self.action_status.setText(self.tr("The lesson's model {model} is not installed; using {chosen} "
                                               "instead.").format(model=ref, chosen=self.ctx.current_model))
            return {k: v for k, v in inputs.items() if k != "model"}
        return inputs

    def run_action(self) -> None:
        step = self.step
        if step is None or step.action is None:
            return
        window = self.window()
        if not hasattr(window, "open_view"):
            self.action_status.setText(self.tr("⚠ The lesson's views open in the main window only."))
            return
        self.action_status.clear()
        try:
            window.open_view(step.action.view, self._model_for(step.action.inputs))
        except WorkbenchError as exc:
            self.action_status.setText(self.tr("⚠ {message} {hint}").format(message=exc.message, hint=exc.hint))

    def ask(self) -> None:
        step = self.step
        if step is None or step.question is None:
            return
        question = L.Question(step.question.ask, step.question.answer, self._model_for(step.question.inputs))
        self.slot.submit(L.answer, self.ctx.service, question, self.ctx.current_model or "", name="lesson-answer",
                         busy=self.tr("Asking the model…"), on_success=self.answer.setText)

    def open_folder(self) -> None:
        folder = L.user_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(folder)))

    # ---- contract ------------------------------------------------------------------------------
    def smoke(self, model: str, done: SmokeDone) -> None:
        question = L.Question(L.Text("", ""), "next-token", {"prompt": "The capital of France is"})
        self.ctx.pool.submit(L.answer, self.ctx.service, question, model, name="smoke-learn",
                             on_success=lambda text: done(True, text), on_error=lambda info: done(False, info.message))

    def shutdown(self) -> None:
        self.slot.shutdown()
