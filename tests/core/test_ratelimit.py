"""The public write paths' rate limit: counted per client in the database."""

import pytest
from django.db import connection

from tests.tasks.races import run_at_once
from theodoi.core.models import RateBucket
from theodoi.core.ratelimit import hit

pytestmark = pytest.mark.django_db


def test_the_hit_after_the_limit_is_refused_and_a_new_window_starts_afresh():
    outcomes = [hit(key="petition:10.0.0.1", limit=3, per_seconds=60, now=1_000) for _ in range(5)]
    assert outcomes == [False, False, False, True, True]
    # Another client is counted apart; the next minute starts again at one.
    assert hit(key="petition:10.0.0.2", limit=3, per_seconds=60, now=1_000) is False
    assert hit(key="petition:10.0.0.1", limit=3, per_seconds=60, now=1_080) is False


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_are_all_counted():
    if connection.vendor != "postgresql":
        pytest.skip("threads share no in-memory SQLite database; this race runs in the PostgreSQL pass")
    results = run_at_once([lambda: hit(key="comment:10.0.0.9", limit=5, per_seconds=60, now=5_000)] * 20)
    assert [outcome for outcome, _ in results] == ["ok"] * 20
    assert RateBucket.objects.get(key="comment:10.0.0.9").hits == 20
