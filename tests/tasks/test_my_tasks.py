""""Việc của tôi": every task the officer's agency is involved in (`tasks.rules.involving`:
lead, co-lead, coordinating, or any of these for a body it succeeded), exactly once, in the
lists' order (due date, then id), page after page; the "due now" section and both counts
agree with the rule."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.tasks.factories import HAI_PHONG, TaskFactory, UserFactory, agency
from theodoi.agencies.selectors import user_agency_ids
from theodoi.core.roles import OFFICER
from theodoi.tasks.involvement import involvement_differences
from theodoi.tasks.models import Assignment, Task, TaskInvolvement
from theodoi.tasks.rules import involving
from theodoi.tasks.status import Status
from theodoi.tasks.views import PAGE_SIZE

pytestmark = pytest.mark.django_db

FINANCE = "Bộ Tài chính"  # succeeded the dissolved Bộ Kế hoạch và Đầu tư
PLANNING = "Bộ Kế hoạch và Đầu tư"


def expected(officer, statuses=None) -> list[int]:
    """The rule's answer, read the plain way: every involved task, in the lists' order."""
    tasks = Task.objects.filter(involving(user_agency_ids(officer))).order_by("due_on", "id")
    if statuses is not None:
        tasks = tasks.filter(settled_status__in=statuses)
    return list(tasks.values_list("pk", flat=True))


def every_page(client) -> tuple[list[int], list]:
    """The ids of "Tất cả", page after page, and each page's response."""
    listed, responses, number = [], [], 1
    while True:
        response = client.get(reverse("tasks:mine") + f"?page={number}")
        assert response.status_code == 200
        responses.append(response)
        listed += [task.pk for task, _ in response.context["rows"]]
        if not response.context["page"].has_next():
            return listed, responses
        number += 1


def officer_of(name: str):
    return UserFactory(username=f"officer-{agency(name).pk}", role=OFFICER, agency=name)


@pytest.mark.parametrize("extra", [-1, 0, 1], ids=["one-short", "exactly-a-page", "one-over"])
def test_pages_hold_every_task_once_at_the_page_boundary(client, extra):
    """A page size of tasks, one fewer and one more; due dates tie, some tasks have none."""
    officer = officer_of(HAI_PHONG)
    today = dt.date.today()
    for n in range(PAGE_SIZE + extra):
        TaskFactory(due_on=None if n % 7 == 0 else today + dt.timedelta(days=n % 5 - 2))
    TaskFactory(lead_agency=agency("Bộ Y tế"))  # not the officer's
    client.force_login(officer)

    listed, responses = every_page(client)

    assert listed == expected(officer)
    assert len(responses) == (2 if extra > 0 else 1)
    assert responses[-1].context["page"].paginator.count == PAGE_SIZE + extra
    assert f"Tất cả ({PAGE_SIZE + extra})" in responses[0].content.decode()


def test_lead_co_lead_coordinating_and_a_predecessors_tasks_each_once(client):
    officer = officer_of(FINANCE)
    led = TaskFactory(lead_agency=agency(FINANCE), title="Chủ trì")
    co_led = TaskFactory(title="Đồng chủ trì")
    Assignment.objects.create(task=co_led, agency=agency(FINANCE), role=Assignment.Role.LEAD)
    coordinated = TaskFactory(coordinating=[FINANCE], title="Phối hợp")
    predecessor_led = TaskFactory(lead_agency=agency(PLANNING), title="Tiền thân chủ trì")
    predecessor_coordinated = TaskFactory(coordinating=[PLANNING], title="Tiền thân phối hợp")
    # Involved twice over (itself and its predecessor): still one row.
    both = TaskFactory(lead_agency=agency(PLANNING), coordinating=[FINANCE], title="Cả hai")
    unrelated = TaskFactory(coordinating=["Bộ Y tế"], title="Không liên quan")
    client.force_login(officer)

    listed, responses = every_page(client)

    mine = {led, co_led, coordinated, predecessor_led, predecessor_coordinated, both}
    assert sorted(listed) == sorted(t.pk for t in mine) and len(listed) == len(set(listed))
    assert unrelated.pk not in listed
    assert listed == expected(officer)
    assert responses[0].context["page"].paginator.count == len(mine)


