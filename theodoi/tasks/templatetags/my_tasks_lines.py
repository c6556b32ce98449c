"""The lines of "Tất cả" in "Việc của tôi", written out in Python: the template loop they
replace (a `{% url %}` and two variables per line, 50 lines a page) cost more than the
page's SQL. Byte for byte the loop's HTML (tests/tasks/test_my_tasks.py compares)."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from theodoi.tasks.status import StatusExplanation

register = template.Library()

_PK = 9_876_543_210  # a stand-in id: the detail URL is reversed once per page, not per line


@register.simple_tag
def brief_lines(rows: list[tuple[object, StatusExplanation]]) -> SafeString:
    """`<li><a href="{detail}">{title}</a> – {status}</li>` for each (task, explanation)."""
    url = reverse("tasks:detail", args=[_PK])
    return mark_safe("".join(  # title and label are escaped
        f'<li><a href="{url.replace(str(_PK), str(task.pk))}">{escape(task.title)}</a> – '  # type: ignore[attr-defined]
        f'{escape(explanation.label)}</li>'
        for task, explanation in rows))
