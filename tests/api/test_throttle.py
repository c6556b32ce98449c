"""Rates per client, from settings: past the limit a 429 with a message and Retry-After;
another client, or a token caller, is counted on its own."""

from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import client_for
from tests.tasks.factories import UserFactory
from theodoi.api import throttling
from theodoi.core import ratelimit
from theodoi.core.roles import OFFICER

URL = "/api/v1/agencies/"


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """Every request of a test in one rate window, five seconds into it. On the wall clock a
    test's requests crossed into the next minute now and then on a busy machine, and the
    request that should have been refused was counted in a fresh window (a 200, not a 429)."""
    clock = SimpleNamespace(time=lambda: 1_800_000_005.0)  # 1_800_000_000 is a whole minute
    monkeypatch.setattr(ratelimit, "time", clock)
    monkeypatch.setattr(throttling, "time", clock)


@pytest.mark.django_db
def test_anonymous_callers_are_limited_per_address(settings):
    settings.API_ANON_RATE = "3/minute"
    here, there = APIClient(REMOTE_ADDR="10.0.0.1"), APIClient(REMOTE_ADDR="10.0.0.2")
    assert [here.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = here.get(URL)
    assert refused.status_code == 429
    assert "3 yêu cầu trong 60 giây" in refused.json()["detail"]
    assert int(refused["Retry-After"]) == 55  # until the window ends
    assert there.get(URL).status_code == 200


@pytest.mark.django_db
def test_token_callers_have_their_own_rate(settings):
    settings.API_ANON_RATE = "1/minute"
    settings.API_USER_RATE = "2/minute"
    caller = client_for(UserFactory(username="ubnd", role=OFFICER, agency="Bộ Y tế"))
    assert [caller.get(URL).status_code for _ in range(3)] == [200, 200, 429]
    assert APIClient().get(URL).status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_the_client_is_the_forwarded_address(settings):
    settings.API_ANON_RATE = "1/minute"
    settings.TRUSTED_PROXY_COUNT = 1
    first = APIClient(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = APIClient(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert first.get(URL).status_code == 200
    assert first.get(URL).status_code == 429
    assert second.get(URL).status_code == 200
