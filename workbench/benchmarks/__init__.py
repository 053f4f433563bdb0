"""Benchmarks behind ``workbench bench NAME``: each module has ``run(args) -> dict``.

They may use Qt (to measure the real widgets' event-loop heartbeat), so they live outside core.
"""
