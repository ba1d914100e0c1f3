"""One metric over time as an SVG drawn on the server.

Server-side SVG because the page must read without JavaScript, the app must
not fetch a charting library from a CDN, and a chart that is plain markup can
be tested by reading it: each claim is one element with class `point`, its
status and `data-claim`. Actuals are filled blue circles joined by a line;
targets are hollow red diamonds, not joined (a plan is not a trend). Each point
links to the sentence it was read from. When every point falls in one year
there is no trend to read a value off, so each value is written beside its
points.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from veille.web.models import Chart, ChartPoint
from veille.web.render import figure

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36
RADIUS = 5
SPREAD = 9  # px between points of one year, so copies of a figure stay visible
ACTUAL_COLOUR, TARGET_COLOUR, GRID_COLOUR = "#1f5fa8", "#b03a2e", "#d8dde3"

LABEL_LINE = 13  # px: one line of the 11 px labels, so two close values never overprint

MAX_SPAN = 1e300  # past this, tick arithmetic overflows to inf
_Scale = Callable[[float], float]


def compact_number(value: float) -> str:
    """`500k`, `1.1bn`, `7.5k`, `40`: axis labels that fit.

    Not `records.format_figure`: a tick is three digits and no unit, read beside its axis.
    """
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering low..high.

    Bounds that are not finite numbers (a value stored before implausible
    figures were rejected) give the ticks of 0..1 rather than an overflow.
    """
    if not (math.isfinite(low) and math.isfinite(high)) or high - low > MAX_SPAN:
        low, high = 0.0, 1.0
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def metric_chart(chart: Chart, title: str) -> Markup:
    """The chart's points on a year axis, as an inline `<svg>` element.

    A point whose value is not a finite number is left out: it has no place
    on an axis.
    """
    points = [point for point in chart.points if math.isfinite(point.value)]
    years = [p.year for p in points] or [0]
    first, last = min(years) - 1, max(years) + 1
    values = [p.value for p in points] or [0.0]
    ticks = nice_ticks(min(0.0, *values), max(values))
    low, high = ticks[0], ticks[-1]

    def x(year: float) -> float:
        return LEFT + (year - first) / (last - first) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - (value - low) / (high - low) * (HEIGHT - TOP - BOTTOM)

    parts = [
        _axes(ticks, first, last, x, y),
        _trend([p for p in points if p.status == "actual"], x, y),
    ]
    placed = _spread(points)
    for point, offset in placed:
        parts.append(_point(point, x(point.year) + offset, y(point.value), chart.unit))
    if len({p.year for p in points}) == 1:  # no line to read a value off: write each one
        parts.append(_value_labels(placed, chart.unit, x, y))
    label = escape(title)
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{label}" data-metric="{escape(chart.metric)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>{"".join(parts)}</svg>'
    )


def _axes(ticks: list[float], first: int, last: int, x: _Scale, y: _Scale) -> str:
    parts = []
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#444">{compact_number(tick)}</text>'
        )
    step = max(1, math.ceil((last - first) / 10))
    for year in range(first + 1, last, step):
        parts.append(
            f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="11" fill="#444">{year}</text>'
        )
    return "".join(parts)


def _trend(actuals: Sequence[ChartPoint], x: _Scale, y: _Scale) -> str:
    """A line through the actuals, one vertex a year (their mean when sources differ)."""
    by_year: dict[int, list[float]] = defaultdict(list)
    for point in actuals:
        by_year[point.year].append(point.value)
    if len(by_year) < 2:
        return ""
    vertices = " ".join(
        f"{x(year):.1f},{y(sum(values) / len(values)):.1f}"
        for year, values in sorted(by_year.items())
    )
    return (
        f'<polyline class="trend" points="{vertices}" fill="none" '
        f'stroke="{ACTUAL_COLOUR}" stroke-width="1.5" stroke-opacity="0.6"/>'
    )


def _value_labels(
    placed: Sequence[tuple[ChartPoint, float]], unit: str | None, x: _Scale, y: _Scale
) -> str:
    """Each distinct value written right of its points, labels kept a line apart."""
    right: dict[float, float] = {}
    for point, offset in placed:
        right[point.value] = max(right.get(point.value, -math.inf), x(point.year) + offset)
    labels, floor = [], -math.inf
    for value in sorted(right, reverse=True):  # top of the chart first
        top = max(y(value) + 4, floor)
        floor = top + LABEL_LINE
        labels.append(
            f'<text class="value-label" x="{right[value] + RADIUS + 5:.1f}" y="{top:.1f}" '
            f'font-size="11" fill="#444">{escape(figure(value, unit))}</text>'
        )
    return "".join(labels)


def _spread(points: Sequence[ChartPoint]) -> list[tuple[ChartPoint, float]]:
    """Each point with a small horizontal offset among the points of its year."""
    by_year: dict[int, list[ChartPoint]] = defaultdict(list)
    for point in points:
        by_year[point.year].append(point)
    placed = []
    for group in by_year.values():
        middle = (len(group) - 1) / 2
        placed += [(point, (i - middle) * SPREAD) for i, point in enumerate(group)]
    return placed


def _point(point: ChartPoint, cx: float, cy: float, unit: str | None) -> str:
    tip = escape(f"{point.year}: {compact_number(point.value)} {unit or ''} ({point.status})")
    common = f'class="point {point.status}" data-claim="{point.claim_id}"'
    if point.status == "actual":
        shape = (
            f'<circle {common} cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}" '
            f'fill="{ACTUAL_COLOUR}"><title>{tip}</title></circle>'
        )
    else:
        r = RADIUS + 1
        corners = (
            f"M{cx:.1f},{cy - r:.1f} L{cx + r:.1f},{cy:.1f} "
            f"L{cx:.1f},{cy + r:.1f} L{cx - r:.1f},{cy:.1f} Z"
        )
        shape = (
            f'<path {common} d="{corners}" fill="#fff" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2"><title>{tip}</title></path>'
        )
    return f'<a href="{escape(point.link)}">{shape}</a>'
