"""The Qt desktop app. Everything here runs on the GUI thread except what workers.py starts."""
