"""Language models trained from scratch on the user's own text (an LSTM/GRU, a small Transformer, or n-gram counts).

The names of the workbench's own model types and their registration with transformers are in
``workbench.core.modeltypes``, low in core, where loading and attention read them.
"""
