"""`{% indicators_panel %}`: the indicators panel, for the staff dashboard (tasks) too."""

from django import template
from django.utils import timezone

from theodoi.indicators.formatting import format_value, target_text
from theodoi.indicators.selectors import indicator_panel

register = template.Library()


@register.inclusion_tag("indicators/partials/panel.html", takes_context=True)
def indicators_panel(context) -> dict:
    request = context["request"]
    return {"panel": indicator_panel(user=request.user, today=timezone.localdate()), "compact": True,
            "request": request}


@register.filter
def in_unit(value, unit: str) -> str:
    """A value with its unit, written the Vietnamese way: 8.300 USD/người, 7,5%."""
    return format_value(value, unit)


@register.filter
def target_in(target, unit: str) -> str:
    return target_text(target, unit)
