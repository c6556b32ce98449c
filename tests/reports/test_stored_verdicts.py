"""The ranking of a closed period reads stored verdicts: it must show what the rule shows.

A randomised programme (every recurrence, deadlines and creation dates over three years,
reports on time, late, returned, drafts; completed tasks; a merged body) is ranked for
every stored period twice: from the stored verdicts, and by evaluating the rule per request
as the page did before they were stored. The pages must be the same HTML. Writes of every
kind must keep the stored verdicts equal to the rule (`check_status` recomputes them).
"""

import datetime as dt
import difflib
import random
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.tasks.factories import DocumentFactory, ReportFactory, TaskFactory, agency
from theodoi.reports import selectors
from theodoi.tasks import services
from theodoi.tasks.models import PeriodVerdict, ProgressReport, Recurrence, SettledPeriod, Task
from theodoi.tasks.periods import cadence_for, period_containing, period_from_key
from theodoi.tasks.status import (
    period_verdict, settle_all, settle_period_verdicts, verdict_differences, verdicts_stored_for, with_due_day,
)

D = dt.date
TODAY = D(2026, 5, 20)  # Quý II/2026: 2024-Q1 … 2026-Q1, 2024 and 2025 are closed and stored
LEADS = ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư", "Bộ Xây dựng", "Bộ Y tế",
         "Ủy ban nhân dân thành phố Hải Phòng"]
STORED = [period_from_key(k) for k in ("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2",
                                       "2025-Q3", "2025-Q4", "2026-Q1", "2024", "2025")]
COMPARED = [period_from_key(k) for k in ("2025-Q3", "2025-Q4", "2026-Q1", "2025")]
STATES = [ProgressReport.State.SUBMITTED, ProgressReport.State.ACCEPTED, ProgressReport.State.ACCEPTED,
          ProgressReport.State.RETURNED, ProgressReport.State.DRAFT]


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def random_programme(rng: random.Random, n: int = 120) -> None:
    document = DocumentFactory()
    leads = [agency(name) for name in LEADS]
    for i in range(n):
        recurrence = rng.choice(Recurrence.values)
        created = D(2023, 6, 1) + dt.timedelta(days=rng.randint(0, 1000))
        due = D(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900)) if rng.random() < 0.85 else None
        if rng.random() < 0.1 and due is not None:
            due = period_containing("quarter", due).end  # due on a period's last day
        completed = None
        if rng.random() < 0.3:
            completed = min((due or created) + dt.timedelta(days=rng.randint(-30, 90)), TODAY)
        made = TaskFactory(document=document, title=f"Nhiệm vụ ngẫu nhiên {i}", recurrence=recurrence,
                           due_on=due, completed_on=completed, lead_agency=rng.choice(leads + [None]))
        Task.objects.filter(pk=made.pk).update(created_at=at(created))
        if made.lead_agency is None:
            continue
        period = period_containing(cadence_for(recurrence), D(2024, 1, 1))
        while period.start <= TODAY:
            if rng.random() < 0.6:
                submitted = min(period.end + dt.timedelta(days=rng.randint(-20, 40)), TODAY)
                ReportFactory(task=made, period_start=period.start, period_end=period.end,
                              state=rng.choice(STATES), submitted_at=at(submitted, rng.choice([0, 10, 23])))
            period = period.next()
    settle_all(today=TODAY)


def live_verdicts(period, today: dt.date = TODAY) -> dict[int, str]:
    """The rule evaluated per request, as the ranking did before verdicts were stored."""
    due, verdict = period_verdict(period, today=today)
    return dict(with_due_day(Task.objects.all()).filter(due).annotate(verdict=verdict).values_list("pk", "verdict"))


def pages(client, period) -> dict[str, str]:
    """The ranking page and every drill-down list of the period, as HTML."""
    urls = [f"/tong-hop/xep-hang/?period={period.key}", f"/tong-hop/xep-hang/?period={period.key}&sort=agency",
            f"/tong-hop/xep-hang/nhiem-vu/?period={period.key}"]
    for status in ("done_on_time", "done_late", "open_on_time", "open_overdue"):
        urls.append(f"/tong-hop/xep-hang/nhiem-vu/?period={period.key}&status={status}")
    # Bộ Tài chính answers for Bộ Kế hoạch và Đầu tư, merged into it; tasks without a lead.
    urls += [f"/tong-hop/xep-hang/nhiem-vu/?period={period.key}&status=open_overdue&agency={agency(LEADS[0]).pk}",
             f"/tong-hop/xep-hang/nhiem-vu/?period={period.key}&agency=none"]
    result = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # Each render masks the CSRF token anew: not part of what the page shows.
        result[url] = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]*', r"\1", response.content.decode())
    return result


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


