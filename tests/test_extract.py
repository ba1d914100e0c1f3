"""The extractor on sentences written for these tests: number forms, status, years, traps."""

from __future__ import annotations

from datetime import date

import pytest

from veille.extract import extract_claims
from veille.extract.quantities import find_quantities, parse_number
from veille.extract.sentences import split_sentences
from veille.records import Article, Claim


def article(*paragraphs: str, language: str = "fr", published: date | None = None) -> Article:
    return Article("test.txt", None, None, published, language, tuple(paragraphs))


def claims_of(*paragraphs: str, **kwargs: object) -> list[Claim]:
    return extract_claims(article(*paragraphs, **kwargs))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("500 000 véhicules", 500_000, "vehicles"),
        ("500\u00a0000 véhicules", 500_000, "vehicles"),
        ("500\u202f000 véhicules", 500_000, "vehicles"),
        ("500.000 véhicules", 500_000, "vehicles"),
        ("340'000 véhicules", 340_000, "vehicles"),
        ("56,400 cars", 56_400, "vehicles"),
        ("1,1 milliard d'euros", 1.1e9, "EUR"),
        ("14 MMDH", 14e9, "MAD"),
        ("320 MDH", 320e6, "MAD"),
        ("$20.9 billion", 20.9e9, "USD"),
        ("12.8 billion dirhams", 12.8e9, "MAD"),
        ("trois mille personnes", 3000, "people"),
        ("un million de véhicules", 1e6, "vehicles"),
        ("40 %", 40, "%"),
        ("65.2%", 65.2, "%"),
        ("quatre véhicules neufs sur dix", 40, "%"),
        ("four in ten", 40, "%"),
    ],
)
def test_number_forms(text: str, value: float, unit: str) -> None:
    [quantity] = find_quantities(f"Le total atteint {text} cette fois.")
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit


def test_decimal_and_thousands_marks_are_told_apart() -> None:
    assert parse_number("1.600", scaled=False) == 1600
    assert parse_number("1,1", scaled=False) == pytest.approx(1.1)
    assert parse_number("2.5", scaled=True) == pytest.approx(2.5)
    assert parse_number("1 100 000", scaled=False) == 1_100_000


def test_phone_numbers_years_and_areas_are_not_figures() -> None:
    found = find_quantities("Appelez le +212 5 22 33 44 55 ; site de 20.000 m² ouvert en 2019.")
    assert [(q.unit, q.is_year) for q in found] == [("other", False), ("year", True)]


def test_sentences_keep_offsets_and_skip_abbreviations() -> None:
    text = "M. Alami a parlé. Le site emploie 1.400 personnes. Fin."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "M. Alami a parlé.",
        "Le site emploie 1.400 personnes.",
        "Fin.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_target_from_future_tense_and_deadline() -> None:
    [claim] = claims_of("Yazaki emploiera 2 000 personnes à Kénitra d'ici 2027.")
    assert (claim.subject, claim.metric, claim.value, claim.status, claim.year) == (
        "Yazaki",
        "employment",
        2000,
        "target",
        2027,
    )
    assert claim.location == "Kenitra"


def test_fact_and_plan_in_one_sentence_are_told_apart() -> None:
    found = claims_of(
        "Stellantis emploie aujourd'hui 3 000 personnes à Kénitra, "
        "et prévoit 1 500 embauches supplémentaires d'ici 2026."
    )
    by_value = {c.value: (c.status, c.year) for c in found}
    assert by_value == {3000: ("actual", None), 1500: ("target", 2026)}


def test_relative_year_uses_the_publication_date() -> None:
    [claim] = claims_of(
        "La SOMACA a produit 90 000 véhicules l'an dernier.", published=date(2025, 2, 1)
    )
    assert (claim.metric, claim.year) == ("production_volume", 2024)


def test_subject_carries_across_sentences_through_coreference() -> None:
    found = claims_of(
        "Lear Corporation a ouvert un site à Tanger. Le groupe y emploie plus de 1 200 personnes."
    )
    [claim] = found
    assert (claim.subject, claim.qualifier) == ("Lear Corporation", "more_than")


def test_founded_and_present_since() -> None:
    found = claims_of("Fondé en 1941, Yazaki est présent au Maroc depuis 2000.")
    assert {(c.metric, c.value) for c in found} == {("founded", 1941), ("present_since", 2000)}
    assert all(c.subject == "Yazaki" and c.year is None for c in found)


