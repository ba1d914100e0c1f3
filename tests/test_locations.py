"""Where a figure applies: sentences written for these tests."""

from __future__ import annotations

from datetime import date

from veille.extract import extract_claims
from veille.records import Article


def locations(*paragraphs: str, language: str = "fr") -> dict[tuple[str, float | None], str | None]:
    article = Article("case.txt", None, None, date(2025, 5, 2), language, paragraphs)
    return {(c.metric, c.value): c.location for c in extract_claims(article)}


def test_a_nationality_is_not_where_a_figure_applies() -> None:
    found = locations("The French group Renault employs 9,000 people in Tangier.", language="en")
    assert found == {("employment", 9000): "Tangier"}


def test_a_destination_is_not_where_vehicles_are_made() -> None:
    found = locations(
        "Stellantis produira 70 000 véhicules à Kénitra, pour servir les marchés "
        "d'Europe et d'Afrique du Nord."
    )
    assert found == {("production_volume", 70000): "Kenitra"}


def test_a_country_wide_figure_is_reported_for_the_country() -> None:
    found = locations("Dacia a vendu 12 000 voitures à Casablanca et dans le reste du pays.")
    assert found == {("sales_volume", 12000): "Morocco"}


def test_a_plant_figure_with_no_place_takes_the_article_plant_city() -> None:
    found = locations(
        "Yazaki inaugure une usine à Kénitra.",
        "Le site de Kénitra sera agrandi en 2026.",
        "Le câbleur japonais y emploie 4 000 personnes.",
    )
    assert found[("employment", 4000)] == "Kenitra"


def test_sales_in_an_article_that_names_no_place_are_the_home_countrys() -> None:
    found = locations("Hyundai a écoulé 4 310 voitures neuves sur les cinq premiers mois.")
    assert found == {("sales_volume", 4310): "Morocco"}


def test_several_cities_of_one_country_make_a_national_figure() -> None:
    found = locations(
        "Sumitomo emploie 9 500 personnes dans ses sites de Kénitra, Meknès et Tanger."
    )
    assert found == {("employment", 9500): "Morocco"}


def test_a_landmark_is_not_where_a_plant_stands() -> None:
    found = locations(
        "Installée à Ain Aouda, près de Rabat, la société Xantor emploie 320 personnes."
    )
    assert found == {("employment", 320): "Ain Aouda"}


def test_a_city_is_more_precise_than_its_country() -> None:
    found = locations("L'usine Fiat d'Oran, en Algérie, emploie 1 900 personnes.")
    assert found == {("employment", 1900): "Oran"}


def test_a_place_of_an_earlier_sentence_carries_to_later_figures() -> None:
    found = locations(
        "Renault has signed an agreement to build an electric vehicle plant in Egypt.",
        "The factory will produce 25,000 vehicles a year.",
        language="en",
    )
    assert found == {("production_volume", 25000): "Egypt"}


def test_a_company_that_is_one_plant_reports_its_site() -> None:
    found = locations("La SOMACA a assemblé 97 000 véhicules l'an dernier.")
    assert found == {("production_volume", 97000): "Casablanca"}
