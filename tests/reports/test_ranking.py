"""The agencies' ranking, on hand-built cases whose every number is worked out by hand.

Today is 15/01/2026 (Quý I/2026); the ranked period is Quý IV/2025 unless said otherwise.
"""

import datetime as dt

import pytest
from django.utils import timezone

from theodoi.reports.periods import parse_period
from theodoi.reports.selectors import ranking, ranking_tasks
from theodoi.core.exceptions import ApplicationError
from theodoi.tasks.models import ProgressReport, Recurrence, Task
from theodoi.tasks.periods import period_containing, period_from_key
from theodoi.tasks.status import Status, with_status
from tests.tasks.factories import DocumentFactory, ReportFactory, TaskFactory, agency

TODAY = dt.date(2026, 1, 15)
Q4 = period_from_key("2025-Q4")
BTC, BKHDT, BXD = "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Bộ Xây dựng"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def task(title: str, lead: str, *, due: dt.date | None, recurrence: str = Recurrence.ONCE,
         completed: dt.date | None = None, created: dt.date = dt.date(2025, 1, 20), document=None) -> Task:
    made = TaskFactory(title=title, lead_agency=agency(lead), due_on=due, recurrence=recurrence,
                       completed_on=completed, **({"document": document} if document else {}))
    Task.objects.filter(pk=made.pk).update(created_at=at(created))
    return made


def report(on: Task, period_key: str, submitted: dt.date, state: str = ProgressReport.State.SUBMITTED) -> None:
    kind_key = period_from_key(period_key)
    ReportFactory(task=on, agency=on.lead_agency, period_start=kind_key.start, period_end=kind_key.end,
                  submitted_at=at(submitted), state=state)


@pytest.fixture
def cases(db):
    document = DocumentFactory()
    made = {
        # One-off tasks: the stored status answers.
        "on_time": task("Một lần, xong đúng hạn", BTC, due=dt.date(2025, 11, 30), completed=dt.date(2025, 11, 20)),
        "late": task("Một lần, xong sau hạn (cơ quan cũ)", BKHDT, due=dt.date(2025, 12, 15),
                     completed=dt.date(2026, 1, 5)),
        "last_day": task("Hạn đúng ngày cuối quý", BKHDT, due=dt.date(2025, 12, 31)),
        "next_quarter": task("Hạn ngày đầu quý sau", BTC, due=dt.date(2026, 1, 1)),
        "previous_quarter": task("Hạn quý trước", BTC, due=dt.date(2025, 9, 30)),
        # Quarterly tasks: the quarter's report decides.
        "q_on_time": task("Hằng quý, báo cáo đúng hạn", BXD, due=None, recurrence=Recurrence.QUARTERLY),
        "q_late": task("Hằng quý, báo cáo muộn", BXD, due=None, recurrence=Recurrence.QUARTERLY),
        "q_missing": task("Hằng quý, chưa báo cáo", BXD, due=None, recurrence=Recurrence.QUARTERLY),
        "q_returned": task("Hằng quý, báo cáo bị trả lại", BXD, due=None, recurrence=Recurrence.QUARTERLY),
        "q_new": task("Hằng quý, giao giữa quý", BXD, due=None, recurrence=Recurrence.QUARTERLY,
                      created=dt.date(2025, 11, 1)),
        # Annual: due on the anniversary; 31/12 without a due date.
        "a_june": task("Hằng năm, hạn 30/6", BXD, due=dt.date(2025, 6, 30), recurrence=Recurrence.ANNUAL),
        "a_year_end": task("Hằng năm, không ghi ngày", BXD, due=None, recurrence=Recurrence.ANNUAL),
        # Monthly: every month of the quarter is owed.
        "m_gap": task("Hằng tháng, thiếu tháng 12", BXD, due=None, recurrence=Recurrence.MONTHLY),
    }
    del document
    report(made["q_on_time"], "2025-Q4", dt.date(2025, 12, 31))
    report(made["q_late"], "2025-Q4", dt.date(2026, 1, 10))
    report(made["q_returned"], "2025-Q4", dt.date(2025, 12, 20), state=ProgressReport.State.RETURNED)
    report(made["a_june"], "2025", dt.date(2025, 7, 2))
    report(made["a_year_end"], "2025", dt.date(2025, 12, 31))
    report(made["m_gap"], "2025-M10", dt.date(2025, 10, 31))
    report(made["m_gap"], "2025-M11", dt.date(2025, 11, 30))
    return made


