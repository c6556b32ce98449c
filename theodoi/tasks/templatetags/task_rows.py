"""`{% task_rows rows ... %}`: the task list's table rows, written out in Python.

Fifty rows through the template engine (a tag, an include and a dozen lookups per row) cost
most of the list's time; this is the same HTML as the loop it replaced, built with
string formatting. `rows` are `(TaskRow, StatusExplanation)` pairs (`selectors.task_rows`,
`status.explain`), or pairs of a `with_list_data` task and its explanation.
"""

from collections.abc import Callable

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe

from theodoi.agencies.templatetags.agencies import agency_today_html, successors_for_page
from theodoi.tasks.selectors import AgencyName, TaskRow, task_row_of
from theodoi.tasks.status import StatusExplanation

register = template.Library()

_ROW = """
    <tr>
      <td class="title"><a href="{url}">{title}</a><div class="muted small">{document}</div></td>
      <td data-label="{l_lead}">{agencies}</td>
      <td data-label="{l_domain}">{domain}</td>
      <td data-label="{l_deadline}">{deadline}</td>
      <td data-label="{l_progress}">{progress}</td>
      <td data-label="{l_status}"><span class="badge s-{status}" title="{reason}">{label}</span>
{why}</td>
    </tr>
  """
_PK = 9_876_543_210  # a stand-in id, longer than any real one


def detail_urls() -> Callable[[int], str]:
    """pk → the task's detail URL, reversed once for all the rows of a page, not per row.
    Every tag that writes task rows in Python uses it (the list, the dashboard, "Việc của tôi")."""
    url = reverse("tasks:detail", args=[_PK])
    before, _, after = url.partition(str(_PK))
    return lambda pk: f"{before}{pk}{after}"


def _agency(agency: AgencyName, successors: dict) -> str:
    return agency_today_html(agency.name, successors.get(agency.pk) if agency.dissolved else None)


def _date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"  # the "d/m/Y" date filter


@register.simple_tag(takes_context=True)
def task_rows(context: template.Context, rows: list[tuple[TaskRow, StatusExplanation]], l_lead: str,
              l_domain: str, l_deadline: str, l_progress: str, l_status: str) -> SafeString:
    """The `<tr>` of each row; the labels are the columns' headings (each cell's data-label)."""
    # The ranking's drill-down pages model instances (`with_list_data`): the same rows.
    rows = [(task if isinstance(task, TaskRow) else task_row_of(task), explanation) for task, explanation in rows]
    url = detail_urls()
    labels = {"l_lead": escape(str(l_lead)), "l_domain": escape(str(l_domain)), "l_deadline": escape(str(l_deadline)),
              "l_progress": escape(str(l_progress)), "l_status": escape(str(l_status))}
    successors: dict = {}
    if any((t.lead and t.lead.dissolved) or any(a.dissolved for a in t.co_leads) for t, _ in rows):
        successors = successors_for_page(context)  # two queries, only when a row needs them
    out = []
    for task, explanation in rows:
        agencies = _agency(task.lead, successors) if task.lead else "—"
        for agency in task.co_leads:
            agencies += ", " + _agency(agency, successors)
        deadline = escape(task.deadline_text) if task.deadline_text else "—"
        if task.due_on:
            deadline += f'<div class="muted small">{_date(task.due_on)}</div>'
        out.append(_ROW.format(
            url=url(task.pk), title=escape(task.title), document=escape(task.document),
            agencies=agencies, domain=escape(task.domain_label), deadline=deadline,
            progress=f"{task.latest_percent}%" if task.latest_percent is not None else "—",
            status=escape(explanation.status), reason=escape(explanation.reason), label=escape(explanation.label),
            why=f'<div class="why small">{escape(explanation.reason)}</div>' if explanation.is_overdue else "",
            **labels,
        ))
    return mark_safe("".join(out))  # every value above is escaped or HTML built by format_html
