"""The Fine-tune tab: ``tab`` (the pages and the controller that runs their jobs), ``data_page``,
``train_page``, ``runs_page``, ``pretrain_page`` (From scratch), ``training_run`` (the child-process
runner and charts both training pages use) and ``results`` (plans, verdicts, before/after)."""

from workbench.ui.tabs.finetune.tab import FinetuneTab

__all__ = ["FinetuneTab"]
