"""One text folding: the same accents, case, apostrophes and ligatures everywhere."""

from __future__ import annotations

import pytest

from veille.dedup.shingles import folded_words
from veille.resolve.folding import fold, fold_loose, fold_name, key, strip_accents
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
