"""API test helpers: callers (anonymous, or with a token issued through the service), a
database holding non-public data with unique markers, and generous rates unless a test
sets its own."""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from tests.tasks.factories import CommentFactory, DocumentFactory, ReportFactory, TaskFactory, UserFactory, agency
from theodoi.api.services import api_token_issue
from theodoi.core.roles import OFFICE
from theodoi.tasks.models import ProgressReport, ReportEvidence, TaskComment
from theodoi.tasks.periods import period_containing
from django.utils import timezone


@pytest.fixture(autouse=True)
def _generous_rates(settings):
    settings.API_ANON_RATE = "10000/minute"
    settings.API_USER_RATE = "10000/minute"


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


def client_for(user, *, issuer=None) -> APIClient:
    """A client calling with a fresh token of `user` (issued by `issuer`, an office user)."""
    issuer = issuer or UserFactory(username="token-issuer", role=OFFICE)
    issued = api_token_issue(actor=issuer, user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
    return client


def evidence(report: ProgressReport, name: str) -> ReportEvidence:
    item = ReportEvidence(report=report, original_name=name)
    item.file.save(name, ContentFile(b"%PDF-1.4 " + name.encode()), save=False)
    item.save()
    return item


@dataclass
class Seeded:
    """Rows of each kind, every non-public text carrying a marker of its own."""

    markers: dict[str, str] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)

    def mark(self, kind: str) -> str:
        marker = f"MARKER-{kind.upper()}-7f3a"
        self.markers[kind] = marker
        return marker


@pytest.fixture
def seeded(db) -> Seeded:
    s = Seeded()
    author = UserFactory(username=s.mark("username").lower(), email=s.mark("email").lower() + "@example.org",
                         first_name=s.mark("author_name"), role="Cán bộ cơ quan",
                         agency="Ủy ban nhân dân thành phố Hải Phòng")
    hidden_doc = DocumentFactory(number="99/NQ-BIMAT", title=s.mark("document_title"), text=s.mark("document_text"))
    doc = DocumentFactory(number="7/NQ-CP", title="Chương trình hành động", text="Hải Phòng phát triển cảng biển.")
    task = TaskFactory(document=doc, title="Phát triển cảng biển", published=True, coordinating=["Bộ Xây dựng"])
    hidden = TaskFactory(document=doc, title=s.mark("task_title"), description=s.mark("task_description"),
                         output=s.mark("task_output"), published=False)
    TaskFactory(document=hidden_doc, title=s.mark("task_of_hidden_document"), published=False)
    quarter = period_containing("quarter", timezone.localdate()).previous()
    periods = [quarter]
    for _ in range(3):
        periods.append(periods[-1].previous())
    accepted = ReportFactory(task=task, author=author, state=ProgressReport.State.ACCEPTED,
                             period_start=periods[0].start, period_end=periods[0].end,
                             narrative="Đã khởi công bến số 1.", reviewed_at=timezone.now())
    draft = ReportFactory(task=task, author=author, state=ProgressReport.State.DRAFT, submitted_at=None,
                          period_start=periods[1].start, period_end=periods[1].end, narrative=s.mark("draft"))
    returned = ReportFactory(task=task, author=author, state=ProgressReport.State.RETURNED,
                             period_start=periods[2].start, period_end=periods[2].end,
                             narrative=s.mark("returned"), return_reason=s.mark("return_reason"))
    submitted = ReportFactory(task=task, author=author, state=ProgressReport.State.SUBMITTED,
                              period_start=periods[3].start, period_end=periods[3].end, narrative=s.mark("submitted"))
    s.objects.update(task=task, hidden_task=hidden, document=doc, hidden_document=hidden_doc, accepted=accepted,
                     draft=draft, returned=returned, submitted=submitted, author=author)
    s.objects["evidence"] = evidence(accepted, s.mark("evidence") + ".pdf")
    s.objects["comment"] = CommentFactory(task=task, author=author, body=s.mark("comment"))
    s.objects["direction"] = CommentFactory(task=task, author=author, body=s.mark("direction"),
                                            kind=TaskComment.Kind.DIRECTION)
    s.objects["agency"] = agency("Bộ Xây dựng")
    s.objects["today"] = dt.date.today()
    return s
