"""veille: turn industry news into an evidence-backed fact base."""

__version__ = "0.1.0"
