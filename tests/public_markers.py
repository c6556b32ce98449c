"""A database holding every kind of non-public data, each carrying a unique marker string.

For every public page and every anonymous API answer: seed with `seed_public_world()`
(or the `public_world` fixture of tests/portal/conftest.py), request the page, and call
`assert_no_markers(text)`. The public part (a published programme with a public task, an
accepted report with a public note and a published evidence file) is there so that the
pages have something to show next to what they must hide.

    from tests.public_markers import assert_no_markers, seed_public_world
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from theodoi.agencies.models import Agency, Membership
from theodoi.core.audit import attribute_to
from theodoi.core.roles import OFFICE, OFFICER, role_groups
from theodoi.documents.models import Document, DocumentLink
from theodoi.documents.services import document_publish
from theodoi.tasks.models import Assignment, ProgressReport, ReportEvidence, Task, TaskComment
from theodoi.tasks.periods import period_containing
from theodoi.tasks.services import report_publish_note, task_publish
from theodoi.tasks.status import settle_all

HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"
COORDINATOR = "Bộ Xây dựng"
OFFICE_AGENCY = "Văn phòng Ủy ban nhân dân thành phố Hải Phòng"

# Each marker names what it stands for; none may appear in a public answer.
MARKERS = {
    "unpublished_document_title": "Mkrunpubdoctitle",
    "unpublished_document_number": "MKRUNPUB/NQ-CP",
    "unpublished_document_text": "Mkrunpubdoctext",
    "unpublished_task": "Mkrunpubtask",
    "task_of_unpublished_document": "Mkrtaskofhiddendoc",
    "draft_report": "Mkrdraftnarrative",
    "submitted_report": "Mkrsubmittednarrative",
    "returned_report": "Mkrreturnednarrative",
    "return_reason": "Mkrreturnreason",
    "accepted_private_narrative": "Mkracceptedprivate",
    "narrative_behind_public_note": "Mkrnarrativebehindnote",
    "comment": "Mkrinternalcomment",
    "direction": "Mkrdirection",
    "user_name": "mkrusername",
    "user_first_name": "Mkrfirstname",
    "user_email": "mkr-user@example.invalid",
    "office_email": "mkr-office@example.invalid",
    "evidence_unpublished": "mkr-evidence-draft.pdf",
    "evidence_of_unpublished_note": "mkr-evidence-private.pdf",
    "history_reason": "Mkrhistoryreason",
    "indicator_of_unpublished_document": "Mkrhiddenindicator",
    "unapproved_observation_source": "Mkrdraftobservationsource",
    "indicator_notes": "Mkrindicatornotes",
}
PUBLIC_INDICATOR = "Tốc độ tăng trưởng GRDP"

PUBLIC_TITLE = "Hoàn thiện hạ tầng giao thông liên vùng"
PUBLIC_NOTE = "Đã khởi công tuyến đường bộ ven biển đoạn qua Hải Phòng."
PUBLISHED_EVIDENCE = "bien-ban-khoi-cong.pdf"
PUBLIC_TEXT = (
    "Nghị quyết về chương trình hành động. "
    "Thành phố cần hoàn thiện hạ tầng giao thông liên vùng. "
    "Xây dựng chính quyền số phục vụ người dân."
)


@dataclass
class PublicWorld:
    office: object
    officer: object
    document: Document
    task: Task  # public, with the public note and published evidence
    other_public_task: Task
    public_note: ProgressReport
    evidence: ReportEvidence  # published
    hidden_document: Document
    hidden_task: Task
    markers: dict[str, str] = field(default_factory=lambda: dict(MARKERS))


def _user(username: str, role: str, agency: str, email: str, first_name: str = ""):
    user = get_user_model().objects.create_user(username=username, password="pw", email=email,
                                                first_name=first_name, last_name=first_name)
    user.groups.add(role_groups()[role])
    Membership.objects.create(user=user, agency=Agency.objects.get(name=agency))
    return user


def _report(task: Task, state: str, narrative: str, period_start: dt.date, author, **extra) -> ProgressReport:
    report = ProgressReport(
        task=task, agency=task.lead_agency, author=author, period_start=period_start,
        period_end=period_containing("quarter", period_start).end, percent_complete=extra.pop("percent", 40),
        narrative=narrative, state=state,
        submitted_at=None if state == ProgressReport.State.DRAFT else timezone.now(), **extra,
    )
    attribute_to(report, author, reason=MARKERS["history_reason"]).save()
    return report


def _evidence(report: ProgressReport, name: str, author) -> ReportEvidence:
    item = ReportEvidence(report=report, original_name=name, uploaded_by=author)
    item.file.save(name, ContentFile(b"%PDF-1.4 demo " + name.encode()), save=False)
    item.save()
    return item


def seed_public_world() -> PublicWorld:
    """Seed (needs the agency registry, as tests/conftest.py loads it) and return handles."""
    m = MARKERS
    office = _user("mkroffice", OFFICE, OFFICE_AGENCY, m["office_email"])
    officer = _user(m["user_name"], OFFICER, HAI_PHONG, m["user_email"], m["user_first_name"])
    lead = Agency.objects.get(name=HAI_PHONG)

    document = Document.objects.create(
        kind="nghi-quyet", number="7/NQ-CP", title="Chương trình hành động của Chính phủ",
        text=PUBLIC_TEXT, issuer=Agency.objects.get(name="Chính phủ"), issued_on=dt.date(2025, 1, 10),
        created_by=office,
    )
    hidden_document = Document.objects.create(
        kind="ket-luan", number=m["unpublished_document_number"], title=m["unpublished_document_title"],
        text=m["unpublished_document_text"], created_by=office,
    )
    # The public programme carries out the hidden one: the chain must not name it.
    DocumentLink.objects.create(source=document, target=hidden_document, relation=DocumentLink.Relation.IMPLEMENTS)

    start = PUBLIC_TEXT.index("hoàn thiện")
    task = Task.objects.create(
        document=document, title=PUBLIC_TITLE, lead_agency=lead, domain="ha-tang",
        deadline_text="Năm 2026", due_on=dt.date(2026, 12, 31),
        source_start=start, source_end=start + len("hoàn thiện hạ tầng giao thông liên vùng"), created_by=office,
    )
    Assignment.objects.create(task=task, agency=Agency.objects.get(name=COORDINATOR))
    other = Task.objects.create(document=document, title="Xây dựng chính quyền số", lead_agency=lead,
                                domain="khcn-cds", due_on=dt.date(2025, 6, 30), created_by=office)
    hidden_task = Task.objects.create(document=document, title=m["unpublished_task"], lead_agency=lead,
                                      due_on=dt.date(2025, 3, 31), created_by=office)
    Task.objects.create(document=hidden_document, title=m["task_of_unpublished_document"], lead_agency=lead,
                        published=True, created_by=office)

    document = document_publish(actor=office, document=document, published=True)
    task = task_publish(actor=office, task=task, published=True)
    other = task_publish(actor=office, task=other, published=True)

    today = timezone.localdate()
    quarter = period_containing("quarter", today)
    previous, older = quarter.previous(), quarter.previous().previous()
    oldest = older.previous()
    # On the public task: one report in every state, and the accepted one made public.
    _report(task, ProgressReport.State.DRAFT, m["draft_report"], quarter.start, officer)
    returned = _report(task, ProgressReport.State.RETURNED, m["returned_report"], previous.start, officer,
                       return_reason=m["return_reason"], reviewed_by=office, reviewed_at=timezone.now())
    _evidence(returned, m["evidence_unpublished"], officer)
    public_note = _report(task, ProgressReport.State.ACCEPTED, m["narrative_behind_public_note"], older.start,
                          officer, percent=70, reviewed_by=office, reviewed_at=timezone.now())
    evidence = _evidence(public_note, PUBLISHED_EVIDENCE, officer)
    public_note = report_publish_note(actor=office, report=public_note, note=PUBLIC_NOTE, evidence_published=True)
    private = _report(task, ProgressReport.State.ACCEPTED, m["accepted_private_narrative"], oldest.start, officer,
                      percent=30, reviewed_by=office, reviewed_at=timezone.now())
    _evidence(private, m["evidence_of_unpublished_note"], officer)
    _report(other, ProgressReport.State.SUBMITTED, m["submitted_report"], previous.start, officer)
    TaskComment.objects.create(task=task, author=office, body=m["comment"])
    TaskComment.objects.create(task=task, author=office, body=m["direction"], kind=TaskComment.Kind.DIRECTION)
    _indicators(document, hidden_document, officer, office)
    settle_all()
    return PublicWorld(office=office, officer=officer, document=document, task=task, other_public_task=other,
                       public_note=public_note, evidence=evidence, hidden_document=hidden_document,
                       hidden_task=hidden_task)


def _indicators(document: Document, hidden_document: Document, officer, office) -> None:
    """A public indicator with an approved value and a target; a value not yet approved; an
    indicator set by an unpublished document."""
    from decimal import Decimal

    from theodoi.indicators.models import Indicator, Observation, Target

    lead = Agency.objects.get(name=HAI_PHONG)
    m = MARKERS
    grdp = Indicator.objects.create(code="HP-GRDP", name=PUBLIC_INDICATOR, unit="%", is_rate_of_change=True,
                                    agency=lead, document=document, notes=m["indicator_notes"])
    Target.objects.create(indicator=grdp, document=document, from_year=2025, year=2030, low=Decimal("8.0"),
                          high=Decimal("8.5"), wording="tăng 8,0 - 8,5%/năm")
    Observation.objects.create(indicator=grdp, period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                               value=Decimal("11.01"), source="Cục Thống kê", state=Observation.State.APPROVED,
                               entered_by=officer, reviewed_by=office, reviewed_at=timezone.now())
    Observation.objects.create(indicator=grdp, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                               value=Decimal("97.5"), source=m["unapproved_observation_source"],
                               state=Observation.State.SUBMITTED, entered_by=officer)
    Indicator.objects.create(code="HP-HIDDEN", name=m["indicator_of_unpublished_document"], unit="%",
                             agency=lead, document=hidden_document)


def assert_no_markers(text: str | bytes, *, where: str = "") -> None:
    """Fail naming every marker found in `text` (case-insensitive)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    lowered = text.lower()
    found = [name for name, marker in MARKERS.items() if marker.lower() in lowered]
    assert not found, f"non-public data in {where or 'the answer'}: {found}"
