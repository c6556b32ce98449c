"""The staff pages' content kept per version of the data (`theodoi/core/pagecache.py`):
served again while nothing changed, never after a write, whichever path made it, never to
another user, never on another day. `transaction=True`: content is only kept outside a
transaction (a test's transaction would be rolled back under it), as requests run."""

import datetime as dt
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency, make_user
from theodoi.agencies.models import Agency, Membership
from theodoi.core.pagecache import csrf_placeholder
from theodoi.core.roles import LEADER, OFFICE, OFFICER
from theodoi.documents.models import Document
from theodoi.tasks import services
from theodoi.tasks.models import Task
from theodoi.tasks.periods import reporting_periods

pytestmark = pytest.mark.django_db(transaction=True)

CITY = "Ủy ban nhân dân thành phố Hải Phòng"
HEALTH = "Bộ Y tế"
PAGES = ["/", "/nhiem-vu/", "/nhiem-vu/?status=open_overdue", "/viec-cua-toi/", "/tong-hop/xep-hang/"]


@pytest.fixture(autouse=True)
def _fresh(shipped_registry):
    caches["pages"].clear()


@pytest.fixture
def world():
    office = make_user("vp", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    officer = make_user("cb", OFFICER, CITY)
    health = make_user("yt", OFFICER, HEALTH)
    document = Document.objects.create(kind="nghi-quyet", number="7/NQ-CP", title="Chương trình hành động",
                                       text="Văn bản.", issuer=agency("Chính phủ"), issued_on=dt.date(2025, 1, 10))
    today = timezone.localdate()
    city_task = services.task_create(actor=office, document=document, title="Xây dựng chính quyền số",
                                     lead_agency=agency(CITY), due_on=today + dt.timedelta(days=10))
    health_task = services.task_create(actor=office, document=document, title="Nâng cao y tế cơ sở",
                                       lead_agency=agency(HEALTH), due_on=today + dt.timedelta(days=10))
    return office, officer, health, city_task, health_task


def get(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def main(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


def test_each_page_is_kept_while_nothing_changes(client, world):
    office, *_ = world
    client.force_login(office)
    for url in PAGES + ["/nhiem-vu/?q=chinh+quyen"]:
        first = get(client, url)
        with CaptureQueriesContext(connection) as queries:
            again = get(client, url)
        assert main(again) == main(first), url  # the layout differs: each request masks its CSRF token anew
        # The version, the session and the user: not the page's own queries again.
        assert len(queries) <= 6, (url, [q["sql"][:120] for q in queries])


def test_a_report_and_its_review_show_on_the_next_load(client, world):
    office, officer, _, city_task, _ = world
    client.force_login(officer)
    assert "Cần báo cáo kỳ này (1)" in get(client, "/viec-cua-toi/")
    period = reporting_periods(city_task.recurrence, timezone.localdate())[0]
    report = services.report_submit(actor=officer, task=city_task, period=period, percent_complete=40,
                                    narrative="Đã triển khai.")
    mine = get(client, "/viec-cua-toi/")
    assert "40%" in mine, mine[mine.index("<main"):mine.index("</main>")]
    client.force_login(office)
    assert "1</strong> báo cáo chờ Văn phòng xem xét" in get(client, "/")
    services.report_accept(actor=office, report=report)
    assert "báo cáo chờ Văn phòng xem xét" not in get(client, "/")


def test_a_task_edit_through_the_service_or_a_bulk_update_shows_on_the_next_load(client, world):
    office, _, _, city_task, _ = world
    client.force_login(office)
    assert "Xây dựng chính quyền số" in get(client, "/nhiem-vu/")
    services.task_update(actor=office, task=city_task, version=city_task.updated_at, title="Chuyển đổi số toàn diện",
                         coordinating=[])
    assert "Chuyển đổi số toàn diện" in get(client, "/nhiem-vu/")
    assert "Chuyển đổi số toàn diện" in get(client, "/nhiem-vu/", HTTP_HX_REQUEST="true")
    Task.objects.filter(pk=city_task.pk).update(title="Đổi tên ngoài các dịch vụ")  # no service, no signal
    assert "Đổi tên ngoài các dịch vụ" in get(client, "/nhiem-vu/")
    assert "Đổi tên ngoài các dịch vụ" in get(client, "/nhiem-vu/", HTTP_HX_REQUEST="true")


def test_an_agency_or_membership_change_shows_on_the_next_load(client, world):
    _, officer, _, _, _ = world
    client.force_login(officer)
    mine = get(client, "/viec-cua-toi/")
    assert "Xây dựng chính quyền số" in mine and "Nâng cao y tế cơ sở" not in mine
    Membership.objects.filter(user=officer).update(agency=agency(HEALTH))
    mine = get(client, "/viec-cua-toi/")
    assert "Nâng cao y tế cơ sở" in mine and "Xây dựng chính quyền số" not in mine
    Agency.objects.filter(name=HEALTH).update(name="Bộ Y tế (tên mới)")
    assert "Bộ Y tế (tên mới)" in get(client, "/viec-cua-toi/")


def test_users_never_see_each_others_kept_content(client, world):
    _, officer, health, _, _ = world
    client.force_login(officer)
    city_page = get(client, "/viec-cua-toi/")
    client.force_login(health)
    health_page = get(client, "/viec-cua-toi/")
    assert "Nâng cao y tế cơ sở" in health_page and "Xây dựng chính quyền số" not in health_page
    assert "Xây dựng chính quyền số" in city_page
    # The same list, one user with an e-mail address (offered to follow the agency), one without.
    officer.email = "cb@example.vn"
    officer.save()
    leader = make_user("ld", LEADER, CITY)
    url = f"/nhiem-vu/?agency={agency(CITY).pk}"
    client.force_login(officer)
    assert "Nhận tin qua e-mail" in get(client, url)
    client.force_login(leader)
    assert "Nhận tin qua e-mail" not in get(client, url)


def test_a_kept_page_carries_the_requests_own_csrf_token(world):
    _, officer, _, _, _ = world
    client = Client(enforce_csrf_checks=True)
    officer.email = "cb@example.vn"
    officer.save()
    url = f"/nhiem-vu/?agency={agency(CITY).pk}"
    client.force_login(officer)
    get(client, url)
    client.logout()
    client.force_login(officer)  # a new session: a new CSRF secret
    page = get(client, url)
    assert csrf_placeholder() not in page
    response = client.post(reverse("portal:follow_staff"), {  # the follow form of the kept content
        "kind": "agency", "target": agency(CITY).pk, "next": url,
        "csrfmiddlewaretoken": page.split('name="csrfmiddlewaretoken" value="')[-1].split('"')[0]})
    assert response.status_code == 302


def test_the_day_changing_changes_the_content(client, world, monkeypatch):
    office, *_ = world
    client.force_login(office)
    today = timezone.localdate()
    assert f"Tính đến ngày {today:%d/%m/%Y}" in get(client, "/")
    later = timezone.now() + dt.timedelta(days=12)
    monkeypatch.setattr(timezone, "now", lambda: later)  # Django's clock, which every rule reads
    page = get(client, "/")
    assert f"Tính đến ngày {later.astimezone(timezone.get_current_timezone()):%d/%m/%Y}" in page
    assert "Không có nhiệm vụ quá hạn." not in page  # both tasks fell due after 10 days


def test_the_language_is_part_of_the_key(client, world):
    office, *_ = world
    client.force_login(office)
    assert "Tổng quan tình hình" in get(client, "/")
    client.cookies["django_language"] = "en"
    assert "Tổng quan tình hình" not in get(client, "/")


def test_text_a_user_writes_is_never_taken_for_the_csrf_token(client, world):
    """The placeholder is derived from the secret key: a title or a search that holds the
    code's name for it (open source), or anything else, is shown as written."""
    office, *_ = world
    title = "Rà soát theodoi-page-csrf-placeholder csrf-"
    services.task_create(actor=office, document=Document.objects.get(), title=title, lead_agency=agency(CITY))
    client.force_login(office)
    for _ in range(2):  # computed, then kept
        page = get(client, "/nhiem-vu/?q=csrf-")
        assert title in page
        assert 'value="csrf-"' in page  # the search box keeps what was typed


def test_a_shared_cache_that_is_down_costs_speed_not_the_page(client, world, settings):
    """PAGE_CACHE_URL pointing at a cache that cannot be reached (here Redis, whose client
    library is not even installed): the pages are computed each time, never a 500."""
    office, *_ = world
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    client.force_login(office)
    for url in PAGES:
        assert "<main" in get(client, url)


def log_in(username: str) -> Client:
    """A browser logged in through the site's login page (Django stamps `last_login`)."""
    browser = Client()
    response = browser.post(reverse("login"), {"username": username, "password": "pw-" + username})
    assert response.status_code == 302, response.content.decode()[:500]
    return browser


def test_logins_leave_every_kept_page_warm(world):
    """On a reporting day hundreds of officers log in; each login stamps `last_login`, which
    must not make every user's kept pages cold (core/dataversion.py, QUIET_COLUMNS)."""
    office, officer, *_ = world
    desk = log_in(office.username)
    kept = {url: main(get(desk, url)) for url in PAGES}
    log_in(officer.username)  # another user
    phone = log_in(office.username)  # the same user again, on another device
    office.refresh_from_db()
    assert office.last_login is not None
    for browser in (desk, phone):
        for url in PAGES:
            with CaptureQueriesContext(connection) as queries:
                page = get(browser, url)
            assert main(page) == kept[url], url
            # Served from what was kept: no query of the page's own data (tasks, reports, counts).
            assert not [q["sql"] for q in queries if "tasks_" in q["sql"] or "reports_" in q["sql"]], url


def computed(client, url: str) -> tuple[str, bool]:
    """The page's content, and whether it was computed (queried the page's own data)."""
    with CaptureQueriesContext(connection) as queries:
        page = get(client, url)
    return main(page), any("tasks_" in q["sql"] or "reports_" in q["sql"] for q in queries)


def test_a_query_in_another_order_or_with_blank_filters_is_the_same_kept_page(client, world):
    office, *_ = world
    client.force_login(office)
    first, was_computed = computed(client, "/nhiem-vu/?status=open_on_time&q=chinh+quyen")
    assert was_computed and "Xây dựng chính quyền số" in first
    # The filter form left blank sends every field empty: each reads as absent.
    for url in ["/nhiem-vu/?q=chinh+quyen&status=open_on_time", "/nhiem-vu/?agency=&q=chinh+quyen&status=open_on_time&sort=&page="]:
        assert computed(client, url) == (first, False), url
    whole, _ = computed(client, "/nhiem-vu/")
    assert computed(client, "/nhiem-vu/?q=&status=&domain=&document=&due_from=&due_to=&sort=") == (whole, False)
    for url in ["/", "/tong-hop/xep-hang/", "/viec-cua-toi/"]:
        plain, _ = computed(client, url)
        assert computed(client, url + "?theo=&period=&sort=&page=") == (plain, False), url
    # A name's values keep their order: the page reads the last one.
    by_due, _ = computed(client, "/nhiem-vu/?sort=title&sort=due")
    by_title, was_computed = computed(client, "/nhiem-vu/?sort=due&sort=title")
    assert was_computed
    assert by_due.index("Xây dựng chính quyền số") < by_due.index("Nâng cao y tế cơ sở")
    assert by_title.index("Nâng cao y tế cơ sở") < by_title.index("Xây dựng chính quyền số")


TRACKING = "utm_source=zalo&utm_medium=social&fbclid=IwAR0x&gclid=abc"


def test_parameters_the_page_does_not_read_are_the_same_kept_page(client, world):
    """A link shared by mail or a social site comes back with tracking parameters appended:
    each spelling must not be a page computed again, nor carry them in its links."""
    office, *_ = world
    client.force_login(office)
    for url in PAGES + ["/nhiem-vu/?status=open_on_time&page=1", "/tong-hop/xep-hang/?period=2025"]:
        computed(client, url)  # a closed period's first ranking stores its verdicts: a write
        plain, _ = computed(client, url)
        joiner = "&" if "?" in url else "?"
        assert computed(client, f"{url}{joiner}{TRACKING}") == (plain, False), url
        assert computed(client, f"{url}{joiner}utm_campaign=thang-12") == (plain, False), url
    # Computed first with the parameters, the content holds none of them (its links, nor the
    # follow form's return address, shown to a user with an e-mail on one agency's list).
    office.email = "vanphong@haiphong.gov.vn"
    office.save()
    city = agency(CITY).pk
    first, was_computed = computed(client, f"/nhiem-vu/?status=open_on_time&agency={city}&{TRACKING}")
    assert was_computed and "Xây dựng chính quyền số" in first and 'name="next"' in first
    assert "utm_" not in first and "fbclid" not in first
    again, was_computed = computed(client, f"/nhiem-vu/?agency={city}&status=open_on_time")
    assert not was_computed
    token = re.compile(r'(csrfmiddlewaretoken" value=")[^"]*')  # each request's own, put in anew
    assert token.sub(r"\1", again) == token.sub(r"\1", first)
    # What the pages read still makes pages of their own.
    assert computed(client, "/nhiem-vu/?status=open_overdue")[1]
    assert computed(client, "/?theo=hien-nay")[1]


def test_a_kept_view_must_declare_what_it_reads(rf, world):
    from theodoi.core.pagecache import page_content

    request = rf.get("/nhiem-vu/?status=open_on_time")
    request.user = world[0]
    with pytest.raises(TypeError, match="reads_query"):
        page_content(request, "tasks/partials/task_rows.html", dict)
