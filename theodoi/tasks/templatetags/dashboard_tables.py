"""The dashboard's two count tables, written in Python.

By domain × status and by lead agency × status, each cell a link to the filtered task list:
some 120 cells, each of which the template engine rendered through half a dozen variable
lookups, escapes and tags, about half of the dashboard's time. Here every text is escaped
once (the status labels once per table, not once per cell) and the cells are joined as
strings: the same HTML, escaped the same way.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from theodoi.agencies.templatetags.agencies import agency_today_html, successors_for_page
from theodoi.tasks.templatetags.task_rows import detail_urls

register = template.Library()


@register.simple_tag
def domain_rows(rows: list[dict], list_url: str) -> SafeString:
    """The rows of "Tình trạng theo lĩnh vực": a bar of the domain's tasks per status."""
    url = conditional_escape(list_url)
    labels: dict = {}
    html = []
    for row in rows:
        code, name = conditional_escape(row["code"]), conditional_escape(row["label"])
        bar = "".join(
            f'<a class="seg s-{status}" style="flex-grow: {n}" href="{url}?domain={code}&status={status}" '
            f'title="{label}: {n}" aria-label="{name}, {label}: {n}">{n}</a>'
            for status, label, n in _cached(labels, row["counts"]) if n
        )
        html.append(f'\n    <tr>\n      <th><a href="{url}?domain={code}">{name}</a></th>\n'
                    f'      <td class="bar">{bar}</td>\n'
                    f'      <td class="num"><a href="{url}?domain={code}">{int(row["total"])}</a></td>\n    </tr>\n    ')
    return mark_safe("".join(html))


@register.simple_tag
def agency_rows(rows: list[dict], list_url: str, total_label: str) -> SafeString:
    """The rows of "Theo cơ quan chủ trì": the agency (today's bodies after a dissolved
    one's name, the bodies merged into it), its tasks per status, its total."""
    url, total = conditional_escape(list_url), conditional_escape(total_label)
    labels: dict = {}
    html = []
    for row in rows:
        counts = _cached(labels, row["counts"])
        if row["id"]:
            pk = int(row["id"])
            current = "&current=on" if row["merged"] else ""
            title = f'<a href="{url}?agency={pk}{current}">{conditional_escape(row["name"])}</a>'
            if row["successors"]:
                title += f' <span class="successor">→ {", ".join(conditional_escape(n) for n in row["successors"])}</span>'
            if row["merged"]:
                names = ", ".join(conditional_escape(n) for n in row["merged"])
                # Outside the f-string: makemessages (xgettext) does not look inside one.
                merged = _("gồm nhiệm vụ giao cho %(names)s") % {"names": names}
                title += f'<div class="muted small">{merged}</div>'
            cells = "".join(f'<td class="num" data-label="{label}"><a href="{url}?agency={pk}&status={status}{current}">'
                            f'{n}</a></td>' for status, label, n in counts)
        else:
            title = conditional_escape(_("Chưa giao"))
            cells = "".join(f'<td class="num" data-label="{label}">{n}</td>' for _status, label, n in counts)
        html.append(f'\n    <tr>\n      <td class="title">{title}</td>\n      {cells}\n'
                    f'      <td class="num" data-label="{total}">{int(row["total"])}</td>\n    </tr>\n    ')
    return mark_safe("".join(html))


def _cached(labels: dict, counts: list[tuple]) -> list[tuple[str, str, int]]:
    """`counts` with its codes and labels escaped, each status's escaped once per table."""
    out = []
    for code, label, n in counts:
        if code not in labels:
            labels[code] = (conditional_escape(code), conditional_escape(label))
        escaped_code, escaped_label = labels[code]
        out.append((escaped_code, escaped_label, int(n)))
    return out


@register.simple_tag(takes_context=True)
def overdue_rows(context: template.Context, overdue: list[tuple], lead_label: str, status_label: str) -> SafeString:
    """The rows of "Nhiệm vụ quá hạn": the task, its lead agency (with today's bodies after a
    dissolved one), its status and why. `overdue` holds (task, StatusExplanation) pairs."""
    url = detail_urls()
    successors = successors_for_page(context)
    lead, status = conditional_escape(lead_label), conditional_escape(status_label)
    html = []
    for task, explanation in overdue:
        agency = task.lead_agency
        lead_html = "—" if agency is None else agency_today_html(
            str(agency), successors.get(agency.pk) if agency.dissolved_on else None)
        html.append(
            f'\n    <tr><td class="title"><a href="{url(task.pk)}">{conditional_escape(task.title)}'
            f'</a></td><td data-label="{lead}">{lead_html}</td><td data-label="{status}">'
            f'<span class="visually-hidden">{conditional_escape(explanation.label)}: </span>'
            f'<span class="why">{conditional_escape(explanation.reason)}</span></td></tr>\n    '
        )
    return mark_safe("".join(html))
