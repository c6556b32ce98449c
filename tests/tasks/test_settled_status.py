"""The stored status equals the rule's after every kind of write and as the days pass.

Screens read `Task.settled_status` (tasks/status.py `with_settled_status`); the rule
(`with_status`) stays the one definition. `check_status` recomputes every task from the
rule: these tests run it after each write of a randomised year of work.

The clock is Django's own `timezone.now`, which `localdate()`, `auto_now` and the
services all read; the tests move it (there is no other clock to move).
"""

import datetime as dt
import random
import threading
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from tests.conftest import agency
from theodoi.core.exceptions import ApplicationError
from theodoi.tasks import services
from theodoi.tasks.counts import count_differences
from theodoi.tasks.involvement import involvement_differences
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.models import Domain, PeriodVerdict, ProgressReport, Recurrence, SettledPeriod, Task
from theodoi.tasks.periods import period_containing, reporting_periods
from theodoi.tasks.status import (
    Status, settle_due, settle_period_verdicts, status_changes_on, status_differences, verdict_differences,
    with_settled_status, with_status,
)

D = dt.date
DOMAINS = Domain.values[:3]  # the dashboard counts per domain too: tasks move between them
CITY = "Ủy ban nhân dân thành phố Hải Phòng"
OTHERS = ["Bộ Y tế", "Bộ Xây dựng", "Bộ Tài chính", "Sở Tài chính thành phố Hải Phòng"]
IMPORT_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
DEADLINE_CELLS = ["Quý IV/2026", "31/03/2026", "Tháng 8/2026", "Hằng năm", "Hằng quý", "Hằng tháng",
                  "Thường xuyên", "30/06/2027", "Năm 2026", ""]


