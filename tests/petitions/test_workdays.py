"""Working days from the Vietnamese calendar (the `holidays` package) and office days off."""

import datetime as dt

import pytest

from theodoi.lib.workdays import add_working_days, is_working_day, public_holiday, working_days_between
from theodoi.petitions import services
from theodoi.petitions.models import Category, DayOff

D = dt.date


def test_tet_2026_is_skipped():
    # Tết Bính Ngọ: Monday 16/02 to Friday 20/02/2026 are days off, with the weekends around them.
    for day in range(16, 21):
        assert not is_working_day(D(2026, 2, day)), day
    # Assigned Friday 13/02 with 1 working day: due Monday 23/02, after the whole Tết week.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 12), 10) == D(2026, 3, 5)
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1


def test_reunification_and_labour_day_2026():
    assert public_holiday(D(2026, 4, 30)) and public_holiday(D(2026, 5, 1))
    # Wednesday 29/04 + 1 working day: Thursday 30/04, Friday 01/05 and the weekend are off.
    assert add_working_days(D(2026, 4, 29), 1) == D(2026, 5, 4)


def test_national_day_2026():
    assert not is_working_day(D(2026, 9, 1)) and not is_working_day(D(2026, 9, 2))
    assert add_working_days(D(2026, 8, 28), 2) == D(2026, 9, 4)


def test_substituted_day_off_and_make_up_saturday():
    # Hùng Kings' day 2026 falls on Sunday 26/04: Monday 27/04 is the substituted day off.
    assert public_holiday(D(2026, 4, 27))
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)
    # 2025: Friday 02/05 off in exchange for working Saturday 26/04.
    assert not is_working_day(D(2025, 5, 2))
    assert is_working_day(D(2025, 4, 26))
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)


def test_office_added_day_off():
    assert add_working_days(D(2026, 3, 9), 3) == D(2026, 3, 12)
    assert add_working_days(D(2026, 3, 9), 3, extra_days_off={D(2026, 3, 11)}) == D(2026, 3, 13)


def test_zero_and_negative():
    assert add_working_days(D(2026, 2, 16), 0) == D(2026, 2, 16)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 2, 16), -1)


@pytest.mark.django_db
def test_deadline_uses_category_days_and_office_days_off(office):
    category = Category.objects.get(code="giao-thong")
    category.deadline_days = 5
    category.save()
    assert services.due_date(start=D(2026, 3, 9), category=category) == D(2026, 3, 16)
    services.day_off_add(day=D(2026, 3, 12), reason="Bão số 3", actor=office)
    assert DayOff.objects.get().history.first().history_user == office
    assert services.due_date(start=D(2026, 3, 9), category=category) == D(2026, 3, 17)
