"""Claims from cleaned articles: figures, dates and partnerships about organisations."""

from veille.extract.extractor import extract_claims

__all__ = ["extract_claims"]
