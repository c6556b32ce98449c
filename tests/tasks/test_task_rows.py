"""The task list's rows are written out in Python (`tasks/templatetags/task_rows.py`) from
`selectors.task_rows`, not by the template loop over model instances they replaced: a user
must see the same table. The reference below is that loop, rendered over the model
instances `selectors.task_list` gives; the page's table body must equal it byte for byte,
for tasks that exercise every branch of a row, in both languages."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from tests.tasks.factories import DocumentFactory, ReportFactory, TaskFactory, agency
from theodoi.tasks import selectors
from theodoi.tasks.models import Assignment, ProgressReport, Recurrence, Task
from theodoi.tasks.periods import period_containing
from theodoi.tasks.status import explain, settle

# The partial's loop before rows were written in Python (commit 9d38af8).
REFERENCE = Template("""{% load i18n agencies %}\
{% translate "Cơ quan chủ trì" as l_lead %}{% translate "Lĩnh vực" as l_domain %}{% translate "Thời hạn" as l_deadline %}\
{% translate "Tiến độ" as l_progress %}{% translate "Tình trạng" as l_status %}<tbody>
  {% for task, explanation in rows %}
    <tr>
      <td class="title"><a href="{% url 'tasks:detail' task.pk %}">{{ task.title }}</a><div class="muted small">{{ task.document }}</div></td>
      <td data-label="{{ l_lead }}">{% agency_today task.lead_agency %}{% for a in task.assignments.all %}{% if a.role == "lead" %}, {% agency_today a.agency %}{% endif %}{% endfor %}</td>
      <td data-label="{{ l_domain }}">{{ task.domain_label }}</td>
      <td data-label="{{ l_deadline }}">{{ task.deadline_text|default:"—" }}{% if task.due_on %}<div class="muted small">{{ task.due_on|date:"d/m/Y" }}</div>{% endif %}</td>
      <td data-label="{{ l_progress }}">{% if task.latest_percent is not None %}{{ task.latest_percent }}%{% else %}—{% endif %}</td>
      <td data-label="{{ l_status }}">{% include "tasks/partials/status_badge.html" %}{% if explanation.is_overdue %}<div class="why small">{{ explanation.reason }}</div>{% endif %}</td>
    </tr>
  {% empty %}
    <tr><td colspan="6" class="muted">{% translate "Không có nhiệm vụ nào khớp bộ lọc." %}</td></tr>
  {% endfor %}
  </tbody>""")


@pytest.fixture
def varied_tasks(document):
    """Tasks that between them take every branch of a row."""
    today = timezone.localdate()
    unnumbered = DocumentFactory(number="", title="Kế hoạch " + "rất dài " * 20)
    tasks = [
        TaskFactory(document=document, title='Tên có <b>thẻ</b> & "ngoặc" \'đơn\'', due_on=today - dt.timedelta(days=9),
                    deadline_text="Tháng <12>", coordinating=["Bộ Y tế"]),
        # A dissolved lead (shown with today's successor) and a dissolved co-lead.
        TaskFactory(document=unnumbered, lead_agency=agency("Bộ Kế hoạch và Đầu tư"), due_on=None, deadline_text="",
                    recurrence=Recurrence.QUARTERLY),
        TaskFactory(document=document, lead_agency=None, due_on=today + dt.timedelta(days=40),
                    recurrence=Recurrence.ANNUAL, domain="xyz-unknown"),
        TaskFactory(document=document, due_on=today - dt.timedelta(days=100), completed_on=today - dt.timedelta(days=3)),
        TaskFactory(document=document, due_on=None, recurrence=Recurrence.CONTINUOUS),
    ]
    Assignment.objects.create(task=tasks[2], agency=agency("Bộ Tài chính"), role=Assignment.Role.LEAD)
    Assignment.objects.create(task=tasks[2], agency=agency("Bộ Kế hoạch và Đầu tư"), role=Assignment.Role.LEAD)
    Assignment.objects.create(task=tasks[0], agency=agency("Bộ Công an"), role=Assignment.Role.LEAD)
    # Percent: the latest counted report's; a later draft does not count.
    quarter = period_containing("quarter", today)
    ReportFactory(task=tasks[0], percent_complete=30, period_start=quarter.previous().previous().start,
                  period_end=quarter.previous().previous().end)
    ReportFactory(task=tasks[0], percent_complete=55)
    ReportFactory(task=tasks[0], agency=agency("Bộ Y tế"), percent_complete=90, period_start=quarter.start,
                  period_end=quarter.end, state=ProgressReport.State.DRAFT, submitted_at=None)
    ReportFactory(task=tasks[1], agency=agency("Bộ Tài chính"), percent_complete=0,
                  state=ProgressReport.State.ACCEPTED)
    settle(Task.objects.values_list("pk", flat=True))
    return tasks


def _reference(user, filters: dict) -> str:
    _, queryset = selectors.task_list(user=user, filters=filters)
    today = timezone.localdate()
    rows = [(t, explain(t, today=today)) for t in queryset[:50]]
    return REFERENCE.render(Context({"rows": rows}))


def _body(page: str) -> str:
    return "<tbody>" + page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] + "</tbody>"


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("filters", [{}, {"status": "open_overdue"}, {"sort": "agency"}, {"q": "không có việc này"}])
def test_rows_are_the_html_the_template_loop_wrote(client, office, varied_tasks, language, filters):
    client.force_login(office)
    client.cookies["django_language"] = language
    page = client.get(reverse("tasks:list"), filters).content.decode()
    with translation.override(language):
        expected = _reference(office, filters)
    assert _body(page) == expected
    if not filters:  # the cases above are really on the page
        assert 'class="successor"' in page and "&lt;b&gt;thẻ&lt;/b&gt; &amp; &quot;ngoặc&quot; &#x27;đơn&#x27;" in page
        assert "55%" in page and "90%" not in page and 'class="why small"' in page


def test_the_htmx_partial_has_the_same_rows(client, office, varied_tasks):
    client.force_login(office)
    full = client.get(reverse("tasks:list")).content.decode()
    partial = client.get(reverse("tasks:list"), headers={"HX-Request": "true"}).content.decode()
    assert _body(partial) == _body(full) == _reference(office, {})


def test_task_rows_reads_a_page_in_two_queries(office, varied_tasks, django_assert_num_queries):
    _, queryset = selectors.filtered_tasks(user=office)
    with django_assert_num_queries(2):  # the rows, their co-leading agencies
        rows = selectors.task_rows(queryset[:50])
    assert [r.pk for r in rows] == [t.pk for t in selectors.task_list(user=office)[1]]
    by_pk = {r.pk: r for r in rows}
    assert [a.name for a in by_pk[varied_tasks[2].pk].co_leads] == ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]
    assert by_pk[varied_tasks[2].pk].lead is None and by_pk[varied_tasks[1].pk].lead.dissolved


def _options(page: str, name: str) -> str:
    return page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]


def test_filter_choices_follow_writes_at_once(client, office, document):
    """The filter form's class is built once per process; its agency and document choices
    are still read on every request, so a new task's agency and a new document show at once."""
    client.force_login(office)
    TaskFactory(document=document)
    before = client.get(reverse("tasks:list")).content.decode()
    assert ">Bộ Y tế<" not in _options(before, "agency")
    newer = DocumentFactory(number="", title="Kế hoạch mới <2026>")
    TaskFactory(document=newer, lead_agency=agency("Bộ Y tế"))
    after = client.get(reverse("tasks:list")).content.decode()
    assert ">Bộ Y tế<" in _options(after, "agency")
    assert f'<option value="{newer.pk}">Kế hoạch mới &lt;2026&gt;</option>' in _options(after, "document")
    chosen = client.get(reverse("tasks:list"), {"agency": agency("Bộ Y tế").pk}).content.decode()
    assert f'<option value="{agency("Bộ Y tế").pk}" selected>Bộ Y tế</option>' in _options(chosen, "agency")


def test_model_instances_give_the_same_rows(office, varied_tasks):
    """The ranking's drill-down pages `with_list_data` model instances through the same partial."""
    tag = Template("{% load task_rows %}{% task_rows rows 'a' 'b' 'c' 'd' 'e' %}")
    today = timezone.localdate()
    _, filtered = selectors.filtered_tasks(user=office)
    _, instances = selectors.task_list(user=office)
    as_rows = [(r, explain(r, today=today)) for r in selectors.task_rows(filtered[:50])]
    as_models = [(t, explain(t, today=today)) for t in instances[:50]]
    html = tag.render(Context({"rows": as_models}))
    assert html == tag.render(Context({"rows": as_rows}))
    assert 'class="successor"' in html and html.count("<tr>") == len(varied_tasks)
