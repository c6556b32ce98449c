"""The Hải Phòng demo programme: documents, tasks (through the import path), users, reports.

Idempotent: running it again updates what it made and adds nothing twice.
"""

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from theodoi.agencies.models import Membership
from theodoi.agencies.selectors import resolve_agency
from theodoi.core.audit import attribute_to
from theodoi.core.roles import LEADER, OFFICE, OFFICER, ensure_role_groups
from theodoi.core.text import nfc
from theodoi.documents.models import Document, DocumentLink
from theodoi.tasks.importing import import_task_rows
from theodoi.tasks.models import ProgressReport, Recurrence, Task
from theodoi.tasks.periods import REPORTING_CADENCE, period_containing
from theodoi.tasks.services import report_accept, report_return, report_submit
from theodoi.tasks.tables import read_table

DEMO_DIR = Path(settings.BASE_DIR) / "data" / "demo"
DEMO_PASSWORD = "theodoi-demo"

# username, full name, role, agency
DEMO_USERS = [
    ("vanphong", "Nguyễn Thị Thu", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng"),
    ("lanhdao", "Trần Văn Minh", LEADER, "Ủy ban nhân dân thành phố Hải Phòng"),
    ("ubnd", "Lê Hoàng Nam", OFFICER, "Ủy ban nhân dân thành phố Hải Phòng"),
    ("boxaydung", "Phạm Thu Hà", OFFICER, "Bộ Xây dựng"),
]


def _users() -> dict[str, object]:
    groups = ensure_role_groups()
    User = get_user_model()
    users = {}
    for username, full_name, role, agency_name in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        # Vietnamese order is family name first, so get_full_name() reads "Nguyễn Thị Thu".
        user.first_name, _, user.last_name = full_name.rpartition(" ")
        user.is_staff = role == OFFICE
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[role]])
        agency = resolve_agency(agency_name)
        if agency is not None:
            Membership.objects.update_or_create(user=user, defaults={"agency": agency})
        users[username] = user
    return users


def _documents(actor) -> dict[str, Document]:
    entries = json.loads((DEMO_DIR / "documents.json").read_text(encoding="utf-8"))
    documents: dict[str, Document] = {}
    for entry in entries:
        text = nfc((DEMO_DIR / entry["text_file"]).read_text(encoding="utf-8")) if entry.get("text_file") else ""
        lookup = {"number": entry["number"]} if entry.get("number") else {"title": entry["title"]}
        document = Document.objects.filter(**lookup).first() or Document(created_by=actor)
        document.kind = entry["kind"]
        document.number = entry.get("number") or ""
        document.issuer = resolve_agency(entry["issuer"]) if entry.get("issuer") else None
        document.issued_on = dt.date.fromisoformat(entry["issued_on"]) if entry.get("issued_on") else None
        document.title = entry["title"]
        document.text = text
        attribute_to(document, actor).save()
        documents[entry["key"]] = document
        for link in entry.get("links", []):
            DocumentLink.objects.get_or_create(
                source=document, target=documents[link["target"]], relation=link["relation"]
            )
    return documents


def _reports(users, today: dt.date) -> int:
    """A few reports in different states, so the dashboard tells a story."""
    office, ubnd = users["vanphong"], users["ubnd"]
    tasks = list(Task.objects.filter(lead_agency__members__user=ubnd).order_by("id"))
    made = 0
    for index, task in enumerate(tasks):
        if ProgressReport.objects.filter(task=task).exists():
            continue
        period = period_containing(REPORTING_CADENCE[task.recurrence], today)
        previous = period.previous()
        plan = index % 6
        if plan == 0:  # finished and accepted: completes the task
            report = report_submit(actor=ubnd, task=task, period=period, percent_complete=100,
                                   narrative="Đã hoàn thành, ban hành văn bản triển khai.")
            report_accept(actor=office, report=report)
        elif plan == 1:  # waiting for the office
            report_submit(actor=ubnd, task=task, period=period, percent_complete=60,
                          narrative="Đang triển khai; đã hoàn thành dự thảo, đang lấy ý kiến các sở.")
        elif plan == 2:  # sent back for more evidence
            report = report_submit(actor=ubnd, task=task, period=period, percent_complete=40,
                                   narrative="Đã giao các sở, ngành xây dựng kế hoạch.")
            report_return(actor=office, report=report,
                          reason="Đề nghị bổ sung số liệu cụ thể và văn bản minh chứng.")
        elif plan == 3:  # reported last period, accepted
            report = report_submit(actor=ubnd, task=task, period=previous, percent_complete=30,
                                   narrative="Đã khảo sát, đánh giá hiện trạng.")
            report_accept(actor=office, report=report)
        else:
            continue
        made += 1
    return made


@transaction.atomic
def load_demo(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    users = _users()
    office = users["vanphong"]
    documents = _documents(office)

    rows = read_table("hai-phong-tasks.csv", (DEMO_DIR / "hai-phong-tasks.csv").read_bytes())
    header, body = rows[0], rows[1:]
    document_column = [c.strip().lower() for c in header].index("văn bản")
    by_document: dict[str, list[list[str]]] = defaultdict(list)
    for row in body:
        by_document[row[document_column]].append(row)
    created = 0
    for key, document_rows in by_document.items():
        result = import_task_rows(actor=office, document=documents[key], rows=[header, *document_rows],
                                  source_name="hai-phong-tasks.csv")
        created += result.created
        # The tasks were assigned when the document was issued, not when typed in.
        if result.created and documents[key].issued_on:
            issued = timezone.make_aware(dt.datetime.combine(documents[key].issued_on, dt.time(8)))
            Task.objects.filter(document=documents[key], created_at__gt=issued).update(created_at=issued)
    Task.objects.filter(document__in=documents.values()).update(published=True)
    reports = _reports(users, today)
    return {"documents": len(documents), "tasks_created": created, "reports_created": reports,
            "recurring": Task.objects.exclude(recurrence=Recurrence.ONCE).count()}
