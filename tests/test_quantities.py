"""The quantity grammar on sentences written for these tests: words, scales, dates, traps."""

from __future__ import annotations

import math

import pytest

from veille.extract.lexicon import lexicon
from veille.extract.quantities import Quantity, find_quantities, implausible


def only(sentence: str, language: str | None = None) -> Quantity:
    [quantity] = find_quantities(sentence, language=language)
    return quantity


def values(sentence: str) -> list[float]:
    return [q.value for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("dix-sept mille personnes", 17_000, "people"),
        ("vingt-cinq mille emplois", 25_000, "people"),
        ("quatre-vingt mille voitures", 80_000, "vehicles"),
        ("trois cent cinquante mille véhicules", 350_000, "vehicles"),
        ("vingt et un mille salariés", 21_000, "people"),
        ("seventy thousand cars", 70_000, "vehicles"),
        ("twenty-five thousand jobs", 25_000, "people"),
        ("three hundred and fifty thousand vehicles", 350_000, "vehicles"),
        ("a million cars", 1e6, "vehicles"),
        ("un million de voitures", 1e6, "vehicles"),
        ("deux millions de véhicules", 2e6, "vehicles"),
        ("13 mille voitures", 13_000, "vehicles"),
        ("6 mille personnes", 6_000, "people"),
    ],
)
def test_number_words_are_read_whole(text: str, value: float, unit: str) -> None:
    quantity = only(f"L'usine de Berrechid annonce {text} pour la suite.")
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert not quantity.approximate


def test_language_can_be_given_and_defaults_to_trying_both() -> None:
    assert only("Ils visent seventy thousand cars.", language="en").value == 70_000
    assert only("Ils visent dix-sept mille voitures.", language="fr").value == 17_000
    assert only("Ils visent dix-sept mille voitures.").value == 17_000


def test_approximate_words_keep_their_value_and_flag() -> None:
    thousand = only("Le site compte un millier de salariés.")
    fifty = only("Une cinquantaine d'ingénieurs rejoindront l'équipe.")
    assert (thousand.value, thousand.unit, thousand.approximate) == (1000, "people", True)
    assert (fifty.value, fifty.unit, fifty.approximate) == (50, "people", True)
    assert only("Il forme deux centaines de techniciens.").value == 200


def test_vague_plurals_and_articles_are_no_number() -> None:
    assert find_quantities("Des millions de voitures roulent ici.") == []
    assert find_quantities("Des centaines de salariés manifestent.") == []
    assert find_quantities("Un constructeur et une marque signent.") == []


def test_a_run_of_words_holding_two_numbers_is_split() -> None:
    [quantity] = find_quantities("Ils embaucheront de deux à trois mille personnes.")
    assert (quantity.value, quantity.unit) == (3000, "people")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("un budget de 3 bln", 3e9, None),
        ("un budget de 3 bn", 3e9, None),
        ("un budget de 3 billion", 3e9, None),
        ("un budget de 7 mln", 7e6, None),
        ("un budget de 7 mn", 7e6, None),
        ("un budget de 7 millions", 7e6, None),
        ("un budget de 1 million", 1e6, None),
        ("un budget de 2 milliards", 2e9, None),
        ("un budget de 2,5 Md", 2.5e9, None),
        ("un budget de 11 MMDH", 11e9, "MAD"),
        ("un budget de 450 MDH", 450e6, "MAD"),
        ("un budget de 35 M€", 35e6, "EUR"),
        ("an outlay of €1.2bn", 1.2e9, "EUR"),
        ("an outlay of $20 bln", 20e9, "USD"),
        ("an outlay of 4.5bn dirhams", 4.5e9, "MAD"),
    ],
)
def test_scales_and_currencies(text: str, value: float, unit: str | None) -> None:
    quantity = only(f"Le groupe Atlas Motors annonce {text} cette fois.")
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "Casablanca, 16/01/2024 – Atlas Motors ouvre un site.",
        "Publié le 16/5/13 par la rédaction.",
        "Mis à jour 2025-04 par la rédaction.",
        "Mis à jour le 2024-10-28 par la rédaction.",
        "Le salon ouvre le 22 mars à Rabat.",
        "Le salon a ouvert le 22 mars 2024 à Rabat.",
        "La société est née le 20 mai 1999 à Fès.",
        "The plant opened on July 10, 2017 in Tangier.",
        "The plant reopens Jan 14 in Tangier.",
        "La conférence commence à 10h30 à Rabat.",
        "Dépêche envoyée à 14:05 depuis Rabat.",
    ],
)
def test_dates_and_times_are_never_figures(sentence: str) -> None:
    found = find_quantities(sentence)
    assert all(q.is_year and q.unit == "year" for q in found), found


def test_the_year_of_a_date_may_stay_a_year() -> None:
    [year] = find_quantities("Le salon a ouvert le 22 mars 2024 à Rabat.")
    assert (year.value, year.is_year) == (2024, True)
    assert [q.value for q in find_quantities("Publié le 16/01/2024 à Rabat.")] == [2024]


