"""`{% agency_today agency %}`: an agency's name, and for a dissolved body the agencies
that answer for it today ("Bộ Kế hoạch và Đầu tư → Bộ Tài chính")."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import successors_for_request

register = template.Library()


def successors_for_page(context: template.Context) -> dict[int, list[Agency]]:
    """The succession map, read once per request (two queries) however many rows show it."""
    return successors_for_request(context.get("request"))


@register.simple_tag(takes_context=True)
def agency_today(context: template.Context, agency: Agency | None, empty: str = "—") -> SafeString | str:
    if agency is None:
        return empty
    successors = successors_for_page(context).get(agency.pk) if agency.dissolved_on else None
    return agency_today_html(str(agency), successors)


def agency_today_html(name: str, successors: list[Agency] | None) -> SafeString:
    """The tag's HTML, for code that renders rows without templates (the task list's)."""
    if not successors:
        return format_html("{}", name)
    return format_html(
        '{} <span class="successor" title="{}">→ {}</span>', name,
        _("Cơ quan đã giải thể/hợp nhất; cơ quan thực hiện hiện nay"), ", ".join(a.name for a in successors),
    )
