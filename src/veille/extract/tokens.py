"""Sentences as tokens with lemmas, and for French a dependency tree: what the grammar reads.

French: `fr_core_news_md` tags, parses and lemmatises a sentence. Its
tokenizer splits `20 000` in two, which misleads the parser, so each figure's
digits are merged into one token first. English: no official parser is on
the registry, so a blank English pipeline gives tokens and spaCy's lookup
lemmas (from the `spacy-lookups-data` package); the tree is left empty and
`clauses` reads English with a small clause grammar instead.

Both models load once per process and only when a sentence needs them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

# The digits of a figure, with the group separators writers use inside them.
_DIGITS = re.compile(r"\d(?:[\d \u00a0\u202f.,'’]*\d)?")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: offsets into the sentence, its lemma, and its place in the tree if any."""

    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str  # universal POS tag, "" without a tagger
    dep: str  # dependency label, "" without a parser
    head: int  # index of the head token (itself at the root), -1 without a parser
    verb_form: str  # "Fin", "Inf", "Part" or ""
    mood: str  # "Ind", "Cnd", "Sub", "Imp" or ""
    tense: str  # "Pres", "Past", "Fut", "Imp" or ""


@dataclass(frozen=True, slots=True)
class Parse:
    """A sentence's tokens; `tree` says whether heads and labels are set."""

    language: str
    tokens: tuple[Token, ...]
    tree: bool

    def index_at(self, offset: int) -> int | None:
        """The token that covers character `offset`, or the first one after it."""
        for index, token in enumerate(self.tokens):
            if token.end > offset:
                return index
        return None

    def children(self, index: int) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.head == index and i != index]

    def ancestors(self, index: int) -> list[int]:
        """Heads from the token's own head up to the root (guarded against cycles)."""
        chain: list[int] = []
        current = index
        while self.tree and self.tokens[current].head != current and len(chain) < len(self.tokens):
            current = self.tokens[current].head
            chain.append(current)
        return chain


@cache
def french_model() -> Any:
    """`fr_core_news_md` with tagger, parser and lemmatizer (NER is run apart, on demand).

    Its layers multiply matrices through numpy (OpenBLAS) rather than thinc's
    default BLIS: on the small matrices of a few sentences BLIS is two to four
    times slower here, and the model reads a third faster (`bench/RESULTS.md`).
    Both compute the same products; the tests hold the claims to the gold sets.
    OpenBLAS is held to one thread for the whole process: a sentence's matrices
    are too small to share, extra threads only spin, and a batch's parallelism
    comes from its workers (one process per core).
    """
    import spacy
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")

    with use_ops("numpy", use_blis=False):  # layers keep the ops they were built with
        nlp = spacy.load("fr_core_news_md")
    _index_as_sets(nlp.get_pipe("lemmatizer"))
    return nlp


def _index_as_sets(lemmatizer: Any) -> None:
    """Make the French lemmatizer's word index sets: the same lemmas, found in constant time.

    spaCy's `FrenchLemmatizer` only asks `word in index[pos]`, and the lookups
    data stores each index as a list (66 000 nouns), so every token it has not
    cached was a linear scan: a third of the parse. Membership is all it reads,
    so a set answers the same.
    """
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        index[pos] = frozenset(words)


@cache
def _english() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def parse_sentence(text: str, language: str, figures: Sequence[tuple[int, int]] = ()) -> Parse:
    """Tokens of `text`; for French, tagged and parsed with each figure's digits as one token."""
    if language != "fr":
        doc = _english()(text)
        return Parse(language, tuple(_token(t, tree=False) for t in doc), tree=False)
    return parse_french([(text, figures)])[0]


def parse_french(sentences: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[Parse]:
    """`parse_sentence` of several French sentences, each component run once over all of them.

    A component's call has a fixed cost of about a third of its time on one
    sentence; each sentence's annotations are the same as alone.
    """
    nlp = french_model()
    docs = [_merged_figures(nlp, text, figures) for text, figures in sentences]
    for name, component in nlp.pipeline:
        if name != "ner":
            docs = list(component.pipe(docs, batch_size=len(docs)))
    return [Parse("fr", tuple(_token(t, tree=True) for t in doc), tree=True) for doc in docs]


def _merged_figures(nlp: Any, text: str, figures: Sequence[tuple[int, int]]) -> Any:
    """The sentence's tokens, the digits of each figure merged into one."""
    doc = nlp.make_doc(text)
    spans: list[Any] = []
    for start, end in figures:
        digits = _DIGITS.search(text, start, end)
        if digits is None:
            continue
        span = doc.char_span(digits.start(), digits.end(), alignment_mode="expand")
        if span is not None and len(span) > 1 and not any(span.start < s.end for s in spans[-1:]):
            spans.append(span)
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span, attrs={"POS": "NUM"})
    return doc


def _token(token: Any, *, tree: bool) -> Token:
    morph = token.morph
    return Token(
        start=token.idx,
        end=token.idx + len(token.text),
        text=token.text,
        lower=token.lower_.replace("’", "'"),
        lemma=(token.lemma_ or token.lower_).lower().replace("’", "'"),
        pos=token.pos_,
        dep=token.dep_ if tree else "",
        head=token.head.i if tree else -1,
        verb_form=_first(morph.get("VerbForm")),
        mood=_first(morph.get("Mood")),
        tense=_first(morph.get("Tense")),
    )


def _first(values: list[str]) -> str:
    return values[0] if values else ""


@cache
def phrase_tokens(phrase: str, language: str) -> tuple[str, ...]:
    """A cue phrase as it is matched: English by lemmas, French by lower-cased tokens."""
    if language == "fr":
        return tuple(t.lower_.replace("’", "'") for t in french_model().make_doc(phrase))
    return tuple((t.lemma_ or t.lower_).lower() for t in _english()(phrase))


def lemmatised(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """English text as its lemmas joined by spaces, with each token's span in the text and
    in the lemma string: `(start, end, lemma_start, lemma_end)`."""
    doc = _english()(text)
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    position = 0
    for token in doc:
        lemma = (token.lemma_ or token.text).lower()
        if parts:
            position += 1
        spans.append((token.idx, token.idx + len(token.text), position, position + len(lemma)))
        parts.append(lemma)
        position += len(lemma)
    return " ".join(parts), spans