class Clock:
    """Moves Django's clock; `today` is the local date every service and rule sees."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.ticks: dict[dt.date, int] = {}

    def now(self) -> dt.datetime:
        # Distinct, increasing times within the day (ordering, optimistic locking).
        self.ticks[self.today] = tick = self.ticks.get(self.today, 0) + 1
        local = dt.datetime.combine(self.today, dt.time(8)) + dt.timedelta(milliseconds=tick)
        return timezone.make_aware(local).astimezone(dt.UTC)


@pytest.fixture
def clock():
    clock = Clock(D(2026, 1, 1))
    with mock.patch.object(timezone, "now", clock.now):
        yield clock


def assert_settled(today: dt.date) -> None:
    differences, _ = status_differences(today=today)
    assert not differences, differences[:5]


class Year:
    """One office, two officers, a document: random writes of every kind."""

    def __init__(self, rng: random.Random, clock: Clock, document, office, officer, other_officer) -> None:
        self.rng, self.clock, self.document = rng, clock, document
        self.office, self.officers = office, [officer, other_officer]
        self.agencies = [agency(CITY), *(agency(name) for name in OTHERS)]
        self.import_rows: dict[str, list[str]] = {}
        self.done: dict[str, int] = {}

    def pick_task(self, tasks=None) -> Task | None:
        pks = list((tasks if tasks is not None else Task.objects).order_by("pk").values_list("pk", flat=True))
        return Task.objects.get(pk=self.rng.choice(pks)) if pks else None

    def random_fields(self) -> dict:
        rng, today = self.rng, self.clock.today
        recurrence = rng.choice([Recurrence.ONCE] * 3 + list(Recurrence.values))
        due = today + dt.timedelta(days=rng.randint(-60, 200)) if rng.random() < 0.85 else None
        if recurrence == Recurrence.ONCE and rng.random() < 0.15:
            due = today  # due today: on time today, overdue tomorrow
        if rng.random() < 0.05:
            due = D(2024, 2, 29)  # an annual anniversary that some years do not have
        completed = None
        if rng.random() < 0.1:
            completed = today - dt.timedelta(days=rng.randint(0, 30))
        return {"recurrence": recurrence, "due_on": due, "completed_on": completed,
                "lead_agency": rng.choice(self.agencies), "domain": rng.choice(DOMAINS)}

    # --- the writes --------------------------------------------------------------------
    def create(self) -> None:
        services.task_create(actor=self.office, document=self.document, title=f"Nhiệm vụ {self.rng.random():.6f}",
                             coordinating=self.rng.sample(self.agencies, self.rng.randint(0, 2)),
                             **self.random_fields())

    def edit(self) -> None:
        task = self.pick_task()
        if task is None:
            return
        fields = self.random_fields()
        chosen = self.rng.sample(sorted(fields), self.rng.randint(1, 3))
        services.task_update(actor=self.office, task=task, **{k: fields[k] for k in chosen})

    def complete(self) -> None:
        task = self.pick_task()
        if task is not None:
            services.task_update(actor=self.office, task=task,
                                 completed_on=None if task.completed_on else self.clock.today)

    def assign(self) -> None:
        task = self.pick_task()
        if task is not None:
            services.task_update(actor=self.office, task=task,
                                 coordinating=self.rng.sample(self.agencies, self.rng.randint(0, 3)),
                                 co_leads=self.rng.sample(self.agencies, self.rng.randint(0, 1)))

    def delete(self) -> None:
        task = self.pick_task(Task.objects.filter(reports__isnull=True, children__isnull=True))
        if task is not None:
            services.task_delete(actor=self.office, task=task)

    def submit(self, draft: bool = False) -> None:
        task = self.pick_task()
        if task is None:
            return
        period = self.rng.choice(reporting_periods(task.recurrence, self.clock.today, back=2))
        actor = self.rng.choice([self.office, *self.officers])
        if actor is not self.office and not actor.has_perm("tasks.report_on_task", task):
            actor = self.office
        services.report_submit(actor=actor, task=task, period=period, draft=draft,
                               percent_complete=self.rng.choice([20, 50, 100, 100]), narrative="Đã thực hiện.")

    def draft(self) -> None:
        self.submit(draft=True)

    def _awaiting(self) -> ProgressReport | None:
        pks = list(ProgressReport.objects.filter(state=ProgressReport.State.SUBMITTED).order_by("pk")
                   .values_list("pk", flat=True))
        return ProgressReport.objects.get(pk=self.rng.choice(pks)) if pks else None

    def accept(self) -> None:
        report = self._awaiting()
        if report is not None:
            services.report_accept(actor=self.office, report=report)

    def return_(self) -> None:
        report = self._awaiting()
        if report is not None:
            services.report_return(actor=self.office, report=report, reason="Bổ sung số liệu.")

    def import_(self) -> None:
        """A revised table: some rows changed, some new; the importer updates by STT."""
        for _ in range(self.rng.randint(1, 4)):
            stt = str(self.rng.randint(1, 12))
            lead = self.rng.choice(self.agencies).name
            self.import_rows[stt] = [stt, f"Việc nhập số {stt}", lead, "",
                                     self.rng.choice(DEADLINE_CELLS)]
        rows = [IMPORT_HEADER, *self.import_rows.values()]
        import_task_rows(actor=self.office, document=self.document, rows=rows, source_name="phu-luc.xlsx")

    def comment(self) -> None:
        task = self.pick_task()
        if task is not None:
            services.comment_add(actor=self.office, task=task, body="Đề nghị đẩy nhanh tiến độ.")

    WRITES = ["create", "create", "edit", "complete", "assign", "delete", "submit", "submit", "submit",
              "draft", "accept", "accept", "return_", "import_", "comment"]

    def step(self) -> str:
        kind = self.rng.choice(self.WRITES)
        try:
            getattr(self, kind)()
        except ApplicationError:
            pass  # refused writes (accepted report, task with reports...) are part of real use
        self.done[kind] = self.done.get(kind, 0) + 1
        return kind


# The simulated year, in two overlapping halves that run side by side (`make test` runs a
# worker per core; one simulation of the whole year was the suite's critical path). Each
# starts on an empty database and writes until its last day; the second starts in June so
# that its quarterly tasks already existed when Quý III began, and Quý III is owed in Quý IV.
HALVES = {
    "first half: Quý I and II, 2025 ranked": (7, D(2026, 1, 1), D(2026, 7, 20)),
    "second half: Quý III and IV, the new year": (8, D(2026, 6, 1), D(2027, 1, 20)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("half", list(HALVES))
def test_a_random_year_of_writes_leaves_no_difference(clock, document, office, officer, other_officer, half):
    seed, clock.today, last_day = HALVES[half]
    rng = random.Random(seed)
    year = Year(rng, clock, document, office, officer, other_officer)
    reads = writes = 0
    while clock.today < last_day:
        # Most writes on the same day as the one before, sometimes a day or two pass.
        clock.today += dt.timedelta(days=rng.choice([0, 0, 0, 0, 0, 0, 1, 1, 2]))
        kind = year.step()
        n, writes = writes, writes + 1
        differences, _ = status_differences(today=clock.today)
        assert not differences, f"write {n} ({kind}) on {clock.today}: {differences[:5]}"
        assert count_differences() == [], f"write {n} ({kind}): the dashboard's counts drifted"
        assert involvement_differences() == [], f"write {n} ({kind}): the agencies' involvements drifted"
        # Every stored period recomputed from the rule after every write, not only after a read:
        # a write that left a verdict wrong is named here, whichever task it was.
        assert verdict_differences(today=clock.today) == [], f"write {n} ({kind}): a stored verdict drifted"
        if rng.random() < 0.3:  # someone opens a page: what is due is settled, then all must agree
            settle_due(today=clock.today)
            # The ranking of last quarter or last year: stored once, then kept by the writes.
            ranked = period_containing(rng.choice(["quarter", "year"]), clock.today).previous()
            settle_period_verdicts(ranked, today=clock.today)
            assert verdict_differences(today=clock.today) == [], f"write {n} ({kind}): a stored verdict drifted"
            reads += 1
            assert status_differences(today=clock.today) == ([], 0)
            assert count_differences() == []
    assert writes >= 400 and reads >= 100, (writes, reads)
    stored_periods = SettledPeriod.objects.count()
    assert PeriodVerdict.objects.exists()
    assert set(year.done) == set(Year.WRITES)
    statuses = set(Task.objects.values_list("settled_status", flat=True))
    assert {Status.OPEN_OVERDUE, Status.OPEN_ON_TIME} <= statuses and len(statuses) >= 3
    assert ProgressReport.objects.filter(state=ProgressReport.State.ACCEPTED).exists()
    # Across a year boundary with nobody reading: one settle makes it agree again.
    clock.today = D(clock.today.year + 1, 1, 2)
    differences, pending = status_differences(today=clock.today)
    assert not differences and pending > 0
    call_command("settle_status")
    call_command("check_status")
    assert stored_periods >= 3, "the half should have stored the rankings of several closed periods"


@pytest.mark.django_db
def test_screens_read_the_same_status_as_the_rule(clock, document, office):
    clock.today = D(2026, 11, 23)
    for recurrence in Recurrence.values:
        services.task_create(actor=office, document=document, title=recurrence, recurrence=recurrence,
                             due_on=D(2026, 11, 23), lead_agency=agency(CITY))
    for today in [D(2026, 11, 23), D(2026, 11, 24), D(2026, 12, 1), D(2027, 1, 1), D(2027, 11, 24)]:
        clock.today = today
        stored = {t.pk: (t.status, t.status_reason) for t in with_settled_status(Task.objects.all())}
        rule = {t.pk: (t.status, t.status_reason) for t in with_status(Task.objects.all())}
        assert stored == rule, today


@pytest.mark.django_db
def test_check_status_reports_a_write_that_bypassed_the_services(clock, document, office, capsys):
    clock.today = D(2026, 11, 23)
    task = services.task_create(actor=office, document=document, title="Báo cáo quý",
                                recurrence=Recurrence.QUARTERLY, lead_agency=agency(CITY))
    call_command("check_status")
    # A report written straight into the table: the stored status did not see it.
    ProgressReport.objects.create(task=task, agency=task.lead_agency, period_start=D(2026, 10, 1),
                                  period_end=D(2026, 12, 31), percent_complete=50, narrative="x",
                                  submitted_at=timezone.now())
    with pytest.raises(CommandError, match="1 nhiệm vụ"):
        call_command("check_status")
    assert f"nhiệm vụ {task.pk}" in capsys.readouterr().out
    call_command("settle_status", "--all")
    call_command("check_status")


@pytest.mark.django_db
def test_a_task_saved_outside_the_services_is_settled_by_the_next_read(clock, document):
    clock.today = D(2026, 11, 23)
    task = Task.objects.create(document=document, title="Nạp thẳng", due_on=D(2026, 11, 1))
    assert with_settled_status(Task.objects.filter(pk=task.pk)).get().status == Status.OPEN_OVERDUE
    task.completed_on = D(2026, 11, 20)
    task.save()
    assert with_settled_status(Task.objects.filter(pk=task.pk)).get().status == Status.DONE_LATE


@pytest.mark.parametrize("recurrence, due_on, today, expected", [
    (Recurrence.ONCE, D(2026, 11, 23), D(2026, 11, 23), D(2026, 11, 24)),  # overdue tomorrow
    (Recurrence.ONCE, D(2026, 11, 22), D(2026, 11, 23), None),  # already overdue: only a write changes it
    (Recurrence.ONCE, None, D(2026, 11, 23), None),
    (Recurrence.MONTHLY, None, D(2026, 11, 23), D(2026, 12, 1)),
    (Recurrence.QUARTERLY, None, D(2026, 11, 23), D(2027, 1, 1)),
    (Recurrence.CONTINUOUS, None, D(2026, 2, 3), D(2026, 4, 1)),
    (Recurrence.ANNUAL, None, D(2026, 11, 23), D(2027, 1, 1)),
    (Recurrence.ANNUAL, D(2025, 12, 15), D(2026, 11, 23), D(2026, 12, 16)),
    (Recurrence.ANNUAL, D(2025, 3, 15), D(2026, 11, 23), D(2027, 1, 1)),  # passed this year
    (Recurrence.ANNUAL, D(2024, 2, 29), D(2027, 1, 5), D(2027, 3, 1)),  # no 29/02 in 2027
    (Recurrence.ANNUAL, D(2024, 2, 29), D(2028, 1, 5), D(2028, 3, 1)),
    (Recurrence.ANNUAL, D(2025, 12, 31), D(2026, 5, 1), D(2027, 1, 1)),
])
def test_the_day_the_status_next_changes(recurrence, due_on, today, expected):
    assert status_changes_on(recurrence=recurrence, due_on=due_on, completed_on=None, today=today) == expected


def test_a_completed_task_never_changes_by_time_alone():
    assert status_changes_on(recurrence=Recurrence.MONTHLY, due_on=None, completed_on=D(2026, 1, 5),
                             today=D(2026, 11, 23)) is None


@pytest.mark.django_db
def test_the_daily_job_settles_what_the_new_day_changed(clock, document, office):
    from theodoi.tasks.jobs import settle_statuses

    clock.today = D(2026, 11, 23)
    task = services.task_create(actor=office, document=document, title="Hạn hôm nay", due_on=clock.today)
    clock.today = D(2026, 11, 24)
    assert Task.objects.get(pk=task.pk).settled_status == Status.OPEN_ON_TIME
    assert settle_statuses.call() == 1  # what the worker runs
    assert Task.objects.get(pk=task.pk).settled_status == Status.OPEN_OVERDUE
    assert status_differences() == ([], 0)


@pytest.mark.django_db(transaction=True)
def test_a_read_settles_around_a_writer_holding_a_due_task_instead_of_queueing():
    """The first page of a new day settles what is due; a task a writer holds (an import, a
    report being filed) is left to the next read instead of the page waiting for the writer,
    or deadlocking with one that locks tasks out of order."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: runs when the suite runs on PostgreSQL; SQLite serialises writers at BEGIN")
    from theodoi.documents.models import Document
    from theodoi.tasks.status import settle

    document = Document.objects.create(kind="ke-hoach", number="9/KH-UBND", title="Kế hoạch", text="…")
    held, free = (Task.objects.create(document=document, title=title, due_on=D(2026, 11, 23))
                  for title in ("Đang có người ghi", "Không ai giữ"))
    settle([held.pk, free.pk], today=D(2026, 11, 23))
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                Task.objects.select_for_update().get(pk=held.pk)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # waiting for the writer would fail here
        assert settle_due(today=D(2026, 11, 24)) == 1
        statuses = dict(Task.objects.values_list("title", "settled_status"))
        assert statuses == {"Đang có người ghi": Status.OPEN_ON_TIME, "Không ai giữ": Status.OPEN_OVERDUE}
    finally:
        release.set()
        thread.join()
    assert settle_due(today=D(2026, 11, 24)) == 1  # the next read, once the writer is done
    assert Task.objects.get(pk=held.pk).settled_status == Status.OPEN_OVERDUE
