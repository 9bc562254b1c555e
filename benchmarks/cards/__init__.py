"""Benchmark 12: reading business-card photos (see bench.py)."""

from cards.bench import measure

__all__ = ["measure"]
