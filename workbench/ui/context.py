"""What every tab shares: settings, the model library and service, the worker pool, the chosen model."""

from __future__ import annotations

import logging

from workbench.core import settings as settings_mod
from workbench.core.library import Library, ModelEntry
from workbench.core.service import ModelService
from workbench.ui.qt import QtCore, Signal
from workbench.ui.workers import WorkerPool

log = logging.getLogger(__name__)


class AppContext(QtCore.QObject):
    model_changed = Signal(str)  # the reference chosen in the shared model picker
    library_changed = Signal(list)  # list[ModelEntry] after a refresh
    loaded_changed = Signal()  # a model was loaded or unloaded (emitted from any thread; queued)
    status_message = Signal(str, int)  # text, milliseconds
    open_in_tab = Signal(str, str)  # tab title, model reference ("Try it")
    open_attention = Signal(str, str)  # model, text: the Attention tab captures it and generates one step

    def __init__(self, settings: settings_mod.Settings | None = None, library: Library | None = None,
                 parent: QtCore.QObject | None = None):
        super().__init__(parent)
        if settings is None:
            outcome = settings_mod.load()
            settings = outcome.settings
            self.settings_problem = outcome.problem
        else:
            self.settings_problem = ""
        self.settings = settings
        self.library = library or Library()
        self.service = ModelService.from_settings(settings, self.library, on_change=self.loaded_changed.emit)
        self.pool = WorkerPool(self)
        self.entries: list[ModelEntry] = []
        self.current_model: str = settings.last_model

    def set_model(self, ref: str) -> None:
        if ref and ref != self.current_model:
            self.current_model = ref
            self.settings.last_model = ref
            self.model_changed.emit(ref)

    def entry(self, name: str) -> ModelEntry | None:
        return next((e for e in self.entries if e.name == name), None)

    def refresh_library(self) -> None:
        from workbench.core.engines.remote import all_models

        self.pool.submit(all_models, self.library, name="library", on_success=self._set_entries)

    def _set_entries(self, entries: list[ModelEntry]) -> None:
        self.entries = entries
        self.library_changed.emit(entries)

    def save_settings(self) -> None:
        if self.service.cpu_bf16_faster is not None:
            self.settings.cpu_bf16_faster = self.service.cpu_bf16_faster
        try:
            settings_mod.save(self.settings)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
