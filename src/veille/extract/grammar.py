"""A sentence's grammar and names: the one place where the extractor runs a statistical model.

French is parsed by `fr_core_news_md` (`tokens`), and `clauses` reads each
figure's status from its verb; English is tokenised with lemmas and read by a
clause grammar. Both run only on the candidate sentences whose claims depend
on them (`triage`). Names the gazetteer lacks come from the French NER, and
for English from company forms (`X Motors`, `X Ltd`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from veille.extract.clauses import planned_verbs, tells_of_past
from veille.extract.tokens import Parse, french_model, parse_french, parse_sentence
from veille.languages import language_cues


@dataclass(frozen=True, slots=True)
class Tense:
    """A sentence's parse, with the offsets of planning verbs and whether it tells of the past."""

    parse: Parse
    target_verbs: tuple[int, ...]
    past_tense: bool


def read_tense(text: str, language: str, figures: Sequence[tuple[int, int]] = ()) -> Tense:
    """The sentence's grammar: parsed (French) or tokenised with lemmas (English)."""
    return _tense(parse_sentence(text, language, figures), language)


def read_tense_batch(
    sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]], language: str
) -> list[Tense]:
    """`read_tense` of each (text, figures), the French model run once over all of them."""
    if language != "fr":
        return [read_tense(text, language, figures) for text, figures in sentences]
    return [_tense(parse, language) for parse in parse_french(sentences)]


def _tense(parse: Parse, language: str) -> Tense:
    cues = language_cues(language)
    return Tense(parse, planned_verbs(parse, cues), tells_of_past(parse))


def find_names(text: str, language: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the organisation names a statistical NER finds in the sentence.

    The French model's NER has its own embedding layer, so it runs apart from
    the parser: each is paid for only when the extractor needs it. English has
    no model here; its company forms (`X Motors`, `X Ltd`) are found for every
    sentence by `names.company_forms`.
    """
    if language != "fr":
        return ()
    nlp = french_model()
    return _organisations(nlp.get_pipe("ner")(nlp.make_doc(text)))


def find_names_batch(texts: Sequence[str], language: str) -> list[tuple[tuple[int, int], ...]]:
    """`find_names` of each text, the model run once over all of them.

    A call's fixed cost is about a third of the NER's time on one sentence;
    each sentence's names are the same as `find_names` gives it alone.
    """
    if language != "fr":
        return [() for _ in texts]
    nlp = french_model()
    docs = nlp.get_pipe("ner").pipe([nlp.make_doc(t) for t in texts], batch_size=len(texts))
    return [_organisations(doc) for doc in docs]


def _organisations(doc: Any) -> tuple[tuple[int, int], ...]:
    return tuple(
        (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("ORG", "MISC")
    )
