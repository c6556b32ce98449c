"""Login throttling: repeated wrong passwords lock a username, or an address, out; the right
password is refused meanwhile; the office unlocks it in the admin."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.test import Client
from django.urls import reverse

from theodoi.core.login_throttle import client_address

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập bị tạm khóa"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def log_in(client: Client, username: str, password: str, *, url: str = "/dang-nhap/", address: str = "127.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client: Client, username: str, times: int, **kwargs) -> list:
    return [log_in(client, username, "sai-mat-khau", **kwargs) for _ in range(times)]


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_username_and_the_right_one_is_refused(client, officer):
    limit = settings.AXES_FAILURE_LIMIT
    responses = fail(client, "officer", limit)
    assert all(r.status_code == 200 and WRONG in r.content.decode() for r in responses[:-1])
    last = responses[-1]
    assert last.status_code == 429
    text = last.content.decode()
    assert LOCKED in text and f"{limit} lần" in text and "Văn phòng UBND" in text

    refused = log_in(client, "officer", "pw-officer")
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
    assert not is_logged_in(client)
    # Per username: the same account from another address is locked as well.
    assert log_in(Client(), "officer", "pw-officer", address="10.9.8.7").status_code == 429


def test_attempts_while_locked_out_are_refused_without_growing_the_record(client, officer):
    fail(client, "officer", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="officer")
    responses = fail(client, "officer", 20)
    assert {r.status_code for r in responses} == {429}
    after = AccessAttempt.objects.get(username="officer")
    # A scripted attack neither fills the database nor pushes the end of the lockout forward.
    assert after.failures_since_start == settings.AXES_FAILURE_LIMIT
    assert len(after.post_data) == len(attempt.post_data)
    assert after.attempt_time == attempt.attempt_time


def test_failures_below_the_limit_do_not_lock_and_a_success_clears_them(client, officer):
    fail(client, "officer", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "officer", "pw-officer").status_code == 302
    assert is_logged_in(client)
    # The count started again after the success: as many failures again do not lock.
    other = Client()
    fail(other, "officer", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(other, "officer", "pw-officer").status_code == 302


def test_wrong_passwords_for_many_usernames_lock_the_address(client, officer):
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"doan-{n}", "sai-mat-khau", address="203.0.113.5")
    refused = log_in(Client(), "officer", "pw-officer", address="203.0.113.5")
    assert refused.status_code == 429
    # The officer's own account is not locked: from another address the login works.
    assert log_in(Client(), "officer", "pw-officer", address="203.0.113.99").status_code == 302


def test_the_admin_login_is_throttled_too(client, office):
    responses = fail(client, "office", settings.AXES_FAILURE_LIMIT, url="/quan-tri/login/")
    assert responses[-1].status_code == 429 and LOCKED in responses[-1].content.decode()
    refused = client.post("/quan-tri/login/", {"username": "office", "password": "pw-office"})
    assert refused.status_code == 429
    assert not is_logged_in(client)


def test_the_office_unlocks_in_the_admin_and_the_admin_log_records_it(client, officer, office, other_officer):
    fail(Client(), "officer", settings.AXES_FAILURE_LIMIT)
    assert log_in(Client(), "officer", "pw-officer").status_code == 429

    changelist = reverse("admin:axes_accessattempt_changelist")
    # An officer may not see or clear lockouts.
    other_officer.is_staff = True
    other_officer.save()
    nosy = Client()
    nosy.force_login(other_officer)
    assert nosy.get(changelist).status_code == 403

    staff = Client()
    staff.force_login(office)
    page = staff.get(changelist)
    assert page.status_code == 200 and "officer" in page.content.decode()
    ids = [str(pk) for pk in AccessAttempt.objects.filter(username="officer").values_list("pk", flat=True)]
    response = staff.post(changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()
    assert LogEntry.objects.filter(user=office, action_flag=DELETION, content_type__app_label="axes").count() == len(ids)

    unlocked = Client()
    assert log_in(unlocked, "officer", "pw-officer").status_code == 302
    assert is_logged_in(unlocked)


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert client_address(request) == "127.0.0.1"  # no proxy configured: the header is not trusted
    settings.TRUSTED_PROXY_COUNT = 1
    # The left entry was written by the client and could be anything; nginx appended the right one.
    assert client_address(request) == "198.51.100.7"
    assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"

