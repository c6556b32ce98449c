"""The lines of "Tất cả" in "Việc của tôi", written out in Python: the template loop they
replace (a `{% url %}` and two variables per line, 50 lines a page) cost more than the
page's SQL. Byte for byte the loop's HTML (tests/tasks/test_my_tasks.py compares)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from theodoi.agencies.templatetags.agencies import agency_today

from theodoi.tasks.status import StatusExplanation
from theodoi.tasks.templatetags.task_rows import detail_urls

register = template.Library()


@register.simple_tag
def brief_lines(rows: list[tuple[object, StatusExplanation]]) -> SafeString:
    """`<li><a href="{detail}">{title}</a> – {status}</li>` for each (task, explanation)."""
    url = detail_urls()
    return mark_safe("".join(  # title and label are escaped
        f'<li><a href="{url(task.pk)}">{conditional_escape(task.title)}</a> – '  # type: ignore[attr-defined]
        f'{conditional_escape(explanation.label)}</li>'
        for task, explanation in rows))


@register.simple_tag(takes_context=True)
def involvement_role(context: template.Context, task) -> SafeString | str:
    """What the officer's agency is to the task: "Chủ trì", or its assignment's role; when
    only a body it succeeded is involved, that body's role and name ("Phối hợp (tiền thân):
    Bộ Kế hoạch và Đầu tư → Bộ Tài chính"). The page lists exactly the tasks involving one of
    `agency_ids` (tasks.rules.involving), so every row has a role."""
    own = context["agency"].pk if context.get("agency") else None
    if task.lead_agency_id == own:
        return _("Chủ trì")
    assignments = list(task.assignments.all())
    for assignment in assignments:
        if assignment.agency_id == own:
            return assignment.get_role_display()
    predecessors = set(context.get("agency_ids", ())) - {own}
    if task.lead_agency_id in predecessors:
        return format_html("{}: {}", _("Chủ trì (tiền thân)"), agency_today(context, task.lead_agency))
    for assignment in assignments:
        if assignment.agency_id in predecessors:
            return format_html("{}: {}", _("%(role)s (tiền thân)") % {"role": assignment.get_role_display()},
                               agency_today(context, assignment.agency))
    return ""
