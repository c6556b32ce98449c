import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from theodoi.agencies.models import Agency
from theodoi.indicators.models import Indicator
from theodoi.lib.periods import period_containing

HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"
YEAR_2025 = period_containing("year", dt.date(2025, 1, 1))


class Clock:
    """Moves Django's clock (`timezone.now`, which `localdate()` and the services read)."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.tick = 0

    def now(self) -> dt.datetime:
        self.tick += 1
        local = dt.datetime.combine(self.today, dt.time(9)) + dt.timedelta(milliseconds=self.tick)
        return timezone.make_aware(local).astimezone(dt.UTC)


@pytest.fixture
def clock(settings):
    settings.INDICATOR_LOCK_DAYS = 30
    clock = Clock(dt.date(2026, 1, 15))  # 15 days after 2025 ended: the year is still open
    with mock.patch.object(timezone, "now", clock.now):
        yield clock


def make_indicator(document, **overrides) -> Indicator:
    fields = dict(code="HP-GRDP", name="Tốc độ tăng trưởng GRDP", unit="%", is_rate_of_change=True,
                  plausible_min=Decimal(-20), plausible_max=Decimal(40),
                  agency=Agency.objects.get(name=HAI_PHONG), document=document)
    fields.update(overrides)
    return Indicator.objects.create(**fields)


@pytest.fixture
def indicator(document):
    return make_indicator(document)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
