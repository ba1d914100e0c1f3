"""A typo in a domain file is one line naming the file, the entry and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.resolve import Gazetteer, GazetteerError

GOOD_PLACES = '[[place]]\nname = "Tangier"\nkind = "city"\naliases = ["Tanger"]\n'


def domain(tmp_path: Path, gazetteer: str, places: str = GOOD_PLACES) -> Path:
    (tmp_path / "gazetteer.toml").write_text(gazetteer, encoding="utf-8")
    (tmp_path / "places.toml").write_text(places, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("gazetteer", "problem"),
    [
        (
            '[[entity]]\nname = "Renault Group"\nkind = "manufacturer"\nalises = ["Renault"]\n',
            "entity 'Renault Group': unknown key 'alises' (valid: name, kind,",
        ),
        (
            '[[entity]]\nname = "Renault Group"\naliases = ["Renault"]\n',
            "entity 'Renault Group': missing kind",
        ),
        (
            '[[entity]]\nname = "Renault Group"\nkind = "manufacturer"\naliases = "Renault"\n',
            "entity 'Renault Group': aliases: expected a list of strings, got 'Renault'",
        ),
        (
            '[[entity]]\nname = "Lear"\nkind = "supplier"\naliases = ["Lear Corp", 7]\n',
            "entity 'Lear': aliases[1]: expected a string, got 7",
        ),
        ('[[entity]\nname = "Lear"\n', "not valid TOML"),
    ],
)
def test_a_typo_in_the_gazetteer_is_one_line(tmp_path: Path, gazetteer: str, problem: str) -> None:
    with pytest.raises(GazetteerError) as error:
        Gazetteer.from_files(domain(tmp_path, gazetteer), "domains/test")
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"domains/test/gazetteer.toml: {problem}"), message


def test_a_typo_in_the_places_is_one_line_naming_that_file(tmp_path: Path) -> None:
    gazetteer = '[[entity]]\nname = "Lear"\nkind = "supplier"\n'
    places = '[[place]]\nname = "Tangier"\nkind = "city"\ncountry = 212\n'
    with pytest.raises(GazetteerError) as error:
        Gazetteer.from_files(domain(tmp_path, gazetteer, places), "domains/test")
    assert str(error.value) == (
        "domains/test/places.toml: place 'Tangier': country: expected a string, got 212"
    )


def test_several_problems_show_the_first_and_count_the_rest(tmp_path: Path) -> None:
    gazetteer = '[[entity]]\nname = "A"\n\n[[entity]]\nname = "B"\n\n[[entity]]\nname = "C"\n'
    with pytest.raises(GazetteerError) as error:
        Gazetteer.from_files(domain(tmp_path, gazetteer), "domains/test")
    assert str(error.value) == (
        "domains/test/gazetteer.toml: entity 'A': missing kind (and 2 more problems)"
    )
    assert len(error.value.problems) == 3


def test_the_shipped_domain_loads() -> None:
    assert Gazetteer.load().entity("Renault Maroc") is not None


PAGE = '[[source]]\nname = "Le Matin"\npages = ["https://lematin.example.ma/"]\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            PAGE + "max_article = 3\n",
            "sources.toml: source 1 (Le Matin): unknown option 'max_article'; valid: name,",
        ),
        (PAGE + 'enabled = "no"\n', "sources.toml: source 1 (Le Matin) enabled: expected true"),
        (PAGE + "max_articles = true\n", "source 1 (Le Matin) max_articles: expected int"),
        (PAGE + "delay = -1\n", "source 1 (Le Matin) delay: must be at least 0"),
        ("[settings]\nmax_bytes = 2.5\n" + PAGE, "[settings] max_bytes: expected int, got 2.5"),
    ],
)
def test_a_typo_in_a_sources_file_is_one_line(text: str, message: str) -> None:
    from veille.sources.web import SourcesError, parse_sources

    with pytest.raises(SourcesError) as error:
        parse_sources(text)
    assert "\n" not in str(error.value)
    assert str(error.value).startswith(message) or message in str(error.value), str(error.value)


def shipped_lexicon() -> str:
    from importlib import resources

    return resources.files("veille.domains").joinpath("automotive", "lexicon.toml").read_text()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("[triggers]\n", "[trigers]\n"), "trigers: unknown key (and 1 more problem)"),
        (("investment = [", "investmnet = ["), "triggers.investmnet: unknown metric 'investmnet'"),
        (
            ("[qualifiers]\n", '[qualifiers]\nroughly = ["grosso modo"]\n'),
            "qualifiers.roughly: unknown qualifier 'roughly'",
        ),
        (("vehicles = 5e7", 'vehicles = "5e7"'), "bounds.vehicles: Input should be a valid number"),
        (
            ('production_capacity = ["capacité*"', 'production_capacity = [" "'),
            "triggers.production_capacity[0]: empty phrase",
        ),
        (('"mmdh" = ["MAD"', '"mmdh" = ["MDH"'), "currency_scales.mmdh: unknown currency 'MDH'"),
        (("[scales]", "[scales"), "not valid TOML"),
    ],
)
def test_a_typo_in_the_lexicon_is_one_line(change: tuple[str, str], problem: str) -> None:
    from veille.extract.lexicon_file import LexiconError, read_lexicon

    text = shipped_lexicon()
    assert change[0] in text
    with pytest.raises(LexiconError) as error:
        read_lexicon(text.replace(*change, 1), "domains/automotive/lexicon.toml")
    message = str(error.value)
    assert message.startswith("domains/automotive/lexicon.toml: ")
    assert problem in message
    assert "\n" not in message


def test_the_shipped_lexicon_names_only_metrics_the_schema_knows() -> None:
    from veille.extract.lexicon_file import read_lexicon
    from veille.records import METRICS

    data = read_lexicon(shipped_lexicon(), "lexicon.toml")
    assert set(data.triggers) <= set(METRICS)
    assert {"vehicles", "people", "EUR", "MAD", "USD"} <= set(data.units)


def test_a_broken_domain_file_is_one_line_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from veille.cli.common import user_errors
    from veille.extract.lexicon_file import LexiconError

    with pytest.raises(typer.Exit), user_errors():
        raise LexiconError("domains/automotive/lexicon.toml: trigers: unknown key")
    assert capsys.readouterr().err == "domains/automotive/lexicon.toml: trigers: unknown key\n"
    with pytest.raises(ValueError, match="a bug"), user_errors():
        raise ValueError("a bug, not a domain file")
