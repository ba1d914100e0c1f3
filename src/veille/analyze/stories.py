"""Stories: the articles that are copies of one text, as the store grouped them at ingest."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from veille.store import schema
from veille.store.database import Database

OPENING = 120  # characters of an untitled article's text that stand for its title


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article of a story, and how close it was to the member it matched."""

    article_id: str
    title: str | None
    url: str | None
    published: date | None
    matched_article_id: str | None  # None for the article that started the story
    similarity: float
    opening: str = ""  # the start of its text, for an article without a title

    @property
    def headline(self) -> str:
        """Its title, else its opening words: what a person recognises it by."""
        if self.title:
            return self.title
        first = self.opening.strip().split("\n", 1)[0]
        return first + ("…" if len(first) >= OPENING or "\n" in self.opening.strip() else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "headline": self.headline,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "matched_article_id": self.matched_article_id,
            "similarity": round(self.similarity, 3),
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that tell one story in (nearly) the same words, earliest first."""

    id: int
    members: tuple[StoryMember, ...]

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(member.article_id for member in self.members)

    @property
    def title(self) -> str:
        """The story's title: its earliest titled member's, else its first member's opening."""
        titled = next((member for member in self.members if member.title), self.members[0])
        return titled.headline

    @property
    def first_published(self) -> date | None:
        dates = [member.published for member in self.members if member.published]
        return min(dates) if dates else None

    def to_json(self) -> dict[str, Any]:
        first = self.first_published
        return {
            "id": self.id,
            "title": self.title,
            "size": self.size,
            "first_published": first.isoformat() if first else None,
            "members": [member.to_json() for member in self.members],
        }


def list_stories(db: Database, min_size: int = 1) -> list[Story]:
    """Stories with at least `min_size` articles, largest first, then by id.

    `min_size=2` lists only the stories that were republished or scraped twice.
    """
    if min_size < 1:
        raise ValueError("min_size must be 1 or more")
    m, a = schema.story_members, schema.articles
    sizes = (
        sa.select(m.c.story_id)
        .group_by(m.c.story_id)
        .having(sa.func.count() >= min_size)
        .subquery()
    )
    query = (
        sa.select(
            m.c.story_id,
            m.c.article_id,
            a.c.title,
            a.c.url,
            a.c.published,
            m.c.matched_article_id,
            m.c.similarity,
            sa.func.substr(a.c.text, 1, OPENING),
        )
        .join(a, a.c.id == m.c.article_id)
        .join(sizes, sizes.c.story_id == m.c.story_id)
    )
    members: dict[int, list[StoryMember]] = defaultdict(list)
    with db.read() as conn:
        for row in conn.execute(query):
            story_id, *fields = row
            members[story_id].append(StoryMember(*fields))
    stories = [
        Story(story_id, tuple(sorted(found, key=_member_order)))
        for story_id, found in members.items()
    ]
    return sorted(stories, key=lambda story: (-story.size, story.id))


def _member_order(member: StoryMember) -> tuple[date, str]:
    return (member.published or date.max, member.article_id)