def test_partners_listed_in_one_sentence_each_pair_with_the_signer() -> None:
    found = claims_of("Neo Motors a signé des accords avec Sofac, Maghrebail et Wafasalaf.")
    assert {(c.subject, c.object) for c in found} == {
        ("Neo Motors", "Sofac"),
        ("Neo Motors", "Maghrebail"),
        ("Neo Motors", "Wafasalaf"),
    }
    assert {c.metric for c in found} == {"partnership"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Le marché a atteint 160 000 ventes en 2024.",
        "Renault affiche une hausse de 12 % de ses ventes.",
        "La Dacia Sandero est vendue 130 000 dirhams.",
        "Le moteur de Stellantis développe 130 ch.",
        "Renault et Stellantis produisent à eux deux 600 000 voitures par an.",
        "Si le projet aboutit, BYD pourrait employer 5 000 personnes.",
        "Yazaki exporte 80 % de sa production.",
        "Le projet de Lear créera 1 500 emplois indirects.",
        "L'OFPPT formera 3 000 techniciens pour Renault.",
        "La 208 de Stellantis est vendue 150 000 dirhams.",
        "Renault exporte via le port de Tanger Med, qui a traité 600 000 véhicules en 2024.",
    ],
)
def test_numbers_that_are_not_claims(sentence: str) -> None:
    assert claims_of(sentence) == []


def test_repeated_paragraph_yields_its_claim_once() -> None:
    paragraph = "Renault emploie 18 000 personnes au Maroc."
    found = claims_of(paragraph, "Autre chose.", paragraph)
    assert len(found) == 1


def test_english_plan_and_revenue() -> None:
    found = claims_of(
        "Aptiv will invest 450 million dirhams in Tangier. "
        "The group reported revenue of $20 billion in 2023.",
        language="en",
    )
    by_metric = {c.metric: (c.value, c.unit, c.status, c.year) for c in found}
    assert by_metric == {
        "investment": (450e6, "MAD", "target", None),
        "revenue": (20e9, "USD", "actual", 2023),
    }


def test_a_handful_of_people_are_sources_not_a_workforce() -> None:
    found = claims_of(
        "Renault will spend €100 million on the plant, two people familiar with the plan said.",
        language="en",
    )
    assert [(c.metric, c.value, c.status) for c in found] == [("investment", 100e6, "target")]


def test_a_site_exporting_through_a_port_keeps_its_figure() -> None:
    found = claims_of(
        "Renault Group agrandit son usine de Melloussa. "
        "Relié au port de Tanger Med, le site a exporté 290 000 véhicules en 2024."
    )
    assert [(c.subject, c.metric, c.value, c.year) for c in found] == [
        ("Renault Group", "exports", 290_000, 2024)
    ]


def facts(claims: list[Claim]) -> set[tuple[str, float, str, int | None]]:
    return {(c.subject, c.value, c.status, c.year) for c in claims}


def test_a_point_of_comparison_is_a_fact_about_the_same_subject() -> None:
    found = claims_of(
        "La société Xantor vise à Tanger un effectif de 2 800 salariés, contre 900 à son ouverture."
    )
    assert {(c.value, c.status) for c in found} == {(2800, "target"), (900, "actual")}


def test_a_comparison_naming_its_own_organisation_is_that_organisations() -> None:
    found = claims_of("Renault emploie 40 personnes à Oujda, contre 75 pour sa concurrente Dacia.")
    assert {(c.subject, c.value) for c in found} == {("Renault Group", 40), ("Dacia", 75)}


def test_a_comparison_point_of_a_market_total_is_nobodys() -> None:
    found = claims_of(
        "Renault domine le marché marocain.",
        "In 2023, local demand settled at a modest level (151,000 sales compared to 149,000 "
        "in 2022).",
        language="en",
    )
    assert found == []


def test_a_change_from_one_figure_to_another_is_no_comparison() -> None:
    found = claims_of(
        "Stellantis said output at Kenitra will be ramped up from 30,000 to 90,000 units.",
        language="en",
    )
    assert {(c.value, c.status) for c in found} == {(30_000, "actual"), (90_000, "target")}


def test_a_year_glued_to_the_next_word_still_dates_its_figure() -> None:
    [claim] = claims_of(
        "Dacia kept first place (31% of the market in 2021thanks to the Sandero).", language="en"
    )
    assert (claim.value, claim.year) == (31, 2021)


def test_a_segment_with_its_acronym_or_an_adverb_is_still_the_subject() -> None:
    found = claims_of(
        "Hyundai keeps its lead on the Moroccan market.",
        "Light commercial vehicles (LCVs) posted a 9% rise, reaching 7,115 units sold.",
        "Petrol still accounts for most sales of city cars (61% in 2023).",
        language="en",
    )
    assert found == []


