"""Story membership: each stored article joins the story of its earlier copies.

At ingest, an article's MinHash signature is compared with those of the
articles already stored, through an LSH index held in memory: loaded from the
`story_members` table once per ingest run, then kept up to date as articles
commit. A candidate whose estimated Jaccard similarity reaches
`JOIN_THRESHOLD` makes the article a member of that candidate's story (the
earliest story when several match); otherwise the article starts a story.

The membership row is written in the article's own transaction, so an article
is never stored without its story. The in-memory index is only told about it
once that transaction has committed (`commit_staged`): a rolled-back article
must not attract later copies to a story that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from veille.dedup.shingles import (
    NUM_PERM,
    SKETCH,
    signature,
    signature_bytes,
    signature_from_bytes,
    similarity,
)
from veille.store import schema

if TYPE_CHECKING:  # datasketch pulls in scipy (0.4 s): imported when an index is built
    from datasketch import LeanMinHash

# Copies of one dispatch score 0.69 on the bundled examples (a reworded
# sentence, other header and footer); unrelated articles on the same plant
# score below 0.03. 0.5 sits in that gap with room for the estimate's noise
# (about ±0.04 at 128 permutations) and for copies with heavier boilerplate.
JOIN_THRESHOLD = 0.5
# The LSH index only proposes candidates, to be confirmed by their estimated
# similarity. 42 bands of 3 rows propose a pair at 0.5 with probability 0.996
# (1 - (1 - 0.5³)⁴²), one at 0.2 with 0.29 and one at 0.1 with 0.04. Fixed
# here, because letting datasketch derive them costs 0.1 s of integration.
LSH_BANDS, LSH_ROWS = 42, 3
READ_BATCH = 200  # article ids per IN (...) list


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """The story one article was put in, and the member it matched (None: a new story)."""

    article_id: str
    story_id: int
    signature: LeanMinHash
    matched_article_id: str | None
    similarity: float


class StoryIndex:
    """Signatures of stored articles behind an LSH index; finds an article's story.

    Create one per run with `StoryIndex()` and pass it to every
    `assign_story`: it reads the stored signatures on first use, in the
    connection it is handed, and catches up with the table before each later
    match. After each transaction, `commit_staged` (or `discard_staged` on a
    rollback) keeps it in step without reading the table again.
    """

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
        self._signatures: dict[str, LeanMinHash] = {}
        self._story_of: dict[str, int] = {}
        self._staged: list[StoryAssignment] = []
        self._loaded = False

    def sync(self, conn: sa.Connection) -> None:
        """Bring the index in line with the stored signatures: all of them the first time.

        Later calls cost one count, unless the table changed behind the index:
        another writer (a second ingest, a web upload) committed articles, or
        this connection's own transaction wrote some (a batch of several
        articles), or a batch was rolled back. Then the missing rows are read
        and the vanished ones dropped.
        """
        m = schema.story_members
        current = m.c.sketch == SKETCH
        if not self._loaded:
            self._read(conn, current)
            self._loaded = True
            return
        if conn.scalar(sa.select(sa.func.count()).where(current)) == len(self._signatures):
            return
        stored = set(conn.scalars(sa.select(m.c.article_id).where(current)))
        for vanished in set(self._signatures) - stored:
            self._remove(vanished)
        unknown = sorted(stored - set(self._signatures))
        for start in range(0, len(unknown), READ_BATCH):
            self._read(conn, current & m.c.article_id.in_(unknown[start : start + READ_BATCH]))

    def _read(self, conn: sa.Connection, where: sa.ColumnElement[bool]) -> None:
        m = schema.story_members
        query = sa.select(m.c.article_id, m.c.story_id, m.c.signature).where(where)
        for article_id, story_id, data in conn.execute(query):
            self._remove(article_id)
            self._add(article_id, story_id, signature_from_bytes(data))

    def best_match(self, sketch: LeanMinHash, exclude: str) -> tuple[str, int, float] | None:
        """The member to join: (article id, story id, similarity), or None.

        Among the candidates at or above the join threshold, the earliest story
        (lowest id) wins, so a story never splits because a later copy happens
        to be closer to another copy; within it, the closest member is named.
        """
        matches = []
        for article_id in self._lsh.query(sketch):
            if article_id == exclude:
                continue  # an updated article must not match its own older text
            score = similarity(sketch, self._signatures[article_id])
            if score >= JOIN_THRESHOLD:
                matches.append((self._story_of[article_id], -score, article_id))
        if not matches:
            return None
        story_id, negative_score, article_id = min(matches)
        return article_id, story_id, -negative_score

    def stage(self, assignment: StoryAssignment) -> None:
        """Remember an assignment written in a transaction not yet committed."""
        self._staged.append(assignment)

    def commit_staged(self) -> None:
        """The staged assignments' transaction committed: index them."""
        for assignment in self._staged:
            self._remove(assignment.article_id)
            self._add(assignment.article_id, assignment.story_id, assignment.signature)
        self._staged.clear()

    def discard_staged(self) -> None:
        """The staged assignments' transaction rolled back: forget them."""
        self._staged.clear()

    def _add(self, article_id: str, story_id: int, sketch: LeanMinHash) -> None:
        self._lsh.insert(article_id, sketch)
        self._signatures[article_id] = sketch
        self._story_of[article_id] = story_id

    def _remove(self, article_id: str) -> None:
        if article_id in self._signatures:
            self._lsh.remove(article_id)
            del self._signatures[article_id]
            del self._story_of[article_id]


