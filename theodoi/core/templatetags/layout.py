"""`{% staff_menu %}`: the staff layout's main menu, rendered once per process and kind of user.

Every staff page shows the menu; rendering its ten links (a URL reversed and a label
translated for each) cost about a third of an empty staff page. What it shows depends only
on the interface language, the user's roles and staff flag, and the URL configuration, none
of which a request or a write to the database changes while the process runs: so it is
rendered the first time each combination is asked for, then reused.
"""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MENU_TEMPLATE = "partials/staff_menu.html"

_menus: dict[tuple, SafeString] = {}


@register.simple_tag(takes_context=True)
def staff_menu(context: template.Context) -> SafeString:
    user = context.get("user")
    flags = {
        "is_office": bool(context.get("is_office")),
        "is_officer": bool(context.get("is_officer")),
        "is_staff": bool(getattr(user, "is_staff", False)),
    }
    key = (translation.get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, *flags.values())
    menu = _menus.get(key)
    if menu is None:
        menu = mark_safe(get_template(MENU_TEMPLATE).render(flags).strip())
        _menus[key] = menu
    return menu
