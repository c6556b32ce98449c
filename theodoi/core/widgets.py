"""Form widgets that render fast enough for pages served on every request."""

from typing import Any

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext


def _escape(value: Any) -> str:
    """`conditional_escape` without its SafeString wrapper per call (the same text)."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


class PlainSelect(forms.Select):
    """A `<select>` written out in Python, the same HTML as Django's.

    Django renders each `<option>` through a template: for the hundred agencies of the
    task list's filter that took longer than the rest of the page together.
    """

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer=None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # option groups: Django's own rendering
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = " selected" if option_value in chosen else ""
            options.append(f'<option value="{_escape(option_value)}"{selected}>{_escape(label)}</option>')
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe("".join(options)))


class PlainInputMixin:
    """An `<input>` widget written out in Python: the HTML of Django's input.html and
    attrs.html templates (attributes in their order, True as a bare name, False left out),
    from the widget's own context, without a template render per field."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        parts = [f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"']
        if widget["value"] is not None:
            parts.append(f' value="{_escape(widget["value"])}"')
        for key, attr in widget["attrs"].items():
            if attr is True:
                parts.append(f" {_escape(key)}")
            elif attr is not False:
                parts.append(f' {_escape(key)}="{_escape(attr)}"')
        parts.append(">")
        return mark_safe("".join(parts))  # every value above is escaped


class PlainTextInput(PlainInputMixin, forms.TextInput):
    pass


class PlainCheckboxInput(PlainInputMixin, forms.CheckboxInput):
    pass


class DayMonthYearInput(PlainInputMixin, forms.DateInput):
    """A date typed as dd/mm/yyyy; app.js adds the browser's date picker beside it and keeps
    the two in step. The server accepts dd/mm/yyyy and yyyy-mm-dd alike (DATE_INPUT_FORMATS),
    so the field works without scripts and with a pasted ISO date."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off", **(attrs or {})}, format="%d/%m/%Y")

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # Read at render time, in the page's language: the picker's accessible name.
        context["widget"]["attrs"]["data-datepicker"] = gettext("Chọn ngày trên lịch")
        return context
