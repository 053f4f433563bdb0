"""The Generate tab, a package: ``tab.py`` lays out the panels and names their widgets;
``controller.py`` runs the generation, the comparison and the prompt's token count (jobs, cancel,
branches); the panels are widgets only: ``model_bar.py``, ``sampling_panel.py`` (presets and sampling
controls), ``prompt_panel.py`` (the Write and Prompt tokens pages) with ``chat_panel.py``,
``output_view.py``, ``compare_panel.py``, ``tokens_panel.py`` with ``token_table.py``; ``texts.py``
holds the texts made at module level."""

from workbench.ui.tabs.generate.tab import GenerateTab

__all__ = ["GenerateTab"]
