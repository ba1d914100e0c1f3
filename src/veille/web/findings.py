"""What the analysis layer found, as response models: conflicts, promises, stories."""

from __future__ import annotations

import math
from datetime import date

from veille.analyze import ClaimEvidence, Story, check_promises, find_conflicts, list_stories
from veille.store import Database
from veille.web.links import article_link
from veille.web.models import (
    ConflictList,
    ConflictOut,
    EvidenceOut,
    PromiseList,
    PromiseOut,
    StoryList,
    StoryMemberOut,
    StoryOut,
)


def evidence_out(evidence: ClaimEvidence) -> EvidenceOut:
    return EvidenceOut(
        claim_id=evidence.claim_id,
        value=evidence.value,
        unit=evidence.unit,
        qualifier=evidence.qualifier,
        year=evidence.year,
        story_id=evidence.story_id,
        doc=evidence.article_id,
        title=evidence.title,
        url=evidence.url,
        published=evidence.published,
        sentence=evidence.sentence,
        link=article_link(evidence.article_id, evidence.claim_id),
    )


def conflicts(db: Database, subject: str | None = None) -> ConflictList:
    items = [
        ConflictOut(
            subject=conflict.subject,
            metric=conflict.metric,
            status=conflict.status,  # type: ignore[arg-type]  # validated by the model
            year=conflict.year,
            spread=conflict.spread if math.isfinite(conflict.spread) else None,
            sides=[evidence_out(side) for side in conflict.sides],
        )
        for conflict in find_conflicts(db, subject)
    ]
    return ConflictList(items=items)


def promises(db: Database, as_of: date | None = None, subject: str | None = None) -> PromiseList:
    when = as_of or date.today()
    items = [
        PromiseOut(
            subject=promise.subject,
            metric=promise.metric,
            target_value=promise.target_value,
            unit=promise.unit,
            deadline=promise.deadline,
            status=promise.status,
            stories=promise.stories,
            target=evidence_out(promise.target),
            actual=evidence_out(promise.actual) if promise.actual else None,
        )
        for promise in check_promises(db, as_of=when, subject=subject)
    ]
    return PromiseList(as_of=when, items=items)


def stories(db: Database, min_size: int = 1) -> StoryList:
    """Stories named by their articles' titles: a file name tells a reader nothing."""
    return StoryList(items=[story_out(story) for story in list_stories(db, min_size=min_size)])


def story_out(story: Story) -> StoryOut:
    headlines = {member.article_id: member.headline for member in story.members}
    return StoryOut(
        id=story.id,
        title=story.title,
        size=story.size,
        first_published=story.first_published,
        members=[
            StoryMemberOut(
                doc=member.article_id,
                title=member.title,
                headline=member.headline,
                url=member.url,
                published=member.published,
                matched=member.matched_article_id,
                matched_headline=headlines.get(member.matched_article_id or ""),
                similarity=member.similarity,
                link=article_link(member.article_id),
            )
            for member in story.members
        ],
    )
