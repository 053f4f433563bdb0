from workbench.ui.qt import QtWidgets
from workbench.ui.main_window import MainWindow


def test_window_lists_library_and_loads_a_model(qtbot, ctx, tiny):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    ctx.library.import_folder(tiny("llama"), name="tiny-llama")
    ctx.refresh_library()
    page, library = window.tab("Models").library, window.tab("Models").library_controller
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=60000)
    names = [e.name for e in page.model.entries]
    assert "tiny-llama" in names
    assert page.select("tiny-llama")
    library.load_selected()
    qtbot.waitUntil(lambda: bool(ctx.service.loaded()), timeout=60000)
    qtbot.waitUntil(lambda: not library.slot.running, timeout=5000)
    qtbot.waitUntil(lambda: "Loaded tiny-llama" in page.status.text(), timeout=5000)
    qtbot.waitUntil(lambda: "tiny-llama" in window.model_label.text(), timeout=5000)
    assert window.picker.currentData() == "tiny-llama"
    library.unload_selected()
    qtbot.waitUntil(lambda: page.status.text() == "Unloaded tiny-llama.", timeout=10000)
    assert ctx.service.loaded() == []
    window.close()


def test_import_error_shows_in_banner_and_app_keeps_running(qtbot, ctx, tmp_path):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    (tmp_path / "not-a-model").mkdir()
    page = window.tab("Models").library
    window.tab("Models").library_controller.start_import(tmp_path / "not-a-model")
    banner = window.tab("Models").banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "no config.json" in banner.text.text()
    assert page.import_folder_button.isEnabled()
    window.close()


def test_geometry_is_remembered(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.show()
    window.close()
    assert ctx.settings.window_geometry
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert abs(again.width() - 700) < 40
    again.close()


def test_preferences_apply_to_the_service_and_persist(qtbot, ctx):
    from workbench.core import settings as settings_mod
    from workbench.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.dtype.setCurrentIndex(dialog.dtype.findData("bfloat16"))
    dialog.max_loaded.setValue(2)
    dialog.accept()
    assert ctx.service.options.dtype == "bfloat16" and ctx.service.max_loaded == 2
    saved = settings_mod.load().settings
    assert saved.dtype == "bfloat16" and saved.max_loaded_models == 2


def test_corrupt_settings_file_is_reported_in_the_status_bar(qtbot, library):
    from workbench.core import settings as settings_mod
    from workbench.ui.context import AppContext

    path = settings_mod.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    from workbench.ui.app import install_language

    install_language(QtWidgets.QApplication.instance())  # as the app starts: it peeks before the window loads
    assert path.exists()
    context = AppContext(library=library)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "could not be read" in window.statusBar().currentMessage(), timeout=3000)
    assert list(path.parent.glob("settings.corrupt-*"))
    window.close()
