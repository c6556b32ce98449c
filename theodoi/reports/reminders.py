"""Reminders: one digest per agency (due within days, overdue, reports returned for
revision, indicator periods awaiting entry), and escalations to the office for tasks overdue too long.

Run daily by the job `theodoi.reports.jobs.send_reminders` or `theodoi send_reminders`
(deploy/theodoi-reminders.timer). Every item is recorded with the state it was about
(`Reminder.state`); an item already recorded is not sent again, so running twice a day,
or two runs at once, sends nothing twice. Statuses are the stored ones (tasks.status).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import current_successors
from theodoi.core.roles import OFFICE
from theodoi.reports.models import Digest, Reminder
from theodoi.tasks.models import Assignment, ProgressReport, Recurrence, Task
from theodoi.tasks.periods import cadence_for, period_containing
from theodoi.tasks.status import Status, settle_due, stored_status


@dataclass
class Item:
    agency: Agency  # the agency the item is about (answering today: successors of a merged body)
    kind: str
    subject_key: str
    state: str
    text: str
    task: Task | None = None


@dataclass
class RunResult:
    digests: int = 0
    items: int = 0
    escalations: int = 0
    skipped_no_address: list[str] = field(default_factory=list)


def _answering(agency: Agency, cache: dict[int, list[Agency]]) -> list[Agency]:
    if agency.pk not in cache:
        cache[agency.pk] = current_successors(agency) if agency.dissolved_on else [agency]
    return cache[agency.pk]


def _due(task: Task) -> str:
    return f"{task.due_on:%d/%m/%Y}" if task.due_on else (task.deadline_text or "—")


def _overdue_state(task: Task, today: dt.date) -> str:
    """One state per missed deadline: the due date, or for a recurring task the period owed."""
    if task.recurrence == Recurrence.ONCE:
        return f"overdue:{task.due_on}"
    return f"overdue:{task.settled_reason}:{period_containing(cadence_for(task.recurrence), today).key}"


def collect(*, today: dt.date) -> tuple[list[Item], list[Item]]:
    """(items for the agencies, escalations for the office) as of today."""
    soon_days, escalate_days = settings.REMINDER_DUE_SOON_DAYS, settings.REMINDER_ESCALATION_DAYS
    cache: dict[int, list[Agency]] = {}
    items: list[Item] = []
    escalations: list[Item] = []
    # A reminder acts on the status it reads: wait for a run or a writer settling the same
    # tasks (a page read would skip them), or two runs at once split an agency's digest.
    settle_due(today=today, wait=True)
    tasks = stored_status(Task.objects.filter(lead_agency__isnull=False)).select_related("lead_agency")
    # Read once, with the assignments, for both the leads' items and the coordinating ones.
    tasks = tasks.prefetch_related("assignments__agency").order_by("due_on", "id")
    due_soon = list(tasks.filter(settled_status=Status.OPEN_ON_TIME, recurrence=Recurrence.ONCE,
                                 due_on__gte=today, due_on__lte=today + dt.timedelta(days=soon_days)))
    overdue = list(tasks.filter(settled_status=Status.OPEN_OVERDUE))
    for task in due_soon:
        for agency in _answering(task.lead_agency, cache):
            items.append(Item(agency, Reminder.Kind.DUE_SOON, f"task:{task.pk}", f"due:{task.due_on}",
                              f"{task.title} (hạn {_due(task)})", task))
    for task in overdue:
        for agency in _answering(task.lead_agency, cache):
            items.append(Item(agency, Reminder.Kind.OVERDUE, f"task:{task.pk}", _overdue_state(task, today),
                              f"{task.title} (hạn {_due(task)})", task))
            if task.recurrence == Recurrence.ONCE and task.due_on and (today - task.due_on).days >= escalate_days:
                escalations.append(Item(agency, Reminder.Kind.ESCALATION, f"task:{task.pk}", f"escalation:{task.due_on}",
                                        f"{task.title} – {agency.name}, quá hạn {(today - task.due_on).days} ngày "
                                        f"(hạn {_due(task)})", task))
    items += _coordinating_items(due_soon=due_soon, overdue=overdue, today=today, cache=cache)
    returned = ProgressReport.objects.filter(state=ProgressReport.State.RETURNED).select_related("task", "agency")
    for report in returned.order_by("reviewed_at", "id"):
        for agency in _answering(report.agency, cache):
            items.append(Item(agency, Reminder.Kind.RETURNED, f"report:{report.pk}",
                              f"returned:{report.reviewed_at.isoformat() if report.reviewed_at else ''}",
                              f"{report.task.title} – báo cáo kỳ {report.period_start:%d/%m/%Y}–"
                              f"{report.period_end:%d/%m/%Y}: {report.return_reason}", report.task))
    items += _indicator_items(today=today, cache=cache)
    return items, escalations


def _coordinating_items(*, due_soon: list[Task], overdue: list[Task], today: dt.date,
                        cache: dict[int, list[Agency]]) -> list[Item]:
    """Each coordinating agency (today's body for a merged one) hears, for information, of the
    tasks it coordinates that fall due within days or are overdue, once per state, as the lead
    does: it owes the lead its part. An agency that also leads the task hears of it as lead only."""
    items = []
    # Stored and mailed in Vietnamese, as the other items' texts.
    for label, tasks, is_due_soon in (("sắp đến hạn", due_soon, True), ("quá hạn", overdue, False)):
        for task in tasks:
            leads = {a.pk for a in _answering(task.lead_agency, cache)}
            leads |= {a.pk for x in task.assignments.all() if x.role == Assignment.Role.LEAD
                      for a in _answering(x.agency, cache)}
            state = f"due:{task.due_on}" if is_due_soon else _overdue_state(task, today)
            told: set[int] = set()
            for assignment in task.assignments.all():
                if assignment.role != Assignment.Role.COORDINATING:
                    continue
                for agency in _answering(assignment.agency, cache):
                    if agency.pk in leads or agency.pk in told:
                        continue
                    told.add(agency.pk)
                    items.append(Item(agency, Reminder.Kind.COORDINATING, f"task:{task.pk}", state,
                                      f"{task.title} – {label}, hạn {_due(task)}; chủ trì: {task.lead_agency.name}",
                                      task))
    return items


def _indicator_items(*, today: dt.date, cache: dict[int, list[Agency]]) -> list[Item]:
    """Indicator periods awaiting entry: the last finished period of each indicator, still
    open for entry (indicators.locks), with no value submitted or approved yet."""
    from theodoi.indicators.locks import lock_for, locks_on
    from theodoi.indicators.models import LockException, Observation
    from theodoi.indicators.selectors import indicator_list

    items = []
    for indicator in indicator_list().select_related("agency"):
        period = indicator.period_of(today).previous()
        observation = next((o for o in indicator.observations.all() if o.period_start == period.start), None)
        exception = LockException.objects.filter(indicator=indicator, period_start=period.start).first()
        if lock_for(period=period, observation=observation, exception=exception, today=today) is not None:
            continue
        if observation is not None and observation.state in (Observation.State.SUBMITTED, Observation.State.APPROVED):
            continue
        state = observation.state if observation else "none"
        closes = exception.until if exception and today <= exception.until else locks_on(period) - dt.timedelta(days=1)
        for agency in _answering(indicator.agency, cache):
            items.append(Item(agency, Reminder.Kind.INDICATOR, f"indicator:{indicator.pk}:{period.key}",
                              f"entry:{state}",
                              f"{indicator.name} ({indicator.unit}): kỳ {period.label} chưa có số liệu gửi Văn phòng; "
                              f"nhập đến hết ngày {closes:%d/%m/%Y}"))
    return items


def _recipients(agency: Agency | None) -> list[str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(membership__agency=agency) if agency else users.filter(groups__name=OFFICE)
    return sorted(set(users.values_list("email", flat=True)))


def _send(*, agency: Agency | None, items: list[Item], today: dt.date, result: RunResult) -> None:
    """Record and send one digest: only the items not sent before for the same state."""
    recipients = _recipients(agency)
    with transaction.atomic():
        if agency is not None:  # two runs at once queue here, and the second finds the items recorded
            Agency.objects.select_for_update().filter(pk=agency.pk).exists()
        else:
            Agency.objects.select_for_update().filter(pk__in={i.agency.pk for i in items}).exists()
        sent: set[tuple] = set()
        agency_ids = {i.agency.pk for i in items}
        keys = sorted({i.subject_key for i in items})
        for start in range(0, len(keys), 500):
            sent.update(Reminder.objects.filter(agency_id__in=agency_ids, subject_key__in=keys[start:start + 500])
                        .values_list("agency_id", "kind", "subject_key", "state"))
        new = [i for i in items if (i.agency.pk, i.kind, i.subject_key, i.state) not in sent]
        if not new:
            return
        if not recipients:
            result.skipped_no_address.append(agency.name if agency else "Văn phòng")
            return
        with translation.override(settings.LANGUAGE_CODE):
            groups: dict[str, list[Item]] = defaultdict(list)
            for item in new:
                groups[item.kind].append(item)
            sections = [(str(Reminder.Kind(kind).label), groups[kind]) for kind in Reminder.Kind.values if groups[kind]]
            context = {"agency": agency, "sections": sections, "today": today,
                       "site": settings.SITE_URL.rstrip("/")}
            subject = render_to_string("reports/email/digest_subject.txt", context).strip()
            body = render_to_string("reports/email/digest.txt", context)
        digest = Digest.objects.create(agency=agency, recipients=", ".join(recipients), subject=subject, body=body)
        Reminder.objects.bulk_create([Reminder(digest=digest, agency=i.agency, kind=i.kind, task=i.task,
                                               subject_key=i.subject_key, state=i.state, text=i.text) for i in new])
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
        result.digests += 1
        result.items += len(new)
        if agency is None:
            result.escalations += len(new)


def send_reminders(*, today: dt.date | None = None) -> RunResult:
    """One digest per agency with something new, one escalation digest to the office."""
    today = today or timezone.localdate()
    items, escalations = collect(today=today)
    by_agency: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        by_agency[item.agency.pk].append(item)
    result = RunResult()
    for agency_items in by_agency.values():
        _send(agency=agency_items[0].agency, items=agency_items, today=today, result=result)
    if escalations:
        _send(agency=None, items=escalations, today=today, result=result)
    return result
