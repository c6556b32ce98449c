"""Petition categories are data: each default one carries its English name (migration
petitions 0005), shown when the interface is in English; the office's own categories without
one show their name as written."""

import pytest
from django.urls import reverse

from tests.petitions.test_public import NEW, form_data
from theodoi.petitions.models import Category, Petition

pytestmark = pytest.mark.django_db


def test_categories_read_in_english_in_english(client, django_capture_on_commit_callbacks):
    Category.objects.create(code="cay-xanh", name="Cây xanh, công viên", order=99)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    form = client.get(NEW).content.decode()
    assert "Environment, waste, pollution" in form and "Traffic, roads" in form
    assert "Môi trường, rác thải, ô nhiễm" not in form
    assert "Cây xanh, công viên" in form  # no English name given: as written

    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, form_data(), follow=True)
    petition = Petition.objects.get()
    track = client.get(reverse("petitions:track", args=[petition.code])).content.decode()
    assert "Environment, waste, pollution" in track

    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    track = client.get(reverse("petitions:track", args=[petition.code])).content.decode()
    assert "Môi trường, rác thải, ô nhiễm" in track and "Environment" not in track