def test_a_change_of_a_yearly_rate_elsewhere_does_not_make_a_count_yearly() -> None:
    [claim] = claims_of(
        "Au dernier mois, Renault Maroc affichait 2.950 véhicules vendus, "
        "soit une variation annuelle de 12,5%."
    )
    assert (claim.value, claim.unit) == (2950, "vehicles")


def test_production_units_and_a_name_number_count_no_vehicles() -> None:
    found = claims_of(
        'Le câbleur Leoni a ouvert à Kénitra une usine baptisée "Maamora 2".',
        "Leoni exploite désormais quatre unités de production au Maroc.",
    )
    assert found == []


def test_a_share_whose_percent_sign_was_dropped_is_still_a_share() -> None:
    found = claims_of(
        "Hyundai tient le marché des VP avec une part de 11,35, soit 9.870 unités vendues."
    )
    assert {(c.metric, c.value, c.unit) for c in found} == {
        ("market_share", 11.35, "%"),
        ("sales_volume", 9870, "vehicles"),
    }


def test_a_respectively_list_with_a_name_unknown_gives_no_figure_to_the_wrong_one() -> None:
    found = claims_of(
        "Dacia domine le marché marocain.",
        "Les marques Fiatt, Nissan et Kia ont écoulé respectivement 2.410, 2.205 et 1.980 unités.",
    )
    # The unknown name keeps its place in the list: the others get their own figures.
    assert {(c.subject, c.value) for c in found} == {("Nissan", 2_205), ("Kia", 1_980)}
    # Two names for three figures, none unknown: which is whose is not known.
    assert claims_of("Nissan et Kia ont vendu respectivement 2.410, 2.205 et 1.980 unités.") == []


def test_a_figure_each_of_the_listed_organisations_holds() -> None:
    found = claims_of(
        "Audi leads the premium segment with a 4% share, followed by Volvo and Lexus with 1% each.",
        language="en",
    )
    assert {(c.subject, c.value) for c in found} == {("Audi", 4), ("Volvo Cars", 1), ("Lexus", 1)}


def test_a_national_figure_and_its_restatement_in_brackets_are_nobodys() -> None:
    found = claims_of(
        "Le sous-traitant Magneti Marelli s'installe à Kénitra.",
        "Avec une capacité de production nationale de 700.000 véhicules par an "
        "(1,2 million en 2027), une grande part de sa production ira à l'export.",
    )
    assert found == []


def test_jobs_created_before_a_deadline_are_no_founding_year() -> None:
    found = claims_of(
        "Près de 800 emplois seront créés avant la fin de 2027 grâce au groupe Valeo, "
        "qui dispose déjà d'une usine au Maroc depuis 2013."
    )
    assert {(c.metric, c.value, c.status) for c in found} == {
        ("employment", 800, "target"),
        ("present_since", 2013, "actual"),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le groupe Renault a annoncé un investissement de 45 millions d'euros à Tanger.", "fr"),
        ("Renault announced an investment of $60 million in its Tangier plant.", "en"),
    ],
)
def test_an_announced_investment_is_a_plan_whatever_the_tense(text: str, language: str) -> None:
    [claim] = claims_of(text, language=language)
    assert (claim.metric, claim.status) == ("investment", "target")


def test_jobs_for_a_purpose_and_their_parts_are_plans() -> None:
    found = claims_of(
        "Le ministre a signé avec Leoni un accord pour la création de 6.000 emplois directs "
        "au Maroc, dont plus de 1.500 emplois pour la seule usine de Kénitra."
    )
    assert {(c.value, c.status) for c in found if c.metric == "employment"} == {
        (6000, "target"),
        (1500, "target"),
    }


def test_points_of_comparison_keep_their_own_years_and_frame_nothing() -> None:
    found = claims_of(
        "Stellantis a enregistré en Égypte et en Turquie des parts de marché de 24,1% et "
        "30,2% respectivement, au lieu de 26,4% et 33,5% en 2020.",
        "Au Maroc, sa part a progressé à 22,7%, contre 21,6% en 2020 et 19,8% en 2019.",
    )
    assert {(c.value, c.year) for c in found} == {
        (24.1, None),
        (30.2, None),
        (26.4, 2020),
        (33.5, 2020),
        (22.7, None),
        (21.6, 2020),
        (19.8, 2019),
    }


