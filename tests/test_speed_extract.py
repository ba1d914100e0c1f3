"""Extraction's shortcuts give what the plain computation gives: the word-number pattern
without its case flag, the matchers' fold and acceptance caches, and the model run over
several sentences at once."""

from __future__ import annotations

import re

import pytest

from veille.extract import triage
from veille.extract.context import SentenceContext
from veille.extract.grammar import find_names, find_names_batch, read_tense, read_tense_batch
from veille.extract.lexicon import CASE_TWINS, lexicon
from veille.extract.sentences import Sentence
from veille.extract.tokens import parse_french, parse_sentence
from veille.resolve.folding import fold
from veille.resolve.matcher import AliasMatcher, folded_once

FRENCH = [
    ("Renault a vendu 12 500 voitures au Maroc en 2023, selon l'AIVAM.", ((16, 22),)),
    ("La société Xantor Industries produira 20 000 faisceaux par an à Kénitra.", ((38, 44),)),
    ("Le groupe emploie 1 200 personnes et vise 3 000 emplois d'ici 2026.", ((18, 23), (42, 47))),
    ("Stellantis et Dongfeng signeront un accord de partenariat à Tanger.", ()),
]


def test_case_twins_are_every_character_the_case_flag_equates_with_an_ascii_letter() -> None:
    everything = "".join(map(chr, range(0x110000)))
    twins = {m.group() for m in re.finditer("[a-z]", everything, re.IGNORECASE)}
    assert {c for c in twins if not c.islower() or not c.isascii()} == {
        c for c in map(chr, range(0x110000)) if CASE_TWINS.fullmatch(c)
    }


@pytest.mark.parametrize(
    "text",
    [
        "trois mille voitures et deux cents emplois",
        "une cinquantaine de salaries, vingt et un mille unites",
        "DEUX MILLE vehicules",  # upper case: the case-blind pattern decides
        "deux mılle et troıs",  # dotless i: the case flag equates it with i
        "ſeize mille",  # long s
        "three hundred and fifty jobs, twenty-one thousand cars",
    ],
)
def test_the_word_number_pattern_finds_what_the_case_blind_one_finds(text: str) -> None:
    pattern = lexicon().word_number_pattern
    folded = fold(text)
    found = [m.span() for m in pattern.finditer(folded)]
    assert found == [m.span() for m in pattern.pattern.finditer(folded)]


def test_the_matcher_answers_the_same_from_its_caches() -> None:
    matcher = AliasMatcher([("Neo", "neo", True), ("Renault", "renault", False)])
    text = "Neo, neo et NEO ; RENAULT et Renault-Nissan, pas Renaultiste."
    first = matcher.find(text)
    assert [h.surface for h in first] == ["Neo", "NEO", "RENAULT", "Renault"]
    assert matcher.find(text) == first
    assert folded_once(text) == fold(text)


def test_names_over_several_sentences_are_each_sentence_s_names() -> None:
    texts = [text for text, _ in FRENCH]
    assert find_names_batch(texts, "fr") == [find_names(t, "fr") for t in texts]
    assert find_names_batch(texts, "en") == [(), (), (), ()]


def test_parses_over_several_sentences_are_each_sentence_s_parse() -> None:
    assert parse_french(FRENCH) == [parse_sentence(t, "fr", f) for t, f in FRENCH]
    assert read_tense_batch(FRENCH, "fr") == [read_tense(t, "fr", f) for t, f in FRENCH]


def test_a_sentence_read_ahead_is_read_once_then_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    batch = triage.find_names_batch

    def counted(texts: list[str], language: str) -> list[tuple[tuple[int, int], ...]]:
        calls.append(len(texts))
        return batch(texts, language)

    monkeypatch.setattr(triage, "find_names_batch", counted)
    monkeypatch.setattr(triage, "_NAMES_AHEAD", {})
    later = FRENCH[2][0]
    triage._NAMES_AHEAD[later] = ((0, 9),)
    assert triage._names_in(_context(later), [], "fr") == ((0, 9),)
    assert later not in triage._NAMES_AHEAD
    assert calls == []


def _context(text: str) -> SentenceContext:
    return SentenceContext(Sentence(0, 0, len(text), text), (), (), (), (), (), False)


def test_the_french_model_multiplies_through_numpy_on_one_blas_thread() -> None:
    from thinc.api import NumpyOps, get_current_ops
    from threadpoolctl import threadpool_info

    from veille.extract.tokens import french_model

    nlp = french_model()
    for name in ("tok2vec", "ner"):
        ops = nlp.get_pipe(name).model.ops
        assert isinstance(ops, NumpyOps)
        assert not ops.use_blis, f"{name} still multiplies through BLIS"
    assert getattr(get_current_ops(), "use_blis", True)  # the process's default is left alone
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_the_model_reads_the_article_s_later_paragraphs_in_the_same_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    from veille.extract import extract_claims
    from veille.records import Article

    paragraphs = (
        "Le groupe Renault a produit 300 000 véhicules à Tanger en 2023.",
        "Renault prévoit de porter la capacité de l'usine à 500 000 véhicules d'ici 2026.",
        "Au Maroc, Stellantis a vendu 50 000 voitures l'an dernier.",
    )
    article = Article("a.txt", None, None, date(2024, 3, 1), "fr", paragraphs)
    reference = extract_claims(article, exhaustive=True)
    batches: list[int] = []
    alone: list[str] = []
    batch, single = triage.read_tense_batch, triage.read_tense

    def counted_batch(sentences: list[tuple[str, tuple[int, ...]]], language: str) -> list:
        batches.append(len(sentences))
        return batch(sentences, language)

    def counted_single(text: str, language: str, figures: tuple = ()) -> triage.Tense:
        alone.append(text)
        return single(text, language, figures)

    monkeypatch.setattr(triage, "read_tense_batch", counted_batch)
    monkeypatch.setattr(triage, "read_tense", counted_single)
    monkeypatch.setattr(triage, "_TENSE_AHEAD", {})
    assert extract_claims(article) == reference
    assert len(reference) == 3
    assert batches == [3] and alone == []
