"""Tasks tab: ready-to-try demos (sentiment, classification, entities, QA, summaries, translation,
fill-mask, semantic search, chat, generation) on the models that fit each task.

``tab`` (the task list, and the controller: fitting models, the Chinese check, running through the tab's job
slot), ``task_page`` (one task's page, widgets only) and ``results`` (a view per result shape). Everything runs
in ``workbench.core.tasks`` on the worker bridge.
"""

from workbench.ui.tabs.tasks.tab import TasksTab

__all__ = ["TasksTab"]
