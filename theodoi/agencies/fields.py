"""The agency picker: one form field for every form that chooses agencies.

The registry holds the whole country (~1,600 bodies), so no form lists it in a `<select>`.
The picker renders a plain select of the bodies a user of this installation is likely to
want (`selectors.agency_shortlist`: the home place's, the central ones, those the form's
app already works with, and the values already chosen), which is all a browser without
scripts gets. `agencies/picker.js` hides that select behind a search box that asks
`agencies:search` (an htmx partial) for any body by name, short name or alias, without
diacritics; a chosen body becomes the select's value, so the form posts what it always did.

Whatever arrives, the server checks: any body that exists today (not dissolved), plus the
values the form already had (a task led by a body since merged keeps it until changed).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import agency_shortlist
from theodoi.core.ids import IdChoiceMixin, IdMultipleChoiceField, parse_id

Involved = Callable[[], QuerySet] | None

UNKNOWN = _("Không có cơ quan nào đang hoạt động mang mã %(value)s. Hãy chọn lại cơ quan.")


def _active(keep: Iterable[int] = ()) -> QuerySet[Agency]:
    return Agency.objects.filter(Q(dissolved_on__isnull=True) | Q(pk__in=list(keep))).order_by("name")


class AgencyPicker(forms.Select):
    """A select of the shortlist, with the search box that scripts switch on."""

    template_name = "agencies/widgets/picker.html"
    multiple = False

    def __init__(self, attrs: dict | None = None, *, involved: Involved = None) -> None:
        super().__init__(attrs)
        self.involved = involved
        self.empty_label: object = "---------"

    def use_required_attribute(self, initial: Any) -> bool:
        # A hidden select marked required would stop the browser from sending the form with
        # no message a person can see; the server says what is missing.
        return False

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        # Not Select.get_context: that walks every choice, i.e. the whole registry.
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = [pk for pk in (parse_id(v) for v in context["widget"]["value"]) if pk is not None]
        agencies = agency_shortlist(home_place=settings.HOME_PLACE,
                                    involved=self.involved() if self.involved else None, selected=chosen)
        groups: dict[str, list[dict[str, Any]]] = {}
        for agency in agencies:
            if agency.dissolved_on:
                group = _("Cơ quan đã giải thể, hợp nhất")
            elif agency.place and agency.place == settings.HOME_PLACE:
                group = _("Cơ quan của %(place)s") % {"place": agency.place}
            elif not agency.place:
                group = _("Cơ quan trung ương")
            else:
                group = _("Cơ quan khác")
            groups.setdefault(str(group), []).append(
                {"value": agency.pk, "label": agency.name, "selected": agency.pk in chosen})
        order = [str(_("Cơ quan của %(place)s") % {"place": settings.HOME_PLACE}), str(_("Cơ quan trung ương")),
                 str(_("Cơ quan khác")), str(_("Cơ quan đã giải thể, hợp nhất"))]
        context["widget"].update({
            "groups": [(g, groups[g]) for g in order if g in groups],
            "multiple": self.multiple,
            "empty_label": self.empty_label,
            "search_url": reverse("agencies:search"),
        })
        return context


class AgencyMultiPicker(AgencyPicker):
    allow_multiple_selected = True
    multiple = True

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)  # type: ignore[arg-type]

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty multiple select sends nothing, which means "none"

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value if v not in (None, "")]


class AgencyChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    """One agency, as the picker offers it; valid: any body existing today, or `keep`."""

    default_error_messages = {"invalid_choice": UNKNOWN}

    def __init__(self, *, involved: Involved = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", AgencyPicker(involved=involved))
        kwargs.setdefault("empty_label", _("— chọn cơ quan —"))
        super().__init__(queryset=_active(), **kwargs)
        self.widget.empty_label = self.empty_label

    def keep(self, values: Iterable[Any]) -> None:
        """Also accept these (the form's current values, even if the body was dissolved since)."""
        self.queryset = _active(pk for pk in (parse_id(getattr(v, "pk", v)) for v in values) if pk)


class AgencyMultipleChoiceField(IdMultipleChoiceField):
    default_error_messages = {"invalid_choice": UNKNOWN}

    def __init__(self, *, involved: Involved = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", AgencyMultiPicker(involved=involved))
        super().__init__(queryset=_active(), **kwargs)

    keep = AgencyChoiceField.keep
