"""How the commands feel: start-up cost, help text, progress, narrow terminals, empty results."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from test_cli import db_url, typed_url, write_article  # noqa: F401  (fixtures)
from veille.cli import app as cli_app
from veille.cli import progress
from veille.cli.app import app
from veille.cli.render import claims_table

runner = CliRunner()
COMMANDS = [
    "extract", "clean", "ingest", "claims", "entity", "eval", "stories", "conflicts",
    "promises", "run", "load", "fetch", "watch", "reprocess", "serve",
]  # fmt: skip
HEAVY = ("spacy", "datasketch", "scipy", "fastapi", "ray", "dateparser", "trafilatura")


def modules_after(args: list[str]) -> set[str]:
    """The modules a fresh interpreter has imported after running `veille ARGS`."""
    script = (
        "import sys\nfrom typer.testing import CliRunner\nfrom veille.cli.app import app\n"
        f"result = CliRunner().invoke(app, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return {name.split(".")[0] for name in run.stdout.split()}


def test_help_imports_neither_the_store_nor_any_model() -> None:
    loaded = modules_after(["--help"])
    assert loaded.isdisjoint({"sqlalchemy", "numpy", *HEAVY})


def test_help_imports_no_command_module_nor_rich() -> None:
    """`veille --help` lists the commands without importing them, which was most of its start."""
    script = (
        "import sys\nfrom veille.cli.app import main\nsys.argv = ['veille', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    listing, _, modules = run.stdout.partition("MODULES ")
    loaded = set(modules.split())
    commands = {module for module, _, _ in cli_app.COMMANDS.values()}
    assert loaded.isdisjoint({*commands, "rich", "veille.store", "veille.records"}), loaded
    for name in cli_app.COMMANDS:
        assert f"\n  {name} " in listing, name


@pytest.mark.parametrize("name", list(cli_app.COMMANDS))
def test_the_command_list_says_what_each_command_says_of_itself(name: str) -> None:
    command = cli_app.load_command(name)
    own_summary = " ".join((command.help or "").split("\n\n")[0].split())
    assert own_summary == cli_app.COMMANDS[name][2]
    assert command.name == name


def test_a_mistyped_command_suggests_the_right_one() -> None:
    result = runner.invoke(app, ["claimz"])
    assert result.exit_code == 2
    assert "No such command 'claimz'. Did you mean 'claims'?" in result.output


def test_read_only_commands_load_no_model(db_url: str) -> None:  # noqa: F811
    for command in (["claims"], ["entity", "Renault Group"], ["conflicts"]):
        loaded = modules_after([*command, "--db", db_url])
        assert loaded.isdisjoint(HEAVY), (command, loaded & set(HEAVY))


def test_claims_loads_neither_ingestion_nor_the_gazetteer(db_url: str) -> None:  # noqa: F811
    script = (
        "import sys\nfrom typer.testing import CliRunner\nfrom veille.cli.app import app\n"
        f"result = CliRunner().invoke(app, ['claims', '--db', {db_url!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    loaded = set(run.stdout.split())
    skipped = {"veille.store.ingestion", "veille.store.reprocess", "veille.resolve.gazetteer"}
    assert loaded.isdisjoint(skipped), loaded & skipped


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_plain_metavars(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for typed in ("<str>", "<bool>", "<int", "<list", "<path>", "{", "}"):
        assert typed not in result.stdout, (command, typed)


def test_ingest_usage_names_its_arguments_plainly() -> None:
    result = runner.invoke(app, ["ingest", "--help"])
    assert "Usage: veille ingest [OPTIONS] PATH..." in result.stdout
    assert "--db" in result.stdout and "URL" in result.stdout


def test_claims_for_an_unknown_subject_suggests_names(db_url: str) -> None:  # noqa: F811
    result = runner.invoke(app, ["claims", "--subject", "Renolt", "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr.startswith("no organisation named 'Renolt'; did you mean: Renault Group")
    assert "┏" not in result.stdout  # no empty table


def test_claims_that_match_nothing_say_so(db_url: str) -> None:  # noqa: F811
    args = ["claims", "--subject", "Renault Group", "--year", "1900", "--db", db_url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stderr.strip() == "no claims matched subject Renault Group, year 1900"
    assert result.stdout == ""


def test_ingest_without_a_terminal_prints_plain_progress_lines(
    tmp_path: Path,
    typed_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)  # a line at every step, not every 10 s
    write_article(tmp_path / "news")
    (tmp_path / "news" / "second.txt").write_text("Un autre texte, sans chiffre.", "utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", typed_url])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("loading the French language model…")
    assert lines[1].startswith("ingest: 0/2 files, 0 bytes/")
    assert lines[1].endswith(" bytes, 0 documents, 0 s")
    assert any(line.startswith("ingest: 2/2 files") for line in lines[2:]), lines
    assert "new: 2" in result.stdout.splitlines()


def test_extract_says_when_the_model_loads(tmp_path: Path) -> None:
    path = write_article(tmp_path / "news")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("loading the French language model…")


def rendered(width: int) -> str:
    console = Console(file=io.StringIO(), width=width)
    evidence = (
        "Atlas Harnais, un équipementier marocain, va créer 1 200 emplois dans sa "
        "nouvelle usine de Kenitra d'ici 2026 [source : communiqué]."
    )
    row = {
        "doc": "atlas-harnais-kenitra.txt", "subject": "Atlas Harnais", "metric": "employment",
        "value": 1200, "unit": "people", "status": "target", "year": 2026, "object": None,
        "evidence": evidence,
    }  # fmt: skip
    console.print(claims_table([row], width))
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_claims_table_fits_the_terminal_and_keeps_the_whole_evidence(width: int) -> None:
    text = rendered(width)
    assert max(len(line) for line in text.splitlines()) <= width
    words = " ".join(line.strip("│┃ ") for line in text.splitlines())
    for word in ("équipementier", "Kenitra", "[source", "communiqué].", "1 200 people"):
        assert word in words, (width, word, text)


def test_the_cli_formats_figures_as_the_pages_do() -> None:
    from veille.cli.render import format_value
    from veille.records import format_figure

    for value, unit in ((382_661, "vehicles"), (1.1e9, "EUR"), (2025, "year"), (3.5, "%")):
        assert format_value(value, unit) == format_figure(value, unit)
    assert format_value(float("nan"), "EUR") == ""  # not "nan EUR"
    assert format_figure(500_000, "vehicles/year", group="\u202f") == "500\u202f000 vehicles a year"


def test_ingest_names_documents_as_read_paths_does(tmp_path: Path, typed_url: str) -> None:  # noqa: F811
    import sqlalchemy as sa

    from veille.sources import read_paths
    from veille.store import Database, schema

    write_article(tmp_path / "news" / "2025")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", typed_url])
    assert result.exit_code == 0, result.output
    with Database.connect(typed_url) as db, db.engine.connect() as conn:
        stored = set(conn.scalars(sa.select(schema.articles.c.source_uri)))
    assert stored == {item.uri for item in read_paths([tmp_path / "news"])}
    assert stored == {"news/2025/atlas-harnais-kenitra.txt"}
