"""The demo programmes (Hải Phòng, Hà Nội) through the intake path: upload, extraction,
the office's stored review, tasks; plus users of each role and a few progress reports.

Idempotent: running it again updates what it made and adds nothing twice.
"""

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from theodoi.agencies.models import Membership
from theodoi.agencies.selectors import resolve_agency
from theodoi.core.audit import attribute_to
from theodoi.demo.indicators import load_demo_indicators
from theodoi.demo.consultations import load_demo_consultation
from theodoi.core.roles import LEADER, OFFICE, OFFICER, role_groups
from theodoi.lib.text import find_quote
from theodoi.documents.models import Document, DocumentLink
from theodoi.intake import services
from theodoi.intake.models import Candidate, Intake
from theodoi.tasks.models import ProgressReport, Recurrence, Task
from theodoi.tasks.periods import REPORTING_CADENCE, period_containing
from theodoi.tasks.services import report_accept, report_return, report_submit
from theodoi.tasks.status import settle
from theodoi.demo.portal import publish_demo
from theodoi.demo.petitions import load_demo_petitions

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
    groups = role_groups()
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


def _related_documents(actor) -> dict[str, Document]:
    """The documents the demo programmes carry out; they have no text here."""
    entries = json.loads((DEMO_DIR / "documents.json").read_text(encoding="utf-8"))
    documents: dict[str, Document] = {}
    for entry in entries:
        document = Document.objects.filter(number=entry["number"]).first() or Document(created_by=actor)
        document.kind = entry["kind"]
        document.number = entry["number"]
        document.issuer = resolve_agency(entry["issuer"]) if entry.get("issuer") else None
        document.issued_on = dt.date.fromisoformat(entry["issued_on"]) if entry.get("issued_on") else None
        document.title = entry["title"]
        attribute_to(document, actor).save()
        documents[entry["key"]] = document
        for link in entry.get("links", []):
            DocumentLink.objects.get_or_create(
                source=document, target=documents[link["target"]], relation=link["relation"]
            )
    return documents


def _existing(review: dict) -> Document | None:
    header = review.get("document") or {}
    if header.get("number"):
        return Document.objects.filter(number=header["number"]).first()
    if header.get("title"):
        return Document.objects.filter(title=header["title"]).first()
    return None


def _apply_review(intake: Intake, review: dict, office) -> None:
    """Replay the office's stored review decisions on the extractor's candidates."""
    header = dict(review.get("document") or {})
    if "issuer" in header:
        header["issuer_name"] = header.pop("issuer") or ""
    if header.get("issued_on"):
        header["issued_on"] = dt.date.fromisoformat(header["issued_on"])
    if header.get("number") is None and "number" in header:
        header["number"] = ""
    if header:
        services.intake_update_header(actor=office, intake=intake, **header)
    candidates = list(intake.candidates.all())
    for entry in review.get("candidates", []):
        span = find_quote(intake.text, entry["quote"])
        if span is None:
            raise ValueError(f"demo review: quote not in text: {entry['quote'][:60]}")
        candidate = next(c for c in candidates if c.start < span[1] and c.end > span[0])
        _correct(candidate, entry, office)
    for entry in review.get("added", []):
        _correct(services.candidate_add(actor=office, intake=intake, quote=entry["quote"]), entry, office)
    if review.get("unlisted", "accepted") == "accepted":
        services.intake_accept_pending(actor=office, intake=intake)
    default_lead = review.get("default_lead")
    if default_lead:
        for candidate in intake.candidates.filter(decision=Candidate.Decision.ACCEPTED):
            if not candidate.lead_names:
                services.candidate_update(actor=office, candidate=candidate, lead_names=[default_lead])


def _correct(candidate: Candidate, entry: dict, office) -> None:
    changes = {field: entry[key] for key, field in (
        ("title", "title"), ("lead", "lead_names"), ("coordinating", "coordinating_names"),
        ("output", "output"), ("deadline", "deadline_text"), ("domain", "domain")) if key in entry}
    if changes:
        services.candidate_update(actor=office, candidate=candidate, **changes)
    services.candidate_decide(actor=office, candidate=candidate, decision=entry.get("decision", "accepted"))


def _programmes(office) -> tuple[int, list[Document]]:
    created = 0
    documents = []
    for path in sorted((DEMO_DIR / "review").glob("*.json")):
        review = json.loads(path.read_text(encoding="utf-8"))
        existing = _existing(review)
        if existing is not None and existing.tasks.exists():
            documents.append(existing)
            continue
        source = DEMO_DIR / review["source"]
        intake = services.intake_create(actor=office, name=source.name, data=source.read_bytes())
        _apply_review(intake, review, office)
        document = services.intake_commit(actor=office, intake=intake)
        created += document.tasks.count()
        documents.append(document)
        # The tasks were assigned when the document was issued, not when typed in.
        if document.issued_on:
            issued = timezone.make_aware(dt.datetime.combine(document.issued_on, dt.time(8)))
            Task.objects.filter(document=document, created_at__gt=issued).update(created_at=issued)
            settle(Task.objects.filter(document=document).values_list("pk", flat=True))
    return created, documents


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
    related = _related_documents(office)
    created, documents = _programmes(office)
    reports = _reports(users, today)
    publish_demo(actor=office, documents=[*related.values(), *documents])
    load_demo_consultation(office=office, today=today)
    load_demo_petitions(office=office)
    load_demo_indicators(office=office, hai_phong_officer=users["ubnd"], password=DEMO_PASSWORD)
    return {"documents": len(related) + len(documents), "tasks_created": created, "reports_created": reports,
            "recurring": Task.objects.exclude(recurrence=Recurrence.ONCE).count()}
