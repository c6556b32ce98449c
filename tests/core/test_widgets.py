"""The fast select and inputs write the same HTML as Django's own, selection and escaping included."""

import datetime as dt

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe

from theodoi.agencies.models import Agency
from theodoi.core.widgets import DayMonthYearInput, PlainCheckboxInput, PlainSelect, PlainTextInput


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "first", ["first"]])
def test_plain_select_renders_like_django(value):
    agency = Agency.objects.order_by("name").first()
    choices = forms.ModelChoiceField(queryset=Agency.objects.order_by("name")).choices
    value = agency.pk if value == "first" else [agency.pk] if value == ["first"] else value
    plain, django = PlainSelect(attrs={"class": "x"}), forms.Select(attrs={"class": "x"})
    plain.choices = django.choices = choices
    ours = plain.render("agency", value, attrs={"id": "id_agency", "required": True})
    theirs = django.render("agency", value, attrs={"id": "id_agency", "required": True})
    assert parse_html(ours) == parse_html(theirs)
    assert (f'value="{agency.pk}" selected' in ours) == (value not in (None, ""))


def test_plain_select_escapes_labels():
    widget = PlainSelect(choices=[("a&b", "<b>Sở</b> \"X\""), ("c", "c")])
    html = widget.render("f", "a&b")
    assert "<b>" not in html and 'value="a&amp;b" selected' in html
    assert parse_html(html) == parse_html(forms.Select(choices=widget.choices).render("f", "a&b"))


# The inputs written out in Python must be Django's input.html/attrs.html byte for byte:
# attributes in order, True as a bare name, False dropped, values and names escaped.
ATTRS = {"id": "id_f", "required": True, "disabled": False, "placeholder": 'a "b" <c> & \'d\'',
         "maxlength": 2000, "data-x": mark_safe("<safe>")}


@pytest.mark.parametrize(("plain", "django", "value"), [
    (PlainTextInput(attrs={"class": "s"}), forms.TextInput(attrs={"class": "s"}), None),
    (PlainTextInput(), forms.TextInput(), 'hạ tầng "giao" <thông> & \'x\''),
    (PlainTextInput(), forms.TextInput(), 12345),
    (PlainCheckboxInput(), forms.CheckboxInput(), True),
    (PlainCheckboxInput(), forms.CheckboxInput(), "on"),
    (PlainCheckboxInput(), forms.CheckboxInput(), False),
    (PlainCheckboxInput(), forms.CheckboxInput(), None),
])
def test_plain_inputs_render_like_django(plain, django, value):
    assert plain.render("f", value, attrs=dict(ATTRS)) == django.render("f", value, attrs=dict(ATTRS))


@pytest.mark.parametrize("value", [None, "", dt.date(2027, 3, 5), "2027-03-05", "31/02/2027", "<x>"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_day_month_year_input_renders_like_the_template(value, language):
    class TemplateRendered(DayMonthYearInput):
        render = forms.DateInput.render  # Django's template rendering, same context

    with translation.override(language):
        ours = DayMonthYearInput().render("due_on", value, attrs={"id": "id_due_on"})
        theirs = TemplateRendered().render("due_on", value, attrs={"id": "id_due_on"})
    assert ours == theirs
    assert 'data-datepicker="' in ours and (value is None or value == "" or 'value="' in ours)
