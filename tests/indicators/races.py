"""Real concurrent writers on one indicator period (threads, each with its own connection,
released together by `tests.tasks.races.run_at_once`): in-process on PostgreSQL, and for
SQLite in a child process on a file database (`python -m tests.indicators.races DB N`)."""

from collections import Counter
from decimal import Decimal
from typing import Any


def scenario(n: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from tests.tasks.races import race_setting, run_at_once
    from theodoi.indicators import services
    from theodoi.indicators.models import Indicator, Observation
    from theodoi.lib.periods import period_containing

    city, officer, office, document = race_setting("98/NQ-CP")
    users = get_user_model().objects
    indicator = Indicator.objects.create(code="RACE", name="Tốc độ tăng GRDP", unit="%", is_rate_of_change=True,
                                         agency=city, document=document)
    period = period_containing("year", timezone.localdate())  # this year: open, not yet locked by time

    def submit(i: int):
        return lambda: services.observation_save(actor=users.get(pk=officer.pk), indicator=indicator, period=period,
                                                 value=Decimal(8) + Decimal(i) / 10, source=f"Lần {i}", submit=True)

    outcomes = run_at_once([submit(i) for i in range(n)])
    if not Observation.objects.filter(indicator=indicator).exists():
        return {"submit": Counter(o for o, _ in outcomes), "messages": sorted({d for _, d in outcomes})}
    observation = Observation.objects.get(indicator=indicator)
    review = run_at_once([
        lambda: services.observation_approve(actor=users.get(pk=office.pk), observation=observation),
        lambda: services.observation_return(actor=users.get(pk=office.pk), observation=observation, reason="Sửa."),
    ])
    return {
        "submit": Counter(o for o, _ in outcomes),
        "messages": sorted({d for o, d in outcomes if o != "ok"}),
        "saved": Observation.objects.filter(indicator=indicator).count(),
        "history_submitted": Observation.history.filter(indicator_id=indicator.pk, state="submitted").count(),
        "review": sorted(o for o, _ in review),
        "review_messages": [d for _, d in review],
        "state": Observation.objects.get(indicator=indicator).state,
    }


if __name__ == "__main__":
    from tests.tasks.races import child_main

    child_main(scenario)
