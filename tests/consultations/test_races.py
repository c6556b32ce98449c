"""Concurrent writers on a consultation (PostgreSQL pass: threads, each its own connection)."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from tests.conftest import make_user
from tests.consultations.test_sections import DRAFT_V1
from tests.tasks.races import run_at_once
from theodoi.agencies.models import Agency
from theodoi.consultations import services
from theodoi.consultations.models import Comment
from theodoi.core.roles import OFFICE

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_new_versions_at_once_become_2_and_3_and_supports_are_all_counted():
    if connection.vendor != "postgresql":
        pytest.skip("threads share no in-memory SQLite database; this race runs in the PostgreSQL pass")
    office = make_user("office-race", OFFICE)
    today = timezone.localdate()
    consultation = services.consultation_create(
        actor=office, title="Dự thảo", drafting_agency=Agency.objects.create(name="Sở thử"),
        opens_on=today, closes_on=today + dt.timedelta(days=5), name="v1.txt", data=DRAFT_V1.encode())
    results = run_at_once([
        lambda: services.version_add(actor=office, consultation=consultation, name="v.txt", data=DRAFT_V1.encode()),
        lambda: services.version_add(actor=office, consultation=consultation, name="v.txt", data=DRAFT_V1.encode()),
    ])
    assert [outcome for outcome, _ in results] == ["ok", "ok"]
    assert sorted(consultation.versions.values_list("number", flat=True)) == [1, 2, 3]

    comment = services.comment_add(consultation=consultation, section_key="dieu-1", text="Ủng hộ", client_key="a")
    comment = services.comment_publish(actor=office, comment=comment)
    calls = [lambda i=i: services.comment_support(comment=comment, client_key=f"browser-{i % 10}") for i in range(20)]
    assert [outcome for outcome, _ in run_at_once(calls)] == ["ok"] * 20
    assert Comment.objects.get(pk=comment.pk).support_count == 10