def test_respectively_pairs_the_run_beside_it_with_the_names_before_it() -> None:
    found = claims_of(
        "Kia leads the premium segment with a 5% share (over 3,100 cars sold in the first "
        "half of 2024), followed by Volvo and Lexus with 1.2% and 0.9% market share "
        "(1,240 and 910 units sold respectively).",
        language="en",
    )
    sales = {(c.subject, c.value) for c in found if c.metric == "sales_volume"}
    assert sales == {("Kia", 3100), ("Volvo Cars", 1240), ("Lexus", 910)}


def test_a_parent_company_is_not_a_partner() -> None:
    found = claims_of(
        "Nile Auto, a subsidiary of the Cairo Mobility Group (CMG Group), has signed an "
        "agreement with Renault to build cars in Egypt.",
        language="en",
    )
    pairs = {frozenset((c.subject, c.object)) for c in found if c.metric == "partnership"}
    assert pairs == {frozenset(("Nile Auto", "Renault Group"))}


def test_a_word_containing_entre_names_no_state_party() -> None:
    found = claims_of(
        "Renault a signé un accord de formation avec Yazaki pour un centre Maroc de compétences."
    )
    pairs = {frozenset((c.subject, c.object)) for c in found if c.metric == "partnership"}
    assert pairs == {frozenset(("Renault Group", "Yazaki"))}


def test_a_ranking_item_that_is_a_model_gives_nobody_a_figure() -> None:
    found = claims_of(
        "Renault domine le marché marocain.",
        "Le classement des ventes en 2023 : 1 - Dacia Sandero garde la tête avec 11.420 ventes.",
        "4 - Tucson est en 4e position avec 5.210 ventes.",
    )
    assert found == []


def test_a_country_as_subject_makes_a_national_figure() -> None:
    found = claims_of(
        "BYD s'installe à Tanger.",
        "Le Maroc cherche un nouveau constructeur pour atteindre une production de "
        "1,5 million de véhicules.",
    )
    assert found == []


def test_a_participle_hanging_on_a_future_clause_plans_too() -> None:
    [claim] = claims_of(
        "Gotion construit une usine à Kénitra.",
        "Toute la production sera exportée, générant des exportations de 12 milliards de "
        "dollars par an.",
    )
    assert (claim.subject, claim.status) == ("Gotion High-Tech", "target")


def test_a_figure_a_later_clause_raises_is_where_things_stand() -> None:
    found = claims_of(
        "L'usine Fiat d'Oran aura une capacité de 60.000 unités, qui sera portée à 110.000 "
        "d'ici 2027."
    )
    assert {(c.value, c.status, c.year) for c in found} == {
        (60_000, "actual", None),
        (110_000, "target", 2027),
    }


def test_a_comparison_standard_is_not_the_local_subject() -> None:
    found = claims_of(
        "Gotion construit une gigafactory à Kénitra.",
        "L'usine, qui sera trois fois plus grande que celle de Renault, emploiera 2.300 personnes.",
    )
    assert {(c.subject, c.value) for c in found} == {("Gotion High-Tech", 2300)}


def test_a_results_story_period_dates_its_past_tense_figures_too() -> None:
    found = claims_of(
        "Au dernier mois, Renault Maroc affichait 3.120 véhicules vendus.",
        "Dacia déclare près de 1.540 véhicules vendus en avril 2012.",
    )
    assert {(c.value, c.year) for c in found} == {(3120, 2012), (1540, 2012)}


def test_a_year_as_the_subject_of_its_sentence_frames_it() -> None:
    [claim] = claims_of(
        "Finissant l'exercice avec 38,5% de parts de marché, 2019 est une année faste pour "
        "le groupe Renault au Maroc."
    )
    assert (claim.value, claim.year) == (38.5, 2019)


def test_a_paragraph_year_dates_the_present_tense_facts_that_follow() -> None:
    found = claims_of(
        "Renault a vendu plus de 39.000 véhicules au Maroc en 2012. Les marques Dacia et "
        "Renault occupent les deux premières places, avec des parts de marché de 21,3% et "
        "16,2% respectivement.",
        language="fr",
    )
    assert {(c.value, c.year) for c in found if c.metric == "market_share"} == {
        (21.3, 2012),
        (16.2, 2012),
    }


def test_a_verb_coordinated_after_a_modal_shares_its_plan() -> None:
    [claim] = claims_of(
        "The new Tangier plant will support Lear's other sites, and bring its workforce in "
        "Morocco to about 8,100 employees.",
        language="en",
    )
    assert (claim.value, claim.status) == (8100, "target")


