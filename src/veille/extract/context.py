"""What the extractor knows about one candidate sentence, computed once and shared by every rule."""

from __future__ import annotations

from dataclasses import dataclass

from veille.extract.lexicon import Hit
from veille.extract.quantities import Quantity
from veille.extract.sentences import Sentence
from veille.extract.tokens import Parse
from veille.resolve import Mention, PlaceMention

# Organisations that sign agreements and state figures for others but are not,
# as a rule, the subject of an organisation's figures.
STATE_KINDS = frozenset({"government", "ministry"})
# Associations, agencies and central banks publish figures about a market or a
# country (SCHEMA.md rule 1): they are sources, never the subject of a figure.
SOURCE_KINDS = frozenset({"association", "agency", "central_bank", "exchange"})
# Ports handle other organisations' vehicles: their throughput is nobody's figure.
FIGURELESS_KINDS = STATE_KINDS | SOURCE_KINDS | {"port"}


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """A sentence with its lexicon hits, figures, organisations and places (sentence offsets)."""

    sentence: Sentence
    hits: tuple[Hit, ...]
    quantities: tuple[Quantity, ...]
    mentions: tuple[Mention, ...]
    places: tuple[PlaceMention, ...]
    target_verbs: tuple[int, ...]  # offsets of verbs in the future or conditional
    past_tense: bool
    parse: Parse | None = None  # tokens (and for French the tree), when the grammar was read
    language: str = "fr"  # the article's: every language cue is read in it

    @property
    def text(self) -> str:
        return self.sentence.text

    def hits_of(self, kind: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Hits of one kind that lie within [start, end)."""
        stop = len(self.text) if end is None else end
        return [h for h in self.hits if h.kind == kind and h.start >= start and h.end <= stop]

    def has(self, kind: str, start: int = 0, end: int | None = None) -> bool:
        return bool(self.hits_of(kind, start, end))

    def figures(self) -> list[Quantity]:
        """The quantities that are not bare years."""
        return [q for q in self.quantities if not q.is_year]

    def years(self) -> list[Quantity]:
        return [q for q in self.quantities if q.is_year]
