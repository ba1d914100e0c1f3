"""How results look in a terminal: tables, cards and summaries built with Rich."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table

from veille.store import EntityCard, IngestReport, StoredClaim

UNIT_WORDS = {"vehicles/year": "vehicles a year", "%": "%"}


def format_value(value: float | None, unit: str | None) -> str:
    """A figure as a person reads it: `382 661 vehicles`, `1.1 bn EUR`, `40 %`."""
    if value is None:
        return ""
    if unit == "year":
        return str(int(value))
    if abs(value) >= 1e9 and unit in {"EUR", "MAD", "USD"}:
        number = f"{value / 1e9:g} bn"
    elif abs(value) >= 1e6 and unit in {"EUR", "MAD", "USD"}:
        number = f"{value / 1e6:g} m"
    elif float(value).is_integer():
        number = f"{int(value):,}".replace(",", " ")
    else:
        number = f"{value:g}"
    unit_text = UNIT_WORDS.get(unit or "", unit or "")
    return f"{number} {unit_text}".strip()


def claims_table(rows: Iterable[dict[str, Any]]) -> Table:
    """Claims in SCHEMA.md's shape as one table row each."""
    table = Table()
    # The facts keep their width; the evidence sentence gives way on a narrow terminal.
    for column, width in (("doc", 12), ("subject", 12), ("metric", 10), ("value", 10)):
        table.add_column(column, min_width=width, overflow="fold")
    table.add_column("status", min_width=6)
    table.add_column("year", min_width=4)
    table.add_column("evidence", no_wrap=True, overflow="ellipsis", max_width=60)
    for row in rows:
        fact = row["object"] if row["metric"] == "partnership" else None
        table.add_row(
            row["doc"],
            row["subject"],
            row["metric"],
            fact or format_value(row["value"], row["unit"]),
            row["status"],
            "" if row["year"] is None else str(row["year"]),
            row["evidence"] or "",
        )
    return table


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
