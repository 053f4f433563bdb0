"""The Embeddings tab: ``tab`` (the controller: jobs, Stop, exports) and its pages: Words, Sentences, Contexts
(with ``static_contextual_panel``), ``atlas_page`` and ``word_vectors_page``."""

from workbench.ui.tabs.embeddings.tab import EXAMPLE, EmbeddingsTab

__all__ = ["EXAMPLE", "EmbeddingsTab"]
