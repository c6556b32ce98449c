"""Deadline phrasings as Vietnamese plans, decisions and task tables write them.

Written from how administrative documents phrase their deadlines, before reading the
parser's rules (03/12/2026), so that it measures the parser instead of restating it. Each
case is the raw phrase, the document's date (`reference`: a phrase without a year is read
in it), and what an office user expects: the due date under shared/gold/README.md (a
period deadline is due on the period's last day) and the recurrence. No due date and
"once" is what a phrase without a deadline gives ("ngay sau khi …", "kịp thời").
"""

import datetime as dt

import pytest

from theodoi.extraction.deadlines import parse_deadline

D = dt.date
REF = D(2026, 1, 15)  # a plan signed in mid-January 2026

CASES: list[tuple[str, dt.date, dt.date | None, str]] = [
    # -- a day
    ("trước ngày 15/3/2026", REF, D(2026, 3, 15), "once"),
    ("Trước ngày 15/03/2026", REF, D(2026, 3, 15), "once"),
    ("Trước 31/12/2025", REF, D(2025, 12, 31), "once"),
    ("chậm nhất ngày 31/3/2026", REF, D(2026, 3, 31), "once"),
    ("Chậm nhất trước ngày 20/10/2026", REF, D(2026, 10, 20), "once"),
    ("hoàn thành trước ngày 30 tháng 6 năm 2026", REF, D(2026, 6, 30), "once"),
    ("Trước ngày 10 tháng 01 năm 2026", REF, D(2026, 1, 10), "once"),
    ("30/9/2026", REF, D(2026, 9, 30), "once"),
    ("Ngày 15/01/2026", REF, D(2026, 1, 15), "once"),
    ("trước ngày 15-3-2026", REF, D(2026, 3, 15), "once"),
    ("trước ngày 15.3.2026", REF, D(2026, 3, 15), "once"),
    ("31.12.2026", REF, D(2026, 12, 31), "once"),
    ("trước 15/3/26", REF, D(2026, 3, 15), "once"),
    ("Trước ngày 31/12/25", REF, D(2025, 12, 31), "once"),
    ("đến hết ngày 31/12/2026", REF, D(2026, 12, 31), "once"),
    # a day without its year: the next such day on or after the document's date
    ("trước 30/6", REF, D(2026, 6, 30), "once"),
    ("trước ngày 30/6", D(2025, 8, 10), D(2026, 6, 30), "once"),
    ("Trước ngày 20 tháng 3", REF, D(2026, 3, 20), "once"),
    # -- a month
    ("trong tháng 12/2025", REF, D(2025, 12, 31), "once"),
    ("Tháng 12/2026", REF, D(2026, 12, 31), "once"),
    ("tháng 9 năm 2025", REF, D(2025, 9, 30), "once"),
    ("Trong tháng 02/2026", REF, D(2026, 2, 28), "once"),
    ("Tháng 6 năm 2026", REF, D(2026, 6, 30), "once"),
    ("cuối tháng 3/2026", REF, D(2026, 3, 31), "once"),
    ("Tháng 3 - 4/2026", REF, D(2026, 4, 30), "once"),
    ("Tháng 12", REF, D(2026, 12, 31), "once"),
    ("Ngay trong tháng 3/2026", REF, D(2026, 3, 31), "once"),
    # -- a quarter, Roman and Arabic
    ("Quý I năm 2026", REF, D(2026, 3, 31), "once"),
    ("quý I/2026", REF, D(2026, 3, 31), "once"),
    ("Quý 1/2026", REF, D(2026, 3, 31), "once"),
    ("Quý 2 năm 2026", REF, D(2026, 6, 30), "once"),
    ("Quý III/2026", REF, D(2026, 9, 30), "once"),
    ("Trong quý IV/2025", REF, D(2025, 12, 31), "once"),
    ("Quý IV năm 2026", REF, D(2026, 12, 31), "once"),
    ("cuối quý II/2026", REF, D(2026, 6, 30), "once"),
    ("Quý II - III/2026", REF, D(2026, 9, 30), "once"),
    ("Quý I và Quý II năm 2026", REF, D(2026, 6, 30), "once"),
    ("Quý IV", REF, D(2026, 12, 31), "once"),
    # -- part of a year
    ("6 tháng đầu năm 2026", REF, D(2026, 6, 30), "once"),
    ("6 tháng cuối năm 2026", REF, D(2026, 12, 31), "once"),
    ("9 tháng đầu năm 2026", REF, D(2026, 9, 30), "once"),
    ("9 tháng năm 2026", REF, D(2026, 9, 30), "once"),
    ("9 tháng", REF, D(2026, 9, 30), "once"),
    ("6 tháng đầu năm", REF, D(2026, 6, 30), "once"),
    ("giữa năm 2026", REF, D(2026, 6, 30), "once"),
    # "đầu năm" is the first quarter to an office that must put a date on it
    ("đầu năm 2026", REF, D(2026, 3, 31), "once"),
    # -- a year, a span of years
    ("năm 2025", REF, D(2025, 12, 31), "once"),
    ("Năm 2026", REF, D(2026, 12, 31), "once"),
    ("2026", REF, D(2026, 12, 31), "once"),
    ("cuối năm 2025", REF, D(2025, 12, 31), "once"),
    ("Hoàn thành trong năm 2026", REF, D(2026, 12, 31), "once"),
    ("đến hết năm 2026", REF, D(2026, 12, 31), "once"),
    ("đến năm 2030", REF, D(2030, 12, 31), "once"),
    ("Từ nay đến năm 2030", REF, D(2030, 12, 31), "once"),
    ("trước năm 2027", REF, D(2026, 12, 31), "once"),
    ("giai đoạn 2026-2030", REF, D(2030, 12, 31), "once"),
    ("2026 - 2030", REF, D(2030, 12, 31), "once"),
    ("Giai đoạn 2026 – 2030", REF, D(2030, 12, 31), "once"),
    ("Năm 2025 - 2026", REF, D(2026, 12, 31), "once"),
    ("2025-2026", REF, D(2026, 12, 31), "once"),
    # -- recurring. A bare cadence carries no date: the status rule supplies the period's
    # end (31/12 for a yearly task), as the parser already did; a yearly day or period
    # gives that day in the document's year, the day and month it falls due each year.
    ("năm 2026 và các năm tiếp theo", REF, D(2026, 12, 31), "annual"),
    ("Năm 2026 và những năm tiếp theo", REF, D(2026, 12, 31), "annual"),
    ("hằng năm", REF, None, "annual"),
    ("Hàng năm", REF, None, "annual"),
    ("Định kỳ hằng năm", REF, None, "annual"),
    ("trước ngày 15 tháng 12 hằng năm", REF, D(2026, 12, 15), "annual"),
    ("Hằng năm, trước ngày 15/12", REF, D(2026, 12, 15), "annual"),
    ("Trước 30/6 hằng năm", REF, D(2026, 6, 30), "annual"),
    ("Tháng 12 hằng năm", REF, D(2026, 12, 31), "annual"),
    ("Quý IV hằng năm", REF, D(2026, 12, 31), "annual"),
    # Six-monthly has no recurrence of its own: annual is the period that holds both
    # reports and never marks a task overdue for a quarter that owes nothing.
    ("định kỳ 6 tháng", REF, None, "annual"),
    ("Định kỳ 6 tháng, hằng năm", REF, None, "annual"),
    ("Hằng quý", REF, None, "quarterly"),
    ("Định kỳ hằng quý", REF, None, "quarterly"),
    ("định kỳ hằng quý, trước ngày 20 tháng cuối quý", REF, None, "quarterly"),
    ("Trước ngày 20 tháng cuối quý", REF, None, "quarterly"),
    ("Hằng tháng", REF, None, "monthly"),
    ("định kỳ hàng tháng", REF, None, "monthly"),
    ("trước ngày 25 hằng tháng", REF, None, "monthly"),
    ("Thường xuyên", REF, None, "continuous"),
    ("thường xuyên, liên tục", REF, None, "continuous"),
    ("Thường xuyên hằng năm", REF, None, "continuous"),
    # -- no absolute date: nothing to put on a calendar
    ("kịp thời", REF, None, "once"),
    ("ngay sau khi Nghị quyết được ban hành", REF, None, "once"),
    ("Sau khi Đề án được phê duyệt", REF, None, "once"),
    ("trong vòng 30 ngày kể từ ngày nhận được văn bản", REF, None, "once"),
    ("Theo tiến độ dự án", REF, None, "once"),
    ("Từ ngày 01/7/2026", REF, None, "once"),
    # counted from the document's own signing: the document's date is that day
    ("trong vòng 30 ngày kể từ ngày ký", REF, D(2026, 2, 14), "once"),
    ("Trong thời hạn 15 ngày kể từ ngày ban hành Kế hoạch này", REF, D(2026, 1, 30), "once"),
    # -- headings and labelled table cells
    ("THỜI GIAN HOÀN THÀNH: TRƯỚC NGÀY 30/6/2026", REF, D(2026, 6, 30), "once"),
    ("Thời gian hoàn thành: Quý II/2026", REF, D(2026, 6, 30), "once"),
    ("Thời gian thực hiện: Năm 2026", REF, D(2026, 12, 31), "once"),
    ("QUÝ IV/2026", REF, D(2026, 12, 31), "once"),
    ("THƯỜNG XUYÊN", REF, None, "continuous"),
    ("Thời hạn: tháng 10/2026", REF, D(2026, 10, 31), "once"),
    ("Quý IV/2026\n(báo cáo kết quả)", REF, D(2026, 12, 31), "once"),
    # -- typed without diacritics
    ("truoc ngay 15/3/2026", REF, D(2026, 3, 15), "once"),
    ("Quy IV/2026", REF, D(2026, 12, 31), "once"),
    ("quy 2 nam 2026", REF, D(2026, 6, 30), "once"),
    ("thang 6/2026", REF, D(2026, 6, 30), "once"),
    ("nam 2026", REF, D(2026, 12, 31), "once"),
    ("giai doan 2026-2030", REF, D(2030, 12, 31), "once"),
    ("6 thang dau nam 2026", REF, D(2026, 6, 30), "once"),
    ("thuong xuyen", REF, None, "continuous"),
    ("hang nam", REF, None, "annual"),
    ("cham nhat ngay 31/3/2026", REF, D(2026, 3, 31), "once"),
]


