"""Benchmarks at realistic scale: a generated member population and lookup timings."""
