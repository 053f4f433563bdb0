"""Model Workbench: a desktop workbench for playing with language models on your own computer."""

__version__ = "0.1.0"
APP_NAME = "Model Workbench"
APP_ID = "model-workbench"
