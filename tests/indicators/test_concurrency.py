"""Two (or more) submissions of the same indicator period at once: one wins, the others are
told why; the office approving and returning at the same moment: one wins."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SUBMITTED = "đã được gửi và đang chờ Văn phòng duyệt"


def assert_one_wins(result: dict, n: int) -> None:
    assert result["submit"] == {"ok": 1, "refused": n - 1}, result["messages"]
    assert result["saved"] == 1 and result["history_submitted"] == 1
    assert len(result["messages"]) == 1 and SUBMITTED in result["messages"][0]
    assert result["review"] == ["ok", "refused"]
    assert any("Chỉ thực hiện được khi số liệu đang ở trạng thái" in m for m in result["review_messages"])
    assert result["state"] in ("approved", "returned")


def test_concurrent_submissions_on_a_sqlite_file(tmp_path: Path):
    from tests.tasks.races import run_in_child

    n = 8
    assert_one_wins(run_in_child("tests.indicators.races", str(tmp_path / "race.sqlite3"), n), n)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("runs when the suite runs on PostgreSQL (DATABASE_URL=postgres://…), as CI does")
    from tests.indicators.races import scenario
    from theodoi.agencies.services import registry_load

    registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
    n = 8
    assert_one_wins(scenario(n), n)
