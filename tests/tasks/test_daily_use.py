"""What a daily user of the staff screens notices (issue 12): dissolved agencies shown with
their successor and grouped under today's agency, the report form set to the period that is
due, empty states that say what to do, messages announced, titles naming the page, dates
typed either way."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import agency
from theodoi.agencies.selectors import current_successors, successors_today
from theodoi.tasks import services
from theodoi.tasks.filters import TaskFilter
from theodoi.tasks.models import Recurrence, Task
from theodoi.tasks.periods import period_containing

MPI = "Bộ Kế hoạch và Đầu tư"
MOF = "Bộ Tài chính"
MOLISA = "Bộ Lao động - Thương binh và Xã hội"


@pytest.fixture
def tasks(office, document):
    today = timezone.localdate()
    overdue = today - dt.timedelta(days=30)
    return {
        "mpi": services.task_create(actor=office, document=document, title="Việc của Bộ Kế hoạch và Đầu tư",
                                    lead_agency=agency(MPI), due_on=overdue),
        "mof": services.task_create(actor=office, document=document, title="Việc của Bộ Tài chính",
                                    lead_agency=agency(MOF), due_on=overdue),
        "molisa": services.task_create(actor=office, document=document, title="Việc của Bộ Lao động",
                                       lead_agency=agency(MOLISA), due_on=overdue),
        "health": services.task_create(actor=office, document=document, title="Việc của Bộ Y tế",
                                       lead_agency=agency("Bộ Y tế"), due_on=overdue),
    }


def test_successors_today_agrees_with_current_successors_for_every_dissolved_agency(db):
    from theodoi.agencies.models import Agency

    table = successors_today()
    dissolved = Agency.objects.filter(dissolved_on__isnull=False)
    assert dissolved.exists()
    for body in dissolved:
        expected = {a.pk for a in current_successors(body)} - {body.pk}
        assert {a.pk for a in table.get(body.pk, [])} == expected, body.name
    assert [a.name for a in table[agency(MPI).pk]] == [MOF]


def test_dashboard_and_lists_name_who_answers_for_a_dissolved_agency(client, officer, tasks):
    client.force_login(officer)
    arrow = re.compile(r"Bộ Kế hoạch và Đầu tư\s*(?:<[^>]+>\s*)*→ Bộ Tài chính")
    dashboard = client.get(reverse("tasks:dashboard")).text
    assert len(arrow.findall(dashboard)) == 2  # the row of counts and the overdue list
    assert arrow.search(client.get(reverse("tasks:list")).text)
    assert arrow.search(client.get(reverse("tasks:detail", args=[tasks["mpi"].pk])).text)
    assert "→ Bộ Giáo dục và Đào tạo, Bộ Nội vụ, Bộ Y tế" in dashboard


def test_dashboard_groups_counts_by_todays_agency(client, officer, tasks):
    client.force_login(officer)
    assigned = {row["name"]: row["total"] for row in client.get(reverse("tasks:dashboard")).context["data"].by_agency}
    assert assigned[MPI] == 1 and assigned[MOF] == 1
    response = client.get(reverse("tasks:dashboard"), {"theo": "hien-nay"})
    rows = {row["name"]: row for row in response.context["data"].by_agency}
    assert MPI not in rows
    assert rows[MOF]["total"] == 2 and rows[MOF]["merged"] == [MPI]
    # A body split between several successors cannot be divided: it keeps its own row.
    assert rows[MOLISA]["total"] == 1
    assert "gồm nhiệm vụ giao cho Bộ Kế hoạch và Đầu tư" in response.text
    assert f"?agency={agency(MOF).pk}&current=on" in response.text


def test_task_filter_groups_by_todays_agency(officer, tasks):
    mof = agency(MOF).pk
    alone = TaskFilter({"agency": str(mof)}, queryset=Task.objects.all())
    assert {t.title for t in alone.qs} == {"Việc của Bộ Tài chính"}
    grouped = TaskFilter({"agency": str(mof), "current": "on"}, queryset=Task.objects.all())
    assert {t.title for t in grouped.qs} == {"Việc của Bộ Tài chính", "Việc của Bộ Kế hoạch và Đầu tư"}


def test_report_form_defaults_to_the_period_that_is_due_and_the_empty_state_says_so(client, office, officer, document):
    today = timezone.localdate()
    quarter = period_containing("quarter", today)
    continuous = services.task_create(actor=office, document=document, title="Thường xuyên theo dõi",
                                      lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"),
                                      recurrence=Recurrence.CONTINUOUS)
    # Created before the last quarter began: that quarter's report is owed and missing.
    Task.objects.filter(pk=continuous.pk).update(created_at=timezone.now() - dt.timedelta(days=200))
    from theodoi.tasks.status import settle
    settle([continuous.pk])
    one_off = services.task_create(actor=office, document=document, title="Một lần",
                                   lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"),
                                   due_on=today + dt.timedelta(days=10))
    client.force_login(officer)

    page = client.get(reverse("tasks:detail", args=[continuous.pk]))
    assert page.context["report_form"]["period"].value() == quarter.previous().key
    assert re.search(rf'<option value="{quarter.previous().key}" selected>', page.text)
    assert f"Chưa có báo cáo. <a href=\"#report-form\">Gửi báo cáo kỳ {quarter.previous().label}</a>" in page.text

    page = client.get(reverse("tasks:detail", args=[one_off.pk]))
    assert page.context["report_form"]["period"].value() == quarter.key
    assert f"Gửi báo cáo kỳ {quarter.label}" in page.text


def test_messages_are_announced_and_titles_name_the_task(client, office, officer, document):
    task = services.task_create(actor=office, document=document, title="Hoàn thiện hạ tầng giao thông liên vùng",
                                lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))
    client.force_login(officer)
    quarter = period_containing("quarter", timezone.localdate())
    done = client.post(reverse("tasks:report", args=[task.pk]),
                       {"period": quarter.key, "percent_complete": 40, "narrative": "Đang làm.", "submit": ""}, follow=True)
    assert '<p class="flash success" role="status">Đã gửi báo cáo tiến độ.</p>' in done.text
    assert "<title>Hoàn thiện hạ tầng giao thông liên vùng – " in done.text
    again = client.post(reverse("tasks:report", args=[task.pk]),
                        {"period": quarter.key, "percent_complete": 50, "narrative": "Lần nữa.", "submit": ""})
    assert again.status_code == 400
    assert re.search(r'<p class="flash error" role="alert">[^<]+</p>', again.text)
    client.force_login(office)
    refused = client.post(reverse("tasks:comment", args=[task.pk]), {"kind": "direction", "body": ""}, follow=True)
    assert '<p class="flash error" role="alert">Nội dung ý kiến không được để trống.</p>' in refused.text


@pytest.mark.parametrize("typed", ["05/03/2027", "2027-03-05"])
def test_dates_typed_day_first_or_iso_are_both_read(client, office, document, typed):
    task = services.task_create(actor=office, document=document, title="Việc có hạn", lead_agency=agency("Bộ Y tế"),
                                due_on=dt.date(2027, 3, 5))
    client.force_login(office)
    listed = client.get(reverse("tasks:list"), {"due_from": typed, "due_to": typed})
    assert [t.pk for t, _ in listed.context["rows"]] == [task.pk]
    form = client.get(reverse("tasks:edit", args=[task.pk])).text
    # Shown day first, with the hook app.js uses to add the browser's date picker.
    assert re.search(r'<input type="text" name="due_on" value="05/03/2027"[^>]*data-datepicker="Chọn ngày trên lịch"', form)


def test_history_shows_a_yes_or_no_not_pythons_true_and_false(client, office, document):
    task = services.task_create(actor=office, document=document, title="Việc được công khai", lead_agency=agency("Bộ Y tế"))
    services.task_publish(actor=office, task=task, published=True)
    services.task_publish(actor=office, task=task, published=False)
    client.force_login(office)
    page = client.get(reverse("tasks:detail", args=[task.pk])).text
    changes = re.findall(r"<strong>công khai</strong>: ([^<]*)</div>", page)
    assert changes == ["có → không", "không → có"]
    assert "True" not in page and "False" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("tasks:detail", args=[task.pk])).text
    assert re.findall(r"</strong>: ([^<]*)</div>", page) == ["yes → no", "no → yes"]


def test_a_saved_draft_is_back_in_the_report_form(client, office, officer, document):
    """Lưu nháp, then back on the task another day: the form holds the draft to finish and
    send, not empty fields to type again (and the draft's period, not the default)."""
    task = services.task_create(actor=office, document=document, title="Việc báo cáo hằng quý",
                                lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"),
                                recurrence=Recurrence.QUARTERLY)
    Task.objects.filter(pk=task.pk).update(created_at=timezone.now() - dt.timedelta(days=400))
    previous = period_containing("quarter", timezone.localdate()).previous()
    client.force_login(officer)
    empty = client.get(reverse("tasks:detail", args=[task.pk]))
    assert empty.context["report_form"]["narrative"].value() in (None, "")
    saved = client.post(reverse("tasks:report", args=[task.pk]),
                        {"period": previous.key, "percent_complete": 35, "narrative": "Đã khảo sát hiện trạng.",
                         "save_draft": ""}, follow=True)
    assert "Đã lưu nháp." in saved.text
    form = saved.context["report_form"]
    assert (form["period"].value(), form["percent_complete"].value(), form["narrative"].value()) == (
        previous.key, 35, "Đã khảo sát hiện trạng.")
    assert "Đã khảo sát hiện trạng.</textarea>" in saved.text
    assert re.search(r'<input type="number" name="percent_complete" value="35"', saved.text)

    # Sent: nothing left to rework, the form is fresh again.
    client.post(reverse("tasks:report", args=[task.pk]),
                {"period": previous.key, "percent_complete": 35, "narrative": "Đã khảo sát hiện trạng.", "submit": ""})
    assert client.get(reverse("tasks:detail", args=[task.pk])).context["report_form"]["narrative"].value() in (None, "")


def test_list_filters_not_chosen_say_all_not_dashes(client, officer, tasks):
    client.force_login(officer)
    page = client.get(reverse("tasks:list")).text
    for name in ("agency", "domain", "status", "document"):
        select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
        assert re.match(r'\s*<option value=""[^>]*>Tất cả</option>', select), name
    assert "---------" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    select = re.search(r'<select [^>]*name="status"[^>]*>(.*?)</select>', client.get(reverse("tasks:list")).text, re.S)
    assert re.match(r'\s*<option value=""[^>]*>All</option>', select.group(1))
