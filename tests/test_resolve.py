"""Tests for veille.resolve: the gazetteer data, its loader and its matcher."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from veille.resolve import Gazetteer, GazetteerError, build_entities, build_places
from veille.resolve.folding import fold, strip_accents

EVAL = Path(__file__).parents[1] / "eval"
GOLD_FILES = sorted(EVAL.glob("*/claims.gold.jsonl"))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _gold_names() -> Iterator[tuple[str, tuple[str, ...]]]:
    """Every (canonical name, alias list) pair the gold files use, once each."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for path in GOLD_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            claim: dict[str, Any] = json.loads(line)
            for field in ("subject", "object"):
                name = claim.get(field)
                if name:
                    pair = (name, tuple(claim.get(f"{field}_aliases") or ()))
                    if pair not in seen:
                        seen.add(pair)
                        yield pair


GOLD = sorted(_gold_names())


def test_gold_files_are_found() -> None:
    assert len(GOLD_FILES) >= 2
    assert len(GOLD) > 30


@pytest.mark.parametrize(("name", "aliases"), GOLD, ids=[n for n, _ in GOLD])
def test_gold_name_and_aliases_resolve(
    gazetteer: Gazetteer, name: str, aliases: tuple[str, ...]
) -> None:
    entity = gazetteer.entity(name)
    assert entity is not None, f"{name} missing; did you mean {gazetteer.suggest(name)}?"
    assert entity.name == name
    # The entity's alias list covers the gold list (rule 2: same list in every set).
    assert set(aliases) <= set(entity.aliases)
    for alias in aliases:
        target = gazetteer.entity(alias)
        assert target is not None, alias
        # An alias names the entity itself, or (for brands) one of its parents.
        assert gazetteer.is_part_of(name, target.name), (alias, target.name)


@pytest.mark.parametrize(("name", "aliases"), GOLD, ids=[n for n, _ in GOLD])
def test_gold_searched_aliases_are_found_in_text(
    gazetteer: Gazetteer, name: str, aliases: tuple[str, ...]
) -> None:
    entity = gazetteer.entity(name)
    assert entity is not None
    for alias in aliases:
        text = f"Selon {alias}, le projet avance."
        mentions = gazetteer.find(text)
        resolved = gazetteer.entity(alias)
        assert resolved is not None
        if alias not in _lookup_only(gazetteer, resolved.name):
            assert [m.surface for m in mentions] == [alias], alias
            assert gazetteer.is_part_of(name, mentions[0].entity.name)


def _lookup_only(gazetteer: Gazetteer, name: str) -> set[str]:
    """Aliases of `name` that `find` must not search (country names and the like)."""
    entity = gazetteer.entity(name)
    assert entity is not None
    return {a for a in entity.aliases if not gazetteer.find(f"x {a} x")}