@pytest.mark.parametrize("seed", [1])
def test_stored_verdicts_show_exactly_what_the_rule_shows(db, office, client, today, monkeypatch, seed):
    random_programme(random.Random(seed))
    client.force_login(office)
    assert all(verdicts_stored_for(p, today=TODAY) for p in STORED)
    for period in COMPARED:
        stored = pages(client, period)
        assert SettledPeriod.objects.filter(period=period.key).exists()
        assert dict(PeriodVerdict.objects.filter(period=period.key).values_list("task_id", "verdict")) \
            == live_verdicts(period)
        with monkeypatch.context() as live:
            live.setattr(selectors, "settle_period_verdicts", lambda *a, **k: False)
            for url, html in pages(client, period).items():
                assert html == stored[url], "\n".join(difflib.unified_diff(
                    html.splitlines(), stored[url].splitlines(), "rule", "stored", n=1, lineterm=""))
    # Something was judged every way a closed period can be (nothing owed in it is still
    # within its deadline), so the comparison above compared something.
    verdicts = set(PeriodVerdict.objects.values_list("verdict", flat=True))
    assert verdicts == {"done_on_time", "done_late", "open_overdue"}
    assert verdict_differences(today=TODAY) == []


def test_a_closed_period_verdict_no_longer_depends_on_the_day(db):
    """Why storing is sound: once a period has ended, only a write changes its verdicts."""
    random_programme(random.Random(3))
    before = {p.key: live_verdicts(p) for p in STORED}
    for later in (TODAY + dt.timedelta(days=1), D(2026, 7, 1), D(2027, 1, 1), D(2028, 2, 29)):
        settle_all(today=later)
        assert {p.key: live_verdicts(p, later) for p in STORED} == before, later


def test_open_and_old_periods_are_not_stored(db):
    assert not verdicts_stored_for(period_from_key("2026-Q2"), today=TODAY)  # current quarter
    assert not verdicts_stored_for(period_from_key("2026"), today=TODAY)  # current year
    assert not verdicts_stored_for(period_from_key("2023-Q4"), today=TODAY)  # not in the menu
    assert not verdicts_stored_for(period_from_key("2026-M01"), today=TODAY)  # months are not ranked
    assert not settle_period_verdicts(period_from_key("2026-Q2"), today=TODAY)
    assert not SettledPeriod.objects.exists()


def test_writes_of_every_kind_keep_the_stored_verdicts(db, office, today):
    random_programme(random.Random(4), n=60)
    kept = [period_from_key(k) for k in ("2025-Q3", "2025-Q4", "2026-Q1", "2025")]
    for period in kept:
        settle_period_verdicts(period, today=TODAY)
    rng = random.Random(5)
    tasks = list(Task.objects.order_by("pk"))
    leads = [agency(name) for name in LEADS]
    writes = 0
    for task in tasks[:25]:
        task.refresh_from_db()
        kind = rng.choice(["due", "complete", "recurrence", "lead", "report", "review", "delete"])
        if kind == "due":
            services.task_update(actor=office, task=task, due_on=D(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900)))
        elif kind == "complete":
            services.task_update(actor=office, task=task, completed_on=None if task.completed_on else TODAY)
        elif kind == "recurrence":
            services.task_update(actor=office, task=task, recurrence=rng.choice(Recurrence.values))
        elif kind == "lead":
            services.task_update(actor=office, task=task, lead_agency=rng.choice(leads))
        elif kind == "report" and task.lead_agency is not None:
            # A late report for a closed period (the form offers the last three).
            period = period_containing(cadence_for(task.recurrence), TODAY).previous()
            if not task.reports.filter(period_start=period.start, agency=task.lead_agency).exists():
                services.report_submit(actor=office, task=task, period=period, percent_complete=80,
                                       narrative="Báo cáo muộn.")
        elif kind == "review":
            report = task.reports.filter(state=ProgressReport.State.SUBMITTED).first()
            if report is not None:
                if rng.random() < 0.5:
                    services.report_return(actor=office, report=report, reason="Bổ sung số liệu.")
                else:
                    services.report_accept(actor=office, report=report)
        elif kind == "delete" and not task.reports.exists() and not task.children.exists():
            services.task_delete(actor=office, task=task)
        writes += 1
        assert verdict_differences(today=TODAY) == [], (writes, kind, task.pk)
    services.task_create(actor=office, document=Task.objects.first().document, title="Việc mới hạn quý trước",
                         due_on=D(2026, 2, 1), lead_agency=leads[0])
    assert verdict_differences(today=TODAY) == []
    assert set(SettledPeriod.objects.values_list("period", flat=True)) == {p.key for p in kept}