def test_an_adverb_of_the_present_keeps_a_fact_beside_a_deadline() -> None:
    found = claims_of(
        "Saint-Gobain veut atteindre un chiffre d'affaires de 2 milliards de DH à l'horizon "
        "2027, sachant qu'il en réalise 900 millions aujourd'hui."
    )
    assert {(c.value, c.status) for c in found} == {(2e9, "target"), (9e8, "actual")}


def test_an_exclusion_cue_in_another_clause_does_not_drop_a_figure() -> None:
    found = claims_of(
        "L'usine Fiat d'Oran recrute 640 nouveaux employés, portant le nombre total de "
        "salariés à 2.400."
    )
    assert 640 in {c.value for c in found}


def test_a_ticker_of_headlines_run_together_gives_no_claim() -> None:
    headlines = " ".join(
        f"Titre numéro {n} : une actualité sans rapport avec l'industrie marocaine"
        for n in range(12)
    )
    ticker = (
        f"{headlines} Auto Hall livre une flotte de 120 véhicules électriques à Tanger {headlines}"
    )
    assert len(ticker) > 800
    assert claims_of(ticker) == []


@pytest.mark.parametrize(
    "text",
    [
        "Yazaki Morocco Limited will employ 5,000 people in Kenitra by 2027.",
        "United Motors plans to employ 1,200 people in Tangier.",
        "Advanced Drive Systems Ltd expects to employ 900 people in Kenitra.",
    ],
)
def test_capitalised_words_ending_in_ed_are_names_not_past_verbs(text: str) -> None:
    found = claims_of(text, language="en")
    assert [c.status for c in found if c.metric == "employment"] == ["target"]


def test_a_level_a_phrasal_verb_or_an_increase_reaches_is_no_change() -> None:
    found = claims_of(
        "Renault will build a plant in Egypt.",
        "Local components will make up 44% of each car, with targets to increase this "
        "percentage to 61%.",
        language="en",
    )
    assert {(c.metric, c.value, c.status) for c in found} == {
        ("local_integration_rate", 44, "target"),
        ("local_integration_rate", 61, "target"),
    }


def test_a_count_whose_subject_is_a_number_of_registrations_is_a_market_total() -> None:
    found = claims_of(
        "Dacia reste en tête du marché.",
        "Sur le seul mois de mai, le nombre des immatriculations s'est élevé à 12.870 unités.",
    )
    assert found == []


def test_la_marque_introduces_an_unlisted_brand_and_a_share_threshold_keeps_its_year() -> None:
    found = claims_of(
        "Pour les utilitaires, la marque indienne Tata a porté ses immatriculations à 85 unités "
        "en 2022.",
        "Au total, le groupe Renault s'adjuge en 2022 une part de marché frôlant la barre des 40%.",
    )
    assert {(c.subject, c.value, c.year) for c in found} == {
        ("Tata", 85, 2022),
        ("Renault Group", 40, 2022),
    }


def test_i_e_does_not_end_a_sentence() -> None:
    text = "Hybrid sales stay low, with 212 electric cars, i.e. 6,020 in total. Then prices fell."
    assert [s.text for s in split_sentences(text)] == [
        "Hybrid sales stay low, with 212 electric cars, i.e. 6,020 in total.",
        "Then prices fell.",
    ]


def test_a_figure_for_two_brands_joined_by_a_slash_is_nobodys() -> None:
    found = claims_of(
        "Avec une part de marché de 11,2%, Stellantis devance Toyota (9,4%) et Hyundai/Kia (8,1%)."
    )
    assert {(c.subject, c.value) for c in found} == {("Stellantis", 11.2), ("Toyota", 9.4)}


def test_a_days_date_is_an_event_not_a_reporting_period() -> None:
    found = claims_of(
        "Le groupe Aptiv est issu d'une scission de General Motors le 20 mai 1999.",
        "Présent dans 50 pays, le groupe Aptiv revendique un chiffre d'affaires de 19 milliards "
        "de dollars.",
    )
    assert {(c.metric, c.year) for c in found if c.metric == "revenue"} == {("revenue", None)}


def test_a_plant_town_and_a_programme_are_not_organisations() -> None:
    found = claims_of(
        "Le câbleur Leoni est présent en Tunisie depuis 1977.",
        "Dans l'unité de Menzel Hayet, qui emploie 4 mille personnes, la production a repris.",
        "Ce projet s'inscrit dans le Plan national d'accélération (PNA) du Royaume.",
    )
    subjects = {c.subject for c in found}
    assert subjects == {"Leoni"}


