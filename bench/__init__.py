"""Benchmarks: they print figures and ratios, and assert nothing (speed is not a test)."""
