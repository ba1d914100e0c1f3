"""Two `veille ingest` processes at once into one database lose and duplicate nothing.

Both processes are real subprocesses of the installed `veille` command, started
together on overlapping inputs: some files in both, and articles that name the
same organisations, so that both create the same articles, entities and
aliases at the same moment. Afterwards the database must hold exactly what one
sequential ingest of the union holds (computed in-process into a SQLite file),
each thing once; running both again must add nothing.

It runs on PostgreSQL (the team setup) and on a SQLite file, where the second
writer must wait for the lock instead of failing with "database is locked".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from veille.store import Database, ingest

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev" / "texts"
VEILLE = Path(sys.executable).with_name("veille")
# English articles (they need no language model, so each process starts fast)
# naming Renault Group, Dacia, Stellantis and Gotion High-Tech: the two lists
# start on different articles about the same organisations, then share three.
FIRST = [
    "016_morocco-top-exporter-europe.html",
    "010_renault-morocco-local-integration.txt",
    "027_chinese-battery-makers-morocco.html",
    "003_gotion-gigafactory-kenitra.txt",
    "019_aptiv-tanger-tech.txt",
]
SECOND = [
    "029_stellantis-egypt-agreement.txt",
    "010_renault-morocco-local-integration.txt",
    "027_chinese-battery-makers-morocco.html",
    "003_gotion-gigafactory-kenitra.txt",
    "023_neo-motors-ev-ipo.txt",
    "006_lear-tangier-connection-systems.html",
]
REPORT_LINE = re.compile(r"([a-z ]+): (\d+)")
UNION = sorted(set(FIRST) | set(SECOND))

pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class Contents:
    """What a database holds, independent of row ids and of the order of writes."""

    articles: tuple[str, ...]
    entities: tuple[tuple[str, str], ...]  # name, kind
    aliases: tuple[tuple[str, str], ...]  # folded form, owner's name
    claims: tuple[tuple[object, ...], ...]  # sorted, duplicates kept


CLAIMS = """
SELECT c.article_id, s.name AS subject, c.metric, c.value, c.unit, c.status, c.year,
       c.qualifier, COALESCE(o.name, c.object_name) AS object, c.char_start, c.char_end
FROM claims c JOIN entities s ON s.id = c.subject_id LEFT JOIN entities o ON o.id = c.object_id
"""
# Each query lists what would be stored twice: none may return a row.
DUPLICATES = {
    "entity": "SELECT LOWER(name) FROM entities GROUP BY LOWER(name) HAVING COUNT(*) > 1",
    "alias": "SELECT folded FROM aliases GROUP BY folded HAVING COUNT(*) > 1",
    "article text": "SELECT content_hash FROM articles GROUP BY content_hash HAVING COUNT(*) > 1",
    "claim": f"""SELECT 1 FROM ({CLAIMS}) AS stored
        GROUP BY article_id, subject, object, metric, value, unit, status, year, char_start
        HAVING COUNT(*) > 1""",
    "article without story": """SELECT id FROM articles
        WHERE id NOT IN (SELECT article_id FROM story_members)""",
}


def contents(url: str) -> Contents:
    """Read a database's contents, after checking with SQL that nothing is there twice."""
    with Database.connect(url) as db, db.read() as conn:
        for what, query in DUPLICATES.items():
            assert conn.execute(sa.text(query)).all() == [], f"{what} stored twice"
        return Contents(
            articles=tuple(conn.scalars(sa.text("SELECT id FROM articles ORDER BY id"))),
            entities=_rows(conn, "SELECT name, kind FROM entities"),
            aliases=_rows(
                conn, "SELECT a.folded, e.name FROM aliases a JOIN entities e ON e.id = a.entity_id"
            ),
            claims=_rows(conn, CLAIMS),
        )


def _rows(conn: sa.Connection, query: str) -> tuple[tuple[object, ...], ...]:
    return tuple(sorted((tuple(row) for row in conn.execute(sa.text(query))), key=repr))


@pytest.fixture(scope="module")
def sequential(tmp_path_factory: pytest.TempPathFactory) -> Contents:
    """One ingest of the union, in this process: what the concurrent runs must equal."""
    from veille.pipeline import process_all
    from veille.sources import read_paths

    url = f"sqlite:///{tmp_path_factory.mktemp('sequential') / 'veille.db'}"
    with Database.connect(url) as db:
        report = ingest(db, process_all(read_paths([DEV / name for name in UNION])))
    assert (report.new, report.failed) == (len(UNION), ())
    return contents(url)


def ingest_together(url: str, *inputs: list[str]) -> list[dict[str, int]]:
    """Run one `veille ingest` per input list at once; return their reports.

    The processes are held at a barrier: this test keeps the articles table
    locked until every process waits for it, so that all of them then write
    their first articles (and those articles' entities) at the same moment.
    """
    with Database.connect(url) as db, db.engine.connect() as lock:
        if lock.dialect.name == "postgresql":
            lock.execute(sa.text("LOCK TABLE articles IN EXCLUSIVE MODE"))
        else:
            lock.execute(sa.text("SELECT 1"))  # the IMMEDIATE transaction holds the write lock
        processes = [
            subprocess.Popen(
                [str(VEILLE), "ingest", *(str(DEV / name) for name in names), "--db", url],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for names in inputs
        ]
        wait_until_blocked(lock, processes, db.engine.url.database or "")
        lock.rollback()
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "locked" not in err and "refused" not in err, err
        counts = (REPORT_LINE.fullmatch(line) for line in out.splitlines())
        reports.append({found[1]: int(found[2]) for found in counts if found})
    return reports


def wait_until_blocked(
    lock: sa.Connection, processes: list[subprocess.Popen[str]], path: str
) -> None:
    """Return once every process waits for `lock`'s transaction.

    PostgreSQL lists the waiting requests in `pg_locks`. SQLite does not: there,
    a process that has the file open is in `Database.connect`, whose first
    transaction waits for the write lock; a moment later it is waiting.
    """
    waiting = sa.text(
        "SELECT COUNT(*) FROM pg_locks WHERE relation = 'articles'::regclass AND NOT granted"
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        for process in processes:
            assert process.poll() is None, process.communicate()[1]
        if lock.dialect.name == "postgresql":
            if lock.scalar(waiting) == len(processes):
                return
        elif all(has_open(process.pid, Path(path)) for process in processes):
            time.sleep(0.5)
            return
        time.sleep(0.05)
    pytest.fail("the ingest processes never reached the database")


def has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(Path(os.readlink(fd)) == path.resolve() for fd in fds.iterdir())
    except OSError:  # a descriptor closed while we looked: look again later
        return False


def test_concurrent_ingests_equal_one_sequential_ingest(
    database_url: str, sequential: Contents
) -> None:
    url = database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    first = ingest_together(url, FIRST, SECOND)
    assert [report["failed"] for report in first] == [0, 0]
    # Each shared article was stored by one process and found unchanged by the other.
    assert sum(report["new"] for report in first) == len(UNION)
    assert sum(report["unchanged"] for report in first) == len(FIRST) + len(SECOND) - len(UNION)
    stored = contents(url)
    assert stored == sequential
    assert sum(report["claims added"] for report in first) == len(stored.claims)

    again = ingest_together(url, FIRST, SECOND)
    assert [(r["new"], r["updated"], r["claims added"]) for r in again] == [(0, 0, 0)] * 2
    assert contents(url) == stored
