"""Two reminder runs at the same moment (the timer and someone running the command by hand,
or two workers): each reminder is recorded and mailed once.

Threads with their own connections, in-process on PostgreSQL, and for SQLite in a child
process on a file database (`python -m tests.reports.reminder_races DB_PATH N`), as
tests/tasks/races.py does for the task writes.
"""

import datetime as dt
from collections import Counter
from typing import Any

TODAY = dt.date(2026, 3, 10)


def scenario(n: int) -> dict[str, Any]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core import mail

    from tests.tasks.races import run_at_once
    from theodoi.agencies.models import Agency, Membership
    from theodoi.core.roles import OFFICE
    from theodoi.documents.models import Document
    from theodoi.reports.models import Digest, Reminder
    from theodoi.reports.reminders import send_reminders
    from theodoi.tasks.models import Assignment, Task

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    names = ["Bộ Xây dựng", "Bộ Tài chính", "Bộ Y tế", "Sở Xây dựng thành phố Hải Phòng"]
    agencies = [Agency.objects.get(name=name) for name in names]
    users = get_user_model().objects
    office = users.create_user(username="race-reminder-office", email="vanphong@example.vn")
    office.groups.add(Group.objects.get(name=OFFICE))
    for i, agency in enumerate(agencies):
        user = users.create_user(username=f"race-reminder-{i}", email=f"race{i}@example.vn")
        Membership.objects.create(user=user, agency=agency)
    document = Document.objects.create(kind="nghi-quyet", number="98/NQ-CP", title="Chương trình thử",
                                       text="Văn bản thử.", issued_on=dt.date(2025, 1, 10))
    for i, agency in enumerate(agencies):
        soon = Task.objects.create(document=document, title=f"Sắp đến hạn {i}", lead_agency=agency,
                                   due_on=TODAY + dt.timedelta(days=3))
        late = Task.objects.create(document=document, title=f"Quá hạn {i}", lead_agency=agency,
                                   due_on=TODAY - dt.timedelta(days=40))
        partner = agencies[(i + 1) % len(agencies)]
        Assignment.objects.create(task=late, agency=partner, role=Assignment.Role.COORDINATING)
        Assignment.objects.create(task=soon, agency=partner, role=Assignment.Role.COORDINATING)

    outcomes = run_at_once([lambda: send_reminders(today=TODAY) for _ in range(n)])
    again = send_reminders(today=TODAY)  # and a run after them: nothing left to send
    keys = Counter(Reminder.objects.values_list("agency_id", "kind", "subject_key", "state"))
    bodies = [m.body for m in mail.outbox]
    return {
        "outcomes": sorted(o for o, _ in outcomes),
        "errors": [d for o, d in outcomes if o != "ok"],
        "again": again.digests,
        "reminders": sum(keys.values()),
        "repeated": [list(k) for k, c in keys.items() if c > 1],
        "digests": Digest.objects.count(),
        "mails": len(bodies),
        "mail_recipients": sorted(r for m in mail.outbox for r in m.to),
    }


if __name__ == "__main__":
    from tests.tasks.races import child_main

    child_main(scenario)
