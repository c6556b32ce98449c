"""`{% staff_follows kind target as following %}`: whether the signed-in user already
receives mail about an object (the staff pages' follow button says so and offers to stop)."""

from django import template

from theodoi.portal import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_follows(context: template.Context, kind: str, target: int) -> bool:
    return selectors.staff_follows(user=context["request"].user, kind=kind, target_id=int(target))
