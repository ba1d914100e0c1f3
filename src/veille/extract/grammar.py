"""Verb tense and mood, and names: the one place where the extractor runs a statistical model.

French marks plans with the future and the conditional (`emploiera`,
`devrait`); `fr_core_news_md`'s morphologizer reads them reliably. It runs only
on the candidate sentences whose claims depend on it, with the parser off. English has no
official model on the registry, so English relies on cue words (`will`,
`plans to`) and on a past-tense word list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_EN_PAST = re.compile(
    r"\b(?:\w{3,}ed|sold|built|made|shipped|rolled|turned|grew|rose|fell|hit|reached|was|were|"
    r"had|did|signed|spent|took)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Tense:
    """Offsets of verbs in the future or conditional, and whether a verb is in the past."""

    target_verbs: tuple[int, ...]
    past_tense: bool


# English has no model here: a run of capitalised words ending in a company word.
_EN_ORGANISATION = re.compile(
    r"\b(?:[A-Z][\w&'-]+\s){1,3}(?:Inc|Corp|Corporation|Ltd|Limited|Group|Motors|Electric|"
    r"Industries|Technologies|Automotive|Holding|Holdings|SA|AG|GmbH|Co)\b\.?"
)


@cache
def _french_model() -> Any:
    import spacy

    return spacy.load(
        "fr_core_news_md",
        exclude=["parser", "lemmatizer", "attribute_ruler", "senter"],
    )


def read_tense(text: str, language: str) -> Tense:
    """Where the sentence speaks of the future, and whether it tells of the past."""
    if language != "fr":
        return Tense((), bool(_EN_PAST.search(text)))
    nlp = _french_model()
    doc = nlp.get_pipe("morphologizer")(nlp.get_pipe("tok2vec")(nlp.make_doc(text)))
    future: list[int] = []
    past = False
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        mood, tense = token.morph.get("Mood"), token.morph.get("Tense")
        if "Cnd" in mood or "Fut" in tense:
            future.append(token.idx)
        if "Past" in tense or "Imp" in tense:
            past = True
    return Tense(tuple(future), past)


def find_names(text: str, language: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the organisation names a statistical NER finds in the sentence.

    The French model's NER has its own embedding layer, so it runs apart from
    the morphologizer: each is paid for only when the extractor needs it.
    """
    if language != "fr":
        return tuple((m.start(), m.end()) for m in _EN_ORGANISATION.finditer(text))
    nlp = _french_model()
    doc = nlp.get_pipe("ner")(nlp.make_doc(text))
    return tuple(
        (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("ORG", "MISC")
    )