def rows_by_name(result) -> dict[str, object]:
    return {(row.agency.name if row.agency else None): row for row in result.rows}


def test_quarter_by_hand(cases, office):
    result = ranking(user=office, period=Q4, today=TODAY)
    rows = rows_by_name(result)
    # Bộ Kế hoạch và Đầu tư merged into Bộ Tài chính: its tasks are counted there, named.
    assert BKHDT not in rows
    finance = rows[BTC]
    assert [a.name for a in finance.predecessors] == [BKHDT]
    assert finance.counts == {Status.DONE_ON_TIME: 1, Status.DONE_LATE: 1, Status.OPEN_ON_TIME: 0,
                              Status.OPEN_OVERDUE: 1}
    assert finance.due == 3 and finance.percent == "33,3"
    # Quarterly on time, annual by 31/12 on time; quarterly late; quarterly missing,
    # returned (does not count) and a month missing are overdue; the task given mid-quarter
    # owed nothing for it; the June anniversary is not in this quarter.
    construction = rows[BXD]
    assert construction.counts == {Status.DONE_ON_TIME: 2, Status.DONE_LATE: 1, Status.OPEN_ON_TIME: 0,
                                   Status.OPEN_OVERDUE: 3}
    assert construction.predecessors == []
    assert result.total.due == 9
    # Sorted by on-time rate, best first; equal rates (1/3 and 2/6): more tasks first.
    assert construction.percent == "33,3"
    assert [r.agency.name for r in result.rows] == [BXD, BTC]


def test_year_counts_the_anniversary_and_every_quarter(cases, office):
    result = ranking(user=office, period=period_from_key("2025"), today=TODAY)
    rows = rows_by_name(result)
    # The year adds the 30/09 task (Q3) and the June anniversary, reported two days late;
    # a quarterly task given on 20/01 owes Q2–Q4 (it reported only Q4): overdue for the
    # year; the one given on 01/11 owed no quarter that began after it: not counted.
    assert rows[BTC].counts[Status.OPEN_OVERDUE] == 2
    assert rows[BTC].due == 4
    assert rows[BXD].counts == {Status.DONE_ON_TIME: 1, Status.DONE_LATE: 1, Status.OPEN_ON_TIME: 0,
                                Status.OPEN_OVERDUE: 5}


def test_current_quarter_is_not_yet_overdue(cases, office):
    result = ranking(user=office, period=period_containing("quarter", TODAY), today=TODAY)
    rows = rows_by_name(result)
    # 01/01/2026 falls in this quarter, not the last (the period boundary); open and past it.
    assert rows[BTC].counts == {Status.DONE_ON_TIME: 0, Status.DONE_LATE: 0, Status.OPEN_ON_TIME: 0,
                                Status.OPEN_OVERDUE: 1}
    assert rows[BTC].rate == 0 and rows[BTC].percent == "0"
    # Five quarterly tasks (the one given on 01/11 too, now) owe this quarter's report at
    # its end, the monthly one January's on 31/01: not yet due.
    assert rows[BXD].counts[Status.OPEN_ON_TIME] == 6
    assert rows[BXD].counts[Status.OPEN_OVERDUE] == 0


def test_one_off_tasks_read_the_one_status_rule(cases, office):
    """For one-off tasks the verdict is the stored status, which is the rule's answer."""
    drilled = ranking_tasks(user=office, period=Q4, today=TODAY)
    one_off = {t.pk: t.verdict for t in drilled if t.recurrence == Recurrence.ONCE}
    rule = dict(with_status(Task.objects.filter(pk__in=one_off), today=TODAY).values_list("pk", "status"))
    assert one_off == rule and len(one_off) == 3