def test_due_now_lists_the_open_tasks_first_due_and_counts_them_all(client):
    officer = officer_of(HAI_PHONG)
    today = dt.date.today()
    for n in range(PAGE_SIZE + 5):  # more open tasks than the section shows
        TaskFactory(due_on=today + dt.timedelta(days=n % 9 - 4))
    for n in range(6):  # done ones are not due a report
        TaskFactory(due_on=today - dt.timedelta(days=n + 1), completed_on=today - dt.timedelta(days=n + 3))
    TaskFactory(coordinating=[HAI_PHONG], lead_agency=agency("Bộ Y tế"), due_on=today - dt.timedelta(days=99))
    client.force_login(officer)

    response = client.get(reverse("tasks:mine"))

    due = expected(officer, statuses=[Status.OPEN_OVERDUE, Status.OPEN_ON_TIME])
    assert len(due) == PAGE_SIZE + 6
    assert [task.pk for task, _ in response.context["due_now"]] == due[:PAGE_SIZE]
    assert response.context["due_now_count"] == len(due)
    assert f"Cần báo cáo kỳ này ({len(due)})" in response.content.decode()


def test_statuses_are_settled_once_per_request(client):
    """Both sections read the stored statuses; settling what today changed is asked once."""
    officer = officer_of(HAI_PHONG)
    for n in range(3):
        TaskFactory(due_on=dt.date.today() + dt.timedelta(days=n))
    client.force_login(officer)
    client.get(reverse("tasks:mine"))  # settles the new tasks

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("tasks:mine")).status_code == 200

    settling = [q["sql"] for q in queries.captured_queries if '"status_changes_on" <=' in q["sql"]]
    assert len(settling) == 1, settling


# --- the involvements the database keeps (tasks/involvement.py) --------------------------

def test_every_kind_of_write_keeps_the_involvements_equal_to_the_rule(office, document):
    """Services, bulk writes and raw updates alike: after each, the stored involvements are
    what `involving` says of the tasks and assignments (what check_status compares)."""
    from theodoi.tasks import services
    from theodoi.tasks.services import NewTask

    city, health, finance, police = (agency(n) for n in (HAI_PHONG, "Bộ Y tế", FINANCE, "Bộ Công an"))
    writes = []

    def check(what: str) -> None:
        writes.append(what)
        assert involvement_differences() == [], what

    task = services.task_create(actor=office, document=document, title="Việc", lead_agency=city,
                                coordinating=[health], due_on=dt.date(2026, 3, 31))
    check("create with a coordinating agency")
    services.task_update(actor=office, task=task, lead_agency=health)  # the coordinating body now leads
    check("lead changed to an assigned agency")
    services.task_update(actor=office, task=task, coordinating=[finance], co_leads=[police])
    check("assignments replaced, a co-lead added")
    services.task_update(actor=office, task=task, lead_agency=None, due_on=dt.date(2027, 1, 1))
    check("lead removed, due date moved")
    services.task_update(actor=office, task=task, completed_on=dt.date(2025, 6, 1), lead_agency=city)
    check("completed (status), lead set again")
    assert TaskInvolvement.objects.get(task_id=task.pk, agency_id=city.pk).status == Status.DONE_ON_TIME
    services.tasks_create(actor=office, document=document, new=[
        NewTask(f"Việc nhập {i}", str(i), fields={"lead_agency": city}, coordinating=[health, finance])
        for i in range(5)])
    check("bulk import")
    Task.objects.filter(lead_agency=city).update(lead_agency=finance, due_on=dt.date(2030, 1, 1))
    check("raw update of lead and due date")
    Assignment.objects.filter(agency=health).update(agency=city)
    check("raw update of an assignment's agency")
    Assignment.objects.filter(agency=finance).delete()
    check("raw delete of assignments")
    services.task_delete(actor=office, task=task)
    check("delete")
    assert TaskInvolvement.objects.filter(task_id=task.pk).count() == 0
    assert TaskInvolvement.objects.count() > 0  # the imported tasks are still there


def test_check_status_reports_a_drift_and_migrate_repairs_a_lost_trigger(office, document, capsys):
    from django.core.management import CommandError, call_command

    from theodoi.tasks import involvement, services

    city = agency(HAI_PHONG)
    task = services.task_create(actor=office, document=document, title="Việc", lead_agency=city)
    call_command("check_status")
    TaskInvolvement.objects.filter(task_id=task.pk).delete()
    with pytest.raises(CommandError, match="1 cặp"):
        call_command("check_status")
    assert f"cơ quan {city.pk} – nhiệm vụ {task.pk}: đã lưu None" in capsys.readouterr().out
    # A trigger gone (SQLite drops them when a migration rebuilds a table): the next
    # migrate puts them back and derives the table afresh.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER tasks_involvement_assignment_insert")
        else:
            cursor.execute("DROP TRIGGER tasks_involvement_assignment ON tasks_assignment")
    services.task_create(actor=office, document=document, title="Việc khi thiếu trigger", lead_agency=city,
                         coordinating=[agency("Bộ Y tế")])
    assert involvement_differences() != []
    assert involvement.install_triggers() is True
    assert involvement_differences() == [] and involvement.install_triggers() is False
    call_command("check_status")


