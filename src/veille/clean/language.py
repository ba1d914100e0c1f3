"""French or English: the only two languages the pipeline reads.

py3langid restricted to fr/en is reliable on paragraphs; on a title-sized text
its guess is noise, so short or unsure texts go to a stopword vote first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("fr", "en")
SURE = 0.95
SHORT = 200
# fmt: off
FR_WORDS = frozenset(
    [
        "le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "sont", "à", "au", "aux",
        "dans", "pour", "par", "sur", "avec", "qui", "que", "ne", "pas", "plus", "son", "sa",
        "ses", "ce", "cette", "il", "elle", "nous", "vous", "ont", "été", "d", "l", "en",
    ]
)
# fmt: on
# fmt: off
EN_WORDS = frozenset(
    [
        "the", "of", "and", "to", "in", "is", "are", "was", "were", "for", "on", "with", "that",
        "this", "by", "from", "at", "it", "its", "as", "be", "has", "have", "will", "an", "which",
        "their", "said",
    ]
)
# fmt: on


@lru_cache(maxsize=1)
def _identifier() -> Any:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _stopword_vote(text: str) -> str | None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    fr = sum(word in FR_WORDS for word in words)
    en = sum(word in EN_WORDS for word in words)
    if fr == en:
        return None
    return "fr" if fr > en else "en"


def detect_language(text: str) -> str:
    """`fr` or `en` for a cleaned text; `fr` when there is nothing to go on."""
    sample = text[:5000]
    lang, prob = _identifier().classify(sample)
    if len(sample) >= SHORT and prob >= SURE:
        return str(lang)
    vote = _stopword_vote(sample)
    if vote is not None:
        return vote
    return str(lang) if sample.strip() else "fr"
