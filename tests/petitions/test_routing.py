"""Routing proposals measured on the labelled set (tests/data/petitions.json)."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from theodoi.agencies.models import Agency
from theodoi.petitions.management.commands.eval_routing import evaluate
from theodoi.petitions.routing import Router

DATA = Path(__file__).resolve().parent.parent / "data" / "petitions.json"
ROWS = json.loads(DATA.read_text(encoding="utf-8"))["petitions"]


def test_labelled_set_is_broad():
    assert len(ROWS) >= 60
    assert len({row["agency"] for row in ROWS}) >= 15
    assert {row["category"] for row in ROWS} >= {"giao-thong", "moi-truong", "dat-dai", "an-ninh", "khac"}
    assert sum(row["ambiguous"] for row in ROWS) >= 10


@pytest.mark.django_db
def test_every_label_is_a_registry_agency():
    names = set(Agency.objects.values_list("name", flat=True))
    for row in ROWS:
        assert row["agency"] in names and set(row["also"]) <= names, row["id"]


@pytest.mark.django_db
def test_top1_accuracy_at_least_080_on_each_half():
    result = evaluate(ROWS, Router())
    for half in ("dev", "held-out", "all"):
        stats = result[half]
        assert stats["top1"] / stats["n"] >= 0.80, (half, stats["misses"])
        assert stats["top3"] / stats["n"] >= 0.90, (half, stats["misses"])


@pytest.mark.django_db
def test_command_prints_ranked_json_with_reasons():
    out = io.StringIO()
    call_command("route_petition", "Đường Lạch Tray có nhiều ổ gà, đề nghị Sở GTVT sửa chữa", json=True, stdout=out)
    rows = json.loads(out.getvalue())
    assert rows[0]["agency"] == "Sở Xây dựng thành phố Hải Phòng"
    assert set(rows[0]) == {"agency", "score", "reasons"}
    # The dissolved department named by the petitioner counts for its successor, and says so.
    assert any("Sở GTVT" in reason for reason in rows[0]["reasons"])
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


@pytest.mark.django_db
def test_text_without_diacritics_and_unknown_matter():
    router = Router()
    assert router.route("nha hang xom hat karaoke den 2 gio sang, on ao qua")[0].agency.name == "Công an thành phố Hải Phòng"
    fallback = router.route("Xin cảm ơn.")
    assert fallback[0].agency.name == "Văn phòng Ủy ban nhân dân thành phố Hải Phòng"
    assert fallback[0].reasons


@pytest.mark.django_db
def test_proper_names_are_not_matters():
    # "Đình" in a street name is not a temple, "Chợ" in a ward name is not a market.
    top = Router().route("Ổ gà lớn trên đường Đình Đông, gần chợ Sắt")[0]
    assert top.agency.name == "Sở Xây dựng thành phố Hải Phòng"
