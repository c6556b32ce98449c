"""Each indicator's series against its target path, drawn as server-side SVG (no CDN, no JS).

For other apps (the official report, exports) the entry point is `indicator_chart`:

    from theodoi.indicators.charts import indicator_chart
    chart = indicator_chart(indicator)          # approved values only, as an official report wants
    chart.svg          # the <svg> element as a string (safe to insert in HTML; standalone-valid
                       # with its xmlns, so it can be written to a .svg file or converted to PNG)
    chart.title, chart.description   # the accessible name and description, also inside the SVG
    chart.rows         # the data-table fallback: [TableRow(label, value, target, is_demo, state)]
    chart.points, chart.targets      # the series and the targets as plain values
    chart.has_demo     # True when a value shown is demo data; the SVG then says so in red

`include_unapproved=True` also draws submitted and draft values (the indicator page shows
them to those allowed to see them), hollow, so they are not mistaken for approved figures.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from theodoi.indicators.formatting import format_number, format_value, target_text
from theodoi.indicators.models import Indicator, Observation

WIDTH, HEIGHT = 640, 320
MARGIN = {"left": 64, "right": 20, "top": 36, "bottom": 48}


@dataclass(frozen=True)
class ChartPoint:
    label: str  # "Năm 2025", "Quý II/2026"
    x: float  # position in years: the end of the period (Q4/2025 and the year 2025 are both at 2025)
    value: Decimal
    is_demo: bool
    approved: bool


@dataclass(frozen=True)
class ChartTarget:
    label: str  # "2030" or "2026–2030"
    from_x: float | None  # the first year of a span target
    x: float
    low: Decimal | None
    high: Decimal | None
    document: str
    wording: str

    @property
    def mid(self) -> Decimal:
        values = [v for v in (self.low, self.high) if v is not None]
        return sum(values, Decimal(0)) / len(values)


@dataclass(frozen=True)
class TableRow:
    label: str
    value: str
    target: str
    is_demo: bool
    state: str


@dataclass
class IndicatorChart:
    indicator: Indicator
    title: str
    description: str
    points: list[ChartPoint]
    targets: list[ChartTarget]
    rows: list[TableRow]
    svg: SafeString = field(default=SafeString(""))

    @property
    def has_demo(self) -> bool:
        return any(p.is_demo for p in self.points)


def _x_of(observation: Observation) -> float:
    end = observation.period_end
    return end.year - 1 + end.month / 12


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def indicator_chart(indicator: Indicator, *, include_unapproved: bool = False, observations: list[Observation] | None = None,
                    width: int = WIDTH, height: int = HEIGHT) -> IndicatorChart:
    """The chart of one indicator: its values against its targets, as SVG plus the same data
    as a table. `observations` (already fetched) overrides the indicator's own; by default
    only approved values are drawn."""
    stored = observations if observations is not None else list(indicator.observations.all())
    shown = [o for o in stored if include_unapproved or o.state == Observation.State.APPROVED]
    shown.sort(key=lambda o: o.period_start)
    unit = indicator.unit
    points = [ChartPoint(o.period.label, _x_of(o), o.value, o.is_demo, o.state == Observation.State.APPROVED)
              for o in shown]
    targets = [ChartTarget(t.span_label, float(t.from_year) if t.from_year else None, float(t.year), t.low, t.high,
                           t.document.number or t.document.title, t.wording)
               for t in sorted(indicator.targets.all(), key=lambda t: (t.year, t.from_year or 0))]

    rows = [TableRow(p.label, format_value(p.value, unit), "", p.is_demo,
                     "" if p.approved else str(Observation.State(o.state).label)) for p, o in zip(points, shown)]
    rows += [TableRow(_("Mục tiêu %(span)s") % {"span": t.label}, "", f"{target_text(t, unit)} ({t.document})", False, "")
             for t in targets]

    title = _("%(name)s (%(unit)s): thực hiện so với mục tiêu") % {"name": indicator.name, "unit": unit}
    parts = []
    if points:
        parts.append(_("Số liệu: %(values)s.") % {"values": "; ".join(f"{p.label}: {format_value(p.value, unit)}"
                                                                        + (_(" (minh họa)") if p.is_demo else "")
                                                                        for p in points)})
    else:
        parts.append(_("Chưa có số liệu được duyệt."))
    if targets:
        parts.append(_("Mục tiêu: %(targets)s.") % {"targets": "; ".join(f"{t.label}: {target_text(t, unit)}"
                                                                         for t in targets)})
    chart = IndicatorChart(indicator, title, " ".join(parts), points, targets, rows)
    chart.svg = _draw(chart, width, height)
    return chart


def _draw(chart: IndicatorChart, width: int, height: int) -> SafeString:
    points, targets = chart.points, chart.targets
    xs = [p.x for p in points] + [t.x for t in targets] + [t.from_x for t in targets if t.from_x is not None]
    ys = [float(p.value) for p in points] + [float(v) for t in targets for v in (t.low, t.high) if v is not None]
    if not xs:
        xs, ys = [2025.0, 2030.0], [0.0, 1.0]
    x_low, x_high = math.floor(min(xs)) - 0.5, math.ceil(max(xs)) + 0.5
    y_ticks = nice_ticks(min(ys + [0.0]), max(ys))  # from zero unless a value is negative
    y_low, y_high = y_ticks[0], y_ticks[-1]
    left, top = MARGIN["left"], MARGIN["top"]
    plot_w, plot_h = width - left - MARGIN["right"], height - top - MARGIN["bottom"]

    def sx(x: float) -> float:
        return round(left + (x - x_low) / (x_high - x_low) * plot_w, 1)

    def sy(y: float | Decimal) -> float:
        return round(top + plot_h - (float(y) - y_low) / (y_high - y_low) * plot_h, 1)

    years = list(range(math.ceil(x_low), math.floor(x_high) + 1))
    step = max(1, math.ceil(len(years) / 10))
    x_ticks = [{"x": sx(y), "label": str(y)} for y in years[::step]]
    y_axis = [{"y": sy(t), "label": format_number(Decimal(str(t)))} for t in y_ticks]

    bands, markers = [], []
    for t in targets:
        low = t.low if t.low is not None else t.high
        high = t.high if t.high is not None else t.low
        assert low is not None and high is not None  # a target has at least one value
        if t.from_x is not None:
            # A span target holds for each of its years: the band covers them whole.
            bands.append({"x": sx(t.from_x - 0.4), "w": round(sx(t.x + 0.4) - sx(t.from_x - 0.4), 1), "y": sy(high),
                          "h": max(2.0, round(sy(low) - sy(high), 1)), "label": t.label,
                          "text": f"{target_text(t, chart.indicator.unit)} ({t.label})"})
        else:
            markers.append({"x": sx(t.x), "y1": sy(high), "y2": sy(low), "y": sy(t.mid), "label": t.label,
                            "text": target_text(t, chart.indicator.unit), "open": t.low is None or t.high is None})
    # The path to the targets starts from the last value before the first target year.
    path = [(m["x"], m["y"]) for m in markers]
    if path and points:
        first_x = min(t.x for t in targets if t.from_x is None)
        before = [p for p in points if p.x < first_x]
        if before:
            path.insert(0, (sx(before[-1].x), sy(before[-1].value)))
    series = [{"x": sx(p.x), "y": sy(p.value), "label": p.label, "value": format_value(p.value, chart.indicator.unit),
               "demo": p.is_demo, "approved": p.approved} for p in points]
    slug = f"ind-{chart.indicator.pk or chart.indicator.code}"
    return SafeString(render_to_string("indicators/chart.svg", {
        "chart": chart, "width": width, "height": height, "slug": slug,
        "plot": {"left": left, "top": top, "right": left + plot_w, "bottom": top + plot_h},
        "x_ticks": x_ticks, "y_axis": y_axis, "bands": bands, "markers": markers,
        "target_path": " ".join(f"{x},{y}" for x, y in path),
        "series_path": " ".join(f"{s['x']},{s['y']}" for s in series), "series": series,
    }).strip())
