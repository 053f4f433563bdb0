"""The Attention tab: ``tab`` (the controller: capture jobs, the views of a capture, export), and its pages:
the heatmap (an LSTM/GRU shows ``rnn_state_view`` in its place), ``inputs_page``, ``math_page`` (Computed) and
``ablation_page`` (Switch heads off)."""

from workbench.ui.tabs.attention.tab import AttentionTab

__all__ = ["AttentionTab"]
