"""The model service layer. Never imports Qt, ``workbench.ui`` or ``workbench.cli``."""
