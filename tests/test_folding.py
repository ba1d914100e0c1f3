"""One text folding: the same accents, case, apostrophes and ligatures everywhere."""

from __future__ import annotations

import pytest

from veille.dedup.shingles import folded_words
from veille.resolve.folding import (
    fold,
    fold_keeping_dashes,
    fold_loose,
    fold_name,
    key,
    strip_accents,
)
from veille.store import fold_name as store_fold_name

SAMPLES = [
    "Kénitra", "KENITRA", "l’État", "l'Etat", "Tanger-Med", "Tanger\u2011Med", "Œuvre", "cœur",
    "Groupe Rénault", "groupe-renault", "Straße", "ﬁnance", "Renault\u00a0Maroc", "Ça",
]  # fmt: skip


@pytest.mark.parametrize("text", SAMPLES)
def test_length_stable_folding_keeps_offsets(text: str) -> None:
    assert len(fold(text)) == len(text) == len(strip_accents(text))


def test_the_store_key_is_the_folding_key() -> None:
    assert store_fold_name is fold_name
    assert fold_name("Groupe-Rénault") == fold_name("groupe renault") == "grouperenault"
    assert fold_name("Œuvre") == fold_name("oeuvre")


def test_every_view_drops_accents_case_and_curly_apostrophes_alike() -> None:
    assert fold("l’État") == fold("l'Etat") == "l'etat"
    assert fold_loose("l’État") == "l'etat"
    assert key("Tanger-Med") == key("tanger med") == fold("Tanger\u2011Med")
    assert folded_words("KÉNITRA, l’œuvre") == ["kenitra", "l", "oeuvre"]
    assert folded_words("Cœur") == fold_loose("Cœur").split()


@pytest.mark.parametrize("text", SAMPLES)
def test_the_lexicon_folds_as_everyone_else_but_keeps_dashes(text: str) -> None:
    kept = fold_keeping_dashes(text)
    assert len(kept) == len(text)
    dashes = [i for i, ch in enumerate(text) if ch in "-\u2010\u2011\u2013\u2014"]
    assert all(kept[i] == text[i] for i in dashes)
    assert all(kept[i] == fold(text)[i] for i in range(len(text)) if i not in dashes)


def test_the_lexicon_scanner_reads_hyphenated_phrases_through_that_view() -> None:
    from veille.extract.lexicon import lexicon

    hits = lexicon().scanner.scan("Pas d'accord de Libre-Échange")
    assert ("not_yet", "Libre-Échange") in {(h.kind, h.phrase) for h in hits}
    assert ("agreement", "joint-venture") in {
        (h.kind, h.phrase) for h in lexicon().scanner.scan("une joint-venture")
    }
