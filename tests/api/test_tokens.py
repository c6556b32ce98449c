"""Tokens: the office issues and revokes them (service, command, admin); a revoked or
unknown token is refused with a 401 and a message; the key itself is never stored."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from tests.tasks.factories import UserFactory
from theodoi.api.models import ApiToken
from theodoi.api.services import api_token_issue, api_token_revoke
from theodoi.core.exceptions import ActionNotPermitted, ApplicationError
from theodoi.core.roles import LEADER, OFFICE, OFFICER

URL = "/api/v1/tasks/"


def calling(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def vanphong(db):
    return UserFactory(username="vanphong", role=OFFICE)


@pytest.fixture
def officer(db):
    return UserFactory(username="ubnd", role=OFFICER, agency="Ủy ban nhân dân thành phố Hải Phòng")


@pytest.mark.django_db
def test_issue_use_revoke(vanphong, officer):
    issued = api_token_issue(actor=vanphong, user=officer, name="Hệ thống báo cáo")
    token = issued.token
    assert issued.key not in (token.key_hash, token.prefix) and len(issued.key) >= 40
    assert not ApiToken.objects.filter(key_hash=issued.key).exists()
    assert token.history.get().history_user == vanphong
    assert calling(issued.key).get(URL).status_code == 200
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.key}")
    assert bearer.get(URL).status_code == 200

    api_token_revoke(actor=vanphong, token=token)
    response = calling(issued.key).get(URL)
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]
    assert token.history.count() == 2
    with pytest.raises(ApplicationError):
        api_token_revoke(actor=vanphong, token=token)


@pytest.mark.django_db
def test_only_the_office_issues_and_only_to_staff(vanphong, officer):
    leader = UserFactory(username="lanhdao", role=LEADER)
    with pytest.raises(ActionNotPermitted):
        api_token_issue(actor=officer, user=officer, name="tự cấp")
    with pytest.raises(ActionNotPermitted):
        api_token_issue(actor=leader, user=officer, name="x")
    with pytest.raises(ApplicationError, match="không có vai trò"):
        api_token_issue(actor=vanphong, user=UserFactory(username="public"), name="x")
    with pytest.raises(ApplicationError):
        api_token_issue(actor=vanphong, user=officer, name="   ")
    officer.is_active = False
    officer.save()
    with pytest.raises(ApplicationError, match="khóa"):
        api_token_issue(actor=vanphong, user=officer, name="x")
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["Token", "Token abc def", "Token nonsense", "Bearer " + "x" * 5000,
                                    "Token \u00e9t\u00e9"])
def test_bad_tokens_are_a_401_with_a_message(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_a_locked_account_token_is_refused(vanphong, officer):
    issued = api_token_issue(actor=vanphong, user=officer, name="x")
    officer.is_active = False
    officer.save()
    assert calling(issued.key).get(URL).status_code == 401


@pytest.mark.django_db
def test_command(vanphong, officer):
    out = io.StringIO()
    call_command("api_token", "issue", "ubnd", "--name", "Sở Xây dựng", "--by", "vanphong", stdout=out)
    key = out.getvalue().splitlines()[-1]
    assert calling(key).get(URL).status_code == 200
    out = io.StringIO()
    call_command("api_token", "list", stdout=out)
    assert "ubnd" in out.getvalue() and key not in out.getvalue()
    call_command("api_token", "revoke", key[:8], "--by", "vanphong", stdout=io.StringIO())
    assert calling(key).get(URL).status_code == 401
    with pytest.raises(CommandError, match="Văn phòng"):
        call_command("api_token", "issue", "ubnd", "--name", "x", "--by", "ubnd", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("api_token", "issue", "ai-do", "--name", "x", "--by", "vanphong", stdout=io.StringIO())


@pytest.mark.django_db
def test_admin_issues_once_and_revokes(client, vanphong, officer):
    vanphong.is_staff = True
    vanphong.save()
    client.force_login(vanphong)
    response = client.post(reverse("admin:api_apitoken_add"), {"user": officer.pk, "name": "Cổng dữ liệu"}, follow=True)
    assert response.status_code == 200
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    key = next(m.split(": ", 1)[1].split(" ")[0] for m in shown if token.prefix in m)
    assert calling(key).get(URL).status_code == 200
    assert key not in client.get(reverse("admin:api_apitoken_changelist")).content.decode()
    client.post(reverse("admin:api_apitoken_changelist"),
                {"action": "revoke", "_selected_action": [token.pk]}, follow=True)
    assert calling(key).get(URL).status_code == 401
    # Refused by the service: the form again, with its message, and nothing stored.
    response = client.post(reverse("admin:api_apitoken_add"), {"user": vanphong.pk, "name": " "}, follow=True)
    assert ApiToken.objects.count() == 1


@pytest.mark.django_db
def test_admin_is_closed_to_other_staff(client, officer):
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403
