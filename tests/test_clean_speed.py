"""Cleaning stays cheap: language from a bounded sample, dates without dateparser when plain."""

from __future__ import annotations

from datetime import date

import dateparser
import pytest

from veille.clean import dates, language

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
