"""How results look in a terminal: tables, cards and summaries built with Rich."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from veille.records import format_figure

if TYPE_CHECKING:
    from veille.store import EntityCard, IngestReport, StoredClaim


def format_value(value: float | None, unit: str | None) -> str:
    """A figure as a person reads it: `382 661 vehicles`, `1.1 bn EUR`, `40 %`."""
    return format_figure(value, unit)


# Below this width the seven-column table leaves the evidence six characters:
# each claim becomes one record instead, its facts stacked beside its sentence.
WIDE_TABLE = 120


def claims_table(rows: Iterable[dict[str, Any]], width: int = WIDE_TABLE) -> Table:
    """Claims in SCHEMA.md's shape, fitted to a terminal `width` columns wide.

    The evidence sentence is never cut: it wraps. Wide, one column per field;
    narrow, two columns (the claim's facts on a few lines, then its sentence).
    """
    rows = list(rows)
    if width < WIDE_TABLE:
        return _claim_records(rows)
    table = Table()
    for column, size in (("doc", 12), ("subject", 12), ("metric", 10), ("value", 10)):
        table.add_column(column, min_width=size, overflow="fold")
    table.add_column("status", min_width=6)
    table.add_column("year", min_width=4)
    table.add_column("evidence", ratio=1, overflow="fold")
    for row in rows:  # Text, not markup: a sentence may hold "[1]"
        cells = (row["doc"], row["subject"], row["metric"], _fact(row), row["status"], _year(row))
        table.add_row(*map(Text, cells), Text(row["evidence"] or ""))
    return table


def _claim_records(rows: list[dict[str, Any]]) -> Table:
    table = Table(show_lines=True)
    table.add_column("claim", min_width=24, max_width=32, overflow="fold")
    table.add_column("evidence", ratio=1, overflow="fold")
    for row in rows:
        status = f"{row['status']} {_year(row)}".strip()
        facts = Text("\n".join([row["subject"], row["metric"], _fact(row), status, ""]))
        facts.append(row["doc"], style="dim")
        table.add_row(facts, Text(row["evidence"] or ""))
    return table


def _fact(row: dict[str, Any]) -> str:
    if row["metric"] == "partnership" and row["object"]:
        return f"with {row['object']}"
    return format_value(row["value"], row["unit"])


def _year(row: dict[str, Any]) -> str:
    return "" if row["year"] is None else str(row["year"])


def card_lines(card: EntityCard) -> list[str]:
    """An organisation's card as plain lines: who it is, then its claims by metric."""
    lines = [card.name, f"  kind: {card.kind}"]
    if card.parent:
        lines.append(f"  part of: {card.parent}")
    if card.aliases:
        lines.append(f"  also known as: {', '.join(card.aliases)}")
    if not card.metrics:
        lines.append("  no claims stored")
    for group in card.metrics:
        lines += ["", f"{group.metric}"]
        for label, claims in (("actual", group.actuals), ("target", group.targets)):
            if claims:
                lines.append(f"  {label}:")
                lines += [f"    {claim_line(claim, card.name)}" for claim in claims]
    return lines


def claim_line(claim: StoredClaim, owner: str) -> str:
    """One claim with its source: `2023  382 661 vehicles  (doc, 2024-01-16) "…"`."""
    year = str(claim.year) if claim.year is not None else "—"
    if claim.metric == "partnership":
        partner = claim.object if claim.subject == owner else claim.subject
        fact = f"with {partner}"
    else:
        fact = format_value(claim.value, claim.unit)
    where = f", {claim.location}" if claim.location else ""
    published = claim.published.isoformat() if claim.published else "no date"
    return f'{year}  {fact}{where}  ({claim.doc}, {published})  "{claim.sentence}"'


def report_lines(report: IngestReport) -> list[str]:
    """The summary of an ingest: counts, then each failure with its reason."""
    lines = [
        f"read: {report.read}",
        f"new: {report.new}",
        f"updated: {report.updated}",
        f"unchanged: {report.unchanged}",
        f"failed: {len(report.failed)}",
    ]
    lines += [f"  {rejected.uri}: {rejected.reason}" for rejected in report.failed]
    lines.append(f"claims added: {report.claims_added}")
    return lines
