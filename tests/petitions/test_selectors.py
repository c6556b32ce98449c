"""Reads: the Open311 window, and the per-agency counts the ranking's petitions column uses."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.conftest import agency
from theodoi.petitions import services
from theodoi.petitions.models import Category, Petition
from theodoi.petitions.selectors import agency_petition_counts, petition_list

pytestmark = pytest.mark.django_db
XD = "Sở Xây dựng thành phố Hải Phòng"


def submit(title: str) -> Petition:
    return services.petition_submit(category=Category.objects.get(code="giao-thong"), title=title,
                                    text="Mặt đường có ổ gà sâu.")


def test_open311_default_window_is_90_days(client):
    old, recent = submit("Cũ"), submit("Mới")
    Petition.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=91))
    ids = [r["service_request_id"] for r in json.loads(client.get("/open311/v2/requests.json").content)]
    assert ids == [str(recent.pk)]
    since = (timezone.now() - dt.timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert len(json.loads(client.get("/open311/v2/requests.json", {"start_date": since}).content)) == 2


def test_rejected_petitions_are_not_published(client, office):
    services.petition_reject(petition=submit("Quảng cáo"), actor=office, reason="Quảng cáo")
    assert json.loads(client.get("/open311/v2/requests.json").content) == []


def test_counts_for_the_ranking_and_overdue_filter(office):
    xd = agency(XD)
    on_time = services.petition_assign(petition=submit("a"), agency=xd, actor=office)
    services.petition_answer(petition=on_time, actor=office, answer="Đã sửa.")
    late = services.petition_assign(petition=submit("b"), agency=xd, actor=office)
    services.petition_answer(petition=late, actor=office, answer="Đã sửa.")
    Petition.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    overdue = services.petition_assign(petition=submit("c"), agency=xd, actor=office)
    Petition.objects.filter(pk=overdue.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    counts = agency_petition_counts()[xd.pk]
    assert (counts.on_time, counts.late, counts.overdue) == (1, 1, 1)
    assert list(petition_list(user=office, overdue=True)) == [Petition.objects.get(pk=overdue.pk)]
