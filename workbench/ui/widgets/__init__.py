"""Widgets shared by tabs."""
