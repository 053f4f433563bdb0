"""Test helpers that ship with the package (benchmarks use them too)."""