def test_country_names_are_lookup_only(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("Le Maroc et le Royaume du Maroc exportent.") == []
    government = gazetteer.entity("Maroc")
    assert government is not None and government.name == "Government of Morocco"
    mentions = gazetteer.find("un accord avec l'État marocain")
    assert [m.entity.name for m in mentions] == ["Government of Morocco"]


def test_longest_match_wins(gazetteer: Gazetteer) -> None:
    text = "Renault Group Maroc et Renault-Nissan, puis PSA Peugeot Citroën."
    mentions = gazetteer.find(text)
    assert [(m.surface, m.entity.name) for m in mentions] == [
        ("Renault Group Maroc", "Renault Group"),
        ("Renault-Nissan", "Renault Group"),
        ("PSA Peugeot Citroën", "Stellantis"),
    ]


def test_offsets_map_back_to_original_text(gazetteer: Gazetteer) -> None:
    text = "À Kénitra, l’usine d'Aïn Aouda de Neo Motors et SEWS-CABIND recrutent."
    for mention in gazetteer.find(text):
        assert text[mention.start : mention.end] == mention.surface
    places = gazetteer.find_places(text)
    assert [(p.surface, p.name) for p in places] == [
        ("Kénitra", "Kenitra"),
        ("Aïn Aouda", "Ain Aouda"),
    ]
    for place in places:
        assert text[place.start : place.end] == place.surface
    names = [m.entity.name for m in gazetteer.find(text)]
    assert names == ["Neo Motors", "Sumitomo Electric"]


def test_apostrophe_forms_match(gazetteer: Gazetteer) -> None:
    for text in ("signé avec l'État marocain", "signé avec l’Etat marocain"):
        [mention] = gazetteer.find(text)
        assert mention.entity.name == "Government of Morocco"
        assert text[mention.start : mention.end] == mention.surface


def test_whole_words_only(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("Les Renaultistes et la Dacianisation") == []
    assert [m.surface for m in gazetteer.find("(Dacia)")] == ["Dacia"]


def test_short_aliases_are_case_sensitive(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("a leather seat and a neo classic look, cam shaft") == []
    found = gazetteer.find("Neo et le CAM ; SEAT et Seat ; NEO MOTORS")
    assert [(m.surface, m.entity.name) for m in found] == [
        ("Neo", "Neo Motors"),
        ("CAM", "Crédit Agricole du Maroc"),
        ("SEAT", "SEAT"),
        ("Seat", "SEAT"),
        ("NEO MOTORS", "Neo Motors"),
    ]


def test_flagged_common_words_are_case_sensitive(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("all hands on deck, a speedy deal") == []
    found = gazetteer.find("Hands et Speedy")
    assert [m.entity.name for m in found] == ["Hands Corporation", "Speedy Maroc"]


def test_entity_lookup_is_case_and_accent_insensitive(gazetteer: Gazetteer) -> None:
    for form in (
        "credit agricole du maroc",
        "CRÉDIT AGRICOLE DU MAROC",
        "Crédit  Agricole du Maroc",
    ):
        entity = gazetteer.entity(form)
        assert entity is not None and entity.name == "Crédit Agricole du Maroc"
    assert gazetteer.entity("no such company") is None


def test_parent_aliases_resolve_to_parent(gazetteer: Gazetteer) -> None:
    dacia = gazetteer.entity("Dacia")
    assert dacia is not None and "Renault" in dacia.aliases
    renault = gazetteer.entity("Renault")
    assert renault is not None and renault.name == "Renault Group"
    assert gazetteer.is_part_of("Dacia", "Renault")
    assert gazetteer.is_part_of("Peugeot", "Groupe PSA")
    assert not gazetteer.is_part_of("Renault", "Dacia")
    assert not gazetteer.is_part_of("Unknown", "Renault")


def test_entity_aliases_start_with_canonical_name(gazetteer: Gazetteer) -> None:
    for entity in gazetteer.entities():
        assert entity.aliases[0] == entity.name
        assert entity.kind


def test_suggest_for_a_typo(gazetteer: Gazetteer) -> None:
    assert gazetteer.suggest("Renolt")[0] == "Renault Group"
    assert gazetteer.suggest("Stelantis")[0] == "Stellantis"
    assert len(gazetteer.suggest("Yazakki", limit=3)) <= 3


def test_load_is_cached() -> None:
    assert Gazetteer.load() is Gazetteer.load("automotive")


def test_places_map_to_english_names(gazetteer: Gazetteer) -> None:
    text = (
        "Tanger, Melloussa, Fès, Meknès, Tanger Automotive City, l'Atlantic Free Zone, "
        "Tafraoui, Égypte, la Roumanie, une usine marocaine, Moroccan plants, à Salé."
    )
    assert [p.name for p in gazetteer.find_places(text)] == [
        "Tangier",
        "Tangier",
        "Fes",
        "Meknes",
        "Tangier",
        "Kenitra",
        "Oran",
        "Egypt",
        "Romania",
        "Morocco",
        "Morocco",
        "Sale",
    ]
    kinds = {p.name: p.kind for p in gazetteer.find_places("Tanger, Maroc, Middle East and Africa")}
    assert kinds == {"Tangier": "city", "Morocco": "country", "Middle East and Africa": "region"}


def test_place_common_words_do_not_match(gazetteer: Gazetteer) -> None:
    assert gazetteer.find_places("a garage sale in the royaume of ideas") == []
    found = gazetteer.find_places("le détroit de Gibraltar, un canton suisse, à Détroit")
    assert [(p.surface, p.name) for p in found] == [
        ("suisse", "Switzerland"),
        ("Détroit", "Detroit"),
    ]
    assert gazetteer.find_places("prices in US$ and us") == []


def test_every_parent_chain_is_followed(gazetteer: Gazetteer) -> None:
    entities = list(gazetteer.entities())
    assert len(entities) > 200
    for entity in entities:
        if entity.parent:
            assert gazetteer.is_part_of(entity.name, entity.parent)
            assert not gazetteer.is_part_of(entity.parent, entity.name)


def test_gold_locations_are_place_names(gazetteer: Gazetteer) -> None:
    """Every gold `location` is the output name of some place (checked by search)."""
    for path in GOLD_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            location = json.loads(line).get("location") if line.strip() else None
            if location:
                names = [p.name for p in gazetteer.find_places(location)]
                assert names == [location], location


def test_fold_keeps_length() -> None:
    text = "l’usine d'Aïn-Aouda à Kénitra, Œuvre, straße, İstanbul"
    assert len(fold(text)) == len(text)
    assert len(strip_accents(text)) == len(text)
    assert fold("Kénitra") == "kenitra"
    assert fold("l’État-major") == "l'etat major"


def _entity_row(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "kind": "supplier", **extra}


def test_loader_rejects_alias_naming_two_entities() -> None:
    table = {
        "entity": [
            _entity_row("Alpha", aliases=["Alpha Maroc", "AX"]),
            _entity_row("Beta", aliases=["alpha maroc"]),
        ]
    }
    with pytest.raises(GazetteerError) as error:
        build_entities(table)
    assert any("alpha maroc" in p and "Alpha" in p for p in error.value.problems)


def test_loader_rejects_duplicate_names_and_bad_parents() -> None:
    table = {
        "entity": [
            _entity_row("Alpha"),
            _entity_row("ALPHA"),
            _entity_row("Gamma", parent="Nobody"),
            _entity_row("Delta", parent="Epsilon"),
            _entity_row("Epsilon", parent="Delta"),
            _entity_row("Zeta", parent_aliases=["Alpha"], colour="red"),
        ]
    }
    with pytest.raises(GazetteerError) as error:
        build_entities(table)
    problems = "\n".join(error.value.problems)
    assert "duplicate canonical name" in problems
    assert "'Nobody' is not a canonical name" in problems
    assert "loops" in problems
    assert "parent alias 'Alpha'" in problems
    assert "unknown key 'colour'" in problems


def test_loader_accepts_a_valid_table_and_same_entity_case_variants() -> None:
    table = {
        "entity": [
            _entity_row("Group", aliases=["Groupe"]),
            _entity_row(
                "Brand", parent="Group", aliases=["BRAND", "Brand"], parent_aliases=["Groupe"]
            ),
        ]
    }
    rows = build_entities(table)
    assert [r.entity.name for r in rows] == ["Group", "Brand"]
    gazetteer = Gazetteer.from_tables(table)
    assert gazetteer.entity("groupe") is not None
    assert [m.entity.name for m in gazetteer.find("Brand and Groupe")] == ["Brand", "Group"]


def test_places_loader_rejects_shared_spelling() -> None:
    table = {
        "place": [
            {"name": "Tangier", "kind": "city", "aliases": ["Tanger"]},
            {"name": "Tanger Med", "kind": "site", "aliases": ["TANGER"]},
        ]
    }
    with pytest.raises(GazetteerError, match="already names place 'Tangier'"):
        build_places(table)


def test_an_entity_site_must_be_a_known_place() -> None:
    places = {"place": [{"name": "Oujda", "kind": "city", "country": "Morocco"}]}
    good = {"entity": [_entity_row("Plant One", site="Oujda")]}
    assert Gazetteer.from_tables(good, places).entity("Plant One").site == "Oujda"  # type: ignore[union-attr]
    bad = {"entity": [_entity_row("Plant Two", site="Atlantis")]}
    with pytest.raises(GazetteerError) as error:
        Gazetteer.from_tables(bad, places)
    assert "site 'Atlantis' is not a place" in error.value.problems[0]
