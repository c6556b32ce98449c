"""Two staff acting on one petition at the same moment: one wins, the other is told why."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import agency, make_user
from tests.tasks.races import run_at_once
from theodoi.core.roles import OFFICE, OFFICER
from theodoi.petitions import services
from theodoi.petitions.categories import ensure_default_categories
from theodoi.petitions.models import Category, Petition, State


@pytest.mark.django_db(transaction=True)
def test_answer_and_hand_back_at_once_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…), as CI does")
    from theodoi.agencies.services import registry_load

    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    ensure_default_categories(Category)
    office = make_user("vp-race", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    officer = make_user("xd-race", OFFICER, "Sở Xây dựng thành phố Hải Phòng")
    petition = services.petition_submit(category=Category.objects.get(code="giao-thong"), title="Ổ gà",
                                        text="Mặt đường có ổ gà sâu.")
    petition = services.petition_assign(petition=petition, agency=agency("Sở Xây dựng thành phố Hải Phòng"), actor=office)
    outcomes = run_at_once([
        lambda: services.petition_answer(petition=petition, actor=officer, answer="Đã vá."),
        lambda: services.petition_hand_back(petition=petition, actor=officer, reason="Không phải việc của Sở"),
    ])
    assert sorted(o for o, _ in outcomes) == ["ok", "refused"], outcomes
    assert any("trạng thái" in detail for _, detail in outcomes)
    final = Petition.objects.get(pk=petition.pk)
    assert final.state in (State.ANSWERED, State.RECEIVED)
    assert final.history.count() == 3  # filed, assigned, and only the winner
