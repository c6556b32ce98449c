"""API test helpers: callers (anonymous, or with a token issued through the service), the
portal's database of non-public data with markers, and generous rates unless a test sets
its own."""


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
