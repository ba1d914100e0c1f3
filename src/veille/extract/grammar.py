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

from veille.extract.clauses import planned_verbs, tells_of_past
from veille.extract.tokens import Parse, french_model, parse_sentence
from veille.languages import language_cues


@dataclass(frozen=True, slots=True)
class Tense:
    """A sentence's parse, with the offsets of planning verbs and whether it tells of the past."""

    parse: Parse
    target_verbs: tuple[int, ...]
    past_tense: bool


def read_tense(text: str, language: str, figures: Sequence[tuple[int, int]] = ()) -> Tense:
    """The sentence's grammar: parsed (French) or tokenised with lemmas (English)."""
    parse = parse_sentence(text, language, figures)
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
    doc = nlp.get_pipe("ner")(nlp.make_doc(text))
    return tuple(
        (ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in ("ORG", "MISC")
    )
