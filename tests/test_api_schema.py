"""The API against its own OpenAPI spec, with Schemathesis generating the requests.

In-process (ASGI) over the examples in SQLite: every operation gets a bounded
number of generated requests, valid and invalid, and must answer each without
a server error, with a documented status and a body that matches its schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from veille.pipeline import process_all
from veille.sources import read_paths
from veille.store import Database, ingest
from veille.web import create_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAX_EXAMPLES = 15  # per operation: the whole module stays within seconds


class DeferredApp:
    """An ASGI app that forwards to one set later.

    Schemathesis reads the spec when the module is collected, before any
    fixture has built a database; the spec does not depend on the data, so an
    empty in-memory database serves it, and the fixture swaps in the real app.
    """

    def __init__(self) -> None:
        self.app: Any = create_app("sqlite://")

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)


deferred = DeferredApp()
schema = schemathesis.openapi.from_asgi("/api/openapi.json", deferred)
deferred.app.state.db.close()  # in the thread that opened the in-memory database


@pytest.fixture(scope="module", autouse=True)
def examples_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'veille.db'}"
    with Database.connect(url) as db:
        assert ingest(db, process_all(read_paths([EXAMPLES]))).new > 0
    deferred.app = create_app(url)
    yield
    deferred.app.state.db.close()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_conforms_to_the_spec(case: schemathesis.Case) -> None:
    case.call_and_validate()
