"""Reads on indicators: lists, one indicator with its series, the dashboard panel."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from theodoi.core.types import AnyUser
from theodoi.indicators.locks import Lock, lock_for
from theodoi.indicators.models import Direction, Indicator, LockException, Observation, Target
from theodoi.lib.periods import Period


def indicator_list() -> QuerySet[Indicator]:
    """Every indicator with its agency, document, targets and observations (staff see all
    indicators; which observations they see is `observations_visible_to`)."""
    return (Indicator.objects.select_related("agency", "document")
            .prefetch_related(Prefetch("targets", queryset=Target.objects.select_related("document")),
                              Prefetch("observations", queryset=Observation.objects.select_related("entered_by")))
            .order_by("document__issued_on", "code"))


def observations_visible_to(*, user: AnyUser, indicator: Indicator) -> list[Observation]:
    """Approved values for every staff user; drafts, submitted and returned values only for
    those who work on them (the office, leaders, the responsible agency)."""
    everything = list(indicator.observations.all())
    if user.has_perm("indicators.view_unapproved", indicator):
        return everything
    return [o for o in everything if o.state == Observation.State.APPROVED]


def approved(indicator: Indicator) -> list[Observation]:
    return [o for o in indicator.observations.all() if o.state == Observation.State.APPROVED]


def target_for_year(indicator: Indicator, year: int) -> Target | None:
    """The target that applies to a year: one set for that year, else a span covering it."""
    targets = list(indicator.targets.all())
    exact = [t for t in targets if t.year == year and not t.is_span]
    spans = [t for t in targets if t.is_span and t.covers(year)]
    found = exact or spans
    return found[0] if found else None


def next_target(indicator: Indicator, year: int) -> Target | None:
    later = sorted((t for t in indicator.targets.all() if t.year >= year), key=lambda t: (t.year, t.from_year or 0))
    return later[0] if later else None


def meets(indicator: Indicator, value: Decimal, target: Target) -> bool:
    """Whether a value reaches the target in the indicator's good direction."""
    if indicator.direction == Direction.LOWER:
        bound = target.high if target.high is not None else target.low
        return bound is not None and value <= bound
    bound = target.low if target.low is not None else target.high
    return bound is not None and value >= bound


@dataclass
class PanelRow:
    indicator: Indicator
    latest: Observation | None
    target: Target | None
    on_track: bool | None
    demo: bool


@dataclass
class Panel:
    rows: list[PanelRow] = field(default_factory=list)
    pending: int = 0  # submitted values waiting for the office

    @property
    def has_demo(self) -> bool:
        return any(row.demo for row in self.rows)


def indicator_panel(*, user: AnyUser, today: dt.date) -> Panel:
    """The dashboard's indicators panel: each indicator's latest approved value against the
    target for that year (or the next one)."""
    panel = Panel()
    for indicator in indicator_list():
        values = approved(indicator)
        latest = values[-1] if values else None
        target = None
        on_track = None
        if latest is not None:
            # Met or not only against the target for the value's own year; a later target is
            # shown for reference but not used to judge an earlier year.
            own = target_for_year(indicator, latest.period_end.year)
            target = own or next_target(indicator, latest.period_end.year)
            on_track = meets(indicator, latest.value, own) if own else None
        else:
            target = next_target(indicator, today.year)
        panel.rows.append(PanelRow(indicator, latest, target, on_track, bool(latest and latest.is_demo)))
        panel.pending += sum(1 for o in indicator.observations.all() if o.state == Observation.State.SUBMITTED)
    # Indicators with values first, then those with only targets, then the rest.
    panel.rows.sort(key=lambda row: (row.latest is None, row.target is None))
    return panel


def indicator_detail(*, pk: int) -> Indicator:
    return indicator_list().get(pk=pk)


@dataclass
class PeriodRow:
    period: Period
    observation: Observation | None
    lock: Lock | None
    exception: LockException | None
    target: Target | None


def period_rows(*, user: AnyUser, indicator: Indicator, periods: list[Period], today: dt.date) -> list[PeriodRow]:
    """The indicator's periods with their value (as the user may see it) and lock, newest first."""
    visible = {o.period_start: o for o in observations_visible_to(user=user, indicator=indicator)}
    stored = {o.period_start: o for o in indicator.observations.all()}
    exceptions = {e.period_start: e for e in LockException.objects.filter(indicator=indicator).select_related("granted_by")}
    rows = []
    for period in periods:
        exception = exceptions.get(period.start)
        lock = lock_for(period=period, observation=stored.get(period.start), exception=exception, today=today)
        rows.append(PeriodRow(period, visible.get(period.start), lock, exception,
                              target_for_year(indicator, period.end.year)))
    return rows
