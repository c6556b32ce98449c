"""API test helpers: callers (anonymous, or with a token issued through the service), the
portal's database of non-public data with markers, and generous rates unless a test sets
its own."""


import datetime as dt

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from tests.public_markers import PublicWorld, seed_public_world
from tests.tasks.factories import UserFactory
from theodoi.api.services import api_token_issue
from theodoi.core.roles import OFFICE
from theodoi.tasks.models import ProgressReport, ReportEvidence


@pytest.fixture(autouse=True)
def _generous_rates(settings):
    settings.API_ANON_RATE = "10000/minute"
    settings.API_USER_RATE = "10000/minute"


@pytest.fixture
def public_world(db) -> PublicWorld:
    """Published and non-public data side by side, with markers: tests/public_markers.py."""
    return seed_public_world()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


def client_for(user, *, issuer=None) -> APIClient:
    """A client calling with a fresh token of `user` (issued by `issuer`, an office user)."""
    issuer = issuer or UserFactory(username="token-issuer", role=OFFICE)
    issued = api_token_issue(actor=issuer, user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
    return client


def evidence(report: ProgressReport, name: str) -> ReportEvidence:
    item = ReportEvidence(report=report, original_name=name)
    item.file.save(name, ContentFile(b"%PDF-1.4 " + name.encode()), save=False)
    item.save()
    return item


# Non-public indicator data, each with a marker (beside tests/public_markers.py's MARKERS).
INDICATOR_MARKERS = {
    "indicator_of_unpublished_document": "Mkrhiddenindicator",
    "target_set_by_unpublished_document": "Mkrhiddentarget",
    "submitted_value_source": "Mkrsubmittedsource",
    "draft_value_source": "Mkrdraftsource",
    "returned_value_reason": "Mkrreturnedvalue",
}


def seed_indicators(world: PublicWorld) -> dict:
    """On the public world: an indicator of the published programme with a public target and
    an approved value beside a target set by the unpublished document and values in every
    other state; and an indicator of the unpublished document."""
    from decimal import Decimal

    from theodoi.agencies.models import Agency
    from theodoi.indicators.models import Indicator, Observation, Target

    m = INDICATOR_MARKERS
    lead = Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng")
    grdp = Indicator.objects.create(code="hp-grdp", name="Tốc độ tăng trưởng GRDP", unit="%", is_rate_of_change=True,
                                    agency=lead, document=world.document)
    Target.objects.create(indicator=grdp, document=world.document, from_year=2026, year=2030, low=Decimal("8.0"),
                          high=Decimal("8.5"), wording="tăng 8,0 - 8,5%/năm")
    Target.objects.create(indicator=grdp, document=world.hidden_document, year=2031, low=Decimal(9),
                          wording=m["target_set_by_unpublished_document"])
    values = [(2025, Observation.State.APPROVED, "Cục Thống kê", ""),
              (2024, Observation.State.RETURNED, "Sở Tài chính", m["returned_value_reason"]),
              (2023, Observation.State.SUBMITTED, m["submitted_value_source"], ""),
              (2022, Observation.State.DRAFT, m["draft_value_source"], "")]
    for year, state, source, reason in values:
        Observation.objects.create(indicator=grdp, period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31),
                                   value=Decimal("8.1"), source=source, state=state, return_reason=reason,
                                   entered_by=world.officer)
    hidden = Indicator.objects.create(code="hp-hidden", name=m["indicator_of_unpublished_document"], unit="%",
                                      agency=lead, document=world.hidden_document)
    return {"public": grdp, "hidden": hidden}