def test_check_status_reports_a_verdict_a_write_bypassed(db, today, capsys):
    quarterly = TaskFactory(title="Hằng quý", recurrence=Recurrence.QUARTERLY, due_on=None,
                            lead_agency=agency("Bộ Xây dựng"))
    Task.objects.filter(pk=quarterly.pk).update(created_at=at(D(2025, 1, 20)))
    q4 = period_from_key("2025-Q4")
    ReportFactory(task=quarterly, period_start=q4.start, period_end=q4.end, submitted_at=at(D(2025, 12, 20)))
    settle_all(today=TODAY)
    settle_period_verdicts(q4, today=TODAY)
    assert PeriodVerdict.objects.get(task=quarterly, period=q4.key).verdict == "done_on_time"
    call_command("check_status")
    ProgressReport.objects.filter(task=quarterly).delete()  # behind the services' back
    with pytest.raises(CommandError, match="kết quả trong kỳ"):
        call_command("check_status")
    assert f"nhiệm vụ {quarterly.pk}, kỳ 2025-Q4: đã lưu done_on_time, theo quy tắc open_overdue" \
        in capsys.readouterr().out
    call_command("settle_status", "--all")  # stores nothing now; the next ranking stores again
    settle_period_verdicts(q4, today=TODAY)
    call_command("check_status")


def assert_verdicts_kept(result: dict, n: int) -> None:
    assert result["errors"] == [] and result["outcomes"] == ["ok"] * (n + 3)
    assert result["differences"] == []
    # Every task reported the closed quarter after its end: done, late, whoever came first.
    assert result["stored"] == ["done_late"] * n


def test_reports_filed_while_a_ranking_stores_the_quarter_on_a_sqlite_file(tmp_path):
    from tests.tasks.races import run_in_child

    assert_verdicts_kept(run_in_child("tests.reports.verdict_races", str(tmp_path / "verdicts.sqlite3"), 8), 8)


@pytest.mark.django_db(transaction=True)
def test_reports_filed_while_a_ranking_stores_the_quarter_on_postgresql():
    from tests.reports.verdict_races import scenario
    from tests.tasks.races import on_postgresql

    assert_verdicts_kept(on_postgresql(scenario, 8), 8)


def assert_nothing_stale(result: dict, n: int) -> None:
    assert result["outcomes"] == ["ok"]
    # Each overdue task was marked done on the quarter's last day: late, in the stored quarter too.
    assert result["verdicts_q3"] == ["done_late"] * n
    assert result["verdict_differences"] == []
    # Each quarterly task reported Quý IV in time: on time in Quý I, nothing owed yet.
    assert result["status_differences"] == []
    assert result["statuses"] == ["open_on_time"] * n


def test_a_write_straddling_midnight_leaves_nothing_stale_on_a_sqlite_file(tmp_path):
    from tests.tasks.races import run_in_child

    assert_nothing_stale(run_in_child("tests.reports.midnight_races", str(tmp_path / "midnight.sqlite3"), 2), 2)


@pytest.mark.django_db(transaction=True)
def test_a_write_straddling_midnight_leaves_nothing_stale_on_postgresql():
    from tests.reports.midnight_races import scenario
    from tests.tasks.races import on_postgresql

    assert_nothing_stale(on_postgresql(scenario, 2), 2)


def test_a_write_behind_the_services_settled_by_a_read_is_still_reported(db, today, capsys):
    """No path of the application writes tasks or reports without `settle` (the admin and the
    importer call the services; the demo loader settles after its one bulk update; no data
    migration writes them). A data migration or SQL by hand still could: a read then settles
    the task's status (it is due), but a closed period's stored verdict depends on no day and
    is not settled by reads. `check_status` recomputes every stored period and names it."""
    one_off = TaskFactory(title="Hạn giữa quý", due_on=D(2025, 11, 15), lead_agency=agency("Bộ Y tế"))
    Task.objects.filter(pk=one_off.pk).update(created_at=at(D(2025, 1, 20)))
    q4 = period_from_key("2025-Q4")
    settle_all(today=TODAY)
    settle_period_verdicts(q4, today=TODAY)
    assert PeriodVerdict.objects.get(task=one_off, period=q4.key).verdict == "open_overdue"
    # A data migration marks it done in time, and due to be settled again.
    Task.objects.filter(pk=one_off.pk).update(completed_on=D(2025, 11, 10), status_changes_on=D(2025, 1, 1))
    from theodoi.tasks.status import settle_due, status_differences

    assert settle_due(today=TODAY) == 1  # the next page settles the status...
    assert status_differences(today=TODAY) == ([], 0)
    with pytest.raises(CommandError, match="1 kết quả trong kỳ"):  # ...and the check finds the verdict
        call_command("check_status")
    assert f"nhiệm vụ {one_off.pk}, kỳ 2025-Q4: đã lưu open_overdue, theo quy tắc done_on_time" \
        in capsys.readouterr().out
    call_command("settle_status", "--all")
    settle_period_verdicts(q4, today=TODAY)
    assert PeriodVerdict.objects.get(task=one_off, period=q4.key).verdict == "done_on_time"
    call_command("check_status")