def test_names_after_sans_are_no_parties_to_an_agreement() -> None:
    found = claims_of(
        "Le ministre a précisé que l'accord signé avec Yazaki n'aurait pas été possible sans "
        "la présence de Renault et Stellantis au Maroc."
    )
    parties = {c.subject for c in found} | {c.object for c in found}
    assert not parties & {"Renault Group", "Stellantis"}


def test_a_relative_clause_restating_a_market_total_is_nobodys() -> None:
    found = claims_of(
        "Dacia leads the Moroccan market.",
        "Sales of EVs remain very low, with 210 electric cars sold in 2022 (compared to 167 "
        "in 2021), i.e. 6,210 in total (compared to 3,900 in 2021), which represents 5% of the "
        "Moroccan market.",
        language="en",
    )
    assert found == []


def test_an_organisation_naming_a_persons_title_is_not_the_subject() -> None:
    found = claims_of(
        "Stellantis signed an accord with Morocco to build a plant in Kenitra.",
        "Peugeot head Carlos Tavares said the group aims to sell 800,000 vehicles in Africa.",
        language="en",
    )
    assert {(c.subject, c.value) for c in found if c.metric == "sales_volume"} == {
        ("Stellantis", 800_000)
    }


def test_partners_announced_by_count_are_read_in_the_sentences_that_follow() -> None:
    import typing

    from veille.extract.partnerships import Pairing

    found = claims_of(
        "Le groupe Renault a signé trois conventions à Tanger. "
        "La première lie le constructeur à Yazaki. La deuxième concerne Lear."
    )
    pairs = {(c.subject, c.object) for c in found if c.metric == "partnership"}
    assert pairs == {("Renault Group", "Yazaki"), ("Renault Group", "Lear Corporation")}
    # One agreement, its party unnamed: a later company is not made its partner.
    alone = claims_of("Le groupe Renault a signé une convention. Yazaki a annoncé 500 emplois.")
    assert [c.metric for c in alone] == ["employment"]
    # What the signing leaves for later sentences is a flag, not a count read as one.
    assert typing.get_type_hints(Pairing)["awaits_partners"] is bool


def test_a_full_stop_glued_to_the_next_sentence_still_ends_it() -> None:
    found = claims_of(
        "Renault produit 5 000 voitures par an à Tanger.Le site de Kénitra emploie 7 000 personnes."
    )
    evidence = {c.metric: c.evidence.sentence for c in found}
    assert evidence["employment"] == "Le site de Kénitra emploie 7 000 personnes."
    assert evidence["production_volume"].endswith("à Tanger.")


def test_the_group_s_figure_is_the_parent_s_not_its_plant_s() -> None:
    found = claims_of(
        "La Somaca a fêté ses soixante ans à Casablanca.",
        "La production du groupe au Maroc devrait atteindre 600 000 unités en 2027, "
        "dont 400 000 à Tanger.",
    )
    assert {(c.subject, c.value) for c in found} == {
        ("Renault Group", 600_000),
        ("Renault Group", 400_000),
    }
    # The group as the one who speaks: the figure is still the plant's.
    spoken = claims_of(
        "La Somaca a fêté ses soixante ans à Casablanca.",
        "Le groupe annonçait alors une hausse de cette capacité, à 140 000 véhicules par an.",
    )
    assert [c.subject for c in spoken] == ["SOMACA"]


def test_a_part_that_names_no_one_is_its_whole_s() -> None:
    found = claims_of("Yazaki emploie 9 000 personnes au Maroc, dont 4 000 à Kénitra.")
    assert {(c.subject, c.value) for c in found} == {("Yazaki", 9_000), ("Yazaki", 4_000)}


@pytest.mark.parametrize(
    ("text", "language", "metric", "value"),
    [
        ("Aptiv opens a plant in Oujda that will employ 2,000 local residents.", "en",
         "employment", 2_000),
        ("Stellantis inaugurated the €300m expansion of its Kenitra plant.", "en",
         "investment", 300e6),
        ("Renault a lancé à Tanger une extension de 2 milliards de dirhams.", "fr",
         "investment", 2e9),
    ],
)  # fmt: skip
def test_unit_nouns_and_triggers_of_the_same_family(
    text: str, language: str, metric: str, value: float
) -> None:
    assert [(c.metric, c.value) for c in claims_of(text, language=language)] == [(metric, value)]


def test_a_bracket_restating_a_figure_does_not_end_its_clause() -> None:
    found = claims_of(
        "Stellantis opened the €1.2bn ($1.4bn) expansion of its Kenitra plant.", language="en"
    )
    assert [(c.metric, c.value, c.unit) for c in found] == [("investment", 1.2e9, "EUR")]


