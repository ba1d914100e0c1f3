"""Cleaning stays cheap: language from a bounded sample, dates without dateparser when plain,
boilerplate searched only in lines holding a rule's word; each shortcut decides as before."""

from __future__ import annotations

import dataclasses
from datetime import date

import dateparser
import pytest

from veille.clean import boilerplate, dates, language
from veille.clean.text import has_text

FRENCH = (
    "Le constructeur a annoncé la création de 1 200 emplois dans son usine de Kénitra, "
    "qui produira des faisceaux pour les marques installées au Maroc. "
)
ENGLISH = "The plant will make wiring harnesses for the carmakers that build cars in the region. "


def test_the_language_is_read_on_the_start_of_a_long_text() -> None:
    text = FRENCH * 6 + ENGLISH * 80  # a French article, then a long English appendix
    assert len(FRENCH * 6) < language.SAMPLE < len(text)
    assert language.detect_language(text) == "fr"


def test_function_words_decide_a_plain_article_and_stay_quiet_on_a_mixed_one() -> None:
    assert language._decisive_vote(FRENCH * 3) == "fr"
    assert language._decisive_vote(ENGLISH * 3) == "en"
    assert language._decisive_vote(FRENCH + ENGLISH) is None  # py3langid decides


@pytest.mark.parametrize(
    "text",
    [
        "12 février 2025", "1er mars 2024", "3 févr. 2024", "14 juillet 2021", "1 Sept 2023",
        "February 12, 2025", "12th March 2025", "Feb. 3, 2024", "March 1st, 2022",
        "2024-02-09", "08.03.2025", "3-4-2024", "09/11/2024",
    ],
)  # fmt: skip
def test_plain_dates_are_read_as_dateparser_reads_them(text: str) -> None:
    expected = dateparser.parse(text, languages=dates.LANGUAGES, settings=dates.SETTINGS)
    assert expected is not None
    assert dates._plain_date(text) == expected.date()


def test_other_shapes_still_go_to_dateparser() -> None:
    assert dates._plain_date("31/02/2024") is None  # not a date: dateparser decides
    assert dates._plain_date("12 brumaire 2024") is None
    assert dates.parse_date("2024-02-09") == date(2024, 2, 9)


def _searched_always(rule: boilerplate.Rule) -> boilerplate.Rule:
    """The same rule with no word test before its search: the reference."""
    return dataclasses.replace(rule, needs=())


@pytest.mark.parametrize(
    "line",
    [
        "Partagez-le sur Facebook", "ſhare this article", "pic.twitter.com/abc123",
        "PIC.TWİTTER.COM/abc", "Voir x.com/renault/status/1", "ſubscribe to our newsletter",
        "Abonnez-vous à notre chaîne WhatsApp", "© 2024 Tous droits réservés",
        "Contact : +212 5 22 33 44 55 (rédaction)", "Écrivez-nous : redaction@exemple.ma",
        "Nous utilisons des COOKİES pour améliorer le site", "Your email address will not be "
        "published.", "Javascript est désactivé dans votre navigateur, activez-le.",
        "Le groupe a vendu 12 000 véhicules en 2024, selon son rapport annuel.",
        "Stellantis appelle au standard de qualité du marché.",
    ],
)  # fmt: skip
def test_a_rules_word_test_never_changes_its_decision(line: str) -> None:
    folded = boilerplate.fold_case(line)
    for rule in boilerplate.RULES:
        assert rule.matches(line, folded) == _searched_always(rule).matches(line), rule.name


def test_case_folding_keeps_the_letters_re_equates() -> None:
    assert boilerplate.fold_case("COOKİES ſhare ınfo") == "cookies share info"


def test_a_floating_pattern_without_a_needed_word_is_refused() -> None:
    with pytest.raises(ValueError, match="holds none of"):
        boilerplate._rule("demo", [r"\bnewsletter", r"\bcookies?\b"], needs=("newsletter",))


def test_a_line_too_wordy_for_a_dateline_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(text: str) -> date | None:
        raise AssertionError(f"parsed {text!r}")

    monkeypatch.setattr(dates, "parse_date", parse)
    assert (
        dates.dateline_date("Photo : Bugatti Type 57 Cabriolet 1938 - Crédit : RM Sotheby's")
        is None
    )


def test_a_later_date_shape_still_makes_the_dateline() -> None:
    assert dates.dateline_date("Publié le 31/02/2024, le 3 mars 2024") == date(2024, 3, 3)


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["ab cd"], False),
        (["ab cd ef"], True),
        (["12 ab cd", "a b c d"], False),  # digits and one-letter words are no real words
        (["x", "Le constructeur a annoncé " * 200], True),  # counting stops at the third word
    ],
)
def test_has_text_counts_three_real_words_as_before(paragraphs: list[str], expected: bool) -> None:
    assert has_text(paragraphs) is expected