def assign_story(
    conn: sa.Connection, index: StoryIndex, article_id: str, text: str
) -> StoryAssignment:
    """Write the article's story membership inside the caller's transaction.

    The index is not changed: stage the result and commit it once the
    transaction has committed.
    """
    index.sync(conn)
    sketch = signature(text)
    # 1. An updated article leaves its old story first (and an emptied story goes).
    _leave_story(conn, article_id)
    # 2. Join the earliest matching story, or start one.
    match = index.best_match(sketch, exclude=article_id)
    if match is not None and not _story_exists(conn, match[1]):
        match = None  # emptied and deleted by another writer since the index read it
    if match is None:
        created = sa.insert(schema.stories).values(created_at=datetime.now(UTC))
        story_id = int(conn.execute(created.returning(schema.stories.c.id)).scalar_one())
        assignment = StoryAssignment(article_id, story_id, sketch, None, 1.0)
    else:
        matched, story_id, score = match
        assignment = StoryAssignment(article_id, story_id, sketch, matched, score)
    # 3. The membership row, with the signature for the next runs' index.
    conn.execute(
        sa.insert(schema.story_members).values(
            article_id=article_id,
            story_id=assignment.story_id,
            signature=signature_bytes(sketch),
            sketch=SKETCH,
            matched_article_id=assignment.matched_article_id,
            similarity=assignment.similarity,
        )
    )
    return assignment


def _story_exists(conn: sa.Connection, story_id: int) -> bool:
    s = schema.stories
    return conn.scalar(sa.select(s.c.id).where(s.c.id == story_id)) is not None


def _leave_story(conn: sa.Connection, article_id: str) -> None:
    m, s = schema.story_members, schema.stories
    old_story = conn.scalar(sa.select(m.c.story_id).where(m.c.article_id == article_id))
    if old_story is None:
        return
    conn.execute(sa.delete(m).where(m.c.article_id == article_id))
    remaining = conn.scalar(sa.select(sa.func.count()).where(m.c.story_id == old_story))
    if not remaining:
        conn.execute(sa.delete(s).where(s.c.id == old_story))


def backfill_stories(conn: sa.Connection) -> int:
    """Give a story to every stored article that has none, in ingest order.

    Run by migration 0002 so that a database created before stories existed
    gets them from the texts it already holds; returns how many were assigned.
    """
    a, m = schema.articles, schema.story_members
    index = StoryIndex()
    missing = (
        sa.select(a.c.id)
        .where(a.c.id.not_in(sa.select(m.c.article_id)))
        .order_by(a.c.ingested_at, a.c.id)
    )
    ids = list(conn.scalars(missing))
    for start in range(0, len(ids), READ_BATCH):
        batch = ids[start : start + READ_BATCH]
        texts = dict(conn.execute(sa.select(a.c.id, a.c.text).where(a.c.id.in_(batch))).all())
        for article_id in batch:
            index.stage(assign_story(conn, index, article_id, texts[article_id]))
            index.commit_staged()  # one transaction for the whole migration
    return len(ids)