def test_a_merger_shows_the_predecessors_tasks_without_rewriting_them(client):
    """Succession is read, not stored: when a body is merged into another, the successor's
    officers see its tasks at once, and no stored involvement changes."""
    merged, successor = agency("Bộ Y tế"), agency("Bộ Công an")
    officer = officer_of("Bộ Công an")
    tasks = [TaskFactory(lead_agency=merged), TaskFactory(coordinating=["Bộ Y tế"])]
    client.force_login(officer)
    assert every_page(client)[0] == []
    before = set(TaskInvolvement.objects.values_list("agency_id", "task_id"))

    merged.succeeded_by.add(successor)
    merged.dissolved_on = dt.date(2025, 3, 1)
    merged.save()
    client.force_login(officer)  # a new request: the user's agencies are read again

    listed, responses = every_page(client)
    assert sorted(listed) == sorted(t.pk for t in tasks) == sorted(expected(officer))
    assert responses[0].context["page"].paginator.count == 2
    assert set(TaskInvolvement.objects.values_list("agency_id", "task_id")) == before


def test_the_lines_of_all_tasks_are_the_template_loops_html(client):
    """`{% brief_lines %}` writes what the template loop it replaced wrote, byte for byte,
    titles with markup characters included."""
    from django.template import Context, Template

    officer = officer_of(HAI_PHONG)
    TaskFactory(title='Rà soát "quy hoạch" <đô thị> & cảng', due_on=dt.date.today() - dt.timedelta(days=3))
    TaskFactory(title="Báo cáo Quý I", completed_on=dt.date(2025, 1, 5))
    client.force_login(officer)
    rows = client.get(reverse("tasks:mine")).context["rows"]
    assert len(rows) == 2
    loop = Template("{% for task, explanation in rows %}<li><a href=\"{% url 'tasks:detail' task.pk %}\">"
                    "{{ task.title }}</a> – {{ explanation.label }}</li>{% endfor %}")
    lines = Template("{% load my_tasks_lines %}{% brief_lines rows %}")
    expected_html = loop.render(Context({"rows": rows}))
    assert "&lt;đô thị&gt; &amp; cảng" in expected_html
    assert lines.render(Context({"rows": rows})) == expected_html


def test_each_due_row_says_the_role_of_the_agency_or_of_the_body_it_succeeded(client):
    """The "Vai trò" column: the officer's own role, or, for a task assigned to a body its
    agency succeeded, that body's role and name. A predecessor's coordination, and a
    predecessor's lead on a task others coordinate, once showed an empty cell."""
    officer = officer_of(FINANCE)
    today = dt.date.today()
    due = {"due_on": today + dt.timedelta(days=3)}
    rows = {
        TaskFactory(lead_agency=agency(FINANCE), coordinating=["Bộ Y tế"], **due): "Chủ trì",
        TaskFactory(coordinating=[FINANCE], **due): "Phối hợp",
        TaskFactory(lead_agency=agency(PLANNING), **due): "Chủ trì (tiền thân): Bộ Kế hoạch và Đầu tư",
        TaskFactory(lead_agency=agency(PLANNING), coordinating=["Bộ Y tế"], **due):
            "Chủ trì (tiền thân): Bộ Kế hoạch và Đầu tư",
        TaskFactory(coordinating=[PLANNING], **due): "Phối hợp (tiền thân): Bộ Kế hoạch và Đầu tư",
    }
    client.force_login(officer)

    response = client.get(reverse("tasks:mine"))

    assert {task.pk for task, _ in response.context["due_now"]} == {task.pk for task in rows}
    html = response.content.decode()
    for task, role in rows.items():
        row = html[html.index(f'href="{reverse("tasks:detail", args=[task.pk])}"'):]
        cell = row[row.index('data-label="Vai trò">') + len('data-label="Vai trò">'):row.index("</td>", row.index("Vai trò"))]
        assert cell.startswith(role), (task.title, cell)
        if "tiền thân" in role:
            assert "→ Bộ Tài chính" in cell  # the body that carries it out today


def test_migrating_back_before_the_involvement_table_leaves_task_writes_working(document):
    """After `migrate tasks 0008` the table is gone: its triggers must go too (PostgreSQL
    keeps a trigger whose function writes a missing table, and every task write failed)."""
    from django.db import connection

    from theodoi.tasks.involvement import INVOLVEMENTS

    with connection.cursor() as cursor:  # what the reverse of 0009 does (DDL rolls back with the test)
        cursor.execute(f"DROP TABLE {TaskInvolvement._meta.db_table}")
    assert INVOLVEMENTS.install() is False  # what post_migrate does next

    task = TaskFactory(document=document, coordinating=[PLANNING])
    Assignment.objects.filter(task=task).update(role=Assignment.Role.LEAD)
    task.delete()
    with connection.cursor() as cursor:
        assert INVOLVEMENTS.installed(connection, cursor) == set()