def test_bare_year_is_a_year_quantity() -> None:
    quantity = only("Le site a ouvert en 2019.")
    assert (quantity.value, quantity.unit, quantity.is_year) == (2019, "year", True)


def test_a_date_does_not_hide_the_figure_after_it() -> None:
    found = find_quantities("Le 22 mars, Atlas Motors a livré 300 voitures.")
    assert [(q.value, q.unit) for q in found] == [(300, "vehicles")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Le modèle affiche une longueur de 3,9 m pour cinq places.",
        "La citadine mesure 4,3 mètres de long.",
        "Le bloc existe en moteurs 3 ou 4 cylindres.",
        "La gigafactory visera 40 GW de capacité.",
        "La gigafactory visera 20 GWh de capacité.",
        "Le groupe nippon investit 10 milliards de yens.",
        "Le groupe chinois investit 5 milliards de yuans.",
        "The British supplier signed a £3m contract.",
        "La marque exporte vers 68 destinations.",
        "La marque est présente dans 74 pays.",
        "The cars are exported to 73 destinations.",
    ],
)
def test_dimensions_and_foreign_units_are_other(sentence: str) -> None:
    found = find_quantities(sentence)
    assert found
    assert all(q.unit == "other" for q in found), found


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("L'usine a produit son 1.000.000ème véhicule.", 1e6),
        ("L'usine a fêté le 500.000e véhicule.", 500_000),
        ("L'usine a sorti son 400000e véhicule.", 400_000),
        ("The plant built the 1,000,000th vehicle.", 1e6),
        ("The plant built the millionth car.", 1e6),
        ("L'usine a produit le premier million de véhicules.", 1e6),
    ],
)
def test_ordinal_milestones_are_cumulative_vehicles(sentence: str, value: float) -> None:
    quantity = only(sentence)
    assert quantity.value == pytest.approx(value)
    assert quantity.cumulative
    assert quantity.unit == "vehicles"


def test_a_bare_ordinal_word_is_a_cumulative_million() -> None:
    quantity = only("L'usine a fêté le millionième.")
    assert (quantity.value, quantity.cumulative) == (1e6, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "1 - Dacia Sandero Stepway",
        "4- Dacia Jogger",
        "10- Citroën Berlingo",
        "2) Renault Clio",
        "3. Peugeot Partner",
        "La marque est classée 3 e du marché.",
        "La marque reste dans le top (7 e).",
        "Le modèle est noté 9+ par la presse.",
        "La marque est 2e du marché.",
    ],
)
def test_list_markers_and_ranks_are_not_figures(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_a_list_marker_leaves_the_figures_of_its_line() -> None:
    found = find_quantities("1 - Dacia Sandero : 12 400 ventes")
    assert [(q.value, q.unit) for q in found] == [(12_400, "vehicles")]


def test_phone_numbers_are_still_not_figures() -> None:
    assert find_quantities("Contact : +212 5 37 12 34 56.") == []


def test_ranges_give_two_positive_numbers() -> None:
    assert values("Il vise entre 3 000 et 5 000 voitures.") == [3000, 5000]
    assert values("It targets 3,000-5,000 cars.") == [3000, 5000]
    assert values("Une enveloppe de 10 à 20 M€.") == [10, 20e6]


def test_a_leading_minus_is_kept() -> None:
    quantity = only("Les ventes affichent -5 % sur l'année.")
    assert (quantity.value, quantity.unit) == (-5, "%")
    assert implausible(quantity) == "negative value"


def test_huge_digit_strings_give_no_figure_and_no_error() -> None:
    assert find_quantities(f"Il a vendu {'9' * 400} voitures.") == []
    assert find_quantities(f"Un budget de {'9' * 400} milliards.") == []
    assert find_quantities(f"Code {'9' * 5000} fin.") == []
    assert all(math.isfinite(q.value) for q in find_quantities(f"{'7' * 300} emplois"))


def test_values_past_their_bound_are_rejected() -> None:
    lex = lexicon()
    assert implausible(Quantity(0, 1, 6e7, "vehicles", None), lex) == "vehicles above bound 5e+07"
    assert implausible(Quantity(0, 1, 6e6, "people", None), lex) == "people above bound 5e+06"
    assert implausible(Quantity(0, 1, 2e13, "EUR", None), lex) == "EUR above bound 1e+13"
    assert implausible(Quantity(0, 1, 101, "%", None), lex) == "% above bound 100"
    assert implausible(Quantity(0, 1, math.inf, "MAD", None), lex) == "non-finite value"
    assert implausible(Quantity(0, 1, 4e6, "vehicles", None), lex) is None
    assert implausible(Quantity(0, 1, 2024, "year", None, is_year=True), lex) is None
    # In a sentence, a figure past its bound is kept as an "other" no metric counts.
    assert only("Le site produit 90 000 000 000 véhicules.").unit == "other"
