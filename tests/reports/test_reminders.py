"""Reminders: one digest per agency, escalation to the office, never the same reminder twice."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from theodoi.reports.models import Digest, Reminder
from theodoi.reports.reminders import send_reminders
from theodoi.tasks.models import ProgressReport, Task
from tests.conftest import make_user
from tests.reports.test_ranking import at
from tests.tasks.factories import ReportFactory, TaskFactory, agency

TODAY = dt.date(2026, 3, 10)
BXD, BTC, BKHDT = "Bộ Xây dựng", "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"


@pytest.fixture
def people(db):
    office = make_user("vp", "Văn phòng UBND", "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    office.email = "vanphong@haiphong.gov.vn"
    office.save()
    builders = make_user("bxd", "Cán bộ cơ quan", BXD)
    builders.email = "bxd@example.vn"
    builders.save()
    finance = make_user("btc", "Cán bộ cơ quan", BTC)
    finance.email = "btc@example.vn"
    finance.save()
    return {"office": office, "bxd": builders, "btc": finance}


@pytest.fixture
def tasks(people):
    made = {
        "soon": TaskFactory(title="Trình đề án cảng biển", lead_agency=agency(BXD), due_on=dt.date(2026, 3, 15)),
        "later": TaskFactory(title="Việc còn xa", lead_agency=agency(BXD), due_on=dt.date(2026, 4, 30)),
        "overdue": TaskFactory(title="Quy hoạch đô thị ven biển", lead_agency=agency(BXD), due_on=dt.date(2026, 3, 1)),
        "long_overdue": TaskFactory(title="Cơ chế tài chính đặc thù", lead_agency=agency(BKHDT),
                                    due_on=dt.date(2026, 1, 20)),
        "done": TaskFactory(title="Việc đã xong", lead_agency=agency(BXD), due_on=dt.date(2026, 3, 12),
                            completed_on=dt.date(2026, 3, 1)),
    }
    ReportFactory(task=made["later"], agency=agency(BXD), period_start=dt.date(2026, 1, 1),
                  period_end=dt.date(2026, 3, 31), state=ProgressReport.State.RETURNED,
                  return_reason="Thiếu số liệu giải ngân.", reviewed_at=at(dt.date(2026, 3, 5)))
    return made


def test_one_digest_per_agency_and_an_escalation(tasks, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders(today=TODAY)
    assert (result.digests, result.escalations) == (3, 1)
    by_to = {tuple(m.to): m for m in mail.outbox}
    assert set(by_to) == {("bxd@example.vn",), ("btc@example.vn",), ("vanphong@haiphong.gov.vn",)}
    builders = by_to[("bxd@example.vn",)].body
    assert "SẮP ĐẾN HẠN (1)" in builders and "Trình đề án cảng biển (hạn 15/03/2026)" in builders
    assert "QUÁ HẠN (1)" in builders and "Quy hoạch đô thị ven biển" in builders
    assert "BÁO CÁO BỊ TRẢ LẠI (1)" in builders and "Thiếu số liệu giải ngân." in builders
    assert "Việc còn xa (hạn" not in builders and "Việc đã xong" not in builders
    # Bộ Kế hoạch và Đầu tư merged into Bộ Tài chính, which answers for its task.
    assert "Cơ chế tài chính đặc thù" in by_to[("btc@example.vn",)].body
    # 49 days overdue ≥ 30: the office hears of it; 9 days is not escalated.
    office = by_to[("vanphong@haiphong.gov.vn",)].body
    assert "Cơ chế tài chính đặc thù – Bộ Tài chính, quá hạn 49 ngày" in office
    assert "Quy hoạch đô thị ven biển" not in office


def test_a_second_run_sends_nothing_again(tasks, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=TODAY)
    before = (Digest.objects.count(), Reminder.objects.count(), len(mail.outbox))
    with django_capture_on_commit_callbacks(execute=True):
        again = send_reminders(today=TODAY)
        next_day = send_reminders(today=TODAY + dt.timedelta(days=1))
    assert (again.digests, next_day.digests) == (0, 0)
    assert (Digest.objects.count(), Reminder.objects.count(), len(mail.outbox)) == before


def test_a_new_state_is_reminded_once_more(tasks, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=TODAY)
    # The deadline moves: due soon again, for the new date. The old reminders stay recorded.
    Task.objects.filter(pk=tasks["overdue"].pk).update(due_on=dt.date(2026, 3, 14))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders(today=TODAY)
    assert result.digests == 1 and result.items == 1
    assert "Quy hoạch đô thị ven biển (hạn 14/03/2026)" in mail.outbox[0].body


def test_no_address_no_record(tasks, people, django_capture_on_commit_callbacks):
    type(people["bxd"]).objects.filter(pk=people["bxd"].pk).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders(today=TODAY)
    assert result.skipped_no_address == [BXD]
    assert not Reminder.objects.filter(agency=agency(BXD), kind="due_soon").exists()  # sent once someone can read it


def test_each_agency_sees_what_it_was_sent(tasks, people, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=TODAY)
    client.force_login(people["bxd"])
    page = client.get("/tong-hop/nhac-viec/").content.decode()
    assert "Trình đề án cảng biển" in page and "Cơ chế tài chính đặc thù" not in page
    client.force_login(people["office"])
    page = client.get("/tong-hop/nhac-viec/").content.decode()
    assert "Trình đề án cảng biển" in page and "quá hạn 49 ngày" in page


def test_command(tasks, people, monkeypatch, capsys):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    call_command("send_reminders")
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "Đã gửi 3 thư" in out and "Đã gửi 0 thư" in out


def test_job(tasks, people, monkeypatch, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from theodoi.reports.jobs import send_reminders as job

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert job.call() == {"digests": 3, "items": 5, "escalations": 1, "no_address": []}


def test_indicator_periods_awaiting_entry(people, settings, django_capture_on_commit_callbacks):
    from decimal import Decimal

    from theodoi.indicators.models import Observation
    from tests.indicators.conftest import make_indicator
    from tests.tasks.factories import DocumentFactory

    settings.INDICATOR_LOCK_DAYS = 30
    document = DocumentFactory()
    make_indicator(document, agency=agency(BXD), frequency="quarter")
    fdi = make_indicator(document, code="HP-FDI", name="Vốn FDI thu hút", unit="triệu USD", is_rate_of_change=False,
                   agency=agency(BTC), frequency="quarter")
    Observation.objects.create(indicator=fdi, period_start=dt.date(2025, 10, 1),
                               period_end=dt.date(2025, 12, 31), value=Decimal(500), source="Sở Tài chính",
                               state=Observation.State.SUBMITTED, entered_by=people["btc"])
    january = dt.date(2026, 1, 20)  # Q4/2025 ended 20 days ago: open until 30/01
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders(today=january)
        again = send_reminders(today=january)
    assert (result.digests, again.digests) == (1, 0)  # FDI's value is in: nothing to remind
    [message] = mail.outbox
    assert message.to == ["bxd@example.vn"]
    assert "CHỈ TIÊU CHỜ NHẬP SỐ LIỆU (1)" in message.body
    assert "Tốc độ tăng trưởng GRDP (%): kỳ Quý IV/2025 chưa có số liệu gửi Văn phòng; nhập đến hết ngày 30/01/2026" in message.body
    # Locked by time from 31/01: no reminder for a period that can no longer be entered.
    Reminder.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=dt.date(2026, 2, 5)).digests == 0


def test_coordinating_agencies_hear_of_their_tasks_for_information(people, django_capture_on_commit_callbacks):
    """The lead answers for a task; an agency coordinating it owes its part and hears, once per
    state, that it is due soon or overdue (a merged coordinator's successor hears it)."""
    late = TaskFactory(title="Cải tạo kênh An Kim Hải", lead_agency=agency(BXD), due_on=dt.date(2026, 3, 1),
                       coordinating=[BKHDT])
    TaskFactory(title="Đề án nhà ở xã hội", lead_agency=agency(BXD), due_on=dt.date(2026, 3, 14),
                coordinating=[BTC, BXD])
    TaskFactory(title="Việc Bộ Tài chính vừa chủ trì vừa phối hợp", lead_agency=agency(BTC),
                due_on=dt.date(2026, 3, 2), coordinating=[BTC])
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(today=TODAY)
    by_to = {tuple(m.to): m.body for m in mail.outbox}
    finance = by_to[("btc@example.vn",)]
    assert "NHIỆM VỤ PHỐI HỢP SẮP ĐẾN HẠN, QUÁ HẠN (ĐỂ BIẾT) (2)" in finance
    assert "Cải tạo kênh An Kim Hải – quá hạn, hạn 01/03/2026; chủ trì: Bộ Xây dựng" in finance
    assert "Đề án nhà ở xã hội – sắp đến hạn, hạn 14/03/2026; chủ trì: Bộ Xây dựng" in finance
    assert finance.count("Việc Bộ Tài chính vừa chủ trì vừa phối hợp") == 1  # as lead only
    assert "PHỐI HỢP" not in by_to[("bxd@example.vn",)]  # leads, so hears of it as lead
    assert Reminder.objects.filter(kind=Reminder.Kind.COORDINATING, task=late, agency=agency(BTC)).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=TODAY).digests == 0
    assert not mail.outbox


def assert_sent_once(result: dict, n: int) -> None:
    assert result["outcomes"] == ["ok"] * n, result["errors"]
    assert result["again"] == 0
    # 4 agencies × (due soon + overdue as lead, due soon + overdue coordinated) + 4 escalations.
    assert result["reminders"] == 20 and result["repeated"] == []
    assert result["digests"] == result["mails"] == 5
    assert result["mail_recipients"] == ["race0@example.vn", "race1@example.vn", "race2@example.vn",
                                         "race3@example.vn", "vanphong@example.vn"]


def test_concurrent_reminder_runs_on_a_sqlite_file_send_each_reminder_once(tmp_path):
    from tests.tasks.races import run_in_child

    assert_sent_once(run_in_child("tests.reports.reminder_races", str(tmp_path / "reminders.sqlite3"), 4), 4)


@pytest.mark.django_db(transaction=True)
def test_concurrent_reminder_runs_on_postgresql_send_each_reminder_once():
    from tests.reports.reminder_races import scenario
    from tests.tasks.races import on_postgresql

    assert_sent_once(on_postgresql(scenario, 4), 4)