def test_every_number_is_its_drill_down(cases, office):
    result = ranking(user=office, period=Q4, today=TODAY)
    for row in result.rows:
        for status, n in row.counts.items():
            listed = ranking_tasks(user=office, period=Q4, agency=row.key, status=status, today=TODAY)
            assert listed.count() == n, (row.agency, status)
    titles = set(ranking_tasks(user=office, period=Q4, agency=str(agency(BTC).pk), status=Status.DONE_LATE,
                               today=TODAY).values_list("title", flat=True))
    assert titles == {"Một lần, xong sau hạn (cơ quan cũ)"}


def test_sorting(cases, office):
    by_name = ranking(user=office, period=Q4, sort="agency", today=TODAY)
    assert [r.agency.name for r in by_name.rows] == [BTC, BXD]
    by_overdue = ranking(user=office, period=Q4, sort="-open_overdue", today=TODAY)
    assert [r.agency.name for r in by_overdue.rows] == [BXD, BTC]


def test_period_parsing():
    assert parse_period("2025-Q4", today=TODAY) == Q4
    assert parse_period("", today=TODAY) == period_containing("quarter", TODAY)
    for bad in ("2025-Q5", "2025-M03", "abc", "99999"):
        with pytest.raises(ApplicationError, match="không hợp lệ"):
            parse_period(bad, today=TODAY)


def test_pages(cases, office, client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    client.force_login(office)
    page = client.get("/tong-hop/xep-hang/?period=2025-Q4")
    html = page.content.decode()
    assert page.status_code == 200
    assert "gồm nhiệm vụ của" in html and BKHDT in html and "33,3%" in html
    finance = agency(BTC).pk
    drill = client.get(f"/tong-hop/xep-hang/nhiem-vu/?period=2025-Q4&agency={finance}&status=done_late")
    assert drill.status_code == 200
    assert "Một lần, xong sau hạn (cơ quan cũ)" in drill.content.decode()
    assert "Hạn đúng ngày cuối quý" not in drill.content.decode()
    bad = client.get("/tong-hop/xep-hang/?period=2025-Q9")
    assert bad.status_code == 200 and "không hợp lệ" in bad.content.decode()
    assert client.get("/tong-hop/xep-hang/nhiem-vu/?agency=abc&status=zzz").status_code == 200


def test_anonymous_is_sent_to_login(client, db):
    assert client.get("/tong-hop/xep-hang/").status_code == 302


def test_petitions_column_counts_the_petitions_falling_due_in_the_period(cases, office, client, monkeypatch):
    from theodoi.petitions import services as petitions
    from theodoi.petitions.models import Category, Petition

    def assigned(title: str, due: dt.date, answered: dt.date | None = None) -> Petition:
        petition = petitions.petition_submit(category=Category.objects.get(code="giao-thong"), title=title,
                                             text="Mặt đường có ổ gà sâu.")
        petition = petitions.petition_assign(petition=petition, agency=agency(BXD), actor=office)
        if answered:
            petitions.petition_answer(petition=petition, actor=office, answer="Đã sửa.")
            Petition.objects.filter(pk=petition.pk).update(answered_on=answered)
        Petition.objects.filter(pk=petition.pk).update(due_on=due)
        return petition

    assigned("đúng hạn", dt.date(2025, 11, 20), answered=dt.date(2025, 11, 18))
    assigned("trễ hạn", dt.date(2025, 12, 1), answered=dt.date(2025, 12, 5))
    assigned("quá hạn", dt.date(2025, 12, 20))
    assigned("hạn kỳ sau", dt.date(2026, 1, 10))  # due in Quý I/2026: not this period's
    result = ranking(user=office, period=Q4, today=TODAY)
    row = rows_by_name(result)[BXD]
    assert (row.petitions.on_time, row.petitions.late, row.petitions.overdue) == (1, 1, 1)
    assert (result.total.petitions.on_time, result.total.petitions.late, result.total.petitions.overdue) == (1, 1, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    client.force_login(office)
    html = client.get("/tong-hop/xep-hang/?period=2025-Q4").content.decode()
    assert "Kiến nghị quá hạn" in html and f"?agency={agency(BXD).pk}&amp;overdue=on" in html
