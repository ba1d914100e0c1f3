"""Analysis over the store: stories, corroboration, conflicts and promises.

A library first; the CLI and the web app are thin layers over it::

    db = Database.connect("veille.db")
    list_stories(db, min_size=2)          # republished texts
    corroboration_counts(db)              # claim id -> independent stories
    find_conflicts(db, subject="Renault") # figures that disagree across stories
    check_promises(db, as_of=date(2025, 1, 1))

Stories are made at ingest (`veille.store.stories`, with `veille.dedup`);
everything here reads.
"""

from veille.analyze.conflicts import Conflict, ConflictSide, find_conflicts
from veille.analyze.corroboration import corroboration_counts
from veille.analyze.facts import ClaimEvidence
from veille.analyze.promises import Promise, PromiseStatus, check_promises
from veille.analyze.stories import Story, StoryMember, list_stories

__all__ = [
    "ClaimEvidence",
    "Conflict",
    "ConflictSide",
    "Promise",
    "PromiseStatus",
    "Story",
    "StoryMember",
    "check_promises",
    "corroboration_counts",
    "find_conflicts",
    "list_stories",
]
