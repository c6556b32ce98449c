import datetime as dt

import pytest

from theodoi.extraction.deadlines import parse_deadline

D = dt.date


@pytest.mark.parametrize("raw, due, recurrence", [
    ("Quý IV/2025", D(2025, 12, 31), "once"),
    ("quý 4 năm 2025", D(2025, 12, 31), "once"),
    ("Quý I/2026", D(2026, 3, 31), "once"),
    ("Quý II năm 2023", D(2023, 6, 30), "once"),
    ("Quý I, II/2026", D(2026, 6, 30), "once"),
    ("tháng 6/2025", D(2025, 6, 30), "once"),
    ("Tháng 02 năm 2024", D(2024, 2, 29), "once"),
    ("trước ngày 30/6/2025", D(2025, 6, 30), "once"),
    ("ngày 15 tháng 3 năm 2026", D(2026, 3, 15), "once"),
    ("31/12/2026", D(2026, 12, 31), "once"),
    ("năm 2025", D(2025, 12, 31), "once"),
    ("2022", D(2022, 12, 31), "once"),
    ("2026-2030", D(2030, 12, 31), "once"),
    ("2022 - 2030", D(2030, 12, 31), "once"),
    ("giai đoạn 2025–2030", D(2030, 12, 31), "once"),
    ("6 tháng đầu năm 2025", D(2025, 6, 30), "once"),
    ("Thường xuyên", None, "continuous"),
    ("Hằng năm", None, "annual"),
    ("Hàng năm", None, "annual"),
    ("hằng quý", None, "quarterly"),
    ("Hằng tháng", None, "monthly"),
])
def test_deadline_forms(raw, due, recurrence):
    deadline = parse_deadline(raw)
    assert deadline is not None
    assert (deadline.due, deadline.recurrence) == (due, recurrence)
    assert deadline.raw == raw


def test_yearly_day_takes_the_reference_year():
    deadline = parse_deadline("Hằng năm, trước ngày 15/12", reference=D(2025, 3, 1))
    assert (deadline.due, deadline.recurrence) == (D(2025, 12, 15), "annual")


@pytest.mark.parametrize("raw", ["", "sắp tới", "31/02/2025", "khi có yêu cầu", "tháng 13/2025"])
def test_not_a_deadline(raw):
    assert parse_deadline(raw) is None


def test_as_dict_is_the_documented_shape():
    assert parse_deadline("Quý IV/2025").as_dict() == {"raw": "Quý IV/2025", "due": "2025-12-31", "recurrence": "once"}


@pytest.mark.parametrize("raw, due", [
    # "before the year 2027" is by the last day of 2026, not of 2027.
    ("trước năm 2027", D(2026, 12, 31)),
    ("Trước năm 2030", D(2029, 12, 31)),
    ("hoàn thành trước 2026", D(2025, 12, 31)),
    ("trước quý III/2026", D(2026, 6, 30)),
    ("trước Quý I năm 2026", D(2025, 12, 31)),
    ("trước tháng 6/2026", D(2026, 5, 31)),
    ("trước tháng 1 năm 2026", D(2025, 12, 31)),
    # A day keeps its date: "trước ngày 30/6" is written for "by 30/6".
    ("trước ngày 30/6/2026", D(2026, 6, 30)),
    # The period itself, without "trước", is due at its end.
    ("năm 2027", D(2027, 12, 31)),
    ("trong năm 2027", D(2027, 12, 31)),
])
def test_before_a_period_is_due_at_the_end_of_the_previous_one(raw, due):
    deadline = parse_deadline(raw)
    assert deadline is not None and deadline.due == due and deadline.recurrence == "once"


@pytest.mark.parametrize("raw, due, recurrence", [
    # several cadences: a report is owed as often as the most frequent one
    ("Định kỳ hằng quý, 6 tháng và hằng năm", None, "quarterly"),
    ("Báo cáo hằng tháng, hằng năm", None, "monthly"),
    ("Thường xuyên; báo cáo hằng quý", None, "continuous"),
    # "quý tư" is the fourth quarter written in words
    ("Quý tư năm 2026", D(2026, 12, 31), "once"),
    # a count of months from the signing
    ("Chậm nhất 03 tháng kể từ ngày ký", D(2026, 4, 15), "once"),
])
def test_cadences_and_counts(raw, due, recurrence):
    deadline = parse_deadline(raw, reference=D(2026, 1, 15))
    assert deadline is not None and (deadline.due, deadline.recurrence) == (due, recurrence)


@pytest.mark.parametrize("raw", [
    "trong 9 tháng",  # a duration, not the first nine months
    "trong vòng 30 ngày kể từ ngày ký hợp đồng",  # another signing than the document's
    "trong vòng 10 ngày làm việc kể từ ngày ký",
    "Quy hoạch tỉnh",  # "quy" without diacritics is a quarter only before its number
    "Từ tháng 3",
])
def test_phrases_without_a_date(raw):
    assert parse_deadline(raw, reference=D(2026, 1, 15)) is None


@pytest.mark.parametrize("raw, due", [
    # before a month or quarter written without its year: the end of the one before it
    ("trước tháng 6", D(2026, 5, 31)),
    ("trước quý III", D(2026, 6, 30)),
    ("trong tháng 6", D(2026, 6, 30)),
])
def test_a_yearless_period_before_or_within(raw, due):
    deadline = parse_deadline(raw, reference=D(2026, 1, 15))
    assert deadline is not None and deadline.due == due