@pytest.mark.parametrize(("raw", "reference", "due", "recurrence"), CASES,
                         ids=[case[0].replace("\n", " ") for case in CASES])
def test_deadline_phrasing(raw: str, reference: dt.date, due: dt.date | None, recurrence: str) -> None:
    deadline = parse_deadline(raw, reference=reference)
    got = (deadline.due, deadline.recurrence) if deadline else (None, "once")
    assert got == (due, recurrence)


MAY = D(2026, 5, 1)  # a plan signed on 01/05/2026

# Added after review (03/12/2026): the year after the document's, a yearless range of
# months, a day written with "năm", section numbers with dots, and a document without a date.
LATER_CASES: list[tuple[str, dt.date | None, dt.date | None, str]] = [
    # "năm sau / năm tới / năm kế tiếp / năm tiếp theo": the year after the document's
    ("Quý II năm sau", MAY, D(2027, 6, 30), "once"),
    ("tháng 12 năm sau", MAY, D(2027, 12, 31), "once"),
    ("cuối năm sau", MAY, D(2027, 12, 31), "once"),
    ("Trước 31/12 năm sau", MAY, D(2027, 12, 31), "once"),
    ("6 tháng đầu năm sau", MAY, D(2027, 6, 30), "once"),
    ("Quý II năm tới", MAY, D(2027, 6, 30), "once"),
    ("trong năm tới", MAY, D(2027, 12, 31), "once"),
    ("Năm kế tiếp", MAY, D(2027, 12, 31), "once"),
    ("quý I năm tiếp theo", MAY, D(2027, 3, 31), "once"),
    ("Quy II nam sau", MAY, D(2027, 6, 30), "once"),
    # … but "các năm tiếp theo" is a cadence, and "5 năm sau khi …" no date at all
    ("năm 2026 và các năm sau", MAY, D(2026, 12, 31), "annual"),
    ("trong vòng 2 năm sau khi Đề án được phê duyệt", MAY, None, "once"),
    # a yearless range of months ends with its last month, like "tháng 3 - 4/2026"
    ("Tháng 11-12", MAY, D(2026, 12, 31), "once"),
    ("tháng 11 - 12", MAY, D(2026, 12, 31), "once"),
    ("Tháng 3, 4", MAY, D(2027, 4, 30), "once"),
    # a day whose year follows "năm"
    ("30/6 năm 2027", MAY, D(2027, 6, 30), "once"),
    ("trước 30/6 năm 2027", MAY, D(2027, 6, 30), "once"),
    ("Trước ngày 15/3, năm 2027", MAY, D(2027, 3, 15), "once"),
    # dotted section numbers are no dates; a dotted date has its four-digit year
    ("Quý IV/2026 (mục 2.13.1)", MAY, D(2026, 12, 31), "once"),
    ("Quý IV/2026 (mục 2.13.10)", MAY, D(2026, 12, 31), "once"),
    ("Quý III/2026, theo mục 1.2.26 của Kế hoạch", MAY, D(2026, 9, 30), "once"),
    ("theo mục 1.2.26", MAY, None, "once"),
    ("trước ngày 15.3.2027", MAY, D(2027, 3, 15), "once"),
    # a phrase that is nothing but the date (a table's deadline cell) may be dotted and short
    ("15.3.27", MAY, D(2027, 3, 15), "once"),
    # a document without a date: nothing counts from the upload day; the reviewer is asked
    ("trong vòng 30 ngày kể từ ngày ký", None, None, "once"),
    ("Trước ngày 30/6", None, None, "once"),
    ("Tháng 12", None, None, "once"),
    ("Quý IV", None, None, "once"),
    ("6 tháng đầu năm", None, None, "once"),
    ("Quý II năm sau", None, None, "once"),
    ("cuối năm nay", None, None, "once"),
    ("Quý IV/2026", None, D(2026, 12, 31), "once"),
    ("trước 30/6 năm 2027", None, D(2027, 6, 30), "once"),
    ("Trước 30/6 hằng năm", None, None, "annual"),
    ("Thường xuyên", None, None, "continuous"),
]


@pytest.mark.parametrize(("raw", "reference", "due", "recurrence"), LATER_CASES,
                         ids=[f"{case[0]} @{case[1]}" for case in LATER_CASES])
def test_deadline_phrasing_after_review(raw: str, reference: dt.date | None, due: dt.date | None,
                                        recurrence: str) -> None:
    deadline = parse_deadline(raw, reference=reference)
    got = (deadline.due, deadline.recurrence) if deadline else (None, "once")
    assert got == (due, recurrence)


def test_an_undated_document_s_deadline_does_not_depend_on_the_day_it_is_read() -> None:
    """The same undated text read on two days gives the same answer: none, to be asked."""
    from unittest import mock

    for today in (D(2026, 3, 1), D(2026, 9, 1)):
        with mock.patch("theodoi.extraction.deadlines.dt.date", wraps=dt.date) as date:
            date.today.return_value = today
            assert parse_deadline("Trong 30 ngày kể từ ngày ký") is None
            assert parse_deadline("Trước ngày 30/6") is None
