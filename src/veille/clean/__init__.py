"""Cleaning: raw documents to articles (main text, title, date, language)."""

from veille.clean.document import clean_document, clean_with_stats
from veille.clean.errors import CleanError

__all__ = ["CleanError", "clean_document", "clean_with_stats"]
