"""What every command shares: the --db option, error reporting, output streams."""

from __future__ import annotations

import errno
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from veille.settings import SETTINGS

if TYPE_CHECKING:  # the store loads SQLAlchemy: --help and a typo stay instant without it
    from veille.store import Database

stdout = Console()
stderr = Console(stderr=True)

_db = SETTINGS["db"]
DEFAULT_DB = _db.default
DbOption = Annotated[str, typer.Option("--db", envvar=_db.envvar, help=_db.help, show_default=True)]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="processes that clean and extract in parallel (one per core is plenty)",
    ),
]


def existing_paths(paths: list[Path]) -> list[Path]:
    """Every path given must be there: a missing one or a symlink loop is one line, status 2."""
    for path in paths:
        try:
            path.stat()
        except OSError as err:
            if err.errno == errno.ELOOP:
                reason = "symbolic link loop"
            elif isinstance(err, FileNotFoundError):
                reason = "no such file or folder"
            else:
                reason = f"cannot read ({err.strerror or type(err).__name__})"
            fail(f"{path}: {reason}", code=2)
    return paths


PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="files or folders (.txt, .html, .jsonl, .warc, .warc.gz)",
        callback=existing_paths,
        show_default=False,
    ),
]


class CliError(Exception):
    """A problem the user can fix; reported as one line, exit status 1."""


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line to stderr and leave with a non-zero status."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can cause into one line on stderr, not a traceback."""
    from sqlalchemy import exc

    from veille.store import StoreError

    try:
        yield
    except (CliError, StoreError) as err:
        fail(str(err))
    except exc.OperationalError as err:  # the database went away mid-command
        fail(f"database error: {str(err.orig or err).splitlines()[0]}")
    except ValueError as err:
        if not _in_domain_file(err):
            raise
        fail(str(err))


def _in_domain_file(err: ValueError) -> bool:
    """A domain or language file its editor can fix; imported only on failure, for start-up."""
    from veille.extract.lexicon_file import LexiconError
    from veille.languages import LanguageError
    from veille.resolve import GazetteerError

    return isinstance(err, LexiconError | LanguageError | GazetteerError)


def open_db(url: str) -> Database:
    from veille.store import Database

    return Database.connect(url)


def skipped(uri: str, reason: str) -> None:
    """One line on stderr for a document that was not used."""
    typer.echo(f"skipped: {uri}: {reason}", err=True)


def check_subject(database: Database, subject: str | None) -> None:
    """An unknown organisation is a user error with suggestions, not an empty list."""
    from veille.store import find_entity, suggest_entities, unknown_entity_message

    if subject is None or find_entity(database, subject) is not None:
        return
    raise CliError(unknown_entity_message(subject, suggest_entities(database, subject)))


def load_models(workers: int) -> None:
    """Load the language models now, saying so: the first document would wait for them silently.

    With several workers each loads its own copy as it starts.
    """
    from veille.engines.local import warm_up

    if workers > 1:
        stderr.print(f"loading the French language model in {workers} workers…")
        return
    started = time.monotonic()
    stderr.print("loading the French language model…", end="")
    warm_up()
    stderr.print(f" {time.monotonic() - started:.1f} s")