@pytest.mark.parametrize(
    ("text", "metric", "status"),
    [
        # The modal is another verb's: a volume reached, not a capacity.
        ("Renault is proud to be able to celebrate the production of its 500,000th car "
         "in Tangier.", "production_volume", "actual"),
        ("The Tangier plant is able to produce 400,000 vehicles a year, Renault said.",
         "production_capacity", "actual"),
        ("Renault plans to build 500,000 vehicles in Tangier.", "production_volume", "target"),
    ],
)  # fmt: skip
def test_a_modal_or_an_infinitive_counts_only_on_its_own_verb(
    text: str, metric: str, status: str
) -> None:
    assert [(c.metric, c.status) for c in claims_of(text, language="en")] == [(metric, status)]


def test_customers_make_a_sale_only_next_to_the_figure() -> None:
    delivered = claims_of("Renault a livré 5 000 véhicules à ses clients marocains en 2023.")
    assert [c.metric for c in delivered] == ["sales_volume"]
    said = claims_of("Renault a produit 5 000 véhicules à Tanger, a déclaré un de ses clients.")
    assert [c.metric for c in said] == ["production_volume"]


@pytest.mark.parametrize(
    ("paragraph", "language"),
    [
        ("Renault did well in Morocco. Its sales reached 35,400 units in 2024.", "en"),
        ("Renault a bien marché au Maroc. Ses ventes ont atteint 35.400 unités en 2024.", "fr"),
    ],
)
def test_a_market_noun_with_a_possessive_is_the_organisation_s(
    paragraph: str, language: str
) -> None:
    found = claims_of(paragraph, language=language)
    assert [(c.subject, c.metric, c.value) for c in found] == [
        ("Renault Group", "sales_volume", 35_400)
    ]
    # Without the possessive the sales are the market's, nobody's.
    market = paragraph.replace("Its sales", "Sales").replace("Ses ventes", "Les ventes")
    assert claims_of(market, language=language) == []


@pytest.mark.parametrize(
    ("text", "language", "status"),
    [
        ("Le projet de Yazaki à Kénitra représente un investissement de 2 milliards de dirhams.",
         "fr", "target"),
        ("Le projet de Yazaki à Kénitra a représenté un investissement de 2 milliards de dirhams.",
         "fr", "actual"),
        ("Yazaki's Kenitra project carries an investment of 300 million dollars.", "en", "target"),
        ("Yazaki's Kenitra project required an investment of 300 million dollars.", "en", "actual"),
    ],
)  # fmt: skip
def test_what_a_project_costs_in_the_present_is_money_still_to_spend(
    text: str, language: str, status: str
) -> None:
    found = claims_of(text, language=language)
    assert [(c.metric, c.status) for c in found] == [("investment", status)]


def test_a_passive_agent_after_l_apostrophe_is_the_figure_s_subject() -> None:
    found = claims_of(
        "Le port a vu passer 300 000 véhicules exportés par les usines Renault, ainsi que "
        "150 000 véhicules expédiés depuis l'usine Stellantis de Kénitra."
    )
    assert {(c.subject, c.value) for c in found} == {
        ("Renault Group", 300_000),
        ("Stellantis", 150_000),
    }


def test_a_figure_of_a_group_named_with_its_own_brand_is_the_group_s() -> None:
    found = claims_of(
        "In Morocco, the group's Dacia and Renault brands sold roughly 56,400 cars in 2023.",
        language="en",
    )
    assert [(c.subject, c.value) for c in found] == [("Renault Group", 56_400)]
    # Two brands of different groups: not a group's figure.
    other = claims_of("In Morocco, Dacia and Hyundai sold 10,400 cars in 2023.", language="en")
    assert "Renault Group" not in {c.subject for c in other}


def test_to_before_a_number_word_is_no_infinitive_of_purpose() -> None:
    found = claims_of(
        "Renault sold 56,400 cars in Morocco in 2023, close to four in ten of all those "
        "registered in the country.",
        language="en",
    )
    assert {(c.metric, c.value, c.status) for c in found} == {
        ("sales_volume", 56_400, "actual"),
        ("market_share", 40, "actual"),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Renault leads in Morocco: 4 vehicles out of 10 sold in the country are its own.", "en"),
        ("Renault domine au Maroc : quatre voitures sur dix vendues dans le pays sont les siennes.",
         "fr"),
    ],
)  # fmt: skip
def test_n_cars_in_ten_sold_is_a_market_share(text: str, language: str) -> None:
    found = claims_of(text, language=language)
    assert [(c.subject, c.metric, c.value) for c in found] == [
        ("Renault Group", "market_share", 40)
    ]


