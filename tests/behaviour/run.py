"""Run the behavioural cases and print the pass rate per capability.

    python -m tests.behaviour.run [--capability NAME] [--show-failures N] [--by-template]

The last line is always `behaviour: N cases, M passed`. One process: the
French model loads once, on the first French candidate sentence.
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from veille.extract import extract_claims
from veille.records import Article, Claim

from .cases import CAPABILITIES, Case, Expected, all_cases

VEHICLES = {"vehicles", "vehicles/year"}
# Company forms ignored when subjects are compared (unknown companies only show them).
LEGAL_FORMS = ("sarl", "sa", "ltd", "inc", "co", "corp", "plc", "llc", "gmbh")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, without punctuation and company forms."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = "".join(c if c.isalnum() else " " for c in bare).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def unit_family(unit: str | None) -> str | None:
    """vehicles and vehicles/year are one family; currencies compare by code."""
    return "vehicles" if unit in VEHICLES else unit


def matches(claim: Claim, expected: Expected) -> bool:
    """SCHEMA.md matching, without doc: subject (aliases), metric, value, unit, status, year."""
    names = {fold(expected.subject), *(fold(a) for a in expected.aliases)}
    if fold(claim.subject) not in names or claim.metric != expected.metric:
        return False
    if claim.value is None or abs(claim.value - expected.value) > 0.01 * abs(expected.value):
        return False
    return (
        unit_family(claim.unit) == unit_family(expected.unit)
        and claim.status == expected.status
        and claim.year == expected.year
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """A case, what the extractor said, and what was missed or extra."""

    case: Case
    predicted: tuple[Claim, ...]
    missed: tuple[Expected, ...]
    extra: tuple[Claim, ...]
    error: str = ""

    @property
    def passed(self) -> bool:
        return not self.missed and not self.extra and not self.error


def judge(case: Case, predicted: Sequence[Claim]) -> Outcome:
    """One-to-one matching: every expected claim found, no other claim predicted."""
    left = list(predicted)
    missed: list[Expected] = []
    for expected in case.expected:
        hit = next((claim for claim in left if matches(claim, expected)), None)
        if hit is None:
            missed.append(expected)
        else:
            left.remove(hit)
    return Outcome(case, tuple(predicted), tuple(missed), tuple(left))


def run_case(case: Case) -> Outcome:
    article = Article(f"{case.id}.txt", None, None, case.published, case.language,
                      case.paragraphs)  # fmt: skip
    try:
        predicted = extract_claims(article)
    except Exception as exc:  # a crash fails the case, not the run
        return Outcome(case, (), case.expected, (), f"{type(exc).__name__}: {exc}")
    return judge(case, predicted)


def run(cases: Sequence[Case]) -> list[Outcome]:
    return [run_case(case) for case in cases]


def rates(outcomes: Sequence[Outcome]) -> dict[str, tuple[int, int]]:
    """Per capability: (cases, passed), in CAPABILITIES order."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        totals[outcome.case.capability][0] += 1
        totals[outcome.case.capability][1] += outcome.passed
    order = [c for c in CAPABILITIES if c in totals] + sorted(set(totals) - set(CAPABILITIES))
    return {c: (totals[c][0], totals[c][1]) for c in order}


def _claim_text(claim: Claim) -> str:
    if claim.value is None:
        return f"{claim.subject} | {claim.metric} | {claim.object}"
    return (
        f"{claim.subject} | {claim.metric} | {claim.value:g} {claim.unit} | {claim.status} | "
        f"{claim.year}"
    )


def _expected_text(expected: Expected) -> str:
    return (f"{expected.subject} | {expected.metric} | {expected.value:g} {expected.unit} | "
            f"{expected.status} | {expected.year}")  # fmt: skip


def describe(outcome: Outcome) -> str:
    case = outcome.case
    lines = [f"{case.id} [{case.kind} {case.language} {case.template}]"]
    lines += [f"  text: {p}" for p in case.paragraphs]
    if outcome.error:
        lines.append(f"  error: {outcome.error}")
    lines += [f"  missed: {_expected_text(e)}" for e in outcome.missed]
    lines += [f"  extra:  {_claim_text(c)}" for c in outcome.extra]
    return "\n".join(lines)


def report(outcomes: Sequence[Outcome], show_failures: int = 0, by_template: bool = False) -> str:
    lines = [f"{'capability':<20} {'cases':>6} {'passed':>7} {'rate':>6}  MFT/INV/DIR rate"]
    for capability, (n, passed) in rates(outcomes).items():
        mine = [o for o in outcomes if o.case.capability == capability]
        kinds = []
        for kind in ("MFT", "INV", "DIR"):
            of_kind = [o for o in mine if o.case.kind == kind]
            if of_kind:
                rate = sum(o.passed for o in of_kind) / len(of_kind)
                kinds.append(f"{kind} {rate:.2f} ({len(of_kind)})")
        lines.append(f"{capability:<20} {n:>6} {passed:>7} {passed / n:>6.2f}  {', '.join(kinds)}")
    if by_template:
        lines.append("")
        lines.append("failing templates (capability/template: failed/cases)")
        totals: Counter[str] = Counter()
        failed: Counter[str] = Counter()
        for o in outcomes:
            key = f"{o.case.capability}/{o.case.template.split(':')[0]}"
            totals[key] += 1
            failed[key] += not o.passed
        for key, n_failed in failed.most_common():
            if n_failed:
                lines.append(f"  {key:<45} {n_failed}/{totals[key]}")
    errors = Counter(o.error for o in outcomes if o.error)
    for error, n_errors in errors.most_common(5):
        lines.append(f"error in {n_errors} cases: {error}")
    failures = [o for o in outcomes if not o.passed]
    if show_failures and failures:
        lines.append("")
        by_capability: dict[str, list[Outcome]] = defaultdict(list)
        for o in failures:
            by_capability[o.case.capability].append(o)
        for capability, items in by_capability.items():
            lines.append(f"== {capability}: {len(items)} failures, first {show_failures}")
            lines.extend(describe(o) for o in items[:show_failures])
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Behavioural test cases for the extractor.")
    parser.add_argument("--capability", choices=CAPABILITIES, help="run one capability only")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N",
                        help="print the first N failures of each capability")  # fmt: skip
    parser.add_argument("--by-template", action="store_true",
                        help="count failures per template")  # fmt: skip
    args = parser.parse_args(argv)
    started = time.perf_counter()
    outcomes = run(all_cases(args.capability))
    print(report(outcomes, args.show_failures, args.by_template))
    print(f"({time.perf_counter() - started:.1f} s)")
    print(f"behaviour: {len(outcomes)} cases, {sum(o.passed for o in outcomes)} passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
