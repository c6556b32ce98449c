"""The fast select writes the same HTML as Django's own, selection and escaping included."""

import pytest
from django import forms
from django.test.html import parse_html

from theodoi.agencies.models import Agency
from theodoi.core.widgets import PlainSelect


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