def test_n_cars_in_ten_made_or_n_toys_in_ten_sold_is_no_market_share() -> None:
    found = claims_of("Renault produces one in 10 cars sold in Morocco.", language="en")
    assert "market_share" not in {c.metric for c in found}
    toys = claims_of(
        "Au Maroc, quatre jouets sur dix vendus en ligne sont dangereux.",
        "Renault et Dacia en ont distribué 75% au Maroc.",
    )
    assert "market_share" not in {c.metric for c in toys}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Inaugurée en 2016 à Kénitra, l'usine de Stellantis produisait alors 20 000 véhicules "
         "par an.", "fr"),
        ("Stellantis opened its Kenitra plant in 2016 and built 20,000 vehicles a year at the "
         "time.", "en"),
    ],
)  # fmt: skip
def test_back_then_dates_a_figure_by_the_year_just_named(text: str, language: str) -> None:
    found = claims_of(text, language=language)
    assert [(c.value, c.year) for c in found] == [(20_000, 2016)]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("En 2019, l'usine de Renault à Tanger produisait 300 000 véhicules.", "production_volume"),
        ("En 2019, les usines de Renault au Maroc fabriquaient 300 000 véhicules.",
         "production_volume"),
        ("En 2019, Renault vendait 30 000 véhicules au Maroc.", "sales_volume"),
    ],
)  # fmt: skip
def test_french_imperfect_forms_of_the_metric_verbs_are_triggers(text: str, metric: str) -> None:
    assert [(c.metric, c.year) for c in claims_of(text)] == [(metric, 2019)]


def test_a_since_beyond_a_quote_does_not_undate_the_year_the_quote_opens_with() -> None:
    found = claims_of(
        "Le patron a rappelé la présence du groupe Renault au Maroc depuis 2005 : "
        "« En 2005, nous produisions 10 000 véhicules. »"
    )
    assert [(c.metric, c.value, c.year) for c in found if c.metric == "production_volume"] == [
        ("production_volume", 10_000, 2005)
    ]


def test_a_count_of_listed_models_is_their_total_but_one_model_s_count_is_not() -> None:
    listed = claims_of(
        "En 2019, l'usine Renault de Tanger a fabriqué 80 000 Dokker, Lodgy et Sandero."
    )
    assert [(c.metric, c.value) for c in listed] == [("production_volume", 80_000)]
    one = claims_of("En 2019, l'usine Renault de Tanger a fabriqué 80 000 Sandero.")
    assert one == []


def test_a_year_opening_a_quote_frames_the_quote_s_figures() -> None:
    found = claims_of(
        "Le patron de Renault l'a rappelé : « En 2005, nous produisions 10 000 véhicules "
        "pour 1 600 emplois au Maroc. »"
    )
    assert {(c.metric, c.value, c.year) for c in found} == {
        ("production_volume", 10_000, 2005),
        ("employment", 1_600, 2005),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Morocco and French automaker PSA on Friday signed an agreement for a plant in Kenitra.",
         "en"),
        ("Le Maroc et Renault ont signé une convention d'investissement à Tanger.", "fr"),
    ],
)  # fmt: skip
def test_a_country_signing_with_a_company_is_its_state(text: str, language: str) -> None:
    found = claims_of(text, language=language)
    assert [(c.metric, c.object) for c in found] == [("partnership", "Government of Morocco")]


def test_an_agreement_word_written_as_a_name_is_no_agreement() -> None:
    named = claims_of(
        "Le patron de l'Alliance devrait insister sur l'Afrique dans l'activité de Renault et "
        "Nissan au Maroc."
    )
    assert [c for c in named if c.metric == "partnership"] == []
    signed = claims_of("Renault et Nissan ont signé une alliance au Maroc.")
    assert [(c.subject, c.object) for c in signed if c.metric == "partnership"] == [
        ("Renault Group", "Nissan")
    ]


def test_a_bracket_after_a_figure_that_states_nothing_finds_its_own_subject() -> None:
    found = claims_of(
        "Porsche devance Jaguar au Maroc, Jaguar ayant vu ses ventes reculer de 15 % "
        "(seulement 51 voitures vendues) en 2024."
    )
    assert [(c.subject, c.metric, c.value) for c in found] == [("Jaguar", "sales_volume", 51)]
